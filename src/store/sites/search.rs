//! The text each site is searched by (`sites.search_key`, see [`crate::domain::search`]),
//! the conditions of a search on it, and making the stored texts again when the rule that
//! makes them has changed.

use uuid::Uuid;

use crate::domain::search::{INDEX_RULE, Words, index_text};
use crate::domain::site::NewSite;
use crate::store::{Db, on_backend};

/// The text a site is searched by: its name and address.
pub fn search_text(site: &NewSite) -> String {
    index_text(&[&site.name, site.address.as_deref().unwrap_or_default()])
}

/// The `LIKE` patterns of a search, one list per term: a term matches when the stored text,
/// after a leading space, is like one of its patterns (the phrase at the start of a word).
/// Terms hold only letters, digits and spaces, so no pattern holds a wildcard by accident.
pub fn patterns(words: &Words) -> Vec<Vec<String>> {
    words
        .terms()
        .iter()
        .map(|phrases| phrases.iter().map(|p| format!("% {p}%")).collect())
        .collect()
}

/// Adds `AND (' ' || search_key LIKE p1 OR ...)` for each term of `patterns` (if a search
/// was asked for) to a query being built; a search without a word finds nothing. A macro,
/// so one text serves both backends' builders.
macro_rules! push_search {
    ($query:expr, $patterns:expr) => {
        if $patterns
            .as_ref()
            .is_some_and(|p: &Vec<Vec<String>>| p.is_empty())
        {
            $query.push(" AND 1 = 0");
        }
        for term in $patterns.iter().flatten() {
            $query.push(" AND (");
            for (i, pattern) in term.iter().enumerate() {
                if i > 0 {
                    $query.push(" OR ");
                }
                $query
                    .push("(' ' || search_key) LIKE ")
                    .push_bind(pattern.as_str());
            }
            $query.push(")");
        }
    };
}
pub(crate) use push_search;

/// Sites whose texts are made again per transaction.
const BATCH: i64 = 500;

/// Makes every site's search text again by the current rule, when the database holds
/// texts made by an older one (a migration set the version they were made by); returns
/// how many were rewritten. Batches are short transactions, so the server can start
/// answering beside a long rewrite on another instance; doing it twice changes nothing.
pub async fn refresh(db: &Db) -> Result<u64, sqlx::Error> {
    let sql = "SELECT version FROM search_key_rule";
    let stored: i64 = on_backend!(&mut db.conn().await?, |c| sqlx::query_scalar(sql)
        .fetch_one(c)
        .await)?;
    if stored >= INDEX_RULE {
        return Ok(0);
    }
    let mut after = Uuid::nil();
    let mut rewritten = 0;
    loop {
        let sql = "SELECT id, name, address, search_key FROM sites WHERE id > $1
                   ORDER BY id LIMIT $2";
        let mut tx = db.begin().await?;
        let rows: Vec<(Uuid, String, Option<String>, String)> = on_backend!(&mut tx, |c| {
            sqlx::query_as(sql)
                .bind(after)
                .bind(BATCH)
                .fetch_all(c)
                .await
        })?;
        for (id, name, address, old) in &rows {
            let new = index_text(&[name, address.as_deref().unwrap_or_default()]);
            if &new != old {
                let sql = "UPDATE sites SET search_key = $1 WHERE id = $2";
                on_backend!(&mut tx, |c| sqlx::query(sql)
                    .bind(&new)
                    .bind(id)
                    .execute(c)
                    .await
                    .map(|_| ()))?;
                rewritten += 1;
            }
        }
        let last = rows.last().map(|r| r.0);
        if last.is_none() {
            let sql = "UPDATE search_key_rule SET version = $1";
            on_backend!(&mut tx, |c| sqlx::query(sql)
                .bind(INDEX_RULE)
                .execute(c)
                .await
                .map(|_| ()))?;
        }
        tx.commit().await?;
        match last {
            Some(id) => after = id,
            None => return Ok(rewritten),
        }
    }
}
