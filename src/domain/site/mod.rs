//! Sites: the places that are audited.

mod input;
mod kind;
pub mod level;
pub mod public;

pub use input::{Degrees, Flag, NAME_MAX, NewSite, SiteInput, TEXT_MAX};
pub use kind::{SiteKind, Subtype};

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::geo::Coordinates;
use super::lang::Bilingual;

/// A department as shown with a site.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentRef {
    /// Id.
    pub id: Uuid,
    /// Stable code (`construction`, ...).
    pub code: String,
    /// Name in both languages.
    pub name: Bilingual,
}

/// An area as shown with a site.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaRef {
    /// Id.
    pub id: Uuid,
    /// Code (GSO code for Vietnamese units).
    pub code: String,
    /// Name.
    pub name: String,
}

/// A stored site.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// Id (UUIDv7).
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: SiteKind,
    /// Subtype.
    pub subtype: Subtype,
    /// Address.
    pub address: Option<String>,
    /// Location.
    pub location: Coordinates,
    /// The administrative area the location falls in, if any is known.
    pub area: Option<AreaRef>,
    /// Responsible department.
    pub department: DepartmentRef,
    /// Operator.
    pub operator: Option<String>,
    /// Accessibility deadline under Law 51/2010 Art. 40.
    pub legal_deadline: NaiveDate,
    /// The day its design was approved, when known.
    pub design_approved_on: Option<NaiveDate>,
    /// A listed heritage site.
    pub heritage: bool,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Raised by every change, for `If-Match`.
    pub version: i64,
}
