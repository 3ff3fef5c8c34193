//! The public map's data: sites with their level and what works, for anyone.

use super::{Error, Services};
use crate::domain::site::public::{MapFilter, MapSite};
use crate::store::map;

/// The sites matching `filter` (paged by id; the caller caps the limit).
pub async fn sites(s: &Services, filter: &MapFilter) -> Result<Vec<MapSite>, Error> {
    Ok(map::sites(&mut s.db.conn().await?, filter).await?)
}
