//! The periodic report of the standing agency: what was registered, audited, found and
//! fixed in a period, by department, area and site kind, against the period before and the
//! legal deadlines. Computed once from [`Facts`]; every format is drawn from one [`Report`].

mod barriers;
mod compute;
mod costs;
mod figure;
pub mod period;
mod targets;

pub use barriers::{
    ANSWER_DAYS, BarrierFact, BarrierFigure, BarrierFigures, BarrierReports, BarrierRow, Counting,
    count as count_barriers,
};
pub use compute::compute;
pub use costs::{CostFigures, CostRow, Costs, count as count_costs};
pub use figure::{Figure, Value};
pub use period::{Period, Usual};
pub use targets::{Standing, TargetFact, TargetProgress, progress as hold_to_targets};

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::checklist::{Feature, Severity};
use crate::domain::finding::FindingState;
use crate::domain::lang::Bilingual;
use crate::domain::site::{SiteKind, Subtype};

/// A department or an area as the report names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// Id.
    pub id: Uuid,
    /// Code.
    pub code: String,
    /// Name (an area's name is the same in both languages).
    pub name: Bilingual,
}

/// One registered site as the report reads it; dates are the province's.
#[derive(Debug, Clone)]
pub struct SiteFact {
    /// Id.
    pub id: Uuid,
    /// Kind.
    pub kind: SiteKind,
    /// Subtype, which sets its legal deadline.
    pub subtype: Subtype,
    /// Responsible department.
    pub department: Uuid,
    /// The smallest area holding it.
    pub area: Option<Uuid>,
    /// The day it was registered.
    pub registered: NaiveDate,
    /// The days its full audits were approved (follow-ups are not audits of the whole site).
    pub approved: Vec<NaiveDate>,
}

/// One finding as the report reads it.
#[derive(Debug, Clone)]
pub struct FindingFact {
    /// The site.
    pub site: Uuid,
    /// Severity.
    pub severity: Severity,
    /// Feature group: an open critical barrier on the way in makes a site not accessible.
    pub feature: Feature,
    /// The day the approval that found it was given.
    pub found: NaiveDate,
    /// Its due date as it stands now.
    pub due: Option<NaiveDate>,
    /// Every step it took, with its day, oldest first.
    pub steps: Vec<(FindingState, NaiveDate)>,
    /// The budget year its plan names.
    pub budget_year: Option<i32>,
    /// Its plan's estimated cost, in đồng.
    pub estimated_cost: Option<u64>,
    /// What its fix cost, in đồng.
    pub actual_cost: Option<u64>,
}

/// What a report is computed from: the sites in its scope, their findings, and the names.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Sites in scope.
    pub sites: Vec<SiteFact>,
    /// Their findings.
    pub findings: Vec<FindingFact>,
    /// Departments to report on, each with a row even when it has no site.
    pub departments: Vec<Named>,
    /// Every area a site may name.
    pub areas: Vec<Named>,
    /// The public's barrier reports in scope.
    pub barriers: Vec<BarrierFact>,
}

/// Who issues the reports, as their letterhead says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letterhead {
    /// The province (`Lạng Sơn`).
    pub province: String,
    /// The issuing body.
    pub issuer: String,
    /// Who the report goes to, as its "Nơi nhận" line gives them; none: the body the
    /// province's plan names, the departments and the archive, in the report's language.
    pub recipients: Option<String>,
}

/// What the report is about besides its period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// One department only.
    pub department: Option<Named>,
    /// One area (with the areas inside it) only.
    pub area: Option<Named>,
}

/// Sites by level on the last day of a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Levels {
    /// No critical or major barrier stood.
    pub accessible: u64,
    /// Usable with barriers.
    pub partly: u64,
    /// A critical barrier on the way in.
    pub not_accessible: u64,
    /// Not audited yet.
    pub unknown: u64,
}

impl Levels {
    /// Every site that was not accessible: partly, not accessible, or never audited.
    pub fn not_yet_accessible(&self) -> u64 {
        self.partly + self.not_accessible + self.unknown
    }
}

