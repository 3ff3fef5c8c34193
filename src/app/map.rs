//! The public map's data: sites with their level and what works, for anyone.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Error, Services};
use crate::domain::geo::NearSearch;
use crate::domain::site::public::{MapFilter, MapSite};
use crate::store::map;

/// The sites matching `filter` (paged by id; the caller caps the limit).
pub async fn sites(s: &Services, filter: &MapFilter) -> Result<Vec<MapSite>, Error> {
    Ok(map::sites(&mut s.db.conn().await?, filter).await?)
}

/// How many sites match `filter` (paging aside), counted up to `cap`.
pub async fn count_up_to(s: &Services, filter: &MapFilter, cap: u32) -> Result<u64, Error> {
    Ok(map::count_up_to(&mut s.db.conn().await?, filter, cap).await?)
}

/// Site `id` as the map shows it.
pub async fn site(s: &Services, id: uuid::Uuid) -> Result<MapSite, Error> {
    map::site(&mut s.db.conn().await?, id)
        .await?
        .ok_or(Error::NotFound)
}

/// The `limit` sites matching `filter`'s kind, level, feature and area nearest to `from`,
/// nearest first, each with its distance in metres.
pub async fn nearest(
    s: &Services,
    filter: &MapFilter,
    from: crate::domain::geo::Coordinates,
    limit: u32,
) -> Result<Vec<(MapSite, f64)>, Error> {
    let mut conn = s.db.conn().await?;
    let mut search = NearSearch::new(from, limit);
    while let Some(bbox) = search.next_box() {
        let inside = MapFilter {
            bbox: Some(bbox),
            after: None,
            limit,
            nearest_to: Some(from),
            ..filter.clone()
        };
        let read = map::sites(&mut conn, &inside).await?;
        if let Some(found) = search.keep(read, |site| site.location) {
            return Ok(found);
        }
    }
    Ok(Vec::new())
}

/// Areas meeting `bbox`, in id order after `after`, with their boundaries.
pub async fn areas(
    s: &Services,
    bbox: Option<crate::domain::geo::Bbox>,
    after: Option<uuid::Uuid>,
    limit: u32,
) -> Result<Vec<(crate::domain::area::Area, geojson::Geometry)>, Error> {
    Ok(
        crate::store::areas::page_with_boundaries(&mut s.db.conn().await?, bbox, after, limit)
            .await?,
    )
}

/// Area `id` with its boundary.
pub async fn area(
    s: &Services,
    id: uuid::Uuid,
) -> Result<(crate::domain::area::Area, geojson::Geometry), Error> {
    crate::store::areas::with_boundary_by_id(&mut s.db.conn().await?, id)
        .await?
        .ok_or(Error::NotFound)
}

