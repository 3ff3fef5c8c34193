//! Markup for people: one layout, small components, one module per page family.
//! Every user-facing string comes from the catalogue in [`crate::i18n`].

pub mod account;
pub mod admin;
pub mod areas;
pub mod assets;
pub mod audits;
pub mod barrier_reports;
pub mod budget;
pub mod checklists;
pub mod citation;
pub mod components;
pub mod errors;
pub mod events;
pub mod export;
pub mod field;
pub mod findings;
pub mod home;
pub mod labels;
mod layout;
pub mod offline;
pub mod reports;
pub mod rounds;
pub mod session;
pub mod sites;
pub mod targets;
pub mod values;

pub use labels::{kind_label, role_label, severity_label, subtype_label};
pub use layout::layout;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::domain::actor::Actor;
use crate::domain::lang::Lang;
use crate::domain::permission::{Action, Scope};
use crate::i18n::Msg;

/// What every page needs to know about its request.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The page's language.
    pub lang: Lang,
    /// The request path, for marking the current navigation entry.
    pub path: String,
    /// The query string without `lang`, for the language switch.
    query: Vec<(String, String)>,
    /// The province's time zone, in which times are shown.
    pub zone: Tz,
    /// Who is signed in, for the header and for what the page offers.
    pub user: Option<CtxUser>,
}

/// The signed-in person as pages show them and ask the matrix about them.
#[derive(Debug, Clone)]
pub struct CtxUser {
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: crate::domain::user::Role,
    /// The person as the permission matrix sees them.
    pub actor: Actor,
}

impl CtxUser {
    /// The header's view of a signed-in user.
    pub fn new(user: &crate::domain::user::User) -> CtxUser {
        CtxUser {
            display_name: user.display_name.clone(),
            role: user.role,
            actor: Actor::person(user),
        }
    }
}

impl Ctx {
    /// A context for the page at `path` with `query`.
    pub fn new(lang: Lang, path: &str, query: Option<&str>) -> Ctx {
        let query = query
            .map(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).unwrap_or_default())
            .unwrap_or_default()
            .into_iter()
            .filter(|(k, _)| k != "lang")
            .collect();
        Ctx {
            lang,
            path: path.to_owned(),
            query,
            zone: DEFAULT_ZONE,
            user: None,
        }
    }

    /// The same context with the signed-in person.
    pub fn with_user(mut self, user: Option<CtxUser>) -> Ctx {
        self.user = user;
        self
    }

    /// The same context in another time zone.
    pub fn with_zone(mut self, zone: Tz) -> Ctx {
        self.zone = zone;
        self
    }

    /// May the signed-in person do `action` in `scope`? (Pages offer only what the matrix
    /// allows; the use case checks again.)
    pub fn can(&self, action: Action, scope: Scope) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.actor.may(action, scope).is_ok())
    }

    /// May the signed-in person do `action` for their own department?
    pub fn can_for_own_department(&self, action: Action) -> bool {
        self.user
            .as_ref()
            .and_then(|u| u.actor.department())
            .is_some_and(|d| self.can(action, Scope::Department(d)))
    }

    /// A time as people in the province read it: `dd/mm/yyyy HH:MM`, local.
    pub fn local_time(&self, at: DateTime<Utc>) -> String {
        crate::i18n::dates::date_time(at.with_timezone(&self.zone).naive_local(), self.lang)
    }

    /// A day as the page's language writes it (see [`crate::i18n::dates`]).
    pub fn date(&self, day: NaiveDate) -> String {
        crate::i18n::dates::date(day, self.lang)
    }

    /// A day as a `<time>` element: written as the page's language writes it, and in
    /// ISO 8601 for machines.
    pub fn day(&self, day: NaiveDate) -> maud::Markup {
        maud::html! { time datetime=(day) { (self.date(day)) } }
    }

    /// The day of `at` in the province, as [`Ctx::day`] writes it.
    pub fn local_day(&self, at: DateTime<Utc>) -> maud::Markup {
        self.day(at.with_timezone(&self.zone).date_naive())
    }

    /// A message in the page's language.
    pub fn t(&self, msg: Msg) -> &'static str {
        msg.get(self.lang)
    }

    /// This page in the other language.
    pub fn switch_href(&self, to: Lang) -> String {
        let mut query = self.query.clone();
        query.push(("lang".into(), to.code().into()));
        let encoded = serde_urlencoded::to_string(&query).unwrap_or_default();
        format!("{}?{encoded}", self.path)
    }
}

/// The time zone pages use until the request's settings say otherwise.
pub const DEFAULT_ZONE: Tz = chrono_tz::Asia::Ho_Chi_Minh;

/// A cell a spreadsheet program will not run as a formula: text typed by people (a site's
/// name, a reason) that starts with `=`, `+`, `-`, `@` or a control character gets a
/// leading apostrophe, which those programs show as plain text.
pub(crate) fn inert(cell: String) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_on_the_local_day() {
        let ctx = Ctx::new(Lang::Vi, "/", None);
        let late = DateTime::parse_from_rfc3339("2026-12-01T23:30:00Z")
            .expect("time")
            .with_timezone(&Utc);
        assert_eq!(ctx.local_time(late), "02/12/2026 06:30");
    }

    #[test]
    fn language_switch_keeps_other_parameters() {
        let ctx = Ctx::new(Lang::Vi, "/sites", Some("q=b%E1%BB%87nh&lang=vi&kind=x"));
        assert_eq!(
            ctx.switch_href(Lang::En),
            "/sites?q=b%E1%BB%87nh&kind=x&lang=en"
        );
    }
}
