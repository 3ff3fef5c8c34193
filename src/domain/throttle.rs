//! Login throttling: after a few failures for one username or one address, attempts must
//! wait longer and longer; after many, they are locked out for a while.

use chrono::{DateTime, Duration, Utc};

/// Failures older than this are forgotten.
pub const WINDOW: Duration = Duration::minutes(15);
/// Failures allowed before attempts must wait.
pub const FREE_FAILURES: u32 = 3;
/// Failures after which attempts are locked out.
pub const LOCK_AFTER: u32 = 10;
/// How long a lockout lasts, from the last failure.
pub const LOCK_FOR: Duration = Duration::minutes(15);

/// Failures recorded for one key (a username or an address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    /// How many, within the window.
    pub count: u32,
    /// When the last one happened.
    pub last_at: DateTime<Utc>,
}

/// Whether an attempt may go ahead now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Check the password.
    Allow,
    /// Too soon after the last failure: try again after this long.
    Wait(Duration),
    /// Locked out for this long.
    Locked(Duration),
}

impl Verdict {
    /// How long to wait, if at all.
    pub fn retry_after(self) -> Option<Duration> {
        match self {
            Verdict::Allow => None,
            Verdict::Wait(d) | Verdict::Locked(d) => Some(d),
        }
    }
}

/// The verdict for an attempt at `now` given the recorded failures.
pub fn verdict(failures: Option<Failures>, now: DateTime<Utc>) -> Verdict {
    let Some(f) = failures.filter(|f| now - f.last_at < WINDOW) else {
        return Verdict::Allow;
    };
    if f.count >= LOCK_AFTER {
        return Verdict::Locked(f.last_at + LOCK_FOR - now);
    }
    if f.count >= FREE_FAILURES {
        let delay = Duration::seconds(1 << (f.count - FREE_FAILURES).min(10));
        let next = f.last_at + delay;
        if now < next {
            return Verdict::Wait(next - now);
        }
    }
    Verdict::Allow
}

/// The stricter of two verdicts (the username's and the address's).
pub fn stricter(a: Verdict, b: Verdict) -> Verdict {
    match (a, b) {
        (Verdict::Locked(x), Verdict::Locked(y)) => Verdict::Locked(x.max(y)),
        (Verdict::Locked(x), _) | (_, Verdict::Locked(x)) => Verdict::Locked(x),
        (Verdict::Wait(x), Verdict::Wait(y)) => Verdict::Wait(x.max(y)),
        (Verdict::Wait(x), _) | (_, Verdict::Wait(x)) => Verdict::Wait(x),
        (Verdict::Allow, Verdict::Allow) => Verdict::Allow,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).expect("time")
    }

    fn after(n: u32, last: i64) -> Option<Failures> {
        Some(Failures {
            count: n,
            last_at: at(last),
        })
    }

    #[test]
    fn the_first_failures_cost_nothing() {
        assert_eq!(verdict(None, at(0)), Verdict::Allow);
        assert_eq!(verdict(after(FREE_FAILURES - 1, 0), at(0)), Verdict::Allow);
    }

    #[test]
    fn further_failures_double_the_wait() {
        assert_eq!(
            verdict(after(3, 0), at(0)),
            Verdict::Wait(Duration::seconds(1))
        );
        assert_eq!(
            verdict(after(4, 0), at(1)),
            Verdict::Wait(Duration::seconds(1))
        );
        assert_eq!(
            verdict(after(6, 0), at(0)),
            Verdict::Wait(Duration::seconds(8))
        );
        assert_eq!(verdict(after(6, 0), at(8)), Verdict::Allow);
    }

    #[test]
    fn many_failures_lock_until_the_lock_ends() {
        assert_eq!(
            verdict(after(10, 0), at(60)),
            Verdict::Locked(LOCK_FOR - Duration::seconds(60))
        );
        assert_eq!(
            verdict(after(10, 0), at(15 * 60)),
            Verdict::Allow,
            "window and lock over"
        );
    }

    #[test]
    fn the_stricter_verdict_wins() {
        let wait = Verdict::Wait(Duration::seconds(2));
        let lock = Verdict::Locked(Duration::seconds(1));
        assert_eq!(stricter(Verdict::Allow, wait), wait);
        assert_eq!(stricter(wait, lock), lock);
        assert_eq!(stricter(Verdict::Allow, Verdict::Allow), Verdict::Allow);
    }
}
