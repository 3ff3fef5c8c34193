//! Signing in and out, and recognising a session cookie or an API token. Failures never
//! say whether the username exists.

use uuid::Uuid;

use super::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::event::Change;
use crate::domain::secret::{self, digest};
use crate::domain::throttle::{self, Verdict};
use crate::domain::user::{SESSION_MAX, User, parse_username, session_alive};
use crate::domain::validation::single_line;
use crate::store::{sessions, throttle as failures, tokens, users};

/// Password checks running at once in this instance: argon2 is slow and memory-hard, and
/// the throttle is read after waiting here, so a burst cannot all pass it together.
static VERIFYING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(4);

/// A successful sign-in.
#[derive(Debug)]
pub struct SignedIn {
    /// Who signed in.
    pub user: User,
    /// The new session's secret, for the cookie (stored only as its digest).
    pub cookie_value: String,
}

/// The key failed sign-ins of `username` are counted under. A name with control characters
/// is written escaped.
pub(super) fn throttle_key(username: &str) -> String {
    format!("user:{}", username.escape_default())
        .chars()
        .take(70)
        .collect()
}

/// Checks the throttle (per username and per client address), the user and the password;
/// on success stores a new session, replacing `previous` (the digest of the session the
/// browser had, if any).
pub async fn sign_in(
    s: &Services,
    username: &str,
    password: &str,
    address: &str,
    previous: Option<&str>,
) -> Result<SignedIn, Error> {
    let username =
        parse_username(Some(username)).unwrap_or_else(|_| username.trim().to_lowercase());
    // A name with control characters names nobody; it is never sent to the database, and
    // its throttle key is written escaped.
    let readable = single_line(&username).is_ok();
    let user_key = throttle_key(&username);
    let addr_key = format!("addr:{address}");
    let _permit = VERIFYING
        .acquire()
        .await
        .map_err(|e| Error::Internal(e.into()))?;
    let now = s.now();
    let found = {
        let mut conn = s.db.conn().await?;
        let by_user = throttle::verdict(failures::get(&mut conn, &user_key).await?, now);
        let by_addr = throttle::verdict(failures::get(&mut conn, &addr_key).await?, now);
        let verdict = throttle::stricter(by_user, by_addr);
        if let Some(wait) = verdict.retry_after() {
            let seconds = (wait.num_milliseconds() + 999) / 1000;
            return Err(Error::TooManyAttempts(seconds.max(1)));
        }
        debug_assert_eq!(verdict, Verdict::Allow);
        if readable {
            users::with_hash(&mut conn, &username).await?
        } else {
            None
        }
    };
    let password = password.to_owned();
    let hash = found
        .as_ref()
        .map_or_else(|| secret::dummy_hash().to_owned(), |(_, h)| h.clone());
    let matches = tokio::task::spawn_blocking(move || secret::verify_password(&password, &hash))
        .await
        .map_err(|e| Error::Internal(e.into()))?;
    let mut tx = s.begin().await?;
    let user = match found {
        Some((user, _)) if matches && user.active => user,
        _ => {
            for key in [&user_key, &addr_key] {
                failures::add_failure(&mut tx, key, now).await?;
            }
            tx.commit().await?;
            tracing::info!(address, "failed sign-in");
            return Err(Error::LoginFailed);
        }
    };
    failures::clear(&mut tx, &user_key).await?;
    // A new sign-in replaces the session the browser had, never adds to it.
    if let Some(old) = previous {
        sessions::delete(&mut tx, old).await?;
    }
    let cookie_value = secret::new_secret("s_");
    sessions::create(
        &mut tx,
        &digest(&cookie_value),
        user.id,
        now,
        now + SESSION_MAX,
    )
    .await?;
    let actor = Actor::person(&user);
    let change = Change::new(&actor, "session.sign_in", "user", &user.username);
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(SignedIn { user, cookie_value })
}

/// Ends the session with this digest on the server.
pub async fn sign_out(s: &Services, actor: &Actor, session_digest: &str) -> Result<(), Error> {
    let mut tx = s.begin().await?;
    sessions::delete(&mut tx, session_digest).await?;
    let change = Change::new(actor, "session.sign_out", "user", actor.name());
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(())
}

/// The active user a live API token belongs to, with the token's id.
pub async fn by_token(s: &Services, token: &str) -> Result<Option<(User, Uuid)>, Error> {
    let mut conn = s.db.conn().await?;
    let Some(token) = tokens::by_digest(&mut conn, &digest(token)).await? else {
        return Ok(None);
    };
    if token.revoked_at.is_some() {
        return Ok(None);
    }
    let user = users::by_id(&mut conn, token.user_id).await?;
    Ok(user.filter(|u| u.active).map(|u| (u, token.id)))
}

/// What a session cookie turned out to be.
#[derive(Debug)]
pub enum Session {
    /// A live session of an active user; its digest names it for signing out.
    Live {
        /// The user.
        user: Box<User>,
        /// The session's digest.
        digest: String,
    },
    /// Unknown, expired (now removed) or of a disabled user: the cookie should go.
    Gone,
}

/// The session a cookie value names. An expired one is removed; activity is recorded at
/// most once a minute, which is precise enough for idle expiry.
pub async fn by_cookie(s: &Services, value: &str) -> Result<Session, Error> {
    let id_hash = digest(value);
    let now = s.now();
    let (session, user) = {
        let mut conn = s.db.conn().await?;
        let Some(session) = sessions::by_digest(&mut conn, &id_hash).await? else {
            return Ok(Session::Gone);
        };
        let user = users::by_id(&mut conn, session.user_id).await?;
        (session, user)
    };
    if !session_alive(session.last_seen_at, session.expires_at, now) {
        let mut tx = s.begin().await?;
        sessions::delete(&mut tx, &id_hash).await?;
        tx.commit().await?;
        return Ok(Session::Gone);
    }
    let Some(user) = user.filter(|u| u.active) else {
        return Ok(Session::Gone);
    };
    if now - session.last_seen_at > chrono::Duration::minutes(1) {
        let mut tx = s.begin().await?;
        sessions::touch(&mut tx, &id_hash, now).await?;
        tx.commit().await?;
    }
    Ok(Session::Live {
        user: Box::new(user),
        digest: id_hash,
    })
}
