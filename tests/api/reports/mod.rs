//! Periodic reports: a known data set across two half-years, every figure checked against
//! values worked out by hand; the JSON, CSV, workbook and HTML agree; bad input is refused
//! by name; reviewers see their own department only; the command line writes the same.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::audits::{Office, answers_for, photo, put_answers, start_as, upload};
use crate::common::{Demo, Reply, TestApp, run_cli, spawn, stderr};
use crate::remediation::{
    DOOR, RAMP, SIGNS, follow_up, id_of, mark_fixed, step, submit_and_approve, three_findings,
};
use tiepcan::domain::user::Role;

mod barriers;
mod costs;
mod groups;
mod letterhead;
mod periods;
mod targets;

/// The province's morning (10:00 in UTC+7) of `day`.
fn morning(day: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(&format!("{day}T03:00:00Z"))
        .expect("a time")
        .with_timezone(&chrono::Utc)
}

async fn register(
    app: &TestApp,
    token: &str,
    name: &str,
    subtype: &str,
    kind: &str,
    department: &str,
) -> String {
    let reply = app
        .call("POST", "/api/v1/sites")
        .bearer(token)
        .json(&json!({
            "name": name, "kind": kind, "subtype": subtype, "address": "Lạng Sơn",
            "lat": 21.8530, "lon": 106.7610, "department": department
        }))
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.json()["id"].as_str().expect("id").to_owned()
}

/// The known data set (demo sites are registered now, after both periods):
/// - 2025-02-10: a committee office (2020 deadline) and a market (2025 deadline) of
///   construction are registered;
/// - 2025-03-01: the office's audit is approved with a missing ramp (critical, on the way
///   in), a narrow door (major) and poor signs (minor);
/// - 2025-05-01: the door is marked fixed (61 days after it was found);
/// - 2025-07-01 at 01:00 in the province (still 30 June in UTC): a museum of culture (2020
///   deadline) is registered;
/// - 2025-07-15: the signs are planned for 2025-10-01;
/// - 2025-08-01: the market's audit is approved with nothing failing;
/// - 2025-09-01: the ramp is given up; a follow-up verifies the door.
pub(crate) struct Known {
    pub(crate) o: Office,
    pub(crate) coordinator: String,
}

