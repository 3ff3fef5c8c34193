//! A site that moves to another department (a console or system change: no person belongs
//! to two departments) takes its open work along, as a merge does.

use axum::http::StatusCode;
use serde_json::json;
use tiepcan::app::sites::{Edit, edit};
use tiepcan::domain::actor::Actor;
use tiepcan::domain::site::SiteInput;
use tiepcan::domain::user::Role;
use uuid::Uuid;

use crate::audits::{office, start_as};
use crate::remediation::three_findings;

#[tokio::test]
async fn a_site_moved_to_another_department_takes_its_open_audit_and_findings_along() {
    let o = office().await;
    let findings = three_findings(&o).await;
    let draft = start_as(&o, &o.inspector).await;
    let draft = draft["id"].as_str().expect("id").to_owned();
    let moved = SiteInput {
        department: Some("transport".into()),
        ..SiteInput::default()
    };
    let site: Uuid = o.site.parse().expect("id");
    let saved = edit(
        o.app.services(),
        &Actor::System,
        site,
        Edit::Patch,
        &moved,
        None,
    )
    .await
    .expect("moved");
    assert_eq!(saved.department.code, "transport");

    let transport = o
        .app
        .token("duyet.gt", Role::Reviewer, Some("transport"))
        .await;
    let list = o
        .app
        .call("GET", &format!("/api/v1/findings?site={}", o.site))
        .bearer(&transport)
        .send()
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let items = list.json()["items"].as_array().expect("items").clone();
    assert_eq!(items.len(), findings.len());
    assert!(
        items.iter().all(|f| f["department"]["code"] == "transport"),
        "{items:?}"
    );
    let id = items[0]["id"].as_str().expect("id");
    let planned = o
        .app
        .call("POST", &format!("/api/v1/findings/{id}/transitions"))
        .bearer(&transport)
        .json(&json!({ "to": "wont_fix", "reason": "Công trình sắp phá dỡ" }))
        .send()
        .await;
    assert_eq!(
        planned.status,
        StatusCode::OK,
        "transport's reviewer acts: {}",
        planned.body
    );
    let audit = o
        .app
        .call("GET", &format!("/api/v1/audits/{draft}"))
        .bearer(&o.inspector)
        .send()
        .await;
    assert_eq!(
        audit.json()["department"]["code"],
        "transport",
        "the draft went along"
    );
}
