//! `GET /api/v1/findings`: the barriers approved audits found, for staff.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::app::findings::{self, ListInput};
use crate::app::{Error, departments};
use crate::domain::checklist::{Feature, Severity, Unit};
use crate::domain::finding::{Finding, FindingState};
use crate::domain::lang::Bilingual;
use crate::domain::validation::FieldErrors;
use crate::http::auth::Auth;
use crate::http::departments::DepartmentRefJson;
use crate::http::paging::{self, PageJson, PageSize, param};
use crate::http::{ApiError, ApiQuery, AppState};

/// Page sizes of the finding list.
const PAGE: PageSize = PageSize {
    default: 100,
    max: 500,
};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/api/v1/findings", get(list))
}

/// A finding as staff read it.
#[derive(Debug, Serialize)]
pub struct FindingJson {
    id: Uuid,
    site_id: Uuid,
    site_name: String,
    audit_id: Uuid,
    item: String,
    text: Bilingual,
    clause: String,
    severity: Severity,
    feature: Feature,
    value: Option<f64>,
    unit: Option<Unit>,
    total: Option<u32>,
    provided: Option<u32>,
    department: DepartmentRefJson,
    state: FindingState,
    photos: Vec<Uuid>,
    created_at: DateTime<Utc>,
    version: i64,
}

impl From<&Finding> for FindingJson {
    fn from(f: &Finding) -> Self {
        FindingJson {
            id: f.id,
            site_id: f.site_id,
            site_name: f.site_name.clone(),
            audit_id: f.audit_id,
            item: f.item.clone(),
            text: f.text.clone(),
            clause: f.clause.clone(),
            severity: f.severity,
            feature: f.feature,
            value: f.value,
            unit: f.unit,
            total: f.total,
            provided: f.provided,
            department: DepartmentRefJson::from(&f.department),
            state: f.state,
            photos: f.photos.clone(),
            created_at: f.created_at,
            version: f.version,
        }
    }
}

/// The list query as sent; every field is checked and refused by name.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
struct ListQuery {
    site: Option<String>,
    department: Option<String>,
    state: Option<String>,
    audit: Option<String>,
    before: Option<String>,
    limit: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    auth: Auth,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Json<PageJson<FindingJson>>, ApiError> {
    let actor = auth.actor()?;
    let mut errors = FieldErrors::default();
    let site = paging::cursor::<Uuid>(&mut errors, "site", param(&query.site));
    let audit = paging::cursor::<Uuid>(&mut errors, "audit", param(&query.audit));
    let before = paging::cursor::<Uuid>(&mut errors, "before", param(&query.before));
    let finding_state =
        param(&query.state).and_then(|s| errors.take("state", FindingState::parse(s)));
    let limit = PAGE.read(&mut errors, param(&query.limit));
    if !errors.is_empty() {
        return Err(Error::Invalid(errors).into());
    }
    let department = match param(&query.department) {
        Some(code) => {
            let mut conn = state.services.db.conn().await?;
            Some(
                departments::resolve(&mut conn, "department", code)
                    .await?
                    .id,
            )
        }
        None => None,
    };
    let input = ListInput {
        site,
        department,
        state: finding_state,
        audit,
        before,
        limit,
    };
    let items = findings::list(&state.services, &actor, &input).await?;
    let next = paging::next_page(&items, limit, |last| ListQuery {
        before: Some(last.id.to_string()),
        ..query.clone()
    })
    .map(|q| format!("{}/api/v1/findings?{q}", state.settings.base_url));
    Ok(Json(PageJson {
        items: items.iter().map(FindingJson::from).collect(),
        next,
    }))
}
