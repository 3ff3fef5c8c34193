//! Rounds and parts as JSON: the list, a round, a part with its figures, the compiled
//! report.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::domain::lang::Lang;
use crate::domain::report::{Figure, Report};
use crate::domain::round::{Compiled, PartLine, PartView, RoundView, Rounds};
use crate::domain::round::{Round, Sections};
use crate::i18n::dates::Dates;
use crate::views::labels::figure_label;
use crate::views::reports::ReportJson;

/// A round, with the parts the person sees.
#[derive(Serialize)]
pub struct RoundJson {
    id: Uuid,
    title: String,
    kind: &'static str,
    period_from: NaiveDate,
    period_to: NaiveDate,
    due_on: NaiveDate,
    created_at: DateTime<Utc>,
    parts: Vec<PartLineJson>,
}

/// A part as a round lists it.
#[derive(Serialize)]
struct PartLineJson {
    department: String,
    name: String,
    state: &'static str,
    submitted_at: Option<DateTime<Utc>>,
    late: bool,
    comment: Option<String>,
}

#[derive(Serialize)]
struct SectionsJson {
    results: String,
    difficulties: String,
    proposals: String,
}

/// One figure of a department: its key, its name in the language asked, its value.
#[derive(Serialize)]
struct FigureJson {
    key: String,
    label: String,
    value: Option<f64>,
}

/// A part with its sections and its department's figures.
#[derive(Serialize)]
pub struct PartJson {
    round: Uuid,
    #[serde(flatten)]
    line: PartLineJson,
    sections: SectionsJson,
    figures: Vec<FigureJson>,
}

/// The list of rounds, and what the person's department has to do.
#[derive(Serialize)]
pub struct RoundsJson {
    items: Vec<RoundJson>,
    to_do: Vec<ToDoJson>,
}

#[derive(Serialize)]
struct ToDoJson {
    round: Uuid,
    title: String,
    due_on: NaiveDate,
    state: &'static str,
}

/// The compiled report: the round, the periodic report of its period, the accepted parts
/// with their figures, and the departments whose part is not accepted.
#[derive(Serialize)]
pub struct CompiledJson {
    round: RoundJson,
    report: ReportJson,
    parts: Vec<PartJson>,
    missing: Vec<PartLineJson>,
}

fn line(l: &PartLine, lang: Lang) -> PartLineJson {
    PartLineJson {
        department: l.department.code.clone(),
        name: l.department.name.get(lang).to_owned(),
        state: l.part.state.as_str(),
        submitted_at: l.part.submitted_at,
        late: l.late,
        comment: l.part.comment.clone(),
    }
}

/// The summary figures of `report`, in the order the documents show them.
fn figures(report: &Report, lang: Lang) -> Vec<FigureJson> {
    Figure::SUMMARY
        .iter()
        .map(|f| FigureJson {
            key: f.key(),
            label: figure_label(*f, lang, Dates::Written(lang)),
            value: f.of(&report.total).number(),
        })
        .collect()
}

fn sections(s: &Sections) -> SectionsJson {
    SectionsJson {
        results: s.results.clone(),
        difficulties: s.difficulties.clone(),
        proposals: s.proposals.clone(),
    }
}

impl RoundJson {
    /// `round` with `parts`.
    pub fn new(round: &Round, parts: &[PartLine], lang: Lang) -> RoundJson {
        RoundJson {
            id: round.id,
            title: round.title.clone(),
            kind: round.kind.as_str(),
            period_from: round.period.from,
            period_to: round.period.to,
            due_on: round.due_on,
            created_at: round.created_at,
            parts: parts.iter().map(|l| line(l, lang)).collect(),
        }
    }

    /// A round as the round's page has it.
    pub fn of(view: &RoundView, lang: Lang) -> RoundJson {
        RoundJson::new(&view.round, &view.parts, lang)
    }
}

impl RoundsJson {
    /// The list.
    pub fn new(rounds: &Rounds, lang: Lang) -> RoundsJson {
        RoundsJson {
            items: rounds
                .rounds
                .iter()
                .map(|v| RoundJson::of(v, lang))
                .collect(),
            to_do: rounds
                .to_do
                .iter()
                .map(|(r, state)| ToDoJson {
                    round: r.id,
                    title: r.title.clone(),
                    due_on: r.due_on,
                    state: state.as_str(),
                })
                .collect(),
        }
    }
}

impl PartJson {
    /// A part with its figures.
    pub fn new(view: &PartView, lang: Lang) -> PartJson {
        PartJson {
            round: view.round.id,
            line: line(&view.line, lang),
            sections: sections(&view.line.part.sections),
            figures: figures(&view.figures, lang),
        }
    }
}

impl CompiledJson {
    /// The compiled report, made at `generated`.
    pub fn new(c: &Compiled, generated: DateTime<Utc>, lang: Lang) -> CompiledJson {
        let all: Vec<PartLine> = c
            .parts
            .iter()
            .map(|p| p.line.clone())
            .chain(c.missing.iter().cloned())
            .collect();
        CompiledJson {
            round: RoundJson::new(&c.round, &all, lang),
            report: ReportJson::new(&c.report, generated, lang),
            parts: c
                .parts
                .iter()
                .map(|p| PartJson {
                    round: c.round.id,
                    line: line(&p.line, lang),
                    sections: sections(&p.line.part.sections),
                    figures: figures(&p.figures, lang),
                })
                .collect(),
            missing: c.missing.iter().map(|l| line(l, lang)).collect(),
        }
    }
}
