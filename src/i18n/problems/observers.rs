//! Wording for the problems of an audit's participants and their remarks.

use super::pick;

/// An account linked to a participant that is no observer's.
pub(super) fn not_an_observer(vi: bool) -> String {
    pick(
        vi,
        "Tài khoản này không phải tài khoản người giám sát; chỉ liên kết được tài khoản có vai trò người giám sát.",
        "This account is not an observer's; only an account with the observer role can be linked.",
    )
}

/// A participant or a finding of another audit.
pub(super) fn not_of_this_audit(vi: bool) -> String {
    pick(
        vi,
        "Không thuộc đợt kiểm tra này.",
        "Not part of this audit.",
    )
}

/// A participant with an account writes their own remarks.
pub(super) fn writes_own_remarks(vi: bool) -> String {
    pick(
        vi,
        "Người này có tài khoản và tự ghi ý kiến của mình.",
        "This person has an account and writes their own remarks.",
    )
}

/// A participant whose remarks are on the record.
pub(super) fn has_remarks(vi: bool) -> String {
    pick(
        vi,
        "Người này đã có ý kiến trong hồ sơ kiểm tra nên không thể bỏ tên.",
        "This person's remarks are on the audit's record, so they stay on it.",
    )
}
