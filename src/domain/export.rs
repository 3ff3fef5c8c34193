//! Open data: every public fact of a site in one record, and the OpenStreetMap tags it
//! suggests for the OSM community to review (never pushed to OSM by this tool).

use chrono::NaiveDate;

use super::barrier::ReportState;
use super::checklist::Feature;
use super::site::level::{FeatureState, Level};
use super::site::public::MapSite;

/// The licence the open data is published under.
pub const LICENCE: &str = "CC-BY-4.0";

/// A site as the open data gives it: the map's facts and where it is, who runs it and how
/// many barriers stand. No staff name is part of it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportSite {
    /// What the map shows.
    pub site: MapSite,
    /// Street address.
    pub address: Option<String>,
    /// The body that runs it.
    pub operator: Option<String>,
    /// Its area (code, name), when known.
    pub area: Option<(String, String)>,
    /// The responsible department's code.
    pub department: String,
    /// Barriers that stand (every finding not yet verified fixed).
    pub barriers: u64,
    /// The public's reports about it that a moderator answered.
    pub reports: AnsweredReports,
}

/// The public's barrier reports about a site that a moderator has answered, by where they
/// stand: never those still waiting for a first answer, and nothing of what they say or
/// who sent them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnsweredReports {
    /// Under review.
    pub under_review: u64,
    /// Confirmed as barriers.
    pub confirmed: u64,
    /// A follow-up audit planned.
    pub follow_up_planned: u64,
    /// Not barriers.
    pub not_a_barrier: u64,
    /// Duplicates of other reports.
    pub duplicate: u64,
}

impl AnsweredReports {
    /// Adds `n` reports in `state`; reports not answered yet (received) are not counted.
    pub fn add(&mut self, state: ReportState, n: u64) {
        let count = match state {
            ReportState::Received => return,
            ReportState::UnderReview => &mut self.under_review,
            ReportState::Confirmed => &mut self.confirmed,
            ReportState::FollowUpPlanned => &mut self.follow_up_planned,
            ReportState::NotABarrier => &mut self.not_a_barrier,
            ReportState::Duplicate => &mut self.duplicate,
        };
        *count += n;
    }

    /// Each count under its open-data name, in the order the files give them.
    pub fn named(&self) -> [(&'static str, u64); 5] {
        [
            ("reports_under_review", self.under_review),
            ("reports_confirmed", self.confirmed),
            ("reports_follow_up_planned", self.follow_up_planned),
            ("reports_not_a_barrier", self.not_a_barrier),
            ("reports_duplicate", self.duplicate),
        ]
    }
}

/// The OSM tags an audit suggests for a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OsmTags {
    /// `wheelchair=yes|limited|no`.
    pub wheelchair: &'static str,
    /// `toilets:wheelchair=yes|no`, when the toilet was checked.
    pub toilets_wheelchair: Option<&'static str>,
    /// `wheelchair:description`, in Vietnamese: what works and what does not, and when it
    /// was checked.
    pub description: String,
}

/// OpenStreetMap's longest tag value, in characters.
pub const OSM_VALUE_MAX: usize = 255;

/// `text` cut to at most `max` characters, ending in `…` when cut.
fn fit(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let kept: String = text.chars().take(max - 1).collect();
    kept + "…"
}

