//! `blueprint schema`: prints the JSON Schema of the blueprint format.

use super::io::write_stdout;
use super::outcome::{Failure, Outcome};

/// Prints the schema, pretty, to standard output.
pub fn run() -> Result<Outcome, Failure> {
    let schema = blueprint::schema::schema();
    let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    write_stdout(format!("{text}\n").as_bytes())?;
    Ok(Outcome::Success)
}
