//! One way to write a day per language on pages, documents and error messages
//! (`dd/mm/yyyy`), and ISO 8601 in CSV files, which say so in their heading.

use axum::http::StatusCode;
use serde_json::json;
use tiepcan::domain::user::Role;

use crate::audits::{Office, office};
use crate::remediation::{DOOR, id_of, step, three_findings};

/// True when `text` holds a day written `dd/mm/yyyy`.
fn has_written_day(text: &str) -> bool {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    (0..b.len()).any(|i| {
        digit(i)
            && digit(i + 1)
            && b.get(i + 2) == Some(&b'/')
            && digit(i + 3)
            && digit(i + 4)
            && b.get(i + 5) == Some(&b'/')
            && (6..10).all(|k| digit(i + k))
    })
}

/// The office on 4 December 2026 with its three findings, the door's planned for 31 March
/// 2027.
async fn door_planned_on_4_december() -> (Office, Vec<serde_json::Value>, String) {
    let mut o = office().await;
    o.app = o.app.at_time("2026-12-04T03:00:00Z");
    let findings = three_findings(&o).await;
    let door = id_of(&findings, DOOR);
    let planned = step(
        &o,
        &o.reviewer,
        &door,
        json!({ "to": "planned", "due_date": "2027-03-31" }),
    )
    .await;
    assert_eq!(planned.status, StatusCode::OK, "{}", planned.body);
    (o, findings, door)
}

#[tokio::test]
async fn pages_and_errors_write_days_one_way_in_each_language() {
    let (o, findings, door) = door_planned_on_4_december().await;
    let cookie = o.app.sign_in("hoa.duyet", "pw-hoa.duyet-0123456789").await;
    for (lang, found) in [("vi", "04/12/2026"), ("en", "04/12/2026")] {
        let page = o
            .app
            .call("GET", &format!("/findings/{door}?lang={lang}"))
            .cookie(&cookie)
            .send()
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(
            page.body
                .contains("<time datetime=\"2027-03-31\">31/03/2027</time>"),
            "{lang}: the due day"
        );
        assert!(page.body.contains(found), "{lang}: when it was found");
        assert!(
            !page.body.contains(">2027-03-31") && !page.body.contains("December"),
            "{lang}: no other way of writing a day"
        );
    }
    // An error speaks of days the same way, in either language.
    for (lang, said) in [
        ("vi", "từ hôm nay (04/12/2026)"),
        ("en", "today (04/12/2026)"),
    ] {
        let refused = o
            .app
            .call(
                "POST",
                &format!(
                    "/api/v1/findings/{}/transitions?lang={lang}",
                    id_of(&findings, crate::remediation::RAMP)
                ),
            )
            .bearer(&o.reviewer)
            .json(&json!({ "to": "planned", "due_date": "2026-12-03" }))
            .send()
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains(said), "{lang}: {}", refused.body);
    }

    // The report's document: its date line as the language writes a day.
    let coordinator = o.app.token("mai.dp", Role::Coordinator, None).await;
    let document = |lang: &'static str| {
        let app = &o.app;
        let coordinator = &coordinator;
        async move {
            app.call(
                "GET",
                &format!("/api/v1/reports?from=2026-07-01&to=2026-09-30&format=html&lang={lang}"),
            )
            .bearer(coordinator)
            .send()
            .await
        }
    };
    let vi = document("vi").await;
    assert!(
        vi.body.contains("ngày 04 tháng 12 năm 2026"),
        "the form of an official letter"
    );
    assert!(vi.body.contains("từ ngày 01/07/2026 đến ngày 30/09/2026"));
    let en = document("en").await;
    assert!(en.body.contains("Lạng Sơn, 04/12/2026"), "{}", en.body);
    assert!(en.body.contains("01/07/2026 to 30/09/2026"));
    assert!(!en.body.contains("December") && !en.body.contains(">2026-"));
}

#[tokio::test]
async fn csv_files_write_iso_days_and_say_so_in_their_heading() {
    let (o, _, _) = door_planned_on_4_december().await;

    let csv = o
        .app
        .call("GET", "/api/v1/findings?format=csv")
        .bearer(&o.reviewer)
        .send()
        .await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    let mut reader = csv::Reader::from_reader(&csv.bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name} in {header:?}"))
    };
    let (due, found) = (
        column("hạn (NNNN-TT-NN)"),
        column("Ngày phát hiện (giờ địa phương, chuẩn ISO 8601)"),
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let door_row = rows
        .iter()
        .find(|r| r.iter().any(|c| c == DOOR))
        .expect("the door");
    assert_eq!(&door_row[due], "2027-03-31");
    assert_eq!(&door_row[found], "2026-12-04T10:00:00+07:00");
    assert!(!has_written_day(&csv.body), "{}", csv.body);

    let coordinator = o.app.token("mai.dp", Role::Coordinator, None).await;
    for (lang, said, period) in [
        (
            "vi",
            "Ngày trong tệp này viết theo dạng NNNN-TT-NN (năm-tháng-ngày, chuẩn ISO 8601).",
            "Kỳ báo cáo: từ ngày 2026-07-01 đến ngày 2026-09-30",
        ),
        (
            "en",
            "Days in this file are written YYYY-MM-DD (ISO 8601).",
            "Period: 2026-07-01 to 2026-09-30",
        ),
    ] {
        let report = o
            .app
            .call(
                "GET",
                &format!("/api/v1/reports?from=2026-07-01&to=2026-09-30&format=csv&lang={lang}"),
            )
            .bearer(&coordinator)
            .send()
            .await;
        assert_eq!(report.status, StatusCode::OK, "{}", report.body);
        let lines: Vec<String> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&report.bytes[3..])
            .records()
            .map(|r| r.expect("a record")[0].to_owned())
            .collect();
        assert_eq!(
            lines[1], said,
            "{lang}: the heading says how days are written"
        );
        assert_eq!(lines[2], period, "{lang}");
        assert!(!has_written_day(&report.body), "{lang}: {}", report.body);
    }
}
