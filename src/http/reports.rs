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
use crate::domain::report::{Figures, Report};
use crate::domain::validation::{FieldErrors, Problem};
use crate::http::auth::{Auth, SignedIn};
use crate::http::error::HtmlError;
use crate::http::{ApiError, ApiQuery, AppState};
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

/// The formats a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Html,
    Csv,
    Xlsx,
}

impl Format {
    /// Reads `format`; none is JSON.
    pub fn parse(given: Option<&str>) -> Result<Format, Problem> {
        match given.map(str::trim).unwrap_or("json") {
            "" | "json" => Ok(Format::Json),
            "html" => Ok(Format::Html),
            "csv" => Ok(Format::Csv),
            "xlsx" => Ok(Format::Xlsx),
            other => Err(Problem::NotOneOf {
                given: other.to_owned(),
                allowed: ["json", "html", "csv", "xlsx"].map(str::to_owned).to_vec(),
            }),
        }
    }

    /// The file name's ending.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Html => "text/html; charset=utf-8",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// Everything needed to write a report out in any format.
pub struct Written {
    pub report: Report,
    pub lang: crate::domain::lang::Lang,
    pub letterhead: views::reports::Letterhead,
    pub generated: chrono::DateTime<chrono::Utc>,
    pub zone: chrono_tz::Tz,
}

impl Written {
    /// [`Written::bytes`] on a blocking thread: charts and workbooks are CPU work.
    pub async fn render(self, format: Format) -> Result<(Report, Vec<u8>), Error> {
        tokio::task::spawn_blocking(move || {
            let bytes = self.bytes(format)?;
            Ok((self.report, bytes))
        })
        .await
        .map_err(|e| Error::Internal(e.into()))?
    }

