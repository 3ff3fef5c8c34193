//! How fields are called in messages.

use super::Msg;
use crate::domain::lang::Lang;

/// How a field is called in messages (falls back to the field's own name).
pub fn field_label(field: &str, lang: Lang) -> String {
    let msg = match field {
        "name" => Msg::SiteName,
        "kind" => Msg::SiteKind,
        "subtype" => Msg::SiteSubtype,
        "address" => Msg::SiteAddress,
        "lat" => Msg::SiteLat,
        "lon" => Msg::SiteLon,
        "department" => Msg::SiteDepartment,
        "operator" => Msg::SiteOperator,
        "design_approved_on" => Msg::SiteDesignApproved,
        "heritage" => Msg::SiteHeritage,
        "username" => Msg::UserUsername,
        "display_name" => Msg::UserDisplayName,
        "password" => Msg::UserPassword,
        "role" => Msg::UserRole,
        "to" => Msg::FindingState,
        "due_date" => Msg::FindingDueDate,
        "assignee" => Msg::FindingAssignee,
        "budget_year" => Msg::FindingBudgetYear,
        "reason" => Msg::FindingReason,
        "comment" => Msg::FindingComment,
        "file" => Msg::FindingAfterPhotos,
        "code" => Msg::DeptCode,
        "name.vi" => Msg::DeptNameVi,
        "name.en" => Msg::DeptNameEn,
        "into" => Msg::DeptMergeInto,
        "current_password" => Msg::AccountCurrentPassword,
        "new_password" => Msg::AccountNewPassword,
        "email" => Msg::AccountEmail,
        "digest" => Msg::AccountDigest,
        "lang" => Msg::AccountMailLang,
        "features" => Msg::BarrierWhat,
        "description" => Msg::BarrierDescription,
        "contact" => Msg::BarrierContact,
        "photo" => Msg::BarrierPhoto,
        "finding" => Msg::BarrierFinding,
        "item" => Msg::BarrierItem,
        "follow_up_on" => Msg::BarrierFollowUpOn,
        "duplicate_of" => Msg::BarrierDuplicateId,
        "site" | "position" => Msg::BarrierAt,
        other => return other.to_owned(),
    };
    msg.get(lang).to_owned()
}
