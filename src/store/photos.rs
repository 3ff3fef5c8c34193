//! Photo records. The bytes are in the object store; these rows say which objects belong to
//! which audit and item, and keep the private EXIF facts.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Access, Tx, on_backend, per_backend};
use crate::domain::audit::{Image, Photo};
use crate::domain::geo::Coordinates;

/// Every column of a photo (a macro so queries stay `&'static str`).
macro_rules! select_photos {
    () => {
        "SELECT p.id, p.audit_id, p.report_id, p.item_code, p.caption, p.original_sha256, p.original_type,
            p.original_bytes, p.width, p.height, p.display_sha256, p.display_width,
            p.display_height, p.thumb_sha256, p.thumb_width, p.thumb_height, p.taken_at,
            p.exif_lat, p.exif_lon, p.uploaded_by, p.uploaded_at
         FROM photos p "
    };
}

/// A photo's columns: a row, or one object of the JSON list [`of_audit`] reads (ids as text,
/// SQLite's `hex` of the bytes or PostgreSQL's own form; the upload time as each backend
/// writes it).
#[derive(sqlx::FromRow, serde::Deserialize)]
struct Row {
    id: Uuid,
    audit_id: Option<Uuid>,
    #[serde(default)]
    report_id: Option<Uuid>,
    item_code: Option<String>,
    caption: Option<String>,
    original_sha256: String,
    original_type: String,
    original_bytes: i64,
    width: i64,
    height: i64,
    display_sha256: String,
    display_width: i64,
    display_height: i64,
    thumb_sha256: String,
    thumb_width: i64,
    thumb_height: i64,
    taken_at: Option<String>,
    exif_lat: Option<f64>,
    exif_lon: Option<f64>,
    uploaded_by: Option<Uuid>,
    #[serde(deserialize_with = "stored_time")]
    uploaded_at: DateTime<Utc>,
}

/// A time as the backends write it in JSON: SQLite's text has a space where RFC 3339 has `T`.
fn stored_time<'de, D: serde::Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
    DateTime::parse_from_rfc3339(&text.replacen(' ', "T", 1))
        .map(|t| t.with_timezone(&Utc))
        .map_err(serde::de::Error::custom)
}

fn pixels(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

impl From<Row> for Photo {
    fn from(r: Row) -> Self {
        let image = |sha256, width, height| Image {
            sha256,
            width: pixels(width),
            height: pixels(height),
        };
        Photo {
            id: r.id,
            audit_id: r.audit_id,
            report_id: r.report_id,
            item: r.item_code,
            caption: r.caption,
            original: image(r.original_sha256, r.width, r.height),
            original_type: r.original_type,
            original_bytes: u64::try_from(r.original_bytes).unwrap_or(0),
            display: image(r.display_sha256, r.display_width, r.display_height),
            thumb: image(r.thumb_sha256, r.thumb_width, r.thumb_height),
            taken_at: r.taken_at,
            exif_position: match (r.exif_lon, r.exif_lat) {
                (Some(lon), Some(lat)) => Coordinates::new(lon, lat).ok(),
                _ => None,
            },
            uploaded_by: r.uploaded_by,
            uploaded_at: r.uploaded_at,
        }
    }
}

/// Records a photo whose objects are already stored.
pub async fn insert(tx: &mut Tx, p: &Photo) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO photos (id, audit_id, report_id, item_code, caption, original_sha256,
                   original_type, original_bytes, width, height, display_sha256, display_width,
                   display_height, thumb_sha256, thumb_width, thumb_height, taken_at, exif_lat,
                   exif_lon, uploaded_by, uploaded_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                   $17, $18, $19, $20, $21)";
    on_backend!(tx, |c| sqlx::query(sql)
        .bind(p.id)
        .bind(p.audit_id)
        .bind(p.report_id)
        .bind(&p.item)
        .bind(&p.caption)
        .bind(&p.original.sha256)
        .bind(&p.original_type)
        .bind(i64::try_from(p.original_bytes).unwrap_or(i64::MAX))
        .bind(i64::from(p.original.width))
        .bind(i64::from(p.original.height))
        .bind(&p.display.sha256)
        .bind(i64::from(p.display.width))
        .bind(i64::from(p.display.height))
        .bind(&p.thumb.sha256)
        .bind(i64::from(p.thumb.width))
        .bind(i64::from(p.thumb.height))
        .bind(&p.taken_at)
        .bind(p.exif_position.map(|c| c.lat()))
        .bind(p.exif_position.map(|c| c.lon()))
        .bind(p.uploaded_by)
        .bind(p.uploaded_at)
        .execute(c)
        .await
        .map(|_| ()))
}

/// The columns of [`Row`] as `json_object`/`json_build_object` arguments, but the ids.
macro_rules! photo_fields {
    () => {
        "'item_code', item_code, 'caption', caption, 'original_sha256', original_sha256,
         'original_type', original_type, 'original_bytes', original_bytes, 'width', width,
         'height', height, 'display_sha256', display_sha256, 'display_width', display_width,
         'display_height', display_height, 'thumb_sha256', thumb_sha256,
         'thumb_width', thumb_width, 'thumb_height', thumb_height, 'taken_at', taken_at,
         'exif_lat', exif_lat, 'exif_lon', exif_lon, 'uploaded_at', uploaded_at"
    };
}