    /// The report's bytes in `format`; the same for the API and the command line.
    pub fn bytes(&self, format: Format) -> Result<Vec<u8>, Error> {
        let lang = self.lang;
        Ok(match format {
            Format::Json => {
                serde_json::to_vec_pretty(&ReportJson::new(&self.report, self.generated, self.lang))
                    .map_err(|e| Error::Internal(e.into()))?
            }
            Format::Html => views::reports::document(
                &self.report,
                lang,
                &self.letterhead,
                self.generated,
                self.zone,
            )
            .into_string()
            .into_bytes(),
            Format::Csv => views::reports::csv::write(
                &views::reports::heading(&self.report, lang),
                &views::reports::tables::tables(&self.report, lang),
            ),
            Format::Xlsx => views::reports::xlsx::write(
                &views::reports::heading(&self.report, lang),
                &views::reports::tables::tables(&self.report, lang),
            )
            .map_err(|e| Error::Internal(e.into()))?,
        })
    }
}

/// `bao-cao-2025-07-01-2025-12-31.csv`.
pub fn file_name(report: &Report, format: Format) -> String {
    format!(
        "bao-cao-{}-{}.{}",
        report.period.from,
        report.period.to,
        format.extension()
    )
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
    let (report, bytes) = written.render(format).await?;
    let mut response = (
        [(
            CONTENT_TYPE,
            HeaderValue::from_static(format.content_type()),
        )],
        bytes,
    )
        .into_response();
    if matches!(format, Format::Csv | Format::Xlsx) {
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

/// The report as JSON: every figure of every table, numbers as numbers.
#[derive(Serialize)]
pub struct ReportJson {
    period: PeriodJson,
    previous: PeriodJson,
    /// The day the end-of-period figures are counted on (today, for a period not ended).
    as_of: chrono::NaiveDate,
    department: Option<String>,
    area: Option<String>,
    empty: bool,
    generated_at: String,
    total: FiguresJson,
    total_previous: FiguresJson,
    by_department: Vec<GroupJson>,
    by_area: Vec<GroupJson>,
    by_kind: Vec<GroupJson>,
    fix_times: Vec<FixTimesJson>,
    deadlines: Vec<DeadlineJson>,
}

#[derive(Serialize)]
struct PeriodJson {
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    days: i64,
}

#[derive(Serialize)]
struct FiguresJson {
    registered: u64,
    registered_in_period: u64,
    audited: u64,
    audited_in_period: u64,
    coverage: Option<f64>,
    median_age_days: Option<f64>,
    accessible: u64,
    partly: u64,
    not_accessible: u64,
    not_audited: u64,
    opened: u64,
    fixed: u64,
    verified: u64,
    wont_fix: u64,
    open_at_end: u64,
    overdue_at_end: u64,
}

#[derive(Serialize)]
struct GroupJson {
    /// Department or area code, or the kind; none for sites outside every area.
    code: Option<String>,
    name: Option<String>,
    #[serde(flatten)]
    figures: FiguresJson,
}

#[derive(Serialize)]
struct FixTimesJson {
    severity: &'static str,
    fixed: u64,
    median_days: Option<f64>,
    fixed_previous: u64,
    median_days_previous: Option<f64>,
}

#[derive(Serialize)]
struct DeadlineJson {
    deadline: chrono::NaiveDate,
    passed: bool,
    sites: u64,
    accessible: u64,
    partly: u64,
    not_accessible: u64,
    not_audited: u64,
    not_yet_accessible: u64,
}

impl FiguresJson {
    fn of(f: &Figures) -> FiguresJson {
        FiguresJson {
            registered: f.registered,
            registered_in_period: f.registered_in_period,
            audited: f.audited,
            audited_in_period: f.audited_in_period,
            coverage: f.coverage,
            median_age_days: f.median_age_days,
            accessible: f.levels.accessible,
            partly: f.levels.partly,
            not_accessible: f.levels.not_accessible,
            not_audited: f.levels.unknown,
            opened: f.opened,
            fixed: f.fixed,
            verified: f.verified,
            wont_fix: f.wont_fix,
            open_at_end: f.open_at_end,
            overdue_at_end: f.overdue_at_end,
        }
    }
}

impl PeriodJson {
    fn of(p: &crate::domain::report::Period) -> PeriodJson {
        PeriodJson {
            from: p.from,
            to: p.to,
            days: p.days(),
        }
    }
}

impl ReportJson {
    /// The JSON of `r`, made at `generated`, with names in `lang`.
    pub fn new(
        r: &Report,
        generated: chrono::DateTime<chrono::Utc>,
        lang: crate::domain::lang::Lang,
    ) -> ReportJson {
        ReportJson {
            period: PeriodJson::of(&r.period),
            previous: PeriodJson::of(&r.previous),
            as_of: r.as_of,
            department: r.scope.department.as_ref().map(|d| d.code.clone()),
            area: r.scope.area.as_ref().map(|a| a.code.clone()),
            empty: r.is_empty(),
            generated_at: views::export::stamp(generated),
            total: FiguresJson::of(&r.total),
            total_previous: FiguresJson::of(&r.total_previous),
            by_department: r
                .by_department
                .iter()
                .map(|row| GroupJson {
                    code: Some(row.key.code.clone()),
                    name: Some(row.key.name.get(lang).to_owned()),
                    figures: FiguresJson::of(&row.figures),
                })
                .collect(),
            by_area: r
                .by_area
                .iter()
                .map(|row| GroupJson {
                    code: row.key.as_ref().map(|a| a.code.clone()),
                    name: row.key.as_ref().map(|a| a.name.get(lang).to_owned()),
                    figures: FiguresJson::of(&row.figures),
                })
                .collect(),
            by_kind: r
                .by_kind
                .iter()
                .map(|row| GroupJson {
                    code: Some(row.key.as_str().to_owned()),
                    name: Some(views::kind_label(row.key).get(lang).to_owned()),
                    figures: FiguresJson::of(&row.figures),
                })
                .collect(),
            fix_times: r
                .fix_times
                .iter()
                .map(|f| FixTimesJson {
                    severity: f.severity.as_str(),
                    fixed: f.fixed,
                    median_days: f.median_days,
                    fixed_previous: f.fixed_previous,
                    median_days_previous: f.median_days_previous,
                })
                .collect(),
            deadlines: r
                .deadlines
                .iter()
                .map(|d| DeadlineJson {
                    deadline: d.deadline,
                    passed: d.passed,
                    sites: d.sites,
                    accessible: d.levels.accessible,
                    partly: d.levels.partly,
                    not_accessible: d.levels.not_accessible,
                    not_audited: d.levels.unknown,
                    not_yet_accessible: d.levels.not_yet_accessible(),
                })
                .collect(),
        }
    }
}
