//! Paging of lists: one way to read a page size and a cursor (with the same errors
//! everywhere) and to link to the next page.

use serde::Serialize;
use uuid::Uuid;

use crate::domain::validation::{FieldErrors, Problem};

/// A query parameter's text, trimmed; blank counts as absent.
pub fn param(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The page sizes a list allows.
#[derive(Debug, Clone, Copy)]
pub struct PageSize {
    /// When none is asked for.
    pub default: u32,
    /// The largest allowed.
    pub max: u32,
}

impl PageSize {
    /// Reads `limit`: the default when absent, else a whole number from 1 to the maximum.
    pub fn read(self, errors: &mut FieldErrors, text: Option<&str>) -> u32 {
        let Some(text) = text else {
            return self.default;
        };
        let parsed = text
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=self.max).contains(n))
            .ok_or(Problem::OutOfRange {
                min: 1.0,
                max: f64::from(self.max),
            });
        errors.take("limit", parsed).unwrap_or(self.default)
    }
}

impl PageSize {
    /// Reads `limit` for a public list: the default when absent; a whole number of 1 or
    /// more, where more than the maximum is cut to it (the `true` says so) rather than
    /// refused.
    pub fn read_capped(self, errors: &mut FieldErrors, text: Option<&str>) -> (u32, bool) {
        let Some(text) = text else {
            return (self.default, false);
        };
        match text.trim().parse::<i128>() {
            Ok(n) if n > i128::from(self.max) => (self.max, true),
            Ok(n) if n >= 1 => (u32::try_from(n).unwrap_or(self.max), false),
            _ => {
                errors.add(
                    "limit",
                    Problem::OutOfRange {
                        min: 1.0,
                        max: f64::from(self.max),
                    },
                );
                (self.default, false)
            }
        }
    }
}

/// A position in a list that the next page starts after.
pub trait Cursor: Sized {
    /// Reads the cursor from its query text.
    fn parse(text: &str) -> Result<Self, Problem>;
}

impl Cursor for Uuid {
    fn parse(text: &str) -> Result<Self, Problem> {
        Uuid::parse_str(text).map_err(|_| Problem::NotAnId)
    }
}

impl Cursor for i64 {
    fn parse(text: &str) -> Result<Self, Problem> {
        text.parse::<i64>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or(Problem::OutOfRange {
                min: 1.0,
                max: i64::MAX as f64,
            })
    }
}

/// Reads the cursor parameter `field`, recording a bad one.
pub fn cursor<C: Cursor>(errors: &mut FieldErrors, field: &str, text: Option<&str>) -> Option<C> {
    text.and_then(|t| errors.take(field, C::parse(t)))
}

/// The query string of the page after this one, or `None` when this page was not full (so
/// it is the last). `next_query` builds the query from the page's last item.
pub fn next_page<T, Q: Serialize>(
    page: &[T],
    limit: u32,
    next_query: impl FnOnce(&T) -> Q,
) -> Option<String> {
    let last = page.last().filter(|_| page.len() == limit as usize)?;
    serde_urlencoded::to_string(next_query(last)).ok()
}

/// A page of a list as the API answers it.
#[derive(Debug, Serialize)]
pub struct PageJson<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// The full URL of the next page; absent on the last.
    pub next: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZE: PageSize = PageSize {
        default: 50,
        max: 500,
    };

    #[test]
    fn page_size_defaults_and_refuses_zero_and_too_many() {
        let mut errors = FieldErrors::default();
        assert_eq!(SIZE.read(&mut errors, None), 50);
        assert_eq!(SIZE.read(&mut errors, Some("7")), 7);
        assert!(errors.is_empty());
        for bad in ["0", "501", "-1", "ten"] {
            let mut errors = FieldErrors::default();
            SIZE.read(&mut errors, Some(bad));
            assert!(
                matches!(errors.for_field("limit"), Some(Problem::OutOfRange { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn cursors_are_checked_by_type() {
        let mut errors = FieldErrors::default();
        assert_eq!(cursor::<i64>(&mut errors, "before", Some("12")), Some(12));
        assert_eq!(cursor::<Uuid>(&mut errors, "after", Some("nope")), None);
        assert_eq!(errors.for_field("after"), Some(&Problem::NotAnId));
    }

    #[test]
    fn only_a_full_page_has_a_next_one() {
        let next = |page: &[u32]| next_page(page, 2, |last| [("after", *last)]);
        assert_eq!(next(&[1, 2]), Some("after=2".into()));
        assert_eq!(next(&[1]), None);
    }
}
