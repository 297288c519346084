//! The flows as a reader sees them, measured from the SVG by the project's `flowcheck.py`
//! (`../shared/tools/flowcheck.py` beside the repository, else the copy committed here as
//! `tests/clients/flowcheck.py`, or the path in `FLOWCHECK`): every
//! sample, every phase of every sample drawn alone, every cut golden and 1,000
//! generated blueprints must pass `--strict` (no sideways hand-off, no backward arrow, no two
//! flows closer than 6 px, nothing outside the lanes, no crowded label, at most 5 % detours).
//! `FLOWCHECK_SEEDS=N` generates N blueprints instead of 1,000; `FLOWCHECK_KEEP=DIR` keeps the generated
//! blueprints' YAML there, to look at one that fails. Needs `python3` (`.ci/clients` installs
//! it) and the script: without them the suite says so and skips, as every client suite does.

use crate::support::{root, tempdir};
use std::path::PathBuf;
use std::process::Command;

/// The script, when it and `python3` are there (a visible skip otherwise; a failure when
/// `.ci/run` requires every client).
fn flowcheck() -> Option<PathBuf> {
    crate::need::program("flowcheck", &["python3"], "apt-get install python3")?;
    // The shared tool beside the repository when there is one (the newest), else the copy
    // committed beside this suite, so that a clean clone alone runs it too.
    let script = std::env::var_os("FLOWCHECK")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let shared = root().join("../shared/tools/flowcheck.py");
            if shared.is_file() {
                shared
            } else {
                root().join("tests/clients/flowcheck.py")
            }
        });
    if !script.is_file() {
        let say = format!(
            "flowcheck: {} not found (set FLOWCHECK to its path)",
            script.display()
        );
        assert!(!crate::need::required(), "{say}");
        eprintln!("SKIPPED {say}");
        return None;
    }
    Some(script)
}

