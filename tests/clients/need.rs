//! Finding the programs a suite drives, and saying so when one is missing. Not every suite uses
//! every helper, hence `dead_code`.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

/// True when `.ci/run` asked for every client (`BLUEPRINT_CLIENTS=required`): a missing one is
/// then a failure, not a skip.
pub fn required() -> bool {
    std::env::var("BLUEPRINT_CLIENTS").is_ok_and(|v| v == "required")
}

/// The program `name` on `PATH` (or the first of `names` found, for programs packaged under
/// several names, e.g. `chromium` and `chromium-browser`), or `None` after saying on stderr,
/// which the test harness does not capture, that `suite` is skipped and what installs it.
/// Panics instead when [`required`].
pub fn program(suite: &str, names: &[&str], install: &str) -> Option<PathBuf> {
    if let Some(found) = names.iter().find_map(|n| on_path(n)) {
        return Some(found);
    }
    missing(suite, &names.join(" or "), install)
}

/// The npm package `package` installed under tests/clients/node (by `.ci/clients`, or by hand
/// with `npm ci --prefix tests/clients/node`), as the path of its directory; `None` after a
/// visible skip message, a panic when [`required`]. Node itself is asked for too.
pub fn npm_package(suite: &str, package: &str) -> Option<PathBuf> {
    program(suite, &["node"], "apt-get install nodejs")?;
    let dir = node_modules().join(package);
    if dir.is_dir() {
        return Some(dir);
    }
    missing(
        suite,
        &format!("npm package {package}"),
        "npm ci --prefix tests/clients/node",
    )
}

/// tests/clients/node/node_modules, where `.ci/clients` installs the npm packages the suites use
/// (versions pinned by tests/clients/node/package-lock.json).
pub fn node_modules() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/clients/node/node_modules")
}

fn missing<T>(suite: &str, what: &str, install: &str) -> Option<T> {
    let message = format!("{suite}: {what} is not installed ({install}; .ci/run does it)");
    assert!(!required(), "BLUEPRINT_CLIENTS=required, but {message}");
    let _ = writeln!(std::io::stderr(), "SKIPPED {message}");
    None
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

#[test]
fn a_missing_program_is_a_visible_skip_unless_required() {
    if required() {
        return;
    }
    assert!(program("need", &["blueprint-no-such-program"], "nothing").is_none());
    assert!(program("need", &["blueprint-no-such-program", "sh"], "nothing").is_some());
}

/// Runs the suite's Node script `tests/clients/SCRIPT` on `config` (written to `dir` as
/// `config.json`), which prints one JSON report a line; panics with its stderr when it fails.
pub fn node_reports(
    script: &str,
    dir: &Path,
    config: &serde_json::Value,
) -> Vec<serde_json::Value> {
    let config = crate::support::write(dir, "config.json", config.to_string());
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/clients")
        .join(script);
    let out = std::process::Command::new("node")
        .arg(path)
        .arg(config)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON report"))
        .collect()
}
