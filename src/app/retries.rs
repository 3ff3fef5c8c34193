//! Creating requests that may arrive twice: a phone that lost its connection sends the same
//! request again with the same `Idempotency-Key`, and gets the first answer instead of a
//! second record. The answer is stored in the transaction that created the record, so even
//! a crash between commit and reply cannot make a retry create twice.

use chrono::Duration;

use super::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::validation::{Problem, single_line};
use crate::store::{Access, Tx, idempotency};

/// How long a key's answer is kept: at least a day, as promised to clients.
pub const KEEP_FOR: Duration = Duration::days(2);

/// Longest key accepted, in characters.
pub const KEY_MAX: usize = 255;

/// An answer as it went out: status and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// The body (JSON for the API, a location for forms).
    pub body: String,
}

/// A creating request sent with a key.
pub struct Once<'a, T> {
    /// The client's key.
    pub key: &'a str,
    /// What the request was: method, path and body, hashed.
    pub fingerprint: String,
    /// How the first answer is written down once the record exists.
    pub answer: &'a (dyn Fn(&T) -> Answer + Send + Sync),
}

/// What a creating use case did.
#[derive(Debug)]
pub enum Created<T> {
    /// It created this.
    New(T),
    /// The same request came before: its answer, to send again.
    Replayed(Answer),
}

/// Checks a key as the client sent it: 1 to [`KEY_MAX`] characters, no control characters.
pub fn check_key(key: &str) -> Result<&str, Error> {
    let field = "Idempotency-Key";
    let key = key.trim();
    if key.is_empty() {
        return Err(Error::field(field, Problem::Required));
    }
    if key.chars().count() > KEY_MAX {
        return Err(Error::field(field, Problem::TooLong { max: KEY_MAX }));
    }
    single_line(key).map_err(|p| Error::field(field, p))
}

/// The name answers are kept under: the person, or the console.
fn owner(actor: &Actor) -> String {
    actor
        .user_id()
        .map_or_else(|| actor.name().to_owned(), |id| id.to_string())
}

impl<T> Once<'_, T> {
    /// The answer to an earlier request with this key, if there was one; the same key with
    /// another request is refused (422).
    pub async fn earlier(
        &self,
        ex: &mut impl Access,
        actor: &Actor,
    ) -> Result<Option<Answer>, Error> {
        let Some(found) = idempotency::find(ex, &owner(actor), self.key).await? else {
            return Ok(None);
        };
        if found.fingerprint != self.fingerprint {
            return Err(Error::field("Idempotency-Key", Problem::KeyReused));
        }
        Ok(Some(Answer {
            status: u16::try_from(found.status).unwrap_or(200),
            body: found.body,
        }))
    }

    /// Writes down the answer to this request inside `tx`, and forgets old answers. When a
    /// request with the same key committed meanwhile, gives its answer instead (the caller
    /// then drops `tx`, writing nothing).
    pub async fn remember(
        &self,
        s: &Services,
        tx: &mut Tx,
        actor: &Actor,
        created: &T,
    ) -> Result<Option<Answer>, Error> {
        let answer = (self.answer)(created);
        let row = idempotency::Answer {
            fingerprint: self.fingerprint.clone(),
            status: i64::from(answer.status),
            body: answer.body,
        };
        idempotency::forget_before(tx, s.now() - KEEP_FOR).await?;
        match idempotency::remember(tx, &owner(actor), self.key, &row, s.now()).await {
            Ok(()) => Ok(None),
            Err(e) => match Error::from(e) {
                Error::Conflict(_) => self.earlier(&mut s.db.conn().await?, actor).await,
                other => Err(other),
            },
        }
    }
}
