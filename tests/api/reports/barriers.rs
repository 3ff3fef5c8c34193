//! The public's barrier reports in the periodic report, counted by hand: reports at the
//! places of two departments in two areas and at positions in no registry, answered on
//! their 10th day, their 20th, or never; each figure by department, by area and in total,
//! in the JSON, the CSV, the workbook and the HTML; the days given set by
//! `--report-answer-days`.

use axum::http::StatusCode;
use calamine::{DataType, Reader};
use serde_json::{Value, json};

use super::report;
use crate::common::{Demo, TestApp, run_cli, spawn, stderr};
use tiepcan::domain::user::Role;

const MARCH: &str = "from=2026-03-01&to=2026-03-31";

/// The figures' keys, in the order the tables show them.
const KEYS: [&str; 9] = [
    "received",
    "answered_in_time",
    "late",
    "awaiting_answer",
    "confirmed",
    "follow_up_planned",
    "not_a_barrier",
    "duplicate",
    "still_open",
];

fn at(text: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(text)
        .expect("a time")
        .to_utc()
}

/// A registered place: its id, department code, area code and position.
struct Place {
    id: String,
    department: String,
    area: String,
    lat: f64,
    lon: f64,
}

async fn place(app: &TestApp, token: &str, id: &str) -> Place {
    let site = app
        .call("GET", &format!("/api/v1/sites/{id}"))
        .bearer(token)
        .send()
        .await
        .json();
    Place {
        id: id.to_owned(),
        department: site["department"]["code"]
            .as_str()
            .expect("code")
            .to_owned(),
        area: site["area"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("the place lies in an area: {site}"))
            .to_owned(),
        lat: site["lat"].as_f64().expect("lat"),
        lon: site["lon"].as_f64().expect("lon"),
    }
}

/// Sends a report at `sent` (RFC 3339): at `site`, or at a position; returns its id.
async fn send(app: &TestApp, sent: &str, body: Value) -> String {
    app.services().clock.set(at(sent));
    let reply = app
        .call("POST", "/api/v1/barrier-reports")
        .json(&body)
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let url = reply.json()["url"].as_str().expect("url").to_owned();
    let token = &url[url.rfind('/').expect("a token") + 1..];
    let sql = "SELECT id FROM barrier_reports WHERE public_token = $1";
    let id: uuid::Uuid = match app.db() {
        tiepcan::store::Db::Sqlite(pool) => {
            sqlx::query_scalar(sql).bind(token).fetch_one(pool).await
        }
        tiepcan::store::Db::Postgres(pool) => {
            sqlx::query_scalar(sql).bind(token).fetch_one(pool).await
        }
    }
    .expect("the report");
    id.to_string()
}

fn at_site(site: &Place, description: &str) -> Value {
    json!({ "features": ["entrance"], "description": description, "site": site.id })
}

fn at_position(site: &Place, description: &str) -> Value {
    json!({ "features": ["path"], "description": description, "lat": site.lat, "lon": site.lon })
}

/// Answers report `id` at `when` as `username`, signed in then.
async fn answer(app: &TestApp, when: &str, username: &str, id: &str, fields: &[(&str, &str)]) {
    app.services().clock.set(at(when));
    let cookie = app
        .sign_in(username, &format!("pw-{username}-0123456789"))
        .await;
    let reply = app
        .call("POST", &format!("/moderation/barriers/{id}"))
        .cookie(&cookie)
        .form(fields)
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{id}: {}", reply.body);
}

fn figures(g: &Value) -> Vec<u64> {
    KEYS.iter()
        .map(|k| g[*k].as_u64().unwrap_or_else(|| panic!("{k} in {g}")))
        .collect()
}

/// The row of `list` whose code is `code` (none: the row without one).
fn row<'a>(list: &'a Value, code: Option<&str>) -> &'a Value {
    list.as_array()
        .expect("rows")
        .iter()
        .find(|g| g["code"].as_str() == code)
        .unwrap_or_else(|| panic!("no row {code:?} in {list}"))
}

