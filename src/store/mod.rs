//! All SQL, for both backends: SQLite (embedded default) and PostgreSQL (scale-out).
//!
//! Each query is written once, in SQL both accept (`$1` placeholders), inside a function.
//! Reads take anything implementing [`Access`] (a pooled connection or a transaction);
//! writes take the write transaction [`Tx`], so no use case can half-write. The
//! [`on_backend!`] macro compiles the one body once per backend; where the two dialects
//! must differ (date functions, casts), [`per_backend!`] names both texts side by side.

pub mod areas;
pub mod audits;
pub mod backup;
pub mod barrier_reports;
pub mod budget;
pub mod checklists;
pub mod departments;
pub mod events;
mod failure;
pub mod findings;
pub mod idempotency;
pub mod imports;
pub mod mail;
pub mod map;
pub mod participants;
pub mod photos;
mod pool;
pub mod reports;
pub mod rounds;
pub mod sessions;
pub mod sites;
pub mod targets;
pub mod throttle;
pub mod tokens;
pub mod uploads;
pub mod users;

pub use failure::{Failure, classify};
pub use pool::PoolUse;

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnection, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{Postgres, Sqlite, Transaction};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

/// A connection pool on one of the two backends. Cheap to clone.
#[derive(Debug, Clone)]
pub enum Db {
    /// SQLite file (WAL, foreign keys on, `BEGIN IMMEDIATE` for writes).
    Sqlite(SqlitePool),
    /// PostgreSQL server.
    Postgres(PgPool),
}

/// A write transaction; dropped without [`Tx::commit`] it rolls back.
pub struct Tx {
    conn: TxConn,
    /// Events appended in it, counted for `/metrics` when it commits.
    events: u64,
}

/// A write transaction on one of the backends.
enum TxConn {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// A pooled connection for reads.
pub enum Conn {
    /// On SQLite.
    Sqlite(PoolConnection<Sqlite>),
    /// On PostgreSQL.
    Postgres(PoolConnection<Postgres>),
}

/// A borrowed connection of either backend, as query functions use it.
pub enum Exec<'a> {
    /// On SQLite.
    Sqlite(&'a mut SqliteConnection),
    /// On PostgreSQL.
    Postgres(&'a mut PgConnection),
}

/// Something queries can run on: a [`Conn`] or a [`Tx`].
pub trait Access: Send {
    /// Borrows the underlying connection.
    fn exec(&mut self) -> Exec<'_>;
}

impl Access for Tx {
    fn exec(&mut self) -> Exec<'_> {
        match &mut self.conn {
            TxConn::Sqlite(tx) => Exec::Sqlite(tx),
            TxConn::Postgres(tx) => Exec::Postgres(tx),
        }
    }
}

impl Access for Conn {
    fn exec(&mut self) -> Exec<'_> {
        match self {
            Conn::Sqlite(c) => Exec::Sqlite(c),
            Conn::Postgres(c) => Exec::Postgres(c),
        }
    }
}

/// Runs `$body` with `$c` bound to the backend's connection; the body is written once and
/// compiled for each backend.
macro_rules! on_backend {
    ($ex:expr, |$c:ident| $body:expr) => {
        match $crate::store::Access::exec($ex) {
            $crate::store::Exec::Sqlite($c) => $body,
            $crate::store::Exec::Postgres($c) => $body,
        }
    };
}
pub(crate) use on_backend;

/// The start of a subquery of an area's id and the ids of every area below it; the area's
/// id goes between this and [`below_close`] (macros, so queries stay `&'static str`).
macro_rules! below_open {
    () => {
        "(WITH RECURSIVE below(id) AS (SELECT id FROM areas WHERE id = "
    };
}

/// The end of the subquery [`below_open`] starts.
macro_rules! below_close {
    () => {
        " UNION SELECT x.id FROM areas x JOIN below b ON x.parent_id = b.id) SELECT id FROM below)"
    };
}

/// Adds `AND column IN (area and every area below it)` to a query being built.
macro_rules! push_area_below {
    ($query:expr, $column:literal, $area:expr) => {
        $query
            .push(concat!(
                " AND ",
                $column,
                " IN ",
                $crate::store::below_open!()
            ))
            .push_bind($area)
            .push($crate::store::below_close!())
    };
}
pub(crate) use {below_close, below_open, push_area_below};

/// Adds ` ORDER BY` (distance from `$from`), then id, to a query being built: the squared
/// distance on a plane scaled by the cosine of the latitude, which orders true distances
/// at the scale of a province.
macro_rules! push_nearest_order {
    ($query:expr, $lon:literal, $lat:literal, $from:expr) => {{
        let from: $crate::domain::geo::Coordinates = $from;
        let k = from.lat().to_radians().cos();
        $query
            .push(concat!(" ORDER BY ((", $lon, " - "))
            .push_bind(from.lon())
            .push(") * ")
            .push_bind(k)
            .push(concat!(") * ((", $lon, " - "))
            .push_bind(from.lon())
            .push(") * ")
            .push_bind(k)
            .push(concat!(") + (", $lat, " - "))
            .push_bind(from.lat())
            .push(concat!(") * (", $lat, " - "))
            .push_bind(from.lat())
            .push(")")
    }};
}
pub(crate) use push_nearest_order;

