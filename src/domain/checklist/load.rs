//! Reading and validating checklist files, reporting every problem with file and line.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::{Answer, Checklist, Feature, Item, PhotoRule, Section, Severity, Unit};
use crate::domain::lang::Bilingual;
use crate::domain::site::SiteKind;

/// One problem in one checklist file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistError {
    /// The file.
    pub file: PathBuf,
    /// 1-based line (1 when the problem concerns the whole file).
    pub line: usize,
    /// What is wrong, in words an official can act on.
    pub reason: String,
}

impl fmt::Display for ChecklistError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.reason)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChecklist {
    id: Spanned<String>,
    version: Spanned<i64>,
    regulation: Spanned<String>,
    applies_to: Spanned<Vec<Spanned<String>>>,
    title: Spanned<RawText>,
    #[serde(default)]
    section: Vec<Spanned<RawSection>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    vi: Option<String>,
    en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    code: Spanned<String>,
    title: Spanned<RawText>,
    #[serde(default)]
    item: Vec<Spanned<RawItem>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    code: Spanned<String>,
    text: Spanned<RawText>,
    clause: Spanned<String>,
    feature: Spanned<String>,
    severity: Spanned<String>,
    answer: Spanned<toml::Value>,
    photo: Spanned<String>,
    verified: bool,
    guidance: Option<Spanned<RawText>>,
}

/// Collects problems for one file, turning byte offsets into line numbers.
struct Report<'a> {
    file: &'a Path,
    source: &'a str,
    errors: Vec<ChecklistError>,
}

impl Report<'_> {
    fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.source.len());
        self.source.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    fn add(&mut self, offset: usize, reason: impl Into<String>) {
        let line = self.line_of(offset);
        self.errors.push(ChecklistError {
            file: self.file.to_path_buf(),
            line,
            reason: reason.into(),
        });
    }

    fn text(&mut self, raw: &Spanned<RawText>, what: &str) -> Bilingual {
        let at = raw.span().start;
        let raw = raw.get_ref();
        let mut lang = |value: &Option<String>, code: &str| match value.as_deref().map(str::trim) {
            Some(text) if !text.is_empty() => text.to_owned(),
            Some(_) => {
                self.add(at, format!("{what}: the `{code}` text is empty"));
                String::new()
            }
            None => {
                self.add(at, format!("{what}: the `{code}` language is missing"));
                String::new()
            }
        };
        Bilingual {
            vi: lang(&raw.vi, "vi"),
            en: lang(&raw.en, "en"),
        }
    }

    fn parsed<T>(
        &mut self,
        raw: &Spanned<String>,
        what: &str,
        parse: impl Fn(&str) -> Result<T, crate::domain::validation::Problem>,
        allowed: &[&str],
    ) -> Option<T> {
        match parse(raw.get_ref()) {
            Ok(value) => Some(value),
            Err(_) => {
                let reason = format!(
                    "unknown {what} `{}` (allowed: {})",
                    raw.get_ref(),
                    allowed.join(", ")
                );
                self.add(raw.span().start, reason);
                None
            }
        }
    }
}

fn is_code(text: &str, separator: Option<char>) -> bool {
    let part_ok = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    };
    match separator {
        None => part_ok(text),
        Some(sep) => text.split(sep).count() >= 2 && text.split(sep).all(part_ok),
    }
}

/// Parses and validates one checklist file's text. `file` is only used in messages.
pub fn parse(file: &Path, source: &str) -> Result<Checklist, Vec<ChecklistError>> {
    parse_with_lines(file, source).map(|(checklist, _)| checklist)
}

