//! The `blueprint` binary: parses the command line and runs it (`cli`), then turns the outcome
//! into the exit code — here and nowhere else: 0 success (warnings allowed), 1 a blueprint has
//! errors, 2 usage or I/O failure.
//!
//! Rust's own start runs before `main`, and the binary relies on what it does: standard streams
//! that were closed are opened on `/dev/null` (so no file the process opens takes their
//! numbers), `SIGPIPE` is ignored (a reader that goes away is a write error, reported or
//! ignored where it happens, not a death by signal), a panic exits with 101 (the hostile-input
//! tests fail on it), and standard output is flushed at the end.

#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let code = match cli::run() {
        Ok(cli::Outcome::Success) => 0,
        Ok(cli::Outcome::Invalid) => 1,
        Err(cli::Failure::Usage(e)) => {
            // clap prints help and version to stdout with success; real usage errors exit 2.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            code
        }
        Err(cli::Failure::Io(msg)) => {
            eprintln!("error: {}", blueprint::diag::escape_line(&msg));
            2
        }
    };
    ExitCode::from(code)
}
