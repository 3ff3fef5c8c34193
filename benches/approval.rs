//! Submitting and approving an audit of 78 answers, against plain `INSERT`s of the rows
//! the audit leaves behind, on SQLite and (with `TIEPCAN_BENCH_POSTGRES_URL`) on
//! PostgreSQL, each on a fresh database with the demo data.
//! Run: `cargo bench --bench approval` (see docs/BENCHMARKS.md).
//!
//! Each round registers a new public building (so that every approval finds its barriers
//! anew), starts an audit of it as an inspector of the construction department and records
//! the seven photos the checklist asks for (the file made and stored once; not timed). Then
//! its 78 answers are saved in one `app::audits::answer` call, and it is submitted and
//! approved (`app::audits::submit`, `app::audits::review`): the answers and the two steps
//! are timed apart. Beside it, the same rows (78 answers, the findings, their photo links
//! and the site's summary) are written with one plain `INSERT` each, in one transaction,
//! for another audit prepared the same way. A last round, not in the times, counts the
//! statements each step runs.
//!
//! Environment: `ROUNDS` (default 200 counted audits of each kind), `WARMUP` (default 10,
//! not counted), `STATEMENT_LOG` (set: print each statement of the counted round with the
//! time sqlx measured for it, on standard error).

#[path = "common.rs"]
mod common;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use chrono::Utc;
use tiepcan::app::audits::{self, ReviewInput, StartInput};
use tiepcan::app::{Services, photos, sites, users};
use tiepcan::domain::actor::{Actor, Person};
use tiepcan::domain::audit::answer::{AnswerInput, Entry};
use tiepcan::domain::audit::{Audit, Image, Photo};
use tiepcan::domain::checklist::{Answer, Checklist, PhotoRule, Unit};
use tiepcan::domain::photo::{Processed, sample};
use tiepcan::domain::site::SiteInput;
use tiepcan::domain::user::{NewUser, Role};
use tiepcan::store::{Access, Exec, findings};
use tracing::subscriber::Interest;
use tracing_subscriber::layer::{Context, SubscriberExt as _};
use tracing_subscriber::util::SubscriberInitExt as _;
use uuid::Uuid;

/// Optional sections the building does not have: the other optional sections (site paths,
/// ramp, lift, refuge) and every required one leave 78 items to answer.
const NOT_APPLICABLE: [&str; 5] = ["parking", "steps", "seating", "health", "hotel"];

/// The barriers found: four major ones and a minor one, none of them a gate, so every other
/// item is still asked.
const FAILURES: [(&str, Option<f64>); 5] = [
    ("entrance.door_width", Some(700.0)),
    ("lift.button_height", Some(1400.0)),
    ("alarm.audible_visual", None),
    ("tactile.hazard_warning", None),
    ("signage.contrast", None),
];

/// How many answer rows the audit must have.
const ANSWERS: usize = 78;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A fresh database URL: a SQLite file in `dir`, or a new schema on the PostgreSQL server.
async fn fresh(dir: &std::path::Path, postgres: Option<&str>) -> anyhow::Result<String> {
    Ok(match postgres {
        None => format!("sqlite://{}", dir.join("approval.db").display()),
        Some(base) => {
            let schema = format!("bench_{}", Uuid::now_v7().simple());
            let admin = sqlx::PgPool::connect(base).await?;
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
                .execute(&admin)
                .await?;
            admin.close().await;
            let separator = if base.contains('?') { '&' } else { '?' };
            format!("{base}{separator}options=-c%20search_path%3D{schema}")
        }
    })
}

