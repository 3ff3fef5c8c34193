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
