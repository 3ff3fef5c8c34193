//! Adding many people at once from a CSV file: every line checked first, then all added in
//! one transaction, or none.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use uuid::Uuid;

use super::{UserRecord, read_back, still_may};
use crate::app::imports::ImportError;
use crate::app::{Error, Services, departments};
use crate::domain::actor::Actor;
use crate::domain::event::Change;
use crate::domain::import::{ImportReport, RowError, check_user_rows, read_user_rows};
use crate::domain::permission::{Action, Scope};
use crate::domain::secret::{self, digest_bytes};
use crate::domain::user::User;
use crate::store::{departments as department_rows, users};

/// A new user and the one-time password to give them, shown this once.
#[derive(Debug)]
pub struct OneTime {
    /// The user as stored.
    pub user: User,
    /// The password in clear, stored only as its argon2 hash.
    pub password: String,
}

/// A bulk addition as the event log records it: the file by its hash, and who was added.
#[derive(Serialize)]
struct ManyRecord {
    file_sha256: String,
    users: Vec<UserRecord>,
}

/// Adds every person of a CSV file (`username,display_name,role,department`, with a header
/// row), each with a generated one-time password. Every line gets the checks of a single
/// addition, and a username twice in the file or already taken is refused; if any line is
/// bad nothing is added and every bad line is reported by its number.
pub async fn add_many(
    s: &Services,
    actor: &Actor,
    bytes: &[u8],
) -> Result<Vec<OneTime>, ImportError> {
    actor
        .may(Action::ManageUsers, Scope::Everywhere)
        .map_err(Error::from)?;
    let rows = read_user_rows(bytes)?;
    let (directory, refusals, taken) = {
        let mut conn = s.db.conn().await.map_err(Error::from)?;
        let directory = departments::directory(&mut conn).await?;
        let mut refusals = HashMap::new();
        let unknown: HashSet<String> = rows
            .iter()
            .filter_map(|r| r.value.as_ref().ok()?.department.as_deref().map(str::trim))
            .filter(|code| !code.is_empty() && directory.resolve(code).is_err())
            .map(str::to_owned)
            .collect();
        for code in unknown {
            let standing = department_rows::standing(&mut conn, &code).await?;
            if let Some(refusal) = standing.and_then(|s| s.refusal()) {
                refusals.insert(code, refusal);
            }
        }
        let taken: HashSet<String> = users::all(&mut conn)
            .await?
            .into_iter()
            .map(|u| u.username)
            .collect();
        (directory, refusals, taken)
    };
    let good = check_user_rows(rows, &directory, &refusals, &taken)?;
    // Argon2 is slow on purpose: every hash is made before the transaction, off the async
    // threads.
    let people = tokio::task::spawn_blocking(move || {
        good.into_iter()
            .map(|row| {
                let password = secret::random_password();
                let hash = secret::hash_password(&password);
                (row, password, hash)
            })
            .collect::<Vec<_>>()
    })
    .await
    .map_err(|e| Error::Internal(e.into()))?;

    let mut tx = s.begin().await?;
    still_may(&mut tx, actor, Action::ManageUsers).await?;
    let mut added = Vec::with_capacity(people.len());
    for (row, password, hash) in people {
        // Looked up again inside the transaction: a department merged or retired since the
        // check is reported on its line.
        let department = match &row.value.department {
            Some(code) => Some(
                departments::resolve(&mut tx, "department", code)
                    .await
                    .map_err(|e| on_line(row.number, e))?
                    .id,
            ),
            None => None,
        };
        let id = users::insert(&mut tx, &row.value, department, &hash)
            .await
            .map_err(|e| on_line(row.number, e.into()))?;
        added.push(OneTime {
            user: read_back(&mut tx, id).await?,
            password,
        });
    }
    let record = ManyRecord {
        file_sha256: digest_bytes(bytes),
        users: added.iter().map(|a| UserRecord::from(&a.user)).collect(),
    };
    let change = Change::new(actor, "users.add_many", "import", Uuid::now_v7()).after(record);
    s.log(&mut tx, change).await?;
    tx.commit().await?;
    Ok(added)
}

/// A refusal met while adding the person of line `number`, reported on that line.
fn on_line(number: usize, error: Error) -> ImportError {
    match error {
        Error::Invalid(errors) | Error::Conflict(errors) => ImportError::Rejected(ImportReport {
            rows: vec![RowError {
                row: number,
                errors,
            }],
        }),
        other => ImportError::Failed(other),
    }
}
