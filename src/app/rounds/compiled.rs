//! The compiled report of a round: the periodic report of the round's period with every
//! department's accepted part beside that department's own figures.

use uuid::Uuid;

use super::lines;
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::permission::{Action, Scope};
use crate::domain::round::{Compiled, CompiledPart, PartLine, PartState};
use crate::store::rounds;

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
