//! `/account`: every signed-in person's own page: change the password, set the mail
//! settings (address, daily digest, language), make and revoke API tokens. A new token is shown on the answer to the form that made it, once.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::CACHE_CONTROL;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use uuid::Uuid;

use super::auth::{Auth, SignedIn};
use super::{AppState, HtmlError, HtmlForm, PathId};
use crate::app::mail::{self, MailInput};
use crate::app::{Error, tokens, users};
use crate::domain::actor::Actor;
use crate::i18n::Msg;
use crate::views::Ctx;
use crate::views::account::{self as views, Form, MailShown, Refused, TokenRow};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(page))
        .route("/account/password", post(change_password))
        .route("/account/mail", post(set_mail))
        .route("/account/tokens", post(create_token))
        .route("/account/tokens/{id}/revoke", post(revoke_token))
        .route_layer(axum::middleware::from_fn(super::auth::writes_need_sign_in))
}

/// `?done=...`: what the page says was just done (after a redirect).
#[derive(Debug, Default, Deserialize)]
struct Done {
    done: Option<String>,
}

impl Done {
    fn notice(&self) -> Option<Msg> {
        match self.done.as_deref()? {
            "password" => Some(Msg::AccountPasswordChanged),
            "mail" => Some(Msg::AccountMailSaved),
            "revoked" => Some(Msg::AccountTokenRevoked),
            _ => None,
        }
    }
}

/// The page with the person's tokens and mail settings as they are now (or the mail
/// settings as `typed`, when that form was refused).
async fn render(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    notice: Option<Msg>,
    refused: Option<&Refused<'_>>,
    typed: Option<MailShown>,
) -> Result<maud::Markup, HtmlError> {
    let mail = match typed {
        Some(typed) => typed,
        None => {
            let saved = mail::own_prefs(&state.services, actor).await?;
            MailShown {
                email: saved
                    .email
                    .map(|e| e.as_str().to_owned())
                    .unwrap_or_default(),
                digest: saved.digest,
                lang: saved.lang.code().to_owned(),
            }
        }
    };
    let rows: Vec<TokenRow> = tokens::list(&state.services, actor)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            name: t.name,
            created_at: t.created_at,
            revoked_at: t.revoked_at,
        })
        .collect();
    Ok(views::page(ctx, &rows, &mail, notice, refused))
}

async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Query(done): Query<Done>,
) -> Result<Response, HtmlError> {
    let page = render(&state, &ctx, &who.actor(), done.notice(), None, None).await?;
    Ok(page.into_response())
}

/// The page again with the form's problems (passwords are not shown again).
async fn again(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    form: Form,
    name: &str,
    typed: Option<MailShown>,
    error: Error,
) -> Result<Response, HtmlError> {
    let Error::Invalid(errors) = error else {
        return Err(error.into());
    };
    let refused = Refused {
        form,
        name,
        errors: &errors,
    };
    let page = render(state, ctx, actor, None, Some(&refused), typed).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// Changes the password; this session stays signed in, the person's others end.
async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    auth: Auth,
    HtmlForm(fields): HtmlForm<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let field = |name: &str| fields.get(name).map_or("", String::as_str);
    let changed = users::change_own_password(
        &state.services,
        &actor,
        field("current_password"),
        field("new_password"),
        auth.session_digest(),
    )
    .await;
    match changed {
        Ok(()) => Ok(Redirect::to("/account?done=password").into_response()),
        Err(e) => again(&state, &ctx, &actor, Form::Password, "", None, e).await,
    }
}

/// Saves the mail settings; a refused address comes back as typed, named on its field.
async fn set_mail(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    HtmlForm(fields): HtmlForm<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let field = |name: &str| fields.get(name).cloned().unwrap_or_default();
    let input = MailInput {
        email: field("email"),
        digest: field("digest") == "true",
        lang: field("lang"),
    };
    match mail::set_own_prefs(&state.services, &actor, &input).await {
        Ok(_) => Ok(Redirect::to("/account?done=mail").into_response()),
        Err(e) => {
            let typed = MailShown {
                email: input.email,
                digest: input.digest,
                lang: input.lang,
            };
            again(&state, &ctx, &actor, Form::Mail, "", Some(typed), e).await
        }
    }
}

async fn create_token(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    HtmlForm(fields): HtmlForm<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let name = fields.get("name").map_or("", String::as_str);
    match tokens::create(&state.services, &actor, Some(name)).await {
        Ok(created) => {
            let page = views::token_page(&ctx, &created.token.name, &created.value);
            Ok(([(CACHE_CONTROL, "no-store")], page).into_response())
        }
        Err(e) => again(&state, &ctx, &actor, Form::Token, name, None, e).await,
    }
}

async fn revoke_token(
    State(state): State<AppState>,
    who: SignedIn,
    PathId(id): PathId<Uuid>,
) -> Result<Response, HtmlError> {
    tokens::revoke(&state.services, &who.actor(), id).await?;
    Ok(Redirect::to("/account?done=revoked").into_response())
}
