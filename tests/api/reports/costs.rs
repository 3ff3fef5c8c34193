//! Costs and targets in the numbers, counted by hand: an office of construction and an
//! office of transport, each audited with three findings; estimates given with their plans,
//! actual costs with their fixes; one finding given up. The report totals the costs by
//! department, area, kind and budget year as they stood on its last day, the findings CSV
//! carries them, the budget page lists a year's estimate by department, and the targets the
//! coordinator enters are held against the figures. Bad costs and targets are refused by
//! name, and write nothing.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::{morning, register, report};
use crate::audits::Office;
use crate::common::{Demo, Reply, spawn};
use crate::remediation::{DOOR, RAMP, SIGNS, id_of, step, three_findings};
use tiepcan::domain::user::Role;

/// The two offices' findings and who acts on them.
pub(super) struct Costed {
    pub(super) o: Office,
    pub(super) coordinator: String,
    /// Construction's reviewer and findings.
    pub(super) construction: (String, Vec<Value>),
    /// Transport's inspector, reviewer and findings.
    pub(super) transport: (String, String, Vec<Value>),
    /// The area both offices lie in.
    pub(super) area: String,
}

/// Marks `finding` fixed as `token`, with one after-photo and the `cost` typed in the form.
async fn fixed_at_cost(o: &Office, token: &str, finding: &str, seed: u64, cost: &str) -> Reply {
    let bytes = crate::audits::photo(seed, None);
    o.app
        .call("POST", &format!("/api/v1/findings/{finding}/transitions"))
        .bearer(token)
        .multipart(
            &[
                ("to", "fixed"),
                ("comment", "Đã thay cửa rộng 900 mm"),
                ("actual_cost", cost),
            ],
            &[("file", "after.jpg", "image/jpeg", &bytes)],
        )
        .send()
        .await
}

async fn ok(reply: Reply) -> Value {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

/// - 2025-02-10: an office of construction and one of transport are registered;
/// - 2025-03-01: both are audited, each with a missing ramp, a narrow door and poor signs;
/// - 2025-03-10: construction plans its ramp (120 000 000 đ, budget 2026), its door
///   (15 000 000 đ, 2025) and its signs (2 500 000 đ, 2026); transport plans its door
///   (30 000 000 đ, no budget year) and its ramp (2026, no estimate);
/// - 2025-04-01: both doors are marked fixed, at 14 250 000 đ and 31 000 000 đ;
/// - 2025-05-01: construction gives its ramp up. Transport's signs stay open.
///
/// The clock is left on 2025-07-15.
pub(super) async fn costed() -> Costed {
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
    let t_inspector = app.token("vu.gt", Role::Inspector, Some("transport")).await;
    let t_reviewer = app.token("son.gt", Role::Reviewer, Some("transport")).await;
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
    let station = register(
        &app,
        &t_inspector,
        "Ban quản lý bến xe Mẫu",
        "state_office",
        "public_building",
        "transport",
    )
    .await;
    let mut o = Office {
        app,
        inspector,
        reviewer: reviewer.clone(),
        site: office,
    };
    clock.set(morning("2025-03-01"));
    let built = three_findings(&o).await;
    let office_site = std::mem::replace(&mut o.site, station);
    let inspector = std::mem::replace(&mut o.inspector, t_inspector.clone());
    o.reviewer = t_reviewer.clone();
    let roads = three_findings(&o).await;
    let area = o
        .app
        .call("GET", &format!("/api/v1/sites/{}", o.site))
        .bearer(&t_reviewer)
        .send()
        .await
        .json()["area"]["code"]
        .as_str()
        .expect("an area")
        .to_owned();
    o.site = office_site;
    o.inspector = inspector;
    o.reviewer = reviewer.clone();

    clock.set(morning("2025-03-10"));
    let plan = |due: &str, cost: Value, year: Value| json!({ "to": "planned", "due_date": due, "estimated_cost": cost, "budget_year": year });
    for (finding, body) in [
        (RAMP, plan("2026-06-30", json!("120.000.000"), json!(2026))),
        (DOOR, plan("2025-06-30", json!(15_000_000), json!(2025))),
        (
            SIGNS,
            plan("2026-03-31", json!("2 500 000 đ"), json!("2026")),
        ),
    ] {
        ok(step(&o, &reviewer, &id_of(&built, finding), body).await).await;
    }
    for (finding, body) in [
        (DOOR, plan("2025-06-30", json!("30,000,000"), Value::Null)),
        (RAMP, plan("2026-06-30", Value::Null, json!(2026))),
    ] {
        ok(step(&o, &t_reviewer, &id_of(&roads, finding), body).await).await;
    }
    clock.set(morning("2025-04-01"));
    let door = id_of(&built, DOOR);
    ok(fixed_at_cost(&o, &o.inspector, &door, 41, "14.250.000").await).await;
    ok(fixed_at_cost(&o, &t_inspector, &id_of(&roads, DOOR), 42, "31000000").await).await;
    clock.set(morning("2025-05-01"));
    let given_up = json!({ "to": "wont_fix", "reason": "Nhà cổ, không đủ mặt bằng" });
    ok(step(&o, &reviewer, &id_of(&built, RAMP), given_up).await).await;
    // The tests look back from after the first half-year.
    clock.set(morning("2025-07-15"));
    Costed {
        o,
        coordinator,
        construction: (reviewer, built),
        transport: (t_inspector, t_reviewer, roads),
        area,
    }
}

/// (findings with an estimate, estimated, fixed with a cost, actual) of a JSON cost group.
fn costs(g: &Value) -> (u64, u64, u64, u64) {
    let n = |k: &str| g[k].as_u64().unwrap_or_else(|| panic!("{k} in {g}"));
    (
        n("estimated_findings"),
        n("estimated"),
        n("actual_findings"),
        n("actual"),
    )
}

fn group<'a>(list: &'a Value, key: &str, value: Value) -> &'a Value {
    list.as_array()
        .expect("a list")
        .iter()
        .find(|g| g[key] == value)
        .unwrap_or_else(|| panic!("{key} {value} in {list}"))
}

