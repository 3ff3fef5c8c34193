//! Every overdue finding, per department, for a daily mail or report.

use crate::app::{Error, Services, departments};
use crate::domain::finding::{Filter, Finding};
use crate::store::findings;

use super::read::with_texts;

/// Overdue findings of one department.
#[derive(Debug, Clone)]
pub struct Overdue {
    /// The department's code.
    pub department: String,
    /// Its findings past their due date, oldest due first.
    pub findings: Vec<Finding>,
}

/// Every open finding past its due date, per department (only `department` when given),
/// for a daily mail or report. Run by the operator from the command line.
pub async fn overdue(s: &Services, department: Option<&str>) -> Result<Vec<Overdue>, Error> {
    let department = match department {
        Some(code) => Some(
            departments::resolve(&mut s.db.conn().await?, "department", code)
                .await?
                .id,
        ),
        None => None,
    };
    let filter = Filter {
        department,
        overdue_on: Some(s.today()),
        limit: u32::MAX,
        ..Filter::default()
    };
    let mut conn = s.db.conn().await?;
    let rows = findings::list(&mut conn, &filter).await?;
    let mut all = with_texts(s, &mut conn, rows).await?;
    all.sort_by(|a, b| {
        (a.department.code.as_str(), a.due_date, a.id).cmp(&(
            b.department.code.as_str(),
            b.due_date,
            b.id,
        ))
    });
    let mut out: Vec<Overdue> = Vec::new();
    for finding in all {
        match out.last_mut() {
            Some(group) if group.department == finding.department.code => {
                group.findings.push(finding)
            }
            _ => out.push(Overdue {
                department: finding.department.code.clone(),
                findings: vec![finding],
            }),
        }
    }
    Ok(out)
}
