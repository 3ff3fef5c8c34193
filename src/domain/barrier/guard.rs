//! What holds back abuse of a form anyone may send, without a CAPTCHA (which shuts out
//! blind people): a field people never see and programs fill, a form sent faster than a
//! person could fill it, and a limit on reports from one address.
//!
//! The form's key is a UUID version 7 made when the form was drawn, so the time it took to
//! fill is read from the key itself; a program that forges an old key still meets the
//! per-address limit, which is what counts.

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

/// The fewest seconds a person takes to fill the form.
pub const MIN_FILL: Duration = Duration::seconds(3);
/// The longest a drawn form stays good (a form kept open on a phone overnight is fine).
pub const FORM_LIFE: Duration = Duration::days(2);
/// Reports one address may send within [`WINDOW`].
pub const PER_ADDRESS: usize = 5;
/// The window of the per-address limit.
pub const WINDOW: Duration = Duration::minutes(10);
/// Reports one address may send in a day.
pub const PER_DAY: usize = 20;

/// Why a report is held back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeldBack {
    /// The field people never see was filled.
    Honeypot,
    /// Sent sooner than a person could fill it (or with a key no form gave).
    TooFast,
    /// The form was drawn too long ago (or its key is not a form's).
    Stale,
    /// Too many reports from this address lately: try again after this long.
    TooMany(Duration),
}

/// When the form with `key` was drawn, if the key is a form's (a UUID version 7).
pub fn drawn_at(key: Uuid) -> Option<DateTime<Utc>> {
    let (secs, nanos) = key.get_timestamp()?.to_unix();
    DateTime::from_timestamp(i64::try_from(secs).ok()?, nanos)
}

/// Whether a report sent at `now` with the form `key`, `honeypot` as filled, and
/// `recent` reports from the same address (their times, any order) may be taken.
pub fn check(
    key: Uuid,
    honeypot: Option<&str>,
    recent: &[DateTime<Utc>],
    now: DateTime<Utc>,
) -> Result<(), HeldBack> {
    if honeypot.is_some_and(|v| !v.trim().is_empty()) {
        return Err(HeldBack::Honeypot);
    }
    let Some(drawn) = drawn_at(key) else {
        return Err(HeldBack::Stale);
    };
    if now - drawn < MIN_FILL {
        return Err(HeldBack::TooFast);
    }
    if now - drawn > FORM_LIFE {
        return Err(HeldBack::Stale);
    }
    limit(recent, now)
}

/// The per-address limit alone (the API, which has no form, meets it too).
pub fn limit(recent: &[DateTime<Utc>], now: DateTime<Utc>) -> Result<(), HeldBack> {
    let within = |window: Duration, most: usize| {
        let mut times: Vec<_> = recent.iter().filter(|t| now - **t < window).collect();
        if times.len() < most {
            return Ok(());
        }
        // Free again when the oldest that counts leaves the window.
        times.sort();
        let oldest = *times[times.len() - most];
        Err(HeldBack::TooMany(window - (now - oldest)))
    };
    within(WINDOW, PER_ADDRESS)?;
    within(Duration::days(1), PER_DAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_796_000_000 + secs, 0).expect("a time")
    }

    fn key_drawn_at(t: DateTime<Utc>) -> Uuid {
        let ts = uuid::Timestamp::from_unix(
            uuid::NoContext,
            u64::try_from(t.timestamp()).expect("after 1970"),
            0,
        );
        Uuid::new_v7(ts)
    }

    #[test]
    fn a_person_who_took_a_minute_is_taken() {
        assert_eq!(check(key_drawn_at(at(0)), Some(""), &[], at(60)), Ok(()));
        assert_eq!(drawn_at(key_drawn_at(at(0))), Some(at(0)));
    }

    #[test]
    fn the_hidden_field_filled_or_a_form_sent_at_once_is_held_back() {
        let key = key_drawn_at(at(0));
        assert_eq!(
            check(key, Some("http://spam"), &[], at(60)),
            Err(HeldBack::Honeypot)
        );
        assert_eq!(check(key, None, &[], at(1)), Err(HeldBack::TooFast));
        assert_eq!(
            check(key, None, &[], at(0) + FORM_LIFE + Duration::seconds(1)),
            Err(HeldBack::Stale)
        );
        assert_eq!(
            check(Uuid::from_u128(42), None, &[], at(60)),
            Err(HeldBack::Stale),
            "a key no form gave"
        );
    }

    #[test]
    fn the_sixth_report_in_ten_minutes_waits_until_the_first_leaves_the_window() {
        let sent: Vec<_> = (0..5).map(|i| at(i * 60)).collect();
        let now = at(5 * 60);
        assert_eq!(
            limit(&sent, now),
            Err(HeldBack::TooMany(Duration::minutes(5)))
        );
        assert_eq!(limit(&sent[1..], now), Ok(()));
        assert_eq!(limit(&sent, at(10 * 60 + 1)), Ok(()), "the first has left");
    }

    #[test]
    fn twenty_in_a_day_is_the_most_from_one_address() {
        let sent: Vec<_> = (0..20).map(|i| at(i * 3600)).collect();
        assert!(matches!(
            limit(&sent, at(20 * 3600)),
            Err(HeldBack::TooMany(_))
        ));
        assert_eq!(limit(&sent[1..], at(20 * 3600)), Ok(()));
    }
}
