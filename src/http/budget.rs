//! Each department's estimate for a budget year: `/budget?year=` and
//! `/api/v1/budget?year=` (next year when none is named).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::auth::{Auth, SignedIn};
use super::{ApiError, AppState, HtmlError};
use crate::app::Error;
use crate::domain::budget::Budget;
use crate::i18n::Msg;
use crate::views::{self, Ctx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/budget", get(budget_page))
        .route("/api/v1/budget", get(budget_api))
}

#[derive(Deserialize)]
struct YearQuery {
    year: Option<String>,
}

/// One department's line as the API gives it.
#[derive(Serialize)]
struct BudgetLineJson {
    department: String,
    name: String,
    planned: u64,
    estimated_findings: u64,
    /// In đồng.
    estimated: u64,
    /// Open or reopened findings with no plan yet.
    unplanned: u64,
}

#[derive(Serialize)]
struct BudgetJson {
    budget_year: i32,
    departments: Vec<BudgetLineJson>,
    total: BudgetLineJson,
}

impl BudgetJson {
    fn of(b: &Budget, ctx: &Ctx) -> Self {
        let (planned, estimated_findings, estimated, unplanned) = b.total();
        BudgetJson {
            budget_year: b.year,
            departments: b
                .lines
                .iter()
                .map(|l| BudgetLineJson {
                    department: l.department.code.clone(),
                    name: l.department.name.get(ctx.lang).to_owned(),
                    planned: l.planned,
                    estimated_findings: l.estimated_findings,
                    estimated: l.estimated,
                    unplanned: l.unplanned,
                })
                .collect(),
            total: BudgetLineJson {
                department: String::new(),
                name: ctx.t(Msg::ReportBarriersTotal).to_owned(),
                planned,
                estimated_findings,
                estimated,
                unplanned,
            },
        }
    }
}

async fn budget_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Query(query): Query<YearQuery>,
) -> Result<Response, HtmlError> {
    let typed = query.year.clone().unwrap_or_default();
    match crate::app::budget::budget(&state.services, &who.actor(), query.year.as_deref()).await {
        Ok(budget) => {
            let typed = if typed.trim().is_empty() {
                budget.year.to_string()
            } else {
                typed
            };
            Ok(views::budget::page(&ctx, &typed, Some(&budget), None).into_response())
        }
        Err(Error::Invalid(errors)) => {
            let page = views::budget::page(&ctx, &typed, None, Some(&errors));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn budget_api(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: Auth,
    Query(query): Query<YearQuery>,
) -> Result<Json<BudgetJson>, ApiError> {
    let budget =
        crate::app::budget::budget(&state.services, &auth.actor()?, query.year.as_deref()).await?;
    Ok(Json(BudgetJson::of(&budget, &ctx)))
}