/// The answers of one audit of `checklist`: [`NOT_APPLICABLE`] marked so, [`FAILURES`]
/// failed, every other item passed (a measure in its range, a count with every space
/// accessible).
fn answers(checklist: &Checklist) -> Vec<AnswerInput> {
    let mut out = Vec::new();
    for section in &checklist.sections {
        if NOT_APPLICABLE.contains(&section.code.as_str()) {
            out.push(AnswerInput {
                section: Some(section.code.clone()),
                result: Some("not_applicable".into()),
                ..AnswerInput::default()
            });
            continue;
        }
        for item in &section.items {
            let failure = FAILURES.iter().find(|(code, _)| *code == item.code);
            let mut input = AnswerInput {
                item: Some(item.code.clone()),
                ..AnswerInput::default()
            };
            match (&item.answer, failure) {
                (Answer::YesNo, None) => input.result = Some("pass".into()),
                (Answer::YesNo, Some(_)) => input.result = Some("fail".into()),
                (Answer::Measure { unit, min, max, .. }, failure) => {
                    let passing = match (min, max) {
                        (Some(min), Some(max)) => (min + max) / 2.0,
                        (Some(min), None) => *min,
                        (None, Some(max)) => *max,
                        (None, None) => 1.0,
                    };
                    let value = failure.and_then(|(_, v)| *v).unwrap_or(passing);
                    input.value = Some(Entry::Number(value));
                    input.unit = Some(unit.as_str().to_owned());
                }
                (Answer::Count(_), _) => {
                    input.total = Some(Entry::Number(12.0));
                    input.provided = Some(Entry::Number(12.0));
                }
            }
            out.push(input);
        }
    }
    out
}

/// The items that need a photo: those photographed always, and the failures.
fn photographed(checklist: &Checklist) -> Vec<String> {
    checklist
        .sections
        .iter()
        .filter(|s| !NOT_APPLICABLE.contains(&s.code.as_str()))
        .flat_map(|s| &s.items)
        .filter(|i| {
            i.photo == PhotoRule::Always
                || (i.photo == PhotoRule::OnFail && FAILURES.iter().any(|(c, _)| *c == i.code))
        })
        .map(|i| i.code.clone())
        .collect()
}

/// What every round uses: the people, the photo made once, and the checklist's answers.
struct Bench {
    s: Services,
    inspector: Actor,
    reviewer: Actor,
    photo: Processed,
    answers: Vec<AnswerInput>,
    photographed: Vec<String>,
}

async fn person(s: &Services, username: &str, role: Role) -> anyhow::Result<Actor> {
    let user = NewUser {
        username: username.into(),
        display_name: username.into(),
        role,
        department: Some("construction".into()),
        email: None,
    };
    let password = format!("pw-{username}-0123456789");
    let user = users::add_checked(s, &Actor::Console, &user, &password)
        .await
        .map_err(|e| anyhow::anyhow!("adding {username}: {e:?}"))?;
    Ok(Actor::Person(Person::from(&user)))
}

impl Bench {
    async fn new(s: Services) -> anyhow::Result<Bench> {
        let inspector = person(&s, "bench.kt", Role::Inspector).await?;
        let reviewer = person(&s, "bench.duyet", Role::Reviewer).await?;
        let jpeg = sample::camera_jpeg(&sample::scene(640, 480, 7), 85);
        let bytes = Bytes::from(jpeg);
        let photo = photos::process(&s.photos, bytes.clone())
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        tiepcan::app::photo_files::store_objects(&s, &photo, &bytes)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let mut bench = Bench {
            s,
            inspector,
            reviewer,
            photo,
            answers: Vec::new(),
            photographed: Vec::new(),
        };
        let audit = bench.draft(0).await?;
        bench.answers = answers(&audit.checklist);
        bench.photographed = photographed(&audit.checklist);
        anyhow::ensure!(
            bench.photographed.len() == FAILURES.len() + 2,
            "photos for {:?}",
            bench.photographed
        );
        Ok(bench)
    }

