//! The test commands the repository shows name what exists. Every `--test NAME` written in
//! README.md, docs/, .ci/run, bench/, benches/, fuzz/, src/ or tests/ is one of the
//! integration-test binaries (`tests/NAME/main.rs` or `tests/NAME.rs`), every `tests/….rs` named
//! there exists, and `BLESS` is always written `BLESS=1`. The test binaries were ten once and are
//! three now: a doc or a comment still naming an old one is what this catches.

use crate::support::*;
use std::path::{Path, PathBuf};

/// The files where commands and test files are named, relative to the repository root.
fn places() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| {
                ["rs", "md", "sh", "py", "toml", "txt"]
                    .iter()
                    .any(|e| x == *e)
            }) {
                out.push(p);
            }
        }
    }
    let root = root();
    let mut v = vec![root.join("README.md"), root.join(".ci/run")];
    for dir in [
        "docs",
        "bench",
        "benches",
        "fuzz/fuzz_targets",
        "src",
        "tests",
    ] {
        walk(&root.join(dir), &mut v);
    }
    v.push(root.join("fuzz/Cargo.toml"));
    // This file spells the patterns it looks for.
    let me = root.join(file!());
    v.retain(|p| p != &me && !p.starts_with(root.join("tests/golden")));
    v.sort();
    v
}

/// True for a character that can be part of a path or a target name.
fn path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | '.')
}

/// Every problem with the test commands and test files named in `text`.
fn problems(name: &str, text: &str) -> Vec<String> {
    let root = root();
    let mut v = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let at = format!("{name}:{}", n + 1);
        for (i, _) in line.match_indices("--test ") {
            let target: String = line[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
                .collect();
            let exists = root.join("tests").join(&target).join("main.rs").is_file()
                || root.join("tests").join(format!("{target}.rs")).is_file();
            if !exists {
                v.push(format!("{at}: `--test {target}` names no test binary"));
            }
        }
        for (i, _) in line.match_indices("BLESS=") {
            if !line[i..].starts_with("BLESS=1") {
                v.push(format!("{at}: BLESS is set to something other than 1"));
            }
        }
        for (i, _) in line.match_indices("tests/") {
            if line[..i].chars().next_back().is_some_and(path_char) {
                continue;
            }
            let path: String = line[i..].chars().take_while(|&c| path_char(c)).collect();
            let path = path.trim_end_matches('.');
            if path.ends_with(".rs") && !root.join(path).is_file() {
                v.push(format!("{at}: {path} does not exist"));
            }
        }
    }
    v
}

#[test]
fn test_commands_and_test_files_named_anywhere_exist() {
    let places = places();
    assert!(places.len() > 50, "found only {} files", places.len());
    let mut found = Vec::new();
    for p in &places {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        let name = p.strip_prefix(root()).unwrap_or(p).display().to_string();
        found.extend(problems(&name, &text));
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The checks bite: an old binary's name, an old test file and another BLESS value are found.
#[test]
fn the_test_command_checks_bite() {
    let bad = "run `BLESS=1 cargo test --test golden`, see tests/limits.rs; BLESS=true\n";
    assert_eq!(problems("x", bad).len(), 3, "{:?}", problems("x", bad));
    let good = "`BLESS=1 cargo test --test render`, tests/render/golden.rs, tests/golden/cuts/";
    assert_eq!(problems("x", good), Vec::<String>::new());
}