#[tokio::test]
async fn costs_are_totalled_by_department_area_kind_and_budget_year_as_they_stood() {
    let c = costed().await;
    let app = &c.o.app;
    let half = report(app, &c.coordinator, "from=2025-01-01&to=2025-06-30").await;
    assert_eq!(half.status, StatusCode::OK, "{}", half.body);
    let costs_of = |body: &Value| body["costs"].clone();
    let k = costs_of(&half.json());
    // The ramp given up is not counted; the doors' fixes are.
    assert_eq!(costs(&k["total"]), (3, 47_500_000, 2, 45_250_000));
    let by_department = &k["by_department"];
    assert_eq!(
        costs(group(by_department, "code", json!("construction"))),
        (2, 17_500_000, 1, 14_250_000)
    );
    assert_eq!(
        costs(group(by_department, "code", json!("transport"))),
        (1, 30_000_000, 1, 31_000_000)
    );
    assert_eq!(
        costs(group(by_department, "code", json!("culture"))),
        (0, 0, 0, 0),
        "every department has a row"
    );
    let by_area = k["by_area"].as_array().expect("areas");
    assert_eq!(by_area.len(), 1, "{by_area:?}");
    assert_eq!(by_area[0]["code"], json!(c.area));
    assert_eq!(costs(&by_area[0]), costs(&k["total"]));
    let by_kind = k["by_kind"].as_array().expect("kinds");
    assert_eq!(by_kind.len(), 1, "{by_kind:?}");
    assert_eq!(by_kind[0]["code"], "public_building");
    assert_eq!(costs(&by_kind[0]), costs(&k["total"]));
    let years: Vec<(Value, (u64, u64, u64, u64))> = k["by_budget_year"]
        .as_array()
        .expect("years")
        .iter()
        .map(|y| (y["budget_year"].clone(), costs(y)))
        .collect();
    assert_eq!(
        years,
        [
            (json!(2025), (1, 15_000_000, 1, 14_250_000)),
            (json!(2026), (1, 2_500_000, 0, 0)),
            (Value::Null, (1, 30_000_000, 1, 31_000_000)),
        ]
    );

    // At the end of March the ramp was still planned and nothing was fixed.
    let march = report(app, &c.coordinator, "from=2025-01-01&to=2025-03-31").await;
    let m = costs_of(&march.json());
    assert_eq!(costs(&m["total"]), (4, 167_500_000, 0, 0));

    // The CSV's table carries the same sums, each department's row and the total.
    let csv = report(
        app,
        &c.coordinator,
        "from=2025-01-01&to=2025-06-30&format=csv",
    )
    .await;
    let records: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&csv.bytes[3..])
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_owned).collect())
        .collect();
    let title = records
        .iter()
        .position(|r| r[0] == "Chi phí khắc phục theo sở, ngành")
        .expect("the costs by department");
    let table: Vec<&Vec<String>> = records[title + 2..]
        .iter()
        .take_while(|r| r.len() > 1)
        .collect();
    let row = |name: &str| {
        table
            .iter()
            .find(|r| r[0] == name)
            .map(|r| r[1..].to_vec())
            .unwrap_or_else(|| panic!("{name} in {table:?}"))
    };
    let want = |n: [&str; 4]| n.map(str::to_owned).to_vec();
    assert_eq!(row("Sở Xây dựng"), want(["2", "17500000", "1", "14250000"]));
    assert_eq!(row("Tổng cộng"), want(["3", "47500000", "2", "45250000"]));
    let html = report(
        app,
        &c.coordinator,
        "from=2025-01-01&to=2025-06-30&format=html",
    )
    .await;
    assert!(
        html.body.contains("47.500.000 đ"),
        "the page writes đồng grouped"
    );
}

