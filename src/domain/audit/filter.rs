//! The one filter of audit lists: the API's query, the inspector's and reviewer's lists
//! and a site's timeline all read audits through it.

use uuid::Uuid;

use super::AuditState;

/// Which audits a list shows, the same from the query string to the SQL; `None` is no
/// filter. The use case narrows `department` to what the person may see, and hides the
/// drafts of others from whoever may not read them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Only in this state.
    pub state: Option<AuditState>,
    /// Only of this site.
    pub site: Option<Uuid>,
    /// Only the asker's own.
    pub mine: bool,
    /// Only for this department.
    pub department: Option<Uuid>,
    /// Newest-first paging: only audits older than this one.
    pub before: Option<Uuid>,
    /// At most this many.
    pub limit: u32,
}
