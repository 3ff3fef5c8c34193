//! Demo audits: field staff for each department, and audits of about half of the demo
//! sites filled, photographed and reviewed through the same use cases as any other audit,
//! so the levels, findings and public pages on first start are computed, not made up.

use bytes::Bytes;
use uuid::Uuid;

use crate::app::audits::{self, ReviewInput, StartInput, Started};
use crate::app::photo_files::{self, Upload};
use crate::app::photos;
use crate::app::{Error, Services};
use crate::domain::actor::Actor;
use crate::domain::audit::{Audit, PhotoOwner};
use crate::domain::demo::{Outlook, audit_answers};
use crate::domain::photo::{Processed, sample};
use crate::domain::site::{Site, Subtype};
use crate::store::{audits as audit_rows, sites, users};

/// Who fills and who reviews the audits of each department's sites (created by
/// [`crate::app::users::seed_demo`]).
pub const FIELD_STAFF: [(&str, &str, &str); 3] = [
    ("construction", "kiemtra", "pheduyet"),
    ("transport", "kiemtra.gt", "pheduyet.gt"),
    ("culture", "kiemtra.vh", "pheduyet.vh"),
];

/// What becomes of the `n`-th audited site: approved with an outlook, or left at a step
/// of the way so that each queue has something in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Approved(Outlook),
    Submitted,
    Returned,
    Draft,
}

fn fate(n: usize) -> Fate {
    match n {
        3 | 11 => Fate::Submitted,
        7 => Fate::Returned,
        15 => Fate::Draft,
        _ => Fate::Approved(match n % 5 {
            0 | 3 => Outlook::Partly,
            1 | 4 => Outlook::Accessible,
            _ => Outlook::NotAccessible,
        }),
    }
}

/// A few photographs, made and processed once; every demo photo record reuses them, so
/// the store holds each file once.
async fn demo_photos(s: &Services) -> Result<Vec<(Processed, Bytes)>, Error> {
    let mut made = Vec::new();
    for seed in 1..=4 {
        let jpeg = Bytes::from(sample::camera_jpeg(&sample::scene(1200, 900, seed), 85));
        let processed = photo_files::process(&s.photos, jpeg.clone()).await?;
        photo_files::store_objects(s, &processed, &jpeg).await?;
        made.push((processed, jpeg));
    }
    Ok(made)
}

async fn person(s: &Services, username: &str) -> Result<Actor, Error> {
    let user = users::by_username(&mut s.db.conn().await?, username)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo user {username} is missing"))?;
    Ok(Actor::person(&user))
}

/// Adds the photos `audit` still lacks, one of the demo's photographs each.
async fn photograph(
    s: &Services,
    actor: &Actor,
    audit: &Audit,
    made: &[(Processed, Bytes)],
) -> Result<(), Error> {
    let answers = audit.item_answers();
    let wanted: Vec<String> = audit
        .sheet(&answers)
        .missing_photos()
        .into_iter()
        .map(str::to_owned)
        .collect();
    let me = actor.user_id().ok_or(Error::Forbidden)?;
    for (n, item) in wanted.into_iter().enumerate() {
        let (processed, original) = &made[n % made.len()];
        let upload = Upload {
            item: Some(item),
            ..Upload::default()
        };
        let photo = photo_files::record_of(
            Uuid::now_v7(),
            PhotoOwner::Audit(audit.id),
            &upload,
            None,
            processed,
            Some(me),
            s.now(),
        );
        let files = photo_files::objects_of(processed, original);
        photos::record(s, actor, &photo, &files, None).await?;
    }
    Ok(())
}

