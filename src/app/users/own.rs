//! A person changing their own password.

use crate::app::sessions::throttle_key;
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::event::Change;
use crate::domain::permission::{Action, Scope};
use crate::domain::secret;
use crate::domain::throttle;
use crate::domain::user::check_password;
use crate::domain::validation::{FieldErrors, Problem};
use crate::store::{sessions, throttle as failures, tokens, users};

/// Changes the actor's own password, given the current one. As a reset does, it ends the
/// person's other sessions and revokes their API tokens, so every other way in starts
/// afresh; the session `keep` (the one the change came from, if any) stays signed in. A
/// wrong current password counts as a failed sign-in, so it cannot be guessed any faster
/// here than at the sign-in page.
pub async fn change_own_password(
    s: &Services,
    actor: &Actor,
    current: &str,
    new: &str,
    keep: Option<&str>,
) -> Result<(), Error> {
    let me = actor.user_id().ok_or(Error::Forbidden)?;
    actor.may(Action::ChangeOwnPassword, Scope::OwnRecord(me))?;
    let mut errors = FieldErrors::default();
    errors.take("new_password", check_password(new));
    let (user, stored) = {
        let mut conn = s.db.conn().await?;
        let user = users::by_id(&mut conn, me).await?.ok_or(Error::Forbidden)?;
        let key = throttle_key(&user.username);
        let verdict = throttle::verdict(failures::get(&mut conn, &key).await?, s.now());
        if let Some(wait) = verdict.retry_after() {
            let seconds = (wait.num_milliseconds() + 999) / 1000;
            return Err(Error::TooManyAttempts(seconds.max(1)));
        }
        let (_, stored) = users::with_hash(&mut conn, &user.username)
            .await?
            .ok_or(Error::Forbidden)?;
        (user, stored)
    };
    if current.is_empty() {
        errors.add("current_password", Problem::Required);
    } else {
        let current = current.to_owned();
        let matches =
            tokio::task::spawn_blocking(move || secret::verify_password(&current, &stored))
                .await
                .map_err(|e| Error::Internal(e.into()))?;
        if !matches {
            let mut tx = s.begin().await?;
            failures::add_failure(&mut tx, &throttle_key(&user.username), s.now()).await?;
            tx.commit().await?;
            errors.add("current_password", Problem::WrongPassword);
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let hash = super::hash_password("new_password", new).await?;
    let mut tx = s.begin().await?;
    users::set_password(&mut tx, user.id, &hash).await?;
    sessions::delete_all_of_but(&mut tx, user.id, keep).await?;
    tokens::revoke_all_of(&mut tx, user.id).await?;
    let change = Change::new(actor, "user.change_password", "user", &user.username);
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(())
}