    /// A new public building of the construction department and a draft audit of it, with
    /// a photo recorded for each item that needs one (the file itself stored once).
    async fn draft(&self, n: usize) -> anyhow::Result<Audit> {
        let e = |e| anyhow::anyhow!("{e:?}");
        let input: SiteInput = serde_json::from_value(serde_json::json!({
            "name": format!("UBND xã số {n}"),
            "kind": "public_building",
            "subtype": "people_committee",
            "address": "Phố Lê Lợi",
            "lat": 21.80 + (n % 100) as f64 * 0.001,
            "lon": 106.70 + (n / 100) as f64 * 0.001,
            "department": "construction"
        }))?;
        let site = match sites::register(&self.s, &self.inspector, &input, None)
            .await
            .map_err(e)?
        {
            tiepcan::app::retries::Created::New(site) => site,
            tiepcan::app::retries::Created::Replayed(_) => anyhow::bail!("site replayed"),
        };
        let start = StartInput {
            key: Some(Uuid::now_v7().to_string()),
            lat: Some(site.location.lat()),
            lon: Some(site.location.lon()),
            accuracy: Some(8.0),
            follow_up: None,
        };
        let audit = match audits::start(&self.s, &self.inspector, site.id, &start)
            .await
            .map_err(e)?
        {
            audits::Started::New(audit) => audit,
            audits::Started::Again(_) => anyhow::bail!("audit started twice"),
        };
        let me = self.inspector.user_id().expect("a person");
        for item in &self.photographed {
            let photo = self.photo_of(audit.id, item, me);
            photos::record(&self.s, &self.inspector, &photo, &[], None)
                .await
                .map_err(e)?;
        }
        audits::read(&self.s, &self.inspector, audit.id)
            .await
            .map_err(e)
    }

    fn photo_of(&self, audit_id: Uuid, item: &str, uploader: Uuid) -> Photo {
        let p = &self.photo;
        let image = |sha256: tiepcan::domain::photo::Sha256, width, height| Image {
            sha256: sha256.hex(),
            width,
            height,
        };
        Photo {
            id: Uuid::now_v7(),
            audit_id: Some(audit_id),
            report_id: None,
            item: Some(item.to_owned()),
            caption: None,
            original: image(p.original.sha256, p.original.width, p.original.height),
            original_type: p.original.kind.code().to_owned(),
            original_bytes: p.original.bytes,
            display: image(p.display.sha256, p.display.width, p.display.height),
            thumb: image(p.thumbnail.sha256, p.thumbnail.width, p.thumbnail.height),
            taken_at: None,
            exif_position: None,
            uploaded_by: Some(uploader),
            uploaded_at: self.s.now(),
        }
    }

    /// One audit through the app: its 78 answers saved in one call, then submitted and
    /// approved. Gives what each of the two steps took, and the approved audit.
    async fn approval(&self, n: usize) -> anyhow::Result<(Step, Step, Audit)> {
        let e = |e| anyhow::anyhow!("{e:?}");
        let draft = self.draft(n).await?;
        let started = Step::start();
        let answered = audits::answer(&self.s, &self.inspector, draft.id, &self.answers)
            .await
            .map_err(e)?;
        let answering = started.end();
        anyhow::ensure!(
            answered.answers.len() == ANSWERS,
            "{} answers",
            answered.answers.len()
        );
        let approve = ReviewInput {
            decision: Some("approve".into()),
            ..ReviewInput::default()
        };
        let started = Step::start();
        audits::submit(&self.s, &self.inspector, draft.id)
            .await
            .map_err(e)?;
        let approved = audits::review(&self.s, &self.reviewer, draft.id, &approve)
            .await
            .map_err(e)?;
        Ok((answering, started.end(), approved))
    }

