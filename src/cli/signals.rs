//! Signals: SIGINT, SIGTERM and SIGHUP remove the temporary files being written and end the
//! process with one line and the shell's code for that signal (130, 143, 129), so an
//! interrupted render leaves no `.blueprint-*.tmp` beside its outputs. SIGXFSZ (a file-size
//! limit, `ulimit -f`) is caught and does nothing, so the write that passes the limit fails with
//! an error the run reports, and its temporary file is removed like any failed write's. SIGKILL
//! cannot be caught: docs/security.md says what it can leave. Uses `signal-hook`'s safe API.

/// Starts the thread that waits for the signals above. A signal that cannot be watched
/// (which no Unix refuses for these) leaves its default action: the process ends, as before.
#[cfg(unix)]
pub fn watch() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGXFSZ};
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;
    // Caught, not acted on: the write then fails with EFBIG ("File too large").
    let _ = signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)));
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let name = match sig {
                    SIGINT => "SIGINT",
                    SIGTERM => "SIGTERM",
                    _ => "SIGHUP",
                };
                blueprint::write::abandon_then(|| {
                    eprintln!(
                        "error: stopped by {name}; outputs not finished were not written (their \
                         temporary files removed)"
                    );
                    std::process::exit(128 + sig)
                });
            }
        });
}

/// Elsewhere the default actions stay.
#[cfg(not(unix))]
pub fn watch() {}
