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
use crate::domain::lang::Lang;
use crate::domain::mail::{
    DUE_SOON_DAYS, Line, Outgoing, Recipient, Section, SectionKind, escalated, sections,
};
use crate::domain::round::{PartState, Round};
use crate::domain::user::Role;
use crate::i18n::Msg;
use crate::store::{findings, mail, rounds};

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
    let directory = crate::app::departments::directory(&mut conn).await?;
    let mut written = 0;
    for person in waiting {
        let (text, told) = match (person.role, person.department) {
            (Role::Coordinator, _) => {
                let before = mail::escalated_to(&mut conn, person.user).await?;
                escalations(s, today, &person, &open, &before)
            }
            (_, Some(id)) => {
                let Some(department) = directory.all().find(|d| d.id == id) else {
                    continue;
                };
                let within = DUE_SOON_DAYS.unsigned_abs();
                let parts = rounds::due_or_returned(&mut conn, id, today, within).await?;
                let parts = parts
                    .iter()
                    .map(|(round, state)| round_line(round, *state, &department.code, person.lang))
                    .collect();
                let name = department.name.get(person.lang);
                (digest(s, today, &person, &open, name, parts), Vec::new())
            }
            (_, None) => (None, Vec::new()),
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

/// A reporting round whose part `department` is to write, as a line of a message.
fn round_line(round: &Round, state: PartState, department: &str, lang: Lang) -> Line {
    let what = match state {
        PartState::Returned => Msg::MailRoundReturned,
        _ => Msg::MailRoundDue,
    };
    Line {
        place: round.title.clone(),
        what: what.get(lang).to_owned(),
        due: round.due_on,
        path: format!("/rounds/{}/parts/{department}", round.id),
    }
}

/// A reviewer's digest of their department's findings and the rounds' parts it is to
/// write (`rounds`); none when there is nothing to say.
fn digest(
    s: &Services,
    today: NaiveDate,
    person: &Recipient,
    open: &[Finding],
    name: &str,
    rounds: Vec<Line>,
) -> Option<Text> {
    let department = person.department?;
    let lines = open
        .iter()
        .filter(|f| f.department.id == department)
        .filter_map(|f| Some(line(f, person, f.due_date?)))
        .collect();
    let sections = sections(today, lines, rounds);
    (!sections.is_empty())
        .then(|| texts::digest(today, name, &sections, person.lang, &s.mail.base_url))
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
