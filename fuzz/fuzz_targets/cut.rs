//! Cut arguments (`--steps`, `--phase`, `--lanes`, `--split-phases`) on arbitrary text against
//! a sample blueprint: parsing and applying them must never panic, and a cut that applies must
//! lay out and render.
#![no_main]

use blueprint::cut::{Cut, StepRange};
use libfuzzer_sys::fuzz_target;

const SAMPLE: &str = include_str!("../../samples/hotel.yaml");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Three lines: the values of --steps, --phase and --lanes, each comma-separated as the
    // command line splits them; a fourth line that is present asks for --split-phases.
    let mut lines = text.split('\n');
    let list = |l: Option<&str>| -> Vec<String> {
        l.map(|l| l.split(',').filter(|s| !s.is_empty()).map(String::from).collect())
            .unwrap_or_default()
    };
    let mut steps = Vec::new();
    for s in list(lines.next()) {
        match StepRange::parse(&s) {
            Ok(r) => steps.push(r),
            Err(_) => return,
        }
    }
    let phases = list(lines.next());
    let lanes = list(lines.next());
    let split = lines.next().is_some();
    let source = blueprint::decode("hotel.yaml", SAMPLE.as_bytes().to_vec()).expect("decodes");
    let bp = blueprint::check(&source).expect("the sample is valid").value;
    let options = blueprint::Options::default();
    let cuts = if split {
        match blueprint::cut::split_phases(&bp, &lanes) {
            Ok(c) => c.value.into_iter().map(|(_, c)| c).take(3).collect(),
            Err(_) => return,
        }
    } else {
        vec![Cut { steps, phases, lanes }]
    };
    for cut in cuts {
        let applied = blueprint::cut::apply(&bp, &cut);
        let drawn = blueprint::render_cut(&bp, &cut, &options);
        assert_eq!(applied.is_ok(), drawn.is_ok(), "apply and render agree on {cut:?}");
        if let Ok(svg) = drawn {
            assert!(svg.value.parts().next().is_some_and(|p| p.starts_with("<svg")));
        }
    }
});
