//! The figures of each department, area and kind of site: fixes by severity, the Art. 40
//! deadlines and the previous period, counted by hand, adding up to the whole, and the
//! same numbers in the JSON, the CSV, the workbook and the HTML document.

use axum::http::StatusCode;
use calamine::{DataType, Reader};
use serde_json::{Value, json};

use super::{GROUP_KEYS, SECOND_HALF, known, report};

const DEADLINES: [&str; 4] = [
    "due_2020",
    "not_yet_accessible_2020",
    "due_2025",
    "not_yet_accessible_2025",
];

/// The fix-time keys in the order the tables show them.
fn fix_keys() -> Vec<String> {
    ["critical", "major", "minor"]
        .iter()
        .flat_map(|s| [format!("fixed_{s}"), format!("median_days_to_fix_{s}")])
        .collect()
}

fn values(g: &Value, keys: &[&str]) -> Vec<Value> {
    keys.iter().map(|k| g[*k].clone()).collect()
}

fn counts(numbers: [u64; 4]) -> Vec<Value> {
    numbers.iter().map(|n| json!(n)).collect()
}

/// Two numbers that print the same to four places (the CSV writes shares so).
fn close(a: &[Option<f64>], b: &[Option<f64>]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| match (x, y) {
            (Some(x), Some(y)) => (x - y).abs() < 5e-4,
            (None, None) => true,
            _ => false,
        })
}

