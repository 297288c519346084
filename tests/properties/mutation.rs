//! Seeded mutation test: the samples, damaged in the ways people and tools damage YAML (byte
//! flips, truncation, duplicated lines, stray anchors and aliases, runs of `[`, tabs, control
//! bytes), must never panic or hang — every case ends in a blueprint or in diagnostics. Most
//! cases run in-process; a sample of them runs through the binary, which must exit 0 or 1.

use crate::gate::shared;
use crate::support::*;
use std::sync::mpsc;
use std::time::Duration;

/// A small deterministic generator (xorshift64*), so failures reproduce from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(v.len() + 1);
        match rng.below(9) {
            0 => {
                if !v.is_empty() {
                    let i = rng.below(v.len());
                    v[i] ^= 1 << rng.below(8);
                }
            }
            1 => v.truncate(at),
            2 => {
                // Duplicate the line at `at`.
                let start = v[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1);
                let end = v[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(v.len(), |p| at + p + 1);
                let line = v[start..end].to_vec();
                v.splice(end..end, line);
            }
            3 => {
                v.splice(at..at, b"&a ".iter().copied());
            }
            4 => {
                v.splice(at..at, b"*a".iter().copied());
            }
            5 => {
                let n = 1 + rng.below(200);
                v.splice(at..at, std::iter::repeat_n(b'[', n));
            }
            6 => {
                v.splice(at..at, [b'\t']);
            }
            7 => {
                let c = [0u8, 0x1b, 0x7f, 0x0c, 0xff, 0xc3][rng.below(6)];
                v.splice(at..at, [c]);
            }
            _ => {
                // Swap two lines: references move, ids collide.
                let lines: Vec<&[u8]> = v.split(|&b| b == b'\n').collect();
                if lines.len() > 2 {
                    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                    let mut l: Vec<Vec<u8>> = lines.iter().map(|x| x.to_vec()).collect();
                    l.swap(a, b);
                    v = l.join(&b'\n');
                }
            }
        }
    }
    v
}

/// Runs decode + check on `bytes` in a thread; panics with the case if it panics or hangs.
fn run_case(bytes: Vec<u8>, label: &str) {
    let _shared = shared();
    let (tx, rx) = mpsc::channel();
    let keep = bytes.clone();
    std::thread::spawn(move || {
        let result = std::panic::catch_unwind(|| match blueprint::decode("m.yaml", bytes) {
            Ok(src) => {
                let r = blueprint::check(&src);
                // check and render agree: a file that checks clean renders, without panicking,
                // to a document with the same warnings.
                let rendered = blueprint::render(&src, &blueprint::Options::default());
                assert_eq!(r.is_ok(), rendered.is_ok(), "check and render disagree");
                if let Ok(svg) = &rendered {
                    if let Err(e) = roxmltree::Document::parse(&svg.value) {
                        panic!("not well-formed XML: {e}");
                    }
                }
                if let Err(d) = &r {
                    assert!(d.has_errors(), "a failed check carries at least one error");
                    // Rendering the report must not panic either.
                    let _ = blueprint::diag::render_human(&src, d, blueprint::diag::Style::Plain);
                }
            }
            Err((src, d)) => {
                let _ = blueprint::diag::render_human(&src, &d, blueprint::diag::Style::Plain);
            }
        });
        let _ = tx.send(result.is_ok());
    });
    match rx.recv_timeout(Duration::from_secs(20)) {
        Ok(true) => {}
        Ok(false) => panic!(
            "{label}: panicked on input {:?}",
            String::from_utf8_lossy(&keep)
        ),
        Err(_) => panic!(
            "{label}: no result within 20 s on input {:?}",
            String::from_utf8_lossy(&keep)
        ),
    }
}

#[test]
fn mutated_samples_never_panic_or_hang() {
    let mut rng = Rng(0x5eed_b10e_u64.wrapping_add(0x1234));
    let mut cases = 0;
    for sample in samples() {
        let bytes = std::fs::read(&sample).expect("read sample");
        for i in 0..400 {
            let m = mutate(&mut rng, &bytes);
            run_case(m, &format!("{} mutation {i}", sample.display()));
            cases += 1;
        }
    }
    assert!(cases >= 2400);
}

#[test]
fn mutated_samples_through_the_binary_exit_cleanly() {
    let mut rng = Rng(42);
    let d = tempdir();
    for sample in samples() {
        let bytes = std::fs::read(&sample).expect("read sample");
        for i in 0..15 {
            let m = mutate(&mut rng, &bytes);
            let f = write(d.path(), "m.yaml", &m);
            let _shared = shared();
            let out = bin()
                .args(["check", "--format", "json"])
                .arg(&f)
                .output()
                .expect("run");
            let code = out.status.code();
            assert!(
                matches!(code, Some(0) | Some(1)),
                "{} mutation {i}: exit {code:?}\n{}\ninput: {:?}",
                sample.display(),
                String::from_utf8_lossy(&out.stderr),
                String::from_utf8_lossy(&m)
            );
            let json: serde_json::Value =
                serde_json::from_slice(&out.stdout).expect("JSON even on bad input");
            assert_eq!(code == Some(1), json["errors"].as_u64().unwrap_or(0) > 0);
        }
    }
}
