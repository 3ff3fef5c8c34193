//! The province-wide yearly report on SQLite with 100,000 sites and 1,000,000 answers.
//! Run: `cargo bench --bench report` (see docs/BENCHMARKS.md).
//!
//! The app starts on a fresh SQLite file with the demo data; `app::demo::generate_sites`
//! (the code behind `tiepcan demo generate`) registers the sites. Then one approved audit
//! per site with ten answers each, a finding for each failed answer and the steps those
//! findings took are written straight into the tables with `INSERT ... SELECT`, spread over
//! the two years the report compares (approvals from January 2025 to November 2026). Each
//! round then computes the report for the calendar year (`app::reports::report`, the use
//! case behind the API and `tiepcan report`) and writes it in every format; the times are
//! taken apart.
//!
//! Environment: `SITES` (default 100,000), `ROUNDS` (default 5), `YEAR` (default 2026).

#[path = "common.rs"]
mod common;

use std::time::{Duration, Instant};

use tiepcan::app::reports::{self, ReportInput};
use tiepcan::domain::actor::Actor;
use tiepcan::domain::lang::Lang;
use tiepcan::i18n::dates::Dates;
use tiepcan::store::Db;
use tiepcan::views::reports as written;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The rows behind the report, written by SQL from the registered sites: per site not yet
/// audited one approved full audit on a day of 2025-01-01 + (rowid * 7 mod 700) days, ten answers of
/// which every fifth site fails two and every seventh one more; each failure a finding,
/// and a third of the findings fixed 30 days later, half of those verified 60 days later.
const FILL: [&str; 6] = [
    "INSERT INTO users (id, username, display_name, password_hash, role, department_id,
         created_at, updated_at)
     SELECT randomblob(16), 'bench.inspector', 'Bench', 'x', 'inspector', id, '2025-01-01T00:00:00+00:00',
         '2025-01-01T00:00:00+00:00' FROM departments WHERE code = 'construction'",
    "INSERT INTO audits (id, site_id, checklist_version_id, inspector_id, department_id, state,
         start_key, started_at, submitted_at, reviewed_at, updated_at)
     SELECT randomblob(16), s.id,
         (SELECT id FROM checklist_versions WHERE checklist_id = 'public-building' LIMIT 1),
         (SELECT id FROM users WHERE username = 'bench.inspector'), s.department_id, 'approved',
         hex(randomblob(8)), s.at, s.at, s.at, s.at
     FROM (SELECT id, department_id, strftime('%Y-%m-%dT03:00:00+00:00', '2025-01-01',
               '+' || ((rowid * 7) % 700) || ' days') AS at
           FROM sites WHERE id NOT IN (SELECT site_id FROM audits)) s",
    "INSERT INTO audit_answers (audit_id, item_code, result, answered_at)
     SELECT a.id, 'bench.item_' || n.n,
         CASE WHEN (s.rowid % 5 = 0 AND n.n <= 2) OR (s.rowid % 7 = 0 AND n.n = 3)
              THEN 'fail' ELSE 'pass' END,
         a.reviewed_at
     FROM audits a JOIN sites s ON s.id = a.site_id
     CROSS JOIN (WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 10)
                 SELECT n FROM k) n
     WHERE a.inspector_id = (SELECT id FROM users WHERE username = 'bench.inspector')",
    "INSERT INTO findings (id, site_id, audit_id, item_code, clause, severity, feature,
         department_id, state, created_at, updated_at)
     SELECT randomblob(16), a.site_id, a.id, x.item_code, '2.2.1',
         CASE substr(x.item_code, -1) WHEN '1' THEN 'critical' WHEN '2' THEN 'major' ELSE 'minor' END,
         CASE substr(x.item_code, -1) WHEN '1' THEN 'approach' WHEN '2' THEN 'entrance' ELSE 'signage' END,
         a.department_id, 'open', a.reviewed_at, a.reviewed_at
     FROM audit_answers x JOIN audits a ON a.id = x.audit_id
     WHERE x.result = 'fail' AND x.item_code LIKE 'bench.%'",
    "INSERT INTO finding_history (id, finding_id, from_state, to_state, actor_id, comment,
         fields, at)
     SELECT randomblob(16), f.id, 'open', 'fixed', (SELECT id FROM users WHERE username = 'bench.inspector'),
         NULL, '{}', strftime('%Y-%m-%dT%H:%M:%S+00:00', f.created_at, '+30 days')
     FROM findings f WHERE f.item_code LIKE 'bench.%' AND f.rowid % 3 = 0",
    "INSERT INTO finding_history (id, finding_id, from_state, to_state, actor_id, comment,
         fields, at)
     SELECT randomblob(16), f.id, 'fixed', 'verified', (SELECT id FROM users WHERE username = 'bench.inspector'),
         NULL, '{}', strftime('%Y-%m-%dT%H:%M:%S+00:00', f.created_at, '+90 days')
     FROM findings f WHERE f.item_code LIKE 'bench.%' AND f.rowid % 6 = 0",
];

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let sites = env_number("SITES", 100_000);
    let rounds = env_number("ROUNDS", 5) as usize;
    let year = env_number("YEAR", 2026);
    let dir = tempfile::tempdir()?;
    let config = common::config(dir.path(), None);
    let state = tiepcan::server::prepare(&config).await?;
    let s = &state.services;
    let started = Instant::now();
    tiepcan::app::demo::generate_sites(s, &Actor::Console, sites, 2020, 5_000, |_| {})
        .await
        .map_err(|e| anyhow::anyhow!("{e:#}"))?;
    let Db::Sqlite(pool) = &s.db else {
        anyhow::bail!("this benchmark runs on SQLite");
    };
    for sql in FILL {
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await?;
    }
    let count = |table: &'static str| async move {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql))
            .fetch_one(pool)
            .await
    };
    println!(
        "database: SQLite, {} sites, {} audits, {} answers, {} findings, {} steps (made in {:.1} s)",
        count("sites").await?,
        count("audits").await?,
        count("audit_answers").await?,
        count("findings").await?,
        count("finding_history").await?,
        started.elapsed().as_secs_f64()
    );

    let input = ReportInput {
        from: Some(format!("{year}-01-01")),
        to: Some(format!("{year}-12-31")),
        department: None,
        area: None,
    };
    let letterhead = config.province.heading.letterhead();
    let mut compute = Vec::new();
    let mut html = Vec::new();
    let mut xlsx = Vec::new();
    let mut csv = Vec::new();
    let mut whole = Vec::new();
    let mut sizes = (0, 0, 0);
    for _ in 0..rounds {
        let t = Instant::now();
        let report = reports::report(s, &Actor::Console, &input)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        compute.push(t.elapsed());
        let h = Instant::now();
        let page = written::document(&report, Lang::Vi, &letterhead, s.now(), s.zone).into_string();
        html.push(h.elapsed());
        whole.push(t.elapsed());
        // The workbook writes days as the language does, the CSV as ISO 8601.
        let (words, iso) = (Dates::Written(Lang::Vi), Dates::Iso);
        let tables = written::tables::tables(&report, Lang::Vi, words);
        let heading = written::heading(&report, Lang::Vi, words);
        let x = Instant::now();
        let book = written::xlsx::write(&heading, &tables)?;
        xlsx.push(x.elapsed());
        let (iso_tables, iso_heading) = (
            written::tables::tables(&report, Lang::Vi, iso),
            written::heading(&report, Lang::Vi, iso),
        );
        let c = Instant::now();
        let file = written::csv::write(&iso_heading, &iso_tables);
        csv.push(c.elapsed());
        sizes = (page.len(), book.len(), file.len());
        assert_eq!(report.total.registered, count("sites").await? as u64);
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("yearly report {year}, province-wide, {rounds} rounds (median / max):");
    for (name, times) in [
        ("read and compute", &mut compute),
        ("HTML with charts", &mut html),
        ("compute + HTML", &mut whole),
        ("XLSX", &mut xlsx),
        ("CSV", &mut csv),
    ] {
        let max = *times.iter().max().unwrap_or(&Duration::ZERO);
        println!(
            "  {name:<18} {:>9.1} ms {:>9.1} ms",
            ms(median(times)),
            ms(max)
        );
    }
    println!(
        "  sizes: HTML {} bytes, XLSX {} bytes, CSV {} bytes",
        sizes.0, sizes.1, sizes.2
    );
    // The reads alone, once each, as the use case makes them (the rest of a round is
    // decoding days and computing).
    let mut conn = s.db.conn().await?;
    let scope = tiepcan::store::reports::Scope::default();
    let t = Instant::now();
    let rows = tiepcan::store::reports::sites(&mut conn, scope)
        .await?
        .len();
    println!(
        "  read sites:               {:.1} ms ({rows} rows)",
        ms(t.elapsed())
    );
    let t = Instant::now();
    let rows = tiepcan::store::reports::approvals(&mut conn, scope)
        .await?
        .len();
    println!(
        "  read approvals:           {:.1} ms ({rows} rows)",
        ms(t.elapsed())
    );
    let t = Instant::now();
    let rows = tiepcan::store::reports::findings(&mut conn, scope)
        .await?
        .len();
    println!(
        "  read findings:            {:.1} ms ({rows} rows)",
        ms(t.elapsed())
    );
    let t = Instant::now();
    let rows = tiepcan::store::reports::steps(&mut conn, scope)
        .await?
        .len();
    println!(
        "  read steps:               {:.1} ms ({rows} rows)",
        ms(t.elapsed())
    );
    Ok(())
}
