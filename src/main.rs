//! The `blueprint` binary: parses the command line (`cli`), runs the library's stages, prints
//! diagnostics, and turns the outcome into the exit code — here and nowhere else: 0 success
//! (warnings allowed), 1 a blueprint has errors, 2 usage or I/O failure.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(cli::Outcome::Success) => ExitCode::SUCCESS,
        Ok(cli::Outcome::Invalid) => ExitCode::from(1),
        Err(cli::Failure::Usage(e)) => {
            // clap prints help and version to stdout with success; real usage errors exit 2.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            ExitCode::from(code)
        }
        Err(cli::Failure::Io(msg)) => {
            eprintln!("error: {}", blueprint::diag::escape_line(&msg));
            ExitCode::from(2)
        }
    }
}
