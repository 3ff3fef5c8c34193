//! What the public may know of a site: its level, what works, the open barriers and the
//! display photos of its latest approved audit. No account is needed; no staff name, no
//! original photo and no EXIF fact is ever part of it.

use std::sync::Arc;

use uuid::Uuid;

use super::{Error, Services};
use crate::domain::audit::Photo;
use crate::domain::checklist::{Checklist, Feature};
use crate::domain::finding::Finding;
use crate::domain::lang::Bilingual;
use crate::domain::site::Site;
use crate::store::findings::{self, Filter, StoredSummary};
use crate::store::{audits, photos, sites};

/// Most open barriers listed on a public page.
const BARRIERS_MAX: u32 = 200;

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
}

/// The public facts of site `id`.
pub async fn site(s: &Services, id: Uuid) -> Result<PublicSite, Error> {
    let mut conn = s.db.conn().await?;
    let site = sites::by_id(&mut conn, id).await?.ok_or(Error::NotFound)?;
    let summary = findings::summary(&mut conn, id).await?;
    let filter = Filter {
        site: Some(id),
        open_only: true,
        limit: BARRIERS_MAX,
        ..Filter::default()
    };
    let mut barriers = Vec::new();
    for (mut finding, snapshot) in findings::list(&mut conn, &filter).await? {
        let checklist = s.snapshots.get(&mut conn, snapshot).await?;
        if let Some(item) = checklist.item(&finding.item) {
            finding.text = item.text.clone();
        }
        barriers.push(finding);
    }
    let (checklist, photos) = match &summary {
        None => (None, Vec::new()),
        Some(summary) => {
            let head = audits::head(&mut conn, summary.audit_id)
                .await?
                .ok_or_else(|| anyhow::anyhow!("approved audit {} vanished", summary.audit_id))?;
            let checklist = s
                .snapshots
                .get(&mut conn, head.checklist_version_id)
                .await?;
            let photos = photos::of_audit(&mut conn, summary.audit_id)
                .await?
                .into_iter()
                .map(|photo| {
                    let item = photo.item.as_deref().and_then(|code| checklist.item(code));
                    PublicPhoto {
                        shows: item.map(|i| i.text.clone()),
                        feature: item.map(|i| i.feature),
                        photo,
                    }
                })
                .collect();
            (Some(checklist), photos)
        }
    };
    Ok(PublicSite {
        site,
        summary,
        checklist,
        barriers,
        photos,
    })
}

/// Photo `id` if the public may see its renditions (its audit is approved).
pub async fn photo(s: &Services, id: Uuid) -> Result<Photo, Error> {
    photos::public_by_id(&mut s.db.conn().await?, id)
        .await?
        .ok_or(Error::NotFound)
}