/// Fills, photographs and reviews an audit of `site` as its department's demo staff.
async fn audit_site(
    s: &Services,
    site: &Site,
    n: usize,
    made: &[(Processed, Bytes)],
) -> Result<Fate, Error> {
    let Some((_, inspector, reviewer)) = FIELD_STAFF
        .iter()
        .find(|(code, _, _)| *code == site.department.code)
    else {
        return Err(anyhow::anyhow!("no demo staff for {}", site.department.code).into());
    };
    let inspector = person(s, inspector).await?;
    let reviewer = person(s, reviewer).await?;
    let start = StartInput {
        key: Some(Uuid::now_v7().to_string()),
        lat: Some(site.location.lat()),
        lon: Some(site.location.lon()),
        accuracy: Some(8.0),
        follow_up: None,
    };
    let audit = match audits::start(s, &inspector, site.id, &start).await? {
        Started::New(audit) | Started::Again(audit) => audit,
    };
    let fate = fate(n);
    let outlook = match fate {
        Fate::Approved(outlook) => outlook,
        _ => Outlook::Partly,
    };
    // The checklist as asked at this site's subtype.
    let checklist = audit.checklist.clone();
    let answers = audit_answers(&checklist, outlook, n % 3 != 2, n as u64);
    let audit = audits::answer(s, &inspector, audit.id, &answers).await?;
    if fate == Fate::Draft {
        return Ok(fate);
    }
    photograph(s, &inspector, &audit, made).await?;
    audits::submit(s, &inspector, audit.id).await?;
    let decision = match fate {
        Fate::Submitted => return Ok(fate),
        Fate::Returned => ReviewInput {
            decision: Some("return".into()),
            comment: Some(
                "Thiếu số đo độ dốc đường dốc ở cổng phụ; đề nghị đo lại và bổ sung ảnh.".into(),
            ),
            ..ReviewInput::default()
        },
        _ => ReviewInput {
            decision: Some("approve".into()),
            ..ReviewInput::default()
        },
    };
    audits::review(s, &reviewer, audit.id, &decision).await?;
    Ok(fate)
}

/// Audits every other demo site (in name order) unless audits exist already; returns how
/// many it approved.
pub async fn seed(s: &Services) -> Result<usize, Error> {
    let mut conn = s.db.conn().await?;
    if audit_rows::count_all(&mut conn).await? > 0 {
        return Ok(0);
    }
    let mut all = sites::list(
        &mut conn,
        &sites::Filter {
            limit: 10_000,
            ..sites::Filter::default()
        },
    )
    .await?;
    drop(conn);
    all.sort_by(|a, b| a.name.cmp(&b.name));
    let chosen: Vec<Site> = all.into_iter().step_by(2).collect();
    audit_each(s, &chosen).await
}

/// Audits each of `sites` as the demo staff of its department; returns how many it
/// approved.
async fn audit_each(s: &Services, sites: &[Site]) -> Result<usize, Error> {
    for (_, inspector, reviewer) in FIELD_STAFF {
        for name in [inspector, reviewer] {
            person(s, name).await.map_err(|_| {
                Error::from(anyhow::anyhow!(
                    "demo user `{name}` is missing: load the demo data first (tiepcan --demo)"
                ))
            })?;
        }
    }
    let made = demo_photos(s).await?;
    let mut approved = 0;
    for (n, site) in sites.iter().enumerate() {
        if matches!(audit_site(s, site, n, &made).await?, Fate::Approved(_)) {
            approved += 1;
        }
    }
    remediate(s, &made).await?;
    Ok(approved)
}

/// How many of each department's findings the demo moves on.
const REMEDIATED_PER_DEPARTMENT: usize = 8;