#[tokio::test]
async fn each_finding_carries_its_costs_in_its_json_and_the_findings_csv() {
    let c = costed().await;
    let app = &c.o.app;
    let (reviewer, built) = &c.construction;
    let door = id_of(built, DOOR);
    let one = app
        .call("GET", &format!("/api/v1/findings/{door}"))
        .bearer(reviewer)
        .send()
        .await
        .json();
    assert_eq!(one["estimated_cost"], 15_000_000);
    assert_eq!(one["actual_cost"], 14_250_000);
    let csv = app
        .call(
            "GET",
            &format!("/api/v1/findings?site={}&format=csv", c.o.site),
        )
        .bearer(reviewer)
        .send()
        .await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    let mut reader = csv::Reader::from_reader(csv.body.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name} in {header:?}"))
    };
    let (estimated, actual) = (
        column("Chi phí dự kiến (đồng)"),
        column("Chi phí thực tế (đồng)"),
    );
    let id = column("Mã");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let costs_of = |finding: &str| {
        let row = rows
            .iter()
            .find(|r| &r[id] == finding)
            .unwrap_or_else(|| panic!("{finding} in the CSV"));
        (row[estimated].to_owned(), row[actual].to_owned())
    };
    assert_eq!(costs_of(&door), ("15000000".into(), "14250000".into()));
    assert_eq!(
        costs_of(&id_of(built, SIGNS)),
        ("2500000".into(), String::new())
    );
}

