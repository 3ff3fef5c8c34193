//! `/account`: each signed-in person's own page: change the password, set the mail
//! settings, make and revoke API tokens; and the page that shows a new token, once.

use chrono::{DateTime, Utc};
use maud::{Markup, html};
use uuid::Uuid;

use crate::domain::user::PASSWORD_MIN;
use crate::domain::validation::{FieldErrors, Problem};
use crate::i18n::{Msg, field_label, problem_text};
use crate::views::components::{self, FieldParts};
use crate::views::{Ctx, layout};

/// One of the person's API tokens, as the page lists it (never its value).
pub struct TokenRow {
    /// Id, for revoking it.
    pub id: Uuid,
    /// The name its owner gave it.
    pub name: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// The forms of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Change my password.
    Password,
    /// Make a token.
    Token,
    /// My mail settings.
    Mail,
}

/// The mail settings form's values: as saved, or as typed when it was refused.
#[derive(Debug, Clone, Default)]
pub struct MailShown {
    /// The address.
    pub email: String,
    /// Whether the daily digest is on.
    pub digest: bool,
    /// `vi` or `en`.
    pub lang: String,
}

/// A form sent and refused: which, the token name typed (passwords are never sent back),
/// and its problems.
pub struct Refused<'a> {
    /// Which form.
    pub form: Form,
    /// The token name typed.
    pub name: &'a str,
    /// The problems.
    pub errors: &'a FieldErrors,
}

fn password_input(
    ctx: &Ctx,
    name: &str,
    label: Msg,
    errors: Option<&FieldErrors>,
    hint: Option<&str>,
) -> Markup {
    let error = errors.and_then(|e| e.for_field(name));
    let autocomplete = if name == "new_password" {
        "new-password"
    } else {
        "current-password"
    };
    let parts = FieldParts {
        id: name,
        label: ctx.t(label),
        required: true,
        hint,
        error,
    };
    components::field(ctx, parts, |described| {
        html! {
            input id=(name) name=(name) type="password" required autocomplete=(autocomplete)
                aria-describedby=[described] aria-invalid=[error.map(|_| "true")];
        }
    })
}

/// The mail settings: an address, the daily digest on or off, the language of the mail.
fn mail_section(ctx: &Ctx, mail: &MailShown, errors: Option<&FieldErrors>) -> Markup {
    let email_error = errors.and_then(|e| e.for_field("email"));
    let lang_error = errors.and_then(|e| e.for_field("lang"));
    let email = FieldParts {
        id: "email",
        label: ctx.t(Msg::AccountEmail),
        required: false,
        hint: Some(ctx.t(Msg::AccountEmailHint)),
        error: email_error,
    };
    html! {
        section aria-labelledby="mail-title" {
            h2 id="mail-title" { (ctx.t(Msg::AccountMailTitle)) }
            p { (ctx.t(Msg::AccountMailIntro)) }
            form method="post" action="/account/mail" novalidate {
                (components::field(ctx, email, |described| html! {
                    input id="email" name="email" type="email" value=(mail.email) autocomplete="email"
                        spellcheck="false" autocapitalize="none"
                        aria-describedby=[described] aria-invalid=[email_error.map(|_| "true")];
                }))
                div class="field checkbox" {
                    input id="digest" name="digest" type="checkbox" value="true" checked[mail.digest]
                        aria-describedby="digest-hint";
                    label for="digest" { (ctx.t(Msg::AccountDigest)) }
                    p class="hint" id="digest-hint" { (ctx.t(Msg::AccountDigestHint)) }
                }
                fieldset id="lang" class={ "field" @if lang_error.is_some() { " field-error" } }
                    aria-describedby=[lang_error.map(|_| "lang-error")] {
                    legend { (ctx.t(Msg::AccountMailLang)) }
                    @if let Some(problem) = lang_error {
                        p class="error" id="lang-error" { (problem_text(problem, ctx.lang)) }
                    }
                    @for (code, label) in [("vi", Msg::AccountMailVi), ("en", Msg::AccountMailEn)] {
                        div class="choice" {
                            input type="radio" id={ "lang-" (code) } name="lang" value=(code) checked[mail.lang == code];
                            label for={ "lang-" (code) } { (ctx.t(label)) }
                        }
                    }
                }
                button type="submit" { (ctx.t(Msg::AccountMailSave)) }
            }
        }
    }
}

