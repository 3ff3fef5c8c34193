//! `GET /api/v1/reports?from=&to=&department=&area=&format=json|html|csv|xlsx` and the staff
//! page `/reports`: one computed report, written in the format asked for.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};

use crate::app::Error;
use crate::app::reports::{self, ReportInput};
use crate::domain::report::Usual;
use crate::domain::validation::FieldErrors;
use crate::http::auth::{Auth, SignedIn};
use crate::http::error::HtmlError;
use crate::http::{ApiError, ApiQuery, AppState};
use crate::views::reports::{Format, Written, file_name};
use crate::views::{self, Ctx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/reports", get(api))
        .route("/reports", get(page))
}

/// The query as sent.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct ReportQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    pub department: Option<String>,
    pub area: Option<String>,
    pub format: Option<String>,
}

impl ReportQuery {
    fn input(&self) -> ReportInput {
        ReportInput {
            from: self.from.clone(),
            to: self.to.clone(),
            department: self.department.clone(),
            area: self.area.clone(),
        }
    }
}

async fn api(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> Result<Response, ApiError> {
    let actor = auth.actor()?;
    // Whoever may have no report is told so before anything about the query.
    reports::reaches_everywhere(&actor)?;
    let format = Format::parse(query.format.as_deref())
        .map_err(|p| Error::Invalid(FieldErrors::single("format", p)))?;
    let s = &state.services;
    let report = reports::report(s, &actor, &query.input()).await?;
    let written = Written {
        report,
        lang: ctx.lang,
        letterhead: state.settings.letterhead.clone(),
        generated: s.now(),
        zone: s.zone,
    };
    let (report, bytes) = written.render(format).await.map_err(Error::Internal)?;
    let mut response = (
        [(
            CONTENT_TYPE,
            HeaderValue::from_static(format.content_type()),
        )],
        bytes,
    )
        .into_response();
    if format.is_download() {
        let disposition = format!("attachment; filename=\"{}\"", file_name(&report, format));
        if let Ok(value) = HeaderValue::from_str(&disposition) {
            response.headers_mut().insert(CONTENT_DISPOSITION, value);
        }
    }
    Ok(response)
}

/// `/reports`: the form, and the report once a period is chosen.
async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Query(query): Query<ReportQuery>,
) -> Result<Response, HtmlError> {
    let actor = who.actor();
    let s = &state.services;
    let everywhere = reports::reaches_everywhere(&actor)?;
    let own = actor.department();
    let mut conn = s.db.conn().await?;
    let departments: Vec<(String, String)> = crate::store::departments::all(&mut conn)
        .await?
        .into_iter()
        .filter(|d| everywhere || Some(d.id) == own)
        .map(|d| (d.code, d.name.get(ctx.lang).to_owned()))
        .collect();
    let areas: Vec<(String, String)> = crate::store::areas::all(&mut conn)
        .await?
        .into_iter()
        .map(|a| (a.code.clone(), format!("{} ({})", a.name, a.code)))
        .collect();
    drop(conn);
    let asked = query.from.is_some() || query.to.is_some();
    let (report, errors) = if asked {
        match reports::report(s, &actor, &query.input()).await {
            Ok(report) => (Some(report), FieldErrors::default()),
            Err(Error::Invalid(errors)) => (None, errors),
            Err(e) => return Err(e.into()),
        }
    } else {
        (None, FieldErrors::default())
    };
    // The usual periods as links that fill the form and compile at once: no script needed.
    let usual = Usual::ALL
        .map(|usual| {
            let period = usual.on(s.today());
            let q = ReportQuery {
                from: Some(period.from.to_string()),
                to: Some(period.to.to_string()),
                format: None,
                ..query.clone()
            };
            let href = format!(
                "/reports?{}",
                serde_urlencoded::to_string(&q).unwrap_or_default()
            );
            (usual, period, href)
        })
        .to_vec();
    let link = |format: &str| {
        let q = ReportQuery {
            format: Some(format.to_owned()),
            ..query.clone()
        };
        format!(
            "/api/v1/reports?{}&lang={}",
            serde_urlencoded::to_string(&q).unwrap_or_default(),
            ctx.lang.code()
        )
    };
    let view = views::reports::page::ReportPage {
        from: query.from.clone().unwrap_or_default(),
        to: query.to.clone().unwrap_or_default(),
        department: query.department.clone().unwrap_or_default(),
        area: query.area.clone().unwrap_or_default(),
        departments: &departments,
        areas: &areas,
        usual,
        everywhere,
        errors: &errors,
        report: report.as_ref(),
        links: ["html", "csv", "xlsx", "json"]
            .map(|f| (f, link(f)))
            .to_vec(),
        letterhead: &state.settings.letterhead,
        generated: s.now(),
    };
    let status = if errors.0.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, views::reports::page::page(&ctx, &view)).into_response())
}
