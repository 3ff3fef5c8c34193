//! Import tests: every bad row is reported, with its line and field.

use super::*;

fn region() -> Bbox {
    crate::domain::geo::LANG_SON_BBOX.parse().expect("valid")
}

fn departments() -> Directory {
    let dept = |n: u128, code: &str| crate::domain::department::Department {
        id: uuid::Uuid::from_u128(n),
        code: code.into(),
        name: crate::domain::lang::Bilingual {
            vi: code.into(),
            en: code.into(),
        },
        version: 1,
    };
    Directory::new([
        dept(1, "construction"),
        dept(2, "transport"),
        dept(3, "culture"),
    ])
}

fn check(format: Format, text: &str) -> Result<Vec<Row<NewSite>>, ImportReport> {
    let rows = read_site_rows(format, text.as_bytes())?;
    check_site_rows(rows, &region(), &departments(), &HashSet::new())
}

fn problem(report: &ImportReport, row: usize, field: &str) -> Problem {
    report
        .rows
        .iter()
        .find(|r| r.row == row)
        .and_then(|r| r.errors.for_field(field))
        .cloned()
        .unwrap_or_else(|| panic!("no error for row {row} field {field}: {report:?}"))
}

#[test]
fn csv_with_bad_rows_reports_each_by_line_and_reason() {
    let csv = "name,kind,subtype,lat,lon,address,department,operator\n\
        Bảo tàng,cultural_site,museum,21.85,106.76,,culture,\n\
        ,public_building,,21.85,106.76,,construction,\n\
        Chợ,castle,,21.85,106.76,,construction,\n\
        Ga,transport_stop,,abc,106.76,,transport,\n\
        Hà Nội,public_building,,21.03,105.85,,construction,\n\
        Bảo tàng,cultural_site,museum,21.85,106.76,,culture,\n\
        Trạm,transport_stop,,21.9,106.8,,health,\n";
    let report = check(Format::Csv, csv).expect_err("bad rows");
    assert_eq!(report.rows.len(), 6, "{report:?}");
    assert_eq!(problem(&report, 3, "name"), Problem::Required);
    assert!(matches!(
        problem(&report, 4, "kind"),
        Problem::NotOneOf { .. }
    ));
    assert_eq!(problem(&report, 5, "lat"), Problem::NotANumber);
    assert!(matches!(
        problem(&report, 6, "lon"),
        Problem::OutsideRegion { .. }
    ));
    assert_eq!(
        problem(&report, 7, "name"),
        Problem::Duplicate { of: "2".into() }
    );
    assert!(matches!(
        problem(&report, 8, "department"),
        Problem::NotOneOf { .. }
    ));
}

#[test]
fn csv_without_required_column_is_refused_whole() {
    let report = check(Format::Csv, "name,kind\nA,public_building\n").expect_err("bad header");
    assert_eq!(report.rows[0].row, 0);
    assert!(matches!(
        problem(&report, 0, "header"),
        Problem::MissingColumn { .. }
    ));
}

#[test]
fn a_site_already_stored_is_a_duplicate() {
    let csv = "name,kind,lat,lon,department\nBảo tàng,cultural_site,21.85,106.76,culture\n";
    let rows = read_site_rows(Format::Csv, csv.as_bytes()).expect("readable");
    let existing = HashSet::from([duplicate_key("bao tang", 106.76001, 21.85)]);
    let report = check_site_rows(rows, &region(), &departments(), &existing).expect_err("dup");
    assert_eq!(
        problem(&report, 2, "name"),
        Problem::Duplicate {
            of: "existing".into()
        }
    );
}

#[test]
fn geojson_points_are_read_lon_lat() {
    let text = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","geometry":{"type":"Point","coordinates":[106.76,21.85]},
         "properties":{"name":"Ga Lạng Sơn","kind":"transport_stop","subtype":"rail_station","department":"transport"}}]}"#;
    let rows = check(Format::GeoJson, text).expect("valid");
    assert_eq!(rows[0].value.location.lon(), 106.76);
    assert_eq!(rows[0].value.location.lat(), 21.85);
}

#[test]
fn malformed_geojson_and_non_points_are_reported() {
    let report = check(Format::GeoJson, "{not json").expect_err("malformed");
    assert!(matches!(
        problem(&report, 0, "file"),
        Problem::Malformed { .. }
    ));
    let line = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","geometry":{"type":"LineString","coordinates":[[106.7,21.8],[106.8,21.9]]},"properties":{}}]}"#;
    let report = check(Format::GeoJson, line).expect_err("not a point");
    assert!(matches!(
        problem(&report, 1, "geometry"),
        Problem::Malformed { .. }
    ));
}

#[test]
fn areas_need_code_level_and_a_boundary_in_the_region() {
    let text = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[106.7,21.8],[106.8,21.8],[106.8,21.9],[106.7,21.8]]]},
         "properties":{"code":"178","name":"TP Lạng Sơn","level":"district","valid_to":"2025-07-01","approximate":true}},
        {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,1]]]},
         "properties":{"code":"178","name":"Far","level":"city"}}]}"#;
    let report = read_areas(text, &region()).expect_err("second is bad");
    assert_eq!(report.rows.len(), 1);
    assert_eq!(
        problem(&report, 2, "code"),
        Problem::Duplicate { of: "1".into() }
    );
    assert!(matches!(
        problem(&report, 2, "level"),
        Problem::NotOneOf { .. }
    ));
    assert!(matches!(
        problem(&report, 2, "geometry"),
        Problem::OutsideRegion { .. }
    ));
}

#[test]
fn a_spreadsheet_byte_order_mark_does_not_hide_the_header() {
    let csv = "\u{feff}name,kind,lat,lon,department\nGa,transport_stop,21.85,106.76,transport\n";
    let rows = check(Format::Csv, csv).expect("valid");
    assert_eq!(rows.len(), 1);
}
