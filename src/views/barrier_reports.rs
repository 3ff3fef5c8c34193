//! Barrier reports from the public: the form anyone may send, built for a screen reader
//! and a keyboard first and working without JavaScript, a report's public page, and the
//! moderators' queue and answer form.

use maud::{Markup, html};
use uuid::Uuid;

use super::components::{FieldParts, error_summary, field};
use super::{Ctx, layout};
use crate::domain::barrier::{
    DESCRIPTION_MAX, Feature, PublicReport, Publication, Queue, Report, ReportState,
};
use crate::domain::geo::Coordinates;
use crate::domain::validation::FieldErrors;
use crate::i18n::Msg;

/// The words for a feature, as the form lists it.
pub fn feature_label(feature: Feature) -> Msg {
    match feature {
        Feature::Entrance => Msg::BarrierFeatureEntrance,
        Feature::Ramp => Msg::BarrierFeatureRamp,
        Feature::Path => Msg::BarrierFeaturePath,
        Feature::Toilet => Msg::BarrierFeatureToilet,
        Feature::Parking => Msg::BarrierFeatureParking,
        Feature::Lift => Msg::BarrierFeatureLift,
        Feature::Information => Msg::BarrierFeatureInformation,
        Feature::Other => Msg::BarrierFeatureOther,
    }
}

/// The words for a report's state.
pub fn state_label(state: ReportState) -> Msg {
    match state {
        ReportState::Received => Msg::BarrierStateReceived,
        ReportState::UnderReview => Msg::BarrierStateUnderReview,
        ReportState::Confirmed => Msg::BarrierStateConfirmed,
        ReportState::FollowUpPlanned => Msg::BarrierStateFollowUpPlanned,
        ReportState::NotABarrier => Msg::BarrierStateNotABarrier,
        ReportState::Duplicate => Msg::BarrierStateDuplicate,
    }
}

/// Where the form's report is.
pub enum Place<'a> {
    /// A registered place: its id and name.
    Site(Uuid, &'a str),
    /// A position on the map.
    Position(Coordinates),
}

/// What the form shows: the place, its key, what was typed, and why it came back.
pub struct ReportForm<'a> {
    /// Where.
    pub place: Place<'a>,
    /// The form's key (the time it was drawn is in it).
    pub key: Uuid,
    /// Features ticked.
    pub features: &'a [String],
    /// The description as typed.
    pub description: &'a str,
    /// The contact as typed.
    pub contact: &'a str,
    /// The problems of what was typed.
    pub errors: Option<&'a FieldErrors>,
    /// Why the report was held back, if it was.
    pub held: Option<String>,
}

/// `/sites/{id}/barrier` and `/barriers/new`: the report form.
pub fn form_page(ctx: &Ctx, form: &ReportForm<'_>) -> Markup {
    let title = ctx.t(Msg::BarrierTitle);
    let problem = |name: &str| {
        form.errors
            .and_then(|e| e.0.iter().find(|f| f.field == name).map(|f| &f.problem))
    };
    let features_problem = problem("features");
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            @match form.place {
                Place::Site(id, name) => p { (ctx.t(Msg::BarrierAt)) ": " a href={ "/sites/" (id) } { (name) } },
                Place::Position(at) => p { (ctx.t(Msg::BarrierAt)) ": " (format!("{:.5}, {:.5}", at.lat(), at.lon())) },
            }
            p { (ctx.t(Msg::BarrierIntro)) }
            @if let Some(held) = &form.held {
                div class="error-summary" role="alert" tabindex="-1" id="held" {
                    p { (held) }
                }
            }
            @if let Some(errors) = form.errors.filter(|e| !e.is_empty()) {
                (error_summary(ctx, errors, |name| {
                    let id = match name {
                        "features" => "feature-0".to_owned(),
                        "description" | "contact" => name.to_owned(),
                        _ => "description".to_owned(),
                    };
                    (id, crate::i18n::field_label(name, ctx.lang))
                }))
            }
            form method="post" action="/barriers" class="barrier-report" {
                input type="hidden" name="key" value=(form.key);
                @match form.place {
                    Place::Site(id, _) => input type="hidden" name="site" value=(id);,
                    Place::Position(at) => {
                        input type="hidden" name="lat" value=(at.lat());
                        input type="hidden" name="lon" value=(at.lon());
                    }
                }
                fieldset class={ "field" @if features_problem.is_some() { " field-error" } }
                    aria-describedby=[features_problem.map(|_| "features-error")] {
                    legend { (ctx.t(Msg::BarrierFeatures)) }
                    @if let Some(p) = features_problem {
                        p class="error" id="features-error" { (crate::i18n::problem_text(p, ctx.lang)) }
                    }
                    @for (n, feature) in Feature::ALL.iter().enumerate() {
                        div class="choice" {
                            input type="checkbox" id={ "feature-" (n) } name="features" value=(feature.as_str())
                                checked[form.features.iter().any(|f| f == feature.as_str())];
                            label for={ "feature-" (n) } { (ctx.t(feature_label(*feature))) }
                        }
                    }
                }
                (field(ctx, FieldParts {
                    id: "description",
                    label: ctx.t(Msg::BarrierDescription),
                    required: true,
                    hint: Some(ctx.t(Msg::BarrierDescriptionHint)),
                    error: problem("description"),
                }, |described| html! {
                    textarea id="description" name="description" rows="6" maxlength=(DESCRIPTION_MAX)
                        required aria-describedby=[described] { (form.description) }
                }))
                (field(ctx, FieldParts {
                    id: "contact",
                    label: ctx.t(Msg::BarrierContact),
                    required: false,
                    hint: Some(ctx.t(Msg::BarrierContactHint)),
                    error: problem("contact"),
                }, |described| html! {
                    input id="contact" name="contact" type="text" value=(form.contact)
                        autocomplete="email" aria-describedby=[described];
                }))
                // People never see this field (nor does a screen reader); programs that
                // fill every field do, and are held back.
                div class="trap" aria-hidden="true" {
                    label for="leave-empty" { (ctx.t(Msg::BarrierTrap)) }
                    input id="leave-empty" name="leave_empty" type="text" value="" tabindex="-1" autocomplete="off";
                }
                button type="submit" { (ctx.t(Msg::BarrierSend)) }
            }
        },
    )
}

