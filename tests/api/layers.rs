//! The layers of `docs/ARCHITECTURE.md`, checked on the source: what each folder of `src/`
//! may use. Test code (`tests.rs` files, `#[cfg(test)]` modules and files marked
//! `#![cfg(test)]`) is not checked.

use std::path::{Path, PathBuf};

/// True for a file that is test code as a whole (`#![cfg(test)]` before any item).
fn only_for_tests(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//"))
        .is_some_and(|l| l == "#![cfg(test)]")
}

/// The source files under `src/FOLDER`, without their test modules.
fn sources(folder: &str) -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(folder);
    let mut pending = vec![root];
    let mut files = Vec::new();
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") && !path.ends_with("tests.rs") {
                let text = std::fs::read_to_string(&path).expect("read file");
                if only_for_tests(&text) {
                    continue;
                }
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                let lines: Vec<&str> = code
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect();
                files.push((path, lines.join("\n")));
            }
        }
    }
    assert!(!files.is_empty(), "no sources under src/{folder}");
    files
}

/// Every place in `folder` that uses one of `forbidden`, as `file: pattern`.
fn uses(folder: &str, forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, code) in sources(folder) {
        for pattern in forbidden {
            if code.contains(pattern) {
                found.push(format!("{}: {pattern}", path.display()));
            }
        }
    }
    found
}

