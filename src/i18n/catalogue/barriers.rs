//! Messages of barrier reports from the public: the form anyone may send, the report's
//! public page, and why a report was held back.

part! { $ barrier_messages
    BarrierTitle => "Báo một rào cản", "Report a barrier";
    BarrierAt => "Tại", "At";
    BarrierIntro => "Bạn gặp khó khăn khi đến hoặc sử dụng nơi này? Hãy cho chúng tôi biết. Bạn không cần tài khoản. Cơ quan phụ trách sẽ xem xét và trả lời trên trang của phản ánh.", "Did something stop you reaching or using this place? Tell us. You need no account. The department responsible will look at it and answer on the report's own page.";
    BarrierFeatures => "Rào cản ở đâu? (chọn tối đa 3)", "Where is the barrier? (choose up to 3)";
    BarrierFeatureEntrance => "Lối vào: bậc không có dốc, cửa nặng hoặc hẹp", "Getting in: steps without a ramp, a heavy or narrow door";
    BarrierFeatureRamp => "Đường dốc quá dốc, không có tay vịn hoặc bị chắn", "A ramp too steep, without rails, or blocked";
    BarrierFeaturePath => "Đường đi: bó vỉa, mặt đường hỏng, vật cản", "The way there and through: kerbs, broken paving, obstacles";
    BarrierFeatureToilet => "Nhà vệ sinh: không có, bị khoá hoặc dùng làm kho", "Toilet: none, locked, or used as a store";
    BarrierFeatureParking => "Chỗ đỗ xe dành riêng: không có hoặc bị chiếm", "Reserved parking: none, or taken";
    BarrierFeatureLift => "Thang máy: không có hoặc hỏng", "Lift: none, or out of order";
    BarrierFeatureInformation => "Biển báo, quầy, thông tin không đọc hoặc không với tới được", "Signs, counters, information you cannot read or reach";
    BarrierFeatureOther => "Rào cản khác", "Something else";
    BarrierDescription => "Mô tả điều bạn gặp", "Describe what you met";
    BarrierDescriptionHint => "Ví dụ: “Lối vào chính có ba bậc cao, không có dốc; cửa phụ bị khoá.” Từ 10 đến 2000 ký tự. Nội dung chỉ được công khai sau khi cán bộ kiểm duyệt.", "For example: “The main entrance has three high steps and no ramp; the side door is locked.” 10 to 2000 characters. It is shown to the public only after a moderator accepts it.";
    BarrierContact => "Email hoặc số điện thoại (không bắt buộc)", "Email or phone number (optional)";
    BarrierContactHint => "Chỉ cơ quan phụ trách thấy, để hỏi thêm nếu cần; không bao giờ công khai, và được xoá 90 ngày sau khi phản ánh được trả lời xong.", "Seen only by the department responsible, to ask you more if needed; never made public, and deleted 90 days after the report's last answer.";
    BarrierTrap => "Để trống ô này", "Leave this empty";
    BarrierSend => "Gửi phản ánh", "Send the report";
    BarrierSent => "Đã nhận phản ánh của bạn. Hãy lưu địa chỉ trang này để theo dõi câu trả lời.", "Your report is received. Keep this page's address to follow the answers.";
    BarrierPageTitle => "Phản ánh rào cản", "Barrier report";
    BarrierState => "Tình trạng", "State";
    BarrierSentOn => "Gửi lúc", "Sent";
    BarrierWhat => "Rào cản", "The barrier";
    BarrierWordsPending => "Nội dung phản ánh đang chờ kiểm duyệt trước khi công khai.", "The report's words are waiting for a moderator before they are shown.";
    BarrierWordsWithheld => "Nội dung phản ánh không được công khai (có thông tin cá nhân hoặc không phù hợp); câu trả lời vẫn được công khai.", "The report's words are not shown (they held personal details or were unsuitable); the answers are.";
    BarrierStateReceived => "Đã nhận", "Received";
    BarrierStateUnderReview => "Đang xem xét", "Under review";
    BarrierStateConfirmed => "Đã xác nhận là rào cản", "Confirmed as a barrier";
    BarrierStateFollowUpPlanned => "Đã lên lịch kiểm tra lại", "Follow-up audit planned";
    BarrierStateNotABarrier => "Không phải rào cản", "Not a barrier";
    BarrierStateDuplicate => "Trùng với phản ánh khác", "Duplicate of another report";
    BarrierNoAccount => "Bạn có thể gửi mà không cần đăng nhập.", "You can send it without signing in.";
    BarrierLink => "Báo một rào cản ở nơi này", "Report a barrier at this place";
    BarrierHeldHoneypot => "Phản ánh chưa được gửi: một ô ẩn mà chỉ chương trình tự động mới điền đã có nội dung. Nếu bạn là người gửi, hãy gửi lại.", "The report was not sent: a hidden field that only automatic programs fill had something in it. If you are a person, send it again.";
    BarrierHeldTooFast => "Phản ánh chưa được gửi vì biểu mẫu được gửi chỉ vài giây sau khi mở. Nội dung bạn nhập vẫn còn dưới đây; hãy gửi lại.", "The report was not sent because the form came back seconds after it opened. What you typed is below; send it again.";
    BarrierHeldStale => "Biểu mẫu này đã mở quá lâu. Nội dung bạn nhập vẫn còn dưới đây; hãy gửi lại.", "This form was opened too long ago. What you typed is below; send it again.";
    BarrierHeldTooMany => "Gần đây có nhiều phản ánh được gửi từ kết nối của bạn. Hãy thử lại sau khoảng {minutes} phút; các phản ánh đã gửi vẫn được giữ.", "Many reports came from your connection lately. Try again in about {minutes} minutes; the reports already sent are kept.";
}