/// `/barriers/{token}`: what the public may see of a report: where, what, its state and
/// every answer; its words only once a moderator accepted them; never its contact.
pub fn public_page(ctx: &Ctx, public: &PublicReport, just_sent: bool) -> Markup {
    let report = &public.report;
    let title = ctx.t(Msg::BarrierPageTitle);
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            @if just_sent {
                p class="success" role="status" { (ctx.t(Msg::BarrierSent)) }
            }
            (facts(ctx, report))
            (answers(ctx, report, public.duplicate_of.as_deref()))
            @match report.publication {
                Publication::Accepted => blockquote class="report-words" { (report.description) },
                Publication::Pending => p class="hint" { (ctx.t(Msg::BarrierWordsPending)) },
                Publication::Withheld => p class="notice" { (ctx.t(Msg::BarrierWordsWithheld)) },
            }
        },
    )
}

/// Where, its state, when, and what is wrong.
fn facts(ctx: &Ctx, report: &Report) -> Markup {
    html! {
        dl class="facts" {
            dt { (ctx.t(Msg::BarrierAt)) }
            dd {
                @match &report.site {
                    Some((id, name)) => a href={ "/sites/" (id) } { (name) },
                    None => (format!("{:.5}, {:.5}", report.position.lat(), report.position.lon())),
                }
            }
            dt { (ctx.t(Msg::BarrierState)) }
            dd class="report-state" { (ctx.t(state_label(report.state))) }
            dt { (ctx.t(Msg::BarrierSentOn)) }
            dd { (ctx.local_time(report.created_at)) }
            dt { (ctx.t(Msg::BarrierWhat)) }
            dd {
                ul {
                    @for f in &report.features {
                        li { (ctx.t(feature_label(*f))) }
                    }
                }
            }
        }
    }
}

/// What the department answered, as the public reads it.
fn answers(ctx: &Ctx, report: &Report, duplicate_of: Option<&str>) -> Markup {
    html! {
        @if report.state == ReportState::Confirmed {
            p class="success" { (ctx.t(Msg::BarrierConfirmedText)) }
        }
        dl class="facts" {
            @if let Some(on) = report.follow_up_on {
                dt { (ctx.t(Msg::BarrierFollowUpOn)) }
                dd { (ctx.date(on)) }
            }
            @if let Some(reason) = &report.reason {
                dt { (ctx.t(Msg::BarrierReason)) }
                dd { (reason) }
            }
            @if let Some(token) = duplicate_of {
                dt { (ctx.t(Msg::BarrierDuplicateOf)) }
                dd { a href={ "/barriers/" (token) } { (ctx.t(Msg::BarrierPageTitle)) } }
            }
        }
    }
}

/// The words for a publication decision.
fn publication_label(p: Publication) -> Msg {
    match p {
        Publication::Pending => Msg::BarrierPublicationPending,
        Publication::Accepted => Msg::BarrierPublicationAccepted,
        Publication::Withheld => Msg::BarrierPublicationWithheld,
    }
}

