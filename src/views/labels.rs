//! The name of every enum value people read, each written once: pages, files and error
//! messages all take their labels from here.

use crate::domain::audit::{AuditState, Outcome};
use crate::domain::checklist::{Basis, Feature, Severity, Unit};
use crate::domain::finding::FindingState;
use crate::domain::lang::Lang;
use crate::domain::report::Figure;
use crate::domain::site::level::{FeatureState, Level};
use crate::domain::site::{SiteKind, Subtype};
use crate::domain::user::Role;
use crate::i18n::Msg;

/// The name of an audit state.
pub fn audit_state_label(state: AuditState) -> Msg {
    match state {
        AuditState::Draft => Msg::AuditStateDraft,
        AuditState::Submitted => Msg::AuditStateSubmitted,
        AuditState::Returned => Msg::AuditStateReturned,
        AuditState::Approved => Msg::AuditStateApproved,
    }
}

/// The name of a result.
pub fn outcome_label(outcome: Outcome) -> Msg {
    match outcome {
        Outcome::Pass => Msg::ResultPass,
        Outcome::Fail => Msg::ResultFail,
        Outcome::NotApplicable => Msg::ResultNotApplicable,
        Outcome::Alternative => Msg::ResultAlternative,
    }
}

/// The name of a public level.
pub fn level_label(level: Level) -> Msg {
    match level {
        Level::Accessible => Msg::LevelAccessible,
        Level::Partly => Msg::LevelPartly,
        Level::NotAccessible => Msg::LevelNotAccessible,
        Level::Unknown => Msg::LevelUnknown,
    }
}

/// What a level means, in a sentence.
pub fn level_text(level: Level) -> Option<Msg> {
    match level {
        Level::Accessible => Some(Msg::LevelAccessibleText),
        Level::Partly => Some(Msg::LevelPartlyText),
        Level::NotAccessible => Some(Msg::LevelNotAccessibleText),
        Level::Unknown => None,
    }
}

/// The name of a feature group.
pub fn feature_label(feature: Feature) -> Msg {
    match feature {
        Feature::Parking => Msg::FeatureParking,
        Feature::Approach => Msg::FeatureApproach,
        Feature::Entrance => Msg::FeatureEntrance,
        Feature::InsideRoutes => Msg::FeatureInsideRoutes,
        Feature::Lift => Msg::FeatureLift,
        Feature::Toilet => Msg::FeatureToilet,
        Feature::Counter => Msg::FeatureCounter,
        Feature::Signage => Msg::FeatureSignage,
        Feature::Alarm => Msg::FeatureAlarm,
        Feature::Seating => Msg::FeatureSeating,
        Feature::Boarding => Msg::FeatureBoarding,
        Feature::Visit => Msg::FeatureVisit,
        Feature::Rooms => Msg::FeatureRooms,
    }
}

/// How a feature group stands, in words.
pub fn feature_state_label(state: FeatureState) -> Msg {
    match state {
        FeatureState::Works => Msg::FeatureWorks,
        FeatureState::DoesNotWork => Msg::FeatureDoesNotWork,
        FeatureState::NotChecked => Msg::FeatureNotChecked,
    }
}

/// The name of a finding state.
pub fn finding_state_label(state: FindingState) -> Msg {
    match state {
        FindingState::Open => Msg::FindingStateOpen,
        FindingState::Planned => Msg::FindingStatePlanned,
        FindingState::InProgress => Msg::FindingStateInProgress,
        FindingState::Fixed => Msg::FindingStateFixed,
        FindingState::Verified => Msg::FindingStateVerified,
        FindingState::WontFix => Msg::FindingStateWontFix,
        FindingState::Reopened => Msg::FindingStateReopened,
    }
}

/// The name of the step that leads to a finding state.
pub fn step_label(to: FindingState) -> Msg {
    match to {
        FindingState::Planned => Msg::StepPlan,
        FindingState::InProgress => Msg::StepStart,
        FindingState::Fixed => Msg::StepFixed,
        FindingState::WontFix => Msg::StepWontFix,
        FindingState::Reopened => Msg::StepReopen,
        FindingState::Open | FindingState::Verified => finding_state_label(to),
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
        Subtype::RehabilitationCentre => Msg::SubtypeRehabilitationCentre,
        Subtype::NursingCentre => Msg::SubtypeNursingCentre,
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
        Subtype::BorderGate => Msg::SubtypeBorderGate,
        Subtype::Museum => Msg::SubtypeMuseum,
        Subtype::Monument => Msg::SubtypeMonument,
        Subtype::HistoricSite => Msg::SubtypeHistoricSite,
        Subtype::ReligiousSite => Msg::SubtypeReligiousSite,
        Subtype::CulturalHouse => Msg::SubtypeCulturalHouse,
        Subtype::Library => Msg::SubtypeLibrary,
        Subtype::Theatre => Msg::SubtypeTheatre,
        Subtype::Stadium => Msg::SubtypeStadium,
        Subtype::Park => Msg::SubtypePark,
        Subtype::OtherBuilding => Msg::SubtypeOtherBuilding,
        Subtype::OtherTransport => Msg::SubtypeOtherTransport,
        Subtype::OtherCultural => Msg::SubtypeOtherCultural,
    }
}

