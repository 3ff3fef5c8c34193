//! What the public may know of a site, as one read model: no staff name, no original photo
//! and no EXIF fact is part of it.

use std::sync::Arc;

use crate::domain::audit::sheet::{Sheet, Status};
use crate::domain::audit::{Outcome, Photo};
use crate::domain::checklist::{Checklist, Feature, Item};
use crate::domain::finding::Finding;
use crate::domain::lang::Bilingual;
use crate::domain::site::Site;
use crate::domain::site::level::{FeatureState, StoredSummary, Summary};

/// A photo as the public sees it: the display image and thumbnail of an approved audit,
/// described by the item it shows.
#[derive(Debug, Clone)]
pub struct PublicPhoto {
    /// The photo.
    pub photo: Photo,
    /// What it shows (the item's text), when it belongs to an item.
    pub shows: Option<Bilingual>,
    /// The feature group of that item.
    pub feature: Option<Feature>,
}

/// A measured fact of the latest full audit ("entrance door 950 mm wide").
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// The item's code.
    pub item: String,
    /// What was measured (the item's text).
    pub text: Bilingual,
    /// Its feature group.
    pub feature: Feature,
    /// The value, in `unit`.
    pub value: f64,
    /// The unit.
    pub unit: crate::domain::checklist::Unit,
    /// True when it meets the rule.
    pub passes: bool,
}

/// A barrier that stands, with the item it failed.
#[derive(Debug, Clone)]
pub struct PublicBarrier {
    /// The finding.
    pub finding: Finding,
    /// The item, as the checklist version it was found against has it; none if that
    /// version lacks it.
    pub item: Option<Item>,
}

impl PublicBarrier {
    /// What stands in the way, in words: the item's barrier wording, or for a version
    /// stored before items had one, the requirement (which the page marks as not met).
    pub fn wording(&self) -> (&Bilingual, bool) {
        match self.item.as_ref().and_then(|i| i.barrier.as_ref()) {
            Some(barrier) => (barrier, true),
            None => (&self.finding.text, false),
        }
    }
}

/// The parts of a place the public page names: each feature group its checklist asks
/// about, as the summary has it, and of those not checked, the ones found not to be there.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PublicFeatures {
    /// The feature groups the checklist asked about at this site, in order, with how each
    /// stands (a People's Committee office is asked about no boarding).
    pub states: Vec<(Feature, FeatureState)>,
    /// Those not checked because the place has none: every compliance item of the group
    /// was answered not applicable, or its section was marked so ("no car park").
    pub none_here: Vec<Feature>,
}

/// The public's view of `summary`: only the feature groups of which `checklist` (as
/// asked at the site) holds compliance items, and "none here" told apart from "not
/// checked" by `sheet`, the latest full audit laid over that checklist.
pub fn features_at(summary: &Summary, checklist: &Checklist, sheet: &Sheet<'_>) -> PublicFeatures {
    let compliance = |feature: Feature| {
        checklist
            .items()
            .filter(move |i| i.can_be_finding() && i.feature == feature)
    };
    let states: Vec<(Feature, FeatureState)> = summary
        .features
        .iter()
        .filter(|(f, state)| *state != FeatureState::NotChecked || compliance(*f).next().is_some())
        .copied()
        .collect();
    let none_here = states
        .iter()
        .filter(|(_, state)| *state == FeatureState::NotChecked)
        .map(|(f, _)| *f)
        .filter(|f| {
            let statuses: Vec<Status> = compliance(*f).map(|i| sheet.status(i)).collect();
            let absent = |s: &Status| {
                matches!(
                    s,
                    Status::SectionNotApplicable | Status::Answered(Outcome::NotApplicable)
                )
            };
            let checked = |s: &Status| {
                matches!(
                    s,
                    Status::Answered(Outcome::Pass | Outcome::Fail | Outcome::Alternative)
                )
            };
            statuses.iter().any(absent) && !statuses.iter().any(checked)
        })
        .collect();
    PublicFeatures { states, none_here }
}