pub(crate) async fn known() -> Known {
    let app = spawn(Demo::Yes)
        .await
        .at_time(&morning("2025-02-10").to_rfc3339());
    let clock = app.services().clock.clone();
    let inspector = app
        .token("thanh.kt", Role::Inspector, Some("construction"))
        .await;
    let reviewer = app
        .token("hoa.duyet", Role::Reviewer, Some("construction"))
        .await;
    let other = app
        .token("binh.kt", Role::Inspector, Some("construction"))
        .await;
    let culture = app.token("lan.vh", Role::Inspector, Some("culture")).await;
    let coordinator = app.token("mai.dp", Role::Coordinator, None).await;
    let office = register(
        &app,
        &inspector,
        "UBND xã Mẫu",
        "people_committee",
        "public_building",
        "construction",
    )
    .await;
    let market = register(
        &app,
        &inspector,
        "Chợ Mẫu",
        "market",
        "public_building",
        "construction",
    )
    .await;
    let mut o = Office {
        app,
        inspector,
        reviewer,
        site: office.clone(),
    };

    clock.set(morning("2025-03-01"));
    let findings = three_findings(&o).await;
    clock.set(morning("2025-05-01"));
    let fixed = mark_fixed(&o, &o.inspector, &id_of(&findings, DOOR), 40).await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.body);

    // 01:00 on 1 July in the province, still 30 June in UTC: the second half-year's.
    clock.set(
        chrono::DateTime::parse_from_rfc3339("2025-06-30T18:00:00Z")
            .expect("time")
            .with_timezone(&chrono::Utc),
    );
    register(
        &o.app,
        &culture,
        "Bảo tàng Mẫu",
        "museum",
        "cultural_site",
        "culture",
    )
    .await;
    clock.set(morning("2025-07-15"));
    let planned = step(
        &o,
        &o.reviewer,
        &id_of(&findings, SIGNS),
        json!({ "to": "planned", "due_date": "2025-10-01", "assignee": "UBND xã" }),
    )
    .await;
    assert_eq!(planned.status, StatusCode::OK, "{}", planned.body);
    clock.set(morning("2025-08-01"));
    o.site = market;
    let audit = start_as(&o, &o.inspector).await;
    let id = audit["id"].as_str().expect("id").to_owned();
    let reply = put_answers(&o, &o.inspector, &id, &json!(answers_for(&audit, &[], &[]))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    for (n, item) in ["entrance.accessible_entrance", "toilet.accessible_present"]
        .iter()
        .enumerate()
    {
        let sent = upload(
            &o.app,
            &o.inspector,
            &id,
            Some(item),
            &photo(70 + n as u64, None),
        )
        .await;
        assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    }
    submit_and_approve(&o, &o.inspector, &id).await;
    o.site = office;

    clock.set(morning("2025-09-01"));
    let given_up = step(
        &o,
        &o.reviewer,
        &id_of(&findings, RAMP),
        json!({ "to": "wont_fix", "reason": "Nhà cổ, không đủ mặt bằng làm đường dốc" }),
    )
    .await;
    assert_eq!(given_up.status, StatusCode::OK, "{}", given_up.body);
    let started = follow_up(&o, &other).await;
    assert_eq!(started.status, StatusCode::CREATED, "{}", started.body);
    let id = started.json()["id"].as_str().expect("id").to_owned();
    // The follow-up holds the fixed door and the planned signs; the signs still fail.
    let answers = json!([
        { "item": DOOR, "value": 900, "unit": "mm" },
        { "item": SIGNS, "result": "fail" },
    ]);
    let reply = put_answers(&o, &other, &id, &answers).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    for (n, item) in [DOOR, SIGNS].iter().enumerate() {
        let sent = upload(&o.app, &other, &id, Some(item), &photo(80 + n as u64, None)).await;
        assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    }
    submit_and_approve(&o, &other, &id).await;
    let list = o
        .app
        .call("GET", &format!("/api/v1/findings?site={}", o.site))
        .bearer(&o.reviewer)
        .send()
        .await;
    let states: Vec<(String, String)> = list.json()["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|f| {
            (
                f["item"].as_str().unwrap_or_default().to_owned(),
                f["state"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    for (item, state) in [(RAMP, "wont_fix"), (DOOR, "verified"), (SIGNS, "planned")] {
        assert!(
            states.contains(&(item.to_owned(), state.to_owned())),
            "{item} {state}: {states:?}"
        );
    }
    // The report is asked for after both periods have ended.
    clock.set(morning("2026-01-15"));
    Known { o, coordinator }
}

pub(crate) async fn report(app: &TestApp, token: &str, query: &str) -> Reply {
    app.call("GET", &format!("/api/v1/reports?{query}"))
        .bearer(token)
        .send()
        .await
}

pub(crate) const SECOND_HALF: &str = "from=2025-07-01&to=2025-12-31";

/// The report's tables, by id, in the order of the document and the workbook.
pub(crate) const TABLES: [&str; 21] = [
    "summary",
    "by_department",
    "by_area",
    "by_kind",
    "fix_times",
    "deadlines",
    "by_department_previous",
    "by_area_previous",
    "by_kind_previous",
    "fix_times_by_department",
    "fix_times_by_area",
    "fix_times_by_kind",
    "deadlines_by_department",
    "deadlines_by_area",
    "deadlines_by_kind",
    "barriers_by_department",
    "barriers_by_area",
    "costs_by_department",
    "costs_by_area",
    "costs_by_kind",
    "costs_by_year",
];

/// The name of table `id`'s sheet in a Vietnamese workbook, worked out here on its own.
pub(crate) fn sheet_name(id: &str) -> String {
    let group = |g: &str| match g {
        "department" => "sở, ngành",
        "area" => "địa bàn",
        "kind" => "loại địa điểm",
        "year" => "năm ngân sách",
        other => panic!("no grouping {other}"),
    };
    match id {
        "summary" => "Tổng hợp".to_owned(),
        "fix_times" => "Thời gian khắc phục".to_owned(),
        "deadlines" => "Thời hạn theo luật".to_owned(),
        _ => {
            if let Some(g) = id.strip_prefix("barriers_by_") {
                format!("Phản ánh – {}", group(g))
            } else if let Some(g) = id.strip_prefix("costs_by_") {
                format!("Chi phí – {}", group(g))
            } else if let Some(g) = id.strip_prefix("fix_times_by_") {
                format!("Khắc phục – {}", group(g))
            } else if let Some(g) = id.strip_prefix("deadlines_by_") {
                format!("Thời hạn – {}", group(g))
            } else if let Some(g) = id
                .strip_prefix("by_")
                .and_then(|g| g.strip_suffix("_previous"))
            {
                format!("Theo {} (kỳ trước)", group(g))
            } else {
                let g = id.strip_prefix("by_").expect("a grouping");
                format!("Theo {}", group(g))
            }
        }
    }
}

/// The keys of a group's figures in the order the grouped tables show them.
pub(crate) const GROUP_KEYS: [&str; 14] = [
    "registered",
    "audited",
    "coverage",
    "median_age_days",
    "accessible",
    "partly",
    "not_accessible",
    "not_audited",
    "opened",
    "fixed",
    "verified",
    "wont_fix",
    "open_at_end",
    "overdue_at_end",
];

/// The figures of a JSON group in the order the grouped tables show them.
fn group_numbers(g: &Value) -> Vec<Value> {
    GROUP_KEYS.iter().map(|k| g[*k].clone()).collect()
}

#[tokio::test]
async fn every_figure_of_a_known_half_year_matches_the_hand_count_in_every_format() {
    let k = known().await;
    let app = &k.o.app;
    let reply = report(app, &k.coordinator, SECOND_HALF).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let r = reply.json();
    assert_eq!(
        r["previous"],
        json!({ "from": "2025-01-01", "to": "2025-06-30", "days": 181 })
    );
    assert_eq!(r["empty"], false, "{r}");

    let t = &r["total"];
    // Office, market, museum; only the museum is new. The follow-up is no full audit.
    assert_eq!(
        (t["registered"].clone(), t["registered_in_period"].clone()),
        (json!(3), json!(1))
    );
    assert_eq!(
        (t["audited"].clone(), t["audited_in_period"].clone()),
        (json!(2), json!(1))
    );
    assert_eq!(t["coverage"].as_f64(), Some(2.0 / 3.0));
    // On 31 December: the office's audit is 305 days old, the market's 152.
    assert_eq!(t["median_age_days"], 228.5);
    // The ramp given up still stands, critical on the way in.
    assert_eq!(
        [
            &t["accessible"],
            &t["partly"],
            &t["not_accessible"],
            &t["not_audited"]
        ],
        [&json!(1), &json!(0), &json!(1), &json!(1)]
    );
    assert_eq!(
        [&t["opened"], &t["fixed"], &t["verified"], &t["wont_fix"]],
        [&json!(0), &json!(0), &json!(1), &json!(1)]
    );
    assert_eq!(
        (t["open_at_end"].clone(), t["overdue_at_end"].clone()),
        (json!(1), json!(1)),
        "the signs, due 1 October"
    );

    let p = &r["total_previous"];
    assert_eq!(
        (p["registered"].clone(), p["registered_in_period"].clone()),
        (json!(2), json!(2))
    );
    assert_eq!(
        (p["audited"].clone(), p["audited_in_period"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(p["coverage"], 0.5);
    assert_eq!(p["median_age_days"], 121.0, "1 March to 30 June");
    assert_eq!(
        [&p["accessible"], &p["not_accessible"], &p["not_audited"]],
        [&json!(0), &json!(1), &json!(1)]
    );
    assert_eq!(
        [&p["opened"], &p["fixed"], &p["verified"], &p["wont_fix"]],
        [&json!(3), &json!(1), &json!(0), &json!(0)]
    );
    assert_eq!(
        (p["open_at_end"].clone(), p["overdue_at_end"].clone()),
        (json!(2), json!(0))
    );

    let major = &r["fix_times"][1];
    assert_eq!(major["severity"], "major");
    assert_eq!(
        (major["fixed"].clone(), major["median_days"].clone()),
        (json!(0), Value::Null)
    );
    assert_eq!(
        (
            major["fixed_previous"].clone(),
            major["median_days_previous"].clone()
        ),
        (json!(1), json!(61.0))
    );

    let d = r["deadlines"].as_array().expect("deadlines");
    assert_eq!(d[0]["deadline"], "2020-01-01");
    assert_eq!(
        (d[0]["sites"].clone(), d[0]["not_yet_accessible"].clone()),
        (json!(2), json!(2)),
        "office and museum"
    );
    assert_eq!(
        (d[1]["deadline"].clone(), d[1]["passed"].clone()),
        (json!("2025-01-01"), json!(true))
    );
    assert_eq!(
        (d[1]["sites"].clone(), d[1]["accessible"].clone()),
        (json!(1), json!(1)),
        "the market"
    );

    let department = |code: &str| {
        r["by_department"]
            .as_array()
            .expect("departments")
            .iter()
            .find(|g| g["code"] == code)
            .cloned()
            .unwrap_or_else(|| panic!("{code}"))
    };
    let c = department("construction");
    assert_eq!(
        (
            c["registered"].clone(),
            c["audited"].clone(),
            c["coverage"].clone()
        ),
        (json!(2), json!(2), json!(1.0))
    );
    let v = department("culture");
    assert_eq!(
        (
            v["registered"].clone(),
            v["coverage"].clone(),
            v["median_age_days"].clone()
        ),
        (json!(1), json!(0.0), Value::Null)
    );
    assert_eq!(
        department("transport")["coverage"],
        Value::Null,
        "nothing to divide by"
    );
    let in_areas: u64 = r["by_area"]
        .as_array()
        .expect("areas")
        .iter()
        .map(|g| g["registered"].as_u64().expect("count"))
        .sum();
    assert_eq!(in_areas, 3);
    let kinds: Vec<(Value, Value)> = r["by_kind"]
        .as_array()
        .expect("kinds")
        .iter()
        .map(|g| (g["code"].clone(), g["registered"].clone()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (json!("public_building"), json!(2)),
            (json!("transport_stop"), json!(0)),
            (json!("cultural_site"), json!(1)),
        ]
    );

    // The CSV: the same numbers under each table's title.
    let csv = report(app, &k.coordinator, &format!("{SECOND_HALF}&format=csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.header(axum::http::header::CONTENT_DISPOSITION)
            .expect("a file")
            .contains("bao-cao-2025-07-01-2025-12-31.csv")
    );
    assert!(
        csv.bytes.starts_with("\u{feff}".as_bytes()),
        "a byte order mark"
    );
    let lines: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&csv.bytes[3..])
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_owned).collect())
        .collect();
    assert!(
        lines
            .iter()
            .take(6)
            .any(|l| l[0].contains("phân số thập phân")
                && l[0].contains("0.6667 là 66,67 %")
                && l[0].contains("ISO 8601")),
        "the heading says how shares and dates are written: {:?}",
        &lines[..6]
    );
    let section = |title: &str| -> Vec<Vec<String>> {
        let start = lines
            .iter()
            .position(|l| l.len() == 1 && l[0] == title)
            .unwrap_or_else(|| panic!("{title}"));
        lines[start + 2..]
            .iter()
            .take_while(|l| l.len() > 1)
            .cloned()
            .collect()
    };
    let construction = section("Theo sở, ngành phụ trách")
        .into_iter()
        .find(|row| row[0] == "Sở Xây dựng")
        .expect("construction row");
    // A share is written as a fraction to four places, a count or days as a plain number.
    let as_csv = |(i, v): (usize, &Value)| match v.as_f64() {
        None => String::new(),
        Some(share) if i == 2 => format!("{share:.4}"),
        Some(n) if n.fract() == 0.0 => format!("{n:.0}"),
        Some(n) => format!("{n:.1}"),
    };
    let want: Vec<String> = group_numbers(&c).iter().enumerate().map(as_csv).collect();
    assert_eq!(construction[1..].to_vec(), want, "CSV and JSON");
    let summary = section("Tổng hợp");
    let row = |label: &str| {
        summary
            .iter()
            .find(|r| r[0] == label)
            .cloned()
            .unwrap_or_else(|| panic!("{label}"))
    };
    assert_eq!(
        row("Tỷ lệ đã kiểm tra")[1..],
        ["0.6667".to_owned(), "0.5000".into(), "0.1667".into()]
    );
    assert_eq!(
        row("Đã xác nhận khắc phục")[1..],
        ["1".to_owned(), "0".into(), "1".into()]
    );

    // The workbook: a sheet per table, the same numbers, read back.
    let xlsx = report(app, &k.coordinator, &format!("{SECOND_HALF}&format=xlsx")).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    use calamine::{DataType, Reader};
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.bytes.clone()))
            .expect("a workbook");
    assert_eq!(
        book.sheet_names(),
        TABLES.map(sheet_name),
        "each sheet named in the report's language"
    );
    let english = report(
        app,
        &k.coordinator,
        &format!("{SECOND_HALF}&format=xlsx&lang=en"),
    )
    .await;
    let english: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(english.bytes)).expect("a workbook");
    assert_eq!(
        english.sheet_names(),
        [
            "Summary",
            "By department",
            "By area",
            "By kind of site",
            "Time to fix",
            "Legal deadlines",
            "By department (previous)",
            "By area (previous)",
            "By kind of site (previous)",
            "Fixes – department",
            "Fixes – area",
            "Fixes – kind of site",
            "Deadlines – department",
            "Deadlines – area",
            "Deadlines – kind of site",
            "Reports – department",
            "Reports – area",
            "Costs – department",
            "Costs – area",
            "Costs – kind of site",
            "Costs – budget year",
        ]
    );
    let sheet = book
        .worksheet_range(&sheet_name("by_department"))
        .expect("sheet");
    let rows: Vec<Vec<calamine::Data>> = sheet.rows().map(<[_]>::to_vec).collect();
    let found = rows
        .iter()
        .find(|r| {
            r.first()
                .is_some_and(|c| c.get_string() == Some("Sở Xây dựng"))
        })
        .expect("construction row");
    let numbers: Vec<Option<f64>> = found[1..]
        .iter()
        .map(|c| match c {
            calamine::Data::Empty => None,
            c => c.as_f64(),
        })
        .collect();
    let want: Vec<Option<f64>> = group_numbers(&c).iter().map(Value::as_f64).collect();
    assert_eq!(numbers, want, "workbook and JSON");
    let fix = book
        .worksheet_range(&sheet_name("fix_times"))
        .expect("sheet");
    let major_row: Vec<calamine::Data> = fix
        .rows()
        .find(|r| r.first().is_some_and(|c| c.get_string() == Some("Lớn")))
        .expect("major")
        .to_vec();
    assert_eq!(major_row[3].as_f64(), Some(1.0));
    assert_eq!(major_row[4].as_f64(), Some(61.0));

    // The HTML: the tables with the same words and numbers, charts named with their table.
    let html = report(app, &k.coordinator, &format!("{SECOND_HALF}&format=html")).await;
    assert_eq!(html.status, StatusCode::OK);
    let body = &html.body;
    assert!(
        body.contains("UBND TỈNH LẠNG SƠN") && body.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "letterhead"
    );
    assert!(body.contains("NGƯỜI LẬP BÁO CÁO"), "signature block");
    assert!(body.contains("từ ngày 01/07/2025 đến ngày 31/12/2025"));
    for table in [
        "summary",
        "by_department",
        "by_area",
        "by_kind",
        "fix_times",
        "deadlines",
    ] {
        assert!(body.contains(&format!("<table id=\"{table}\">")), "{table}");
    }
    for chart in ["levels", "findings"] {
        assert!(
            body.contains(&format!(
                "role=\"img\" aria-labelledby=\"chart-{chart}-title chart-{chart}-desc\""
            )),
            "{chart}"
        );
        assert!(
            body.contains(&format!("<title id=\"chart-{chart}-title\">")),
            "{chart}"
        );
    }
    assert!(!body.contains("<script"), "no script");
    let cells = |table: &str, label: &str| -> Vec<String> {
        let start = body
            .find(&format!("<table id=\"{table}\">"))
            .expect("table");
        let rest = &body[start..start + body[start..].find("</table>").expect("end")];
        let row_start = rest
            .find(&format!("<th scope=\"row\">{label}</th>"))
            .expect("row");
        let row = &rest[row_start..row_start + rest[row_start..].find("</tr>").expect("row end")];
        row.split("<td")
            .skip(1)
            .map(|c| {
                let text = &c[c.find('>').expect("cell") + 1..];
                text[..text.find("</td>").expect("cell end")].to_owned()
            })
            .collect()
    };
    assert_eq!(
        cells("summary", "Tỷ lệ đã kiểm tra"),
        ["66,7 %", "50,0 %", "+16,7 điểm %"]
    );
    assert_eq!(
        cells("summary", "Tuổi dữ liệu (trung vị, ngày)"),
        ["228,5", "121", "+107,5"]
    );
    assert_eq!(
        cells("by_department", "Sở Xây dựng")[..3],
        ["2", "2", "100,0 %"]
    );

    // The same report from the command line, byte for byte the same CSV.
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("r.csv");
    let ran = run_cli(
        Some(app),
        &[
            "report",
            "--from",
            "2025-07-01",
            "--to",
            "2025-12-31",
            "--format",
            "csv",
            "--out",
            out.to_str().expect("path"),
        ],
        "",
    );
    assert!(ran.status.success(), "{}", stderr(&ran));
    let written = std::fs::read(&out).expect("written");
    assert_eq!(
        written, csv.bytes,
        "the command line writes what the API answers"
    );
}

#[tokio::test]
async fn a_department_and_an_area_narrow_the_report_and_a_reviewer_sees_only_their_own() {
    let k = known().await;
    let app = &k.o.app;
    let culture = report(
        app,
        &k.coordinator,
        &format!("{SECOND_HALF}&department=culture"),
    )
    .await;
    assert_eq!(culture.status, StatusCode::OK, "{}", culture.body);
    let c = culture.json();
    assert_eq!(c["department"], "culture");
    assert_eq!(c["total"]["registered"], 1);
    assert_eq!(c["by_department"].as_array().expect("rows").len(), 1);

    // The reviewer of construction gets construction without asking, and nothing else.
    let own = report(app, &k.o.reviewer, SECOND_HALF).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    assert_eq!(own.json()["department"], "construction");
    assert_eq!(own.json()["total"]["registered"], 2);
    let other = report(
        app,
        &k.o.reviewer,
        &format!("{SECOND_HALF}&department=culture"),
    )
    .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN, "{}", other.body);
    let inspector = report(app, &k.o.inspector, SECOND_HALF).await;
    assert_eq!(
        inspector.status,
        StatusCode::FORBIDDEN,
        "{}",
        inspector.body
    );
    let nobody = app
        .call("GET", &format!("/api/v1/reports?{SECOND_HALF}"))
        .send()
        .await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);

    // An area: the office's own (all three sites stand on the same spot), as staff see it.
    let site = app
        .call("GET", &format!("/api/v1/sites/{}", k.o.site))
        .bearer(&k.coordinator)
        .send()
        .await
        .json();
    let area = site["area"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("the office lies in an area: {site}"))
        .to_owned();
    let narrowed = report(app, &k.coordinator, &format!("{SECOND_HALF}&area={area}")).await;
    assert_eq!(narrowed.status, StatusCode::OK, "{}", narrowed.body);
    let n = narrowed.json();
    assert_eq!(n["area"], json!(area));
    assert_eq!(n["total"]["registered"], 3, "{n}");
    let rows = n["by_area"].as_array().expect("areas");
    assert_eq!(rows.len(), 1, "{n}");
    assert_eq!(rows[0]["code"], json!(area));
}

