//! Wording for refused backups and restores, in the user's language.

use crate::domain::backup::Refusal;
use crate::domain::lang::Lang;

/// One sentence saying why a backup or a restore did not happen.
pub fn refusal_text(refusal: &Refusal, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let (in_vi, in_en) = match refusal {
        Refusal::Postgres => (
            "Cơ sở dữ liệu là PostgreSQL; lệnh này chỉ sao lưu và khôi phục SQLite. Với PostgreSQL, \
             sao lưu bằng pg_dump -Fc, khôi phục bằng pg_restore và chép kho ảnh: xem mục \
             “Back up and restore” trong README."
                .to_owned(),
            "The database is PostgreSQL; this command backs up and restores SQLite only. For \
             PostgreSQL, back up with pg_dump -Fc, restore with pg_restore, and copy the photo \
             store: see “Back up and restore” in the README."
                .to_owned(),
        ),
        Refusal::NotAFolder { path } => (
            format!("{path} không phải là một thư mục."),
            format!("{path} is not a folder."),
        ),
        Refusal::OutNotEmpty { dir, holds } => (
            format!("Thư mục {dir} không trống (có {holds}); hãy chọn một thư mục mới hoặc trống."),
            format!("The folder {dir} is not empty (it holds {holds}); choose a new or empty folder."),
        ),
        Refusal::ObjectsMissing { keys, count } => (
            format!(
                "Kho ảnh thiếu {count} tệp mà cơ sở dữ liệu tham chiếu: {}. Lệnh `tiepcan photos check` liệt kê chúng.",
                keys.join(", ")
            ),
            format!(
                "The photo store lacks {count} object(s) the database refers to: {}. `tiepcan photos check` lists them.",
                keys.join(", ")
            ),
        ),
        Refusal::NoManifest { dir } => (
            format!(
                "{dir} không có manifest.json: đây không phải thư mục sao lưu, hoặc lần sao lưu chưa hoàn tất."
            ),
            format!(
                "{dir} holds no manifest.json: it is not a backup folder, or its backup did not finish."
            ),
        ),
        Refusal::BadManifest { file, reason } => (
            format!("Không đọc được {file}: {reason}."),
            format!("{file} cannot be read: {reason}."),
        ),
        Refusal::StrangeEntry { path } => (
            format!("manifest.json liệt kê {path}, một tệp không thể có trong bản sao lưu."),
            format!("manifest.json lists {path}, which no backup holds."),
        ),
        Refusal::Missing { path } => (
            format!("Thiếu tệp {path} (manifest.json có liệt kê)."),
            format!("{path} is missing (manifest.json lists it)."),
        ),
        Refusal::Altered { path } => (
            format!("Tệp {path} đã bị thay đổi: kích thước hoặc SHA-256 khác với manifest.json."),
            format!("{path} has been altered: its size or SHA-256 differs from manifest.json."),
        ),
        Refusal::NewerSchema { found, known } => (
            format!(
                "Cơ sở dữ liệu trong bản sao lưu ở phiên bản lược đồ {found}, mới hơn phiên bản {known} mà bản tiepcan này biết; hãy khôi phục bằng bản tiepcan mới bằng hoặc hơn bản đã sao lưu."
            ),
            format!(
                "The backup's database is at schema version {found}, newer than this tiepcan knows ({known}); restore it with a tiepcan at least as new as the one that made it."
            ),
        ),
        Refusal::TargetNotEmpty { what } => (
            format!(
                "Nơi khôi phục đã có dữ liệu: {what}. Chỉ khôi phục vào thư mục dữ liệu trống và kho ảnh trống."
            ),
            format!(
                "The target already holds data: {what}. Restore only into an empty data folder and an empty photo store."
            ),
        ),
    };
    if vi { in_vi } else { in_en }
}

/// The line after a refusal: it changed nothing.
pub fn nothing_written(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Không có gì được ghi.",
        Lang::En => "Nothing was written.",
    }
}