#[test]
fn the_domain_does_no_io_and_knows_no_other_layer() {
    let found = uses(
        "domain",
        &[
            "crate::app",
            "crate::store",
            "crate::http",
            "crate::views",
            "crate::config",
            "crate::cli",
            "crate::server",
            "sqlx::",
            "axum::",
            "tokio::",
            "maud::",
            "std::fs",
            "std::net",
            "std::env",
            "std::process",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_store_speaks_sql_only_and_never_the_web() {
    let found = uses(
        "store",
        &[
            "crate::app",
            "crate::http",
            "crate::views",
            "crate::config",
            "crate::cli",
            "crate::i18n",
            "axum::",
            "maud::",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn use_cases_know_nothing_of_the_web_or_the_command_line() {
    let found = uses(
        "app",
        &[
            "crate::http",
            "crate::views",
            "crate::cli",
            "crate::config",
            "axum::",
            "maud::",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn only_use_cases_open_transactions() {
    for folder in ["http", "views", "cli"] {
        let found = uses(folder, &[".begin()", "store::Tx", ".commit()"]);
        assert!(found.is_empty(), "{found:#?}");
    }
    let found = uses("views", &["crate::store", "crate::app"]);
    assert!(
        found.is_empty(),
        "views render what they are given: {found:#?}"
    );
}

#[test]
fn views_and_the_command_line_never_reach_into_the_web_layer_nor_settings_into_views() {
    for folder in ["views", "cli"] {
        let found = uses(folder, &["crate::http"]);
        assert!(found.is_empty(), "{found:#?}");
    }
    let found = uses("config", &["crate::views", "crate::http"]);
    assert!(found.is_empty(), "{found:#?}");
}

/// Longest source file, in lines, test files aside.
const FILE_MAX_LINES: usize = 400;

#[test]
fn no_source_file_is_over_400_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut pending = vec![src];
    let mut long = Vec::new();
    let mut seen = 0;
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            if path.extension().is_none_or(|x| x != "rs") || path.ends_with("tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read file");
            seen += 1;
            let lines = text.lines().count();
            if lines > FILE_MAX_LINES && !only_for_tests(&text) {
                long.push(format!("{}: {lines}", path.display()));
            }
        }
    }
    assert!(seen > 100, "the walk found {seen} files");
    assert!(long.is_empty(), "{long:#?}");
}

/// A source file as a module path: `src/app/audits/start.rs` is `["app", "audits", "start"]`,
/// a `mod.rs` is its folder, `src/lib.rs` is the crate.
fn module_of(file: &Path) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let relative = file.strip_prefix(&src).expect("under src");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The paths a `use` tree names, braces expanded: `a::{b, c::{d}}` is `a::b` and `a::c::d`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(tree).trim();
        return vec![path.to_owned()];
    };
    let prefix = tree[..open].trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut parts, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|p| match p.as_str() {
            "self" => prefix.to_owned(),
            _ => format!("{prefix}::{p}"),
        })
        .collect()
}

/// Every path of our own crate that `code` names: in `use` trees and in expressions.
fn paths_named(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut statement: Option<String> = None;
    for line in code.lines() {
        let line = line.trim_start();
        if statement.is_none() {
            let after_pub = line
                .strip_prefix("pub ")
                .or_else(|| {
                    line.strip_prefix("pub(")
                        .and_then(|l| Some(l.split_once(") ")?.1))
                })
                .unwrap_or(line);
            if let Some(tree) = after_pub.strip_prefix("use ") {
                statement = Some(String::new() + tree);
            }
        } else if let Some(tree) = statement.as_mut() {
            tree.push(' ');
            tree.push_str(line);
        }
        if let Some(tree) = statement.as_ref()
            && let Some(end) = tree.find(';')
        {
            found.extend(expand(&tree[..end]));
            statement = None;
        }
    }
    let bytes = code.as_bytes();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(start) {
            let at = from + at;
            from = at + start.len();
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
                continue;
            }
            let end = code[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| at + e);
            found.push(code[at..end].trim_end_matches(':').to_owned());
        }
    }
    found
}

/// The module a path names, as a file of `modules`: its longest prefix that is one, read
/// from `here` for `super` and `self`.
fn resolve(path: &str, here: &[String], modules: &[Vec<String>]) -> Option<Vec<String>> {
    let mut parts: Vec<&str> = path.split("::").collect();
    let mut at: Vec<String> = match parts.first() {
        Some(&"crate") => Vec::new(),
        Some(&"super") | Some(&"self") => here.to_vec(),
        _ => return None,
    };
    if parts[0] == "crate" {
        parts.remove(0);
    }
    while parts.first() == Some(&"super") || parts.first() == Some(&"self") {
        if parts.remove(0) == "super" {
            at.pop();
        }
    }
    let mut best = modules.contains(&at).then(|| at.clone());
    for part in parts {
        at.push(part.to_owned());
        if modules.contains(&at) {
            best = Some(at.clone());
        }
    }
    best
}

#[test]
fn no_module_imports_one_that_leads_back_to_it() {
    let files = sources("");
    let modules: Vec<Vec<String>> = files.iter().map(|(p, _)| module_of(p)).collect();
    // An arrow from a module to one of its ancestors is its own house (`super::Error`) and is
    // left out; every other arrow counts, from a parent to its child too.
    let mut arrows: Vec<Vec<usize>> = vec![Vec::new(); files.len()];
    for (from, (_, code)) in files.iter().enumerate() {
        let here = &modules[from];
        for path in paths_named(code) {
            let Some(to) = resolve(&path, here, &modules) else {
                continue;
            };
            let ancestor = here.len() > to.len() && here[..to.len()] == to[..];
            let index = modules.iter().position(|m| *m == to).expect("a module");
            if index != from && !ancestor && !arrows[from].contains(&index) {
                arrows[from].push(index);
            }
        }
    }
    let circles = circles(&arrows);
    let named: Vec<Vec<String>> = circles
        .iter()
        .map(|c| c.iter().map(|i| modules[*i].join("::")).collect())
        .collect();
    assert!(named.is_empty(), "import circles: {named:#?}");
}

/// The groups of nodes that reach each other (Tarjan's strongly connected components), of
/// two nodes or more.
fn circles(arrows: &[Vec<usize>]) -> Vec<Vec<usize>> {
    struct Walk<'a> {
        arrows: &'a [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        found: Vec<Vec<usize>>,
    }
    fn visit(w: &mut Walk<'_>, v: usize) {
        w.index[v] = Some(w.next);
        w.low[v] = w.next;
        w.next += 1;
        w.stack.push(v);
        w.on_stack[v] = true;
        for &to in &w.arrows[v] {
            match w.index[to] {
                None => {
                    visit(w, to);
                    w.low[v] = w.low[v].min(w.low[to]);
                }
                Some(i) if w.on_stack[to] => w.low[v] = w.low[v].min(i),
                Some(_) => {}
            }
        }
        if Some(w.low[v]) == w.index[v] {
            let mut group = Vec::new();
            while let Some(top) = w.stack.pop() {
                w.on_stack[top] = false;
                group.push(top);
                if top == v {
                    break;
                }
            }
            if group.len() > 1 {
                w.found.push(group);
            }
        }
    }
    let n = arrows.len();
    let mut walk = Walk {
        arrows,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in 0..n {
        if walk.index[v].is_none() {
            visit(&mut walk, v);
        }
    }
    walk.found
}

#[test]
fn the_circle_finder_finds_a_circle_and_only_one() {
    // 0 -> 1 -> 2 -> 0 is a circle; 3 -> 0 leads into it without being part of it.
    let arrows = vec![vec![1], vec![2], vec![0], vec![0]];
    let mut found = circles(&arrows);
    found.iter_mut().for_each(|c| c.sort_unstable());
    assert_eq!(found, vec![vec![0, 1, 2]]);
    assert!(circles(&[vec![1], vec![]]).is_empty());
}

#[test]
fn use_trees_are_read_whole() {
    assert_eq!(
        expand("crate::app::{Error, audits::{self, read}, photos as p}"),
        [
            "crate::app::Error",
            "crate::app::audits",
            "crate::app::audits::read",
            "crate::app::photos"
        ]
    );
    let modules = vec![
        vec!["app".to_owned()],
        vec!["app".to_owned(), "audits".to_owned()],
    ];
    let here = vec!["app".to_owned(), "audits".to_owned(), "start".to_owned()];
    assert_eq!(
        resolve("super::super::Error", &here, &modules),
        Some(vec!["app".to_owned()])
    );
    assert_eq!(
        resolve("crate::app::audits::read::x", &here, &modules),
        Some(vec!["app".to_owned(), "audits".to_owned()])
    );
}