/// The photos of audit `id`, in upload order; photos of a finding's fix, which are filed
/// under the audit that found it, are not the audit's own. They come as one row, a JSON
/// list, as an audit's answers do (see [`super::audits::answers`]): every step of an audit
/// reads them.
pub async fn of_audit(ex: &mut impl Access, id: Uuid) -> Result<Vec<Photo>, sqlx::Error> {
    let list: Option<String> = per_backend!(ex,
        sqlite: concat!(
            "SELECT json_group_array(json_object('id', hex(id), 'audit_id', hex(audit_id),
                    'uploaded_by', hex(uploaded_by), ", photo_fields!(), "))
             FROM (SELECT * FROM photos p WHERE p.audit_id = $1
                   AND NOT EXISTS (SELECT 1 FROM finding_photos f
                                   WHERE f.photo_id = p.id AND f.kind = 'after')
                   ORDER BY p.id)"),
        postgres: concat!(
            "SELECT json_agg(json_build_object('id', id, 'audit_id', audit_id,
                    'uploaded_by', uploaded_by, ", photo_fields!(), ") ORDER BY id)::text
             FROM photos p WHERE p.audit_id = $1
              AND NOT EXISTS (SELECT 1 FROM finding_photos f
                              WHERE f.photo_id = p.id AND f.kind = 'after')"),
        |c, sql| sqlx::query_scalar(sql).bind(id).fetch_one(c).await)?;
    let Some(list) = list else {
        return Ok(Vec::new());
    };
    let rows: Vec<Row> = serde_json::from_str(&list)
        .map_err(|e| sqlx::Error::Decode(format!("audit {id} photos: {e}").into()))?;
    let mut photos: Vec<Photo> = rows.into_iter().map(Photo::from).collect();
    photos.sort_by_key(|p| p.id);
    Ok(photos)
}

/// Every photo record (for the check of the object store against the records).
pub async fn all(ex: &mut impl Access) -> Result<Vec<Photo>, sqlx::Error> {
    let sql = concat!(select_photos!(), "ORDER BY p.id");
    let rows: Vec<Row> = on_backend!(ex, |c| sqlx::query_as(sql).fetch_all(c).await)?;
    Ok(rows.into_iter().map(Photo::from).collect())
}

/// Photo `id`, if any.
pub async fn by_id(ex: &mut impl Access, id: Uuid) -> Result<Option<Photo>, sqlx::Error> {
    let sql = concat!(select_photos!(), "WHERE p.id = $1");
    let row: Option<Row> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_optional(c).await)?;
    Ok(row.map(Photo::from))
}

/// The photos of barrier report `id`: sent with it, and of its finding's fixes; oldest
/// first.
pub async fn of_report(ex: &mut impl Access, id: Uuid) -> Result<Vec<Photo>, sqlx::Error> {
    let sql = concat!(select_photos!(), "WHERE p.report_id = $1 ORDER BY p.id");
    let rows: Vec<Row> = on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_all(c).await)?;
    Ok(rows.into_iter().map(Photo::from).collect())
}

/// Photo `id` if the public may see it: its audit is approved.
pub async fn public_by_id(ex: &mut impl Access, id: Uuid) -> Result<Option<Photo>, sqlx::Error> {
    let sql = concat!(
        select_photos!(),
        "JOIN audits a ON a.id = p.audit_id WHERE p.id = $1 AND a.state = 'approved'"
    );
    let row: Option<Row> =
        on_backend!(ex, |c| sqlx::query_as(sql).bind(id).fetch_optional(c).await)?;
    Ok(row.map(Photo::from))
}

/// Removes the record of photo `id` (its objects may still be used by another record).
pub async fn delete(tx: &mut Tx, id: Uuid) -> Result<bool, sqlx::Error> {
    let sql = "DELETE FROM photos WHERE id = $1";
    let done = on_backend!(tx, |c| sqlx::query(sql)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Takes the photo files' lock for the rest of `tx` (see the migration
/// `0006_photo_objects_lock`).
pub async fn lock_objects(tx: &mut Tx) -> Result<(), sqlx::Error> {
    let sql = "UPDATE photo_objects_lock SET id = id WHERE id = 1";
    on_backend!(tx, |c| sqlx::query(sql).execute(c).await.map(|_| ()))
}

/// True when some photo record refers to the object `sha256`.
pub async fn is_referenced(ex: &mut impl Access, sha256: &str) -> Result<bool, sqlx::Error> {
    let sql = "SELECT COUNT(*) FROM photos
               WHERE original_sha256 = $1 OR display_sha256 = $1 OR thumb_sha256 = $1";
    let n: i64 = on_backend!(ex, |c| sqlx::query_scalar(sql)
        .bind(sha256)
        .fetch_one(c)
        .await)?;
    Ok(n > 0)
}
