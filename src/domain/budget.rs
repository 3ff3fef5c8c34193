//! What each department asks for a budget year: the findings planned for it and their
//! estimated cost, beside the findings that have no plan yet.

use crate::domain::department::Department;

/// One department's line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The department.
    pub department: Department,
    /// Findings planned for the year, not given up.
    pub planned: u64,
    /// Of those, with an estimate.
    pub estimated_findings: u64,
    /// The sum of the estimates, in đồng.
    pub estimated: u64,
    /// Findings open or reopened with no plan yet (whatever the year).
    pub unplanned: u64,
}

/// The budget year's estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct Budget {
    /// The year.
    pub year: i32,
    /// Each department the person may see, by code.
    pub lines: Vec<Line>,
}

impl Budget {
    /// The sum of every line.
    pub fn total(&self) -> (u64, u64, u64, u64) {
        self.lines.iter().fold((0, 0, 0, 0), |t, l| {
            (
                t.0 + l.planned,
                t.1 + l.estimated_findings,
                t.2 + l.estimated,
                t.3 + l.unplanned,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Bilingual;

    fn line(code: &str, planned: u64, with: u64, estimated: u64, unplanned: u64) -> Line {
        Line {
            department: Department {
                id: uuid::Uuid::now_v7(),
                code: code.into(),
                name: Bilingual {
                    vi: code.into(),
                    en: code.into(),
                },
                version: 1,
            },
            planned,
            estimated_findings: with,
            estimated,
            unplanned,
        }
    }

    #[test]
    fn the_total_adds_up_every_column_of_every_department() {
        let budget = Budget {
            year: 2027,
            lines: vec![
                line("construction", 3, 2, 40_000_000, 1),
                line("culture", 1, 1, 5_500_000, 4),
                line("transport", 0, 0, 0, 0),
            ],
        };
        assert_eq!(budget.total(), (4, 3, 45_500_000, 5));
    }
}