/// As [`parse`], also giving the line of each item code (for checks across files).
fn parse_with_lines(
    file: &Path,
    source: &str,
) -> Result<(Checklist, HashMap<String, usize>), Vec<ChecklistError>> {
    let mut report = Report {
        file,
        source,
        errors: Vec::new(),
    };
    let raw: RawChecklist = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(e) => {
            let at = e.span().map(|s| s.start).unwrap_or(0);
            report.add(at, e.message().trim().to_owned());
            return Err(report.errors);
        }
    };

    if !is_code(raw.id.get_ref(), None) {
        report.add(
            raw.id.span().start,
            "id must be lowercase letters, digits, `-` or `_`",
        );
    }
    let version = u32::try_from(*raw.version.get_ref())
        .ok()
        .filter(|v| *v >= 1);
    if version.is_none() {
        report.add(
            raw.version.span().start,
            "version must be a whole number from 1",
        );
    }
    if raw.regulation.get_ref().trim().is_empty() {
        report.add(raw.regulation.span().start, "regulation is empty");
    }
    let allowed_kinds: Vec<&str> = SiteKind::ALL.iter().map(|k| k.as_str()).collect();
    let applies_to: Vec<SiteKind> = raw
        .applies_to
        .get_ref()
        .iter()
        .filter_map(|k| report.parsed(k, "site kind", SiteKind::parse, &allowed_kinds))
        .collect();
    if raw.applies_to.get_ref().is_empty() {
        report.add(raw.applies_to.span().start, "applies_to names no site kind");
    }
    let title = report.text(&raw.title, "title");
    if raw.section.is_empty() {
        report.add(0, "the checklist has no [[section]]");
    }

    let mut item_lines: HashMap<String, usize> = HashMap::new();
    let mut section_codes: HashMap<String, usize> = HashMap::new();
    let mut sections = Vec::new();
    for raw_section in &raw.section {
        let at = raw_section.span().start;
        let raw_section = raw_section.get_ref();
        let code = raw_section.code.get_ref().clone();
        let code_at = raw_section.code.span().start;
        if !is_code(&code, None) {
            report.add(
                code_at,
                format!("section code `{code}` must be lowercase ascii"),
            );
        }
        let line = report.line_of(code_at);
        if let Some(first) = section_codes.insert(code.clone(), line) {
            report.add(
                code_at,
                format!("duplicate section code `{code}` (first on line {first})"),
            );
        }
        let title = report.text(&raw_section.title, &format!("section `{code}` title"));
        if raw_section.item.is_empty() {
            report.add(at, format!("section `{code}` has no [[section.item]]"));
        }
        let mut items = Vec::new();
        for raw_item in &raw_section.item {
            if let Some(item) = parse_item(&mut report, raw_item.get_ref(), &mut item_lines) {
                items.push(item);
            }
        }
        sections.push(Section { code, title, items });
    }

    if !report.errors.is_empty() {
        return Err(report.errors);
    }
    let checklist = Checklist {
        id: raw.id.into_inner(),
        version: version.expect("checked above"),
        regulation: raw.regulation.into_inner().trim().to_owned(),
        applies_to,
        title,
        sections,
    };
    Ok((checklist, item_lines))
}

