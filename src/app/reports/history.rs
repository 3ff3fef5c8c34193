//! Reports of past periods count the areas as they were then: after a reorganisation (the
//! districts ended on 1 July 2025), a report of 2024 groups its sites by district.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use uuid::Uuid;

use crate::app::{Error, Services};
use crate::domain::area::{Area, AreaIndex};
use crate::domain::report::Facts;
use crate::store::{areas, sites};

/// True when an area began or ended after `end` and by `today`: the areas of `end` are not
/// today's, so sites must be placed again for a period ending on `end`.
pub(super) fn changed_since(all: &[Area], end: NaiveDate, today: NaiveDate) -> bool {
    let after = |day: Option<NaiveDate>| day.is_some_and(|d| d > end && d <= today);
    all.iter().any(|a| after(a.valid_from) || after(a.valid_to))
}

/// Places every site and barrier report of `facts` in the area that held it on `day`, and
/// keeps only those in `area` (or an area below it) when one is asked for, with the sites'
/// findings.
pub(super) async fn place_on(
    s: &Services,
    facts: &mut Facts,
    day: NaiveDate,
    area: Option<Uuid>,
    all: &[Area],
) -> Result<(), Error> {
    let (shapes, points) = {
        let mut conn = s.db.conn().await?;
        (
            areas::shapes(&mut conn).await?,
            sites::placements(&mut conn).await?,
        )
    };
    // The barrier reports are placed by their own positions.
    let mut barriers = std::mem::take(&mut facts.barriers);
    let (placed, barriers) = tokio::task::spawn_blocking(move || {
        let index = AreaIndex::new(shapes);
        let placed: HashMap<Uuid, Option<Uuid>> = points
            .into_iter()
            .map(|(id, point, _)| (id, index.locate(point, day)))
            .collect();
        for r in &mut barriers {
            r.area = index.locate(r.position, day);
        }
        (placed, barriers)
    })
    .await
    .map_err(|e| Error::Internal(e.into()))?;
    for site in &mut facts.sites {
        site.area = placed.get(&site.id).copied().flatten();
    }
    facts.barriers = barriers;
    if let Some(area) = area {
        let wanted = below(area, all);
        facts
            .sites
            .retain(|site| site.area.is_some_and(|a| wanted.contains(&a)));
        let kept: HashSet<Uuid> = facts.sites.iter().map(|site| site.id).collect();
        facts.findings.retain(|f| kept.contains(&f.site));
        facts
            .barriers
            .retain(|r| r.area.is_some_and(|a| wanted.contains(&a)));
    }
    Ok(())
}

/// `area` and every area below it.
fn below(area: Uuid, all: &[Area]) -> HashSet<Uuid> {
    let mut found = HashSet::from([area]);
    loop {
        let before = found.len();
        for a in all {
            if a.parent_id.is_some_and(|p| found.contains(&p)) {
                found.insert(a.id);
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::area::AreaLevel;

    fn area(n: u128, parent: Option<u128>, from: Option<&str>, to: Option<&str>) -> Area {
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date");
        Area {
            id: Uuid::from_u128(n),
            code: n.to_string(),
            name: n.to_string(),
            level: AreaLevel::Commune,
            parent_id: parent.map(Uuid::from_u128),
            valid_from: from.map(day),
            valid_to: to.map(day),
            approximate: true,
        }
    }

    #[test]
    fn only_a_change_after_the_period_and_by_today_asks_for_placing_again() {
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date");
        let all = [
            area(1, None, None, None),
            area(2, Some(1), None, Some("2025-07-01")),
            area(3, Some(1), Some("2025-07-01"), None),
        ];
        let today = day("2026-12-04");
        assert!(changed_since(&all, day("2024-12-31"), today));
        assert!(changed_since(&all, day("2025-06-30"), today));
        assert!(
            !changed_since(&all, day("2025-07-01"), today),
            "the change is in the period"
        );
        assert!(!changed_since(&all, day("2026-06-30"), today));
        assert!(
            !changed_since(&all[..1], day("2020-01-01"), today),
            "no change at all"
        );
    }

    #[test]
    fn an_area_holds_the_areas_below_it_at_any_depth() {
        let all = [
            area(1, None, None, None),
            area(2, Some(1), None, None),
            area(3, Some(2), None, None),
            area(4, None, None, None),
        ];
        let found = below(Uuid::from_u128(1), &all);
        assert_eq!(found.len(), 3);
        assert!(!found.contains(&Uuid::from_u128(4)));
    }
}
