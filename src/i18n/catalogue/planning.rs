//! Messages of the standing agency's planning pages: the province's targets and each
//! department's estimate for a budget year.

part! { $ planning_messages
    ReportRelated => "Trang liên quan", "Related pages";
    TargetsTitle => "Chỉ tiêu của tỉnh", "The province's targets";
    TargetsIntro => "Các chỉ tiêu do chương trình, kế hoạch của tỉnh đặt ra: tỷ lệ địa điểm được kiểm tra, tỷ lệ địa điểm tiếp cận được, tỷ lệ rào cản được khắc phục, theo loại địa điểm, địa bàn và năm. Báo cáo định kỳ của toàn tỉnh so sánh số liệu thực tế với từng chỉ tiêu.", "The targets the province's programmes and plans set: the share of sites audited, the share accessible, the share of findings fixed, by kind of site, area and year. The periodic report of the whole province holds the figures against each of them.";
    TargetsNone => "Chưa có chỉ tiêu nào.", "No target has been entered yet.";
    TargetsListed => "Các chỉ tiêu đã nhập", "Targets entered";
    TargetRemove => "Xoá chỉ tiêu", "Remove the target";
    TargetNew => "Thêm chỉ tiêu", "Add a target";
    TargetYear => "Năm", "Year";
    TargetMeasure => "Nội dung chỉ tiêu", "What it measures";
    TargetShareHint => "Tính theo phần trăm, ví dụ 80 hoặc 62,5.", "In per cent, for example 80 or 62.5.";
    TargetByHint => "Để trống nếu thời hạn là ngày 31 tháng 12 của năm.", "Leave empty when it is due on 31 December of the year.";
    TargetProgrammeHint => "Số, ngày và mục của văn bản đặt ra chỉ tiêu, ví dụ Kế hoạch số 123/KH-UBND, mục II.2.", "The number, date and section of the document that sets it, for example Plan 123/KH-UBND, section II.2.";
    TargetSave => "Lưu chỉ tiêu", "Save the target";
    TargetSaved => "Đã lưu chỉ tiêu.", "The target is saved.";
    TargetRemoved => "Đã xoá chỉ tiêu.", "The target is removed.";
    BudgetTitle => "Dự toán kinh phí khắc phục theo năm ngân sách", "Estimated cost of fixes by budget year";
    BudgetIntro => "Các rào cản mỗi sở, ngành đã lập kế hoạch khắc phục trong năm ngân sách và chi phí dự kiến, cùng số rào cản chưa có kế hoạch: căn cứ để các đơn vị lập dự toán hằng năm.", "The findings each department has planned to fix in the budget year and their estimated cost, with the findings that have no plan yet: what each department prepares its yearly estimate from.";
    BudgetCaption => "Dự toán năm ngân sách {year} theo sở, ngành", "Estimate for budget year {year} by department";
    BudgetPlanned => "Rào cản lập kế hoạch trong năm", "Findings planned for the year";
    BudgetUnplanned => "Rào cản chưa có kế hoạch", "Findings with no plan yet";
    BudgetShow => "Xem dự toán", "Show the estimate";
    BudgetJson => "Tải số liệu dạng JSON", "Download the figures as JSON";
}
