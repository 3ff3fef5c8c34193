//! Messages of mail: the daily digest, the coordinator's escalations, the account's mail
//! settings and the administrator's outbox.

part! { $ mail_messages
    MailDigestSubject => "Tiếp cận: rào cản đến hạn và quá hạn của đơn vị ngày {day}", "Tiếp cận: your department's barriers due and overdue, {day}";
    MailDigestIntro => "Các rào cản của {department} cần xử lý:", "The barriers of {department} to act on:";
    MailSectionOverdue => "Đã quá hạn", "Overdue";
    MailSectionRounds => "Kỳ báo cáo cần gửi phần của sở, ngành", "Reporting rounds awaiting your department's part";
    MailRoundDue => "Chưa gửi", "Not sent yet";
    MailRoundReturned => "Bị trả lại, cần sửa và gửi lại", "Returned: correct it and send it again";
    MailSectionDueSoon => "Đến hạn trong 7 ngày tới", "Due within the next 7 days";
    MailSectionLongOverdue => "Quá hạn từ {days} ngày trở lên", "Overdue {days} days or more";
    MailDue => "hạn", "due";
    MailEscalationSubject => "Tiếp cận: rào cản quá hạn lâu ngày {day}", "Tiếp cận: barriers long overdue, {day}";
    MailEscalationIntro => "Các rào cản sau đã quá hạn xử lý từ {days} ngày trở lên; mỗi rào cản chỉ được báo một lần.", "These barriers are overdue by {days} days or more; each is reported once.";
    MailFooter => "Thư gửi tự động hằng ngày. Tắt thư này hoặc đổi địa chỉ tại {link}", "Sent automatically each day. Turn it off or change the address at {link}";
    MailTestSubject => "Tiếp cận: thư thử", "Tiếp cận: test message";
    MailTestBody => "Thư thử từ Tiếp cận: cấu hình gửi thư hoạt động.", "A test message from Tiếp cận: the mail settings work.";
    AccountMailTitle => "Thư điện tử", "Email";
    AccountMailIntro => "Cán bộ phê duyệt nhận mỗi ngày một thư tóm tắt các rào cản đến hạn và quá hạn của đơn vị; điều phối viên nhận thư về rào cản quá hạn lâu ngày.", "Reviewers get one message a day with their department's barriers due and overdue; coordinators get one about barriers long overdue.";
    AccountEmail => "Địa chỉ thư điện tử", "Email address";
    AccountEmailHint => "Để trống nếu không muốn nhận thư.", "Leave it empty to get no mail.";
    AccountDigest => "Gửi cho tôi thư tóm tắt hằng ngày", "Send me the daily digest";
    AccountDigestHint => "Chỉ gửi khi có rào cản đến hạn hoặc quá hạn.", "Sent only when there are barriers due or overdue.";
    AccountMailVi => "Tiếng Việt", "Vietnamese";
    AccountMailEn => "Tiếng Anh", "English";
    AccountMailLang => "Ngôn ngữ của thư", "Language of the mail";
    AccountMailSave => "Lưu cài đặt thư", "Save the mail settings";
    AccountMailSaved => "Đã lưu cài đặt thư.", "The mail settings are saved.";
    OutboxTitle => "Hộp thư đi", "Outbox";
    OutboxIntro => "Mọi thư được ghi vào đây trước khi gửi. Thư gửi lỗi được thử lại sau một khoảng tăng dần.", "Every message is written here before it is sent. A message that fails is tried again after a growing wait.";
    OutboxNoServer => "Chưa cấu hình máy chủ thư (--smtp-host): thư được giữ ở đây, chưa gửi đi.", "No mail server is set (--smtp-host): messages are kept here and not sent.";
    OutboxEmpty => "Hộp thư đi trống.", "The outbox is empty.";
    OutboxRecipient => "Người nhận", "To";
    OutboxSubject => "Tiêu đề", "Subject";
    OutboxCreated => "Ghi lúc", "Written";
    OutboxState => "Tình trạng", "State";
    OutboxAttempts => "Số lần thử", "Tries";
    OutboxSent => "Đã gửi", "Sent";
    OutboxWaiting => "Chờ gửi", "Waiting";
    OutboxRetrying => "Gửi lỗi, sẽ thử lại lúc {at}", "Failed, tried again at {at}";
    OutboxFailed => "Bị máy chủ thư từ chối, không gửi lại", "Refused by the mail server, not tried again";
    OutboxError => "Lỗi lần cuối", "Last error";
    OutboxMessageId => "Mã thư (Message-ID)", "Message-ID";
}
