//! The day's messages: once the digest hour has come in the province, each reviewer with
//! an address and the digest on gets one message of their department's findings overdue
//! and due within a week, and each such coordinator one of the findings overdue past the
//! setting that they were not told of yet. Each message goes into the outbox in the
//! transaction that marks the person's day as written, so it is written once, whatever
//! restarts or other instances do.

use chrono::{Duration, NaiveDate, Timelike};
use uuid::Uuid;

use super::texts::{self, Text};
use crate::app::findings::with_texts;
use crate::app::{Error, Services};
use crate::domain::finding::{Filter, Finding};
use crate::domain::mail::{
    DUE_SOON_DAYS, Line, Outgoing, Recipient, Section, SectionKind, escalated, sections,
};
use crate::domain::user::Role;
use crate::store::{findings, mail};

/// Writes the day's messages not written yet, if the digest hour has come; returns how
/// many messages went into the outbox (a person with nothing to say gets none, and their
/// day counts as written).
pub async fn write_daily(s: &Services) -> Result<usize, Error> {
    let now = s.now().with_timezone(&s.zone);
    if now.hour() < s.mail.digest_hour {
        return Ok(0);
    }
    let today = now.date_naive();
    let mut conn = s.db.conn().await?;
    let done = mail::written_on(&mut conn, today).await?;
    let waiting: Vec<Recipient> = mail::recipients(&mut conn)
        .await?
        .into_iter()
        .filter(|r| !done.contains(&r.user))
        .collect();
    if waiting.is_empty() {
        return Ok(0);
    }
    // Every open finding overdue or due within the week, each department's and all.
    let filter = Filter {
        overdue_on: Some(today + Duration::days(DUE_SOON_DAYS + 1)),
        limit: u32::MAX,
        ..Filter::default()
    };
    let rows = findings::list(&mut conn, &filter).await?;
    let open = with_texts(s, &mut conn, rows).await?;
    let mut written = 0;
    for person in waiting {
        let (text, told) = match person.role {
            Role::Coordinator => {
                let before = mail::escalated_to(&mut conn, person.user).await?;
                escalations(s, today, &person, &open, &before)
            }
            _ => (digest(s, today, &person, &open), Vec::new()),
        };
        let mut tx = s.begin().await?;
        if !mail::claim_day(&mut tx, person.user, today, s.now()).await? {
            continue;
        }
        if let Some(text) = text {
            let message = Outgoing::new(&person.email, text.subject, text.body, &s.mail.domain);
            mail::enqueue(&mut tx, &message, s.now()).await?;
            mail::day_message(&mut tx, person.user, today, message.id).await?;
            for finding in told {
                mail::escalate(&mut tx, finding, person.user, message.id).await?;
            }
            written += 1;
        }
        tx.commit().await?;
    }
    Ok(written)
}

/// A finding as a line of a message, in `person`'s language.
fn line(finding: &Finding, person: &Recipient, due: NaiveDate) -> Line {
    let what = finding.text.get(person.lang);
    Line {
        place: finding.site_name.clone(),
        what: if what.is_empty() {
            finding.item.clone()
        } else {
            what.to_owned()
        },
        due,
        path: format!("/findings/{}", finding.id),
    }
}

/// A reviewer's digest of their department's findings; none when there is nothing to say.
fn digest(s: &Services, today: NaiveDate, person: &Recipient, open: &[Finding]) -> Option<Text> {
    let department = person.department?;
    let mine: Vec<&Finding> = open
        .iter()
        .filter(|f| f.department.id == department)
        .collect();
    let name = mine.first()?.department.name.get(person.lang).to_owned();
    let lines = mine
        .iter()
        .filter_map(|f| Some(line(f, person, f.due_date?)))
        .collect();
    let sections = sections(today, lines);
    (!sections.is_empty())
        .then(|| texts::digest(today, &name, &sections, person.lang, &s.mail.base_url))
}

/// A coordinator's message of the findings overdue past the setting that they were not
/// told of (`before`), and those findings; none when there is none.
fn escalations(
    s: &Services,
    today: NaiveDate,
    person: &Recipient,
    open: &[Finding],
    before: &[Uuid],
) -> (Option<Text>, Vec<Uuid>) {
    let after = s.mail.escalate_after_days;
    let mut lines = Vec::new();
    let mut told = Vec::new();
    for finding in open {
        if let Some(due) = finding.due_date
            && escalated(today, due, after)
            && !before.contains(&finding.id)
        {
            lines.push(line(finding, person, due));
            told.push(finding.id);
        }
    }
    if lines.is_empty() {
        return (None, told);
    }
    lines.sort_by(|a, b| (a.due, &a.place).cmp(&(b.due, &b.place)));
    let section = Section {
        kind: SectionKind::LongOverdue,
        lines,
    };
    let text = texts::escalation(today, &section, person.lang, &s.mail.base_url, after);
    (Some(text), told)
}
