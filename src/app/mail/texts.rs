//! The words of each message, in the recipient's language: plain text, one line per
//! thing to act on with its link, grouped under the sections' headings.

use chrono::NaiveDate;

use crate::domain::lang::Lang;
use crate::domain::mail::{Section, SectionKind};
use crate::i18n::Msg;
use crate::i18n::dates::date;

/// A daily message's subject and body.
pub(super) struct Text {
    /// The subject line.
    pub subject: String,
    /// The body.
    pub body: String,
}

/// A section's heading in `lang`.
fn heading(kind: SectionKind, lang: Lang, escalate_after: u32) -> String {
    match kind {
        SectionKind::Overdue => Msg::MailSectionOverdue.get(lang).to_owned(),
        SectionKind::DueSoon => Msg::MailSectionDueSoon.get(lang).to_owned(),
        SectionKind::LongOverdue => Msg::MailSectionLongOverdue
            .get(lang)
            .replace("{days}", &escalate_after.to_string()),
        SectionKind::Rounds => Msg::MailSectionRounds.get(lang).to_owned(),
    }
}

/// The body: the intro, each section with its lines and links, and how to turn it off.
fn body(intro: &str, sections: &[Section], lang: Lang, base_url: &str, after: u32) -> String {
    let mut out = format!("{intro}\n");
    for section in sections {
        let title = heading(section.kind, lang, after);
        out.push_str(&format!("\n{title} ({})\n", section.lines.len()));
        out.push_str(&"=".repeat(title.chars().count()));
        out.push('\n');
        for line in &section.lines {
            out.push_str(&format!(
                "- {} | {} | {} {}\n  {base_url}{}\n",
                line.place,
                line.what,
                Msg::MailDue.get(lang),
                date(line.due, lang),
                line.path
            ));
        }
    }
    let footer = Msg::MailFooter
        .get(lang)
        .replace("{link}", &format!("{base_url}/account"));
    out.push_str(&format!("\n-- \n{footer}\n"));
    out
}

/// A reviewer's digest of `department`'s findings.
pub(super) fn digest(
    day: NaiveDate,
    department: &str,
    sections: &[Section],
    lang: Lang,
    base_url: &str,
) -> Text {
    let subject = Msg::MailDigestSubject
        .get(lang)
        .replace("{day}", &date(day, lang));
    let intro = Msg::MailDigestIntro
        .get(lang)
        .replace("{department}", department);
    Text {
        subject,
        body: body(&intro, sections, lang, base_url, 0),
    }
}

/// A coordinator's message of the findings overdue `after` days or more.
pub(super) fn escalation(
    day: NaiveDate,
    section: &Section,
    lang: Lang,
    base_url: &str,
    after: u32,
) -> Text {
    let subject = Msg::MailEscalationSubject
        .get(lang)
        .replace("{day}", &date(day, lang));
    let intro = Msg::MailEscalationIntro
        .get(lang)
        .replace("{days}", &after.to_string());
    Text {
        subject,
        body: body(&intro, std::slice::from_ref(section), lang, base_url, after),
    }
}
