//! Site pages: list, details, and the form for creating and editing.

pub mod accessibility;
mod form;
pub mod statement;

pub use accessibility::{Photos, accessibility};
pub use form::{FormView, form_page};

use maud::{Markup, html};

use super::{Ctx, layout};
use crate::domain::checklist::Checklist;
use crate::domain::permission::{Action, Scope};
use crate::domain::site::{Site, SiteKind};
use crate::i18n::Msg;
use crate::views::components::{distance, near_me};
use crate::views::labels::{kind_label, subtype_label};

/// The searchable list of sites.
pub fn list_page(
    ctx: &Ctx,
    q: &Option<String>,
    kind: &Option<String>,
    sites: &[Site],
    distances: Option<&[f64]>,
    paged: bool,
    next: Option<&str>,
) -> Markup {
    let title = ctx.t(Msg::SitesTitle);
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            form class="search" method="get" action="/sites" role="search"
                aria-label=(ctx.t(Msg::SitesSearch)) {
                div class="field" {
                    label for="q" { (ctx.t(Msg::SitesSearchLabel)) }
                    input id="q" name="q" type="search" value=[q.as_deref()];
                }
                div class="field" {
                    label for="kind" { (ctx.t(Msg::SiteKind)) }
                    select id="kind" name="kind" {
                        option value="" { (ctx.t(Msg::SitesAnyKind)) }
                        @for k in SiteKind::ALL {
                            option value=(k.as_str()) selected[kind.as_deref() == Some(k.as_str())] {
                                (ctx.t(kind_label(*k)))
                            }
                        }
                    }
                }
                button type="submit" { (ctx.t(Msg::SitesSearchButton)) }
            }
            (near_me(ctx))
            @if ctx.can_for_own_department(Action::CreateSite) {
                p { a href="/sites/new" { (ctx.t(Msg::NavNewSite)) } }
            }
            @if sites.is_empty() {
                p { (ctx.t(Msg::SitesNone)) }
            } @else {
                ul class="site-list" {
                    @for (n, site) in sites.iter().enumerate() {
                        li {
                            a href={ "/sites/" (site.id) } { (site.name) }
                            span class="meta" {
                                (ctx.t(subtype_label(site.subtype)))
                                @if let Some(area) = &site.area {
                                    " · " a href={ "/areas/" (area.id) } { (area.name) }
                                }
                                @if let Some(d) = distances.and_then(|d| d.get(n)) {
                                    " · " (distance(*d, ctx.lang))
                                }
                            }
                        }
                    }
                }
            }
            @if paged || next.is_some() {
                nav class="pager" aria-label=(ctx.t(Msg::SitesPager)) {
                    @if let Some(next) = next {
                        a href=(next) rel="next" { (ctx.t(Msg::SitesNextPage)) }
                    }
                    @if paged {
                        a href="/sites" { (ctx.t(Msg::SitesFirstPage)) }
                    }
                }
            }
        },
    )
}

/// What a site's page adds for its department's staff: the timeline, and a key for a
/// follow-up audit (each start form has its own key).
pub struct StaffPart<'a> {
    /// The site's audits and findings.
    pub timeline: &'a crate::domain::finding::dashboard::Timeline,
    /// Today in the province.
    pub today: chrono::NaiveDate,
    /// The follow-up form's key.
    pub follow_up_key: String,
}

