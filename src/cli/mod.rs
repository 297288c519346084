//! Command line: parses the arguments and hands each subcommand to its module. Library code
//! knows no flags; these modules read files, call the stages and print what they return.
//!
//! The parts, each used only by those listed after it: `outcome` (what a run comes to), `args`
//! (the clap definitions), `io` (reading inputs, writing standard output), `settings` (the
//! theme and render settings the arguments ask for), `plan` (output formats and destinations),
//! `batch` (workers over the inputs), `file` (one input's check or render), `report` (every
//! diagnostic and summary printed), `signals` (what SIGINT and its kin leave behind), then one
//! module per subcommand. A new subcommand is its module, its variant of `args::Command`, and
//! its arm below.

mod args;
mod batch;
mod check;
mod completions;
mod file;
mod io;
mod lsp;
mod man;
mod outcome;
mod plan;
mod render;
mod report;
mod schema;
mod serve;
mod settings;
mod signals;

pub use outcome::{Failure, Outcome};

/// Parses the arguments and runs the subcommand.
pub fn run() -> Result<Outcome, Failure> {
    signals::watch();
    let cli = args::parse().map_err(Failure::Usage)?;
    match cli.command {
        args::Command::Check(a) => check::run(a),
        args::Command::Render(a) => render::run(*a),
        args::Command::Schema => schema::run(),
        args::Command::Completions(a) => completions::run(a),
        args::Command::Man => man::run(),
        args::Command::Lsp => lsp::run(),
        args::Command::Serve(a) => serve::run(a),
    }
}
