//! `GET`, `PUT /api/v1/account/mail`: the signed-in person's own mail settings (address,
//! daily digest, language), as the account page sets them.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::auth::Auth;
use super::{ApiError, ApiJson, AppState};
use crate::app::mail::{self, MailInput};
use crate::domain::mail::MailPrefs;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/account/mail", get(show).put(replace))
        .route_layer(axum::middleware::from_fn(super::auth::writes_need_sign_in))
}

/// The settings as sent: every field is required, as a `PUT` replaces them all.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MailBody {
    /// The address; `null` or empty: no mail.
    email: Option<String>,
    digest: bool,
    lang: String,
}

/// The settings as answered.
#[derive(Serialize)]
struct MailJson {
    email: Option<String>,
    digest: bool,
    lang: &'static str,
}

impl From<&MailPrefs> for MailJson {
    fn from(p: &MailPrefs) -> Self {
        MailJson {
            email: p.email.as_ref().map(|e| e.as_str().to_owned()),
            digest: p.digest,
            lang: p.lang.code(),
        }
    }
}

async fn show(State(state): State<AppState>, auth: Auth) -> Result<Json<MailJson>, ApiError> {
    let prefs = mail::own_prefs(&state.services, &auth.actor()?).await?;
    Ok(Json(MailJson::from(&prefs)))
}

async fn replace(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<MailBody>,
) -> Result<Json<MailJson>, ApiError> {
    let input = MailInput {
        email: body.email.unwrap_or_default(),
        digest: body.digest,
        lang: body.lang,
    };
    let prefs = mail::set_own_prefs(&state.services, &auth.actor()?, &input).await?;
    Ok(Json(MailJson::from(&prefs)))
}
