//! `/api/v1/public/...`: what anyone may read without an account. These responses never
//! carry a staff name, an original photo, EXIF facts or a photo's position.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::app::public::{self, PublicPhoto, PublicSite};
use crate::domain::checklist::{Feature, Severity, Unit};
use crate::domain::lang::Bilingual;
use crate::domain::site::level::{FeatureState, Level};
use crate::domain::site::public::PublicBarrier;
use crate::domain::site::{SiteKind, Subtype};
use crate::http::{ApiError, AppState, PathId};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/public/sites/{id}", get(site))
        .route_layer(axum::middleware::from_fn(super::cache::public))
}

/// How one feature group of a site stands.
#[derive(Debug, Serialize)]
pub struct FeatureJson {
    feature: Feature,
    state: FeatureState,
}

/// A barrier that stands, as the public reads it.
#[derive(Debug, Serialize)]
pub struct BarrierJson {
    item: String,
    text: Bilingual,
    /// What stands in the way, in words ("The entrance has a threshold"); absent for
    /// checklist versions stored before items had it.
    barrier: Option<Bilingual>,
    severity: Severity,
    feature: Feature,
    value: Option<f64>,
    unit: Option<Unit>,
    /// Where its fix stands (never who works on it).
    state: crate::domain::finding::FindingState,
    /// The day the fix is planned for, once planned.
    planned_for: Option<NaiveDate>,
    /// Open and past its planned day.
    overdue: bool,
    /// Why it will not be fixed, for `wont_fix`.
    reason: Option<String>,
}

/// A measured fact, as the public reads it.
#[derive(Debug, Serialize)]
pub struct MeasuredJson {
    item: String,
    text: Bilingual,
    feature: Feature,
    value: f64,
    unit: Unit,
    passes: bool,
}

/// A display photo, as the public reads it.
#[derive(Debug, Serialize)]
pub struct PublicPhotoJson {
    id: Uuid,
    display_url: String,
    thumb_url: String,
    width: u32,
    height: u32,
    shows: Option<Bilingual>,
    feature: Option<Feature>,
}

impl PublicPhotoJson {
    fn new(p: &PublicPhoto, base: &str) -> Self {
        let files = format!("{base}/api/v1/public/photos/{}", p.photo.id);
        PublicPhotoJson {
            id: p.photo.id,
            display_url: format!("{files}/display"),
            thumb_url: format!("{files}/thumb"),
            width: p.photo.display.width,
            height: p.photo.display.height,
            shows: p.shows.clone(),
            feature: p.feature,
        }
    }
}

/// A site as the public reads it.
#[derive(Debug, Serialize)]
pub struct PublicSiteJson {
    id: Uuid,
    name: String,
    kind: SiteKind,
    subtype: Subtype,
    address: Option<String>,
    lat: f64,
    lon: f64,
    department: Bilingual,
    heritage: bool,
    level: Level,
    /// OpenStreetMap `wheelchair=*`; absent while the level is unknown.
    wheelchair: Option<&'static str>,
    features: Vec<FeatureJson>,
    /// The feature groups the place has none of (not checked, as every item of them was
    /// answered not applicable).
    none_here: Vec<Feature>,
    critical: u32,
    major: u32,
    minor: u32,
    score: Option<u32>,
    /// The day (in the province) of the latest approved audit.
    last_audit: Option<NaiveDate>,
    /// The organisations that took part in that audit besides its inspector (no names).
    participating_organisations: Vec<String>,
    barriers: Vec<BarrierJson>,
    /// What the latest full audit measured.
    measured: Vec<MeasuredJson>,
    photos: Vec<PublicPhotoJson>,
    url: String,
}

impl PublicSiteJson {
    /// The public facts of `p`, dated in `zone`, linked under `base`.
    pub fn new(p: &PublicSite, zone: chrono_tz::Tz, base: &str) -> Self {
        let today = p.today;
        let summary = p.summary.as_ref().map(|s| &s.summary);
        let level = summary.map_or(Level::Unknown, |s| s.level);
        PublicSiteJson {
            id: p.site.id,
            name: p.site.name.clone(),
            kind: p.site.kind,
            subtype: p.site.subtype,
            address: p.site.address.clone(),
            lat: p.site.location.lat(),
            lon: p.site.location.lon(),
            department: p.site.department.name.clone(),
            heritage: p.site.heritage,
            level,
            wheelchair: level.osm_wheelchair(),
            features: summary
                .map(|s| {
                    s.features
                        .iter()
                        .map(|(feature, state)| FeatureJson {
                            feature: *feature,
                            state: *state,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            none_here: p.features.none_here.clone(),
            critical: summary.map_or(0, |s| s.critical),
            major: summary.map_or(0, |s| s.major),
            minor: summary.map_or(0, |s| s.minor),
            score: summary.map(|s| s.score),
            participating_organisations: p.organisations.clone(),
            last_audit: p
                .last_full_audit
                .or(p.summary.as_ref().map(|s| s.approved_at))
                .map(|at| at.with_timezone(&zone).date_naive()),
            barriers: p
                .barriers
                .iter()
                .map(|PublicBarrier { finding: b, item }| BarrierJson {
                    item: b.item.clone(),
                    text: b.text.clone(),
                    barrier: item.as_ref().and_then(|i| i.barrier.clone()),
                    severity: b.severity,
                    feature: b.feature,
                    value: b.value,
                    unit: b.unit,
                    state: b.state,
                    planned_for: b.due_date.filter(|_| {
                        matches!(
                            b.state,
                            crate::domain::finding::FindingState::Planned
                                | crate::domain::finding::FindingState::InProgress
                        )
                    }),
                    overdue: b.overdue(today),
                    reason: b
                        .reason
                        .clone()
                        .filter(|_| b.state == crate::domain::finding::FindingState::WontFix),
                })
                .collect(),
            measured: p
                .measured
                .iter()
                .map(|m| MeasuredJson {
                    item: m.item.clone(),
                    text: m.text.clone(),
                    feature: m.feature,
                    value: m.value,
                    unit: m.unit,
                    passes: m.passes,
                })
                .collect(),
            photos: p
                .photos
                .iter()
                .map(|ph| PublicPhotoJson::new(ph, base))
                .collect(),
            url: format!("{base}/sites/{}", p.site.id),
        }
    }
}

async fn site(
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<PublicSiteJson>, ApiError> {
    let site = public::site(&state.services, id).await?;
    Ok(Json(PublicSiteJson::new(
        &site,
        state.services.zone,
        &state.settings.base_url,
    )))
}
