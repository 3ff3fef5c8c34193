//! The report as JSON: every figure of every group, numbers as numbers, under the keys of
//! [`Figure::key`].

use serde::Serialize;
use serde_json::{Map, Value as Json};

use crate::domain::lang::Lang;
use crate::domain::report::{
    BarrierFigure, BarrierFigures, BarrierReports, BarrierRow, CostFigures, Costs, Figure, Figures,
    Period, Report, Row, TargetProgress, Value,
};
use crate::i18n::Msg;
use crate::views::kind_label;

/// What `GET /api/v1/reports?format=json` answers.
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
    total: Map<String, Json>,
    total_previous: Map<String, Json>,
    by_department: Vec<GroupJson>,
    by_area: Vec<GroupJson>,
    by_kind: Vec<GroupJson>,
    fix_times: Vec<FixTimesJson>,
    deadlines: Vec<DeadlineJson>,
    barrier_reports: BarriersJson,
    costs: CostsJson,
    /// The province's targets of the period's years (a report of the whole province only).
    targets: Vec<TargetJson>,
}

/// A target and the figure held against it.
#[derive(Serialize)]
struct TargetJson {
    id: uuid::Uuid,
    year: i32,
    measure: &'static str,
    /// Null: every kind.
    site_kind: Option<&'static str>,
    /// The area's code; null: the whole province.
    area: Option<String>,
    /// From 0 to 1.
    share: f64,
    by_date: chrono::NaiveDate,
    programme: String,
    counted: u64,
    of: u64,
    /// `counted / of`; null when nothing is counted.
    actual: Option<f64>,
    /// The share a steady pace from the start of the year reaches on `as_of`.
    expected: f64,
    /// `reached`, `on_track`, `behind`, `missed` or `no_data`.
    standing: &'static str,
}

impl From<&TargetProgress> for TargetJson {
    fn from(p: &TargetProgress) -> Self {
        let t = &p.target;
        TargetJson {
            id: t.id,
            year: t.year,
            measure: t.measure.as_str(),
            site_kind: t.kind.map(|k| k.as_str()),
            area: t.area.as_ref().map(|a| a.code.clone()),
            share: t.share,
            by_date: t.by,
            programme: t.programme.clone(),
            counted: p.counted,
            of: p.of,
            actual: p.actual,
            expected: p.expected,
            standing: p.standing.as_str(),
        }
    }
}

/// What the fixes cost, in đồng: the estimates of the findings found by the last day (but
/// those given up), and the actual costs of those fixed by then.
#[derive(Serialize)]
struct CostsJson {
    total: CostJson,
    /// Every department of the report.
    by_department: Vec<CostGroupJson>,
    /// Each area with a cost, then (code null) those outside every known area.
    by_area: Vec<CostGroupJson>,
    /// Each kind of site with a cost.
    by_kind: Vec<CostGroupJson>,
    /// Each budget year with a cost, then (null) the findings without one.
    by_budget_year: Vec<CostYearJson>,
}

#[derive(Serialize)]
struct CostJson {
    estimated_findings: u64,
    estimated: u64,
    actual_findings: u64,
    actual: u64,
}

impl From<&CostFigures> for CostJson {
    fn from(f: &CostFigures) -> Self {
        CostJson {
            estimated_findings: f.estimated_findings,
            estimated: f.estimated,
            actual_findings: f.actual_findings,
            actual: f.actual,
        }
    }
}

#[derive(Serialize)]
struct CostGroupJson {
    code: Option<String>,
    name: Option<String>,
    #[serde(flatten)]
    figures: CostJson,
}

#[derive(Serialize)]
struct CostYearJson {
    budget_year: Option<i32>,
    #[serde(flatten)]
    figures: CostJson,
}

impl CostsJson {
    fn of(c: &Costs, lang: Lang) -> Self {
        let group = |code: Option<String>, name: Option<String>, f: &CostFigures| CostGroupJson {
            code,
            name,
            figures: f.into(),
        };
        CostsJson {
            total: (&c.total).into(),
            by_department: c
                .by_department
                .iter()
                .map(|r| {
                    let name = r.key.name.get(lang).to_owned();
                    group(Some(r.key.code.clone()), Some(name), &r.figures)
                })
                .collect(),
            by_area: c
                .by_area
                .iter()
                .map(|r| match &r.key {
                    Some(a) => group(Some(a.code.clone()), Some(a.name.vi.clone()), &r.figures),
                    None => group(None, None, &r.figures),
                })
                .collect(),
            by_kind: c
                .by_kind
                .iter()
                .map(|r| {
                    let name = kind_label(r.key).get(lang).to_owned();
                    group(Some(r.key.as_str().to_owned()), Some(name), &r.figures)
                })
                .collect(),
            by_budget_year: c
                .by_year
                .iter()
                .map(|r| CostYearJson {
                    budget_year: r.key,
                    figures: (&r.figures).into(),
                })
                .collect(),
        }
    }
}

