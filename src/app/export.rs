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
    Ok(sites
        .into_iter()
        .filter_map(|site| {
            let (address, operator, area, department, barriers) = extras.remove(&site.id)?;
            Some(ExportSite {
                site,
                address,
                operator,
                area,
                department,
                barriers,
            })
        })
        .collect())
}
