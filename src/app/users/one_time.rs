//! A person given a password by an administrator: a one-time password made here, shown to
//! the administrator once and stored only as its hash; the person chooses their own on
//! their account page.

use super::OneTime;
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::secret::random_password;
use crate::domain::user::UserInput;

/// Adds a person with a one-time password.
pub async fn add_with_one_time_password(
    s: &Services,
    actor: &Actor,
    input: &UserInput,
) -> Result<OneTime, Error> {
    let password = random_password();
    let user = super::add(s, actor, input, &password).await?;
    Ok(OneTime { user, password })
}

/// Gives a person a new one-time password; their sessions end, as with any reset.
pub async fn reset_to_one_time_password(
    s: &Services,
    actor: &Actor,
    username: &str,
) -> Result<OneTime, Error> {
    let password = random_password();
    let user = super::reset_password(s, actor, username, &password).await?;
    Ok(OneTime { user, password })
}