/// The page; `notice` says what was just done.
pub fn page(
    ctx: &Ctx,
    tokens: &[TokenRow],
    mail: &MailShown,
    notice: Option<Msg>,
    refused: Option<&Refused<'_>>,
) -> Markup {
    let title = ctx.t(Msg::AccountTitle);
    let errors = |form: Form| refused.filter(|r| r.form == form).map(|r| r.errors);
    let min = problem_text(&Problem::TooShort { min: PASSWORD_MIN }, ctx.lang);
    let token_error = errors(Form::Token).and_then(|e| e.for_field("name"));
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            @if let Some(notice) = notice {
                (components::notice(ctx.t(notice)))
            }
            @if let Some(refused) = refused {
                (components::error_summary(ctx, refused.errors, |f| match f {
                    "name" => ("token-name".to_owned(), ctx.t(Msg::AccountTokenName).to_owned()),
                    "lang" => ("lang-vi".to_owned(), field_label(f, ctx.lang)),
                    other => (other.to_owned(), field_label(other, ctx.lang)),
                }))
            }
            section aria-labelledby="password-title" {
                h2 id="password-title" { (ctx.t(Msg::AccountPassword)) }
                p { (ctx.t(Msg::AccountPasswordEffect)) }
                form method="post" action="/account/password" novalidate {
                    (password_input(ctx, "current_password", Msg::AccountCurrentPassword, errors(Form::Password), None))
                    (password_input(ctx, "new_password", Msg::AccountNewPassword, errors(Form::Password), Some(&min)))
                    button type="submit" { (ctx.t(Msg::AccountPasswordSave)) }
                }
            }
            (mail_section(ctx, mail, errors(Form::Mail)))
            section aria-labelledby="tokens-title" {
                h2 id="tokens-title" { (ctx.t(Msg::AccountTokens)) }
                p { (ctx.t(Msg::AccountTokensIntro)) }
                @if tokens.is_empty() {
                    p { (ctx.t(Msg::AccountTokenNone)) }
                } @else {
                    ul class="cards" {
                        @for t in tokens {
                            li class="card" {
                                h3 { (t.name) }
                                p class="meta" {
                                    (ctx.t(Msg::AccountTokenMade)) ": " (ctx.local_time(t.created_at)) " · "
                                    @match t.revoked_at {
                                        Some(at) => { (ctx.t(Msg::AccountTokenRevokedAt)) ": " (ctx.local_time(at)) }
                                        None => { (ctx.t(Msg::AccountTokenLive)) }
                                    }
                                }
                                @if t.revoked_at.is_none() {
                                    form method="post" action={ "/account/tokens/" (t.id) "/revoke" } {
                                        button type="submit" class="secondary" {
                                            (ctx.t(Msg::AccountTokenRevoke))
                                            span class="visually-hidden" { ": " (t.name) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                form method="post" action="/account/tokens" novalidate {
                    (components::field(ctx, FieldParts { id: "token-name", label: ctx.t(Msg::AccountTokenName), required: true, hint: None, error: token_error }, |described| html! {
                        input id="token-name" name="name" type="text" required autocomplete="off"
                            value=[refused.filter(|r| r.form == Form::Token).map(|r| r.name)]
                            aria-describedby=[described] aria-invalid=[token_error.map(|_| "true")];
                    }))
                    button type="submit" { (ctx.t(Msg::AccountTokenCreate)) }
                }
            }
        },
    )
}

/// The page that shows a new API token, this once.
pub fn token_page(ctx: &Ctx, name: &str, value: &str) -> Markup {
    let title = ctx.t(Msg::AccountTokenNew);
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (ctx.t(Msg::AccountTokenNewIntro)) }
            dl class="facts" {
                dt { (ctx.t(Msg::AccountTokenName)) } dd { (name) }
                dt { (ctx.t(Msg::AccountTokens)) } dd { code class="secret" { (value) } }
            }
            p { a href="/account" { (ctx.t(Msg::AccountBack)) } }
        },
    )
}
