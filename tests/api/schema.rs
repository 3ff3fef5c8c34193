//! The SQLite and PostgreSQL migrations describe the same tables and columns.

use tiepcan::store::{Db, schema_columns};

use crate::common::{fresh_database_url, postgres_url};

#[tokio::test]
#[ignore = "needs PostgreSQL: set TIEPCAN_TEST_POSTGRES_URL and run with --include-ignored"]
async fn sqlite_and_postgres_schemas_have_the_same_tables_and_columns() {
    assert!(postgres_url().is_some(), "set TIEPCAN_TEST_POSTGRES_URL");
    let dir = tempfile::tempdir().expect("dir");
    let sqlite = Db::connect(&format!("sqlite://{}", dir.path().join("s.db").display()))
        .await
        .expect("sqlite");
    sqlite.migrate().await.expect("sqlite migrations");
    let postgres = Db::connect(&fresh_database_url(&dir).await)
        .await
        .expect("postgres");
    postgres.migrate().await.expect("postgres migrations");

    let lite = schema_columns(&mut sqlite.conn().await.expect("conn"))
        .await
        .expect("columns");
    let pg = schema_columns(&mut postgres.conn().await.expect("conn"))
        .await
        .expect("columns");
    assert!(
        lite.iter().any(|(t, c)| t == "sites" && c == "lon"),
        "{lite:?}"
    );
    let only_lite: Vec<_> = lite.iter().filter(|c| !pg.contains(c)).collect();
    let only_pg: Vec<_> = pg.iter().filter(|c| !lite.contains(c)).collect();
    assert!(
        only_lite.is_empty() && only_pg.is_empty(),
        "only in SQLite: {only_lite:?}; only in PostgreSQL: {only_pg:?}"
    );
}
