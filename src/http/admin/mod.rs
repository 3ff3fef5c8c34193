//! The administrators' pages: `/admin/departments` and `/admin/people`. Each action is one
//! form, one use case, and a redirect back with a notice; refused input shows the page
//! again with the form open and each problem beside its field.

mod departments;
mod outbox;
mod people;

use std::collections::HashMap;

use axum::Router;
use axum::http::StatusCode;

use super::AppState;
use crate::app::Error;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .merge(departments::router())
        .merge(people::router())
        .merge(outbox::router())
        .route_layer(axum::middleware::from_fn(super::auth::writes_need_sign_in))
}

/// A posted form's fields by name.
type Fields = HashMap<String, String>;

/// The text of field `name` (empty when it was not sent).
fn text<'f>(fields: &'f Fields, name: &str) -> &'f str {
    fields.get(name).map_or("", String::as_str)
}

/// The version a form started from; an unreadable one matches nothing, so the change is
/// shown beside what is saved rather than written.
fn version(fields: &Fields) -> Option<i64> {
    fields
        .get("version")
        .map(|v| v.trim().parse::<i64>().unwrap_or(-1))
}

/// The status a refused form comes back with: 422 for refused input, 409 for a value
/// taken, open work or a change that came too late.
fn status_of(error: &Error) -> StatusCode {
    match error {
        Error::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::CONFLICT,
    }
}
