//! What the Open311 interface answers, as the GeoReport v2 standard names it: the services,
//! a request as sent and as it stands, and how our reports' states, answers and fields map
//! onto the standard's.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::app::barrier_reports::Followed;
use crate::domain::barrier::{Feature, Publication, Report, ReportState};
use crate::domain::lang::Lang;
use crate::i18n::Msg;
use crate::i18n::dates::date;
use crate::views::barrier_reports::feature_label;

/// One service of `services.json`: a feature of a barrier.
#[derive(Serialize)]
pub(super) struct ServiceJson {
    service_code: &'static str,
    service_name: &'static str,
    description: &'static str,
    metadata: bool,
    r#type: &'static str,
    keywords: &'static str,
    group: &'static str,
}

impl ServiceJson {
    /// The service of `feature`, in `lang`.
    pub(super) fn of(feature: Feature, lang: Lang) -> ServiceJson {
        let (name, keywords) = words(feature);
        ServiceJson {
            service_code: feature.as_str(),
            service_name: name.get(lang),
            description: feature_label(feature).get(lang),
            metadata: false,
            r#type: "realtime",
            keywords: keywords.get(lang),
            group: Msg::Open311Group.get(lang),
        }
    }
}

/// A feature's short name and keywords, as services are listed.
fn words(feature: Feature) -> (Msg, Msg) {
    match feature {
        Feature::Entrance => (Msg::Open311NameEntrance, Msg::Open311KeywordsEntrance),
        Feature::Ramp => (Msg::Open311NameRamp, Msg::Open311KeywordsRamp),
        Feature::Path => (Msg::Open311NamePath, Msg::Open311KeywordsPath),
        Feature::Toilet => (Msg::Open311NameToilet, Msg::Open311KeywordsToilet),
        Feature::Parking => (Msg::Open311NameParking, Msg::Open311KeywordsParking),
        Feature::Lift => (Msg::Open311NameLift, Msg::Open311KeywordsLift),
        Feature::Information => (Msg::Open311NameInformation, Msg::Open311KeywordsInformation),
        Feature::Other => (Msg::Open311NameOther, Msg::Open311KeywordsOther),
    }
}

/// The answer to a request sent.
#[derive(Serialize)]
pub(super) struct SentJson {
    service_request_id: String,
    service_notice: String,
    account_id: Option<String>,
}

impl SentJson {
    /// The answer for `report`, whose public page is under `base`.
    pub(super) fn of(report: &Report, base: &str, lang: Lang) -> SentJson {
        let url = format!("{base}/barriers/{}", report.public_token);
        SentJson {
            service_request_id: report.public_token.clone(),
            service_notice: Msg::Open311Notice.get(lang).replace("{url}", &url),
            account_id: None,
        }
    }
}

/// A request as it stands: what the public may see of the report, never its contact.
#[derive(Serialize)]
pub(super) struct RequestJson {
    service_request_id: String,
    status: &'static str,
    status_notes: String,
    service_name: &'static str,
    service_code: &'static str,
    description: Option<String>,
    agency_responsible: String,
    service_notice: Option<String>,
    requested_datetime: String,
    updated_datetime: String,
    expected_datetime: Option<String>,
    address: Option<String>,
    address_id: Option<String>,
    zipcode: Option<String>,
    lat: f64,
    long: f64,
    media_url: Option<String>,
}

/// Where the answers of a request are read: its public pages, and the province's time.
#[derive(Clone, Copy)]
pub(super) struct Setting<'a> {
    /// The public base URL.
    pub(super) base: &'a str,
    /// The province's time zone, which the times are given in.
    pub(super) zone: Tz,
    /// The language of the words.
    pub(super) lang: Lang,
}

