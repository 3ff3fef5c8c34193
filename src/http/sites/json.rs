//! Sites as the API shows them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::domain::geo::Coordinates;
use crate::domain::site::{AreaRef, Site, SiteKind, Subtype};
use crate::http::departments::DepartmentRefJson;

/// A site as the public and staff read it.
#[derive(Debug, Serialize)]
pub struct SiteJson {
    id: Uuid,
    name: String,
    kind: SiteKind,
    subtype: Subtype,
    address: Option<String>,
    #[serde(flatten)]
    location: Coordinates,
    area: Option<AreaJson>,
    department: DepartmentRefJson,
    operator: Option<String>,
    legal_deadline: NaiveDate,
    design_approved_on: Option<NaiveDate>,
    heritage: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: i64,
}

/// The area a site lies in.
#[derive(Debug, Serialize)]
pub struct AreaJson {
    id: Uuid,
    code: String,
    name: String,
}

impl From<&AreaRef> for AreaJson {
    fn from(a: &AreaRef) -> Self {
        AreaJson {
            id: a.id,
            code: a.code.clone(),
            name: a.name.clone(),
        }
    }
}

impl From<&Site> for SiteJson {
    fn from(s: &Site) -> Self {
        SiteJson {
            id: s.id,
            name: s.name.clone(),
            kind: s.kind,
            subtype: s.subtype,
            address: s.address.clone(),
            location: s.location,
            area: s.area.as_ref().map(AreaJson::from),
            department: DepartmentRefJson::from(&s.department),
            operator: s.operator.clone(),
            legal_deadline: s.legal_deadline,
            design_approved_on: s.design_approved_on,
            heritage: s.heritage,
            created_at: s.created_at,
            updated_at: s.updated_at,
            version: s.version,
        }
    }
}