/// The tags for a site at `level` whose feature groups stand as `features`, checked on
/// `checked`; `None` for a site never audited (an unknown level suggests nothing).
/// `label` names a feature group in Vietnamese.
pub fn osm_tags<'a>(
    level: Level,
    features: &[(Feature, FeatureState)],
    checked: Option<NaiveDate>,
    label: impl Fn(Feature) -> &'a str,
) -> Option<OsmTags> {
    let wheelchair = level.osm_wheelchair()?;
    let toilets_wheelchair = features
        .iter()
        .find(|(f, _)| *f == Feature::Toilet)
        .and_then(|(_, state)| match state {
            FeatureState::Works => Some("yes"),
            FeatureState::DoesNotWork => Some("no"),
            FeatureState::NotChecked => None,
        });
    let names = |wanted: FeatureState| -> Vec<&str> {
        features
            .iter()
            .filter(|(_, s)| *s == wanted)
            .map(|(f, _)| label(*f))
            .collect()
    };
    // The day first: a description cut to OSM's limit keeps it.
    let mut parts = Vec::new();
    if let Some(day) = checked {
        parts.push(format!("Kiểm tra ngày {}", day.format("%d/%m/%Y")));
    }
    let works = names(FeatureState::Works);
    if !works.is_empty() {
        parts.push(format!("Dùng được: {}", works.join(", ")));
    }
    let fails = names(FeatureState::DoesNotWork);
    if !fails.is_empty() {
        parts.push(format!("Chưa dùng được: {}", fails.join(", ")));
    }
    let description = if parts.is_empty() {
        String::new()
    } else {
        fit(parts.join(". ") + ".", OSM_VALUE_MAX)
    };
    Some(OsmTags {
        wheelchair,
        toilets_wheelchair,
        description,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(f: Feature) -> &'static str {
        match f {
            Feature::Toilet => "Nhà vệ sinh",
            Feature::Entrance => "Lối vào",
            _ => "Khác",
        }
    }

    #[test]
    fn only_answered_reports_are_counted_each_under_its_state() {
        let mut r = AnsweredReports::default();
        r.add(ReportState::Received, 4);
        assert_eq!(r, AnsweredReports::default(), "not answered yet");
        r.add(ReportState::Confirmed, 2);
        r.add(ReportState::UnderReview, 1);
        r.add(ReportState::Duplicate, 3);
        r.add(ReportState::Confirmed, 1);
        assert_eq!(
            r.named(),
            [
                ("reports_under_review", 1),
                ("reports_confirmed", 3),
                ("reports_follow_up_planned", 0),
                ("reports_not_a_barrier", 0),
                ("reports_duplicate", 3),
            ]
        );
    }

    #[test]
    fn each_level_maps_to_its_wheelchair_tag_and_unknown_to_none() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 3);
        let tag = |level| osm_tags(level, &[], day, label).map(|t| t.wheelchair);
        assert_eq!(tag(Level::Accessible), Some("yes"));
        assert_eq!(tag(Level::Partly), Some("limited"));
        assert_eq!(tag(Level::NotAccessible), Some("no"));
        assert_eq!(tag(Level::Unknown), None, "never audited: no suggestion");
    }

    #[test]
    fn the_toilet_tag_follows_the_toilet_group_and_the_description_says_what_works_in_vietnamese() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 3);
        let works = [
            (Feature::Entrance, FeatureState::Works),
            (Feature::Toilet, FeatureState::DoesNotWork),
        ];
        let tags = osm_tags(Level::Partly, &works, day, label).expect("audited");
        assert_eq!(tags.toilets_wheelchair, Some("no"));
        assert_eq!(
            tags.description,
            "Kiểm tra ngày 03/11/2026. Dùng được: Lối vào. Chưa dùng được: Nhà vệ sinh."
        );
        let fine = [(Feature::Toilet, FeatureState::Works)];
        let tags = osm_tags(Level::Accessible, &fine, day, label).expect("audited");
        assert_eq!(tags.toilets_wheelchair, Some("yes"));
        let unchecked = [(Feature::Toilet, FeatureState::NotChecked)];
        let tags = osm_tags(Level::Accessible, &unchecked, None, label).expect("audited");
        assert_eq!(
            tags.toilets_wheelchair, None,
            "a toilet not checked gets no tag"
        );
    }

    #[test]
    fn a_description_longer_than_osm_allows_is_cut_to_its_limit() {
        let long = |_: Feature| "một nhóm tiện ích có tên rất dài để thử giới hạn";
        let every: Vec<_> = Feature::ALL
            .iter()
            .map(|f| (*f, FeatureState::Works))
            .collect();
        let day = NaiveDate::from_ymd_opt(2026, 11, 3);
        let tags = osm_tags(Level::Accessible, &every, day, long).expect("audited");
        assert_eq!(tags.description.chars().count(), OSM_VALUE_MAX);
        assert!(tags.description.ends_with('…'));
        let short = osm_tags(Level::Accessible, &every[..1], day, label).expect("audited");
        assert!(!short.description.ends_with('…'), "{}", short.description);
    }
}
