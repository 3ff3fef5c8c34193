//! Wording for problems with input, in the user's language.

mod barriers;
mod dates;
mod files;
mod observers;

use files::file_kind;

use crate::domain::lang::Lang;
use crate::domain::validation::Problem;

/// One sentence saying what is wrong.
pub fn problem_text(problem: &Problem, lang: Lang) -> String {
    use Problem::*;
    let vi = lang == Lang::Vi;
    match problem {
        Required => pick(vi, "Chưa nhập giá trị.", "A value is required."),
        TooLong { max } => either(
            vi,
            format!("Dài quá {max} ký tự."),
            format!("Longer than {max} characters."),
        ),
        TooShort { min } => either(
            vi,
            format!("Cần ít nhất {min} ký tự."),
            format!("At least {min} characters are needed."),
        ),
        BadUsername => pick(
            vi,
            "Tên đăng nhập gồm 3 đến 64 ký tự a-z, 0-9, dấu chấm, gạch dưới hoặc gạch ngang, bắt đầu bằng chữ hoặc số.",
            "A username has 3 to 64 of a-z, 0-9, dot, underscore or hyphen, starting with a letter or digit.",
        ),
        BadEmail => pick(
            vi,
            "Địa chỉ thư điện tử phải có dạng ten@mien.vn, không có khoảng trắng.",
            "An email address looks like name@domain.vn, with no spaces.",
        ),
        BadCode => pick(
            vi,
            "Mã gồm 2 đến 32 ký tự a-z, 0-9, gạch dưới hoặc gạch ngang, bắt đầu bằng chữ; không dấu, không khoảng trắng.",
            "A code has 2 to 32 of a-z, 0-9, underscore or hyphen, starting with a letter; no accents, no spaces.",
        ),
        SameDepartment => pick(
            vi,
            "Không thể sáp nhập một cơ quan vào chính nó.",
            "A department cannot be merged into itself.",
        ),
        MergedAway { into } => either(
            vi,
            format!("Cơ quan này đã được sáp nhập vào “{into}”; hãy dùng “{into}”."),
            format!("This department was merged into “{into}”; use “{into}”."),
        ),
        Retired => pick(
            vi,
            "Cơ quan này đã ngừng hoạt động và không nhận công việc.",
            "This department is retired and takes no work.",
        ),
        OpenWork {
            sites,
            users,
            audits,
            findings,
        } => either(
            vi,
            format!(
                "Cơ quan vẫn còn {sites} địa điểm, {users} người dùng, {audits} cuộc kiểm tra chưa duyệt và {findings} rào cản chưa xong; hãy sáp nhập vào cơ quan khác trước."
            ),
            format!(
                "The department still has {sites} sites, {users} active people, {audits} audits not yet approved and {findings} open findings; merge it into another department first."
            ),
        ),
        AreaEnded { code, on } => either(
            vi,
            format!("Đơn vị “{code}” đã kết thúc từ ngày {on}; không thể thay thế lần nữa."),
            format!("Area “{code}” ended on {on}; it cannot be replaced again."),
        ),
        NotANumber => pick(vi, "Không phải là số.", "Not a number."),
        OutOfRange { min, max } => either(
            vi,
            format!("Phải nằm trong khoảng {min} đến {max}."),
            format!("Must be between {min} and {max}."),
        ),
        OutsideRegion { region } => either(
            vi,
            format!("Vị trí nằm ngoài vùng quản lý ({region})."),
            format!("The location is outside the region ({region})."),
        ),
        NotOneOf { given, allowed } => either(
            vi,
            format!(
                "Giá trị “{given}” không hợp lệ; chọn một trong: {}.",
                allowed.join(", ")
            ),
            format!(
                "“{given}” is not allowed; use one of: {}.",
                allowed.join(", ")
            ),
        ),
        SubtypeNotForKind { given, kind } => either(
            vi,
            format!("Phân loại “{given}” không thuộc loại “{kind}”."),
            format!("Type “{given}” does not belong to kind “{kind}”."),
        ),
        MinAboveMax => pick(
            vi,
            "Giá trị nhỏ nhất lớn hơn giá trị lớn nhất.",
            "The minimum is greater than the maximum.",
        ),
        WrongParts { expected, given } => either(
            vi,
            format!("Cần {expected} giá trị cách nhau bởi dấu phẩy, nhận được {given}."),
            format!("Expected {expected} comma-separated values, got {given}."),
        ),
        NotAnId => pick(vi, "Mã định danh không hợp lệ.", "Not a valid id."),
        LastAdmin => pick(
            vi,
            "Đây là quản trị viên cuối cùng đang hoạt động; hãy tạo quản trị viên khác trước.",
            "This is the last active administrator; create another one first.",
        ),
        WrongPassword => pick(
            vi,
            "Mật khẩu hiện tại không đúng.",
            "The current password is not right.",
        ),
        TooManyRows { max } => either(
            vi,
            format!("Mỗi tệp có tối đa {max} dòng; hãy chia thành nhiều tệp."),
            format!("A file holds at most {max} lines; split it into several files."),
        ),
        Unknown { given } => either(
            vi,
            format!("“{given}” không tồn tại."),
            format!("“{given}” does not exist."),
        ),
        UnclosedQuote { column } => either(
            vi,
            format!(
                "Dấu ngoặc kép mở ở cột {column} không được đóng trên cùng dòng (một ô không được chứa dấu xuống dòng)."
            ),
            format!(
                "The quote opened at column {column} does not close on this line (a field cannot hold a line break)."
            ),
        ),
        TextAfterQuote { column } => either(
            vi,
            format!("Có chữ sau dấu ngoặc kép đóng, ở cột {column}."),
            format!("Text follows the closing quote, at column {column}."),
        ),
        StrayQuote { column } => either(
            vi,
            format!(
                "Dấu ngoặc kép ở cột {column} nằm giữa ô; hãy đặt cả ô trong ngoặc kép và viết \"\" cho một dấu ngoặc kép."
            ),
            format!(
                "A quote at column {column} inside a field; quote the whole field and write \"\" for a quote."
            ),
        ),
        FieldCount { found, expected } => either(
            vi,
            format!("Dòng có {found} ô nhưng dòng tiêu đề có {expected} cột."),
            format!("The row has {found} fields but the header has {expected} columns."),
        ),
        DuplicateColumn { name, first } => either(
            vi,
            format!("Cột “{name}” xuất hiện hai lần (lần đầu ở vị trí {first})."),
            format!("Column “{name}” appears twice (first at position {first})."),
        ),
        MissingColumn { name } => either(
            vi,
            format!("Thiếu cột “{name}” trong dòng tiêu đề."),
            format!("The header has no column “{name}”."),
        ),
        NotUtf8 { column } => either(
            vi,
            format!(
                "Không phải văn bản UTF-8: byte sai đầu tiên ở cột {column}; hãy lưu tệp dưới dạng UTF-8."
            ),
            format!(
                "Not UTF-8 text: the first bad byte is at column {column}; save the file as UTF-8."
            ),
        ),
        NotText { found } => either(
            vi,
            format!("Phải là văn bản (trong ngoặc kép), không phải {found}."),
            format!("Must be text (in quotes), not a {found}."),
        ),
        ControlCharacter => pick(
            vi,
            "Có ký tự điều khiển (ví dụ ký tự NUL hoặc xuống dòng) không được phép ở đây.",
            "Contains a control character (such as a NUL byte or a line break) that is not allowed here.",
        ),
        KeyReused => pick(
            vi,
            "Khóa này đã được dùng cho một yêu cầu khác; mỗi yêu cầu mới cần một khóa mới.",
            "This key was already used for a different request; each new request needs a new key.",
        ),
        Taken => pick(
            vi,
            "Giá trị này đã được dùng; hãy chọn giá trị khác.",
            "This value is already in use; choose another.",
        ),
        Duplicate { of } if of == "existing" => pick(
            vi,
            "Trùng với một địa điểm đã có (cùng tên, cùng vị trí).",
            "Duplicates an existing site (same name and location).",
        ),
        Duplicate { of } => either(
            vi,
            format!("Trùng với dòng {of}."),
            format!("Duplicates row {of}."),
        ),
        ItemOrSection => pick(
            vi,
            "Mỗi câu trả lời phải nêu một mục (item) hoặc một phần (section), không cả hai.",
            "Each answer must name an item or a section, not both and not neither.",
        ),
        FileTooLarge { max_megabytes } => either(
            vi,
            format!("Tệp ảnh quá lớn; tối đa {max_megabytes} MB mỗi ảnh."),
            format!("The photo file is too large; at most {max_megabytes} MB per photo."),
        ),
        OneFileOnly => pick(
            vi,
            "Mỗi lần chỉ gửi một tệp ảnh.",
            "Send one photo file at a time.",
        ),
        AnsweredTwice => pick(
            vi,
            "Mục này được trả lời hai lần trong cùng một lần gửi.",
            "This is answered twice in the same batch.",
        ),
        ExpectedList => pick(
            vi,
            "Cần một danh sách (mảng JSON) các câu trả lời.",
            "A list (a JSON array) of answers is expected.",
        ),
        ValueNotExpected => pick(
            vi,
            "Câu trả lời này không nhận giá trị đo, đơn vị hay số đếm.",
            "This answer takes no measured value, unit or count.",
        ),
        SectionNotOptional => pick(
            vi,
            "Phần này bắt buộc, không thể đánh dấu là không áp dụng.",
            "This section is required and cannot be marked not applicable.",
        ),
        NotApplicableNotAllowed => pick(
            vi,
            "Mục này không thể trả lời là “không áp dụng”.",
            "This item cannot be answered “not applicable”.",
        ),
        AlternativeNotAllowed => pick(
            vi,
            "Mục này không có giải pháp thay thế.",
            "This item has no alternative solution.",
        ),
        NoteNeeded => pick(
            vi,
            "Cần ghi chú mô tả giải pháp thay thế.",
            "A note describing the alternative solution is needed.",
        ),
        OverrideNeedsNote => pick(
            vi,
            "Kết quả khác với kết quả tính từ số đo: cần ghi chú lý do.",
            "The result differs from the one the measurement gives: a note saying why is needed.",
        ),
        ValueNeeded => pick(vi, "Cần nhập giá trị đo.", "The measured value is needed."),
        CountNeeded => pick(
            vi,
            "Cần nhập cả hai số: tổng số và số dành cho người khuyết tật.",
            "Both numbers are needed: how many in all and how many accessible.",
        ),
        ProvidedAboveTotal => pick(
            vi,
            "Số dành cho người khuyết tật lớn hơn tổng số.",
            "More accessible than there are in all.",
        ),
        Negative => pick(vi, "Không được là số âm.", "Cannot be negative."),
        NotWhole => pick(vi, "Phải là số nguyên.", "Must be a whole number."),
        AboveCeiling { max, unit } => either(
            vi,
            format!("Lớn quá mức hợp lý ({max} {unit}); hãy kiểm tra lại số và đơn vị."),
            format!("Larger than any sensible value ({max} {unit}); check the number and unit."),
        ),
        WrongUnit { given, allowed } => either(
            vi,
            format!(
                "Đơn vị “{given}” không dùng được cho mục này; dùng: {}.",
                allowed.join(", ")
            ),
            format!(
                "The unit “{given}” does not fit this item; use: {}.",
                allowed.join(", ")
            ),
        ),
        AnswerMissing => pick(vi, "Chưa trả lời.", "Not answered yet."),
        PhotoMissing => pick(
            vi,
            "Cần ít nhất một ảnh cho mục này.",
            "At least one photo is needed for this item.",
        ),
        AlternativeUndecided => pick(
            vi,
            "Cần chấp nhận hoặc từ chối giải pháp thay thế này.",
            "This alternative solution must be accepted or refused.",
        ),
        NotAPhoto { found: Some(found) } => {
            let what = file_kind(found, vi);
            if vi {
                format!("Tệp này là {what}, không phải ảnh; chỉ nhận ảnh JPEG, PNG hoặc WebP.")
            } else {
                format!(
                    "This file is {what}, not a photo; only JPEG, PNG or WebP photos are accepted."
                )
            }
        }
        NotAPhoto { found: None } => pick(
            vi,
            "Tệp này không phải ảnh JPEG, PNG hay WebP.",
            "This file is not a JPEG, PNG or WebP photo.",
        ),
        TooManyPixels {
            width,
            height,
            max_megapixels,
        } => either(
            vi,
            format!("Ảnh {width} × {height} điểm ảnh quá lớn; tối đa {max_megapixels} megapixel."),
            format!(
                "The photo is {width} × {height} pixels, too large; at most {max_megapixels} megapixels."
            ),
        ),
        PhotoTooDemanding => files::photo_too_demanding(vi),
        PhotoTooFewBytes {
            width,
            height,
            bytes,
        } => either(
            vi,
            format!(
                "Tệp chỉ có {bytes} byte, quá ít cho một ảnh {width} × {height} điểm ảnh như nó khai báo: tệp bị cắt ngắn hoặc không phải ảnh chụp thật. Hãy chụp hoặc gửi lại."
            ),
            format!(
                "The file holds only {bytes} bytes, far too few for the {width} × {height} pixel photo it declares: it is cut short or not a real photo. Take or send it again."
            ),
        ),
        OffsetMismatch { expected } => files::offset_mismatch(*expected, vi),
        NotADate { given } => dates::not_a_date(given, vi),
        EndBeforeStart { from } => dates::end_before_start(from, lang),
        StartsAfterToday { given, today } => dates::starts_after_today(given, today, lang),
        PeriodTooLong { max_years } => dates::period_too_long(*max_years, vi),
        DateInPast { today } => dates::date_in_past(today, lang),
        AfterPhotoNeeded => pick(
            vi,
            "Cần ít nhất một ảnh chụp sau khi khắc phục.",
            "At least one photo taken after the fix is needed.",
        ),
        PhotoOnlyWhenFixed => pick(
            vi,
            "Chỉ gửi ảnh khi báo đã khắc phục.",
            "Photos are sent only when marking a finding fixed.",
        ),
        NotAContact => barriers::not_a_contact(vi),
        NotItself => barriers::not_itself(vi),
        SiteOrPosition => barriers::site_or_position(vi),
        ReportClosed => barriers::report_closed(vi),
        ReportStep => barriers::report_step(vi),
        ReportNoPlace => barriers::report_no_place(vi),
        ItemHasFinding => barriers::item_has_finding(vi),
        TooMany { max } => barriers::too_many(*max, vi),
        NotAnObserver => observers::not_an_observer(vi),
        NotOfThisAudit => observers::not_of_this_audit(vi),
        WritesOwnRemarks => observers::writes_own_remarks(vi),
        HasRemarks => observers::has_remarks(vi),
        NotInYear { year } => dates::not_in_year(*year, vi),
        SameAsBeforePhoto => files::same_as_before_photo(vi),
        NothingToFollowUp => pick(
            vi,
            "Địa điểm này không có rào cản nào đang mở hoặc chờ xác minh để kiểm tra lại.",
            "This site has no open or fixed finding to check again.",
        ),
        BrokenPhoto => files::broken_photo(vi),
        Malformed { detail } => either(
            vi,
            format!("Không đọc được: {detail}"),
            format!("Could not be read: {detail}"),
        ),
    }
}

/// The sentence in the person's language, when it has values in it.
fn either(vi: bool, in_vi: String, in_en: String) -> String {
    if vi { in_vi } else { in_en }
}

fn pick(vi: bool, in_vi: &str, in_en: &str) -> String {
    if vi { in_vi } else { in_en }.to_owned()
}