/// `/moderation/barriers`: the reports a moderator answers, with counts by state and a
/// filter.
pub fn queue_page(ctx: &Ctx, queue: &Queue, state: Option<ReportState>) -> Markup {
    let title = ctx.t(Msg::BarrierQueueTitle);
    let count = |s: ReportState| {
        queue
            .counts
            .iter()
            .find(|(c, _)| *c == s)
            .map_or(0, |(_, n)| *n)
    };
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            form method="get" action="/moderation/barriers" class="filters" {
                div class="field" {
                    label for="state" { (ctx.t(Msg::BarrierQueueFilter)) }
                    select id="state" name="state" {
                        option value="" selected[state.is_none()] { (ctx.t(Msg::BarrierQueueAll)) }
                        @for s in ReportState::ALL {
                            option value=(s.as_str()) selected[state == Some(*s)] {
                                (ctx.t(state_label(*s))) " (" (count(*s)) ")"
                            }
                        }
                    }
                }
                button type="submit" class="secondary" { (ctx.t(Msg::BarrierQueueShow)) }
            }
            @if queue.reports.is_empty() {
                p { (ctx.t(Msg::BarrierQueueEmpty)) }
            } @else {
                ul class="queue-list" {
                    @for r in &queue.reports {
                        li {
                            a href={ "/moderation/barriers/" (r.id) } {
                                @match &r.site {
                                    Some((_, name)) => (name),
                                    None => (format!("{:.5}, {:.5}", r.position.lat(), r.position.lon())),
                                }
                            }
                            span class="meta" {
                                " · " (ctx.t(state_label(r.state))) " · " (ctx.local_time(r.created_at))
                            }
                        }
                    }
                }
            }
        },
    )
}

/// `/moderation/barriers/{id}`: a report with its words and contact, and the form to
/// answer it.
pub fn moderation_page(
    ctx: &Ctx,
    report: &Report,
    saved: bool,
    errors: Option<&FieldErrors>,
) -> Markup {
    let title = ctx.t(Msg::BarrierPageTitle);
    let problem =
        |name: &str| errors.and_then(|e| e.0.iter().find(|f| f.field == name).map(|f| &f.problem));
    let answers = [
        ("", Msg::BarrierAnswerNone),
        ("review", Msg::BarrierAnswerReview),
        ("confirm", Msg::BarrierAnswerConfirm),
        ("follow_up", Msg::BarrierAnswerFollowUp),
        ("not_a_barrier", Msg::BarrierAnswerNotABarrier),
        ("duplicate", Msg::BarrierAnswerDuplicate),
    ];
    layout(
        ctx,
        title,
        html! {
            p { a href="/moderation/barriers" { (ctx.t(Msg::BarrierQueueTitle)) } }
            h1 { (title) }
            @if saved {
                p class="success" role="status" { (ctx.t(Msg::BarrierSaved)) }
            }
            @if let Some(errors) = errors.filter(|e| !e.is_empty()) {
                (error_summary(ctx, errors, |name| (name.replace('_', "-"), crate::i18n::field_label(name, ctx.lang))))
            }
            (facts(ctx, report))
            h2 { (ctx.t(Msg::BarrierWords)) }
            blockquote class="report-words" { (report.description) }
            h2 { (ctx.t(Msg::BarrierContactPrivate)) }
            p {
                @match (&report.contact, report.contact_erased_at) {
                    (Some(contact), _) => (contact),
                    (None, Some(at)) => { (ctx.t(Msg::BarrierContactErased)) " " (ctx.local_time(at)) },
                    (None, None) => (ctx.t(Msg::BarrierNoContact)),
                }
            }
            p { a href={ "/barriers/" (report.public_token) } { (ctx.t(Msg::BarrierPublicPage)) } }
            h2 { (ctx.t(Msg::BarrierAnswerTitle)) }
            form method="post" action={ "/moderation/barriers/" (report.id) } {
                input type="hidden" name="version" value=(report.version);
                fieldset class="field" {
                    legend { (ctx.t(Msg::BarrierAnswer)) }
                    @for (n, (value, label)) in answers.iter().enumerate() {
                        div class="choice" {
                            input type="radio" id={ "answer-" (n) } name="answer" value=(value) checked[n == 0];
                            label for={ "answer-" (n) } { (ctx.t(*label)) }
                        }
                    }
                }
                (field(ctx, FieldParts { id: "finding", label: ctx.t(Msg::BarrierFinding), required: false, hint: None, error: problem("finding") },
                    |d| html! { input id="finding" name="finding" type="text" aria-describedby=[d]; }))
                (field(ctx, FieldParts { id: "follow-up-on", label: ctx.t(Msg::BarrierFollowUpOn), required: false, hint: None, error: problem("follow_up_on") },
                    |d| html! { input id="follow-up-on" name="follow_up_on" type="date" aria-describedby=[d]; }))
                (field(ctx, FieldParts { id: "reason", label: ctx.t(Msg::BarrierReason), required: false, hint: None, error: problem("reason") },
                    |d| html! { textarea id="reason" name="reason" rows="3" aria-describedby=[d] {} }))
                (field(ctx, FieldParts { id: "duplicate-of", label: ctx.t(Msg::BarrierDuplicateId), required: false, hint: None, error: problem("duplicate_of") },
                    |d| html! { input id="duplicate-of" name="duplicate_of" type="text" aria-describedby=[d]; }))
                fieldset class="field" {
                    legend { (ctx.t(Msg::BarrierPublication)) }
                    @for (n, p) in Publication::ALL.iter().enumerate() {
                        div class="choice" {
                            input type="radio" id={ "publication-" (n) } name="publication" value=(p.as_str()) checked[*p == report.publication];
                            label for={ "publication-" (n) } { (ctx.t(publication_label(*p))) }
                        }
                    }
                }
                button type="submit" { (ctx.t(Msg::BarrierSave)) }
            }
        },
    )
}
