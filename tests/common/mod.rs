//! Helpers shared by the integration tests: run the built binary, write temp inputs, read JSON
//! diagnostics back.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The `blueprint` binary, ready to run.
pub fn bin() -> Command {
    let mut c = Command::cargo_bin("blueprint").expect("binary built");
    c.env_remove("NO_COLOR");
    c.timeout(std::time::Duration::from_secs(60));
    c
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `samples/*.yaml`, sorted.
pub fn samples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .expect("samples dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    v
}

/// A fresh temporary directory.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// Writes `bytes` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

/// One diagnostic as (severity, line, column, code without prefix).
pub type Found = (String, u64, u64, String);

/// Runs `check --format json` on `path`: exit code and diagnostics.
pub fn check_json(path: &Path) -> (i32, Vec<Found>, serde_json::Value) {
    let out = bin()
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .expect("run");
    let code = out.status.code().expect("exit code, not a signal");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON output: {e}\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let found = doc["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["code"]
                    .as_str()
                    .unwrap_or("")
                    .trim_start_matches("blueprint::")
                    .to_string(),
            )
        })
        .collect();
    (code, found, doc)
}

/// The codes in a diagnostics list.
pub fn codes(found: &[Found]) -> Vec<&str> {
    found.iter().map(|f| f.3.as_str()).collect()
}
