//! Barrier reports from the public: the form anyone may send, built for a screen reader
//! and a keyboard first and working without JavaScript, a report's public page, and the
//! moderators' queue and answer form.

use maud::{Markup, html};
use uuid::Uuid;

use super::components::{FieldParts, error_summary, field};
use super::{Ctx, layout};
use crate::domain::barrier::{
    DESCRIPTION_MAX, Feature, PublicReport, Publication, Report, ReportState,
};
use crate::domain::geo::Coordinates;
use crate::domain::validation::FieldErrors;
use crate::i18n::Msg;

mod moderation;

pub use moderation::{moderation_page, queue_page};

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
                        "description" | "contact" | "photo" => name.to_owned(),
                        _ => "description".to_owned(),
                    };
                    (id, crate::i18n::field_label(name, ctx.lang))
                }))
            }
            form method="post" action="/barriers" class="barrier-report" enctype="multipart/form-data" {
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
                (field(ctx, FieldParts {
                    id: "photo",
                    label: ctx.t(Msg::BarrierPhoto),
                    required: false,
                    hint: Some(ctx.t(Msg::BarrierPhotoHint)),
                    error: problem("photo"),
                }, |described| html! {
                    input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp"
                        aria-describedby=[described];
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
            (answers(ctx, public))
            @match report.publication {
                Publication::Accepted => {
                    blockquote class="report-words" { (report.description) }
                    @if !public.photos.is_empty() {
                        ul class="photos" {
                            @for (n, photo) in public.photos.iter().enumerate() {
                                @let files = format!("/barriers/{}/photos/{}", report.public_token, photo);
                                li {
                                    a href={ (files) "/display" } {
                                        img src={ (files) "/thumb" } alt={ (ctx.t(Msg::BarrierPhotoTitle)) " " (n + 1) } loading="lazy";
                                    }
                                }
                            }
                        }
                    }
                },
                Publication::Pending => p class="hint" { (ctx.t(Msg::BarrierWordsPending)) },
                Publication::Withheld => p class="notice" { (ctx.t(Msg::BarrierWordsWithheld)) },
            }
        },
    )
}

/// Where, its state, when, and what is wrong.
pub(super) fn facts(ctx: &Ctx, report: &Report) -> Markup {
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
fn answers(ctx: &Ctx, public: &PublicReport) -> Markup {
    let report = &public.report;
    let duplicate_of = public.duplicate_of.as_deref();
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
            @if let Some((state, due)) = public.fix {
                dt { (ctx.t(Msg::BarrierFix)) }
                dd class="fix-state" { (ctx.t(crate::views::labels::finding_state_label(state))) }
                @if let Some(due) = due.filter(|_| state.is_open()) {
                    dt { (ctx.t(Msg::FindingDue)) }
                    dd { (ctx.date(due)) }
                }
            }
            @if let Some(token) = duplicate_of {
                dt { (ctx.t(Msg::BarrierDuplicateOf)) }
                dd { a href={ "/barriers/" (token) } { (ctx.t(Msg::BarrierPageTitle)) } }
            }
        }
    }
}
