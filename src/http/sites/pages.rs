//! Site pages: list and search, details, and the create and edit forms.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::Markup;
use serde::Deserialize;
use uuid::Uuid;

use super::query::ListQuery;
use crate::app::Error;
use crate::app::sites::{self, Edit};
use crate::domain::site::{Degrees, SiteInput};
use crate::http::auth::Auth;
use crate::http::{AppState, HtmlError, HtmlForm, PathId};
use crate::store::{departments, sites as site_rows};
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
    let filter = query.filter().map_err(Error::from)?;
    let mut conn = state.services.db.conn().await?;
    let items = site_rows::list(&mut conn, &filter).await?;
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
    PathId(id): PathId,
) -> Result<Markup, HtmlError> {
    let mut conn = state.services.db.conn().await?;
    let site = site_rows::by_id(&mut conn, id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(views::sites::detail_page(&ctx, &site))
}

/// Sends people who are not signed in to the sign-in page, then back here.
fn sign_in_first(auth: &Auth, ctx: &Ctx) -> Option<Response> {
    if auth.0.is_some() {
        return None;
    }
    let next = serde_urlencoded::to_string([("next", ctx.path.as_str())]).unwrap_or_default();
    Some(Redirect::to(&format!("/login?{next}")).into_response())
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
    let mut conn = state.services.db.conn().await?;
    let departments = departments::all(&mut conn).await?;
    Ok((status, views::sites::form_page(ctx, &form, &departments)).into_response())
}

async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
) -> Result<Response, HtmlError> {
    if let Some(redirect) = sign_in_first(&auth, &ctx) {
        return Ok(redirect);
    }
    sites::may_register(&auth.actor()?)?;
    let input = SiteInput::default();
    render_form(
        &state,
        &ctx,
        FormView::new(None, &input, None),
        StatusCode::OK,
    )
    .await
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    PathId(id): PathId,
) -> Result<Response, HtmlError> {
    if let Some(redirect) = sign_in_first(&auth, &ctx) {
        return Ok(redirect);
    }
    let site = sites::editable(&state.services, &auth.actor()?, id).await?;
    let input = SiteInput::from_site(&site);
    let form = FormView::new(Some(id), &input, None);
    render_form(&state, &ctx, form, StatusCode::OK).await
}

/// Saves, then sends the browser to the site page; refused input shows the form again with
/// what was typed and every problem beside its field.
async fn submit(
    state: AppState,
    ctx: Ctx,
    auth: Auth,
    id: Option<Uuid>,
    form: SiteForm,
) -> Result<Response, HtmlError> {
    let actor = auth.actor()?;
    let input = SiteInput::from(form);
    let saved = match id {
        None => sites::register(&state.services, &actor, &input).await,
        Some(id) => sites::edit(&state.services, &actor, id, Edit::Replace, &input).await,
    };
    match saved {
        Ok(site) => Ok(Redirect::to(&format!("/sites/{}", site.id)).into_response()),
        Err(Error::Invalid(errors)) => {
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
    PathId(id): PathId,
    HtmlForm(form): HtmlForm<SiteForm>,
) -> Result<Response, HtmlError> {
    submit(state, ctx, auth, Some(id), form).await
}
