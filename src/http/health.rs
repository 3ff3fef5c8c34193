//! `GET /healthz`: 200 once the server is up (it is only served after migrations and
//! checklists are loaded) and the database answers `SELECT 1`.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;

use super::AppState;
use crate::store;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz))
}

async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    let alive = async {
        let mut conn = state.services.db.conn().await?;
        store::ping(&mut conn).await
    };
    match alive.await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
