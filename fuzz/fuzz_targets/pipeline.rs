//! parse → validate → layout → render on arbitrary bytes: must never panic, and a file that
//! checks clean must render to well-formed output.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = blueprint::decode("fuzz.yaml", data.to_vec()) else {
        return;
    };
    let checked = blueprint::check(&source);
    let rendered = blueprint::render(&source, &blueprint::Options::default());
    assert_eq!(checked.is_ok(), rendered.is_ok());
    if let Err(d) = &checked {
        let _ = blueprint::diag::render_human(&source, d, blueprint::diag::Style::Plain);
    }
});
