//! The public map's data: sites with their level and what works, for anyone.

use super::{Error, Services};
use crate::domain::site::public::{MapFilter, MapSite};
use crate::store::map;

/// The sites matching `filter` (paged by id; the caller caps the limit).
pub async fn sites(s: &Services, filter: &MapFilter) -> Result<Vec<MapSite>, Error> {
    Ok(map::sites(&mut s.db.conn().await?, filter).await?)
}

/// Site `id` as the map shows it.
pub async fn site(s: &Services, id: uuid::Uuid) -> Result<MapSite, Error> {
    map::site(&mut s.db.conn().await?, id)
        .await?
        .ok_or(Error::NotFound)
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