/// Runs `flowcheck.py --strict` on `files`; panics with its report when any figure fails.
fn strict(script: &PathBuf, files: &[PathBuf]) {
    let out = Command::new("python3")
        .arg(script)
        .arg("--strict")
        .arg("-v")
        .args(files)
        .output()
        .expect("python3 runs");
    let report = String::from_utf8_lossy(&out.stdout);
    let mut failing: Vec<String> = Vec::new();
    for l in report.lines() {
        if l.starts_with(' ') {
            if let Some(last) = failing.last_mut() {
                last.push_str(&format!("\n{l}"));
            }
        } else if bad_line(l) {
            failing.push(l.to_string());
        }
    }
    eprintln!(
        "flowcheck --strict: {} of {} figures fail{}",
        failing.len(),
        files.len(),
        failing.iter().map(|f| format!("\n{f}")).collect::<String>()
    );
    assert!(
        failing.is_empty() && out.status.success(),
        "flowcheck --strict fails on {} of {} figures:\n{}\n{}",
        failing.len(),
        files.len(),
        failing.join("\n"),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A summary line with any count flowcheck's `--strict` refuses.
fn bad_line(l: &str) -> bool {
    // "detour N (P%)": more than 5 % fails.
    let share = l
        .split("detour ")
        .nth(1)
        .and_then(|r| r.split('(').nth(1)?.split('%').next()?.parse::<f64>().ok());
    ["backward", "sideways", "coincident", "outside", "labels"]
        .iter()
        .any(|k| !l.contains(&format!("{k} 0,")))
        || share.is_some_and(|p| p > 5.0)
}

/// A small deterministic generator (a linear congruential one: the test must not depend on a
/// random source).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// A blueprint as a designer might write one: a few steps, one or two cards in most cells of
/// the standard lanes, flows mostly to the same or the next step (some back), a third of them
/// labelled.
fn blueprint(seed: u64) -> String {
    const LANES: [&str; 5] = ["evidence", "customer", "onstage", "backstage", "support"];
    const WORDS: [&str; 8] = [
        "check",
        "the booking",
        "registration",
        "of the",
        "and",
        "confirm",
        "wait",
        "system",
    ];
    let mut r = Lcg(seed * 7919 + 17);
    let steps = 3 + r.next(8) as usize;
    let mut y = format!("version: 1\ntitle: Generated {seed}\nsteps:\n");
    let mut cards: Vec<Vec<String>> = vec![Vec::new(); steps];
    let mut n = 0;
    for (s, cell_ids) in cards.iter_mut().enumerate() {
        y.push_str(&format!("  - id: s{s}\n"));
        for lane in LANES {
            if r.next(10) < 4 {
                continue;
            }
            let count = 1 + usize::from(r.next(6) == 0);
            y.push_str(&format!("    {lane}:\n"));
            for _ in 0..count {
                let words: Vec<&str> = (0..1 + r.next(5))
                    .map(|_| WORDS[r.next(WORDS.len() as u64) as usize])
                    .collect();
                y.push_str(&format!(
                    "      - text: {}\n        id: i{n}\n",
                    words.join(" ")
                ));
                cell_ids.push(format!("i{n}"));
                n += 1;
            }
        }
        if cell_ids.is_empty() {
            y.push_str(&format!(
                "    onstage:\n      - text: act\n        id: i{n}\n"
            ));
            cell_ids.push(format!("i{n}"));
            n += 1;
        }
    }
    y.push_str("flows:\n");
    for s in 0..steps {
        for _ in 0..1 + r.next(3) {
            let t = match r.next(10) {
                0 if s > 0 => s - 1,
                1..=4 => s,
                _ => (s + 1).min(steps - 1),
            };
            let a = &cards[s][r.next(cards[s].len() as u64) as usize];
            let b = &cards[t][r.next(cards[t].len() as u64) as usize];
            if a == b {
                continue;
            }
            y.push_str(&format!("  - from: {a}\n    to: {b}\n"));
            if r.next(3) == 0 {
                y.push_str("    label: hands over\n");
            }
        }
    }
    y
}

#[test]
fn samples_and_cut_goldens_pass_flowcheck_strict() {
    let Some(script) = flowcheck() else { return };
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["samples", "tests/golden/cuts"] {
        for e in std::fs::read_dir(root().join(dir)).expect("the directory") {
            let p = e.expect("an entry").path();
            if p.extension().is_some_and(|x| x == "svg") {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 9);
    strict(&script, &files);
}

/// Each phase of each sample drawn alone, as `blueprint render X.yaml --phase P` draws it: a
/// cut has its own gutters and stand-ins, so its flows are routed anew.
#[test]
fn every_phase_of_every_sample_passes_flowcheck_strict() {
    let Some(script) = flowcheck() else { return };
    let dir = tempdir();
    let mut files: Vec<PathBuf> = Vec::new();
    let mut samples: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .expect("samples")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    samples.sort();
    for path in samples {
        let text = std::fs::read(&path).expect("the sample");
        let src = blueprint::decode(&path.display().to_string(), text).expect("decodes");
        let bp = blueprint::check(&src).expect("the sample checks").value;
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        for phase in &bp.phases {
            let cut = blueprint::cut::Cut {
                phases: vec![phase.id.value.clone()],
                ..Default::default()
            };
            let svg = blueprint::render_cut(&bp, &cut, &blueprint::Options::default())
                .unwrap_or_else(|e| panic!("{stem} --phase {}: {e:?}", phase.id.value))
                .value
                .into_string();
            let p = dir.path().join(format!("{stem}-{}.svg", phase.id.value));
            std::fs::write(&p, svg).expect("written");
            files.push(p);
        }
    }
    assert!(files.len() >= 15, "{} phases", files.len());
    strict(&script, &files);
}

#[test]
fn generated_blueprints_pass_flowcheck_strict() {
    let Some(script) = flowcheck() else { return };
    let dir = tempdir();
    let mut files = Vec::new();
    let seeds: u64 = std::env::var("FLOWCHECK_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    for seed in 0..seeds {
        let text = blueprint(seed);
        let src = blueprint::decode("g.yaml", text.clone().into_bytes()).expect("decodes");
        let svg = match blueprint::render(&src, &blueprint::Options::default()) {
            Ok(svg) => svg.value,
            Err(e) => panic!("generated blueprint {seed} is invalid: {e:?}\n{text}"),
        };
        if let Some(keep) = std::env::var_os("FLOWCHECK_KEEP") {
            std::fs::write(PathBuf::from(keep).join(format!("g{seed:03}.yaml")), &text)
                .expect("kept");
        }
        let p = dir.path().join(format!("g{seed:03}.svg"));
        std::fs::write(&p, svg).expect("written");
        files.push(p);
    }
    // No detour either: g187 had one (three loops nested on one side of a column) until loops
    // out of a column spread over both its gutters (`ports::all_sides`, issue 17).
    strict(&script, &files);
}
