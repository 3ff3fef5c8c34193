//! What the fixes cost: the estimates of the findings' plans and the actual costs of their
//! fixes, totalled by department, area, site kind and budget year. A finding counts once it
//! was found by the report's last day; its estimate unless it was given up by then, its
//! actual cost once it was fixed (or verified) by then. The amounts are those recorded now.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use uuid::Uuid;

use super::compute::state_on;
use super::{Facts, Named};
use crate::domain::finding::FindingState;
use crate::domain::site::SiteKind;

/// The costs of one group, in đồng.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CostFigures {
    /// Findings whose plan carries an estimate.
    pub estimated_findings: u64,
    /// The sum of those estimates.
    pub estimated: u64,
    /// Findings fixed with their actual cost given.
    pub actual_findings: u64,
    /// The sum of those costs.
    pub actual: u64,
}

impl CostFigures {
    fn add(&mut self, estimated: Option<u64>, actual: Option<u64>) {
        if let Some(e) = estimated {
            self.estimated_findings += 1;
            self.estimated += e;
        }
        if let Some(a) = actual {
            self.actual_findings += 1;
            self.actual += a;
        }
    }

    fn is_empty(&self) -> bool {
        self.estimated_findings == 0 && self.actual_findings == 0
    }
}

/// The costs of one department, area, kind or budget year.
#[derive(Debug, Clone, PartialEq)]
pub struct CostRow<K> {
    /// Which group.
    pub key: K,
    /// Its costs.
    pub figures: CostFigures,
}

/// The report's costs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Costs {
    /// The whole scope.
    pub total: CostFigures,
    /// Every department the report lists, in its order.
    pub by_department: Vec<CostRow<Named>>,
    /// The areas with a cost, by name; `None`: outside every known area (last).
    pub by_area: Vec<CostRow<Option<Named>>>,
    /// The kinds with a cost, in [`SiteKind::ALL`]'s order.
    pub by_kind: Vec<CostRow<SiteKind>>,
    /// The budget years with a cost, oldest first; `None`: no budget year named (last).
    pub by_year: Vec<CostRow<Option<i32>>>,
}

