//! What an approval writes, in the review's transaction: the decisions on alternatives,
//! the findings it checks again, the new findings, and the site's summary.

use std::collections::HashMap;

use uuid::Uuid;

use crate::app::findings::{Checked, check_again};
use crate::app::{Error, Services};
use crate::domain::audit::sheet::{Decisions, Status};
use crate::domain::audit::{Audit, Outcome};
use crate::domain::checklist::{Answer, Feature};
use crate::domain::site::level::{Barrier, FeatureState, Level, summarise};
use crate::domain::validation::{FieldErrors, Problem};
use crate::store::findings::{self, FoundBy, NewFinding};
use crate::store::{Tx, audits, sites};

/// What an approval wrote.
pub(super) struct Approved {
    /// The new findings.
    pub(super) findings: Vec<Uuid>,
    /// What it did to the findings it checked again.
    pub(super) checked: Checked,
    /// The site's level after it.
    pub(super) level: Level,
}

/// The approval's writes: decisions on alternatives, the findings it checks again (verified
/// or reopened), new findings, the site's summary.
pub(super) async fn approve(
    s: &Services,
    tx: &mut Tx,
    reviewer: Uuid,
    audit: &Audit,
    alternatives: &HashMap<String, bool>,
) -> Result<Approved, Error> {
    let answers = audit.item_answers();
    let sheet = audit.sheet(&answers);
    let offered: Vec<&str> = sheet.alternatives().collect();
    let mut errors = FieldErrors::default();
    for item in alternatives.keys() {
        if !offered.contains(&item.as_str()) {
            errors.add(
                item,
                Problem::Unknown {
                    given: item.clone(),
                },
            );
        }
    }
    let decisions: Decisions = alternatives.clone();
    for item in sheet.undecided(&decisions) {
        errors.add(item, Problem::AlternativeUndecided);
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    for (item, accepted) in &decisions {
        audits::decide_alternative(tx, audit.id, item, *accepted).await?;
    }
    findings::lock_site(tx, audit.site.id).await?;
    let checked_again = check_again(s, tx, reviewer, audit, &sheet, &decisions).await?;
    let already = findings::standing_items(tx, audit.site.id).await?;
    let site = sites::by_id(tx, audit.site.id)
        .await?
        .ok_or(Error::NotFound)?;
    let new: Vec<NewFinding> = sheet
        .failures(&decisions)
        .into_iter()
        .filter(|f| f.item.can_be_finding() && !already.contains(&f.item.code))
        .map(|f| NewFinding {
            id: Uuid::now_v7(),
            site_id: audit.site.id,
            found_by: FoundBy::Audit(audit.id),
            item: f.item.code.clone(),
            clause: f.item.clause.clone(),
            severity: f.item.severity,
            feature: f.item.feature,
            value: f.answer.value,
            unit: match &f.item.answer {
                Answer::Measure { unit, .. } => Some(*unit),
                Answer::YesNo | Answer::Count(_) => None,
            },
            total: f.answer.total,
            provided: f.answer.provided,
            department_id: site.department.id,
            photos: audit
                .photos
                .iter()
                .filter(|p| p.item.as_deref() == Some(f.item.code.as_str()))
                .map(|p| p.id)
                .collect(),
        })
        .collect();
    findings::insert_many(tx, &new, s.now()).await?;
    let mut checked: Vec<Feature> = audit
        .checklist
        .items()
        .filter(|item| item.can_be_finding())
        .filter(|item| {
            matches!(
                sheet.decided(item, &decisions),
                Status::Answered(Outcome::Pass | Outcome::Fail)
            )
        })
        .map(|item| item.feature)
        .collect();
    if audit.follow_up {
        // A follow-up checks a few items again: the parts checked before stay checked.
        let before = findings::summary(tx, audit.site.id).await?;
        checked.extend(before.iter().flat_map(|b| {
            b.summary
                .features
                .iter()
                .filter(|(_, state)| *state != FeatureState::NotChecked)
                .map(|(feature, _)| *feature)
        }));
    }
    let open: Vec<Barrier> = findings::standing_barriers(tx, audit.site.id)
        .await?
        .into_iter()
        .map(|(severity, feature)| Barrier { severity, feature })
        .collect();
    let summary = summarise(Some(&checked), &open);
    findings::save_summary(tx, audit.site.id, audit.id, &summary, s.now()).await?;
    Ok(Approved {
        findings: new.iter().map(|f| f.id).collect(),
        checked: checked_again,
        level: summary.level,
    })
}
