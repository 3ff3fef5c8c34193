//! `/admin/departments`: list, create, rename, merge and retire, each through
//! [`crate::app::departments`].

use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::{Fields, status_of, text, version};
use crate::app::{Error, departments};
use crate::domain::actor::Actor;
use crate::domain::department::{OpenWork, parse_code};
use crate::domain::lang::Bilingual;
use crate::http::auth::SignedIn;
use crate::http::{AppState, HtmlError, HtmlForm, PathId};
use crate::views::Ctx;
use crate::views::admin::Refused;
use crate::views::admin::departments::{self as views, Form, Notice};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/departments", get(page).post(create))
        .route("/admin/departments/{code}/rename", post(rename))
        .route("/admin/departments/{code}/merge", post(merge))
        .route("/admin/departments/{code}/retire", post(retire))
}

/// `?done=...`: what the page says was just done (after a redirect).
#[derive(Debug, Default, Deserialize)]
struct Done {
    done: Option<String>,
    code: Option<String>,
    into: Option<String>,
    people: Option<u64>,
    sites: Option<u64>,
    audits: Option<u64>,
    findings: Option<u64>,
}

impl Done {
    fn notice(&self) -> Option<Notice> {
        // Only text shaped like a code is shown: a crafted link cannot put other words here.
        let code = parse_code(self.code.as_deref()?).ok()?;
        Some(match self.done.as_deref()? {
            "created" => Notice::Created(code),
            "renamed" => Notice::Renamed(code),
            "retired" => Notice::Retired(code),
            "merged" => Notice::Merged {
                from: code,
                into: parse_code(self.into.as_deref()?).ok()?,
                moved: OpenWork {
                    sites: self.sites.unwrap_or_default(),
                    users: self.people.unwrap_or_default(),
                    audits: self.audits.unwrap_or_default(),
                    findings: self.findings.unwrap_or_default(),
                },
            },
            _ => return None,
        })
    }
}

async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Query(done): Query<Done>,
) -> Result<Response, HtmlError> {
    let all = departments::with_open_work(&state.services, &who.actor()).await?;
    Ok(views::page(&ctx, &all, done.notice().as_ref(), None, None).into_response())
}

/// Back to the page with a notice.
fn back(query: &[(&str, &str)]) -> Response {
    let query = serde_urlencoded::to_string(query).unwrap_or_default();
    Redirect::to(&format!("/admin/departments?{query}")).into_response()
}

/// The page again with `form` open, what was typed and why it was refused; a rename that
/// came too late shows what is saved now beside it. Other errors are error pages.
async fn again(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    form: Form<'_>,
    fields: &Fields,
    error: Error,
) -> Result<Response, HtmlError> {
    let status = status_of(&error);
    let errors = match &error {
        Error::Invalid(errors) | Error::Conflict(errors) => Some(errors),
        Error::Stale(_) => None,
        _ => return Err(error.into()),
    };
    let all = departments::with_open_work(&state.services, actor).await?;
    let current = match (&error, form) {
        (Error::Stale(_), Form::Rename(code)) => {
            all.iter().map(|(d, _)| d).find(|d| d.code == code)
        }
        _ => None,
    };
    let refused = Refused {
        form,
        typed: fields,
        errors,
    };
    Ok((
        status,
        views::page(ctx, &all, None, Some(&refused), current),
    )
        .into_response())
}

fn names(fields: &Fields) -> Bilingual {
    Bilingual {
        vi: text(fields, "name.vi").to_owned(),
        en: text(fields, "name.en").to_owned(),
    }
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    HtmlForm(fields): HtmlForm<Fields>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let code = text(&fields, "code");
    match departments::create(&state.services, &actor, code, &names(&fields)).await {
        Ok(d) => Ok(back(&[("done", "created"), ("code", &d.code)])),
        Err(e) => again(&state, &ctx, &actor, Form::Create, &fields, e).await,
    }
}

async fn rename(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(code): PathId<String>,
    HtmlForm(fields): HtmlForm<Fields>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let expected = version(&fields);
    let names = names(&fields);
    match departments::rename(&state.services, &actor, &code, &names, expected).await {
        Ok(d) => Ok(back(&[("done", "renamed"), ("code", &d.code)])),
        Err(e) => again(&state, &ctx, &actor, Form::Rename(&code), &fields, e).await,
    }
}

async fn merge(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(code): PathId<String>,
    HtmlForm(fields): HtmlForm<Fields>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let into = text(&fields, "into");
    let merged = match departments::merge(&state.services, &actor, &code, into).await {
        Ok(merged) => merged,
        Err(e) => return again(&state, &ctx, &actor, Form::Merge(&code), &fields, e).await,
    };
    let counts =
        [merged.users, merged.sites, merged.audits, merged.findings].map(|n| n.to_string());
    Ok(back(&[
        ("done", "merged"),
        ("code", &merged.from.code),
        ("into", &merged.into.code),
        ("people", &counts[0]),
        ("sites", &counts[1]),
        ("audits", &counts[2]),
        ("findings", &counts[3]),
    ]))
}

async fn retire(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    PathId(code): PathId<String>,
    HtmlForm(fields): HtmlForm<Fields>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    // Whatever changed since the page was read, the open work is counted again.
    match departments::retire(&state.services, &actor, &code, None).await {
        Ok(d) => Ok(back(&[("done", "retired"), ("code", &d.code)])),
        Err(e) => again(&state, &ctx, &actor, Form::Retire(&code), &fields, e).await,
    }
}