#[tokio::test]
async fn every_group_has_its_fix_times_deadlines_and_previous_period_in_every_format() {
    let k = known().await;
    let app = &k.o.app;
    let reply = report(app, &k.coordinator, SECOND_HALF).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let r = reply.json();
    let group = |list: &str, code: &str| -> Value {
        r[list]
            .as_array()
            .expect("groups")
            .iter()
            .find(|g| g["code"] == code)
            .cloned()
            .unwrap_or_else(|| panic!("{list} {code}"))
    };

    // Construction: the office (2020; the ramp given up stands on the way in) and the
    // market (2025; accessible since its audit in August, not audited on 30 June).
    let c = group("by_department", "construction");
    assert_eq!(values(&c, &DEADLINES), counts([1, 1, 1, 0]));
    assert_eq!(values(&c["previous"], &DEADLINES), counts([1, 1, 1, 1]));
    // The door was fixed on 1 May, 61 days after it was found: the previous half's.
    assert_eq!(
        (
            c["fixed_major"].clone(),
            c["median_days_to_fix_major"].clone()
        ),
        (json!(0), Value::Null)
    );
    let p = &c["previous"];
    assert_eq!(
        (
            p["fixed_major"].clone(),
            p["median_days_to_fix_major"].clone()
        ),
        (json!(1), json!(61.0))
    );
    assert_eq!(
        values(
            p,
            &["registered", "audited", "opened", "fixed", "open_at_end"]
        ),
        [json!(2), json!(1), json!(3), json!(1), json!(2)]
    );
    // Culture: the museum (2020), registered on 1 July in the province, never audited.
    let v = group("by_department", "culture");
    assert_eq!(values(&v, &DEADLINES), counts([1, 1, 0, 0]));
    assert_eq!(values(&v["previous"], &DEADLINES), counts([0, 0, 0, 0]));
    assert_eq!(v["previous"]["registered"], 0);
    let t = group("by_department", "transport");
    assert_eq!(values(&t["previous"], &DEADLINES), counts([0, 0, 0, 0]));
    let buildings = group("by_kind", "public_building");
    assert_eq!(values(&buildings, &DEADLINES), counts([1, 1, 1, 0]));
    assert_eq!(buildings["previous"]["fixed_major"], 1);
    let culture = group("by_kind", "cultural_site");
    assert_eq!(values(&culture, &DEADLINES), counts([1, 1, 0, 0]));

    // Every grouping adds up to the whole, in both periods, count by count.
    let total = r["total"].as_object().expect("total");
    for (key, value) in total.iter().filter(|(_, v)| v.is_u64()) {
        for list in ["by_department", "by_area", "by_kind"] {
            let sum = |of: &dyn Fn(&Value) -> &Value| -> u64 {
                r[list]
                    .as_array()
                    .expect("groups")
                    .iter()
                    .map(|g| of(g)[key].as_u64().expect("a count"))
                    .sum()
            };
            assert_eq!(Some(sum(&|g| g)), value.as_u64(), "{list} {key}");
            assert_eq!(
                Some(sum(&|g| &g["previous"])),
                r["total_previous"][key].as_u64(),
                "{list} {key} before"
            );
        }
    }

    // The same numbers, row by row, in the workbook, the CSV and the HTML.
    let xlsx = report(app, &k.coordinator, &format!("{SECOND_HALF}&format=xlsx")).await;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.bytes)).expect("a workbook");
    let csv = report(app, &k.coordinator, &format!("{SECOND_HALF}&format=csv")).await;
    let lines: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&csv.bytes[3..])
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_owned).collect())
        .collect();
    let html = report(app, &k.coordinator, &format!("{SECOND_HALF}&format=html")).await;
    let fixes = fix_keys();
    let fixes: Vec<&str> = fixes.iter().map(String::as_str).collect();
    let mut checked = 0;
    for grouping in ["department", "area", "kind"] {
        let groups = r[format!("by_{grouping}")]
            .as_array()
            .expect("groups")
            .clone();
        assert!(!groups.is_empty(), "{grouping}");
        for (id, keys, periods) in [
            (format!("by_{grouping}"), &GROUP_KEYS[..], &[false][..]),
            (format!("by_{grouping}_previous"), &GROUP_KEYS, &[true]),
            (format!("fix_times_by_{grouping}"), &fixes, &[false, true]),
            (
                format!("deadlines_by_{grouping}"),
                &DEADLINES,
                &[false, true],
            ),
        ] {
            let want: Vec<Vec<Option<f64>>> = groups
                .iter()
                .map(|g| {
                    periods
                        .iter()
                        .flat_map(|previous| {
                            let g = if *previous { &g["previous"] } else { g };
                            keys.iter().map(|k| g[*k].as_f64())
                        })
                        .collect()
                })
                .collect();

            let sheet = book
                .worksheet_range(&super::sheet_name(&id))
                .expect("a sheet per table");
            let rows: Vec<Vec<calamine::Data>> = sheet.rows().map(<[_]>::to_vec).collect();
            let title = rows[0][0].get_string().expect("title").to_owned();
            let got: Vec<Vec<Option<f64>>> = rows[3..]
                .iter()
                .map(|row| {
                    row[1..]
                        .iter()
                        .map(|c| match c {
                            calamine::Data::Empty => None,
                            c => c.as_f64(),
                        })
                        .collect()
                })
                .collect();
            assert_eq!(got, want, "{id} in the workbook");

            let start = lines
                .iter()
                .position(|l| l.len() == 1 && l[0] == title)
                .unwrap_or_else(|| panic!("{title} in the CSV"));
            let section: Vec<Vec<Option<f64>>> = lines[start + 2..]
                .iter()
                .take_while(|l| l.len() > 1)
                .map(|l| l[1..].iter().map(|c| c.parse().ok()).collect())
                .collect();
            assert_eq!(section.len(), want.len(), "{id} in the CSV");
            for (got, want) in section.iter().zip(&want) {
                assert!(close(got, want), "{id} in the CSV: {got:?} {want:?}");
            }

            let body = &html.body;
            let at = body
                .find(&format!("<table id=\"{id}\">"))
                .unwrap_or_else(|| panic!("{id} in the HTML"));
            let table = &body[at..at + body[at..].find("</table>").expect("end")];
            assert_eq!(
                table.matches("<th scope=\"row\">").count(),
                want.len(),
                "{id} rows in the HTML"
            );
            assert_eq!(
                table.matches("<td").count(),
                want.iter().map(Vec::len).sum::<usize>(),
                "{id} cells in the HTML"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 12);
    // One number as a reader sees it: construction's door, 61 days, in the previous half.
    let at = html
        .body
        .find("<table id=\"fix_times_by_department\">")
        .expect("table");
    let table = &html.body[at..at + html.body[at..].find("</table>").expect("end")];
    let row = &table[table.find("Sở Xây dựng").expect("construction")..];
    let row = &row[..row.find("</tr>").expect("row end")];
    let cells: Vec<&str> = row
        .split("<td")
        .skip(1)
        .map(|c| &c[c.find('>').expect("cell") + 1..c.find("</td>").expect("cell end")])
        .collect();
    assert_eq!(cells[fixes.len() + 2..fixes.len() + 4], ["1", "61"]);
}
