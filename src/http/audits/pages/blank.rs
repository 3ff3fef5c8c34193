//! A blank audit's pages (`app::audits::blank`): the overview and each section of the audit
//! a start would make, for the phone to keep when the inspector takes a site offline. They
//! post nowhere themselves: offline, the field script keeps what is typed under the start
//! key it puts in place of the blank id; without the script there is no offline start and
//! these pages are not linked. They are drawn as the audit's own pages would be (the
//! menu, the language link), under the blank id.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use super::section::section_of;
use crate::app::audits;
use crate::domain::audit::BLANK_ID;
use crate::http::auth::SignedIn;
use crate::http::{AppState, HtmlError, PathId};
use crate::views::Ctx;
use crate::views::audits::{self as views, SectionView};

/// `/sites/{id}/audits/blank`.
pub(super) async fn overview(
    State(state): State<AppState>,
    mut ctx: Ctx,
    who: SignedIn,
    PathId(site): PathId<Uuid>,
) -> Result<Response, HtmlError> {
    let audit = audits::blank(&state.services, &who.actor(), site).await?;
    ctx.path = format!("/audits/{BLANK_ID}");
    Ok(views::audit_page(&ctx, &audit, &views::Extras::default(), None).into_response())
}

/// `/sites/{id}/audits/blank/sections/{code}`.
pub(super) async fn section(
    State(state): State<AppState>,
    mut ctx: Ctx,
    who: SignedIn,
    PathId((site, code)): PathId<(Uuid, String)>,
) -> Result<Response, HtmlError> {
    let audit = audits::blank(&state.services, &who.actor(), site).await?;
    let section = section_of(&audit, &code)?;
    ctx.path = format!("/audits/{BLANK_ID}/sections/{code}");
    let view = SectionView {
        audit: &audit,
        section,
        typed: None,
        errors: None,
        photo_errors: &[],
        notice: None,
        saved: None,
        failed: None,
    };
    Ok(views::section_page(&ctx, &view).into_response())
}
