//! What a database error means for the person who caused it: a value already taken, a
//! database too busy to wait for, or a fault to log.

/// A database error, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// A unique constraint refused the write; `column` is the column it guards.
    Unique {
        /// The column whose value is taken (`username`).
        column: String,
    },
    /// The database was locked by other writers for longer than we wait.
    Busy,
    /// Anything else: a fault, logged and shown only as a reference.
    Other,
}

/// Classifies `e` the same way on both backends.
pub fn classify(e: &sqlx::Error) -> Failure {
    match e {
        sqlx::Error::PoolTimedOut => return Failure::Busy,
        sqlx::Error::Database(db) => {
            if db.is_unique_violation() {
                return Failure::Unique {
                    column: unique_column(db.message(), pg_detail(e).as_deref()),
                };
            }
            let busy = match db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>() {
                Some(pg) => pg_busy(pg.code()),
                None => sqlite_busy(db.code().as_deref()),
            };
            if busy {
                return Failure::Busy;
            }
        }
        _ => {}
    }
    Failure::Other
}

/// PostgreSQL's SQLSTATE, read as the text it is: lock_not_available (55P03, from
/// `lock_timeout`) and deadlock_detected (40P01: two writers each waited for a row the other
/// held, and this one was rolled back) mean the database was too busy, and the request can
/// be sent again. A numeric SQLSTATE such as 22021 (an invalid byte) or 42501 (insufficient
/// privilege) is a fault, whatever its digits.
fn pg_busy(sqlstate: &str) -> bool {
    matches!(sqlstate, "55P03" | "40P01")
}

/// SQLite's result code: SQLITE_BUSY (5) and SQLITE_LOCKED (6), possibly extended (the
/// primary code is the low byte).
fn sqlite_busy(code: Option<&str>) -> bool {
    code.and_then(|c| c.parse::<i64>().ok())
        .is_some_and(|n| matches!(n & 0xff, 5 | 6))
}

/// PostgreSQL puts the column in the detail (`Key (username)=(lan) already exists.`).
fn pg_detail(e: &sqlx::Error) -> Option<String> {
    let db = e.as_database_error()?;
    let pg = db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>()?;
    pg.detail().map(str::to_owned)
}

/// The column a unique violation names: from PostgreSQL's detail, or from SQLite's message
/// (`UNIQUE constraint failed: users.username`).
fn unique_column(message: &str, pg_detail: Option<&str>) -> String {
    if let Some(detail) = pg_detail
        && let Some(rest) = detail.strip_prefix("Key (")
        && let Some((columns, _)) = rest.split_once(')')
    {
        return columns.split(", ").last().unwrap_or(columns).to_owned();
    }
    if let Some((_, columns)) = message.split_once("constraint failed: ") {
        let last = columns.split(", ").last().unwrap_or(columns);
        return last.rsplit('.').next().unwrap_or(last).to_owned();
    }
    "value".to_owned()
}

#[cfg(test)]
mod tests {
    use super::{pg_busy, sqlite_busy, unique_column};

    #[test]
    fn only_a_lock_timeout_or_deadlock_is_busy_on_postgresql_and_busy_or_locked_on_sqlite() {
        assert!(pg_busy("55P03"));
        assert!(pg_busy("40P01"));
        // 22021 and 42501 end in the bytes 5 and 6 once read as numbers: still faults.
        for fault in ["22021", "42501", "23505", "40001", "57014"] {
            assert!(!pg_busy(fault), "{fault}");
        }
        for busy in ["5", "6", "261", "517", "262"] {
            assert!(sqlite_busy(Some(busy)), "{busy}");
        }
        for fault in ["1", "19", "2067", "11"] {
            assert!(!sqlite_busy(Some(fault)), "{fault}");
        }
        assert!(!sqlite_busy(None));
    }

    #[test]
    fn the_column_is_read_from_either_backend() {
        assert_eq!(
            unique_column("UNIQUE constraint failed: users.username", None),
            "username"
        );
        assert_eq!(
            unique_column(
                "UNIQUE constraint failed: idempotency.actor, idempotency.key",
                None
            ),
            "key"
        );
        assert_eq!(
            unique_column(
                "duplicate key value violates unique constraint \"users_username_key\"",
                Some("Key (username)=(lan) already exists.")
            ),
            "username"
        );
        assert_eq!(unique_column("something else", None), "value");
    }
}
