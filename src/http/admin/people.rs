//! `/admin/people`: list, add one or many, change role and department, disable or enable,
//! reset a password, each through [`crate::app::users`]. New passwords are shown on the
//! answer to the form that made them, once, never in an address.

use axum::Router;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::http::header::CACHE_CONTROL;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::Markup;
use serde::Deserialize;

use super::{Fields, status_of, text, version};
use crate::app::imports::ImportError;
use crate::app::users::{self, UserUpdate};
use crate::app::{Error, departments};
use crate::domain::actor::Actor;
use crate::domain::import::ImportReport;
use crate::domain::user::{User, UserInput, parse_username};
use crate::http::auth::SignedIn;
use crate::http::{AppState, BODY_LIMIT, HtmlError, HtmlForm, PathId};
use crate::views::Ctx;
use crate::views::admin::Refused;
use crate::views::admin::people::{self as views, Form, Notice, PageParts};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/people", get(page).post(add))
        .route("/admin/people/import", post(add_many))
        .route("/admin/people/{username}", post(change))
        .route("/admin/people/{username}/active", post(set_active))
        .route("/admin/people/{username}/password", post(reset_password))
}

/// `?done=...&user=...`: what the page says was just done (after a redirect).
#[derive(Debug, Default, Deserialize)]
struct Done {
    done: Option<String>,
    user: Option<String>,
}

impl Done {
    fn notice(&self) -> Option<Notice> {
        // Only text shaped like a username is shown: a crafted link cannot put other words here.
        let user = parse_username(self.user.as_deref()).ok()?;
        Some(match self.done.as_deref()? {
            "changed" => Notice::Changed(user),
            "disabled" => Notice::Disabled(user),
            "enabled" => Notice::Enabled(user),
            _ => return None,
        })
    }
}

/// Renders the page with the people and departments as they are now.
async fn render(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    parts: &PageParts<'_>,
) -> Result<Markup, HtmlError> {
    let people = users::list(&state.services, actor).await?;
    let departments = departments::list(&state.services).await?;
    Ok(views::page(ctx, &people, &departments, parts))
}

async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Query(done): Query<Done>,
) -> Result<Response, HtmlError> {
    let notice = done.notice();
    let parts = PageParts {
        notice: notice.as_ref(),
        refused: None,
        current: None,
        report: None,
    };
    Ok(render(&state, &ctx, &who.actor(), &parts)
        .await?
        .into_response())
}

/// The page again with `form` open, what was typed and why it was refused; a change that
/// came too late shows what is saved now beside it. Other errors are error pages.
async fn again(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    form: Form<'_>,
    fields: &Fields,
    error: Error,
) -> Result<Response, HtmlError> {
    let errors = match &error {
        Error::Invalid(errors) | Error::Conflict(errors) => Some(errors),
        Error::Stale(_) => None,
        _ => return Err(error.into()),
    };
    let current = match (&error, form) {
        (Error::Stale(_), Form::Change(username)) => {
            let people = users::list(&state.services, actor).await?;
            people.into_iter().find(|u| u.username == username)
        }
        _ => None,
    };
    let refused = Refused {
        form,
        typed: fields,
        errors,
    };
    let parts = PageParts {
        notice: None,
        refused: Some(&refused),
        current: current.as_ref(),
        report: None,
    };
    let page = render(state, ctx, actor, &parts).await?;
    Ok((status_of(&error), page).into_response())
}

/// The one-time passwords, on this answer only: never kept by a browser or a proxy.
fn one_time(ctx: &Ctx, people: &[(&User, &str)], added: bool) -> Response {
    let page = views::one_time_page(ctx, people, added);
    ([(CACHE_CONTROL, "no-store")], page).into_response()
}

async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    HtmlForm(fields): HtmlForm<Fields>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let input = UserInput {
        username: fields.get("username").cloned(),
        display_name: fields.get("display_name").cloned(),
        role: fields.get("role").cloned(),
        department: fields.get("department").cloned(),
        email: fields.get("email").cloned(),
    };
    match users::add_with_one_time_password(&state.services, &actor, &input).await {
        Ok(added) => Ok(one_time(&ctx, &[(&added.user, &added.password)], true)),
        Err(e) => again(&state, &ctx, &actor, Form::Add, &fields, e).await,
    }
}

/// Reads the people form's file, or else its pasted text.
async fn csv_of(mut multipart: Multipart) -> Result<(Vec<u8>, String), HtmlError> {
    let refused = |e| HtmlError(crate::http::audits::photos::refused(e, BODY_LIMIT));
    let (mut file, mut pasted) = (Vec::new(), Vec::new());
    while let Some(field) = multipart.next_field().await.map_err(refused)? {
        match field.name() {
            Some("csv_file") => file = field.bytes().await.map_err(refused)?.to_vec(),
            Some("csv") => pasted = field.bytes().await.map_err(refused)?.to_vec(),
            _ => {}
        }
    }
    let shown = String::from_utf8_lossy(&pasted).into_owned();
    Ok((if file.is_empty() { pasted } else { file }, shown))
}

async fn add_many(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    multipart: Multipart,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let (bytes, pasted) = csv_of(multipart).await?;
    let report: ImportReport = match users::add_many(&state.services, &actor, &bytes).await {
        Ok(added) => {
            let people: Vec<(&User, &str)> = added
                .iter()
                .map(|a| (&a.user, a.password.as_str()))
                .collect();
            return Ok(one_time(&ctx, &people, true));
        }
        Err(ImportError::Rejected(report)) => report,
        Err(ImportError::Failed(e)) => return Err(e.into()),
    };
    let typed = Fields::from([("csv".to_owned(), pasted)]);
    let refused = Refused {
        form: Form::Many,
        typed: &typed,
        errors: None,
    };
    let parts = PageParts {
        notice: None,
        refused: Some(&refused),
        current: None,
        report: Some(&report),
    };
    let page = render(&state, &ctx, &actor, &parts).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn change(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(username): PathId<String>,
    HtmlForm(fields): HtmlForm<Fields>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let update = UserUpdate {
        role: Some(text(&fields, "role").to_owned()),
        department: Some(text(&fields, "department").to_owned()),
        email: fields.get("email").cloned(),
        ..UserUpdate::default()
    };
    let expected = version(&fields);
    match users::update(&state.services, &actor, &username, &update, expected).await {
        Ok(user) => Ok(back("changed", &user.username)),
        Err(e) => again(&state, &ctx, &actor, Form::Change(&username), &fields, e).await,
    }
}

/// Back to the page with a notice about `username`.
fn back(done: &str, username: &str) -> Response {
    let query =
        serde_urlencoded::to_string([("done", done), ("user", username)]).unwrap_or_default();
    Redirect::to(&format!("/admin/people?{query}#person-{username}")).into_response()
}

async fn set_active(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(username): PathId<String>,
    HtmlForm(fields): HtmlForm<Fields>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let active = text(&fields, "active") == "true";
    match users::set_active(&state.services, &actor, &username, active).await {
        Ok(user) => Ok(back(
            if active { "enabled" } else { "disabled" },
            &user.username,
        )),
        Err(e) => again(&state, &ctx, &actor, Form::Active(&username), &fields, e).await,
    }
}

async fn reset_password(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(username): PathId<String>,
) -> Result<Response, HtmlError> {
    let reset = users::reset_to_one_time_password(&state.services, &who.actor(), &username).await?;
    Ok(one_time(&ctx, &[(&reset.user, &reset.password)], false))
}
