//! Open data: every public fact of every site, for anyone, with the public's reports about
//! it that a moderator answered.

use std::collections::HashMap;

use super::{Error, Services};
use crate::domain::barrier::ReportState;
use crate::domain::export::{AnsweredReports, ExportSite};
use crate::domain::site::public::MapFilter;
use crate::store::{barrier_reports, map};

/// Every site with its public facts, in id order.
pub async fn sites(s: &Services) -> Result<Vec<ExportSite>, Error> {
    let mut conn = s.db.conn().await?;
    let all = MapFilter {
        limit: u32::MAX,
        ..MapFilter::default()
    };
    let sites = map::sites(&mut conn, &all).await?;
    let mut extras: HashMap<_, _> = map::export_extras(&mut conn)
        .await?
        .into_iter()
        .map(
            |(id, address, operator, code, name, department, barriers)| {
                let area = code.zip(name);
                let barriers = u64::try_from(barriers).unwrap_or(0);
                (id, (address, operator, area, department, barriers))
            },
        )
        .collect();
    let mut reports: HashMap<_, AnsweredReports> = HashMap::new();
    for (site, state, n) in barrier_reports::answered_by_site(&mut conn).await? {
        let state = ReportState::parse(&state)
            .map_err(|_| Error::Internal(anyhow::anyhow!("a report's state {state}")))?;
        reports
            .entry(site)
            .or_default()
            .add(state, u64::try_from(n).unwrap_or(0));
    }
    sites
        .into_iter()
        .map(|site| {
            // Both reads see every site: a site is never deleted, and one registered
            // between them is in the second, not the first.
            let (address, operator, area, department, barriers) =
                extras.remove(&site.id).ok_or_else(|| {
                    Error::Internal(anyhow::anyhow!("site {} has no export facts", site.id))
                })?;
            Ok(ExportSite {
                address,
                operator,
                area,
                department,
                barriers,
                reports: reports.remove(&site.id).unwrap_or_default(),
                site,
            })
        })
        .collect()
}
