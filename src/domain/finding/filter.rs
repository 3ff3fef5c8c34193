//! The one filter of finding lists: the API's and the dashboard's query, the command
//! line's overdue list and the public page's barriers all read findings through it.

use chrono::NaiveDate;
use uuid::Uuid;

use super::FindingState;
use crate::domain::checklist::Severity;
use crate::domain::site::SiteKind;

/// Which findings a list shows, the same from the query string to the SQL; `None` is no
/// filter. The use case narrows `department` to what the person may see.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Only of this site.
    pub site: Option<Uuid>,
    /// Only of this department.
    pub department: Option<Uuid>,
    /// Only in these states (empty: any).
    pub states: Vec<FindingState>,
    /// Only of this severity.
    pub severity: Option<Severity>,
    /// Only of sites in this area or the areas below it.
    pub area: Option<Uuid>,
    /// Only of sites of this kind.
    pub kind: Option<SiteKind>,
    /// Only found by this audit.
    pub audit: Option<Uuid>,
    /// Only findings still open whose due date is before this day (overdue on it).
    pub overdue_on: Option<NaiveDate>,
    /// Only findings due before this day.
    pub due_before: Option<NaiveDate>,
    /// Only barriers that stand (every state but verified).
    pub standing_only: bool,
    /// Only findings with ids below this (newest first paging).
    pub before: Option<Uuid>,
    /// At most this many.
    pub limit: u32,
}