/// Runs `$body` with `$c` bound to the backend's connection and `$sql` to that backend's
/// text of the query: the one named place where a query has a SQLite and a PostgreSQL form.
macro_rules! per_backend {
    ($ex:expr, sqlite: $lite:expr, postgres: $pg:expr, |$c:ident, $sql:ident| $body:expr) => {
        match $crate::store::Access::exec($ex) {
            $crate::store::Exec::Sqlite($c) => {
                let $sql: &'static str = $lite;
                $body
            }
            $crate::store::Exec::Postgres($c) => {
                let $sql: &'static str = $pg;
                $body
            }
        }
    };
}
pub(crate) use per_backend;

/// How long a write waits for other writers before it gives up as busy (503, "try again").
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

impl Db {
    /// Opens the database at `url` (`sqlite://PATH` or `postgres://...`), creating a SQLite
    /// file and its folder when missing.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(LOCK_WAIT)
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        let sql = sqlx::AssertSqlSafe(format!(
                            "SET lock_timeout = '{}ms'",
                            LOCK_WAIT.as_millis()
                        ));
                        sqlx::query(sql).execute(conn).await.map(|_| ())
                    })
                })
                .connect(url)
                .await
                .with_context(|| format!("connecting to PostgreSQL at {}", redact(url)))?;
            return Ok(Db::Postgres(pool));
        }
        if !url.starts_with("sqlite:") {
            anyhow::bail!("unsupported database URL {url:?}: use sqlite://PATH or postgres://...");
        }
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| format!("reading the SQLite URL {url:?}"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // 8 MiB of page cache per connection (grown only as used): eight busy readers
            // then hold at most 64 MiB between them; the operating system caches the file.
            .pragma("cache_size", "-8192")
            .busy_timeout(LOCK_WAIT);
        if let Some(dir) = options.get_filename().parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating the data folder {}", dir.display()))?;
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(LOCK_WAIT)
            .connect_with(options)
            .await
            .with_context(|| format!("opening the SQLite database {url}"))?;
        Ok(Db::Sqlite(pool))
    }

    /// Applies the migrations of this backend that have not run yet.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await,
        }
        .context("applying database migrations")
    }

    /// Starts a write transaction (`BEGIN IMMEDIATE` on SQLite, so it cannot fail with
    /// SQLITE_BUSY half-way).
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        let conn = match self {
            Db::Sqlite(pool) => TxConn::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => TxConn::Postgres(pool.begin().await?),
        };
        Ok(Tx { conn, events: 0 })
    }

    /// Takes a connection for reads.
    pub async fn conn(&self) -> Result<Conn, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(pool) => Conn::Sqlite(pool.acquire().await?),
            Db::Postgres(pool) => Conn::Postgres(pool.acquire().await?),
        })
    }

    /// Lets writers waiting for the database go first between the steps of a long job.
    /// SQLite's waiting writers poll (every 100 ms at most), so a job that starts its next
    /// transaction at once could keep them out for its whole run; PostgreSQL queues them.
    pub async fn let_others_write(&self) {
        if let Db::Sqlite(_) = self {
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Closes every connection (on shutdown).
    pub async fn close(&self) {
        match self {
            Db::Sqlite(pool) => pool.close().await,
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

impl Tx {
    /// Makes the transaction's writes permanent.
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self.conn {
            TxConn::Sqlite(tx) => tx.commit().await?,
            TxConn::Postgres(tx) => tx.commit().await?,
        }
        if self.events > 0 {
            crate::telemetry::events_appended(self.events);
        }
        Ok(())
    }

    /// True on SQLite, whose write transactions hold the whole database.
    pub fn on_sqlite(&self) -> bool {
        matches!(self.conn, TxConn::Sqlite(_))
    }
}

/// `rows` tuples of `width` numbered parameters each, for a multi-row `VALUES` list; the
/// tuple for a row whose first parameter is `$first` ends with `tail(first)` (shared values
/// numbered after all rows, or expressions).
pub fn tuples(rows: usize, width: usize, tail: impl Fn(usize) -> Vec<String>) -> String {
    (0..rows)
        .map(|i| {
            let first = i * width + 1;
            let mut parts: Vec<String> = (first..first + width).map(|n| format!("${n}")).collect();
            parts.extend(tail(first));
            format!("({})", parts.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{}{user}{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

/// Lists `(table, column)` of the schema, for comparing the two backends' migrations.
pub async fn schema_columns(ex: &mut impl Access) -> Result<Vec<(String, String)>, sqlx::Error> {
    let mut columns: Vec<(String, String)> = per_backend!(ex,
        sqlite: "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
        postgres: "SELECT table_name::text, column_name::text FROM information_schema.columns
                   WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%'",
        |c, sql| sqlx::query_as(sql).fetch_all(c).await)?;
    columns.sort();
    Ok(columns)
}

/// Answers `SELECT 1`: the database is reachable and answering.
pub async fn ping(ex: &mut impl Access) -> Result<(), sqlx::Error> {
    let sql = "SELECT 1";
    let one: i32 = on_backend!(ex, |c| sqlx::query_scalar(sql).fetch_one(c).await)?;
    debug_assert_eq!(one, 1);
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn redact_hides_the_password_only() {
        assert_eq!(
            super::redact("postgres://u:secret@h/db"),
            "postgres://u@h/db"
        );
        assert_eq!(super::redact("postgres://h/db"), "postgres://h/db");
    }
}
