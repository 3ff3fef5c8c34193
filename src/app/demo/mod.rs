//! Demo data for a first start, and synthetic sites for benchmarks.

pub mod audits;
pub mod reorganisation;

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use uuid::Uuid;

use super::imports::{AreaRecord, place};
use super::sites::SiteRecord;
use super::{Error, Services, departments};
use crate::domain::actor::Actor;
use crate::domain::area::AreaIndex;
use crate::domain::demo;
use crate::domain::department::Standing;
use crate::domain::event::Change;
use crate::domain::import::{Format, Row, check_site_rows, duplicate_key, read_site_rows};
use crate::store::{areas, departments as department_rows, sites};

/// Loads the demo departments, areas and sites, skipping what is already there; every
/// record is its own event. Returns how many sites were added.
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
    let mut stored: HashMap<String, Uuid> = areas::all(&mut tx)
        .await?
        .into_iter()
        .map(|a| (a.code, a.id))
        .collect();
    for area in demo::areas() {
        if stored.contains_key(&area.code) {
            continue;
        }
        let parent = area
            .parent
            .as_ref()
            .and_then(|code| stored.get(code).copied());
        let id = areas::upsert(&mut tx, Uuid::now_v7(), &area, parent).await?;
        let change = Change::new(&system, "area.create", "area", id).after(AreaRecord::from(&area));
        s.log(&mut tx, change).await?;
        stored.insert(area.code.clone(), id);
    }
    let directory = departments::directory(&mut tx).await?;
    let existing = sites::duplicate_keys(&mut tx).await?;
    let rows = read_site_rows(Format::Csv, demo::SITES_CSV.as_bytes())
        .map_err(|r| anyhow::anyhow!("demo sites unreadable: {r:?}"))?;
    let region = s.region;
    let good: Vec<Row<_>> = check_site_rows(rows, &region, &directory, &HashSet::new())
        .map_err(|r| anyhow::anyhow!("demo sites do not fit the region {region}: {r:?}"))?
        .into_iter()
        .filter(|r| {
            let site = &r.value;
            !existing.contains(&duplicate_key(
                &site.name,
                site.location.lon(),
                site.location.lat(),
            ))
        })
        .collect();
    let index = AreaIndex::new(areas::shapes(&mut tx).await?);
    let placed = place(good, &directory, &index, s.today());
    sites::insert_many(&mut tx, &placed, s.now()).await?;
    for p in &placed {
        let change = Change::new(&system, "site.create", "site", p.id)
            .after(SiteRecord::new(&p.site, p.area_id));
        s.log(&mut tx, change).await?;
    }
    tx.commit().await?;
    Ok(placed.len())
}

/// A batch of synthetic sites as the event log records it.
#[derive(Serialize)]
struct GeneratedRecord<'a> {
    seed: u64,
    ids: &'a [Uuid],
}

/// Writes `n` synthetic sites in transactions of `batch`, each batch one event, calling
/// `progress` after each; returns their ids.
pub async fn generate_sites(
    s: &Services,
    actor: &Actor,
    n: u64,
    seed: u64,
    batch: usize,
    mut progress: impl FnMut(u64),
) -> Result<Vec<Uuid>, Error> {
    let index = AreaIndex::new(areas::shapes(&mut s.db.conn().await?).await?);
    let directory = departments::directory(&mut s.db.conn().await?).await?;
    // The generator names the 2020 departments; one merged since is followed to the
    // department that took its work over.
    let mut now_in: HashMap<&str, String> = HashMap::new();
    for code in ["construction", "transport", "culture"] {
        let mut current = code.to_owned();
        for _ in 0..8 {
            match department_rows::standing(&mut s.db.conn().await?, &current).await? {
                Some(Standing::MergedInto(into)) => current = into,
                Some(Standing::InUse) => break,
                _ => {
                    return Err(anyhow::anyhow!(
                        "department `{code}` is missing: load the demo data first (tiepcan --demo)"
                    )
                    .into());
                }
            }
        }
        now_in.insert(code, current);
    }
    let mut all = Vec::new();
    let mut generated = demo::synthetic_sites(n, seed).peekable();
    while generated.peek().is_some() {
        let rows: Vec<Row<_>> = generated
            .by_ref()
            .take(batch)
            .map(|mut value| {
                if let Some(code) = now_in.get(value.department.as_str()) {
                    value.department.clone_from(code);
                }
                Row { number: 0, value }
            })
            .collect();
        let placed = place(rows, &directory, &index, s.today());
        let ids: Vec<Uuid> = placed.iter().map(|p| p.id).collect();
        let mut tx = s.begin().await?;
        sites::insert_many(&mut tx, &placed, s.now()).await?;
        let change = Change::new(actor, "sites.generate", "import", Uuid::now_v7())
            .after(GeneratedRecord { seed, ids: &ids });
        s.log(&mut tx, change).await?;
        tx.commit().await?;
        progress(placed.len() as u64);
        all.extend(ids);
    }
    Ok(all)
}
