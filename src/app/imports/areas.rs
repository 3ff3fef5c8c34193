//! Importing administrative areas from GeoJSON, as a province's map changes: new areas may
//! name the areas they replace, which end on the day the new ones begin; every site is then
//! placed again, and the import says which sites moved and which no boundary holds.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use uuid::Uuid;

use super::{ImportError, Imported};
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::area::{Area, AreaIndex, AreaShape, NewArea};
use crate::domain::event::Change;
use crate::domain::import::{ImportReport, Row, RowError, read_areas, text_of};
use crate::domain::secret::digest_bytes;
use crate::domain::validation::{FieldErrors, Problem};
use crate::store::{areas as area_rows, sites};

/// An imported area as the event log records it: the boundary by its hash, not in full.
#[derive(Serialize)]
pub(crate) struct AreaRecord<'a> {
    code: &'a str,
    name: &'a str,
    level: crate::domain::area::AreaLevel,
    parent: Option<&'a str>,
    valid_from: Option<chrono::NaiveDate>,
    valid_to: Option<chrono::NaiveDate>,
    approximate: bool,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    replaces: &'a [String],
    boundary_sha256: String,
}

impl<'a> From<&'a NewArea> for AreaRecord<'a> {
    fn from(area: &'a NewArea) -> Self {
        let boundary =
            geojson::Geometry::new(geojson::GeometryValue::from(&area.boundary)).to_string();
        AreaRecord {
            code: &area.code,
            name: &area.name,
            level: area.level,
            parent: area.parent.as_deref(),
            valid_from: area.valid_from,
            valid_to: area.valid_to,
            approximate: area.approximate,
            replaces: &area.replaces,
            boundary_sha256: crate::domain::secret::digest(&boundary),
        }
    }
}

#[derive(Serialize)]
struct AreasRecord<'a> {
    file_sha256: String,
    areas: Vec<AreaRecord<'a>>,
    ended: Vec<&'a str>,
    sites_moved: usize,
    sites_outside: usize,
}

/// A site the import placed in another area (or in none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteMove {
    /// The site.
    pub site: Uuid,
    /// Its name.
    pub name: String,
    /// The code of the area it was in.
    pub from: Option<String>,
    /// The code of the area it is in now; `None` when no boundary holds it.
    pub to: Option<String>,
}

/// What an areas import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreasImported {
    /// The import and how many areas it added or replaced.
    pub imported: Imported,
    /// The codes of the areas it ended.
    pub ended: Vec<String>,
    /// The sites it placed in another area, by name.
    pub moved: Vec<SiteMove>,
    /// The sites no area in force today holds after it (only an area that has ended, or
    /// none), by name.
    pub outside: Vec<(Uuid, String)>,
}

/// Imports areas from GeoJSON (all or none) and places every site again, as one change. An
/// area that names the areas it `replaces` ends them on its first day (`valid_from`); a
/// replaced area that is unknown or has ended already refuses the import, by row.
pub async fn areas(
    s: &Services,
    actor: &Actor,
    bytes: &[u8],
) -> Result<AreasImported, ImportError> {
    let file_sha256 = digest_bytes(bytes);
    let text = text_of(bytes).map_err(ImportError::Rejected)?;
    let rows = read_areas(text, &s.region).map_err(ImportError::Rejected)?;
    let (stored, shapes, placements) = {
        let mut conn = s.db.conn().await.map_err(Error::from)?;
        let stored = area_rows::all(&mut conn).await?;
        let shapes = area_rows::shapes(&mut conn).await?;
        (stored, shapes, sites::placements(&mut conn).await?)
    };
    let codes: HashMap<String, Uuid> = stored.iter().map(|a| (a.code.clone(), a.id)).collect();
    let resolved = resolve_parents(&rows, &codes).map_err(ImportError::Rejected)?;
    let ends = endings(&rows, &stored).map_err(ImportError::Rejected)?;
    // The boundaries as they will be: the file's replace the stored ones of the same code,
    // and the areas replaced end where their successors begin.
    let replaced: HashSet<Uuid> = resolved.iter().map(|(id, _)| *id).collect();
    let mut index_shapes: Vec<AreaShape> = shapes
        .into_iter()
        .filter(|s| !replaced.contains(&s.id))
        .map(|mut s| {
            if let Some((_, day)) = ends.iter().find(|(id, _)| *id == s.id) {
                s.valid_to = Some(*day);
            }
            s
        })
        .collect();
    index_shapes.extend(rows.iter().zip(&resolved).map(|(r, (id, _))| AreaShape {
        id: *id,
        level: r.value.level,
        valid_from: r.value.valid_from,
        valid_to: r.value.valid_to,
        boundary: r.value.boundary.clone(),
    }));
    let today = s.today();
    // Areas in force today: a site placed in none of them (only in an area that has ended,
    // or in no area at all) is reported as outside.
    let in_force: HashSet<Uuid> = index_shapes
        .iter()
        .filter(|s| s.valid_from.is_none_or(|d| d <= today) && s.valid_to.is_none_or(|d| d > today))
        .map(|s| s.id)
        .collect();
    let placed = super::blocking(move || {
        let index = AreaIndex::new(index_shapes);
        placements
            .into_iter()
            .map(|(id, point, current)| (id, current, index.locate(point, today)))
            .collect::<Vec<_>>()
    })
    .await?;
    let mut moves: HashMap<Option<Uuid>, Vec<Uuid>> = HashMap::new();
    for (id, current, found) in &placed {
        if found != current {
            moves.entry(*found).or_default().push(*id);
        }
    }

    let mut tx = s.begin().await?;
    // Parents first, so a file may list children before their parents.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|i| rows[*i].value.level.depth());
    for i in order {
        let (id, parent) = resolved[i];
        area_rows::upsert(&mut tx, id, &rows[i].value, parent).await?;
    }
    for (id, day) in &ends {
        area_rows::end(&mut tx, *id, *day).await?;
    }
    for (area, ids) in &moves {
        sites::set_area(&mut tx, ids, *area).await?;
    }
    let ended: Vec<&str> = rows
        .iter()
        .flat_map(|r| r.value.replaces.iter().map(String::as_str))
        .collect();
    let outside: Vec<Uuid> = placed
        .iter()
        .filter(|(_, _, found)| found.is_none_or(|area| !in_force.contains(&area)))
        .map(|(id, _, _)| *id)
        .collect();
    let import_id = Uuid::now_v7();
    let record = AreasRecord {
        file_sha256,
        areas: rows.iter().map(|r| AreaRecord::from(&r.value)).collect(),
        ended: ended.clone(),
        sites_moved: moves.values().map(Vec::len).sum(),
        sites_outside: outside.len(),
    };
    let change = Change::new(actor, "areas.import", "import", import_id).after(record);
    s.log(&mut tx, change).await?;
    tx.commit().await?;

    // The report, by name and code, read once the import is in.
    let mut conn = s.db.conn().await.map_err(Error::from)?;
    let mut listed: Vec<Uuid> = moves.values().flatten().copied().collect();
    listed.extend(&outside);
    let names: HashMap<Uuid, String> = sites::names(&mut conn, &listed)
        .await?
        .into_iter()
        .collect();
    let code_of = |id: &Option<Uuid>| -> Option<String> {
        let id = (*id)?;
        stored
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.code.clone())
            .or_else(|| {
                rows.iter()
                    .zip(&resolved)
                    .find(|(_, (rid, _))| *rid == id)
                    .map(|(r, _)| r.value.code.clone())
            })
    };
    let name_of = |id: &Uuid| names.get(id).cloned().unwrap_or_default();
    let mut moved: Vec<SiteMove> = placed
        .iter()
        .filter(|(_, current, found)| found != current)
        .map(|(id, current, found)| SiteMove {
            site: *id,
            name: name_of(id),
            from: code_of(current),
            to: code_of(found),
        })
        .collect();
    moved.sort_by(|a, b| a.name.cmp(&b.name));
    let mut outside: Vec<(Uuid, String)> = outside.iter().map(|id| (*id, name_of(id))).collect();
    outside.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(AreasImported {
        imported: Imported {
            id: import_id,
            count: rows.len(),
        },
        ended: ended.into_iter().map(str::to_owned).collect(),
        moved,
        outside,
    })
}

