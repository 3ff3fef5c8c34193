//! The periodic report's recipients line: the body the province's plan names by default, in
//! the report's language, or the line the installation sets.

use axum::http::StatusCode;

use crate::common::{Demo, TestApp, spawn, test_config_with};
use tiepcan::domain::user::Role;

async fn document(app: &TestApp, lang: &str) -> String {
    let coordinator = app
        .token(&format!("dp.{lang}"), Role::Coordinator, None)
        .await;
    let year = chrono::Utc::now().format("%Y");
    let reply = app
        .call(
            "GET",
            &format!("/api/v1/reports?from={year}-01-01&to={year}-12-31&format=html&lang={lang}"),
        )
        .bearer(&coordinator)
        .send()
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body
}

#[tokio::test]
async fn the_recipients_name_the_provincial_board_by_default_and_the_setting_otherwise() {
    let app = spawn(Demo::Yes).await;
    let vi = document(&app, "vi").await;
    assert!(
        vi.contains("Ban Công tác người khuyết tật tỉnh"),
        "the plan's body"
    );
    assert!(!vi.contains("Ban Chỉ đạo"), "no steering board");
    let en = document(&app, "en").await;
    assert!(en.contains("the provincial Board for work on people with disabilities"));

    let line = "UBND tỉnh Lạng Sơn; Ban Công tác người khuyết tật tỉnh; Sở Y tế; lưu VT.";
    let (config, dir) = test_config_with(Demo::Yes, &["--report-recipients", line]).await;
    let mut set = TestApp::start_on(&config).await;
    set.dir = dir;
    assert!(
        document(&set, "vi").await.contains(line),
        "the setting as written"
    );
    assert!(document(&set, "en").await.contains(line));
}
