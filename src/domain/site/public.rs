//! What the public may know of a site, as one read model: no staff name, no original photo
//! and no EXIF fact is part of it.

use std::sync::Arc;

use crate::domain::audit::Photo;
use crate::domain::checklist::{Checklist, Feature};
use crate::domain::finding::Finding;
use crate::domain::lang::Bilingual;
use crate::domain::site::Site;
use crate::domain::site::level::StoredSummary;

/// A photo as the public sees it: the display image and thumbnail of an approved audit,
/// described by the item it shows.
#[derive(Debug, Clone)]
pub struct PublicPhoto {
    /// The photo.
    pub photo: Photo,
    /// What it shows (the item's text), when it belongs to an item.
    pub shows: Option<Bilingual>,
    /// The feature group of that item.
    pub feature: Option<Feature>,
}

/// A measured fact of the latest full audit ("entrance door 950 mm wide").
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// The item's code.
    pub item: String,
    /// What was measured (the item's text).
    pub text: Bilingual,
    /// Its feature group.
    pub feature: Feature,
    /// The value, in `unit`.
    pub value: f64,
    /// The unit.
    pub unit: crate::domain::checklist::Unit,
    /// True when it meets the rule.
    pub passes: bool,
}

/// A site as the public sees it.
#[derive(Debug, Clone)]
pub struct PublicSite {
    /// The site.
    pub site: Site,
    /// Its summary; `None` while it has no approved audit (level `unknown`).
    pub summary: Option<StoredSummary>,
    /// The checklist of the latest approved audit, as asked at the site's subtype.
    pub checklist: Option<Arc<Checklist>>,
    /// Barriers that stand, with the item text.
    pub barriers: Vec<Finding>,
    /// Photos of the latest approved audit.
    pub photos: Vec<PublicPhoto>,
    /// What the latest full audit measured, in checklist order.
    pub measured: Vec<Measured>,
    /// When its latest full audit was approved (a follow-up checks only a few items, so it
    /// does not make the whole page's facts newer).
    pub last_full_audit: Option<chrono::DateTime<chrono::Utc>>,
    /// The day (in the province) these facts are as of, for "overdue".
    pub today: chrono::NaiveDate,
}

/// A site as the public map and its open data show it.
#[derive(Debug, Clone, PartialEq)]
pub struct MapSite {
    /// Id.
    pub id: uuid::Uuid,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: crate::domain::site::SiteKind,
    /// Subtype.
    pub subtype: crate::domain::site::Subtype,
    /// Where it is.
    pub location: crate::domain::geo::Coordinates,
    /// Its public level (`unknown` until an audit is approved).
    pub level: crate::domain::site::level::Level,
    /// How each feature group stands (empty while unknown).
    pub features: Vec<(Feature, crate::domain::site::level::FeatureState)>,
    /// When its latest audit was approved.
    pub last_audit: Option<chrono::DateTime<chrono::Utc>>,
}

/// Which sites the map asks for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapFilter {
    /// Only inside this box.
    pub bbox: Option<crate::domain::geo::Bbox>,
    /// Only of this kind.
    pub kind: Option<crate::domain::site::SiteKind>,
    /// Only at this level.
    pub level: Option<crate::domain::site::level::Level>,
    /// Only where this feature group works (`toilet`: an accessible toilet).
    pub feature: Option<Feature>,
    /// Only in this area or the areas below it.
    pub area: Option<uuid::Uuid>,
    /// Only sites after this id (keyset paging).
    pub after: Option<uuid::Uuid>,
    /// At most this many.
    pub limit: u32,
    /// Nearest to this position first, instead of in id order (`after` is then not used).
    pub nearest_to: Option<crate::domain::geo::Coordinates>,
}
