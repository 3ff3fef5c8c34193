//! Replays the demo's 2025 on a database that holds the 2020 structure: the commune-level
//! map imported as any province would import it (ending the districts and moving the
//! sites), a new department created and two merged into others, each an event in the log.
//! Idempotent: what is done already is skipped.

use serde_json::{Map, Value, json};

use crate::app::imports::{self, ImportError};
use crate::app::{Error, Services, departments};
use crate::domain::actor::Actor;
use crate::domain::area::NewArea;
use crate::domain::demo::reorganisation::{MERGERS, areas, new_departments};
use crate::domain::department::Standing;
use crate::store::{areas as area_rows, departments as department_rows};

/// What the replay did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Replayed {
    /// Sites the new map moved.
    pub sites_moved: usize,
    /// Departments merged.
    pub merged: usize,
}

/// Applies the 2025 changes the database does not have yet.
pub async fn apply(s: &Services) -> Result<Replayed, Error> {
    let system = Actor::System;
    let mut done = Replayed::default();
    let new_map = areas();
    let stored = area_rows::all(&mut s.db.conn().await?).await?;
    if !stored.iter().any(|a| a.code == new_map[0].code) {
        let imported = imports::areas(s, &system, &geojson(&new_map))
            .await
            .map_err(|e| match e {
                ImportError::Failed(e) => e,
                ImportError::Rejected(report) => {
                    anyhow::anyhow!("the demo's 2025 areas were refused: {report:?}").into()
                }
            })?;
        done.sites_moved = imported.moved.len();
    }
    for department in new_departments() {
        let standing = department_rows::standing(&mut s.db.conn().await?, &department.code).await?;
        if standing.is_none() {
            departments::create(s, &system, &department.code, &department.name).await?;
        }
    }
    for (from, into) in MERGERS {
        let standing = department_rows::standing(&mut s.db.conn().await?, from).await?;
        if standing == Some(Standing::InUse) {
            departments::merge(s, &system, from, into).await?;
            done.merged += 1;
        }
    }
    Ok(done)
}

/// The areas as the GeoJSON file a province would import.
fn geojson(areas: &[NewArea]) -> Vec<u8> {
    let features: Vec<Value> = areas
        .iter()
        .map(|a| {
            let mut properties = Map::new();
            properties.insert("code".into(), json!(a.code));
            properties.insert("name".into(), json!(a.name));
            properties.insert("level".into(), json!(a.level.as_str()));
            properties.insert("parent".into(), json!(a.parent));
            properties.insert(
                "valid_from".into(),
                json!(a.valid_from.map(|d| d.to_string())),
            );
            properties.insert("approximate".into(), json!(a.approximate));
            properties.insert("replaces".into(), json!(a.replaces));
            let geometry = geojson::Geometry::new(geojson::GeometryValue::from(&a.boundary));
            json!({ "type": "Feature", "geometry": geometry, "properties": properties })
        })
        .collect();
    serde_json::to_vec(&json!({ "type": "FeatureCollection", "features": features }))
        .expect("JSON of plain values")
}
