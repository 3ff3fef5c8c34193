//! `tiepcan report --from --to [--department] [--area] --format --out`: the periodic
//! report written to a file by the same code as `GET /api/v1/reports` (the CSV is byte for
//! byte the API's; the other formats also carry the time they were made).

use std::process::ExitCode;

use super::print_error;
use crate::app::Error;
use crate::app::reports::{self, ReportInput};
use crate::config::ReportArgs;
use crate::domain::actor::Actor;
use crate::domain::lang::Lang;
use crate::domain::validation::FieldErrors;
use crate::server::Needs;
use crate::views::reports::{Format, Written};

/// Computes the report and writes it to `--out`; a refused input names its problem and
/// writes nothing.
pub async fn run(args: ReportArgs) -> anyhow::Result<ExitCode> {
    let lang = Lang::parse(&args.lang).unwrap_or(Lang::Vi);
    let format = match Format::parse(Some(&args.format)) {
        Ok(format) => format,
        Err(problem) => {
            print_error(&Error::Invalid(FieldErrors::single("format", problem)));
            return Ok(ExitCode::FAILURE);
        }
    };
    let needs = Needs {
        zone: Some(args.zone),
        ..Needs::default()
    };
    let mut s = crate::server::open(&args.database, needs).await?;
    s.report_answer_days = args.answer_time.report_answer_days;
    let input = ReportInput {
        from: Some(args.from.clone()),
        to: Some(args.to.clone()),
        department: args.department.clone(),
        area: args.area.clone(),
    };
    let computed = reports::report(&s, &Actor::Console, &input).await;
    s.db.close().await;
    let report = match computed {
        Ok(report) => report,
        Err(e) => {
            print_error(&e);
            return Ok(ExitCode::FAILURE);
        }
    };
    let written = Written {
        report,
        lang,
        letterhead: args.heading.letterhead(),
        generated: s.now(),
        zone: s.zone,
    };
    let (report, bytes) = written.render(format).await?;
    std::fs::write(&args.out, &bytes)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", args.out.display()))?;
    println!(
        "{} {} – {}: {} ({} bytes)",
        format.extension(),
        report.period.from,
        report.period.to,
        args.out.display(),
        bytes.len()
    );
    Ok(ExitCode::SUCCESS)
}