#[tokio::test]
async fn bad_periods_unknown_names_and_formats_are_refused_by_name_and_an_empty_period_says_so() {
    let app = spawn(Demo::Yes).await;
    let coordinator = app.token("mai.dp", Role::Coordinator, None).await;
    let refused = |reply: &Reply, field: &str| {
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            reply.body
        );
        reply.field_error(field)
    };
    let r = report(&app, &coordinator, "from=2025-07-01&to=2025-06-30").await;
    assert!(
        refused(&r, "to").contains("01/07/2025"),
        "the first day, as pages write it: {}",
        r.body
    );
    let r = report(&app, &coordinator, "from=2015-01-01&to=2025-01-01").await;
    assert!(refused(&r, "to").contains("10"), "{}", r.body);
    let r = report(&app, &coordinator, "from=2025-02-30&to=2025-12-31").await;
    assert!(refused(&r, "from").contains("2025-02-30"), "{}", r.body);
    let r = report(&app, &coordinator, "to=2025-12-31").await;
    refused(&r, "from");
    let r = report(
        &app,
        &coordinator,
        "from=2025-01-01&to=2025-12-31&department=health",
    )
    .await;
    assert!(refused(&r, "department").contains("health"), "{}", r.body);
    let r = report(
        &app,
        &coordinator,
        "from=2025-01-01&to=2025-12-31&area=nowhere",
    )
    .await;
    assert!(refused(&r, "area").contains("nowhere"), "{}", r.body);
    let r = report(
        &app,
        &coordinator,
        "from=2025-01-01&to=2025-12-31&format=pdf",
    )
    .await;
    assert!(refused(&r, "format").contains("xlsx"), "{}", r.body);
    let english = app
        .call(
            "GET",
            "/api/v1/reports?from=2025-07-01&to=2025-06-30&lang=en",
        )
        .bearer(&coordinator)
        .send()
        .await;
    assert!(
        refused(&english, "to").contains("The last day"),
        "{}",
        english.body
    );

    // Before anything was registered: a plain report that says so, in every format.
    let empty = report(&app, &coordinator, "from=2000-01-01&to=2000-12-31").await;
    assert_eq!(empty.status, StatusCode::OK, "{}", empty.body);
    let e = empty.json();
    assert_eq!(e["empty"], true);
    assert_eq!(e["total"]["registered"], 0);
    assert_eq!(e["total"]["coverage"], Value::Null);
    assert_eq!(e["total"]["median_age_days"], Value::Null);
    let html = report(
        &app,
        &coordinator,
        "from=2000-01-01&to=2000-12-31&format=html",
    )
    .await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(
        html.body
            .contains("Không có địa điểm nào được đăng ký trong phạm vi này"),
        "{}",
        html.body
    );
    assert!(
        !html.body.contains("NaN") && !html.body.contains("inf"),
        "no division by zero"
    );
    // The CSV and the workbook say so in their first lines.
    const EMPTY: &str = "Không có địa điểm nào được đăng ký trong phạm vi này";
    let csv = report(
        &app,
        &coordinator,
        "from=2000-01-01&to=2000-12-31&format=csv",
    )
    .await;
    assert_eq!(csv.status, StatusCode::OK);
    let first_lines: Vec<&str> = csv.body.lines().take(5).collect();
    assert!(
        first_lines.iter().any(|l| l.contains(EMPTY)),
        "{first_lines:?}"
    );
    let xlsx = report(
        &app,
        &coordinator,
        "from=2000-01-01&to=2000-12-31&format=xlsx",
    )
    .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.bytes.clone())).expect("book");
    let summary = book.worksheet_range(&sheet_name("summary")).expect("sheet");
    let said = summary
        .rows()
        .take(5)
        .any(|r| r.first().is_some_and(|c| c.to_string().contains(EMPTY)));
    assert!(said, "the workbook says it is empty");

    // A period that starts after today is refused; one that runs past today is counted to
    // today and says so.
    let today = app.services().today();
    let r = report(
        &app,
        &coordinator,
        &format!(
            "from={}&to={}",
            today + chrono::Days::new(1),
            today + chrono::Days::new(30)
        ),
    )
    .await;
    assert!(
        refused(&r, "from").contains(&today.format("%d/%m/%Y").to_string()),
        "{}",
        r.body
    );
    let running = report(
        &app,
        &coordinator,
        &format!(
            "from={today}&to={}&format=html",
            today + chrono::Days::new(30)
        ),
    )
    .await;
    assert_eq!(running.status, StatusCode::OK);
    assert!(
        running
            .body
            .contains(&format!("tính đến hết ngày {}", today.format("%d/%m/%Y"))),
        "{}",
        running.body
    );

    // An inspector is refused whatever the query says.
    let inspector = app
        .token("thanh.kt", Role::Inspector, Some("construction"))
        .await;
    let r = report(&app, &inspector, "from=2025-01-01&to=2025-12-31&format=pdf").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);

    // The command line refuses the same input by name and writes nothing.
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("r.html");
    let ran = run_cli(
        Some(&app),
        &[
            "report",
            "--from",
            "2025-07-01",
            "--to",
            "2025-06-30",
            "--out",
            out.to_str().expect("path"),
        ],
        "",
    );
    assert!(!ran.status.success());
    assert!(stderr(&ran).contains("01/07/2025"), "{}", stderr(&ran));
    assert!(!out.exists(), "nothing written");
}