/// The figures of one group (the whole scope, a department, an area, a kind) for a period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// Sites registered by the last day.
    pub registered: u64,
    /// Sites registered during the period.
    pub registered_in_period: u64,
    /// Sites with an approved audit by the last day.
    pub audited: u64,
    /// Sites with an audit approved during the period.
    pub audited_in_period: u64,
    /// `audited / registered`; none when nothing is registered.
    pub coverage: Option<f64>,
    /// Median days from the latest approved audit to the last day; none when none audited.
    pub median_age_days: Option<f64>,
    /// Levels on the last day.
    pub levels: Levels,
    /// Findings found during the period.
    pub opened: u64,
    /// Findings marked fixed during the period.
    pub fixed: u64,
    /// Findings verified by an audit during the period.
    pub verified: u64,
    /// Findings given up (`wont_fix`) during the period.
    pub wont_fix: u64,
    /// Findings open (open, planned, in progress, reopened) on the last day.
    pub open_at_end: u64,
    /// Of those, past their due date on the last day.
    pub overdue_at_end: u64,
    /// Fixes in the period and their median time, one per severity in the order of
    /// [`Severity::ALL`].
    pub fix_times: [FixTime; SEVERITIES],
    /// The levels on the last day of the sites registered by then, one per deadline of
    /// [`DEADLINES`].
    pub by_deadline: [Levels; 2],
}

/// How many severities there are.
pub const SEVERITIES: usize = 3;
const _: () = assert!(Severity::ALL.len() == SEVERITIES);

/// The law's deadlines for existing sites (Law 51/2010 Art. 40): 1 January 2020 for
/// offices, health, schools, transport stations and culture; 1 January 2025 for the rest.
pub const DEADLINES: [NaiveDate; 2] = [
    NaiveDate::from_ymd_opt(2020, 1, 1).expect("a date"),
    NaiveDate::from_ymd_opt(2025, 1, 1).expect("a date"),
];

/// How long the fixes of one severity took in a period.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FixTime {
    /// Findings marked fixed in the period.
    pub fixed: u64,
    /// Median days from being found to being marked fixed; none when none was fixed.
    pub median_days: Option<f64>,
}

/// The figures of one department, area or kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<K> {
    /// Which group.
    pub key: K,
    /// Its figures for the period.
    pub figures: Figures,
    /// Its figures for the period before.
    pub previous: Figures,
}

/// How long fixes of one severity took in the whole scope, with the period before.
#[derive(Debug, Clone, PartialEq)]
pub struct FixTimes {
    /// Severity.
    pub severity: Severity,
    /// Findings marked fixed in the period.
    pub fixed: u64,
    /// Median days from being found to being marked fixed; none when none was fixed.
    pub median_days: Option<f64>,
    /// The same for the previous period.
    pub fixed_previous: u64,
    /// The same for the previous period.
    pub median_days_previous: Option<f64>,
}

/// The sites due by one of the law's deadlines (Law 51/2010 Art. 40).
#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    /// The deadline.
    pub deadline: NaiveDate,
    /// True when it had passed by the period's last day.
    pub passed: bool,
    /// Sites of this class registered by the last day.
    pub sites: u64,
    /// Their levels on the last day.
    pub levels: Levels,
}

/// The computed report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The period.
    pub period: Period,
    /// The period of the same length before it.
    pub previous: Period,
    /// The day the period's "last day" figures are counted on: its last day, or today when
    /// the period has not ended yet.
    pub as_of: NaiveDate,
    /// Department and area, if the report is limited to them.
    pub scope: Scope,
    /// The whole scope in the period.
    pub total: Figures,
    /// The whole scope in the previous period.
    pub total_previous: Figures,
    /// By department.
    pub by_department: Vec<Row<Named>>,
    /// By the smallest area holding the site (`None`: outside every known area).
    pub by_area: Vec<Row<Option<Named>>>,
    /// By site kind.
    pub by_kind: Vec<Row<SiteKind>>,
    /// Time to fix by severity.
    pub fix_times: Vec<FixTimes>,
    /// Progress against the legal deadlines.
    pub deadlines: Vec<Deadline>,
    /// The public's barrier reports received in the period (counted apart, by
    /// [`count_barriers`]: they are measured to the moment the report is made).
    pub barriers: BarrierReports,
    /// What the fixes are estimated to cost and cost (counted apart, by [`count_costs`]).
    pub costs: Costs,
    /// The province's targets for the period's years, each beside its figure (held by
    /// [`hold_to_targets`], in reports of the whole province only).
    pub targets: Vec<TargetProgress>,
}

impl Report {
    /// True when nothing was registered in scope by the period's last day.
    pub fn is_empty(&self) -> bool {
        self.total.registered == 0
    }
}
