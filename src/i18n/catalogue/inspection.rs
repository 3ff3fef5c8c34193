//! Messages of filling an audit on a phone and of reading it as its reviewer: saving a
//! section, warnings on the section, the failed save, and the review at a glance.

part! { $ inspection_messages
    SectionPosition => "Phần {n} trên {m}", "Section {n} of {m}";
    SectionSavedNamed => "Đã lưu phần “{section}”.", "The section “{section}” is saved.";
    SectionSavedCheck => "Đã lưu. Hãy xem lại cảnh báo trước khi sang phần tiếp.", "Saved. Look at the warnings before going on.";
    SectionSavedPartly => "Các câu trả lời khác của phần này đã được lưu. Chỉ các mục dưới đây chưa được lưu; chúng hiện đúng như bạn đã nhập.", "The section's other answers are saved. Only the items below are not; they are shown as you typed them.";
    SectionWarnings => "Cần xem lại", "To look at again";
    AnswerOverrideToggle => "Đổi kết quả", "Change the result";
    AnswerImplausible => "Số đo {value} khác xa yêu cầu. Có phải ý bạn là {meant}? Nếu số đo đúng, cứ giữ nguyên.", "{value} is far from the requirement. Did you mean {meant}? If the reading is right, leave it.";
    PhotoFarWarning => "Ảnh này được chụp cách địa điểm {distance}: có đúng địa điểm không?", "This photo was taken {distance} from the site: is it the right place?";
    PhotoMissingWarning => "Thiếu ảnh: mục này cần ảnh trước khi nộp phiếu.", "Photo missing: this item needs one before the audit is submitted.";
    AuditPhotosMissing => "thiếu ảnh", "photos missing";
    SaveFailedTitle => "Chưa lưu được phần này", "This section was not saved";
    SaveFailedTypedKept => "Những gì bạn đã nhập vẫn còn dưới đây (trừ ảnh: hãy chọn lại); các câu trả lời đã lưu trước đó không mất. Hãy lưu lại.", "What you typed is kept below (photos aside: choose them again); the answers saved before are not lost. Save again.";
    SaveFailedBack => "Các câu trả lời đã lưu trước đó vẫn còn nguyên. Những gì bạn vừa nhập vẫn ở trang trước: bấm nút Quay lại của trình duyệt rồi lưu lại, hoặc mở lại phần này.", "The answers saved before are kept. What you just typed is still on the previous page: use the browser's Back button and save again, or open the section again.";
    SaveFailedOpen => "Mở lại phần", "Open the section again:";
    ReviewAttention => "Cần chú ý", "Needs attention";
    ReviewAttentionNone => "Không có mục nào không đạt hay cần chú ý.", "No failures and nothing that needs attention.";
    ReviewSinceReturn => "Thay đổi từ khi trả lại", "What changed since it was returned";
    ReviewSinceReturnNone => "Không câu trả lời nào đổi kết quả hay số đo.", "No answer changed its result or its numbers.";
    ReviewNotAnswered => "chưa trả lời", "not answered";
    ReviewTheRest => "Các câu trả lời khác", "The other answers";
}
