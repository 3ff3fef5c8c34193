//! Wording for the problems of barrier reports and their answers.

use super::{either, pick};

/// Neither an email address nor a phone number.
pub(super) fn not_a_contact(vi: bool) -> String {
    pick(
        vi,
        "Hãy nhập một địa chỉ email (ví dụ mai@example.vn) hoặc một số điện thoại có 8 đến 15 chữ số.",
        "Give an email address (such as mai@example.vn) or a phone number of 8 to 15 digits.",
    )
}

/// A report named as its own duplicate.
pub(super) fn not_itself(vi: bool) -> String {
    pick(
        vi,
        "Không thể chọn chính phản ánh này.",
        "A report cannot be chosen as related to itself.",
    )
}

/// A registered place and a position both given.
pub(super) fn site_or_position(vi: bool) -> String {
    pick(
        vi,
        "Chọn một địa điểm đã đăng ký hoặc một vị trí trên bản đồ, không cả hai.",
        "Choose a registered place or a position on the map, not both.",
    )
}

/// A report that has its last answer.
pub(super) fn report_closed(vi: bool) -> String {
    pick(
        vi,
        "Phản ánh này đã được trả lời xong; không thể trả lời lại.",
        "This report has its last answer; it takes no other.",
    )
}

/// No such answer from the report's state.
pub(super) fn report_step(vi: bool) -> String {
    pick(
        vi,
        "Không thể trả lời như vậy ở tình trạng hiện tại của phản ánh.",
        "The report cannot take that answer in the state it is in.",
    )
}

/// A new finding for a report of a place in no registry.
pub(super) fn report_no_place(vi: bool) -> String {
    pick(
        vi,
        "Địa điểm này chưa có trong danh sách: hãy đăng ký địa điểm trước, rồi xác nhận.",
        "This place is in no registry: register the place first, then confirm.",
    )
}

/// A new finding on an item with a standing finding.
pub(super) fn item_has_finding(vi: bool) -> String {
    pick(
        vi,
        "Địa điểm đã có một rào cản đang theo dõi cho tiêu chí này: hãy chọn rào cản đó.",
        "The place has a standing finding on this item: choose that finding.",
    )
}

/// More values than allowed.
pub(super) fn too_many(max: usize, vi: bool) -> String {
    either(
        vi,
        format!("Chọn nhiều nhất {max}."),
        format!("Choose at most {max}."),
    )
}