#[tokio::test]
async fn a_cost_that_is_negative_text_or_too_large_is_named_and_nothing_is_written() {
    let c = costed().await;
    let app = &c.o.app;
    let (_, t_reviewer, roads) = &c.transport;
    let signs = id_of(roads, SIGNS);
    for (cost, english) in [
        (json!(-5000), "Cannot be negative."),
        (json!("năm triệu"), "Not a number."),
        (json!("12,5"), "Must be a whole number."),
        (
            json!(5_000_000_000_000_u64),
            "Larger than any sensible value",
        ),
    ] {
        let reply = app
            .call(
                "POST",
                &format!("/api/v1/findings/{signs}/transitions?lang=en"),
            )
            .bearer(t_reviewer)
            .json(&json!({ "to": "planned", "due_date": "2026-01-31", "estimated_cost": cost }))
            .send()
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{cost}: {}",
            reply.body
        );
        let body = reply.json();
        let fields = body["error"]["fields"].as_object().expect("fields");
        assert_eq!(fields.len(), 1, "{body}");
        let message = fields["estimated_cost"].as_str().expect("the cost named");
        assert!(message.starts_with(english), "{cost}: {message}");
    }
    let still = app
        .call("GET", &format!("/api/v1/findings/{signs}"))
        .bearer(t_reviewer)
        .send()
        .await
        .json();
    assert_eq!(still["state"], "open", "nothing written: {still}");
    assert_eq!(still["estimated_cost"], Value::Null);

    // The form names it in Vietnamese on its field, with what was typed given back.
    let cookie = app.sign_in("son.gt", "pw-son.gt-0123456789").await;
    let reply = app
        .call("POST", &format!("/findings/{signs}/transitions"))
        .cookie(&cookie)
        .multipart(
            &[
                ("to", "planned"),
                ("key", "cost-form-1"),
                ("due_date", "2026-01-31"),
                ("estimated_cost", "-7.000.000"),
            ],
            &[],
        )
        .send()
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    assert!(
        reply
            .body
            .contains("Chi phí dự kiến (đồng): Không được là số âm."),
        "the summary names the field: {}",
        reply.body
    );
    assert!(
        reply.body.contains(r#"value="-7.000.000""#),
        "what was typed is given back"
    );
}

/// (department, planned, with an estimate, estimated, unplanned) of each budget line.
fn lines(budget: &Value) -> Vec<(String, u64, u64, u64, u64)> {
    budget["departments"]
        .as_array()
        .expect("departments")
        .iter()
        .chain(std::iter::once(&budget["total"]))
        .map(|l| {
            let n = |k: &str| l[k].as_u64().unwrap_or_else(|| panic!("{k} in {l}"));
            (
                l["department"].as_str().expect("code").to_owned(),
                n("planned"),
                n("estimated_findings"),
                n("estimated"),
                n("unplanned"),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_budget_lists_each_departments_estimate_for_next_year_and_its_unplanned_findings() {
    let c = costed().await;
    let app = &c.o.app;
    let get = |token: &str, query: &str| {
        app.call("GET", &format!("/api/v1/budget{query}"))
            .bearer(token)
            .send()
    };
    // Today is 15 July 2025: next year is 2026. Construction's ramp was given up.
    let next = get(&c.coordinator, "").await;
    assert_eq!(next.status, StatusCode::OK, "{}", next.body);
    assert_eq!(next.json()["budget_year"], 2026);
    let row = |d: &str, p, e, cost, u| (d.to_owned(), p, e, cost, u);
    assert_eq!(
        lines(&next.json()),
        [
            row("construction", 1, 1, 2_500_000, 0),
            row("culture", 0, 0, 0, 0),
            row("labour", 0, 0, 0, 0),
            row("transport", 1, 0, 0, 1),
            row("", 2, 1, 2_500_000, 1),
        ]
    );
    let this = get(&c.coordinator, "?year=2025").await.json();
    assert_eq!(lines(&this)[0], row("construction", 1, 1, 15_000_000, 0));

    // A reviewer sees their own department's line; an inspector none; a year is a year.
    let (t_inspector, t_reviewer, _) = &c.transport;
    let own = get(t_reviewer, "").await.json();
    assert_eq!(
        lines(&own),
        [row("transport", 1, 0, 0, 1), row("", 1, 0, 0, 1)]
    );
    assert_eq!(get(t_inspector, "").await.status, StatusCode::FORBIDDEN);
    let bad = get(&c.coordinator, "?year=sang%20n%C4%83m").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(
        bad.json()["error"]["fields"]["year"].is_string(),
        "{}",
        bad.body
    );

    // The page writes the same, in đồng.
    let cookie = app.sign_in("mai.dp", "pw-mai.dp-0123456789").await;
    let page = app.call("GET", "/budget").cookie(&cookie).send().await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("2.500.000 đ"), "{}", page.body);
    assert!(
        page.body
            .contains("Dự toán năm ngân sách 2026 theo sở, ngành")
    );
}
