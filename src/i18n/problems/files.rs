//! Kinds of files, named for a person who sent the wrong one.

use super::either;

/// What a file is, named for a person (from the photo pipeline's kind codes).
pub(super) fn file_kind(code: &str, vi: bool) -> &'static str {
    match (code, vi) {
        ("heic", true) => {
            "ảnh HEIC (định dạng mặc định của iPhone; hãy chọn “Tương thích nhất” trong Cài đặt > Camera > Định dạng)"
        }
        ("heic", false) => {
            "a HEIC image (the iPhone's default; choose “Most Compatible” in Settings > Camera > Formats)"
        }
        ("avif", true) => "ảnh AVIF",
        ("avif", false) => "an AVIF image",
        ("gif", true) => "ảnh GIF",
        ("gif", false) => "a GIF image",
        ("tiff", true) => "ảnh TIFF hoặc ảnh RAW",
        ("tiff", false) => "a TIFF or camera RAW image",
        ("bmp", true) => "ảnh BMP",
        ("bmp", false) => "a BMP image",
        ("pdf", true) => "tài liệu PDF",
        ("pdf", false) => "a PDF document",
        ("zip", true) => "tệp nén ZIP",
        ("zip", false) => "a ZIP archive",
        ("office", true) => "tài liệu văn phòng (Word, Excel...)",
        ("office", false) => "an office document (Word, Excel...)",
        ("video", true) => "video",
        ("video", false) => "a video",
        ("text", true) => "văn bản",
        ("text", false) => "text",
        (_, true) => "một loại tệp khác",
        (_, false) => "another kind of file",
    }
}

/// A photo that would take too much to decode.
pub(super) fn photo_too_demanding(vi: bool) -> String {
    super::pick(
        vi,
        "Ảnh này cần quá nhiều bộ nhớ để đọc; hãy gửi ảnh nhỏ hơn.",
        "This photo needs too much memory to read; send a smaller one.",
    )
}

/// A photo that could not be read.
pub(super) fn broken_photo(vi: bool) -> String {
    super::pick(
        vi,
        "Tệp ảnh bị cắt ngắn hoặc hỏng; hãy chụp hoặc gửi lại.",
        "The photo file is cut short or damaged; take or send it again.",
    )
}

/// An after-photo that is the before-photo.
pub(super) fn same_as_before_photo(vi: bool) -> String {
    super::pick(
        vi,
        "Ảnh này là ảnh chụp khi phát hiện rào cản, không phải ảnh sau khắc phục.",
        "This photo is the one taken when the finding was found, not one of the fix.",
    )
}

/// A resumable upload's part that does not start where the server's copy ends.
pub(super) fn offset_mismatch(expected: u64, vi: bool) -> String {
    either(
        vi,
        format!(
            "Máy chủ đang giữ {expected} byte của tệp này; phần gửi tiếp phải bắt đầu từ đó (hỏi lại vị trí bằng HEAD)."
        ),
        format!(
            "The server holds {expected} bytes of this file; the next part must start there (ask again with HEAD)."
        ),
    )
}
