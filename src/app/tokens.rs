//! API tokens for programs: created once (the value is shown only then), listed, revoked.

use serde::Serialize;
use uuid::Uuid;

use super::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::event::Change;
use crate::domain::permission::{Action, Scope};
use crate::domain::secret::{self, digest};
use crate::domain::validation::required_text;
use crate::store::tokens::{self, Token};

/// Longest token name, in characters.
pub const NAME_MAX: usize = 100;

/// A token as the event log records it (never its value).
#[derive(Serialize)]
struct TokenRecord<'a> {
    name: &'a str,
    owner: Uuid,
}

/// A new token and its value, which is shown this once.
#[derive(Debug)]
pub struct Created {
    /// The stored token.
    pub token: Token,
    /// The secret to send as `Authorization: Bearer ...`.
    pub value: String,
}

/// The signed-in person's own id: tokens always belong to the person who asks.
fn owner(actor: &Actor) -> Result<Uuid, Error> {
    let owner = actor.user_id().ok_or(Error::Forbidden)?;
    actor.may(Action::ManageOwnTokens, Scope::OwnRecord(owner))?;
    Ok(owner)
}

/// Creates a token named `name` for the actor.
pub async fn create(s: &Services, actor: &Actor, name: Option<&str>) -> Result<Created, Error> {
    let owner = owner(actor)?;
    let name = required_text(name, NAME_MAX).map_err(|p| Error::field("name", p))?;
    let value = secret::new_secret("tc_");
    let mut tx = s.begin().await?;
    let token = tokens::create(&mut tx, owner, &name, &digest(&value)).await?;
    let record = TokenRecord { name: &name, owner };
    let change = Change::new(actor, "token.create", "token", token.id).after(record);
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(Created { token, value })
}

/// The actor's tokens, newest first.
pub async fn list(s: &Services, actor: &Actor) -> Result<Vec<Token>, Error> {
    let owner = owner(actor)?;
    Ok(tokens::of_user(&mut s.db.conn().await?, owner).await?)
}

/// Revokes token `id`: someone else's live token is refused (403); an unknown or already
/// revoked one is not found.
pub async fn revoke(s: &Services, actor: &Actor, id: Uuid) -> Result<(), Error> {
    owner(actor)?;
    let mut tx = s.begin().await?;
    let holder = tokens::live_owner(&mut tx, id)
        .await?
        .ok_or(Error::NotFound)?;
    actor.may(Action::ManageOwnTokens, Scope::OwnRecord(holder))?;
    tokens::revoke(&mut tx, id, holder).await?;
    s.log(&mut tx, Change::new(actor, "token.revoke", "token", id))
        .await?;
    tx.commit().await?;
    Ok(())
}
