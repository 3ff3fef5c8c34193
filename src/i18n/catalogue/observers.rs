//! Messages of an audit's participants and observers: the participants' form, their
//! remarks, the observer's own page, and what the public page says of who took part.

part! { $ observer_messages
    RoleObserver => "Người giám sát", "Observer";
    ObservingTitle => "Các đợt kiểm tra tôi giám sát", "Audits I observe";
    ObservingIntro => "Các đợt kiểm tra có ghi tên bạn là người tham gia. Mở một đợt để xem kết quả và ghi ý kiến của bạn.", "The audits you are named on as a participant. Open one to read its results and add your remarks.";
    ObservingNone => "Bạn chưa được ghi tên trong đợt kiểm tra nào.", "You are not named on any audit yet.";
    ParticipantsTitle => "Người tham gia", "Who took part";
    ParticipantsNone => "Chưa ghi ai tham gia ngoài cán bộ kiểm tra.", "Nobody besides the inspector is recorded.";
    ParticipantName => "Họ và tên", "Name";
    ParticipantOrganisation => "Tổ chức", "Organisation";
    ParticipantOrganisationHint => "Chọn trong danh sách gợi ý hoặc gõ tên tổ chức, ví dụ Hội Người khuyết tật tỉnh Lạng Sơn.", "Choose a suggestion or type the organisation, such as the provincial association of people with disabilities.";
    ParticipantAccount => "Tài khoản người giám sát (tên đăng nhập)", "Observer's account (username)";
    ParticipantAccountHint => "Nếu người này có tài khoản người giám sát, họ sẽ xem được đợt kiểm tra này và tự ghi ý kiến.", "If this person has an observer's account, they will see this audit and write their own remarks.";
    ParticipantAdd => "Thêm người tham gia", "Add a participant";
    ParticipantAdded => "Đã thêm người tham gia.", "The participant is added.";
    ParticipantRemove => "Bỏ tên", "Remove";
    ParticipantRemoved => "Đã bỏ tên người tham gia.", "The participant is removed.";
    ParticipantHasAccount => "tự ghi ý kiến qua tài khoản", "writes through their account";
    RemarksTitle => "Ý kiến của người tham gia", "Participants' remarks";
    RemarksNone => "Chưa có ý kiến.", "No remarks yet.";
    RemarkBody => "Ý kiến", "Remark";
    RemarkAbout => "Về", "About";
    RemarkWholeAudit => "Cả đợt kiểm tra", "The audit as a whole";
    RemarkWho => "Ý kiến của", "Whose remark";
    RemarkAdd => "Ghi ý kiến", "Add the remark";
    RemarkAdded => "Đã lưu ý kiến.", "The remark is saved.";
    RemarkNotedBy => "ghi bởi", "noted by";
    AuditFindings => "Các rào cản đợt kiểm tra này ghi nhận", "The barriers this audit found";
    AuditFindingsNone => "Đợt kiểm tra này không ghi nhận rào cản nào, hoặc chưa được phê duyệt.", "This audit found no barrier, or is not approved yet.";
    SiteParticipation => "Đợt kiểm tra có sự tham gia của", "The audit was made with the participation of";
}
