//! Site pages: list and search, details, and the create and edit forms.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::Markup;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::query::ListQuery;
use crate::app::Error;
use crate::app::barrier_reports;
use crate::app::retries::{Created, Once, check_key};
use crate::app::sites::{self, Edit};
use crate::domain::checklist::for_subtype;
use crate::domain::site::{Degrees, Flag, Site, SiteInput};
use crate::http::auth::{Auth, SignedIn};
use crate::http::retries::{fingerprint, redirect_answer, replay};
use crate::http::{AppState, HtmlError, HtmlForm, PathId};
use crate::store::{checklists, departments, sites as site_rows};
use crate::views::sites::FormView;
use crate::views::{self, Ctx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/sites", get(list).post(create))
        .route("/sites/new", get(new_form))
        .route("/sites/{id}", get(detail))
        .route("/sites/{id}/statement", get(statement))
        .route("/sites/{id}/edit", get(edit_form).post(update))
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Query(query): axum::extract::Query<ListQuery>,
) -> Result<Markup, HtmlError> {
    let filter = query.filter().map_err(Error::from)?;
    if let Some(near) = query.near().map_err(Error::from)? {
        let found = sites::nearest(&state.services, near, filter.kind, filter.limit).await?;
        let (items, distances): (Vec<Site>, Vec<f64>) = found.into_iter().unzip();
        return Ok(views::sites::list_page(
            &ctx,
            &query.q,
            &query.kind,
            &items,
            Some(&distances),
            false,
            None,
        ));
    }
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
        None,
        paged,
        next.as_deref(),
    ))
}

async fn detail(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    PathId(id): PathId,
) -> Result<Markup, HtmlError> {
    let public = crate::app::public::site(&state.services, id).await?;
    let timeline = match auth.actor() {
        Ok(actor) => {
            crate::app::timeline::of_site(&state.services, &actor, id, public.site.department.id)
                .await?
        }
        Err(_) => None,
    };
    let mut conn = state.services.db.conn().await?;
    let checklists = checklists::latest_all(&mut conn).await?;
    let checklist = for_subtype(checklists.iter().map(|s| &s.checklist), public.site.subtype);
    let key = Uuid::now_v7().to_string();
    let staff = timeline.as_ref().map(|timeline| views::sites::StaffPart {
        timeline,
        today: state.services.today(),
        follow_up_key: Uuid::now_v7().to_string(),
    });
    Ok(views::sites::detail_page(
        &ctx,
        &public,
        checklist,
        &key,
        staff.as_ref(),
    ))
}

/// `/sites/{id}/statement`: the printable accessibility statement, for anyone.
async fn statement(
    State(state): State<AppState>,
    ctx: Ctx,
    PathId(id): PathId,
) -> Result<Markup, HtmlError> {
    let public = crate::app::public::site(&state.services, id).await?;
    let url = format!("{}/sites/{id}", state.settings.base_url);
    Ok(views::sites::statement::page(&ctx, &public, &url))
}

/// The site form as posted: every field as text, with the version the edit started from
/// and the new-site form's key.
#[derive(Debug, Default, Deserialize, Serialize)]
struct SiteForm {
    name: Option<String>,
    kind: Option<String>,
    subtype: Option<String>,
    address: Option<String>,
    lat: Option<String>,
    lon: Option<String>,
    department: Option<String>,
    operator: Option<String>,
    design_approved_on: Option<String>,
    heritage: Option<String>,
    version: Option<String>,
    form_key: Option<String>,
    /// The barrier report the place is registered from.
    report: Option<String>,
}

impl SiteForm {
    fn input(&self) -> SiteInput {
        SiteInput {
            name: self.name.clone(),
            kind: self.kind.clone(),
            subtype: self.subtype.clone(),
            address: self.address.clone(),
            lat: self.lat.clone().map(Degrees::Text),
            lon: self.lon.clone().map(Degrees::Text),
            department: self.department.clone(),
            operator: self.operator.clone(),
            design_approved_on: self.design_approved_on.clone(),
            // an unticked box sends nothing: no
            heritage: Some(Flag::Text(self.heritage.clone().unwrap_or_default())),
        }
    }

