//! Open data: every public fact of every site, for anyone.

use std::collections::HashMap;

use super::{Error, Services};
use crate::domain::export::ExportSite;
use crate::domain::site::public::MapFilter;
use crate::store::map;

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
                site,
                address,
                operator,
                area,
                department,
                barriers,
            })
        })
        .collect()
}