impl RequestJson {
    /// The request of `followed`.
    pub(super) fn of(followed: &Followed, at: Setting<'_>) -> RequestJson {
        let r = &followed.public.report;
        let feature = r.features.first().copied().unwrap_or(Feature::Other);
        let time = |t: DateTime<Utc>| {
            t.with_timezone(&at.zone)
                .to_rfc3339_opts(SecondsFormat::Secs, true)
        };
        let duplicate = followed
            .public
            .duplicate_of
            .as_ref()
            .map(|token| format!("{}/barriers/{token}", at.base));
        RequestJson {
            service_request_id: r.public_token.clone(),
            status: status(r.state),
            status_notes: status_notes(r, duplicate.as_deref(), at.lang),
            service_name: words(feature).0.get(at.lang),
            service_code: feature.as_str(),
            description: (r.publication == Publication::Accepted).then(|| r.description.clone()),
            agency_responsible: followed.department.as_ref().map_or_else(
                || Msg::Open311Coordinators.get(at.lang).to_owned(),
                |name| name.get(at.lang).to_owned(),
            ),
            service_notice: None,
            requested_datetime: time(r.created_at),
            updated_datetime: time(updated(r)),
            expected_datetime: r
                .follow_up_on
                .filter(|_| r.state == ReportState::FollowUpPlanned)
                .and_then(|day| start_of(day, at.zone))
                .map(time),
            address: r.site.as_ref().map(|(_, name)| name.clone()),
            address_id: None,
            zipcode: None,
            lat: r.position.lat(),
            long: r.position.lon(),
            media_url: None,
        }
    }
}

/// The standard's two states: `closed` once the report has its last answer.
pub(super) fn status(state: ReportState) -> &'static str {
    if state.is_closed() { "closed" } else { "open" }
}

/// The report's latest answer in plain words: the state, and what goes with it (the
/// reason, the day of the follow-up, the report it repeats).
pub(super) fn status_notes(r: &Report, duplicate_of: Option<&str>, lang: Lang) -> String {
    let t = |m: Msg| m.get(lang).to_owned();
    match r.state {
        ReportState::Received => t(Msg::Open311NotesReceived),
        ReportState::UnderReview => t(Msg::Open311NotesUnderReview),
        ReportState::Confirmed => format!(
            "{}. {}",
            Msg::BarrierStateConfirmed.get(lang),
            Msg::BarrierConfirmedText.get(lang)
        ),
        ReportState::FollowUpPlanned => match r.follow_up_on {
            Some(day) => Msg::Open311NotesFollowUp
                .get(lang)
                .replace("{date}", &date(day, lang)),
            None => t(Msg::BarrierStateFollowUpPlanned),
        },
        ReportState::NotABarrier => Msg::Open311NotesNotABarrier
            .get(lang)
            .replace("{reason}", r.reason.as_deref().unwrap_or_default()),
        ReportState::Duplicate => Msg::Open311NotesDuplicate
            .get(lang)
            .replace("{url}", duplicate_of.unwrap_or_default()),
    }
}

/// When the report last changed as far as it records: its last answer, else its first,
/// else when it was sent.
fn updated(r: &Report) -> DateTime<Utc> {
    [Some(r.created_at), r.answered_at, r.closed_at]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(r.created_at)
}