    /// The version the edit started from; an unreadable one matches nothing, so the edit
    /// is shown beside the saved site rather than written.
    fn expected(&self) -> Option<i64> {
        self.version
            .as_deref()
            .map(|v| v.trim().parse::<i64>().unwrap_or(-1))
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

/// What a new-site link may fill in: the position and the barrier report of a place in
/// no registry.
#[derive(Deserialize)]
struct FromReport {
    lat: Option<String>,
    lon: Option<String>,
    report: Option<Uuid>,
}

async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Query(from): Query<FromReport>,
) -> Result<Response, HtmlError> {
    sites::may_register(&who.actor())?;
    let input = SiteInput {
        lat: from.lat.map(Degrees::Text),
        lon: from.lon.map(Degrees::Text),
        ..SiteInput::default()
    };
    let view = FormView::new(None, &input, None)
        .with_key(Uuid::now_v7().to_string())
        .from_report(from.report);
    render_form(&state, &ctx, view, StatusCode::OK).await
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(id): PathId,
) -> Result<Response, HtmlError> {
    let site = sites::editable(&state.services, &who.actor(), id).await?;
    let input = SiteInput::from_site(&site);
    let form = FormView::new(Some(id), &input, None).from_version(site.version);
    render_form(&state, &ctx, form, StatusCode::OK).await
}

/// Saves, then sends the browser to the site page; refused input shows the form again with
/// what was typed and every problem beside its field; an edit that came after someone
/// else's shows what was typed beside what is saved now, and writes nothing.
async fn submit(
    state: AppState,
    ctx: Ctx,
    auth: Auth,
    id: Option<Uuid>,
    form: SiteForm,
) -> Result<Response, HtmlError> {
    let actor = auth.actor()?;
    let input = form.input();
    let saved = match id {
        None => {
            let answer = |site: &Site| redirect_answer(format!("/sites/{}", site.id));
            let key = form.form_key.as_deref().map(check_key).transpose()?;
            let fingerprint = fingerprint("POST", "/sites", &form_bytes(&form));
            let once = key.map(|key| Once {
                key,
                fingerprint,
                answer: &answer,
            });
            match sites::register(&state.services, &actor, &input, once).await {
                Ok(Created::New(site)) => Ok(site),
                Ok(Created::Replayed(answer)) => return Ok(replay(answer)),
                Err(e) => Err(e),
            }
        }
        Some(id) => {
            let expected = form.expected();
            sites::edit(&state.services, &actor, id, Edit::Replace, &input, expected).await
        }
    };
    let report = form
        .report
        .as_deref()
        .and_then(|r| Uuid::parse_str(r.trim()).ok());
    match saved {
        Ok(site) => {
            // The report of a place in no registry is filed under the place registered
            // from it, and goes to that place's department.
            if let (None, Some(report)) = (id, report) {
                barrier_reports::file_under(&state.services, &actor, report, site.id).await?;
            }
            Ok(Redirect::to(&format!("/sites/{}", site.id)).into_response())
        }
        Err(Error::Invalid(errors)) => {
            let view = FormView::new(id, &input, Some(&errors));
            let view = match form.expected() {
                Some(version) => view.from_version(version),
                None => view,
            };
            let view = match &form.form_key {
                Some(key) => view.with_key(key.clone()),
                None => view,
            }
            .from_report(report);
            render_form(&state, &ctx, view, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(Error::Stale(_)) => {
            let id = id.ok_or(Error::NotFound)?;
            let current = sites::editable(&state.services, &actor, id).await?;
            let view = FormView::new(Some(id), &input, None).too_late(&current);
            render_form(&state, &ctx, view, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The form's fields in a fixed order, for its fingerprint.
fn form_bytes(form: &SiteForm) -> Vec<u8> {
    serde_urlencoded::to_string(form)
        .unwrap_or_default()
        .into_bytes()
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
