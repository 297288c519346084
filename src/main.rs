//! The `blueprint` binary: parses the command line (`cli`), runs the library's stages, prints
//! diagnostics, and turns the outcome into the exit code — here and nowhere else: 0 success
//! (warnings allowed), 1 a blueprint has errors, 2 usage or I/O failure.
//!
//! On Linux with glibc the entry point is a C `main` of our own rather than Rust's
//! runtime start: that start reads `/proc/self/maps` through `pthread_getattr_np` to place the
//! main thread's stack guard, 60 to 80 µs of every run, 6 % of a 12-step render. `main` below
//! does the rest of what it did: standard streams that were closed are opened on `/dev/null`
//! (so no file the process opens can take their numbers), `SIGPIPE` is ignored (a closed pipe
//! is a write error, as before), a panic exits with 101, and standard output is flushed at the
//! end. Arguments still reach `std::env::args`, which glibc hands to std at load time.

// Not in the unit tests of this crate, whose harness brings its own `main`.
#![cfg_attr(all(target_os = "linux", target_env = "gnu", not(test)), no_main)]

mod cli;

/// The whole run; returns the exit code.
fn run() -> u8 {
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
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu", not(test))))]
fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(run())
}

/// The C entry point (see the module doc).
#[cfg(all(target_os = "linux", target_env = "gnu", not(test)))]
#[unsafe(no_mangle)]
extern "C" fn main(_argc: libc::c_int, _argv: *const *const libc::c_char) -> libc::c_int {
    use std::io::Write;
    // SAFETY: both run before any other thread exists, and touch only the three standard
    // descriptors and one signal's disposition.
    unsafe {
        for fd in 0..3 {
            if libc::fcntl(fd, libc::F_GETFD) == -1
                && std::io::Error::last_os_error().raw_os_error() == Some(libc::EBADF)
            {
                // Opened on the lowest free number, which is `fd`. Without /dev/null the
                // process stops here, as Rust's own start does: a file opened later could
                // otherwise take the number and receive what is printed.
                if libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) == -1 {
                    libc::abort();
                }
            }
        }
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    // The panic hook has already printed the message; Rust's own start exits with 101 too.
    let code = std::panic::catch_unwind(run).unwrap_or(101);
    let _ = std::io::stdout().flush();
    libc::c_int::from(code)
}
