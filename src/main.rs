//! The `blueprint` binary: parses the command line (`cli`), runs the library's stages, prints
//! diagnostics, and turns the outcome into the exit code — here and nowhere else: 0 success
//! (warnings allowed), 1 a blueprint has errors, 2 usage or I/O failure.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    // glibc grows the heap of a thread's own arena one page per `mprotect` call, with no
    // padding (unlike the main heap's `brk`): a render did 150 of them, and a second thread
    // freeing into that arena waited on its lock meanwhile. 4 MiB of padding makes that about 20
    // calls. The padding is address space, not memory touched: peak RSS at N = 1000 went from
    // 15.5 to 16.1 MiB (docs/performance.md).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets one of glibc's allocator tunables, before any thread starts.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 4 << 20);
    }
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
