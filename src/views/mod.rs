//! Markup for people: one layout, small components, one module per page family.
//! Every user-facing string comes from the catalogue in [`crate::i18n`].

pub mod checklists;
pub mod errors;
pub mod events;
pub mod home;
mod layout;
pub mod session;
pub mod sites;

pub use layout::layout;

use crate::domain::checklist::Severity;
use crate::domain::lang::Lang;
use crate::domain::site::{SiteKind, Subtype};
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
    /// Who is signed in, for the header.
    pub user: Option<CtxUser>,
}

/// The signed-in person as the header shows them.
#[derive(Debug, Clone)]
pub struct CtxUser {
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: crate::domain::user::Role,
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
            user: None,
        }
    }

    /// The same context with the signed-in person.
    pub fn with_user(mut self, user: Option<CtxUser>) -> Ctx {
        self.user = user;
        self
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

/// The name of a site kind.
pub fn kind_label(kind: SiteKind) -> Msg {
    match kind {
        SiteKind::PublicBuilding => Msg::KindPublicBuilding,
        SiteKind::TransportStop => Msg::KindTransportStop,
        SiteKind::CulturalSite => Msg::KindCulturalSite,
    }
}

/// The name of a subtype.
pub fn subtype_label(subtype: Subtype) -> Msg {
    match subtype {
        Subtype::PeopleCommittee => Msg::SubtypePeopleCommittee,
        Subtype::StateOffice => Msg::SubtypeStateOffice,
        Subtype::Hospital => Msg::SubtypeHospital,
        Subtype::HealthStation => Msg::SubtypeHealthStation,
        Subtype::School => Msg::SubtypeSchool,
        Subtype::University => Msg::SubtypeUniversity,
        Subtype::VocationalSchool => Msg::SubtypeVocationalSchool,
        Subtype::PostOffice => Msg::SubtypePostOffice,
        Subtype::Bank => Msg::SubtypeBank,
        Subtype::Market => Msg::SubtypeMarket,
        Subtype::Hotel => Msg::SubtypeHotel,
        Subtype::ApartmentBuilding => Msg::SubtypeApartmentBuilding,
        Subtype::BusStation => Msg::SubtypeBusStation,
        Subtype::BusStop => Msg::SubtypeBusStop,
        Subtype::RailStation => Msg::SubtypeRailStation,
        Subtype::RiverPort => Msg::SubtypeRiverPort,
        Subtype::RestStop => Msg::SubtypeRestStop,
        Subtype::Museum => Msg::SubtypeMuseum,
        Subtype::Monument => Msg::SubtypeMonument,
        Subtype::HistoricSite => Msg::SubtypeHistoricSite,
        Subtype::ReligiousSite => Msg::SubtypeReligiousSite,
        Subtype::CulturalHouse => Msg::SubtypeCulturalHouse,
        Subtype::Library => Msg::SubtypeLibrary,
        Subtype::Theatre => Msg::SubtypeTheatre,
        Subtype::Stadium => Msg::SubtypeStadium,
        Subtype::Park => Msg::SubtypePark,
        Subtype::Other => Msg::SubtypeOther,
    }
}

/// The name of a role.
pub fn role_label(role: crate::domain::user::Role) -> Msg {
    use crate::domain::user::Role;
    match role {
        Role::Inspector => Msg::RoleInspector,
        Role::Reviewer => Msg::RoleReviewer,
        Role::Coordinator => Msg::RoleCoordinator,
        Role::Admin => Msg::RoleAdmin,
    }
}

/// The name of a severity.
pub fn severity_label(severity: Severity) -> Msg {
    match severity {
        Severity::Critical => Msg::SeverityCritical,
        Severity::Major => Msg::SeverityMajor,
        Severity::Minor => Msg::SeverityMinor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_switch_keeps_other_parameters() {
        let ctx = Ctx::new(Lang::Vi, "/sites", Some("q=b%E1%BB%87nh&lang=vi&kind=x"));
        assert_eq!(
            ctx.switch_href(Lang::En),
            "/sites?q=b%E1%BB%87nh&kind=x&lang=en"
        );
    }
}