/// The smallest areas with their boundaries and the open findings of each, for the
/// map's shading.
pub async fn open_findings_by_area(
    s: &Services,
) -> Result<Vec<(crate::domain::area::Area, geojson::Geometry, u64)>, Error> {
    let rows =
        crate::store::areas::open_findings_of_smallest(&mut s.db.conn().await?, s.today()).await?;
    Ok(rows
        .into_iter()
        .map(|(area, geometry, n)| (area, geometry, u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// The public facts of area `id`.
pub async fn area_facts(
    s: &Services,
    id: uuid::Uuid,
) -> Result<crate::domain::area::AreaFacts, Error> {
    use crate::domain::checklist::Severity;
    use crate::domain::site::level::Level;
    use crate::store::areas;
    let mut conn = s.db.conn().await?;
    let area = areas::by_id(&mut conn, id).await?.ok_or(Error::NotFound)?;
    let parent = match area.parent_id {
        Some(p) => areas::by_id(&mut conn, p).await?,
        None => None,
    };
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    let mut by_level: Vec<(Level, u64)> = Level::ALL.iter().map(|l| (*l, 0)).collect();
    let (mut registered, mut audited, mut between) = (0, 0, None);
    for (level, n, oldest, newest) in areas::site_levels(&mut conn, id).await? {
        let level = match level.as_deref() {
            Some(text) => Level::parse(text).map_err(|p| anyhow::anyhow!("level {p:?}"))?,
            None => Level::Unknown,
        };
        registered += count(n);
        if level != Level::Unknown {
            audited += count(n);
        }
        if let Some(slot) = by_level.iter_mut().find(|(l, _)| *l == level) {
            slot.1 += count(n);
        }
        if let (Some(oldest), Some(newest)) = (oldest, newest) {
            between = Some(match between {
                None => (oldest, newest),
                Some((o, n)) => (std::cmp::min(o, oldest), std::cmp::max(n, newest)),
            });
        }
    }
    let mut open_by_severity: Vec<(Severity, u64)> =
        Severity::ALL.iter().map(|v| (*v, 0)).collect();
    for (severity, n) in areas::open_findings(&mut conn, id).await? {
        if let Some(slot) = open_by_severity
            .iter_mut()
            .find(|(v, _)| v.as_str() == severity)
        {
            slot.1 = count(n);
        }
    }
    let mut below = Vec::new();
    for child in areas::children(&mut conn, id).await? {
        let rows = areas::site_levels(&mut conn, child.id).await?;
        let registered: u64 = rows.iter().map(|r| count(r.1)).sum();
        let audited: u64 = rows
            .iter()
            .filter(|r| r.0.is_some())
            .map(|r| count(r.1))
            .sum();
        below.push((child, registered, audited));
    }
    Ok(crate::domain::area::AreaFacts {
        area,
        parent,
        registered,
        audited,
        by_level,
        audits_between: between,
        open_by_severity,
        below,
    })
}

/// Pixel radius of a cluster cell.
pub const CLUSTER_RADIUS: f64 = 60.0;
/// Above this zoom every site stands alone.
pub const CLUSTER_MAX_ZOOM: u8 = 16;
/// Filter combinations whose index is kept at once.
const CLUSTER_KEPT: usize = 16;

/// A cluster index with the names of its sites, for the single sites a viewport shows.
#[derive(Debug)]
struct Built {
    index: crate::domain::cluster::ClusterIndex,
    names: HashMap<uuid::Uuid, String>,
}

/// The cluster indexes, one per filter combination asked for, each stamped with the event
/// log's position it was built at: a request that finds the log moved on (a change on this
/// instance or another) builds it again, so every instance stays in step with the database.
#[derive(Debug, Default)]
pub struct ClusterCache {
    built: tokio::sync::Mutex<HashMap<String, (i64, Arc<Built>)>>,
}

/// What a viewport shows: clusters and single sites, each single site with its name.
#[derive(Debug)]
pub struct Viewport {
    /// Clusters and single sites.
    pub items: Vec<crate::domain::cluster::Item>,
    built: Arc<Built>,
}

impl Viewport {
    /// The name of site `id` of this viewport.
    pub fn name(&self, id: uuid::Uuid) -> &str {
        self.built.names.get(&id).map_or("", String::as_str)
    }
}

/// The clusters and single sites of `filter`'s kind, level, feature and area inside `bbox`
/// at `zoom`.
pub async fn clusters(
    s: &Services,
    filter: &MapFilter,
    bbox: crate::domain::geo::Bbox,
    zoom: u8,
) -> Result<Viewport, Error> {
    let key = format!(
        "{:?}|{:?}|{:?}|{:?}",
        filter.kind, filter.level, filter.feature, filter.area
    );
    let mut conn = s.db.conn().await?;
    let (version, _) = crate::store::events::head(&mut conn).await?;
    let mut built = s.clusters.built.lock().await;
    let index = match built.get(&key) {
        Some((at, index)) if *at == version => index.clone(),
        _ => {
            let sites = map::points(&mut conn, filter).await?;
            let points: Vec<_> = sites.iter().map(|(p, _)| *p).collect();
            let index = Arc::new(Built {
                index: crate::domain::cluster::ClusterIndex::build(
                    &points,
                    CLUSTER_RADIUS,
                    CLUSTER_MAX_ZOOM,
                ),
                names: sites.into_iter().map(|(p, name)| (p.id, name)).collect(),
            });
            if built.len() >= CLUSTER_KEPT {
                built.retain(|_, (at, _)| *at == version);
                if built.len() >= CLUSTER_KEPT {
                    built.clear();
                }
            }
            built.insert(key, (version, index.clone()));
            index
        }
    };
    drop(built);
    Ok(Viewport {
        items: index.index.query(bbox, zoom),
        built: index,
    })
}
