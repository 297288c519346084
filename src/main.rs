//! The `blueprint` binary: parses the command line and runs it (`cli`), then turns the outcome
//! into the exit code — here and nowhere else: 0 success (warnings allowed), 1 a blueprint has
//! errors, 2 usage or I/O failure.
//!
//! Rust's own start runs before `main`, and the binary relies on what it does: standard streams
//! that were closed are opened on `/dev/null` (so no file the process opens takes their
//! numbers), `SIGPIPE` is ignored (a reader that goes away is a write error, reported or
//! ignored where it happens, not a death by signal), a panic exits with 101 (the hostile-input
//! tests fail on it), and standard output is flushed at the end.

// The library forbids `unsafe`; the binary allows it in one function, `pad_thread_heaps`.
#![deny(unsafe_code)]

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    pad_thread_heaps();
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

/// glibc grows the heap of a thread's own arena one page per `mprotect` call, with no padding
/// (unlike the main heap's `brk`): a render did 150 of them, and a second thread freeing into
/// that arena waited on its lock meanwhile. 4 MiB of padding makes that about 20 calls. The
/// padding is address space, not memory touched: peak RSS at N = 1000 went from 15.5 to
/// 16.1 MiB (docs/performance.md).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn pad_thread_heaps() {
    // SAFETY: mallopt only sets one of glibc's allocator tunables, and this runs before any
    // thread starts.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 4 << 20);
    }
}

/// Other allocators need no padding.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn pad_thread_heaps() {}
