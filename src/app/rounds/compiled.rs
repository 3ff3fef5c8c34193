//! The compiled report of a round: the periodic report of the round's period with every
//! department's accepted part beside that department's own figures.

use uuid::Uuid;

use super::{PartLine, lines};
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::permission::{Action, Scope};
use crate::domain::report::Report;
use crate::domain::round::{PartState, Round};
use crate::store::rounds;

/// A department's accepted part with its figures.
#[derive(Debug, Clone)]
pub struct CompiledPart {
    /// The part and its department.
    pub line: PartLine,
    /// The department's periodic report for the round's period.
    pub figures: Report,
}

/// Everything the compiled report is written from.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The round.
    pub round: Round,
    /// The periodic report of every department for the round's period.
    pub report: Report,
    /// The accepted parts, by department code.
    pub parts: Vec<CompiledPart>,
    /// The departments whose part is not accepted (yet), by code.
    pub missing: Vec<PartLine>,
}

/// The compiled report of round `id`, for the coordinator.
pub async fn compiled(s: &Services, actor: &Actor, id: Uuid) -> Result<Compiled, Error> {
    actor.may(Action::RunRounds, Scope::Everywhere)?;
    let mut conn = s.db.conn().await?;
    let round = rounds::by_id(&mut conn, id).await?.ok_or(Error::NotFound)?;
    let parts = rounds::parts(&mut conn, id).await?;
    let all = lines(s, &mut conn, &round, parts, None).await?;
    drop(conn);
    let report = super::parts::figures(s, actor, &round, None).await?;
    let (accepted, missing): (Vec<PartLine>, Vec<PartLine>) = all
        .into_iter()
        .partition(|l| l.part.state == PartState::Accepted);
    let mut parts = Vec::new();
    for line in accepted {
        let figures = super::parts::figures(s, actor, &round, Some(&line.department)).await?;
        parts.push(CompiledPart { line, figures });
    }
    Ok(Compiled {
        round,
        report,
        parts,
        missing,
    })
}
