//! On an audit's page: who took part besides the inspector and the form to name them, the
//! findings the audit made, and the participants' remarks with the form to add one (an
//! observer's own, or noted down by staff for someone without an account).

use std::collections::HashMap;

use maud::{Markup, html};

use crate::domain::audit::Audit;
use crate::domain::audit::participation::{NAME_MAX, ORGANISATION_MAX, REMARK_MAX};
use crate::domain::finding::Finding;
use crate::domain::permission::{Action, Scope};
use crate::domain::validation::FieldErrors;
use crate::i18n::Msg;
use crate::views::Ctx;
use crate::views::components::{FieldParts, error_summary, field};
use crate::views::labels::{finding_state_label, severity_label};

/// Which form on the page was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Naming a participant.
    Participant,
    /// Adding a remark.
    Remark,
}

/// A refused form: what was wrong and what was typed.
#[derive(Debug, Clone)]
pub struct Refused {
    /// The form.
    pub form: Form,
    /// Every problem.
    pub errors: FieldErrors,
    /// What was typed, to show again.
    pub typed: HashMap<String, String>,
}

/// What an audit's page shows beside its checklist.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    /// The findings the audit made.
    pub findings: &'a [Finding],
    /// The organisations the participant's form suggests.
    pub suggestions: &'a [String],
    /// A form refused, to show with its problems.
    pub refused: Option<&'a Refused>,
}

/// True when `ctx`'s person may name participants on `audit` and note down their remarks.
pub fn manages_participants(ctx: &Ctx, audit: &Audit) -> bool {
    super::editable_by(ctx, audit)
        || ctx.can(
            Action::ManageParticipants,
            Scope::Department(audit.department.id),
        )
}

/// True when `ctx`'s person is an observer named on `audit`.
pub fn observes(ctx: &Ctx, audit: &Audit) -> bool {
    audit
        .participation
        .accounts()
        .into_iter()
        .any(|a| ctx.can(Action::RemarkOnAudit, Scope::NamedOn(a)))
}

fn errors_for<'a>(extras: &Extras<'a>, form: Form) -> Option<&'a Refused> {
    extras.refused.filter(|r| r.form == form)
}

fn typed<'a>(refused: Option<&'a Refused>, name: &str) -> &'a str {
    refused
        .and_then(|r| r.typed.get(name))
        .map(String::as_str)
        .unwrap_or_default()
}

fn label(ctx: &Ctx, field: &str) -> (String, String) {
    let msg = match field {
        "name" => Msg::ParticipantName,
        "organisation" => Msg::ParticipantOrganisation,
        "account" => Msg::ParticipantAccount,
        "participant" => Msg::RemarkWho,
        "finding" => Msg::RemarkAbout,
        _ => Msg::RemarkBody,
    };
    let id = match field {
        "name" | "organisation" | "account" => format!("participant-{field}"),
        _ => format!("remark-{field}"),
    };
    (id, ctx.t(msg).to_owned())
}

/// The section of the audit's page.
pub fn section(ctx: &Ctx, audit: &Audit, extras: &Extras<'_>) -> Markup {
    if audit.is_blank() {
        return html! {};
    }
    let manages = manages_participants(ctx, audit);
    html! {
        section aria-labelledby="participants" {
            h2 id="participants" { (ctx.t(Msg::ParticipantsTitle)) }
            (participants(ctx, audit, manages))
            @if manages {
                (participant_form(ctx, audit, extras))
            }
        }
        section aria-labelledby="audit-findings" {
            h2 id="audit-findings" { (ctx.t(Msg::AuditFindings)) }
            @if extras.findings.is_empty() {
                p { (ctx.t(Msg::AuditFindingsNone)) }
            } @else {
                ul class="site-list" {
                    @for f in extras.findings {
                        li id={ "finding-" (f.id) } {
                            (f.text.get(ctx.lang))
                            span class="meta" {
                                (ctx.t(severity_label(f.severity))) " · "
                                (ctx.t(finding_state_label(f.state))) " · " (f.clause)
                            }
                        }
                    }
                }
            }
        }
        section aria-labelledby="remarks" {
            h2 id="remarks" { (ctx.t(Msg::RemarksTitle)) }
            (remarks(ctx, audit, extras.findings))
            (remark_form(ctx, audit, extras, manages))
        }
    }
}