/// The public's barrier reports received in the period, under the keys of
/// [`BarrierFigure::key`].
#[derive(Serialize)]
struct BarriersJson {
    /// The days departments are given to answer.
    answer_days: u64,
    total: Map<String, Json>,
    /// Each department, then (code null) the places in no registry, which the
    /// coordinators answer.
    by_department: Vec<BarrierGroupJson>,
    /// Each area that received one, then (code null) those outside every known area.
    by_area: Vec<BarrierGroupJson>,
}

#[derive(Serialize)]
struct BarrierGroupJson {
    code: Option<String>,
    name: String,
    #[serde(flatten)]
    figures: Map<String, Json>,
}

#[derive(Serialize)]
struct PeriodJson {
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    days: i64,
}

/// A department, area or kind: its figures for the period, and under `previous` the same
/// figures for the period before.
#[derive(Serialize)]
struct GroupJson {
    /// Department or area code, or the kind; none for sites outside every area.
    code: Option<String>,
    name: Option<String>,
    #[serde(flatten)]
    figures: Map<String, Json>,
    previous: Map<String, Json>,
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

/// Every figure of `f` by its key: counts as integers, shares and days as numbers or null.
fn figures(f: &Figures) -> Map<String, Json> {
    Figure::all()
        .into_iter()
        .map(|figure| {
            let value = match figure.of(f) {
                Value::Count(n) => Json::from(n),
                Value::Share(v) | Value::Days(v) => v.map_or(Json::Null, Json::from),
            };
            (figure.key(), value)
        })
        .collect()
}

fn group<K>(row: &Row<K>, code: Option<String>, name: Option<String>) -> GroupJson {
    GroupJson {
        code,
        name,
        figures: figures(&row.figures),
        previous: figures(&row.previous),
    }
}

/// Every barrier figure of `f` by its key.
fn barrier_figures(f: &BarrierFigures) -> Map<String, Json> {
    BarrierFigure::ALL
        .iter()
        .map(|figure| (figure.key().to_owned(), Json::from(figure.of(f))))
        .collect()
}

impl BarriersJson {
    fn of(b: &BarrierReports, lang: Lang) -> BarriersJson {
        let group = |row: &BarrierRow, none: Msg| BarrierGroupJson {
            code: row.key.as_ref().map(|k| k.code.clone()),
            name: row.key.as_ref().map_or_else(
                || none.get(lang).to_owned(),
                |k| k.name.get(lang).to_owned(),
            ),
            figures: barrier_figures(&row.figures),
        };
        BarriersJson {
            answer_days: b.answer_days,
            total: barrier_figures(&b.total),
            by_department: b
                .by_department
                .iter()
                .map(|row| group(row, Msg::ReportBarriersUnregistered))
                .collect(),
            by_area: b
                .by_area
                .iter()
                .map(|row| group(row, Msg::ReportNoArea))
                .collect(),
        }
    }
}

impl PeriodJson {
    fn of(p: &Period) -> PeriodJson {
        PeriodJson {
            from: p.from,
            to: p.to,
            days: p.days(),
        }
    }
}

impl ReportJson {
    /// The JSON of `r`, made at `generated`, with names in `lang`.
    pub fn new(r: &Report, generated: chrono::DateTime<chrono::Utc>, lang: Lang) -> ReportJson {
        ReportJson {
            period: PeriodJson::of(&r.period),
            previous: PeriodJson::of(&r.previous),
            as_of: r.as_of,
            department: r.scope.department.as_ref().map(|d| d.code.clone()),
            area: r.scope.area.as_ref().map(|a| a.code.clone()),
            empty: r.is_empty(),
            generated_at: crate::views::export::stamp(generated),
            total: figures(&r.total),
            total_previous: figures(&r.total_previous),
            by_department: r
                .by_department
                .iter()
                .map(|row| {
                    let d = &row.key;
                    group(row, Some(d.code.clone()), Some(d.name.get(lang).to_owned()))
                })
                .collect(),
            by_area: r
                .by_area
                .iter()
                .map(|row| {
                    let a = row.key.as_ref();
                    let name = a.map(|a| a.name.get(lang).to_owned());
                    group(row, a.map(|a| a.code.clone()), name)
                })
                .collect(),
            by_kind: r
                .by_kind
                .iter()
                .map(|row| {
                    let name = kind_label(row.key).get(lang).to_owned();
                    group(row, Some(row.key.as_str().to_owned()), Some(name))
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
            barrier_reports: BarriersJson::of(&r.barriers, lang),
            costs: CostsJson::of(&r.costs, lang),
            targets: r.targets.iter().map(TargetJson::from).collect(),
        }
    }
}
