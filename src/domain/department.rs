//! Departments: the bodies responsible for sites and findings. Data, not an enum: they are
//! renamed and merged as provinces reorganise.

use serde::Serialize;
use uuid::Uuid;

use super::lang::Bilingual;

/// A department as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Department {
    /// Id.
    pub id: Uuid,
    /// Stable code used in files and the API (`construction`, `transport`, ...).
    pub code: String,
    /// Name in both languages.
    pub name: Bilingual,
}

/// A department to create.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDepartment {
    /// Stable code.
    pub code: String,
    /// Name in both languages.
    pub name: Bilingual,
}
