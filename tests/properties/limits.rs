//! Every limit in `src/limits.rs`, tested on both sides through the binary: at the limit the
//! file is accepted (no `limit-exceeded`), one past it the named diagnostic appears, fast and
//! without a panic. The inputs are generated from the same constants.

use crate::gate::shared;
use crate::support::*;
use blueprint::limits::*;

/// A valid blueprint head; tests append to it.
const HEAD: &str = "title: T\nsteps: [{id: a, customer: x}]\n";

fn codes_of(text: &str) -> (i32, Vec<String>, serde_json::Value) {
    let d = tempdir();
    let f = write(d.path(), "t.yaml", text);
    let _shared = shared();
    let (code, found, doc) = check_json(&f);
    (code, found.into_iter().map(|f| f.3).collect(), doc)
}

fn assert_limit(below: &str, above: &str, name: &str) {
    let (_, codes, _) = codes_of(below);
    assert!(
        !codes
            .iter()
            .any(|c| c == "limit-exceeded" || c == "input-too-large"),
        "{name} below: {codes:?}"
    );
    let (code, codes, doc) = codes_of(above);
    assert_eq!(code, 1, "{name} above");
    assert!(
        codes
            .iter()
            .any(|c| c == "limit-exceeded" || c == "input-too-large"),
        "{name} above: {codes:?}"
    );
    let text = doc.to_string();
    assert!(text.contains(name), "the diagnostic names {name}: {text}");
}

#[test]
fn input_bytes() {
    let pad = |n: usize| format!("{HEAD}#{}\n", "x".repeat(n - HEAD.len() - 2));
    let at = pad(MAX_INPUT_BYTES);
    assert_eq!(at.len(), MAX_INPUT_BYTES);
    let (code, _, _) = codes_of(&at);
    assert_eq!(code, 0);
    assert_limit(&at, &pad(MAX_INPUT_BYTES + 1), "MAX_INPUT_BYTES");
}

#[test]
fn nesting_depth() {
    // The root mapping is one level; `x:` holds the nested lists.
    let nest = |d: usize| format!("{HEAD}x: {}{}\n", "[".repeat(d), "]".repeat(d));
    assert_limit(&nest(MAX_DEPTH - 1), &nest(MAX_DEPTH), "MAX_DEPTH");
    // Far past the limit: refused, not a stack overflow.
    let (code, codes, _) = codes_of(&nest(100_000));
    assert_eq!(code, 1);
    assert_eq!(codes, ["limit-exceeded"]);
}

#[test]
fn nodes() {
    // HEAD plus `x` and its list make 12 nodes besides the list's scalars.
    let list = |n: usize| format!("{HEAD}x: [{}]\n", vec!["y"; n].join(","));
    assert_limit(&list(MAX_NODES - 12), &list(MAX_NODES - 11), "MAX_NODES");
}

#[test]
fn aliases() {
    let uses = |n: usize| format!("{HEAD}x: &a y\nz: [{}]\n", vec!["*a"; n].join(","));
    assert_limit(&uses(MAX_ALIASES), &uses(MAX_ALIASES + 1), "MAX_ALIASES");
}

#[test]
fn alias_replay() {
    // Each use of a 99-item list replays 101 events.
    let anchor = format!("x: &a [{}]\n", vec!["y"; 99].join(","));
    let uses = |n: usize| format!("{HEAD}{anchor}z: [{}]\n", vec!["*a"; n].join(","));
    let n = MAX_ALIAS_REPLAY / 101;
    assert_limit(&uses(n), &uses(n + 1), "MAX_ALIAS_REPLAY");
}

#[test]
fn exponential_alias_bomb_is_refused() {
    let mut s = String::from(HEAD);
    s.push_str("a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n");
    for i in 1..12 {
        s.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 10].join(",")
        ));
    }
    let (code, codes, _) = codes_of(&s);
    assert_eq!(code, 1);
    assert_eq!(codes, ["limit-exceeded"]);
}