    /// The rows `approved` left behind, written again with plain `INSERT`s in one
    /// transaction, for a new draft audit of another new site (rows read before timing).
    async fn raw(&self, n: usize, approved: &Audit) -> anyhow::Result<Step> {
        let draft = self.draft(n).await?;
        let (found, summary) = {
            let mut conn = self.s.db.conn().await?;
            let filter = tiepcan::domain::finding::Filter {
                audit: Some(approved.id),
                limit: 1000,
                ..tiepcan::domain::finding::Filter::default()
            };
            let found = findings::list(&mut conn, &filter).await?;
            let summary = findings::summary(&mut conn, approved.site.id)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no summary"))?;
            (found, summary.summary)
        };
        anyhow::ensure!(found.len() == FAILURES.len(), "{} findings", found.len());
        let photo_of_item = |item: &str| {
            draft
                .photos
                .iter()
                .find(|p| p.item.as_deref() == Some(item))
                .map(|p| p.id)
        };
        let features = serde_json::to_string(&summary.features)?;
        let now = Utc::now();
        let started = Step::start();
        let mut tx = self.s.db.begin().await?;
        macro_rules! on_tx {
            (|$c:ident| $body:expr) => {
                match Access::exec(&mut tx) {
                    Exec::Sqlite($c) => $body,
                    Exec::Postgres($c) => $body,
                }
            };
        }
        for a in &approved.answers {
            let a = &a.answer;
            let sql = "INSERT INTO audit_answers (audit_id, item_code, result, computed, value,
                           total, provided, note, accepted, answered_at)
                       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9)";
            on_tx!(|c| sqlx::query(sql)
                .bind(draft.id)
                .bind(&a.item)
                .bind(a.result.as_str())
                .bind(a.computed.map(|o| o.as_str()))
                .bind(a.value)
                .bind(a.total.map(i64::from))
                .bind(a.provided.map(i64::from))
                .bind(&a.note)
                .bind(now)
                .execute(c)
                .await
                .map(|_| ()))?;
        }
        for (f, _) in &found {
            let id = Uuid::now_v7();
            let sql = "INSERT INTO findings (id, site_id, audit_id, item_code, clause, severity,
                           feature, value, unit, total, provided, department_id, state,
                           created_at, updated_at)
                       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13,
                           $13)";
            on_tx!(|c| sqlx::query(sql)
                .bind(id)
                .bind(draft.site.id)
                .bind(draft.id)
                .bind(&f.item)
                .bind(&f.clause)
                .bind(f.severity.as_str())
                .bind(f.feature.as_str())
                .bind(f.value)
                .bind(f.unit.map(Unit::as_str))
                .bind(f.total.map(i64::from))
                .bind(f.provided.map(i64::from))
                .bind(f.department.id)
                .bind(now)
                .execute(c)
                .await
                .map(|_| ()))?;
            if let Some(photo) = photo_of_item(&f.item) {
                let sql = "INSERT INTO finding_photos (finding_id, photo_id, kind)
                           VALUES ($1, $2, 'before')";
                on_tx!(|c| sqlx::query(sql)
                    .bind(id)
                    .bind(photo)
                    .execute(c)
                    .await
                    .map(|_| ()))?;
            }
        }
        let sql = "INSERT INTO site_summaries (site_id, audit_id, approved_at, level, critical,
                       major, minor, score, features, updated_at)
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $3)";
        on_tx!(|c| sqlx::query(sql)
            .bind(draft.site.id)
            .bind(draft.id)
            .bind(now)
            .bind(summary.level.as_str())
            .bind(i64::from(summary.critical))
            .bind(i64::from(summary.major))
            .bind(i64::from(summary.minor))
            .bind(i64::from(summary.score))
            .bind(&features)
            .execute(c)
            .await
            .map(|_| ()))?;
        tx.commit().await?;
        Ok(started.end())
    }
}

/// Statements counted while [`COUNTING`] is on: sqlx reports each one it runs as a
/// `sqlx::query` event.
static STATEMENTS: AtomicUsize = AtomicUsize::new(0);
/// On for the one round whose statements are counted (off while timing).
static COUNTING: AtomicBool = AtomicBool::new(false);

/// Counts sqlx's statement events while [`COUNTING`] is on; lets nothing else through.
struct CountStatements;

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for CountStatements {
    fn register_callsite(&self, meta: &'static tracing::Metadata<'static>) -> Interest {
        if meta.target() == "sqlx::query" {
            Interest::sometimes()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, meta: &tracing::Metadata<'_>, _: Context<'_, S>) -> bool {
        meta.target() == "sqlx::query" && COUNTING.load(Ordering::Relaxed)
    }

    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        STATEMENTS.fetch_add(1, Ordering::Relaxed);
        if std::env::var_os("STATEMENT_LOG").is_some() {
            // Each statement's summary and the time sqlx measured for it, to tell the
            // database's work from the rest.
            let mut fields = Fields(String::new());
            event.record(&mut fields);
            eprintln!("statement:{}", fields.0);
        }
    }
}

