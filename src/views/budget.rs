//! `/budget`: the findings each department has planned for a budget year and what they are
//! estimated to cost, beside the findings with no plan yet: what each department prepares
//! for the year's estimate.

use maud::{Markup, html};

use crate::domain::budget::Budget;
use crate::domain::validation::FieldErrors;
use crate::i18n::{Msg, problem_text};
use crate::views::values::dong;
use crate::views::{Ctx, layout};

/// The page: the year's form and its table (none when the year typed was refused).
pub fn page(
    ctx: &Ctx,
    typed: &str,
    budget: Option<&Budget>,
    errors: Option<&FieldErrors>,
) -> Markup {
    let title = ctx.t(Msg::BudgetTitle);
    let error = errors.and_then(|e| e.for_field("year"));
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (ctx.t(Msg::BudgetIntro)) }
            form method="get" action="/budget" class="filters" {
                div class={ "field" @if error.is_some() { " field-error" } } {
                    label for="budget-year" { (ctx.t(Msg::FindingBudgetYear)) }
                    @if let Some(problem) = error {
                        p class="error" id="budget-year-error" { (problem_text(problem, ctx.lang)) }
                    }
                    input type="text" inputmode="numeric" id="budget-year" name="year" value=(typed)
                        aria-describedby=[error.map(|_| "budget-year-error")]
                        aria-invalid=[error.map(|_| "true")];
                }
                button type="submit" { (ctx.t(Msg::BudgetShow)) }
            }
            @if let Some(b) = budget {
                @let (planned, estimated_findings, estimated, unplanned) = b.total();
                div class="table-scroll" role="region" aria-labelledby="budget-caption" tabindex="0" {
                    table {
                        caption id="budget-caption" { (ctx.t(Msg::BudgetCaption).replace("{year}", &b.year.to_string())) }
                        thead { tr {
                            th scope="col" { (ctx.t(Msg::ReportDepartment)) }
                            th scope="col" { (ctx.t(Msg::BudgetPlanned)) }
                            th scope="col" { (ctx.t(Msg::ReportCostEstimatedFindings)) }
                            th scope="col" { (ctx.t(Msg::ReportCostEstimated)) }
                            th scope="col" { (ctx.t(Msg::BudgetUnplanned)) }
                        } }
                        tbody {
                            @for line in &b.lines {
                                tr {
                                    th scope="row" { (line.department.name.get(ctx.lang)) }
                                    td { (line.planned) }
                                    td { (line.estimated_findings) }
                                    td { (dong(line.estimated, ctx.lang)) }
                                    td { (line.unplanned) }
                                }
                            }
                        }
                        tfoot { tr {
                            th scope="row" { (ctx.t(Msg::ReportBarriersTotal)) }
                            td { (planned) }
                            td { (estimated_findings) }
                            td { (dong(estimated, ctx.lang)) }
                            td { (unplanned) }
                        } }
                    }
                }
                p { a href={ "/api/v1/budget?year=" (b.year) } { (ctx.t(Msg::BudgetJson)) } }
            }
        },
    )
}