fn participants(ctx: &Ctx, audit: &Audit, manages: bool) -> Markup {
    let named = &audit.participation.participants;
    html! {
        @if named.is_empty() {
            p { (ctx.t(Msg::ParticipantsNone)) }
        } @else {
            ul class="site-list" {
                @for p in named {
                    li {
                        (p.name) " — " (p.organisation)
                        @if let Some(account) = &p.account {
                            span class="meta" { (ctx.t(Msg::ParticipantHasAccount)) " " (account.username) }
                        }
                        @if manages {
                            form method="post" class="inline"
                                action={ "/audits/" (audit.id) "/participants/" (p.id) "/remove" } {
                                button type="submit" class="link" {
                                    (ctx.t(Msg::ParticipantRemove))
                                    span class="visually-hidden" { " " (p.name) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn participant_form(ctx: &Ctx, audit: &Audit, extras: &Extras<'_>) -> Markup {
    let refused = errors_for(extras, Form::Participant);
    let error = |name: &str| refused.and_then(|r| r.errors.for_field(name));
    html! {
        h3 id="participant-form" { (ctx.t(Msg::ParticipantAdd)) }
        @if let Some(r) = refused {
            (error_summary(ctx, &r.errors, |f| label(ctx, f)))
        }
        form method="post" action={ "/audits/" (audit.id) "/participants" } aria-labelledby="participant-form" novalidate {
            (field(ctx, FieldParts { id: "participant-name", label: ctx.t(Msg::ParticipantName), required: true, hint: None, error: error("name") }, |described| html! {
                input type="text" id="participant-name" name="name" maxlength=(NAME_MAX) required
                    autocomplete="name" value=(typed(refused, "name")) aria-describedby=[described];
            }))
            (field(ctx, FieldParts { id: "participant-organisation", label: ctx.t(Msg::ParticipantOrganisation), required: true, hint: Some(ctx.t(Msg::ParticipantOrganisationHint)), error: error("organisation") }, |described| html! {
                input type="text" id="participant-organisation" name="organisation" list="organisations"
                    maxlength=(ORGANISATION_MAX) required autocomplete="organization"
                    value=(typed(refused, "organisation")) aria-describedby=[described];
            }))
            datalist id="organisations" {
                @for o in extras.suggestions { option value=(o) {} }
            }
            (field(ctx, FieldParts { id: "participant-account", label: ctx.t(Msg::ParticipantAccount), required: false, hint: Some(ctx.t(Msg::ParticipantAccountHint)), error: error("account") }, |described| html! {
                input type="text" id="participant-account" name="account" autocomplete="off"
                    autocapitalize="none" spellcheck="false"
                    value=(typed(refused, "account")) aria-describedby=[described];
            }))
            button type="submit" { (ctx.t(Msg::ParticipantAdd)) }
        }
    }
}

fn remarks(ctx: &Ctx, audit: &Audit, findings: &[Finding]) -> Markup {
    let p = &audit.participation;
    html! {
        @if p.remarks.is_empty() {
            p { (ctx.t(Msg::RemarksNone)) }
        } @else {
            ul class="site-list" {
                @for r in &p.remarks {
                    @let who = p.participant(r.participant_id);
                    li {
                        p { (r.body) }
                        span class="meta" {
                            @if let Some(who) = who { (who.name) " (" (who.organisation) ") · " }
                            (ctx.local_time(r.created_at))
                            @if who.is_some_and(|w| w.account.as_ref().map(|a| a.id) != Some(r.written_by.id)) {
                                " · " (ctx.t(Msg::RemarkNotedBy)) " " (r.written_by.display_name)
                            }
                            @if let Some(f) = r.finding_id.and_then(|id| findings.iter().find(|f| f.id == id)) {
                                " · " (ctx.t(Msg::RemarkAbout)) ": " (f.text.get(ctx.lang))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn remark_form(ctx: &Ctx, audit: &Audit, extras: &Extras<'_>, manages: bool) -> Markup {
    let observer = observes(ctx, audit);
    let without_account: Vec<_> = audit
        .participation
        .participants
        .iter()
        .filter(|p| p.account.is_none())
        .collect();
    let notes_down = manages && !without_account.is_empty();
    if !observer && !notes_down {
        return html! {};
    }
    let refused = errors_for(extras, Form::Remark);
    let error = |name: &str| refused.and_then(|r| r.errors.for_field(name));
    let chosen_finding = typed(refused, "finding");
    let chosen_participant = typed(refused, "participant");
    html! {
        h3 id="remark-form" { (ctx.t(Msg::RemarkAdd)) }
        @if let Some(r) = refused {
            (error_summary(ctx, &r.errors, |f| label(ctx, f)))
        }
        form method="post" action={ "/audits/" (audit.id) "/remarks" } aria-labelledby="remark-form" novalidate {
            @if !observer {
                (field(ctx, FieldParts { id: "remark-participant", label: ctx.t(Msg::RemarkWho), required: true, hint: None, error: error("participant") }, |described| html! {
                    select id="remark-participant" name="participant" required aria-describedby=[described] {
                        @for p in &without_account {
                            @let id = p.id.to_string();
                            option value=(id) selected[chosen_participant == id] { (p.name) " — " (p.organisation) }
                        }
                    }
                }))
            }
            @if !extras.findings.is_empty() {
                (field(ctx, FieldParts { id: "remark-finding", label: ctx.t(Msg::RemarkAbout), required: false, hint: None, error: error("finding") }, |described| html! {
                    select id="remark-finding" name="finding" aria-describedby=[described] {
                        option value="" { (ctx.t(Msg::RemarkWholeAudit)) }
                        @for f in extras.findings {
                            @let id = f.id.to_string();
                            option value=(id) selected[chosen_finding == id] { (f.text.get(ctx.lang)) }
                        }
                    }
                }))
            }
            (field(ctx, FieldParts { id: "remark-body", label: ctx.t(Msg::RemarkBody), required: true, hint: None, error: error("body") }, |described| html! {
                textarea id="remark-body" name="body" rows="4" maxlength=(REMARK_MAX) required
                    aria-describedby=[described] { (typed(refused, "body")) }
            }))
            button type="submit" { (ctx.t(Msg::RemarkAdd)) }
        }
    }
}
