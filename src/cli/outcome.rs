//! What a run of any subcommand comes to: an [`Outcome`], or a [`Failure`] that stopped it.
//! `main.rs` alone turns either into the exit code. Shared by every module of `cli`, so it holds
//! nothing else.

/// What a run came to (main turns it into an exit code).
pub enum Outcome {
    /// Everything valid / written.
    Success,
    /// At least one blueprint has errors (or warnings under `--deny warnings`).
    Invalid,
}

/// Why a run could not do its job.
pub enum Failure {
    /// Bad arguments (or help/version, which clap reports the same way).
    Usage(clap::Error),
    /// A file could not be read or written.
    Io(String),
}