/// The first moment of `day` in the province.
fn start_of(day: NaiveDate, zone: Tz) -> Option<DateTime<Utc>> {
    day.and_hms_opt(0, 0, 0)?
        .and_local_timezone(zone)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The standard's name of one of our fields, as an error names it: `contact` is whichever
/// of `email` and `phone` was given.
pub(super) fn parameter(field: &str, contact: &'static str) -> String {
    match field {
        "features" => "service_code".to_owned(),
        "lon" => "long".to_owned(),
        "site" | "position" => "lat, long".to_owned(),
        "contact" => contact.to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::geo::Coordinates;

    fn report(state: ReportState) -> Report {
        let at = |s: &str| {
            DateTime::parse_from_rfc3339(s)
                .expect("a time")
                .with_timezone(&Utc)
        };
        Report {
            id: uuid::Uuid::from_u128(1),
            public_token: "ab".repeat(16),
            site: None,
            position: Coordinates::new(106.76, 21.85).expect("a point"),
            department: None,
            features: vec![Feature::Ramp, Feature::Toilet],
            description: "Dốc quá dốc.".into(),
            lang: Lang::Vi,
            contact: None,
            contact_erased_at: None,
            state,
            publication: Publication::Pending,
            finding: None,
            follow_up_on: None,
            reason: None,
            duplicate_of: None,
            created_at: at("2026-12-04T02:00:00Z"),
            answered_at: Some(at("2026-12-05T02:00:00Z")),
            closed_at: None,
            version: 1,
        }
    }

    #[test]
    fn a_report_is_closed_once_it_has_its_last_answer() {
        use ReportState::*;
        for (state, want) in [
            (Received, "open"),
            (UnderReview, "open"),
            (FollowUpPlanned, "open"),
            (Confirmed, "closed"),
            (NotABarrier, "closed"),
            (Duplicate, "closed"),
        ] {
            assert_eq!(status(state), want, "{state:?}");
        }
    }

    #[test]
    fn the_notes_say_the_latest_answer_with_what_goes_with_it() {
        let mut r = report(ReportState::NotABarrier);
        r.reason = Some("Lối vào phía sau có dốc đạt chuẩn.".into());
        assert_eq!(
            status_notes(&r, None, Lang::En),
            "Not a barrier. Why: Lối vào phía sau có dốc đạt chuẩn."
        );
        let mut r = report(ReportState::FollowUpPlanned);
        r.follow_up_on = NaiveDate::from_ymd_opt(2026, 12, 20);
        assert_eq!(
            status_notes(&r, None, Lang::Vi),
            "Đã lên lịch kiểm tra lại vào ngày 20/12/2026."
        );
        let r = report(ReportState::Duplicate);
        assert!(
            status_notes(&r, Some("http://x/barriers/cd"), Lang::En)
                .ends_with("another report: http://x/barriers/cd")
        );
        assert_eq!(
            status_notes(&report(ReportState::Received), None, Lang::En),
            "Received; not yet looked at."
        );
        assert!(
            status_notes(&report(ReportState::Confirmed), None, Lang::Vi)
                .starts_with("Đã xác nhận")
        );
    }

    #[test]
    fn a_request_names_the_first_feature_hides_unaccepted_words_and_no_contact() {
        let mut r = report(ReportState::FollowUpPlanned);
        r.contact = Some("mai@example.vn".into());
        r.follow_up_on = NaiveDate::from_ymd_opt(2026, 12, 20);
        let mut followed = Followed {
            public: crate::domain::barrier::PublicReport {
                report: r,
                duplicate_of: None,
                photos: Vec::new(),
                fix: None,
            },
            department: None,
        };
        let at = Setting {
            base: "http://tiepcan.test",
            zone: chrono_tz::Asia::Ho_Chi_Minh,
            lang: Lang::En,
        };
        let json = serde_json::to_value(RequestJson::of(&followed, at)).expect("json");
        assert_eq!(json["service_code"], "ramp");
        assert_eq!(json["service_name"], "Ramp");
        assert_eq!(json["status"], "open");
        assert_eq!(json["description"], serde_json::Value::Null);
        assert_eq!(json["requested_datetime"], "2026-12-04T09:00:00+07:00");
        assert_eq!(json["updated_datetime"], "2026-12-05T09:00:00+07:00");
        assert_eq!(json["expected_datetime"], "2026-12-20T00:00:00+07:00");
        assert_eq!(
            json["agency_responsible"],
            "The province's coordinators (places in no registry)"
        );
        assert!(!json.to_string().contains("mai@example.vn"));
        followed.public.report.publication = Publication::Accepted;
        let json = serde_json::to_value(RequestJson::of(&followed, at)).expect("json");
        assert_eq!(json["description"], "Dốc quá dốc.");
    }

    #[test]
    fn our_fields_are_named_as_the_standard_names_them() {
        assert_eq!(parameter("features", "email"), "service_code");
        assert_eq!(parameter("lon", "email"), "long");
        assert_eq!(parameter("position", "email"), "lat, long");
        assert_eq!(parameter("contact", "phone"), "phone");
        assert_eq!(parameter("description", "email"), "description");
    }
}
