//! The one golden-file comparer. Every golden (`samples/*.svg`, `tests/golden/cuts/*.svg`, the
//! rendered diagnostics in `tests/golden/{errors,themes}/*.txt`) is compared here, and they all
//! live in the `render` test binary, so [`BLESS_COMMAND`] rewrites every one of them. `BLESS` is
//! read in one place, [`bless`].

use std::path::{Path, PathBuf};

/// The one command that rewrites every golden file after an intended change.
pub const BLESS_COMMAND: &str = "BLESS=1 cargo test --test render";

/// True when golden files are to be rewritten instead of compared: `BLESS` set to `1`, and
/// nothing else (any other value compares, so a stray empty `BLESS` in CI cannot bless).
pub fn bless() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| v == "1")
}

/// `NAME.got.EXT` beside `NAME.EXT`: where a mismatching output is written (gitignored).
pub fn got_path(expected: &Path) -> PathBuf {
    let ext = expected
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("txt");
    expected.with_extension(format!("got.{ext}"))
}

/// `path` relative to the repository root, for messages.
fn shown(path: &Path) -> String {
    path.strip_prefix(super::root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Compares `got` with the golden file `expected`, byte for byte. Equal: `None`, and a leftover
/// `NAME.got.EXT` from an earlier failure is removed. Different or missing: the new output is
/// written to `NAME.got.EXT` and the message names the file, where the output went, and
/// [`BLESS_COMMAND`]. Under `BLESS=1`, `expected` is rewritten instead (only if it changed) and
/// the result is `None`.
pub fn compare(expected: &Path, got: &str) -> Option<String> {
    let got_path = got_path(expected);
    let want = std::fs::read(expected);
    let same = want.as_ref().is_ok_and(|w| w == got.as_bytes());
    if same {
        let _ = std::fs::remove_file(&got_path);
        return None;
    }
    if bless() {
        if let Some(dir) = expected.parent() {
            std::fs::create_dir_all(dir).expect("create the golden's directory");
        }
        std::fs::write(expected, got).expect("bless");
        let _ = std::fs::remove_file(&got_path);
        eprintln!("BLESS=1: rewrote {}", shown(expected));
        return None;
    }
    std::fs::write(&got_path, got).expect("write the .got file");
    let what = match want {
        Ok(_) => "is stale",
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => "is missing",
        Err(_) => "is unreadable",
    };
    Some(format!(
        "golden file {} {what}: the new output is in {} (compare the two); if the change is \
         intended, `{BLESS_COMMAND}` rewrites it",
        shown(expected),
        shown(&got_path),
    ))
}

/// Fails with every message of `problems` (from [`compare`] and the like), one a line.
pub fn assert_none(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
