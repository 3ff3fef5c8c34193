//! Site pages: list and search, details, and the create and edit forms.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::Markup;
use serde::Deserialize;

use super::api::ListQuery;
use super::{Save, parse_id, save};
use crate::domain::permission::Action;
use crate::domain::site::{Degrees, SiteInput};
use crate::error::AppError;
use crate::http::auth::Auth;
use crate::http::extract::HtmlForm;
use crate::http::{AppState, HtmlError};
use crate::store::{departments, sites};
use crate::views::sites::FormView;
use crate::views::{self, Ctx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/sites", get(list).post(create))
        .route("/sites/new", get(new_form))
        .route("/sites/{id}", get(detail))
        .route("/sites/{id}/edit", get(edit_form).post(update))
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Query(query): axum::extract::Query<ListQuery>,
) -> Result<Markup, HtmlError> {
    let filter = query.filter().map_err(AppError::from)?;
    let mut conn = state.db.conn().await?;
    let items = sites::list(&mut conn, &filter).await?;
    let next = query
        .next(&items, filter.limit)
        .map(|q| format!("/sites?{q}"));
    let paged = filter.after.is_some();
    Ok(views::sites::list_page(
        &ctx,
        &query.q,
        &query.kind,
        &items,
        paged,
        next.as_deref(),
    ))
}

async fn detail(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    Path(id): Path<String>,
) -> Result<Markup, HtmlError> {
    let id = parse_id(&id)?;
    let mut conn = state.db.conn().await?;
    let site = sites::by_id(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let can_edit = auth
        .require(Action::EditSite, &[site.department.id])
        .is_ok();
    Ok(views::sites::detail_page(&ctx, &site, can_edit))
}

/// Sends people who are not signed in to the sign-in page, then back here.
fn sign_in_first(auth: &Auth, action: Action, ctx: &Ctx) -> Result<Option<Response>, HtmlError> {
    match auth.require(action, &[]) {
        Ok(_) => Ok(None),
        Err(AppError::SignInRequired) => {
            let next =
                serde_urlencoded::to_string([("next", ctx.path.as_str())]).unwrap_or_default();
            Ok(Some(
                Redirect::to(&format!("/login?{next}")).into_response(),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// The site form as posted: every field as text.
#[derive(Debug, Default, Deserialize)]
struct SiteForm {
    name: Option<String>,
    kind: Option<String>,
    subtype: Option<String>,
    address: Option<String>,
    lat: Option<String>,
    lon: Option<String>,
    department: Option<String>,
    operator: Option<String>,
}

impl From<SiteForm> for SiteInput {
    fn from(f: SiteForm) -> Self {
        SiteInput {
            name: f.name,
            kind: f.kind,
            subtype: f.subtype,
            address: f.address,
            lat: f.lat.map(Degrees::Text),
            lon: f.lon.map(Degrees::Text),
            department: f.department,
            operator: f.operator,
        }
    }
}

async fn render_form(
    state: &AppState,
    ctx: &Ctx,
    form: FormView<'_>,
    status: StatusCode,
) -> Result<Response, HtmlError> {
    let mut conn = state.db.conn().await?;
    let departments = departments::all(&mut conn).await?;
    Ok((status, views::sites::form_page(ctx, &form, &departments)).into_response())
}

async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
) -> Result<Response, HtmlError> {
    if let Some(redirect) = sign_in_first(&auth, Action::CreateSite, &ctx)? {
        return Ok(redirect);
    }
    let input = SiteInput::default();
    let form = FormView::new(None, &input, None);
    render_form(&state, &ctx, form, StatusCode::OK).await
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    if let Some(redirect) = sign_in_first(&auth, Action::EditSite, &ctx)? {
        return Ok(redirect);
    }
    let id = parse_id(&id)?;
    let site = {
        let mut conn = state.db.conn().await?;
        sites::by_id(&mut conn, id)
            .await?
            .ok_or(AppError::NotFound)?
    };
    auth.require(Action::EditSite, &[site.department.id])?;
    let input = SiteInput::from_site(&site);
    render_form(
        &state,
        &ctx,
        FormView::new(Some(id), &input, None),
        StatusCode::OK,
    )
    .await
}

/// Saves, then sends the browser to the site page; refused input shows the form again with
/// what was typed and every problem beside its field.
async fn submit(
    state: AppState,
    ctx: Ctx,
    auth: Auth,
    id: Option<uuid::Uuid>,
    form: SiteForm,
) -> Result<Response, HtmlError> {
    let input = SiteInput::from(form);
    let how = id.map_or(Save::New, Save::Replace);
    match save(&state, &auth, how, &input).await {
        Ok(site) => Ok(Redirect::to(&format!("/sites/{}", site.id)).into_response()),
        Err(AppError::Invalid(errors)) => {
            let form = FormView::new(id, &input, Some(&errors));
            render_form(&state, &ctx, form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    HtmlForm(form): HtmlForm<SiteForm>,
) -> Result<Response, HtmlError> {
    submit(state, ctx, auth, None, form).await
}

async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    Path(id): Path<String>,
    HtmlForm(form): HtmlForm<SiteForm>,
) -> Result<Response, HtmlError> {
    let id = parse_id(&id)?;
    submit(state, ctx, auth, Some(id), form).await
}