#[tokio::test]
async fn the_report_page_compiles_shows_and_links_the_files_and_names_bad_input() {
    let app = spawn(Demo::Full).await;
    let password = app.add_user("mai.dp", Role::Coordinator, None).await;
    let cookie = app.sign_in("mai.dp", &password).await;
    let form = app.call("GET", "/reports").cookie(&cookie).send().await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("name=\"from\"") && !form.body.contains("<table id=\"summary\">"));
    let year = chrono::Utc::now().format("%Y").to_string();
    let shown = app
        .call(
            "GET",
            &format!("/reports?from={year}-01-01&to={year}-12-31"),
        )
        .cookie(&cookie)
        .send()
        .await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    assert!(shown.body.contains("<table id=\"by_department\">"));
    assert!(shown.body.contains("format=xlsx") && shown.body.contains("format=html"));
    // Each area's name leads to the area's public page.
    let by_area = shown
        .body
        .split("<table id=\"by_area\">")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .expect("the table by area");
    let areas: Vec<&str> = by_area
        .split("<a href=\"")
        .skip(1)
        .filter_map(|a| a.split('"').next())
        .collect();
    assert!(
        !areas.is_empty() && areas.iter().all(|a| a.starts_with("/areas/")),
        "{by_area}"
    );
    let page = app.get(areas[0]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", areas[0]);
    let bad = app
        .call("GET", "/reports?from=2025-07-01&to=2025-06-30")
        .cookie(&cookie)
        .send()
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("role=\"alert\"") && bad.body.contains("2025-07-01"),
        "{}",
        bad.body
    );
    let anonymous = app.get("/reports").await;
    assert!(anonymous.status.is_redirection(), "{}", anonymous.status);
}