#[tokio::test]
async fn barrier_reports_are_counted_by_department_area_and_in_total_as_answered_in_time_late_and_by_outcome()
 {
    let app = spawn(Demo::Full).await.at_time("2026-02-20T03:00:00Z");
    let coordinator = app
        .token("o.coord", Role::Coordinator, Some("labour"))
        .await;
    // The first place: one with a recorded barrier (to confirm a report with); the second:
    // of another department, in another area.
    let findings = app
        .call("GET", "/api/v1/findings?limit=1")
        .bearer(&coordinator)
        .send()
        .await
        .json();
    let finding = findings["items"][0]["id"]
        .as_str()
        .expect("a finding")
        .to_owned();
    let first = place(
        &app,
        &coordinator,
        findings["items"][0]["site_id"].as_str().expect("a site"),
    )
    .await;
    let sites = app
        .call("GET", "/api/v1/sites?limit=200")
        .bearer(&coordinator)
        .send()
        .await
        .json();
    let mut second = None;
    for s in sites["items"].as_array().expect("sites") {
        let other = place(&app, &coordinator, s["id"].as_str().expect("id")).await;
        if other.department != first.department && other.area != first.area {
            second = Some(other);
            break;
        }
    }
    let second = second.expect("a place of another department in another area");
    for (name, department) in [
        ("o.rev1", &first.department),
        ("o.rev2", &second.department),
    ] {
        app.add_user(name, Role::Reviewer, Some(department)).await;
    }
    app.add_user("o.coord2", Role::Coordinator, Some("labour"))
        .await;

    // Outside March: sent on 20 February, and at 01:00 on 1 April in the province.
    send(
        &app,
        "2026-02-20T03:00:00Z",
        at_site(&first, "Tháng hai: lối vào có bậc cao."),
    )
    .await;
    // 01:00 on 1 March in the province: March's.
    let r12 = send(
        &app,
        "2026-02-28T18:00:00Z",
        at_site(&second, "Đầu tháng ba: cửa phụ bị khoá."),
    )
    .await;
    // An hour apart from midnight on 2 March (five an address may send in ten minutes).
    let r1 = send(
        &app,
        "2026-03-02T00:00:00Z",
        at_site(&first, "Lối vào chính có ba bậc, không có dốc."),
    )
    .await;
    let r2 = send(
        &app,
        "2026-03-02T01:00:00Z",
        at_site(&first, "Cửa chính quá hẹp cho xe lăn."),
    )
    .await;
    send(
        &app,
        "2026-03-02T02:00:00Z",
        at_site(&first, "Không có biển chỉ dẫn lối vào phụ."),
    )
    .await;
    let r4 = send(
        &app,
        "2026-03-02T03:00:00Z",
        at_site(&first, "Dốc ở cổng phụ quá dốc, trơn."),
    )
    .await;
    let r5 = send(
        &app,
        "2026-03-02T04:00:00Z",
        at_site(&second, "Lối vào có bậc cao, như đã báo."),
    )
    .await;
    let r6 = send(
        &app,
        "2026-03-02T05:00:00Z",
        at_site(&second, "Nhà vệ sinh tiếp cận bị khoá."),
    )
    .await;
    send(
        &app,
        "2026-03-02T06:00:00Z",
        at_site(&second, "Chỗ đỗ xe dành riêng bị chiếm."),
    )
    .await;
    let r8 = send(
        &app,
        "2026-03-02T07:00:00Z",
        at_position(&first, "Vỉa hè gần đây bị vỡ, không qua được."),
    )
    .await;
    send(
        &app,
        "2026-03-02T08:00:00Z",
        at_position(&second, "Bó vỉa ở ngã tư quá cao cho xe lăn."),
    )
    .await;

    // Their 10th day: r1 confirmed, r4 and r6 taken under review, r8 not a barrier.
    answer(
        &app,
        "2026-03-12T00:00:00Z",
        "o.rev1",
        &r1,
        &[
            ("version", "1"),
            ("answer", "confirm"),
            ("finding", &finding),
        ],
    )
    .await;
    answer(
        &app,
        "2026-03-12T03:00:00Z",
        "o.rev1",
        &r4,
        &[("version", "1"), ("answer", "review")],
    )
    .await;
    answer(
        &app,
        "2026-03-12T05:00:00Z",
        "o.rev2",
        &r6,
        &[("version", "1"), ("answer", "review")],
    )
    .await;
    answer(
        &app,
        "2026-03-12T07:00:00Z",
        "o.coord2",
        &r8,
        &[
            ("version", "1"),
            ("answer", "not_a_barrier"),
            ("reason", "Vỉa hè đã được sửa."),
        ],
    )
    .await;

    // Late that day, none unanswered is past its 15 days yet: they await their answer.
    app.services().clock.set(at("2026-03-12T16:00:00Z"));
    let mid = report(&app, &coordinator, MARCH).await;
    assert_eq!(mid.status, StatusCode::OK, "{}", mid.body);
    let b = &mid.json()["barrier_reports"];
    assert_eq!(b["answer_days"], 15);
    assert_eq!(figures(&b["total"]), [10, 4, 0, 6, 1, 0, 1, 0, 8]);

    // Their 20th day: r2 not a barrier, r4's follow-up planned, r5 a duplicate of r1.
    answer(
        &app,
        "2026-03-22T01:00:00Z",
        "o.rev1",
        &r2,
        &[
            ("version", "1"),
            ("answer", "not_a_barrier"),
            ("reason", "Cửa rộng 90 cm, đạt chuẩn."),
        ],
    )
    .await;
    answer(
        &app,
        "2026-03-22T03:00:00Z",
        "o.rev1",
        &r4,
        &[
            ("version", "2"),
            ("answer", "follow_up"),
            ("follow_up_on", "2026-04-30"),
        ],
    )
    .await;
    answer(
        &app,
        "2026-03-22T04:00:00Z",
        "o.rev2",
        &r5,
        &[
            ("version", "1"),
            ("answer", "duplicate"),
            ("duplicate_of", &r1),
        ],
    )
    .await;
    send(
        &app,
        "2026-03-31T18:00:00Z",
        at_site(&second, "Tháng tư: thang máy hỏng."),
    )
    .await;
    let _ = r12;

    app.services().clock.set(at("2026-04-20T03:00:00Z"));
    let reply = report(&app, &coordinator, MARCH).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let r = reply.json();
    let b = &r["barrier_reports"];
    // By hand (in time: answered within 15 days; late: after them, or never and past them):
    //   first's department  r1 10d confirmed, r2 20d not a barrier, r3 never, r4 10d follow-up
    //   second's department r5 20d duplicate, r6 10d under review, r7 never, r12 never
    //   no registry         r8 10d not a barrier (at the first place), r9 never (the second)
    let first_department = [4, 2, 2, 0, 1, 1, 1, 0, 1];
    let second_department = [4, 1, 3, 0, 0, 0, 0, 1, 3];
    let unregistered = [2, 1, 1, 0, 0, 0, 1, 0, 1];
    let total = [10, 4, 6, 0, 1, 1, 2, 1, 5];
    assert_eq!(
        figures(row(&b["by_department"], Some(&first.department))),
        first_department
    );
    assert_eq!(
        figures(row(&b["by_department"], Some(&second.department))),
        second_department
    );
    let none = row(&b["by_department"], None);
    assert_eq!(figures(none), unregistered);
    assert!(
        none["name"]
            .as_str()
            .is_some_and(|n| n.contains("điều phối")),
        "{none}"
    );
    assert_eq!(figures(&b["total"]), total);
    // The first area: r1–r4 and r8; the second: r5–r7, r12 and r9.
    assert_eq!(
        figures(row(&b["by_area"], Some(&first.area))),
        [5, 3, 2, 0, 1, 1, 2, 0, 1]
    );
    assert_eq!(
        figures(row(&b["by_area"], Some(&second.area))),
        [5, 1, 4, 0, 0, 0, 0, 1, 4]
    );
    assert_eq!(b["by_area"].as_array().map(Vec::len), Some(2));
    // Departments without reports have their row, of zeros.
    let departments = b["by_department"].as_array().expect("rows");
    assert_eq!(
        departments.len(),
        r["by_department"].as_array().expect("rows").len() + 1
    );
    for key in KEYS {
        let sum: u64 = departments
            .iter()
            .map(|g| g[key].as_u64().expect("n"))
            .sum();
        assert_eq!(Some(sum), b["total"][key].as_u64(), "{key}");
    }

    // The same rows in the HTML, the CSV and the workbook, the total last.
    let html = report(&app, &coordinator, &format!("{MARCH}&format=html"))
        .await
        .body;
    let csv = report(&app, &coordinator, &format!("{MARCH}&format=csv")).await;
    let lines: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&csv.bytes[3..])
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_owned).collect())
        .collect();
    let xlsx = report(&app, &coordinator, &format!("{MARCH}&format=xlsx")).await;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.bytes)).expect("a workbook");
    for (id, list, sheet) in [
        (
            "barriers_by_department",
            "by_department",
            "Phản ánh – sở, ngành",
        ),
        ("barriers_by_area", "by_area", "Phản ánh – địa bàn"),
    ] {
        let mut want: Vec<Vec<String>> = b[list]
            .as_array()
            .expect("rows")
            .iter()
            .map(|g| figures(g).iter().map(u64::to_string).collect())
            .collect();
        want.push(figures(&b["total"]).iter().map(u64::to_string).collect());
        let at = html
            .find(&format!("<table id=\"{id}\">"))
            .unwrap_or_else(|| panic!("{id}"));
        let table = &html[at..at + html[at..].find("</table>").expect("end")];
        assert!(table.contains("Trả lời trong hạn (15 ngày)"), "{table}");
        let got: Vec<Vec<String>> = table
            .split("<tr>")
            .skip(2)
            .map(|tr| {
                tr.split("<td")
                    .skip(1)
                    .map(|c| {
                        c[c.find('>').expect("cell") + 1..c.find("</td>").expect("end")].to_owned()
                    })
                    .collect()
            })
            .collect();
        assert_eq!(got, want, "{id} in the HTML");
        assert!(table.contains("<th scope=\"row\">Tổng cộng</th>"));
        let rows = book.worksheet_range(sheet).expect("a sheet");
        let title = rows
            .rows()
            .next()
            .and_then(|r| r[0].get_string())
            .expect("title")
            .to_owned();
        let got: Vec<Vec<String>> = rows
            .rows()
            .skip(3)
            .map(|r| {
                r[1..]
                    .iter()
                    .map(|c| c.as_f64().map_or(String::new(), |n| n.to_string()))
                    .collect()
            })
            .collect();
        assert_eq!(got, want, "{id} in the workbook");
        let start = lines
            .iter()
            .position(|l| l.len() == 1 && l[0] == title)
            .unwrap_or_else(|| panic!("{title} in the CSV"));
        let got: Vec<Vec<String>> = lines[start + 2..]
            .iter()
            .take_while(|l| l.len() > 1)
            .map(|l| l[1..].to_vec())
            .collect();
        assert_eq!(got, want, "{id} in the CSV");
    }

    // One department's report: its own reports only, without the coordinators' row.
    let own = report(
        &app,
        &coordinator,
        &format!("{MARCH}&department={}", first.department),
    )
    .await
    .json();
    let o = &own["barrier_reports"];
    assert_eq!(o["by_department"].as_array().map(Vec::len), Some(1));
    assert_eq!(figures(&o["total"]), first_department);
    // One area: the reports that lie in it, of any department or none.
    let area = report(&app, &coordinator, &format!("{MARCH}&area={}", first.area))
        .await
        .json();
    assert_eq!(
        figures(&area["barrier_reports"]["total"]),
        [5, 3, 2, 0, 1, 1, 2, 0, 1]
    );

    // Given 25 days (the command line takes the server's flag; its clock is today's),
    // the answers of the 20th day are in time.
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("r.json");
    let ran = run_cli(
        Some(&app),
        &[
            "report",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--format",
            "json",
            "--report-answer-days",
            "25",
            "--out",
            out.to_str().expect("path"),
        ],
        "",
    );
    assert!(ran.status.success(), "{}", stderr(&ran));
    let written: Value =
        serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("JSON");
    let w = &written["barrier_reports"];
    assert_eq!(w["answer_days"], 25);
    assert_eq!(figures(&w["total"]), [10, 6, 4, 0, 1, 1, 2, 1, 5]);
    assert_eq!(
        figures(row(&w["by_department"], Some(&first.department)))[1..3],
        [3, 1]
    );
}
