"""Reads a round's compiled DOCX back with python-docx and checks it against the compiled
JSON: the letterhead, report number and signature block; the round's summary figures; and,
for every accepted part, its department's heading, its figures table (each figure's value
equal to the JSON's) and its three sections, line by line.

Usage: readback.py ROUND.docx ROUND.json   (Vietnamese documents)
"""
import json
import sys

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

document = docx.Document(sys.argv[1])
compiled = json.load(open(sys.argv[2], encoding="utf-8"))
problems = []


# The body's paragraphs and tables, in order.
body = list(document.iter_inner_content())


def heading(block):
    """True for a paragraph in the first heading style (a paragraph of no style has none)."""
    return isinstance(block, Paragraph) and block.style is not None and block.style.name == "Heading 1"


def text_of(table):
    return "\n".join(cell.text for row in table.rows for cell in row.cells)


def number(text):
    """A value as the Vietnamese document writes it; None for a dash."""
    text = text.strip().replace("%", "").strip().replace(",", ".")
    return None if text in ("—", "") else float(text)


def agrees(written, value, key):
    """A share is written as a percentage with one decimal, days with at most one."""
    if value is None:
        return written is None
    if written is None:
        return False
    if key == "coverage":
        return abs(written - value * 100) <= 0.05 + 1e-9
    return abs(written - value) <= 0.05 + 1e-9


def check_figures(table, figures, against, where):
    """Each row of `table` names a figure of `figures` (label, key) and holds the value
    `against` gives for its key in its second column."""
    rows = {row.cells[0].text: row.cells[1].text for row in table.rows[1:]}
    for f in figures:
        if f["label"] not in rows:
            problems.append(f"{where}: no row {f['label']!r}")
            continue
        value = against(f)
        if not agrees(number(rows[f["label"]]), value, f["key"]):
            problems.append(f"{where}: {f['label']} is {rows[f['label']]!r}, the JSON {value}")


tables = [b for b in body if isinstance(b, Table)]
letterhead, signatures = text_of(tables[0]), text_of(tables[-1])
for words in ("UBND TỈNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: ........../BC-......"):
    if words not in letterhead:
        problems.append(f"the letterhead lacks {words!r}")
for words in ("Nơi nhận:", "NGƯỜI LẬP BÁO CÁO"):
    if words not in signatures:
        problems.append(f"the signature block lacks {words!r}")

parts = compiled["parts"]
if not parts:
    problems.append("the JSON has no accepted part")
labels = parts[0]["figures"] if parts else []
# The round's own summary: the first table after the letterhead.
check_figures(tables[1], labels, lambda f: compiled["report"]["total"][f["key"]], "the summary")

for part in parts:
    name = part["name"]
    at = next((i for i, b in enumerate(body)
               if heading(b) and b.text == name), None)
    if at is None:
        problems.append(f"no heading for {name}")
        continue
    rest = body[at + 1:]
    end = next((i for i, b in enumerate(rest) if heading(b)), len(rest))
    own = rest[:end]
    table = next((b for b in own if isinstance(b, Table)), None)
    if table is None:
        problems.append(f"{name}: no figures table")
    else:
        check_figures(table, part["figures"], lambda f: f["value"], name)
    paragraphs = [b.text for b in own if isinstance(b, Paragraph)]
    for section in ("results", "difficulties", "proposals"):
        for line in part["sections"][section].splitlines():
            if line.strip() and line not in paragraphs:
                problems.append(f"{name}: the {section} lack {line!r}")

if problems:
    print("FAIL:", *problems, sep="\n  ")
    sys.exit(1)
print(f"ok: the DOCX has the letterhead, the signatures, the summary and {len(parts)} parts "
      "with their figures and sections")
