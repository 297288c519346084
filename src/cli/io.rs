//! The run's own reading and writing: an input file or standard input, read whole under the size
//! cap, and bytes to standard output, where a reader that went away is no failure. (Outputs are
//! written by `blueprint::write`.)

use super::outcome::Failure;
use blueprint::diag;
use std::io::{Read, Write};
use std::path::Path;

/// Reads `path` (`-` is standard input) as bytes, with a size cap; returns the name to show
/// for it and the bytes, or a message naming the path.
pub fn read_input(path: &Path) -> Result<(String, Vec<u8>), String> {
    // The name is shown in reports and JSON: a file name must not drive the terminal or forge
    // a CI log line.
    let name = diag::escape_line(&path.to_string_lossy());
    let limit = blueprint::limits::MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let result = if path.as_os_str() == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        if path.is_dir() {
            return Err(format!("{name}: is a directory, not a blueprint file"));
        }
        std::fs::File::open(path).and_then(|f| {
            // Room for the whole file up front: one read instead of a dozen doubling ones.
            let size = f.metadata().map_or(0, |m| m.len().min(limit));
            bytes.reserve_exact(usize::try_from(size).unwrap_or(0) + 1);
            f.take(limit).read_to_end(&mut bytes)
        })
    };
    result.map_err(|e| format!("{name}: {}", io_reason(&e)))?;
    Ok((
        if path.as_os_str() == "-" {
            "<stdin>".into()
        } else {
            name
        },
        bytes,
    ))
}

/// The reason an input could not be read, in a few words.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Writes `bytes` to standard output and flushes it.
pub fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not a failure of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Io(format!("standard output: {e}"))),
    }
}