fn steps(n: usize) -> String {
    let mut s = String::from("title: T\nsteps:\n");
    for i in 0..n {
        s.push_str(&format!("  - {{id: s{i}, customer: x}}\n"));
    }
    s
}

#[test]
fn step_count() {
    assert_limit(&steps(MAX_STEPS), &steps(MAX_STEPS + 1), "MAX_STEPS");
}

#[test]
fn lane_count() {
    let lanes = |n: usize| {
        let mut s = String::from("title: T\nlanes:\n");
        for i in 0..n {
            s.push_str(&format!("  - {{id: l{i}, zone: support}}\n"));
        }
        s.push_str("steps: [{id: a, l0: x}]\n");
        s
    };
    assert_limit(&lanes(MAX_LANES), &lanes(MAX_LANES + 1), "MAX_LANES");
}

#[test]
fn item_count() {
    let per_step = 11;
    let items = |n: usize| {
        let mut s = String::from("title: T\nsteps:\n");
        let cell = format!("[{}]", vec!["x"; per_step].join(","));
        for i in 0..n / per_step {
            s.push_str(&format!("  - {{id: s{i}, support: {cell}}}\n"));
        }
        if n % per_step > 0 {
            s.push_str(&format!(
                "  - {{id: last, support: [{}]}}\n",
                vec!["x"; n % per_step].join(",")
            ));
        }
        s
    };
    assert_limit(&items(MAX_ITEMS), &items(MAX_ITEMS + 1), "MAX_ITEMS");
}

#[test]
fn flow_count() {
    let flows = |n: usize| {
        let mut s = String::from(
            "title: T\ncustomer_path: false\nsteps:\n  - {id: a, customer: x, onstage: y}\nflows:\n",
        );
        for _ in 0..n {
            s.push_str("  - {from: a.customer, to: a.onstage}\n");
        }
        s
    };
    assert_limit(&flows(MAX_FLOWS), &flows(MAX_FLOWS + 1), "MAX_FLOWS");
}

#[test]
fn text_length() {
    let text = |n: usize| {
        format!(
            "title: {}\nsteps: [{{id: a, customer: x}}]\n",
            "é".repeat(n)
        )
    };
    assert_limit(
        &text(MAX_TEXT_CHARS),
        &text(MAX_TEXT_CHARS + 1),
        "MAX_TEXT_CHARS",
    );
}

#[test]
fn diagnostics_are_capped() {
    let mut s = String::from("title: T\nsteps: [{id: a, customer: x}]\nflows:\n");
    for i in 0..MAX_DIAGNOSTICS + 5 {
        s.push_str(&format!("  - {{from: a.customer, to: nope{i}}}\n"));
    }
    let (code, codes, _) = codes_of(&s);
    assert_eq!(code, 1);
    assert_eq!(codes.len(), MAX_DIAGNOSTICS + 1);
    assert_eq!(codes.last().map(String::as_str), Some("limit-exceeded"));
}

#[test]
fn total_text_bytes() {
    // HEAD's scalars and the keys `x` and `z` hold 25 bytes; the anchor and each alias use of it
    // add 1,000 more.
    let text = "y".repeat(1000);
    let uses = |n: usize| format!("{HEAD}x: &a {text}\nz: [{}]\n", vec!["*a"; n].join(","));
    let n = (MAX_TOTAL_TEXT_BYTES - 25) / 1000 - 1;
    assert_limit(&uses(n), &uses(n + 1), "MAX_TOTAL_TEXT_BYTES");
}

