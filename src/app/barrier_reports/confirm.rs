//! Confirming a report: the finding that tracks its barrier, one the site has or a new one
//! on an item of the site's checklist with the report's photo as its evidence.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::app::Error;
use crate::domain::barrier::{Report, Tracking};
use crate::domain::checklist;
use crate::domain::validation::Problem;
use crate::store::{Tx, checklists, findings, photos, sites};

/// The finding that tracks `report`'s barrier, made in `tx` when it is a new one.
pub(super) async fn tracking_finding(
    tx: &mut Tx,
    report: &Report,
    tracking: &Tracking,
    at: DateTime<Utc>,
) -> Result<Uuid, Error> {
    let site_id = report.site.as_ref().map(|(id, _)| *id);
    match tracking {
        Tracking::Existing(finding) => {
            let tracked = findings::by_id(tx, *finding).await?;
            if tracked.is_some_and(|(f, _)| Some(f.site_id) == site_id) {
                Ok(*finding)
            } else {
                Err(Error::field(
                    "finding",
                    Problem::Unknown {
                        given: finding.to_string(),
                    },
                ))
            }
        }
        Tracking::New { item } => {
            let site_id = site_id.ok_or_else(|| Error::field("finding", Problem::ReportNoPlace))?;
            let site = sites::by_id(tx, site_id).await?.ok_or(Error::NotFound)?;
            let snapshots = checklists::latest_all(tx).await?;
            let snapshot =
                checklist::for_subtype(snapshots.iter().map(|s| &s.checklist), site.subtype)
                    .and_then(|chosen| {
                        snapshots
                            .iter()
                            .find(|s| std::ptr::eq(&s.checklist, chosen))
                    })
                    .ok_or_else(|| {
                        anyhow::anyhow!("no checklist for subtype {}", site.subtype.as_str())
                    })?;
            let unknown = || {
                Error::field(
                    "item",
                    Problem::Unknown {
                        given: item.clone(),
                    },
                )
            };
            let chosen = snapshot
                .checklist
                .items()
                .find(|i| &i.code == item && i.can_be_finding())
                .ok_or_else(unknown)?;
            // Approvals of the site take the same lock: none of them can add a finding on
            // this item between the check below and the insert.
            findings::lock_site(tx, site_id).await?;
            if findings::standing_items(tx, site_id).await?.contains(item) {
                return Err(Error::field("item", Problem::ItemHasFinding));
            }
            let evidence = photos::of_report(tx, report.id).await?;
            let id = Uuid::now_v7();
            let new = findings::NewFinding {
                id,
                site_id,
                found_by: findings::FoundBy::Report {
                    report: report.id,
                    checklist_version: snapshot.snapshot_id,
                },
                item: chosen.code.clone(),
                clause: chosen.clause.clone(),
                severity: chosen.severity,
                feature: chosen.feature,
                value: None,
                unit: None,
                total: None,
                provided: None,
                department_id: site.department.id,
                photos: evidence.iter().map(|p| p.id).collect(),
            };
            findings::insert_many(tx, &[new], at).await?;
            Ok(id)
        }
    }
}
