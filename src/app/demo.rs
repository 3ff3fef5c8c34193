//! Demo data for a first start, and synthetic sites for benchmarks.

use std::collections::HashSet;

use super::imports::{insert_sites, upsert_area};
use super::{Error, Services, departments};
use crate::domain::actor::Actor;
use crate::domain::area::AreaIndex;
use crate::domain::demo;
use crate::domain::event::Change;
use crate::domain::import::{Format, check_site_rows, duplicate_key, read_site_rows};
use crate::domain::site::NewSite;
use crate::store::{areas, departments as department_rows, sites};

/// Loads the demo departments, areas and sites, skipping what is already there.
/// Returns how many sites were added.
pub async fn seed(s: &Services) -> Result<usize, Error> {
    let system = Actor::System;
    let mut tx = s.begin().await?;
    for department in demo::departments() {
        if department_rows::insert_if_missing(&mut tx, &department).await? {
            let change = Change::new(&system, "department.create", "department", &department.code)
                .after(serde_json::json!({ "code": department.code, "name": department.name }));
            s.log(&mut tx, change).await?;
        }
    }
    for area in demo::areas() {
        if areas::id_by_code(&mut tx, &area.code).await?.is_none() {
            upsert_area(s, &mut tx, &system, &area)
                .await
                .map_err(|e| anyhow::anyhow!("demo area {}: {e:?}", area.code))?;
        }
    }
    let directory = departments::directory(&mut tx).await?;
    let existing = sites::duplicate_keys(&mut tx).await?;
    let rows = read_site_rows(Format::Csv, demo::SITES_CSV)
        .map_err(|r| anyhow::anyhow!("demo sites unreadable: {r:?}"))?;
    let region = s.region;
    let good: Vec<NewSite> = check_site_rows(rows, &region, &directory, &HashSet::new())
        .map_err(|r| anyhow::anyhow!("demo sites do not fit the region {region}: {r:?}"))?
        .into_iter()
        .map(|row| row.value)
        .filter(|s| !existing.contains(&duplicate_key(&s.name, s.location.lon(), s.location.lat())))
        .collect();
    let index = AreaIndex::new(areas::shapes(&mut tx).await?);
    insert_sites(
        s,
        &mut tx,
        &system,
        "site.create",
        &index,
        &directory,
        &good,
    )
    .await?;
    tx.commit().await?;
    Ok(good.len())
}

/// Writes `n` synthetic sites in transactions of `batch`, calling `progress` after each.
pub async fn generate_sites(
    s: &Services,
    actor: &Actor,
    n: u64,
    seed: u64,
    batch: usize,
    mut progress: impl FnMut(u64),
) -> Result<(), Error> {
    let index = AreaIndex::new(areas::shapes(&mut s.db.conn().await?).await?);
    let directory = departments::directory(&mut s.db.conn().await?).await?;
    for code in ["construction", "transport", "culture"] {
        if directory.resolve(code).is_err() {
            return Err(anyhow::anyhow!(
                "department `{code}` is missing: load the demo data first (tiepcan --demo)"
            )
            .into());
        }
    }
    let mut generated = demo::synthetic_sites(n, seed).peekable();
    while generated.peek().is_some() {
        let chunk: Vec<NewSite> = generated.by_ref().take(batch).collect();
        let mut tx = s.begin().await?;
        insert_sites(
            s,
            &mut tx,
            actor,
            "site.generate",
            &index,
            &directory,
            &chunk,
        )
        .await?;
        tx.commit().await?;
        progress(chunk.len() as u64);
    }
    Ok(())
}
