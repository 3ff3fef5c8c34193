//! The database side of backups: an online snapshot of a SQLite database (`VACUUM INTO`),
//! opening such a snapshot without changing it, and the schema versions.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

use super::{Access, Db, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS, on_backend};

/// True for a PostgreSQL URL.
pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// The file a `sqlite:` URL names; `None` for any other URL or an in-memory database.
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    if !url.starts_with("sqlite:") || url.contains(":memory:") || url.contains("mode=memory") {
        return None;
    }
    let options = SqliteConnectOptions::from_str(url).ok()?;
    let file = options.get_filename();
    (!file.as_os_str().is_empty()).then(|| file.to_owned())
}

/// Writes a consistent copy of the SQLite database to `file`, which must not exist, while
/// others go on reading and writing: `VACUUM INTO` reads in one transaction, so the copy is
/// the database as one commit left it. Not available on PostgreSQL.
pub async fn snapshot(db: &Db, file: &Path) -> Result<(), sqlx::Error> {
    let Db::Sqlite(pool) = db else {
        return Err(sqlx::Error::Configuration(
            "VACUUM INTO copies SQLite databases only".into(),
        ));
    };
    let path = file.to_str().ok_or_else(|| {
        sqlx::Error::Configuration(format!("{} is not a UTF-8 path", file.display()).into())
    })?;
    sqlx::query("VACUUM INTO $1")
        .bind(path)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Opens a snapshot file to read it, without writing to it or beside it (no journal, no
/// lock files): its bytes stay those the manifest records.
pub async fn open_snapshot(file: &Path) -> Result<Db, sqlx::Error> {
    let options = SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        .immutable(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    Ok(Db::Sqlite(pool))
}

/// The newest migration applied to the database.
pub async fn schema_version(ex: &mut impl Access) -> Result<i64, sqlx::Error> {
    let sql = "SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success";
    on_backend!(ex, |c| sqlx::query_scalar(sql).fetch_one(c).await)
}

/// The newest migration this build has for `backend` (`sqlite` or `postgres`).
pub fn known_schema_version(backend: &str) -> i64 {
    let migrator = if backend == "postgres" {
        &POSTGRES_MIGRATIONS
    } else {
        &SQLITE_MIGRATIONS
    };
    migrator.iter().map(|m| m.version).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_of_a_sqlite_url_and_none_for_others() {
        assert_eq!(
            sqlite_file("sqlite:///srv/data/tiepcan.db"),
            Some(PathBuf::from("/srv/data/tiepcan.db"))
        );
        assert_eq!(
            sqlite_file("sqlite://data/tiepcan.db?mode=rwc"),
            Some(PathBuf::from("data/tiepcan.db"))
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("sqlite://x.db?mode=memory"), None);
        assert_eq!(sqlite_file("postgres://u@h/db"), None);
        assert!(is_postgres("postgresql://u@h/db"));
        assert!(!is_postgres("sqlite://x.db"));
        assert!(known_schema_version("sqlite") > 0);
        assert_eq!(
            known_schema_version("sqlite"),
            known_schema_version("postgres"),
            "the two backends' migrations are kept in step"
        );
    }
}