/// The areas the file's areas replace, each with the day it ends (its successor's first
/// day). A replaced area must be stored and not ended already; a successor must say when it
/// begins. Every problem is reported by row.
fn endings(
    rows: &[Row<NewArea>],
    stored: &[Area],
) -> Result<Vec<(Uuid, chrono::NaiveDate)>, ImportReport> {
    let mut report = ImportReport::default();
    let mut ends = Vec::new();
    for row in rows.iter().filter(|r| !r.value.replaces.is_empty()) {
        let mut errors = FieldErrors::default();
        let Some(day) = row.value.valid_from else {
            errors.add("valid_from", Problem::Required);
            report.rows.push(RowError {
                row: row.number,
                errors,
            });
            continue;
        };
        for code in &row.value.replaces {
            match stored.iter().find(|a| &a.code == code) {
                None => errors.add(
                    "replaces",
                    Problem::Unknown {
                        given: code.clone(),
                    },
                ),
                Some(area) => match area.valid_to {
                    // The same ending again (the file imported twice) changes nothing.
                    Some(ended) if ended == day => ends.push((area.id, day)),
                    Some(ended) => errors.add(
                        "replaces",
                        Problem::AreaEnded {
                            code: code.clone(),
                            on: ended.to_string(),
                        },
                    ),
                    None => ends.push((area.id, day)),
                },
            }
        }
        if !errors.is_empty() {
            report.rows.push(RowError {
                row: row.number,
                errors,
            });
        }
    }
    report.or_ok(ends)
}
/// The areas of a file with the ids they will have (a stored code keeps its id) and their
/// parents' ids; a parent neither in the file nor stored is reported by row.
fn resolve_parents(
    rows: &[Row<NewArea>],
    stored: &HashMap<String, Uuid>,
) -> Result<Vec<(Uuid, Option<Uuid>)>, ImportReport> {
    let ids: HashMap<&str, Uuid> = rows
        .iter()
        .map(|r| {
            let id = stored
                .get(&r.value.code)
                .copied()
                .unwrap_or_else(Uuid::now_v7);
            (r.value.code.as_str(), id)
        })
        .collect();
    let mut report = ImportReport::default();
    let mut resolved = Vec::with_capacity(rows.len());
    for row in rows {
        let parent = match &row.value.parent {
            None => None,
            Some(code) => match ids.get(code.as_str()).or_else(|| stored.get(code)) {
                Some(id) => Some(*id),
                None => {
                    report.rows.push(RowError {
                        row: row.number,
                        errors: FieldErrors::single(
                            "parent",
                            Problem::Unknown {
                                given: code.clone(),
                            },
                        ),
                    });
                    None
                }
            },
        };
        resolved.push((ids[row.value.code.as_str()], parent));
    }
    report.or_ok(resolved)
}
