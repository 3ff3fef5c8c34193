//! Messages of working offline: the installed app, the banner, the queue of what waits to
//! be sent, conflicts with the server, photos kept on the phone and sites taken offline.

part! { $ offline_messages
    AppInstallName => "Tiếp cận – kiểm tra tiếp cận công trình", "Tiếp cận – accessibility audits";
    AppInstallDescription => "Ghi kết quả kiểm tra và ảnh tại hiện trường, kể cả khi mất sóng.", "Record audit results and photos on site, even without a signal.";
    OfflinePageTitle => "Trang này chưa được lưu trên điện thoại", "This page is not kept on this phone";
    OfflinePageText => "Điện thoại đang không có mạng và trang này chưa từng được mở khi có mạng. Những gì bạn đã nhập vẫn được giữ trên điện thoại và sẽ được gửi khi có mạng.", "The phone has no network and this page was never opened online. What you typed is still kept on this phone and will be sent when the network returns.";
    OfflinePageBack => "Về các đánh giá của tôi", "Back to my audits";
    OfflineBanner => "Đang ngoại tuyến: câu trả lời và ảnh được lưu trên điện thoại và sẽ gửi khi có mạng.", "Offline: answers and photos are kept on this phone and sent when the network returns.";
    OfflineQueueTitle => "Chưa gửi lên máy chủ", "Not yet sent to the server";
    OfflineQueueEmpty => "Mọi câu trả lời và ảnh đã được gửi.", "Every answer and photo has been sent.";
    OfflineWaiting => "đang chờ gửi", "waiting";
    OfflineSending => "đang gửi", "sending";
    OfflineFailed => "gửi không được", "failed";
    OfflineConflict => "cần bạn quyết định", "needs your decision";
    OfflineAnswersOf => "Câu trả lời phần “{section}”", "Answers of the section “{section}”";
    OfflinePhotoOf => "Ảnh “{item}”", "Photo “{item}”";
    OfflineStartOf => "Bắt đầu đánh giá “{site}”", "Start of an audit of “{site}”";
    OfflineRetry => "Gửi lại", "Retry";
    OfflineDiscard => "Bỏ", "Discard";
    OfflineDiscardConfirm => "Xóa hẳn mục này khỏi điện thoại? Nó sẽ không được gửi.", "Remove this from the phone for good? It will not be sent.";
    OfflineNotSent => "Đã lưu trên điện thoại, chưa gửi lên máy chủ.", "Kept on this phone, not yet sent to the server.";
    OfflineSavedLocal => "Đã lưu phần này trên điện thoại; sẽ gửi khi có mạng.", "This section is kept on this phone; it will be sent when the network returns.";
    OfflineAllSent => "Đã gửi tất cả lên máy chủ.", "Everything is sent to the server.";
    OfflineConflictTitle => "Đánh giá đã thay đổi trên máy chủ", "The audit changed on the server";
    OfflineConflictText => "Trong lúc điện thoại chưa gửi được, đánh giá đã chuyển sang trạng thái “{state}”. Bản trên điện thoại vẫn được giữ nguyên, chưa gửi.", "Before the phone could send it, the audit became “{state}”. The copy on this phone is kept as it is, not sent.";
    OfflineItem => "Mục", "Item";
    OfflineConflictDiffers => "Những chỗ khác nhau", "What differs";
    OfflineOnPhone => "trên điện thoại", "on the phone";
    OfflineOnServer => "trên máy chủ", "on the server";
    OfflineNothing => "(trống)", "(empty)";
    OfflineApply => "Áp dụng vào đánh giá bị trả lại", "Apply to the returned audit";
    OfflineKeepNote => "Giữ làm ghi chú trên điện thoại", "Keep as a note on this phone";
    OfflineNotes => "Ghi chú giữ trên điện thoại", "Notes kept on this phone";
    OfflineTakeOffline => "Lưu để dùng khi mất sóng", "Take offline";
    OfflineTaken => "Đã lưu trên điện thoại trang địa điểm này, mẫu bắt đầu và một phiếu đánh giá trống để điền khi không có mạng.", "This place's page, its start form and a blank audit to fill with no network are kept on this phone.";
    OfflineQueueShow => "Xem từng mục đang chờ ({n})", "Show each item waiting ({n})";
    OfflineStartQueued => "Đã bắt đầu đánh giá trên điện thoại; đánh giá sẽ có trên máy chủ khi có mạng.", "The audit is started on this phone; it will exist on the server when the network returns.";
    OfflineStorage => "Dữ liệu chưa gửi chiếm {used} MB trên {quota} MB trình duyệt cho phép.", "Unsent data takes {used} MB of the {quota} MB the browser allows.";
    OfflineStorageLow => "Điện thoại sắp hết chỗ lưu: hãy gửi khi có mạng trước khi chụp thêm.", "The phone is nearly out of room: send what waits before taking more photos.";
    OfflinePhotoKept => "Ảnh trên điện thoại, chưa gửi", "Photo on this phone, not yet sent";
}