/// A single file is rendered on the main thread when its stack limit is the usual 8 MiB or
/// more, else on a worker thread with a stack of its own: the deepest nesting accepted renders
/// either way, and one level more is refused, never a stack overflow.
#[cfg(unix)]
#[test]
fn nesting_depth_renders_with_any_stack_limit() {
    let d = tempdir();
    let nest = |depth: usize| format!("{HEAD}x: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let deepest = write(d.path(), "deepest.yaml", nest(MAX_DEPTH - 1));
    let past = write(d.path(), "past.yaml", nest(MAX_DEPTH));
    let bin = assert_cmd::cargo::cargo_bin("blueprint");
    // 8 MiB and unlimited take the main thread, 256 KiB a worker. (A debug build's main thread
    // needs about 200 KiB for the rest of a run, so no lower limit can tell the two apart.)
    for limit in ["8192", "unlimited", "256"] {
        // Both exit 1 (`x` is no key of the format); only the one past the cap says why.
        for input in [&deepest, &past] {
            let _shared = shared();
            let out = std::process::Command::new("sh")
                .arg("-c")
                .arg(format!(
                    "ulimit -s {limit} && exec \"$0\" render \"$1\" -o - --message-format json"
                ))
                .arg(&bin)
                .arg(input)
                .output()
                .expect("sh runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{limit} {}: {stderr}",
                input.display()
            );
            let limited = stderr.contains("limit-exceeded");
            assert_eq!(
                limited,
                input == &past,
                "{limit} {}: {stderr}",
                input.display()
            );
        }
    }
}

/// `check --format json --theme FILE` on a theme file of `keys` unknown top-level keys: exit
/// code, codes, the last message, and how long it took.
fn theme_with_unknown_keys(keys: usize) -> (i32, Vec<String>, String, std::time::Duration) {
    let d = tempdir();
    let mut s = String::from("extends: dark\n");
    for i in 0..keys {
        s.push_str(&format!("k{i}: 1\n"));
    }
    let f = write(d.path(), "theme.yaml", s);
    let _shared = shared();
    let start = std::time::Instant::now();
    let (code, found, doc) = check_json_with(&["--theme"], &f);
    let took = start.elapsed();
    let last = doc["diagnostics"]
        .as_array()
        .and_then(|a| a.last())
        .map_or(String::new(), |d| d["message"].to_string());
    (code, found.into_iter().map(|f| f.3).collect(), last, took)
}

/// Class 2 of issue 19: a theme file's diagnostics stop at the cap a blueprint's stop at (it
/// gave one error per key: 240,000 keys, 240,000 errors, 44 s).
#[test]
fn theme_file_diagnostics_are_capped() {
    let (code, codes, _, _) = theme_with_unknown_keys(MAX_DIAGNOSTICS - 1);
    assert_eq!(code, 1);
    assert_eq!(codes.len(), MAX_DIAGNOSTICS - 1);
    assert!(codes.iter().all(|c| c == "unknown-key"), "{codes:?}");
    let (code, codes, last, took) = theme_with_unknown_keys(100_000);
    assert_eq!(code, 1);
    assert_eq!(codes.len(), MAX_DIAGNOSTICS + 1);
    assert_eq!(codes.last().map(String::as_str), Some("limit-exceeded"));
    assert!(
        last.contains("90000 more problems") && last.contains("MAX_DIAGNOSTICS"),
        "{last}"
    );
    assert!(took.as_secs() < 10, "100,000 unknown keys took {took:?}");
}

/// `render --message-format json --steps IDS` of a one-step blueprint: exit code and codes.
fn cut_with_unknown_steps(ids: usize) -> (i32, Vec<String>) {
    let d = tempdir();
    let f = write(d.path(), "t.yaml", HEAD);
    let steps: Vec<String> = (0..ids).map(|i| format!("x{i}")).collect();
    let _shared = shared();
    let out = bin()
        .args(["render", "--message-format", "json", "-o"])
        .arg(d.path().join("out.svg"))
        .arg("--steps")
        .arg(steps.join(","))
        .arg(&f)
        .output()
        .expect("run");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let codes = doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            d["code"]
                .as_str()
                .unwrap_or("")
                .trim_start_matches("blueprint::")
                .to_string()
        })
        .collect();
    assert!(!d.path().join("out.svg").exists());
    (out.status.code().unwrap_or(-1), codes)
}

