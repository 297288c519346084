//! Theme files (`--theme FILE.yaml`) on arbitrary bytes: reading one must never panic, and a
//! theme that reads clean must draw a small blueprint to an SVG.
#![no_main]

use libfuzzer_sys::fuzz_target;

const BLUEPRINT: &str = "title: T\nphases: [{id: p}]\nsteps:\n  - {id: a, phase: p, customer: x, onstage: {text: y, fail: f}}\n  - {id: b, phase: p, customer: z}\nflows: [{from: a.customer, to: b.customer, label: l}]\n";

fuzz_target!(|data: &[u8]| {
    let Ok(source) = blueprint::decode("theme.yaml", data.to_vec()) else {
        return;
    };
    let theme = match blueprint::theme::Theme::from_file(&source) {
        Ok(t) => t.value,
        Err(d) => {
            let _ = blueprint::diag::render_human(&source, &d, blueprint::diag::Style::Plain);
            return;
        }
    };
    let Ok(bp) = blueprint::decode("t.yaml", BLUEPRINT.as_bytes().to_vec()) else {
        panic!("the fixed blueprint decodes");
    };
    let options = blueprint::Options {
        theme: Some(theme),
        ..blueprint::Options::default()
    };
    let svg = blueprint::render(&bp, &options).expect("a clean theme draws a clean blueprint");
    assert!(svg.value.starts_with("<svg"));
});
