//! The report form offers the usual periods as links that fill its dates, without script.

use axum::http::StatusCode;
use tiepcan::domain::user::Role;

use crate::common::{Demo, spawn};

/// The `href` and text of the link of `page` whose text starts with `label`.
fn link(page: &str, label: &str) -> (String, String) {
    let text_at = page
        .find(&format!(">{label} ("))
        .unwrap_or_else(|| panic!("a link {label}"));
    let open = page[..text_at].rfind("<a ").expect("its anchor");
    let anchor = &page[open..text_at];
    let href_at = anchor.find("href=\"").expect("an href") + "href=\"".len();
    let href =
        anchor[href_at..href_at + anchor[href_at..].find('"').expect("end")].replace("&amp;", "&");
    let text = &page[text_at + 1..];
    (href, text[..text.find("</a>").expect("end")].to_owned())
}

#[tokio::test]
async fn last_quarter_chosen_on_4_december_2026_asks_for_july_to_september() {
    let app = spawn(Demo::Yes).await.at_time("2026-12-04T03:00:00Z");
    let password = app.add_user("mai.dp", Role::Coordinator, None).await;
    let cookie = app.sign_in("mai.dp", &password).await;
    let form = app
        .call("GET", "/reports?area=")
        .cookie(&cookie)
        .send()
        .await;
    assert_eq!(form.status, StatusCode::OK);
    let (href, text) = link(&form.body, "Quý trước");
    assert_eq!(text, "Quý trước (01/07/2026 – 30/09/2026)");
    assert!(
        href.starts_with("/reports?") && href.contains("from=2026-07-01&to=2026-09-30"),
        "{href}"
    );
    for (label, from, to) in [
        ("Quý này", "2026-10-01", "2026-12-31"),
        ("Năm nay", "2026-01-01", "2026-12-31"),
        ("Năm trước", "2025-01-01", "2025-12-31"),
    ] {
        let (href, _) = link(&form.body, label);
        assert!(
            href.contains(&format!("from={from}&to={to}")),
            "{label}: {href}"
        );
    }

    // Following it is asking for that period: the form holds its days and the report is
    // compiled for it; the link says it is the one chosen.
    let chosen = app.call("GET", &href).cookie(&cookie).send().await;
    assert_eq!(chosen.status, StatusCode::OK, "{}", chosen.body);
    let body = &chosen.body;
    assert!(
        body.contains("name=\"from\" value=\"2026-07-01\""),
        "{body}"
    );
    assert!(body.contains("name=\"to\" value=\"2026-09-30\""));
    assert!(body.contains("từ ngày 01/07/2026 đến ngày 30/09/2026"));
    assert!(body.contains("<table id=\"summary\">"));
    let at = body.find(">Quý trước (").expect("the link");
    let anchor = &body[body[..at].rfind("<a ").expect("anchor")..at];
    assert!(anchor.contains("aria-current=\"true\""), "{anchor}");

    let english = app
        .call("GET", "/reports?lang=en")
        .cookie(&cookie)
        .send()
        .await;
    let (href, text) = link(&english.body, "Last quarter");
    assert_eq!(text, "Last quarter (01/07/2026 – 30/09/2026)");
    assert!(href.contains("from=2026-07-01&to=2026-09-30"));
}