/// The costs of `facts` as they stand at the end of `as_of`.
pub fn count(facts: &Facts, as_of: NaiveDate) -> Costs {
    let sites: HashMap<Uuid, _> = facts.sites.iter().map(|s| (s.id, s)).collect();
    let mut costs = Costs::default();
    let mut departments: HashMap<Uuid, CostFigures> = HashMap::new();
    let mut areas: HashMap<Option<Uuid>, CostFigures> = HashMap::new();
    let mut kinds: HashMap<SiteKind, CostFigures> = HashMap::new();
    let mut years: BTreeMap<(bool, i32), CostFigures> = BTreeMap::new();
    for f in facts.findings.iter().filter(|f| f.found <= as_of) {
        let Some(site) = sites.get(&f.site) else {
            continue;
        };
        let state = state_on(f, as_of);
        let estimated = f.estimated_cost.filter(|_| state != FindingState::WontFix);
        let actual = f
            .actual_cost
            .filter(|_| matches!(state, FindingState::Fixed | FindingState::Verified));
        if estimated.is_none() && actual.is_none() {
            continue;
        }
        costs.total.add(estimated, actual);
        departments
            .entry(site.department)
            .or_default()
            .add(estimated, actual);
        areas.entry(site.area).or_default().add(estimated, actual);
        kinds.entry(site.kind).or_default().add(estimated, actual);
        // Named years first, in order; the findings without one after them.
        let year = (f.budget_year.is_none(), f.budget_year.unwrap_or_default());
        years.entry(year).or_default().add(estimated, actual);
    }
    costs.by_department = facts
        .departments
        .iter()
        .map(|d| CostRow {
            key: d.clone(),
            figures: departments.remove(&d.id).unwrap_or_default(),
        })
        .collect();
    let mut by_area: Vec<CostRow<Option<Named>>> = facts
        .areas
        .iter()
        .filter_map(|a| {
            let figures = areas.remove(&Some(a.id))?;
            Some(CostRow {
                key: Some(a.clone()),
                figures,
            })
        })
        .collect();
    by_area.sort_by(|a, b| {
        let name = |r: &CostRow<Option<Named>>| {
            r.key.as_ref().map(|n| (n.name.vi.clone(), n.code.clone()))
        };
        name(a).cmp(&name(b))
    });
    // Sites in an area the report does not know are counted with those outside every area.
    let outside = areas
        .into_values()
        .fold(CostFigures::default(), |mut sum, f| {
            sum.estimated_findings += f.estimated_findings;
            sum.estimated += f.estimated;
            sum.actual_findings += f.actual_findings;
            sum.actual += f.actual;
            sum
        });
    if !outside.is_empty() {
        by_area.push(CostRow {
            key: None,
            figures: outside,
        });
    }
    costs.by_area = by_area;
    costs.by_kind = SiteKind::ALL
        .iter()
        .filter_map(|k| kinds.remove(k).map(|figures| CostRow { key: *k, figures }))
        .collect();
    costs.by_year = years
        .into_iter()
        .map(|((none, year), figures)| CostRow {
            key: (!none).then_some(year),
            figures,
        })
        .collect();
    costs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checklist::{Feature, Severity};
    use crate::domain::lang::Bilingual;
    use crate::domain::report::{FindingFact, SiteFact};
    use crate::domain::site::Subtype;

    const BUILDINGS: Uuid = Uuid::from_u128(1);
    const ROADS: Uuid = Uuid::from_u128(2);
    const TOWN: Uuid = Uuid::from_u128(10);

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    fn named(id: Uuid, code: &str) -> Named {
        Named {
            id,
            code: code.into(),
            name: Bilingual {
                vi: code.into(),
                en: code.into(),
            },
        }
    }

    fn site(n: u128, subtype: Subtype, department: Uuid, area: Option<Uuid>) -> SiteFact {
        SiteFact {
            id: Uuid::from_u128(100 + n),
            kind: subtype.kind(),
            subtype,
            department,
            area,
            registered: day("2026-01-01"),
            approved: vec![day("2026-02-01")],
        }
    }

    /// A finding of site `n` found on 1 February, with its budget year, costs and steps.
    fn finding(
        n: u128,
        year: Option<i32>,
        costs: (Option<u64>, Option<u64>),
        steps: &[(FindingState, &str)],
    ) -> FindingFact {
        FindingFact {
            site: Uuid::from_u128(100 + n),
            severity: Severity::Major,
            feature: Feature::Entrance,
            found: day("2026-02-01"),
            due: None,
            steps: steps.iter().map(|(s, d)| (*s, day(d))).collect(),
            budget_year: year,
            estimated_cost: costs.0,
            actual_cost: costs.1,
        }
    }

    #[test]
    fn costs_are_summed_by_department_area_kind_and_year_as_they_stood() {
        use FindingState::*;
        let facts = Facts {
            sites: vec![
                site(1, Subtype::PeopleCommittee, BUILDINGS, Some(TOWN)),
                site(2, Subtype::BusStop, ROADS, None),
            ],
            findings: vec![
                // Planned at 10 million for 2026, fixed in March at 9 million.
                finding(
                    1,
                    Some(2026),
                    (Some(10_000_000), Some(9_000_000)),
                    &[(Planned, "2026-02-10"), (Fixed, "2026-03-15")],
                ),
                // Planned at 4 million for 2027, given up in April.
                finding(
                    1,
                    Some(2027),
                    (Some(4_000_000), None),
                    &[(Planned, "2026-02-10"), (WontFix, "2026-04-01")],
                ),
                // A bus stop's, planned at 2 million without a year.
                finding(2, None, (Some(2_000_000), None), &[(Planned, "2026-02-10")]),
                // No cost at all: in no figure.
                finding(2, Some(2026), (None, None), &[]),
            ],
            departments: vec![named(BUILDINGS, "construction"), named(ROADS, "transport")],
            areas: vec![named(TOWN, "town")],
            ..Facts::default()
        };
        let end_of_march = count(&facts, day("2026-03-31"));
        let f = |e, ev, a, av| CostFigures {
            estimated_findings: e,
            estimated: ev,
            actual_findings: a,
            actual: av,
        };
        assert_eq!(end_of_march.total, f(3, 16_000_000, 1, 9_000_000));
        let departments: Vec<_> = end_of_march
            .by_department
            .iter()
            .map(|r| (r.key.code.as_str(), r.figures))
            .collect();
        assert_eq!(
            departments,
            [
                ("construction", f(2, 14_000_000, 1, 9_000_000)),
                ("transport", f(1, 2_000_000, 0, 0)),
            ]
        );
        let areas: Vec<_> = end_of_march
            .by_area
            .iter()
            .map(|r| (r.key.as_ref().map(|a| a.code.as_str()), r.figures))
            .collect();
        assert_eq!(
            areas,
            [
                (Some("town"), f(2, 14_000_000, 1, 9_000_000)),
                (None, f(1, 2_000_000, 0, 0)),
            ]
        );
        let kinds: Vec<_> = end_of_march
            .by_kind
            .iter()
            .map(|r| (r.key, r.figures))
            .collect();
        assert_eq!(
            kinds,
            [
                (SiteKind::PublicBuilding, f(2, 14_000_000, 1, 9_000_000)),
                (SiteKind::TransportStop, f(1, 2_000_000, 0, 0)),
            ]
        );
        let years: Vec<_> = end_of_march
            .by_year
            .iter()
            .map(|r| (r.key, r.figures))
            .collect();
        assert_eq!(
            years,
            [
                (Some(2026), f(1, 10_000_000, 1, 9_000_000)),
                (Some(2027), f(1, 4_000_000, 0, 0)),
                (None, f(1, 2_000_000, 0, 0)),
            ]
        );
        // Once given up, an estimate is no longer counted; before its fix, no actual cost.
        assert_eq!(
            count(&facts, day("2026-04-30")).total,
            f(2, 12_000_000, 1, 9_000_000)
        );
        assert_eq!(
            count(&facts, day("2026-03-01")).total,
            f(3, 16_000_000, 0, 0)
        );
    }
}
