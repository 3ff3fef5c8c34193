//! Messages of the Open311 GeoReport v2 interface: the services (one per barrier feature),
//! the notice a sent request gets, and a request's status in plain words.

part! { $ open311_messages
    Open311Group => "Rào cản tiếp cận", "Accessibility barriers";
    Open311NameEntrance => "Lối vào", "Entrance";
    Open311NameRamp => "Đường dốc", "Ramp";
    Open311NamePath => "Đường đi", "Path";
    Open311NameToilet => "Nhà vệ sinh", "Toilet";
    Open311NameParking => "Chỗ đỗ xe dành riêng", "Reserved parking";
    Open311NameLift => "Thang máy", "Lift";
    Open311NameInformation => "Biển báo và thông tin", "Signs and information";
    Open311NameOther => "Rào cản khác", "Other barrier";
    Open311KeywordsEntrance => "lối vào, bậc, cửa, xe lăn", "entrance, steps, door, wheelchair";
    Open311KeywordsRamp => "đường dốc, độ dốc, tay vịn, xe lăn", "ramp, slope, handrail, wheelchair";
    Open311KeywordsPath => "vỉa hè, bó vỉa, mặt đường, vật cản", "pavement, kerb, paving, obstacle";
    Open311KeywordsToilet => "nhà vệ sinh, khoá, xe lăn", "toilet, locked, wheelchair";
    Open311KeywordsParking => "đỗ xe, ô tô, chỗ dành riêng", "parking, car, reserved space";
    Open311KeywordsLift => "thang máy, tầng, hỏng", "lift, elevator, floor, out of order";
    Open311KeywordsInformation => "biển báo, quầy, chữ nổi, thông tin", "signs, counter, braille, information";
    Open311KeywordsOther => "rào cản khác", "other barrier";
    Open311Notice => "Đã nhận phản ánh của bạn. Cơ quan phụ trách sẽ xem xét và trả lời tại {url}", "Your report is received. The department responsible will look at it and answer at {url}";
    Open311Coordinators => "Cán bộ điều phối của tỉnh (nơi chưa có trong danh mục)", "The province's coordinators (places in no registry)";
    Open311NotesReceived => "Đã nhận, chưa được xem xét.", "Received; not yet looked at.";
    Open311NotesUnderReview => "Cơ quan phụ trách đang xem xét.", "The department responsible is looking at it.";
    Open311NotesFollowUp => "Đã lên lịch kiểm tra lại vào ngày {date}.", "A follow-up audit is planned on {date}.";
    Open311NotesNotABarrier => "Không phải rào cản. Lý do: {reason}", "Not a barrier. Why: {reason}";
    Open311NotesDuplicate => "Trùng với phản ánh khác: {url}", "A duplicate of another report: {url}";
    Open311FormOnly => "Hãy gửi yêu cầu dạng application/x-www-form-urlencoded, như chuẩn Open311 GeoReport v2 quy định.", "Send the request as application/x-www-form-urlencoded, as Open311 GeoReport v2 says.";
    Open311NoListing => "Danh sách phản ánh không được công khai; hãy hỏi từng phản ánh theo service_request_id (mã bạn nhận khi gửi).", "Reports are not listed for anyone; ask for each by its service_request_id (given when it was sent).";
    Open311NoDefinition => "Các dịch vụ ở đây không có thuộc tính bổ sung (metadata là false), nên không có định nghĩa dịch vụ.", "These services have no extra attributes (metadata is false), so there is no service definition.";
}
