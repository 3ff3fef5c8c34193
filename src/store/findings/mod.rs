//! Findings, the photos that show them, their history, and each site's stored summary.

mod history;
mod list;
mod summary;
mod write;

pub use history::{NewHistory, add_history, history, site_history};
pub use list::{CountRow, by_id, counts, list};
pub use summary::{StoredSummary, save_summary, standing_barriers, summary};
pub use write::{
    FoundBy, NewFinding, Standing, add_after_photos, insert_many, lock, lock_site, move_by_audit,
    standing, standing_items, update,
};

/// Finding rows (or photo links) per statement.
const FINDINGS_PER_STATEMENT: usize = 50;

/// The states in which work on a finding is open, as SQL (a macro so queries stay
/// `&'static str`); a test holds it to [`FindingState::is_open`].
///
/// [`FindingState::is_open`]: crate::domain::finding::FindingState::is_open
macro_rules! open_states {
    () => {
        "('open', 'planned', 'in_progress', 'reopened')"
    };
}
use open_states;

#[cfg(test)]
mod tests {
    use crate::domain::finding::FindingState;

    #[test]
    fn the_sql_list_of_open_states_is_the_domains() {
        let listed: Vec<String> = open_states!()
            .trim_matches(|c| c == '(' || c == ')')
            .split(", ")
            .map(|s| s.trim_matches('\'').to_owned())
            .collect();
        let domain: Vec<String> = FindingState::ALL
            .iter()
            .filter(|s| s.is_open())
            .map(|s| s.as_str().to_owned())
            .collect();
        assert_eq!(listed, domain);
    }
}