/// The fields of a statement event, as text.
struct Fields(String);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if matches!(field.name(), "summary" | "elapsed" | "rows_returned") {
            let text = format!("{value:?}");
            self.0.push_str(&format!(
                " {}={}",
                field.name(),
                &text[..text.len().min(70)]
            ));
        }
    }
}

/// What a timed step took: its time, and the statements it ran when [`COUNTING`] was on.
#[derive(Debug, Clone, Copy)]
struct Step {
    time: Duration,
    statements: usize,
}

/// A step under way.
struct Started {
    at: Instant,
    statements: usize,
}

impl Step {
    fn start() -> Started {
        Started {
            at: Instant::now(),
            statements: STATEMENTS.load(Ordering::Relaxed),
        }
    }
}

impl Started {
    fn end(self) -> Step {
        Step {
            time: self.at.elapsed(),
            statements: STATEMENTS.load(Ordering::Relaxed) - self.statements,
        }
    }
}

/// The median, the 95th percentile, and audits per second at the median.
fn spread(times: &mut [Duration]) -> (Duration, Duration, f64) {
    times.sort();
    let median = times[times.len() / 2];
    let p95 = times[((times.len() as f64 - 1.0) * 0.95).round() as usize];
    (median, p95, 1.0 / median.as_secs_f64())
}

async fn run(
    name: &str,
    postgres: Option<&str>,
    rounds: usize,
    warmup: usize,
) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let url = fresh(dir.path(), postgres).await?;
    let config = common::config(dir.path(), Some(&url));
    let state = tiepcan::server::prepare(&config).await?;
    let bench = Bench::new(state.services.clone()).await?;
    let (mut approving, mut whole, mut raw) = (Vec::new(), Vec::new(), Vec::new());
    for n in 0..warmup + rounds {
        let (answering, approval, approved) = bench.approval(2 * n + 1).await?;
        let inserting = bench.raw(2 * n + 2, &approved).await?;
        if n >= warmup {
            approving.push(approval.time);
            whole.push(answering.time + approval.time);
            raw.push(inserting.time);
        }
    }
    // One more round, not counted in the times, to count the statements of each step.
    COUNTING.store(true, Ordering::Relaxed);
    let n = warmup + rounds;
    let (answering, approval, approved) = bench.approval(2 * n + 1).await?;
    let inserting = bench.raw(2 * n + 2, &approved).await?;
    COUNTING.store(false, Ordering::Relaxed);

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let row = |what: &str, times: &mut Vec<Duration>, statements: usize| {
        let (median, p95, rate) = spread(times);
        println!(
            "{name:<10} {what:<30} {:>8.2} ms {:>8.2} ms {rate:>9.1} {statements:>11}",
            ms(median),
            ms(p95),
        );
        rate
    };
    let approval_rate = row("submit + approve", &mut approving, approval.statements);
    let whole_rate = row(
        "answer + submit + approve",
        &mut whole,
        answering.statements + approval.statements,
    );
    let raw_rate = row("raw INSERTs, 1 transaction", &mut raw, inserting.statements);
    println!(
        "{name:<10} rate of submit + approve / raw: {:.2}; of answer + submit + approve / raw: {:.2}",
        approval_rate / raw_rate,
        whole_rate / raw_rate
    );
    bench.s.db.close().await;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::registry().with(CountStatements).init();
    let rounds = env_number("ROUNDS", 200);
    let warmup = env_number("WARMUP", 10);
    let postgres = std::env::var("TIEPCAN_BENCH_POSTGRES_URL").ok();
    println!(
        "{:<10} {:<30} {:>11} {:>11} {:>9} {:>11}",
        "backend", "what", "median", "p95", "audits/s", "statements"
    );
    run("sqlite", None, rounds, warmup).await?;
    if let Some(url) = postgres.as_deref() {
        run("postgres", Some(url), rounds, warmup).await?;
    }
    Ok(())
}