/// The name of a role.
pub fn role_label(role: Role) -> Msg {
    match role {
        Role::Inspector => Msg::RoleInspector,
        Role::Reviewer => Msg::RoleReviewer,
        Role::Coordinator => Msg::RoleCoordinator,
        Role::Admin => Msg::RoleAdmin,
        Role::Observer => Msg::RoleObserver,
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

/// A unit as people read it.
pub fn unit_label(unit: Unit, lang: Lang) -> &'static str {
    match (unit, lang) {
        (Unit::Mm, _) => "mm",
        (Unit::M, _) => "m",
        (Unit::Percent, _) => "%",
        (Unit::Ratio, _) => "",
        (Unit::Seconds, Lang::Vi) => "giây",
        (Unit::Seconds, Lang::En) => "s",
        (Unit::DbLevel, _) | (Unit::Db, _) => "dB",
        (Unit::DbAbove, Lang::Vi) => "dB trên tiếng ồn nền",
        (Unit::DbAbove, Lang::En) => "dB above the background",
    }
}

/// The name of a basis.
pub fn basis_label(basis: Basis) -> Msg {
    match basis {
        Basis::Regulation => Msg::BasisRegulation,
        Basis::Standard => Msg::BasisStandard,
        Basis::GoodPractice => Msg::BasisGoodPractice,
    }
}

/// What a report's figure is called, in a table's heading or the summary's first column;
/// its days are written as `dates` says.
pub fn figure_label(figure: Figure, lang: Lang, dates: crate::i18n::dates::Dates) -> String {
    let t = |m: Msg| m.get(lang).to_owned();
    let day = |d: chrono::NaiveDate| dates.day(d);
    match figure {
        Figure::Registered => t(Msg::ReportRegistered),
        Figure::RegisteredInPeriod => t(Msg::ReportRegisteredInPeriod),
        Figure::Audited => t(Msg::ReportAudited),
        Figure::AuditedInPeriod => t(Msg::ReportAuditedInPeriod),
        Figure::Coverage => t(Msg::ReportCoverage),
        Figure::MedianAge => t(Msg::ReportMedianAge),
        Figure::Accessible => t(Msg::LevelAccessible),
        Figure::Partly => t(Msg::LevelPartly),
        Figure::NotAccessible => t(Msg::LevelNotAccessible),
        Figure::NotAudited => t(Msg::ReportNotAudited),
        Figure::Opened => t(Msg::ReportOpened),
        Figure::Fixed => t(Msg::ReportFixed),
        Figure::Verified => t(Msg::ReportVerified),
        Figure::WontFix => t(Msg::ReportWontFix),
        Figure::OpenAtEnd => t(Msg::ReportOpenAtEnd),
        Figure::OverdueAtEnd => t(Msg::ReportOverdueAtEnd),
        Figure::FixedOf(s) => format!("{} – {}", t(Msg::ReportFixed), t(severity_label(s))),
        Figure::DaysToFix(s) => format!(
            "{} – {}",
            t(Msg::ReportMedianDaysToFix),
            t(severity_label(s))
        ),
        Figure::DueBy(d) => format!("{} {}", t(Msg::ReportSitesDueBy), day(d)),
        Figure::NotYetAccessibleBy(d) => format!(
            "{} – {} {}",
            t(Msg::ReportStillNotAccessible),
            t(Msg::ReportDueShort),
            day(d)
        ),
    }
}

/// The name of a round's part state.
pub fn part_state_label(state: crate::domain::round::PartState) -> Msg {
    use crate::domain::round::PartState;
    match state {
        PartState::Pending => Msg::PartPending,
        PartState::Draft => Msg::PartDraft,
        PartState::Submitted => Msg::PartSubmitted,
        PartState::Returned => Msg::PartReturned,
        PartState::Accepted => Msg::PartAccepted,
    }
}

/// The name of a round's kind.
pub fn round_kind_label(kind: crate::domain::round::RoundKind) -> Msg {
    use crate::domain::round::RoundKind;
    match kind {
        RoundKind::Periodic => Msg::RoundKindPeriodic,
        RoundKind::Interim => Msg::RoundKindInterim,
        RoundKind::Final => Msg::RoundKindFinal,
    }
}