/// Moves some of each department's findings on their way, as its staff would: planned
/// with a due date, work started, marked fixed with a photo of the fix, or (at a heritage
/// site) decided not to be fixed; the rest stay open.
async fn remediate(s: &Services, made: &[(Processed, Bytes)]) -> Result<(), Error> {
    use crate::app::findings::{self, TransitionInput};
    use crate::domain::finding::Filter;
    for (department, inspector, reviewer) in FIELD_STAFF {
        let inspector = person(s, inspector).await?;
        let reviewer = person(s, reviewer).await?;
        let code =
            crate::app::departments::resolve(&mut s.db.conn().await?, "department", department)
                .await?
                .id;
        let list = findings::list(
            s,
            &reviewer,
            &Filter {
                department: Some(code),
                limit: 500,
                ..Filter::default()
            },
        )
        .await?;
        let mut sites_done = std::collections::HashSet::new();
        let mut n = 0;
        for finding in list {
            if n == REMEDIATED_PER_DEPARTMENT {
                break;
            }
            // One finding per site, so each site's page tells one story.
            if !sites_done.insert(finding.site_id) {
                continue;
            }
            // A monument or historic site is treated as listed heritage here.
            let heritage = sites::by_id(&mut s.db.conn().await?, finding.site_id)
                .await?
                .is_some_and(|site| {
                    site.heritage
                        || matches!(
                            site.subtype,
                            Subtype::Monument | Subtype::HistoricSite | Subtype::ReligiousSite
                        )
                });
            let due = |days| Some((s.today() + chrono::Duration::days(days)).to_string());
            let plan = TransitionInput {
                to: Some("planned".into()),
                due_date: due(30 + 15 * n as i64),
                budget_year: Some(findings::YearField::Number(2027)),
                // A few million đồng for each fix, varied so the totals read as real ones.
                estimated_cost: Some(findings::CostField::Number(
                    (8 + 7 * (n % 5)) as f64 * 1_000_000.0,
                )),
                comment: Some("Đưa vào kế hoạch sửa chữa năm 2027.".into()),
                ..TransitionInput::default()
            };
            let step = |to: &str, comment: &str| TransitionInput {
                to: Some(to.into()),
                comment: Some(comment.into()),
                ..TransitionInput::default()
            };
            match (heritage, n % 4) {
                (true, _) => {
                    let give_up = TransitionInput {
                        to: Some("wont_fix".into()),
                        reason: Some(
                            "Công trình là di tích được xếp hạng; không được thay đổi kết cấu. Bố trí hỗ trợ tại chỗ thay thế."
                                .into(),
                        ),
                        ..TransitionInput::default()
                    };
                    findings::transition(s, &reviewer, finding.id, &give_up, Vec::new(), None)
                        .await?;
                }
                (false, 0) => {
                    findings::transition(s, &reviewer, finding.id, &plan, Vec::new(), None).await?;
                }
                (false, 1) => {
                    findings::transition(s, &reviewer, finding.id, &plan, Vec::new(), None).await?;
                    let start = step("in_progress", "Nhà thầu đã bắt đầu thi công.");
                    findings::transition(s, &reviewer, finding.id, &start, Vec::new(), None)
                        .await?;
                }
                (false, 2) => {
                    let (_, original) = &made[n % made.len()];
                    let photo = Upload {
                        bytes: original.clone(),
                        ..Upload::default()
                    };
                    let fixed = TransitionInput {
                        actual_cost: Some(findings::CostField::Number(
                            (6 + 5 * (n % 3)) as f64 * 1_000_000.0,
                        )),
                        ..step("fixed", "Đã sửa xong, ảnh chụp sau khi hoàn thành.")
                    };
                    findings::transition(s, &inspector, finding.id, &fixed, vec![photo], None)
                        .await?;
                }
                (false, _) => {}
            }
            n += 1;
        }
    }
    Ok(())
}

/// Audits every other site of `ids` (for `tiepcan demo generate --audits`).
pub async fn audit_sites(s: &Services, ids: &[Uuid]) -> Result<usize, Error> {
    let mut chosen = Vec::with_capacity(ids.len() / 2 + 1);
    let mut conn = s.db.conn().await?;
    for id in ids.iter().step_by(2) {
        if let Some(site) = sites::by_id(&mut conn, *id).await? {
            chosen.push(site);
        }
    }
    drop(conn);
    audit_each(s, &chosen).await
}
