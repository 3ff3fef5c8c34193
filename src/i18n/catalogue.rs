//! The strings of the user interface.

use crate::domain::lang::Lang;

macro_rules! catalogue {
    ($($key:ident => $vi:literal, $en:literal;)+) => {
        /// A user-facing string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $(#[doc = $en] $key),+ }

        impl Msg {
            /// Every message, for tests of the catalogue.
            pub const ALL: &'static [Msg] = &[$(Msg::$key),+];

            /// The text in `lang`.
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::Vi) => $vi, (Msg::$key, Lang::En) => $en,)+
                }
            }
        }
    };
}

catalogue! {
    AppName => "Tiếp cận", "Tiếp cận";
    AppTagline => "Kiểm tra khả năng tiếp cận của công trình công cộng", "Accessibility audits of public places";
    SkipToContent => "Chuyển đến nội dung chính", "Skip to main content";
    NavMain => "Điều hướng chính", "Main navigation";
    NavHome => "Trang chủ", "Home";
    NavSites => "Địa điểm", "Sites";
    NavNewSite => "Thêm địa điểm", "Add a site";
    NavChecklists => "Bảng kiểm", "Checklists";
    LanguageSwitch => "Ngôn ngữ", "Language";
    OtherLanguage => "English", "Tiếng Việt";
    FooterText => "Theo Luật Người khuyết tật 2010 và QCVN 10:2024/BXD.", "Under the Law on Persons with Disabilities (2010) and QCVN 10:2024/BXD.";
    HomeTitle => "Khả năng tiếp cận các địa điểm công cộng ở Lạng Sơn", "Accessibility of public places in Lạng Sơn";
    HomeIntro => "Cơ quan nhà nước, bến xe, bảo tàng và di tích: nơi nào người khuyết tật, người cao tuổi có thể đến và sử dụng, và điều gì đang được sửa chữa.", "Offices, stations, museums and monuments: where people with disabilities and older people can go, what works there, and what is being fixed.";
    HomeBrowseSites => "Xem danh sách địa điểm", "Browse the list of sites";
    HomeSiteCount => "Số địa điểm đã đăng ký", "Registered sites";
    SitesTitle => "Địa điểm", "Sites";
    SitesSearch => "Tìm địa điểm", "Find a site";
    SitesSearchLabel => "Tên hoặc địa chỉ", "Name or address";
    SitesSearchButton => "Tìm", "Search";
    SitesAnyKind => "Mọi loại", "All kinds";
    SitesNone => "Không có địa điểm nào phù hợp.", "No sites match.";
    SitesNextPage => "Trang sau", "Next page";
    SitesFirstPage => "Về trang đầu", "Back to the first page";
    SiteName => "Tên", "Name";
    SiteKind => "Loại", "Kind";
    SiteSubtype => "Phân loại", "Type";
    SiteAddress => "Địa chỉ", "Address";
    SiteLat => "Vĩ độ", "Latitude";
    SiteLon => "Kinh độ", "Longitude";
    SiteLatHint => "Độ bắc, ví dụ 21.8537", "Degrees north, for example 21.8537";
    SiteLonHint => "Độ đông, ví dụ 106.7615", "Degrees east, for example 106.7615";
    SiteArea => "Đơn vị hành chính", "Administrative area";
    SiteAreaUnknown => "Chưa xác định", "Not known";
    SiteDepartment => "Sở chịu trách nhiệm", "Responsible department";
    SiteOperator => "Đơn vị quản lý", "Operator";
    SiteDeadline => "Hạn bảo đảm tiếp cận theo luật", "Legal accessibility deadline";
    SiteDeadlineHint => "Luật Người khuyết tật 2010, Điều 40", "Law on Persons with Disabilities 2010, Art. 40";
    SiteLocation => "Vị trí", "Location";
    SiteEdit => "Sửa thông tin", "Edit details";
    SiteNewTitle => "Thêm địa điểm", "Add a site";
    SiteEditTitle => "Sửa địa điểm", "Edit site";
    SiteSave => "Lưu", "Save";
    SiteCancel => "Hủy", "Cancel";
    SiteSaved => "Đã lưu.", "Saved.";
    ConflictTitle => "Địa điểm này vừa được người khác sửa", "Someone else changed this site meanwhile";
    ConflictIntro => "Thay đổi của bạn chưa được lưu và không có gì bị ghi đè. Hãy so sánh những gì bạn nhập với những gì đang được lưu, sửa lại nếu cần rồi lưu lần nữa.", "Your changes were not saved and nothing was overwritten. Compare what you typed with what is saved now, adjust if needed, and save again.";
    ConflictField => "Trường", "Field";
    ConflictYours => "Bạn nhập", "You typed";
    ConflictSaved => "Đang được lưu", "Saved now";
    ConflictDiffers => "khác", "differs";
    ConflictDiscard => "Bỏ thay đổi của tôi, xem bản đang lưu", "Discard my changes and see what is saved";
    ConflictSaveMine => "Lưu thay đổi của tôi thay cho bản đang lưu", "Save my changes over what is saved";
    SiteOptional => "(không bắt buộc)", "(optional)";
    SiteRequired => "(bắt buộc)", "(required)";
    KindPublicBuilding => "Công trình công cộng", "Public building";
    KindTransportStop => "Giao thông công cộng", "Transport stop";
    KindCulturalSite => "Công trình văn hóa", "Cultural site";
    SubtypePeopleCommittee => "Trụ sở Ủy ban nhân dân", "People's committee office";
    SubtypeStateOffice => "Cơ quan nhà nước", "State office";
    SubtypeHospital => "Bệnh viện", "Hospital";
    SubtypeHealthStation => "Trạm y tế, trung tâm y tế", "Health station or centre";
    SubtypeSchool => "Trường học", "School";
    SubtypeUniversity => "Trường đại học, cao đẳng", "University or college";
    SubtypeVocationalSchool => "Trường dạy nghề", "Vocational school";
    SubtypePostOffice => "Bưu điện", "Post office";
    SubtypeBank => "Ngân hàng", "Bank";
    SubtypeMarket => "Chợ", "Market";
    SubtypeHotel => "Khách sạn", "Hotel";
    SubtypeApartmentBuilding => "Nhà chung cư", "Apartment building";
    SubtypeBusStation => "Bến xe khách", "Bus station";
    SubtypeBusStop => "Điểm dừng xe buýt", "Bus stop";
    SubtypeRailStation => "Ga đường sắt", "Railway station";
    SubtypeRiverPort => "Bến cảng, bến thủy", "River or sea port";
    SubtypeRestStop => "Trạm dừng nghỉ", "Rest stop";
    SubtypeMuseum => "Bảo tàng", "Museum";
    SubtypeMonument => "Tượng đài, đài tưởng niệm", "Monument or memorial";
    SubtypeHistoricSite => "Di tích lịch sử", "Historic site";
    SubtypeReligiousSite => "Đình, chùa, đền", "Temple, pagoda or church";
    SubtypeCulturalHouse => "Nhà văn hóa", "Cultural house";
    SubtypeLibrary => "Thư viện", "Library";
    SubtypeTheatre => "Nhà hát, rạp chiếu phim", "Theatre or cinema";
    SubtypeStadium => "Sân vận động, nhà thi đấu", "Stadium or sports hall";
    SubtypePark => "Công viên, quảng trường", "Park or square";
    SubtypeOther => "Khác", "Other";
    SubtypeOtherBuilding => "Công trình công cộng khác", "Other public building";
    SubtypeOtherTransport => "Điểm giao thông khác", "Other transport stop or station";
    SubtypeOtherCultural => "Công trình văn hóa khác", "Other cultural site";
    Yes => "Có", "Yes";
    SiteDesignApproved => "Ngày phê duyệt thiết kế", "Design approved on";
    SiteDesignApprovedHint => "Công trình được phê duyệt hoặc nộp thẩm định trước ngày 01/02/2025 có thể áp dụng QCVN 10:2014/BXD (QCVN 10:2024/BXD, mục 3.1).", "Works approved or submitted for appraisal before 1 February 2025 may follow QCVN 10:2014/BXD (QCVN 10:2024/BXD, 3.1).";
    SiteHeritage => "Di tích được xếp hạng", "Listed heritage site";
    SiteHeritageHint => "Với di tích, nơi không thể làm đường dốc cố định, có thể chấp nhận giải pháp thay thế như thang nâng hoặc đường dốc di động (mục 2.2.8).", "At a heritage site, where a fixed ramp cannot be built, an alternative such as a platform lift or a portable ramp may be accepted (2.2.8).";
    SiteEditionNotice => "Thiết kế công trình này được phê duyệt trước khi", "The design of this site was approved before";
    SiteEditionNoticeMay => "có hiệu lực, nên", "came into force, so";
    SiteEditionNoticeGovern => "có thể được áp dụng", "may govern it";
    SitesPager => "Phân trang", "Pages";
    UserUsername => "Tên đăng nhập", "Username";
    UserDisplayName => "Tên hiển thị", "Display name";
    UserPassword => "Mật khẩu", "Password";
    UserRole => "Vai trò", "Role";
    RoleInspector => "Cán bộ kiểm tra", "Inspector";
    RoleReviewer => "Cán bộ phê duyệt", "Reviewer";
    RoleCoordinator => "Cán bộ điều phối", "Coordinator";
    RoleAdmin => "Quản trị viên", "Administrator";
    NavSignIn => "Đăng nhập", "Sign in";
    NavSignOut => "Đăng xuất", "Sign out";
    NavEvents => "Nhật ký thay đổi", "Change log";
    SignedInAs => "Đang đăng nhập", "Signed in as";
    LoginTitle => "Đăng nhập", "Sign in";
    LoginIntro => "Dành cho cán bộ kiểm tra, phê duyệt, điều phối và quản trị. Người dân không cần tài khoản.", "For inspectors, reviewers, coordinators and administrators. The public needs no account.";
    LoginButton => "Đăng nhập", "Sign in";
    LoginFailed => "Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong username or password.";
    LoginThrottled => "Quá nhiều lần đăng nhập sai. Vui lòng thử lại sau (giây):", "Too many failed sign-ins. Please try again in (seconds):";
    ErrorSignInRequired => "Cần đăng nhập để làm việc này.", "You need to sign in to do this.";
    ErrorForbidden => "Tài khoản của bạn không có quyền làm việc này.", "Your account is not allowed to do this.";
    ErrorCrossSite => "Yêu cầu đến từ một trang web khác nên đã bị từ chối.", "The request came from another website and was refused.";
    EventsTitle => "Nhật ký thay đổi", "Change log";
    EventsIntro => "Mọi thay đổi, ai làm và khi nào. Mỗi dòng được nối với dòng trước bằng mã băm nên không thể sửa mà không bị phát hiện.", "Every change, who made it and when. Each row is chained to the previous one by a hash, so an edit shows.";
    EventsWhen => "Thời điểm", "When";
    EventsActor => "Người thực hiện", "Who";
    EventsAction => "Hành động", "Action";
    EventsEntity => "Đối tượng", "Record";
    EventsFrom => "Từ ngày", "From date";
    EventsTo => "Trước ngày", "Before date";
    EventsFilter => "Lọc", "Filter";
    EventsNone => "Không có thay đổi nào phù hợp.", "No changes match.";
    EventsOlder => "Cũ hơn", "Older";
    EventsPerDay => "Số thay đổi theo ngày (giờ địa phương)", "Changes per day (local time)";
    EventsDay => "Ngày", "Day";
    EventsChanges => "Thay đổi", "Changes";
    EventsEdits => "Trong đó sửa bản ghi đã có", "Of which edits to existing records";
    FormErrorsTitle => "Vui lòng sửa các lỗi sau", "Please correct the following";
    ChecklistsTitle => "Bảng kiểm", "Checklists";
    ChecklistsIntro => "Mỗi mục dựa trên một điều khoản của quy chuẩn. Mục chưa được xác minh lấy ngưỡng từ nguồn thứ cấp.", "Each item rests on a clause of the regulation. Items not yet verified take their threshold from a secondary source.";
    ChecklistVersion => "Phiên bản", "Version";
    ChecklistItems => "Số mục", "Items";
    ChecklistClause => "Điều khoản", "Clause";
    ChecklistSeverity => "Mức độ", "Severity";
    ChecklistRequirement => "Yêu cầu", "Requirement";
    ChecklistUnverified => "chưa xác minh", "not yet verified";
    ChecklistYesNo => "Có / Không", "Yes / No";
    ChecklistBasis => "Căn cứ", "Basis";
    BasisRegulation => "quy chuẩn Việt Nam", "Vietnamese regulation";
    BasisStandard => "tiêu chuẩn quốc tế (bổ sung chỗ quy chuẩn chưa quy định)", "international standard (filling a gap in the regulation)";
    BasisGoodPractice => "thực hành tốt", "good practice";
    ChecklistCompliance => "tính vào mức độ tuân thủ", "counts toward compliance";
    ChecklistAdvice => "chỉ là khuyến nghị", "advice only";
    ChecklistMayBeNa => "có thể trả lời “không áp dụng”", "may be answered “not applicable”";
    ChecklistRequired => "luôn phải trả lời", "always answered";
    ChecklistRequires => "chỉ hỏi khi mục này đạt:", "asked only when this passes:";
    ChecklistAlternative => "Giải pháp thay thế (cán bộ phê duyệt chấp nhận hoặc không):", "Alternative solution (the reviewer accepts or refuses it):";
    ChecklistGuidance => "Cách kiểm tra", "How to check";
    ChecklistOptionalSection => "Phần có thể không áp dụng. Hỏi trước:", "A section that may not apply. Ask first:";
    ChecklistInForce => "có hiệu lực từ", "in force since";
    ChecklistPrevious => "Công trình được phê duyệt hoặc nộp thẩm định trước ngày đó có thể áp dụng", "Works approved or submitted for appraisal before then may follow";
    CountUpTo => "đến", "up to";
    CountFrom => "từ", "from";
    CountOneMorePer => "thêm 1 cho mỗi", "and 1 more for every further";
    CountOfTotal => "của tổng số, làm tròn lên", "of the total, rounded up";
    CountAtLeast => "ít nhất", "at least";
    CountOnePer => "1 cho mỗi (hoặc phần lẻ của)", "1 for every (or part of)";
    SeverityCritical => "Nghiêm trọng", "Critical";
    SeverityMajor => "Lớn", "Major";
    SeverityMinor => "Nhỏ", "Minor";
    ErrorNotFoundTitle => "Không tìm thấy", "Not found";
    ErrorNotFound => "Trang hoặc bản ghi này không tồn tại.", "This page or record does not exist.";
    ErrorBadRequestTitle => "Yêu cầu không hợp lệ", "Bad request";
    ErrorInternalTitle => "Đã xảy ra lỗi", "Something went wrong";
    ErrorInternal => "Máy chủ gặp lỗi. Vui lòng thử lại; nếu lỗi tiếp diễn, hãy báo mã tham chiếu này cho quản trị viên:", "The server ran into an error. Please try again; if it persists, give this reference to the administrator:";
    ErrorInvalid => "Dữ liệu gửi lên không hợp lệ.", "The data sent is not valid.";
    ErrorConflict => "Xung đột với dữ liệu đã có.", "Conflicts with existing data.";
    ErrorStale => "Bản ghi đã được người khác sửa từ khi bạn mở nó; không có gì được ghi đè. Phiên bản hiện tại:", "Someone changed this record since you opened it; nothing was overwritten. Current version:";
    ErrorBusy => "Hệ thống đang bận ghi dữ liệu khác. Vui lòng thử lại sau giây lát; dữ liệu của bạn chưa được lưu.", "The system is busy writing other data. Please try again in a moment; your data was not saved.";
    ErrorTooLarge => "Nội dung gửi lên quá lớn. Giới hạn:", "The request body is too large. The limit is";
    ErrorTimedOut => "Yêu cầu mất quá nhiều thời gian và đã bị dừng. Vui lòng thử lại; nếu lỗi tiếp diễn, hãy báo mã tham chiếu này cho quản trị viên:", "The request took too long and was stopped. Please try again; if it persists, give this reference to the administrator:";
    ErrorMalformedBody => "Không đọc được nội dung yêu cầu", "The request body could not be read";
    ErrorBackHome => "Về trang chủ", "Back to the home page";
    ErrorAuditIsDraft => "Phiếu kiểm tra này vẫn là bản nháp, chưa được nộp để duyệt.", "This audit is still a draft; it has not been submitted for review.";
    ErrorAuditIsSubmitted => "Phiếu kiểm tra này đã được nộp và đang chờ duyệt; không thể sửa hay nộp lại.", "This audit has been submitted and awaits review; it can no longer be changed or submitted again.";
    ErrorAuditIsReturned => "Phiếu kiểm tra này đã được trả lại cho người kiểm tra; chờ họ sửa và nộp lại.", "This audit was returned to its inspector; it waits for them to fix and resubmit it.";
    ErrorAuditIsApproved => "Phiếu kiểm tra này đã được duyệt; không thể thay đổi nữa.", "This audit is approved; it can no longer change.";
    ErrorOwnAudit => "Bạn không thể duyệt phiếu kiểm tra do chính mình thực hiện.", "You cannot review an audit you filled yourself.";
    NavAudits => "Phiếu kiểm tra", "Audits";
    AuditsTitle => "Phiếu kiểm tra", "Audits";
    AuditsMine => "Phiếu tôi đang làm", "My audits in progress";
    AuditsQueue => "Phiếu chờ duyệt của sở", "Submitted audits awaiting review";
    AuditsMineSubmitted => "Phiếu tôi đã nộp, chờ duyệt", "My audits awaiting review";
    AuditsNone => "Không có phiếu nào.", "No audits.";
    AuditsFindSite => "Tìm địa điểm để kiểm tra", "Find a site to audit";
    AuditsFindSiteHint => "Tìm theo tên, rồi bấm “Bắt đầu kiểm tra” trên trang địa điểm.", "Search by name, then choose “Start an audit” on the site's page.";
    AuditsNearMe => "Địa điểm gần tôi", "Sites near me";
    NearMeFailed => "Không lấy được vị trí của bạn; hãy tìm theo tên.", "Your position is not available; search by name instead.";
    AuditStateDraft => "Bản nháp", "Draft";
    AuditStateSubmitted => "Đã nộp, chờ duyệt", "Submitted, awaiting review";
    AuditStateReturned => "Bị trả lại để sửa", "Returned for changes";
    AuditStateApproved => "Đã duyệt", "Approved";
    AuditState => "Trạng thái", "State";
    AuditStarted => "Bắt đầu lúc", "Started";
    AuditSubmitted => "Nộp lúc", "Submitted";
    AuditInspector => "Người kiểm tra", "Inspector";
    AuditReviewer => "Người duyệt", "Reviewer";
    AuditChecklist => "Bảng kiểm", "Checklist";
    AuditReviewComment => "Nhận xét của người duyệt", "The reviewer's comment";
    AuditSections => "Các phần của bảng kiểm", "Sections of the checklist";
    AuditAnswered => "đã trả lời", "answered";
    AuditOf => "trên", "of";
    AuditSectionNotApplicable => "không áp dụng", "not applicable";
    AuditToSummary => "Xem lại và nộp", "Review and submit";
    AuditStart => "Bắt đầu kiểm tra", "Start an audit";
    AuditStartHint => "Bắt đầu một phiếu kiểm tra mới theo bảng kiểm hiện hành của loại địa điểm này.", "Starts a new audit on the current checklist for this kind of site.";
    AuditOpen => "Mở phiếu", "Open the audit";
    AuditBack => "Về phiếu kiểm tra", "Back to the audit";
    SectionApplies => "Có áp dụng không?", "Does it apply?";
    SectionAppliesYes => "Có, kiểm tra phần này", "Yes, check this section";
    SectionAppliesNo => "Không có, không áp dụng", "There is none: not applicable";
    SectionSave => "Lưu và sang phần tiếp", "Save and go to the next section";
    SectionSaveOnly => "Lưu", "Save";
    SectionSaved => "Đã lưu câu trả lời của phần này.", "This section's answers are saved.";
    SectionPhotoRefused => "Câu trả lời đã được lưu, nhưng ảnh sau không được nhận:", "The answers are saved, but these photos were not accepted:";
    SectionNext => "Phần tiếp theo", "Next section";
    ResultPass => "Đạt", "Pass";
    ResultFail => "Không đạt", "Fail";
    ResultNotApplicable => "Không áp dụng", "Not applicable";
    ResultAlternative => "Có giải pháp thay thế", "An alternative is in place";
    ResultFromMeasure => "Theo số đo (mặc định)", "From the measurement (default)";
    ResultNotAsked => "Không hỏi: mục điều kiện chưa đạt.", "Not asked: the item it depends on did not pass.";
    AnswerResult => "Kết quả", "Result";
    AnswerOverride => "Đổi kết quả (cần ghi chú)", "Change the result (needs a note)";
    AnswerValue => "Số đo", "Measurement";
    AnswerValueHint => "Ví dụ: 90 cm, 0,9 m, 1:12 hoặc 8 %.", "For example: 90 cm, 0.9 m, 1:12 or 8 %.";
    AnswerUnit => "Đơn vị", "Unit";
    AnswerNote => "Ghi chú", "Note";
    AnswerPhoto => "Ảnh", "Photo";
    AnswerPhotoNeeded => "Cần ảnh khi không đạt.", "A photo is needed when it fails.";
    AnswerPhotoAlways => "Luôn cần ảnh.", "A photo is always needed.";
    AnswerPhotos => "Ảnh đã gửi", "Photos sent";
    PhotoRemove => "Xóa ảnh này", "Remove this photo";
    PhotoRemoveTitle => "Xóa ảnh khỏi phiếu kiểm tra?", "Remove the photo from the audit?";
    PhotoKeep => "Không, giữ lại ảnh", "No, keep the photo";
    PhotoRemoved => "Đã xóa ảnh.", "The photo is removed.";
    AnswerComputed => "Theo ngưỡng", "By the threshold";
    AnswerOverridden => "Người kiểm tra đã đổi kết quả", "The inspector changed the result";
    SummaryTitle => "Xem lại trước khi nộp", "Review before submitting";
    SummaryMissingAnswers => "Còn thiếu câu trả lời", "Answers still missing";
    SummaryMissingPhotos => "Còn thiếu ảnh", "Photos still missing";
    SummaryUndecided => "Giải pháp thay thế chờ người duyệt quyết định", "Alternatives the reviewer will decide on";
    SummaryReady => "Phiếu đã đầy đủ và có thể nộp để duyệt.", "The audit is complete and can be submitted for review.";
    SummaryFailures => "Các mục không đạt", "Items that fail";
    SubmitAudit => "Nộp để duyệt", "Submit for review";
    SubmitDone => "Đã nộp phiếu để duyệt.", "The audit is submitted for review.";
    ReviewTitle => "Duyệt phiếu kiểm tra", "Review the audit";
    ReviewDecision => "Quyết định", "Decision";
    ReviewApprove => "Duyệt: các mục không đạt trở thành phát hiện cần khắc phục", "Approve: failed items become findings to fix";
    ReviewReturn => "Trả lại cho người kiểm tra để sửa", "Return to the inspector for changes";
    ReviewComment => "Nhận xét", "Comment";
    ReviewCommentHint => "Bắt buộc khi trả lại: nói rõ cần sửa gì.", "Required when returning: say what needs to change.";
    ReviewSend => "Gửi quyết định", "Send the decision";
    ReviewDone => "Đã ghi quyết định.", "The decision is recorded.";
    ReviewAccept => "Chấp nhận", "Accept";
    ReviewRefuse => "Không chấp nhận", "Refuse";
    ReviewThreshold => "Yêu cầu", "Required";
    ReviewMeasured => "Đo được", "Measured";
    ReviewLocationWarning => "Cảnh báo: ảnh này được chụp cách địa điểm", "Warning: this photo was taken away from the site, at";
    ReviewMetres => "mét", "metres";
    ReviewAdvice => "khuyến nghị, không thành phát hiện", "advice, not a finding";
    ReviewAnswers => "Câu trả lời", "Answers";
    ReviewNoPhoto => "Không có ảnh", "No photo";
    SiteAccessibility => "Khả năng tiếp cận", "Accessibility";
    SiteLastAudit => "Lần kiểm tra được duyệt gần nhất", "Latest approved audit";
    SiteWhatWorks => "Từng phần của địa điểm", "Part by part";
    SiteBarriers => "Những trở ngại còn tồn tại", "Barriers that remain";
    SiteNoBarriers => "Không còn trở ngại nào được ghi nhận.", "No barriers are recorded.";
    SitePhotos => "Ảnh từ lần kiểm tra", "Photos from the audit";
    SiteNotAudited => "Địa điểm này chưa được kiểm tra, nên chưa biết có tiếp cận được hay không.", "This site has not been audited yet, so it is not known whether it is accessible.";
    SiteAudits => "Phiếu kiểm tra của địa điểm", "Audits of this site";
    LevelAccessible => "Tiếp cận được", "Accessible";
    LevelPartly => "Tiếp cận được một phần", "Partly accessible";
    LevelNotAccessible => "Không tiếp cận được", "Not accessible";
    LevelUnknown => "Chưa rõ (chưa kiểm tra)", "Unknown (not audited)";
    LevelAccessibleText => "Người đi xe lăn có thể vào và sử dụng; chỉ còn trở ngại nhỏ, nếu có.", "A wheelchair user can get in and use it; only minor barriers remain, if any.";
    LevelPartlyText => "Vào được, nhưng một số phần còn khó dùng hoặc cần người giúp.", "You can get in, but some parts are hard to use or need help.";
    LevelNotAccessibleText => "Người đi xe lăn không vào được: lối tiếp cận hoặc lối vào có trở ngại nghiêm trọng.", "A wheelchair user cannot get in: the way in or the entrance has a critical barrier.";
    FeatureWorks => "dùng được", "works";
    FeatureDoesNotWork => "chưa dùng được", "does not work";
    FeatureNotChecked => "chưa kiểm tra", "not checked";
    FeatureParking => "Chỗ đỗ xe", "Parking";
    FeatureApproach => "Đường đến lối vào", "Getting to the entrance";
    FeatureEntrance => "Lối vào và cửa", "Entrance and doors";
    FeatureInsideRoutes => "Lối đi bên trong", "Corridors and inner doors";
    FeatureLift => "Thang máy", "Lifts";
    FeatureToilet => "Nhà vệ sinh", "Toilets";
    FeatureCounter => "Quầy tiếp đón", "Reception and counters";
    FeatureSignage => "Biển báo, chỉ dẫn xúc giác", "Signs and tactile information";
    FeatureAlarm => "Báo động, thoát nạn", "Alarms and evacuation";
    FeatureSeating => "Chỗ ngồi, chỗ cho xe lăn", "Seating and wheelchair spaces";
    FeatureBoarding => "Lên xuống xe", "Boarding vehicles";
    FeatureVisit => "Tham quan, hướng dẫn", "Visiting and guides";
    FeatureRooms => "Phòng lưu trú, phòng bệnh", "Rooms to stay in";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages_and_they_differ_where_expected() {
        for msg in Msg::ALL {
            assert!(!msg.get(Lang::Vi).trim().is_empty(), "{msg:?} vi");
            assert!(!msg.get(Lang::En).trim().is_empty(), "{msg:?} en");
        }
        assert_ne!(Msg::NavSites.get(Lang::Vi), Msg::NavSites.get(Lang::En));
    }
}