/// A site as the public sees it.
#[derive(Debug, Clone)]
pub struct PublicSite {
    /// The site.
    pub site: Site,
    /// Its summary; `None` while it has no approved audit (level `unknown`).
    pub summary: Option<StoredSummary>,
    /// The checklist of the latest approved audit, as asked at the site's subtype.
    pub checklist: Option<Arc<Checklist>>,
    /// Barriers that stand, with their items.
    pub barriers: Vec<PublicBarrier>,
    /// The parts of the place, as its checklist asks about them; empty while unknown.
    pub features: PublicFeatures,
    /// Photos of the latest approved audit.
    pub photos: Vec<PublicPhoto>,
    /// What the latest full audit measured, in checklist order.
    pub measured: Vec<Measured>,
    /// When its latest full audit was approved (a follow-up checks only a few items, so it
    /// does not make the whole page's facts newer).
    pub last_full_audit: Option<chrono::DateTime<chrono::Utc>>,
    /// The organisations that took part in that audit besides its inspector, each once
    /// (never a person's name).
    pub organisations: Vec<String>,
    /// The day (in the province) these facts are as of, for "overdue".
    pub today: chrono::NaiveDate,
    /// Barrier reports from the public about the place: how many came, and how many its
    /// department confirmed.
    pub reports: ReportCounts,
}

/// How many barrier reports came about a place, and how many were confirmed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportCounts {
    /// Received, in any state.
    pub received: i64,
    /// Confirmed as barriers.
    pub confirmed: i64,
}

/// A site as the public map and its open data show it.
#[derive(Debug, Clone, PartialEq)]
pub struct MapSite {
    /// Id.
    pub id: uuid::Uuid,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: crate::domain::site::SiteKind,
    /// Subtype.
    pub subtype: crate::domain::site::Subtype,
    /// Where it is.
    pub location: crate::domain::geo::Coordinates,
    /// Its public level (`unknown` until an audit is approved).
    pub level: crate::domain::site::level::Level,
    /// How each feature group stands (empty while unknown).
    pub features: Vec<(Feature, crate::domain::site::level::FeatureState)>,
    /// When its latest audit was approved.
    pub last_audit: Option<chrono::DateTime<chrono::Utc>>,
}

/// Which sites the map asks for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapFilter {
    /// Only inside this box.
    pub bbox: Option<crate::domain::geo::Bbox>,
    /// Only of this kind.
    pub kind: Option<crate::domain::site::SiteKind>,
    /// Only at this level.
    pub level: Option<crate::domain::site::level::Level>,
    /// Only where this feature group works (`toilet`: an accessible toilet).
    pub feature: Option<Feature>,
    /// Only in this area or the areas below it.
    pub area: Option<uuid::Uuid>,
    /// Only sites after this id (keyset paging).
    pub after: Option<uuid::Uuid>,
    /// At most this many.
    pub limit: u32,
    /// Nearest to this position first, instead of in id order (`after` is then not used).
    pub nearest_to: Option<crate::domain::geo::Coordinates>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::answer::ItemAnswer;
    use crate::domain::checklist::fixtures::{GATED, checklist};
    use crate::domain::site::level::{Barrier, summarise};

    fn answer(item: &str, result: Outcome) -> ItemAnswer {
        ItemAnswer::with_result(item, result)
    }

    /// The parts a site's page names, after an audit with `answers` and the sections
    /// `absent` marked not applicable.
    fn features(answers: &[ItemAnswer], absent: &[&str]) -> PublicFeatures {
        let checklist = checklist(GATED);
        let sheet = Sheet::new(&checklist, answers, absent.iter().copied(), []);
        let checked: Vec<Feature> = checklist
            .items()
            .filter(|i| {
                i.can_be_finding()
                    && matches!(
                        sheet.status(i),
                        Status::Answered(Outcome::Pass | Outcome::Fail)
                    )
            })
            .map(|i| i.feature)
            .collect();
        let open: Vec<Barrier> = Vec::new();
        features_at(&summarise(Some(&checked), &open), &checklist, &sheet)
    }

    #[test]
    fn a_part_the_place_has_none_of_is_none_here_not_unchecked() {
        let door = answer("entrance.door", Outcome::Pass);
        let no_toilet = features(std::slice::from_ref(&door), &["toilet"]);
        assert_eq!(
            no_toilet.states,
            [
                (Feature::Entrance, FeatureState::Works),
                (Feature::Toilet, FeatureState::NotChecked)
            ],
            "only the parts the checklist asks about: no lift, no boarding"
        );
        assert_eq!(no_toilet.none_here, [Feature::Toilet]);

        let unanswered = features(std::slice::from_ref(&door), &[]);
        assert!(unanswered.none_here.is_empty(), "not checked is not none");

        let said_none = features(
            &[
                door.clone(),
                answer("toilet.present", Outcome::NotApplicable),
            ],
            &[],
        );
        assert_eq!(said_none.none_here, [Feature::Toilet]);

        let there = features(&[door, answer("toilet.present", Outcome::Pass)], &[]);
        assert!(there.none_here.is_empty());
        assert!(
            there
                .states
                .contains(&(Feature::Toilet, FeatureState::Works))
        );
    }
}
