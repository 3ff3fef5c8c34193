//! Open data as CSV: every public site fact, and the OpenStreetMap tags for review. Both
//! are UTF-8 with a byte order mark (spreadsheet programs then read Vietnamese correctly),
//! with machine-readable headings; text people typed (names, addresses) that a spreadsheet
//! would run as a formula is made plain text, numbers and codes are left as they are.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::inert;
use crate::domain::checklist::Feature;
use crate::domain::export::{ExportSite, LICENCE, osm_tags};
use crate::domain::lang::Lang;
use crate::views::labels::feature_label;

fn write(rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        for row in rows {
            writer.write_record(&row).expect("writing to memory");
        }
        writer.flush().expect("writing to memory");
    }
    out
}

/// When an export was made, to the second in UTC (`2026-12-02T07:07:41Z`).
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The day a site was last fully audited, in the province.
fn audited_on(site: &ExportSite, zone: Tz) -> Option<chrono::NaiveDate> {
    site.site
        .last_audit
        .map(|at| at.with_timezone(&zone).date_naive())
}

/// Every site, one row each, with a column per feature group and, last, the counts of the
/// public's reports about it that a moderator answered.
pub fn sites_csv(sites: &[ExportSite], zone: Tz, base: &str, generated: DateTime<Utc>) -> Vec<u8> {
    let mut header: Vec<String> = [
        "id",
        "name",
        "kind",
        "subtype",
        "lat",
        "lon",
        "address",
        "operator",
        "area_code",
        "area_name",
        "department",
        "level",
        "last_audit",
        "barriers_standing",
    ]
    .iter()
    .map(|h| (*h).to_owned())
    .collect();
    header.extend(
        Feature::ALL
            .iter()
            .map(|f| format!("feature_{}", f.as_str())),
    );
    header.extend(["url", "licence", "generated_at"].map(str::to_owned));
    // Added after the release whose columns ended with `generated_at`: at the end, so a
    // program that reads columns by their place reads the same.
    header.extend(
        crate::domain::export::AnsweredReports::default()
            .named()
            .map(|(name, _)| name.to_owned()),
    );
    let generated = stamp(generated);
    let rows = sites.iter().map(|s| {
        let m = &s.site;
        let (area_code, area_name) = s.area.clone().unwrap_or_default();
        let mut row = vec![
            m.id.to_string(),
            inert(m.name.clone()),
            m.kind.as_str().to_owned(),
            m.subtype.as_str().to_owned(),
            format!("{:.6}", m.location.lat()),
            format!("{:.6}", m.location.lon()),
            inert(s.address.clone().unwrap_or_default()),
            inert(s.operator.clone().unwrap_or_default()),
            area_code,
            inert(area_name),
            s.department.clone(),
            m.level.as_str().to_owned(),
            audited_on(s, zone)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            s.barriers.to_string(),
        ];
        row.extend(Feature::ALL.iter().map(|f| {
            m.features
                .iter()
                .find(|(g, _)| g == f)
                .map(|(_, state)| state.as_str().to_owned())
                .unwrap_or_default()
        }));
        row.extend([
            format!("{base}/sites/{}", m.id),
            LICENCE.to_owned(),
            generated.clone(),
        ]);
        row.extend(s.reports.named().map(|(_, n)| n.to_string()));
        row
    });
    write(std::iter::once(header).chain(rows))
}

/// The OSM tags each audited site suggests (sites never audited suggest none).
pub fn osm_tags_csv(sites: &[ExportSite], zone: Tz, base: &str) -> Vec<u8> {
    let header = [
        "id",
        "name",
        "lat",
        "lon",
        "wheelchair",
        "toilets:wheelchair",
        "wheelchair:description",
        "checked_on",
        "url",
    ]
    .map(str::to_owned)
    .to_vec();
    let vietnamese = |f: Feature| feature_label(f).get(Lang::Vi);
    let rows = sites.iter().filter_map(|s| {
        let m = &s.site;
        let checked = audited_on(s, zone);
        let tags = osm_tags(m.level, &m.features, checked, vietnamese)?;
        Some(vec![
            m.id.to_string(),
            inert(m.name.clone()),
            format!("{:.6}", m.location.lat()),
            format!("{:.6}", m.location.lon()),
            tags.wheelchair.to_owned(),
            tags.toilets_wheelchair.unwrap_or_default().to_owned(),
            tags.description,
            checked.map(|d| d.to_string()).unwrap_or_default(),
            format!("{base}/sites/{}", m.id),
        ])
    });
    write(std::iter::once(header).chain(rows))
}
