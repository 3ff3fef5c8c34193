//! Each subcommand's `--help` lists exactly the options it reads. Every subcommand found in
//! the command tree must have its row below; a new one fails here until it gets one.

use std::collections::BTreeSet;

use clap::{CommandFactory, Parser};
use tiepcan::config::Cli;

/// The database (`Database`).
const DATABASE: &[&str] = &["database-url", "data-dir"];
/// The photo store (`PhotoStorage`).
const PHOTOS: &[&str] = &["photo-store"];
/// The region every site must lie in (`Region`).
const REGION: &[&str] = &["region-bbox"];
/// The province's time zone (`Zone`).
const ZONE: &[&str] = &["time-zone"];
/// The reports' letterhead (`Heading`).
const HEADING: &[&str] = &["province-name", "report-issuer", "report-recipients"];
/// The days departments have to answer a barrier report (`AnswerTime`).
const ANSWER: &[&str] = &["report-answer-days"];
/// How mail is sent (`Smtp`).
const SMTP: &[&str] = &[
    "smtp-host",
    "smtp-port",
    "smtp-tls",
    "smtp-user",
    "smtp-password",
    "mail-from",
];
/// The daily messages (`Mail`, besides `Smtp`).
const MAIL: &[&str] = &["escalate-after-days", "digest-hour"];
/// The web server's own settings.
const SERVER: &[&str] = &[
    "listen",
    "base-url",
    "checklists-dir",
    "demo",
    "no-demo",
    "demo-audits",
    "demo-reorganise",
    "trust-forwarded-for",
    "admin-password-stdin",
    "tiles-url",
    "tiles-attribution",
    "request-timeout",
    "body-idle-timeout",
    "photo-decodes",
    "upload-expiry",
    "report-contact-days",
    "metrics",
    "metrics-addr",
    "metrics-allow",
];
/// What every command reads: each one logs.
const EVERY: &[&str] = &["log-format"];

/// Each subcommand, by its path (`""` is `tiepcan` alone), and the options it reads, besides
/// [`EVERY`], `--help` and `--version`.
const TABLE: &[(&str, &[&[&str]])] = &[
    (
        "",
        &[
            SERVER, DATABASE, PHOTOS, REGION, ZONE, HEADING, ANSWER, SMTP, MAIL,
        ],
    ),
    (
        "serve",
        &[
            SERVER, DATABASE, PHOTOS, REGION, ZONE, HEADING, ANSWER, SMTP, MAIL,
        ],
    ),
    ("checklists", &[]),
    ("checklists check", &[]),
    ("import", &[]),
    ("import areas", &[DATABASE, REGION, ZONE]),
    ("import sites", &[DATABASE, REGION, ZONE]),
    ("demo", &[]),
    (
        "demo generate",
        &[&["sites", "seed", "csv", "audits"], DATABASE, PHOTOS],
    ),
    ("user", &[]),
    (
        "user add",
        &[
            &[
                "username",
                "role",
                "department",
                "display-name",
                "email",
                "password-stdin",
            ],
            DATABASE,
        ],
    ),
    ("user disable", &[DATABASE]),
    ("user enable", &[DATABASE]),
    ("user set-email", &[DATABASE]),
    ("user reset-password", &[&["password-stdin"], DATABASE]),
    ("department", &[]),
    ("department list", &[DATABASE]),
    ("department add", &[&["name-vi", "name-en"], DATABASE]),
    ("department rename", &[&["name-vi", "name-en"], DATABASE]),
    ("department merge", &[&["into"], DATABASE]),
    ("department retire", &[DATABASE]),
    ("events", &[]),
    ("events verify", &[DATABASE]),
    ("photos", &[]),
    ("photos check", &[&["delete"], DATABASE, PHOTOS]),
    ("findings", &[]),
    ("findings overdue", &[&["department"], DATABASE, ZONE]),
    ("mail", &[]),
    ("mail test", &[SMTP]),
    ("mail queue", &[DATABASE]),
    ("backup", &[&["out"], DATABASE, PHOTOS]),
    ("restore", &[DATABASE, PHOTOS]),
    (
        "report",
        &[
            &["from", "to", "department", "area", "format", "out", "lang"],
            DATABASE,
            ZONE,
            HEADING,
            ANSWER,
        ],
    ),
];

/// The long options an option line of `help` names (`  -h, --help`, `      --listen <LISTEN>`;
/// their descriptions are indented further), less `--help` and `--version`.
fn options_in(help: &str) -> BTreeSet<String> {
    help.lines()
        .filter(|line| {
            let text = line.trim_start();
            line.len() - text.len() <= 6 && text.starts_with('-')
        })
        .filter_map(|line| line.split("--").nth(1))
        .map(|rest| {
            rest.split([' ', '=', '\t'])
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .filter(|name| name != "help" && name != "version")
        .collect()
}

/// Every subcommand under `command`, itself first, with the options its help lists and
/// those clap knows it has (which must agree).
fn walk(command: &mut clap::Command, path: &str, found: &mut Vec<(String, BTreeSet<String>)>) {
    let help = command.render_long_help().to_string();
    let shown = options_in(&help);
    let known: BTreeSet<String> = command
        .get_arguments()
        .filter(|a| !a.is_hide_set())
        .filter_map(|a| a.get_long().map(str::to_owned))
        .filter(|name| name != "help" && name != "version")
        .collect();
    assert_eq!(shown, known, "`tiepcan {path} --help` reads as:\n{help}");
    found.push((path.to_owned(), shown));
    for sub in command.get_subcommands_mut() {
        // clap's own `help` subcommand takes no options.
        if sub.get_name() == "help" {
            continue;
        }
        let name = sub.get_name().to_owned();
        let path = format!("{path} {name}").trim().to_owned();
        walk(sub, &path, found);
    }
}

#[test]
fn each_subcommands_help_lists_only_the_options_it_reads() {
    let mut root = Cli::command();
    root.build();
    let mut found = Vec::new();
    walk(&mut root, "", &mut found);
    assert!(found.len() >= TABLE.len(), "the walk found {found:?}");
    for (path, shown) in &found {
        let Some((_, groups)) = TABLE.iter().find(|(p, _)| p == path) else {
            panic!(
                "`tiepcan {path}` has no row in TABLE: add one with the options it reads \
                 (its help lists {shown:?})"
            );
        };
        let reads: BTreeSet<String> = groups
            .iter()
            .chain([&EVERY])
            .flat_map(|group| group.iter().map(|o| (*o).to_owned()))
            .collect();
        assert_eq!(shown, &reads, "`tiepcan {path} --help`");
    }
    for (path, _) in TABLE {
        assert!(
            found.iter().any(|(p, _)| p == path),
            "TABLE names `tiepcan {path}`, which does not exist"
        );
    }
}

#[test]
fn a_command_refuses_an_option_it_does_not_read() {
    let refused: [&[&str]; 3] = [
        &[
            "tiepcan",
            "import",
            "sites",
            "x.csv",
            "--province-name",
            "X",
        ],
        &["tiepcan", "findings", "overdue", "--photo-store", "/tmp/p"],
        &["tiepcan", "user", "enable", "u", "--time-zone", "UTC"],
    ];
    for args in refused {
        let refused = Cli::try_parse_from(args).expect_err("an option it does not read");
        assert_eq!(
            refused.kind(),
            clap::error::ErrorKind::UnknownArgument,
            "{args:?}"
        );
    }
    let global = Cli::try_parse_from(["tiepcan", "events", "verify", "--log-format", "json"]);
    assert_eq!(
        global.expect("every command logs").log_format,
        tiepcan::config::LogFormat::Json
    );
}
