//! A person as an audit names them: its inspector, its reviewer, an observer's account.

use uuid::Uuid;

/// A person as an audit names them (staff only; never public).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRef {
    /// User id.
    pub id: Uuid,
    /// Login name.
    pub username: String,
    /// Name shown to colleagues.
    pub display_name: String,
}