/// Class 2 of issue 19: a cut's diagnostics (one per unknown `--steps` id) stop at the same cap.
#[test]
fn cut_diagnostics_are_capped() {
    let (code, codes) = cut_with_unknown_steps(MAX_DIAGNOSTICS - 1);
    assert_eq!(code, 1);
    assert_eq!(codes.len(), MAX_DIAGNOSTICS - 1);
    assert!(codes.iter().all(|c| c == "cut-unknown-step"), "{codes:?}");
    let (code, codes) = cut_with_unknown_steps(MAX_DIAGNOSTICS + 5);
    assert_eq!(code, 1);
    assert_eq!(codes.len(), MAX_DIAGNOSTICS + 1);
    assert_eq!(codes.last().map(String::as_str), Some("limit-exceeded"));
}

/// `MAX_RASTER_TEXT_BYTES` and `MAX_RASTER_PIXELS`, on both sides, as `raster_fits` checks them
/// from the layout's numbers (the binary's side: hostile::round_two::class_3).
#[test]
fn raster_work() {
    use blueprint::limits::{MAX_RASTER_PIXELS, MAX_RASTER_TEXT_BYTES};
    use blueprint::{Export, Format, RasterWork, raster_fits};
    let export = Export {
        scale: 1.0,
        ..Export::default()
    };
    let at = RasterWork {
        width: 10_000.0,
        height: (MAX_RASTER_PIXELS / 10_000) as f64,
        text_bytes: MAX_RASTER_TEXT_BYTES,
    };
    for f in [Format::Png, Format::Pdf, Format::Svg] {
        assert_eq!(raster_fits(&at, f, &export), Ok(()), "{f:?}");
    }
    let more_text = RasterWork {
        text_bytes: MAX_RASTER_TEXT_BYTES + 1,
        ..at
    };
    for f in [Format::Png, Format::Pdf] {
        let e = raster_fits(&more_text, f, &export).unwrap_err();
        assert!(e.contains("MAX_RASTER_TEXT_BYTES"), "{e}");
    }
    assert_eq!(raster_fits(&more_text, Format::Svg, &export), Ok(()));
    let taller = RasterWork {
        height: at.height + 1.0,
        ..at
    };
    assert!(
        raster_fits(&taller, Format::Png, &export)
            .unwrap_err()
            .contains("megapixels")
    );
    assert_eq!(raster_fits(&taller, Format::Pdf, &export), Ok(()));
}

/// `MAX_SPLIT_FIGURES` through the binary, over the limit (the library's side, at it and over,
/// is `cut::tests::split_phases_stops_at_max_split_figures`): one phase too many is refused
/// before any figure is drawn, naming the limit, exit 1, and no file is written.
#[test]
fn split_phases_over_max_split_figures_writes_nothing() {
    let n = MAX_SPLIT_FIGURES + 1;
    let mut s = String::from("title: T\nphases:\n");
    for i in 0..n {
        s.push_str(&format!("  - id: p{i}\n"));
    }
    s.push_str("steps:\n");
    for i in 0..n {
        s.push_str(&format!("  - id: s{i}\n    phase: p{i}\n    customer: c\n"));
    }
    let d = tempdir();
    let input = write(d.path(), "phases.yaml", s);
    let out = d.path().join("out");
    let r = bin()
        .arg("render")
        .arg(&input)
        .arg("--split-phases")
        .arg("--out-dir")
        .arg(&out)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_ne!(r.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("MAX_SPLIT_FIGURES"), "{stderr}");
    assert!(stderr.contains("limit-exceeded"), "{stderr}");
    let written = std::fs::read_dir(&out).map_or(0, |d| d.count());
    assert_eq!(written, 0, "no figure written");
}
