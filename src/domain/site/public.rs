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

/// A site as the public sees it.
#[derive(Debug, Clone)]
pub struct PublicSite {
    /// The site.
    pub site: Site,
    /// Its summary; `None` while it has no approved audit (level `unknown`).
    pub summary: Option<StoredSummary>,
    /// The checklist of the latest approved audit.
    pub checklist: Option<Arc<Checklist>>,
    /// Barriers that stand, with the item text.
    pub barriers: Vec<Finding>,
    /// Photos of the latest approved audit.
    pub photos: Vec<PublicPhoto>,
    /// When its latest full audit was approved (a follow-up checks only a few items, so it
    /// does not make the whole page's facts newer).
    pub last_full_audit: Option<chrono::DateTime<chrono::Utc>>,
    /// The day (in the province) these facts are as of, for "overdue".
    pub today: chrono::NaiveDate,
}
