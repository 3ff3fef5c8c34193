//! The finding list's query string, shared by the API, the CSV export and the dashboard.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::app::{Error, Services, departments};
use crate::domain::checklist::Severity;
use crate::domain::finding::{Filter, Finding, FindingState};
use crate::domain::site::SiteKind;
use crate::domain::validation::{FieldErrors, Problem, date};
use crate::http::paging::{self, PageSize, param};

/// Page sizes of the finding list.
pub const PAGE: PageSize = PageSize {
    default: 100,
    max: 500,
};

/// Most rows of one CSV export.
pub const CSV_MAX: u32 = 100_000;

/// The list query as sent; every field is checked and refused by name.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct FindingsQuery {
    pub site: Option<String>,
    pub department: Option<String>,
    /// One state, or several separated by commas.
    pub state: Option<String>,
    pub severity: Option<String>,
    pub area: Option<String>,
    pub kind: Option<String>,
    pub audit: Option<String>,
    /// `true` for only overdue findings.
    pub overdue: Option<String>,
    /// `YYYY-MM-DD`: only findings due before this day.
    pub due_before: Option<String>,
    pub before: Option<String>,
    pub limit: Option<String>,
    /// `json` (the default) or `csv`.
    pub format: Option<String>,
}

/// What the query asks for.
pub struct Parsed {
    /// The filter, as far as the query sets it.
    pub filter: Filter,
    /// True for the CSV export.
    pub csv: bool,
}

impl FindingsQuery {
    /// The filter, or every problem with the query (an unknown department code
    /// among them).
    pub async fn parse(&self, s: &Services) -> Result<Parsed, Error> {
        let mut errors = FieldErrors::default();
        let site = paging::cursor::<Uuid>(&mut errors, "site", param(&self.site));
        let audit = paging::cursor::<Uuid>(&mut errors, "audit", param(&self.audit));
        let area = paging::cursor::<Uuid>(&mut errors, "area", param(&self.area));
        let before = paging::cursor::<Uuid>(&mut errors, "before", param(&self.before));
        let mut states = Vec::new();
        if let Some(text) = param(&self.state) {
            for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                if let Some(state) = errors.take("state", FindingState::parse(part)) {
                    states.push(state);
                }
            }
        }
        let severity =
            param(&self.severity).and_then(|v| errors.take("severity", Severity::parse(v)));
        let kind = param(&self.kind).and_then(|v| errors.take("kind", SiteKind::parse(v)));
        let overdue = match param(&self.overdue) {
            None | Some("false") => false,
            Some("true") => true,
            Some(other) => {
                errors.add(
                    "overdue",
                    Problem::NotOneOf {
                        given: other.to_owned(),
                        allowed: vec!["true".into(), "false".into()],
                    },
                );
                false
            }
        };
        let due_before = param(&self.due_before).and_then(|d| errors.take("due_before", date(d)));
        let csv = match param(&self.format) {
            None | Some("json") => false,
            Some("csv") => true,
            Some(other) => {
                errors.add(
                    "format",
                    Problem::NotOneOf {
                        given: other.to_owned(),
                        allowed: vec!["json".into(), "csv".into()],
                    },
                );
                false
            }
        };
        let limit = if csv {
            CSV_MAX
        } else {
            PAGE.read(&mut errors, param(&self.limit))
        };
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let department = match param(&self.department) {
            Some(code) => {
                let mut conn = s.db.conn().await?;
                Some(
                    departments::resolve(&mut conn, "department", code)
                        .await?
                        .id,
                )
            }
            None => None,
        };
        Ok(Parsed {
            filter: Filter {
                site,
                department,
                states,
                severity,
                area,
                kind,
                audit,
                overdue_on: overdue.then(|| s.today()),
                due_before,
                standing_only: false,
                before,
                limit,
            },
            csv,
        })
    }

    /// The query string of the page after this one, when this one was full.
    pub fn next(&self, page: &[Finding], limit: u32) -> Option<String> {
        paging::next_page(page, limit, |last| FindingsQuery {
            before: Some(last.id.to_string()),
            ..self.clone()
        })
    }
}