/// Everything known about one site.
pub fn detail_page(
    ctx: &Ctx,
    public: &crate::domain::site::public::PublicSite,
    checklist: Option<&Checklist>,
    key: &str,
    staff: Option<&StaffPart<'_>>,
) -> Markup {
    let site = &public.site;
    let can_audit =
        checklist.is_some() && ctx.can(Action::StartAudit, Scope::Department(site.department.id));
    let older = checklist.and_then(|c| Some((c, c.older_edition_for(site.design_approved_on)?)));
    let can_edit = ctx.can(Action::EditSite, Scope::Department(site.department.id));
    let row = |label: Msg, value: Markup| {
        html! { dt { (ctx.t(label)) } dd { (value) } }
    };
    layout(
        ctx,
        &site.name,
        html! {
            h1 { (site.name) }
            dl class="facts" {
                (row(Msg::SiteKind, html! { (ctx.t(kind_label(site.kind))) " — " (ctx.t(subtype_label(site.subtype))) }))
                (row(Msg::SiteAddress, html! { (site.address.as_deref().unwrap_or("—")) }))
                (row(Msg::SiteArea, html! {
                    @match &site.area {
                        Some(area) => a href={ "/areas/" (area.id) } { (area.name) },
                        None => (ctx.t(Msg::SiteAreaUnknown)),
                    }
                }))
                (row(Msg::SiteLocation, html! { (crate::views::values::coordinates(site.location.lat(), site.location.lon(), ctx.lang)) }))
                (row(Msg::SiteDepartment, html! { (site.department.name.get(ctx.lang)) }))
                (row(Msg::SiteOperator, html! { (site.operator.as_deref().unwrap_or("—")) }))
                (row(Msg::SiteDeadline, html! {
                    time datetime=(site.legal_deadline) { (site.legal_deadline.format("%d/%m/%Y")) }
                    " (" (ctx.t(Msg::SiteDeadlineHint)) ")"
                }))
                @if let Some(approved) = site.design_approved_on {
                    (row(Msg::SiteDesignApproved, html! {
                        time datetime=(approved) { (approved.format("%d/%m/%Y")) }
                    }))
                }
                @if site.heritage {
                    (row(Msg::SiteHeritage, html! { (ctx.t(Msg::Yes)) }))
                }
                @if let Some(checklist) = checklist {
                    (row(Msg::ChecklistsTitle, html! {
                        a href={ "/checklists/" (checklist.id) } { (checklist.title.get(ctx.lang)) }
                    }))
                }
            }
            @if let Some((checklist, previous)) = older {
                p class="notice" {
                    (ctx.t(Msg::SiteEditionNotice)) " " (checklist.edition.name) " "
                    (ctx.t(Msg::SiteEditionNoticeMay)) " " (previous.name) " "
                    (ctx.t(Msg::SiteEditionNoticeGovern)) " (" (previous.clause) ")."
                }
            }
            (accessibility(ctx, public, Photos::WhenSeen))
            p { a href={ "/sites/" (site.id) "/statement" } { (ctx.t(Msg::StatementLink)) } }
            p { a href={ "/sites/" (site.id) "/barrier" } { (ctx.t(Msg::BarrierLink)) } " " span class="hint" { (ctx.t(Msg::BarrierNoAccount)) } }
            @if public.reports.received > 0 {
                p class="report-counts" {
                    (ctx.t(Msg::BarrierCounts)
                        .replace("{received}", &public.reports.received.to_string())
                        .replace("{confirmed}", &public.reports.confirmed.to_string()))
                }
            }
            @if can_edit {
                p { a class="button" href={ "/sites/" (site.id) "/edit" } { (ctx.t(Msg::SiteEdit)) } }
            }
            @if can_audit {
                form method="post" action={ "/sites/" (site.id) "/audits" } class="start-audit" {
                    p class="hint" { (ctx.t(Msg::AuditStartHint)) }
                    input type="hidden" name="key" value=(key);
                    input type="hidden" name="lat" value="";
                    input type="hidden" name="lon" value="";
                    input type="hidden" name="accuracy" value="";
                    button type="submit" { (ctx.t(Msg::AuditStart)) }
                }
                @if crate::views::field::for_field_staff(ctx) {
                    // Shown by the field script: keeps this page (and so its start form)
                    // on the phone ahead of a trip.
                    p class="take-offline" hidden {
                        button type="button" class="secondary" data-take-offline { (ctx.t(Msg::OfflineTakeOffline)) }
                        " "
                        span role="status" data-take-offline-done {}
                    }
                }
                @if let Some(staff) = staff.filter(|p| p.timeline.findings.iter().any(|f| f.state.is_tracked())) {
                    form method="post" action={ "/sites/" (site.id) "/audits" } class="start-audit" {
                        p class="hint" { (ctx.t(Msg::FollowUpHint)) }
                        input type="hidden" name="key" value=(staff.follow_up_key);
                        input type="hidden" name="follow_up" value="true";
                        input type="hidden" name="lat" value="";
                        input type="hidden" name="lon" value="";
                        input type="hidden" name="accuracy" value="";
                        button type="submit" { (ctx.t(Msg::FollowUpStart)) }
                    }
                }
            }
            @if let Some(staff) = staff {
                (crate::views::findings::timeline(ctx, staff.timeline, staff.today))
            }
        },
    )
}