fn parse_item(
    report: &mut Report<'_>,
    raw: &RawItem,
    item_lines: &mut HashMap<String, usize>,
) -> Option<Item> {
    let code = raw.code.get_ref().clone();
    let code_at = raw.code.span().start;
    if !is_code(&code, Some('.')) {
        report.add(
            code_at,
            format!("item code `{code}` must look like `section.name` in lowercase ascii"),
        );
    }
    let line = report.line_of(code_at);
    if let Some(first) = item_lines.insert(code.clone(), line) {
        report.add(
            code_at,
            format!("duplicate item code `{code}` (first on line {first})"),
        );
    }
    let what = format!("item `{code}`");
    let text = report.text(&raw.text, &format!("{what} text"));
    if raw.clause.get_ref().trim().is_empty() {
        report.add(raw.clause.span().start, format!("{what}: clause is empty"));
    }
    let names = |all: &[&'static str]| all.to_vec();
    let feature = report.parsed(
        &raw.feature,
        "feature",
        Feature::parse,
        &names(&Feature::ALL.iter().map(|f| f.as_str()).collect::<Vec<_>>()),
    );
    let severity = report.parsed(
        &raw.severity,
        "severity",
        Severity::parse,
        &Severity::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
    );
    let photo = report.parsed(
        &raw.photo,
        "photo rule",
        PhotoRule::parse,
        &PhotoRule::ALL
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>(),
    );
    let answer = parse_answer(report, &raw.answer, &what);
    let guidance = raw
        .guidance
        .as_ref()
        .map(|g| report.text(g, &format!("{what} guidance")));
    Some(Item {
        code,
        text,
        clause: raw.clause.get_ref().trim().to_owned(),
        feature: feature?,
        severity: severity?,
        answer: answer?,
        photo: photo?,
        verified: raw.verified,
        guidance,
    })
}

fn parse_answer(report: &mut Report<'_>, raw: &Spanned<toml::Value>, what: &str) -> Option<Answer> {
    let at = raw.span().start;
    let table = match raw.get_ref() {
        toml::Value::String(s) if s == "yes_no" => return Some(Answer::YesNo),
        toml::Value::Table(table) => table,
        other => {
            report.add(
                at,
                format!(
                    "{what}: answer must be \"yes_no\" or {{ measure = UNIT, min = .., max = .. }}, not {other}"
                ),
            );
            return None;
        }
    };
    let mut ok = true;
    for key in table.keys() {
        if !["measure", "min", "max"].contains(&key.as_str()) {
            report.add(at, format!("{what}: unknown answer key `{key}`"));
            ok = false;
        }
    }
    let unit = match table.get("measure") {
        Some(toml::Value::String(u)) => match Unit::parse(u) {
            Ok(unit) => Some(unit),
            Err(_) => {
                let allowed: Vec<&str> = Unit::ALL.iter().map(|u| u.as_str()).collect();
                report.add(
                    at,
                    format!(
                        "{what}: unknown unit `{u}` (allowed: {})",
                        allowed.join(", ")
                    ),
                );
                None
            }
        },
        _ => {
            report.add(
                at,
                format!("{what}: a measured answer needs `measure = \"UNIT\"`"),
            );
            None
        }
    };
    let unit = unit?;
    let mut bound = |key: &str| -> Option<Option<f64>> {
        let value = table.get(key)?;
        match threshold(unit, value) {
            Ok(v) => Some(Some(v)),
            Err(reason) => {
                report.add(at, format!("{what}: `{key}` {reason}"));
                ok = false;
                Some(None)
            }
        }
    };
    let min = bound("min");
    let max = bound("max");
    if min.is_none() && max.is_none() {
        report.add(
            at,
            format!("{what}: a measured answer needs `min` or `max`"),
        );
        return None;
    }
    let (min, max) = (min.flatten(), max.flatten());
    if let (Some(lo), Some(hi)) = (min, max)
        && lo >= hi
    {
        report.add(at, format!("{what}: `min` must be below `max`"));
        return None;
    }
    ok.then_some(Answer::Measure { unit, min, max })
}

/// Reads one threshold: a number for most units, `"1:N"` for ratios.
fn threshold(unit: Unit, value: &toml::Value) -> Result<f64, String> {
    let number = match (unit, value) {
        (Unit::Ratio, toml::Value::String(text)) => {
            let run = text
                .trim()
                .strip_prefix("1:")
                .and_then(|n| n.trim().parse::<f64>().ok())
                .filter(|n| n.is_finite() && *n > 0.0)
                .ok_or_else(|| format!("must be a ratio such as \"1:12\", not \"{text}\""))?;
            1.0 / run
        }
        (Unit::Ratio, other) => {
            return Err(format!(
                "must be a ratio in quotes such as \"1:12\", not {other}"
            ));
        }
        (_, toml::Value::Integer(n)) => *n as f64,
        (_, toml::Value::Float(f)) => *f,
        (unit, other) => {
            return Err(format!(
                "must be a number in {}, not {other}",
                unit.as_str()
            ));
        }
    };
    if !number.is_finite() || number < 0.0 || number > unit.ceiling() {
        return Err(format!(
            "is out of the sane range 0..{} {}",
            unit.ceiling(),
            unit.as_str()
        ));
    }
    Ok(number)
}

/// Loads every `*.toml` file in `dir` (sorted by name), validating each file and the set:
/// checklist ids and item codes are unique across files.
pub fn load_dir(dir: &Path) -> Result<Vec<Checklist>, Vec<ChecklistError>> {
    let whole = |reason: String| {
        vec![ChecklistError {
            file: dir.to_path_buf(),
            line: 1,
            reason,
        }]
    };
    let entries = std::fs::read_dir(dir).map_err(|e| whole(format!("cannot read folder: {e}")))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(whole("no checklist files (*.toml) in this folder".into()));
    }

    let mut errors = Vec::new();
    let mut checklists = Vec::new();
    let mut ids: HashMap<String, PathBuf> = HashMap::new();
    let mut codes: HashMap<String, (PathBuf, usize)> = HashMap::new();
    for file in files {
        let source = match std::fs::read_to_string(&file) {
            Ok(source) => source,
            Err(e) => {
                errors.push(ChecklistError {
                    file: file.clone(),
                    line: 1,
                    reason: format!("cannot read file: {e}"),
                });
                continue;
            }
        };
        match parse_with_lines(&file, &source) {
            Err(mut file_errors) => errors.append(&mut file_errors),
            Ok((checklist, lines)) => {
                if let Some(first) = ids.insert(checklist.id.clone(), file.clone()) {
                    errors.push(ChecklistError {
                        file: file.clone(),
                        line: 1,
                        reason: format!(
                            "checklist id `{}` is also used by {}",
                            checklist.id,
                            first.display()
                        ),
                    });
                }
                let mut sorted: Vec<_> = lines.into_iter().collect();
                sorted.sort_by_key(|(_, line)| *line);
                for (code, line) in sorted {
                    if let Some((first, first_line)) = codes.get(&code) {
                        errors.push(ChecklistError {
                            file: file.clone(),
                            line,
                            reason: format!(
                                "item code `{code}` is also used in {}:{first_line}",
                                first.display()
                            ),
                        });
                    } else {
                        codes.insert(code, (file.clone(), line));
                    }
                }
                checklists.push(checklist);
            }
        }
    }
    if errors.is_empty() {
        Ok(checklists)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests;
