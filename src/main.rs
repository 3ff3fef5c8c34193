//! The `tiepcan` binary: parse the command line, start tracing, hand over to the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = tiepcan::config::Cli::parse();
    tiepcan::telemetry::init(cli.log_format);
    tiepcan::run(cli)
}
