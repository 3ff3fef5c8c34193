//! What the public may know of a site: its level, what works, the open barriers and the
//! display photos of its latest approved full audit. No account is needed; no staff name, no
//! original photo and no EXIF fact is ever part of it.

use uuid::Uuid;

use super::{Error, Services};
use crate::domain::audit::Photo;
use crate::domain::audit::participation::organisations;
use crate::domain::finding::Filter;
use crate::store::findings;
use crate::store::{audits, barrier_reports, participants, photos, sites};

/// Most open barriers listed on a public page.
const BARRIERS_MAX: u32 = 200;

use crate::domain::audit::sheet::Sheet;
use crate::domain::site::public::{PublicBarrier, PublicFeatures, features_at};
pub use crate::domain::site::public::{PublicPhoto, PublicSite};

/// The public facts of site `id`.
pub async fn site(s: &Services, id: Uuid) -> Result<PublicSite, Error> {
    let mut conn = s.db.conn().await?;
    let site = sites::by_id(&mut conn, id).await?.ok_or(Error::NotFound)?;
    let summary = findings::summary(&mut conn, id).await?;
    let filter = Filter {
        site: Some(id),
        standing_only: true,
        limit: BARRIERS_MAX,
        ..Filter::default()
    };
    let mut barriers = Vec::new();
    for (mut finding, snapshot) in findings::list(&mut conn, &filter).await? {
        let checklist = s.snapshots.get(&mut conn, snapshot).await?;
        let item = checklist.item(&finding.item).cloned();
        if let Some(item) = &item {
            finding.text = item.text.clone();
        }
        barriers.push(PublicBarrier { finding, item });
    }
    let (checklist, photos, last_full_audit, measured, features, organisations) = match &summary {
        None => (
            None,
            Vec::new(),
            None,
            Vec::new(),
            PublicFeatures::default(),
            Vec::new(),
        ),
        Some(summary) => {
            // A follow-up photographs a few items again; the place is shown by its latest
            // full audit.
            let shown = audits::latest_full_approved(&mut conn, id)
                .await?
                .unwrap_or(summary.audit_id);
            let head = audits::head(&mut conn, shown)
                .await?
                .ok_or_else(|| anyhow::anyhow!("approved audit {shown} vanished"))?;
            let checklist = s
                .snapshots
                .get(&mut conn, head.checklist_version_id)
                .await?
                .asked_at(site.subtype);
            let photos = photos::of_audit(&mut conn, shown)
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
            let answers = audits::answers(&mut conn, shown).await?;
            let absent = audits::sections_not_applicable(&mut conn, shown).await?;
            let given: Vec<_> = answers.iter().map(|a| a.answer.clone()).collect();
            let sheet = Sheet::new(&checklist, &given, absent.iter().map(String::as_str), []);
            let features = features_at(&summary.summary, &checklist, &sheet);
            let measured = checklist
                .items()
                .filter_map(|item| {
                    let crate::domain::checklist::Answer::Measure { unit, .. } = &item.answer
                    else {
                        return None;
                    };
                    let answer = answers.iter().find(|a| a.answer.item == item.code)?;
                    Some(crate::domain::site::public::Measured {
                        item: item.code.clone(),
                        text: item.text.clone(),
                        feature: item.feature,
                        value: answer.answer.value?,
                        unit: *unit,
                        passes: answer.answer.result == crate::domain::audit::Outcome::Pass,
                    })
                })
                .collect();
            (
                Some(std::sync::Arc::new(checklist)),
                photos,
                head.reviewed_at,
                measured,
                features,
                organisations(
                    participants::organisations(&mut conn, shown)
                        .await?
                        .iter()
                        .map(String::as_str),
                ),
            )
        }
    };
    Ok(PublicSite {
        site,
        summary,
        checklist,
        barriers,
        features,
        photos,
        last_full_audit,
        organisations,
        measured,
        today: s.today(),
        reports: barrier_reports::counts_of_site(&mut conn, id).await?,
    })
}

/// Photo `id` if the public may see its renditions (its audit is approved).
pub async fn photo(s: &Services, id: Uuid) -> Result<Photo, Error> {
    photos::public_by_id(&mut s.db.conn().await?, id)
        .await?
        .ok_or(Error::NotFound)
}
