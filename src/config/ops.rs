//! Options for whoever runs the program: the log format.

use clap::ValueEnum;

/// How log lines are written on standard error.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One line of text per event, for people.
    #[default]
    Text,
    /// One JSON object per line (`timestamp`, `level`, `message`, `target`, fields and
    /// spans), for log collectors.
    Json,
}
