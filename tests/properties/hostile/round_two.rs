//! Hostile input, round two (issue 19): the newer surfaces (cuts, themes, outputs, signals,
//! echoed arguments, rasters). One test per class, named `class_N_…` after the list,
//! each through the real binary under the suite's timeout and an address-space cap of
//! [`ONE_GB_KB`], the most any accepted input may need.

use super::{exclusive, run_capped_at};
use crate::support;
use std::ffi::OsStr;

/// The memory promise of round two: the largest accepted input of each kind stays under 1 GB.
const ONE_GB_KB: u32 = 1_048_576;

/// Class 1: did-you-mean is paid for in characters compared, for blueprints and for cuts. A
/// dozen 10,000-character ids with as many near-miss references, and 12,000 unknown `--steps`
/// ids on a 10,000-step blueprint, both answer within the timeout; every unknown id is still
/// reported (the cut's up to the one diagnostic cap).
#[test]
fn class_1_did_you_mean_work_is_counted_in_characters() {
    let _alone = exclusive();
    let d = support::tempdir();
    let ids: Vec<String> = (0..12)
        .map(|i| format!("a{i:02}{}", "x".repeat(9_997)))
        .collect();
    let mut s = String::from("title: T\nsteps:\n");
    for id in &ids {
        s.push_str(&format!("  - id: {id}\n    customer: c\n"));
    }
    s.push_str("flows:\n");
    for id in &ids {
        let near = format!("{}y{}", &id[..id.len() - 1], "z".repeat(100));
        s.push_str(&format!(
            "  - {{from: {near}.customer, to: {}.customer}}\n",
            ids[0]
        ));
    }
    let long = support::write(d.path(), "long-ids.yaml", &s);
    let r = run_capped_at(
        ONE_GB_KB,
        "check",
        &[
            OsStr::new("check"),
            OsStr::new("--format"),
            OsStr::new("json"),
            long.as_os_str(),
        ],
        None,
    );
    eprintln!("long ids ({} bytes): check {:.2?}", s.len(), r.elapsed);
    assert!(r.fatal().is_empty(), "{}", r.fatal().join("\n"));
    assert_eq!(r.code, Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&r.stdout).expect("json");
    assert_eq!(doc["errors"], 12, "{doc}");

    let mut big = String::from("title: T\nsteps:\n");
    for i in 0..10_000 {
        big.push_str(&format!("  - id: step{i}\n    customer: c\n"));
    }
    let big = support::write(d.path(), "big.yaml", &big);
    let unknown: Vec<String> = (0..12_000).map(|i| format!("st{i}")).collect();
    let steps = unknown.join(",");
    let r = run_capped_at(
        ONE_GB_KB,
        "render",
        &[
            OsStr::new("render"),
            big.as_os_str(),
            OsStr::new("--steps"),
            OsStr::new(&steps),
            OsStr::new("-o"),
            OsStr::new("-"),
        ],
        None,
    );
    eprintln!("12,000 unknown --steps ids: render {:.2?}", r.elapsed);
    assert!(r.fatal().is_empty(), "{}", r.fatal().join("\n"));
    assert_eq!(r.code, Some(1), "{}", r.stderr_text());
    let err = r.stderr_text();
    assert!(
        err.contains("no step has the id"),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(
        err.contains("MAX_DIAGNOSTICS"),
        "the cut's report is capped"
    );
}

/// Class 7: every value echoed in a usage error is escaped as diagnostics are, clap's own
/// errors included: a newline in `-o` or `--steps` cannot forge a `::error` line, and an escape
/// sequence (in a value, an unknown flag, the theme's name) never reaches the terminal raw.
#[test]
fn class_7_echoed_arguments_are_escaped() {
    let d = support::tempdir();
    let ok = support::write(d.path(), "ok.yaml", super::HEAD);
    let ok = ok.as_os_str();
    let cases: Vec<Vec<&OsStr>> = vec![
        vec![ok, "--steps".as_ref(), "1\n::error::forged".as_ref()],
        vec![
            ok,
            "--steps".as_ref(),
            "1\r::add-mask::x,\u{1b}[2J".as_ref(),
        ],
        vec![
            ok,
            "-o".as_ref(),
            "a\n::error::f.svg".as_ref(),
            "--format".as_ref(),
            "pdf".as_ref(),
        ],
        vec![ok, "--\u{1b}]0;pwned\u{7}".as_ref()],
        vec![ok, "--scale".as_ref(), "\u{1b}[2J\n::warning::x".as_ref()],
        vec![ok, "--theme".as_ref(), "li\u{202e}ght\n::error::t".as_ref()],
        vec![ok, "--format".as_ref(), "svg\n::notice::n".as_ref()],
        vec![ok, ok, "-o".as_ref(), "x\n::error::two.svg".as_ref()],
    ];
    let mut found = Vec::new();
    for (i, args) in cases.iter().enumerate() {
        let mut all: Vec<&OsStr> = vec![OsStr::new("render")];
        all.extend(args);
        let r = run_capped_at(ONE_GB_KB, "render", &all, None);
        found.extend(r.fatal().into_iter().map(|p| format!("case {i}: {p}")));
        if r.code != Some(2) {
            found.push(format!(
                "case {i}: exit {:?}, not 2: {}",
                r.code,
                r.stderr_text()
            ));
        }
        if let Some(l) = super::forges_a_workflow_command(&r.stderr_text()) {
            found.push(format!("case {i}: stderr line {l:?}"));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Class 8: no output is written through a symbolic link unless `--follow-symlinks` is given
/// (exit 2, the error names the link and its target, the target untouched); with it the link
/// stays and its file is replaced; a loop of links is refused either way; no temp litter.
#[test]
fn class_8_outputs_are_not_written_through_symlinks() {
    use std::os::unix::fs::symlink;
    let d = support::tempdir();
    let elsewhere = support::tempdir();
    let precious = support::write(elsewhere.path(), "precious.txt", "keep me\n");
    let input = support::write(d.path(), "x.yaml", super::HEAD);
    // The default output path, `x.svg` beside the input, as a pull request could commit it.
    let link = d.path().join("x.svg");
    symlink(&precious, &link).expect("symlink");
    let run = |extra: &[&OsStr]| {
        let mut args = vec![OsStr::new("render"), input.as_os_str()];
        args.extend(extra);
        let r = run_capped_at(ONE_GB_KB, "render", &args, None);
        assert!(r.fatal().is_empty(), "{}", r.fatal().join("\n"));
        r
    };
    for extra in [&[][..], &[OsStr::new("-o"), link.as_os_str()][..]] {
        let r = run(extra);
        assert_eq!(r.code, Some(2), "{}", r.stderr_text());
        let err = r.stderr_text();
        assert!(err.contains("x.svg: is a symbolic link to"), "{err}");
        assert!(err.contains("precious.txt"), "{err}");
        assert!(err.contains("--follow-symlinks"), "{err}");
        assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me\n");
    }
    let r = run(&[OsStr::new("--follow-symlinks")]);
    assert_eq!(r.code, Some(0), "{}", r.stderr_text());
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(
        std::fs::read_to_string(&precious)
            .unwrap()
            .starts_with("<svg")
    );

    let (a, b) = (d.path().join("a.svg"), d.path().join("b.svg"));
    symlink("b.svg", &a).expect("symlink");
    symlink("a.svg", &b).expect("symlink");
    for extra in [&[][..], &[OsStr::new("--follow-symlinks")][..]] {
        let mut args = vec![OsStr::new("-o"), a.as_os_str()];
        args.extend(extra);
        let r = run(&args);
        assert_eq!(r.code, Some(2), "{}", r.stderr_text());
        assert!(r.stderr_text().contains("loops"), "{}", r.stderr_text());
        assert!(std::fs::symlink_metadata(&a).unwrap().is_symlink());
    }
    let mut names: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["a.svg", "b.svg", "x.svg", "x.yaml"],
        "no temp litter"
    );
}

/// A 10,000-step blueprint: its 6.5 MB SVG takes long enough to write to be caught at it.
fn ten_thousand_steps() -> String {
    let mut s = String::from("title: T\nsteps:\n");
    for i in 0..10_000 {
        s.push_str(&format!("  - id: step{i}\n    customer: c\n"));
    }
    s
}

/// The names in `dir` that are temporary files of ours.
fn litter(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".blueprint-"))
        .collect()
}

/// Class 6: SIGINT, SIGTERM and SIGHUP during a write remove the temporary file and exit
/// 130/143/129 with one line; a file-size limit (SIGXFSZ) is a write error with a message,
/// exit 2, and no temporary file left either.
#[test]
fn class_6_signals_leave_no_temporary_file() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let _alone = exclusive();
    let d = support::tempdir();
    let input = support::write(d.path(), "big.yaml", ten_thousand_steps());
    let bin = assert_cmd::cargo::cargo_bin("blueprint");
    let out = d.path().join("big.svg");
    for (sig, code) in [("INT", 130), ("TERM", 143), ("HUP", 129)] {
        let mut caught = false;
        for _attempt in 0..10 {
            let child = Command::new("/bin/sh")
                .arg("-c")
                .arg(format!("ulimit -v {ONE_GB_KB}; exec \"$0\" \"$@\""))
                .arg(&bin)
                .args([
                    OsStr::new("render"),
                    input.as_os_str(),
                    OsStr::new("-o"),
                    out.as_os_str(),
                ])
                .env("NO_COLOR", "1")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn");
            let start = Instant::now();
            let mut child = child;
            let seen = loop {
                if !litter(d.path()).is_empty() {
                    break true;
                }
                if child.try_wait().expect("wait").is_some()
                    || start.elapsed() > Duration::from_secs(10)
                {
                    break false;
                }
            };
            if seen {
                Command::new("kill")
                    .args([format!("-{sig}"), child.id().to_string()])
                    .status()
                    .expect("kill");
            }
            let done = child.wait_with_output().expect("wait");
            assert_eq!(
                litter(d.path()),
                Vec::<String>::new(),
                "SIG{sig}: temp litter"
            );
            let _ = std::fs::remove_file(&out);
            if !seen {
                continue;
            }
            let err = String::from_utf8_lossy(&done.stderr);
            if done.status.code() == Some(0) {
                // The rename came first: the output is whole, which is fine too; try again.
                continue;
            }
            assert_eq!(done.status.code(), Some(code), "SIG{sig}: {err}");
            assert_eq!(err.lines().count(), 1, "SIG{sig}: one line: {err}");
            assert!(err.contains(&format!("stopped by SIG{sig}")), "{err}");
            caught = true;
            break;
        }
        assert!(caught, "SIG{sig}: never caught a render while it wrote");
    }

    // A file-size limit of 1 MB: a write error, named, and no temporary file.
    let r = Command::new("/bin/sh")
        .arg("-c")
        .arg("ulimit -f 2048; exec \"$0\" \"$@\"")
        .arg(&bin)
        .args([
            OsStr::new("render"),
            input.as_os_str(),
            OsStr::new("-o"),
            out.as_os_str(),
        ])
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{err}");
    assert!(err.contains("File too large"), "{err}");
    assert_eq!(litter(d.path()), Vec::<String>::new());
    assert!(!out.exists());
}

/// Class 9: `!!binary` is never acted on, quoted or not (tests/hostile/binary-tag*.yaml, also
/// run with every hostile file): the base64 stays the text written.
#[test]
fn class_9_binary_tags_are_never_decoded() {
    for name in ["binary-tag.yaml", "binary-tag-double-quoted.yaml"] {
        let f = super::hostile_dir().join(name);
        let text = std::fs::read_to_string(&f).expect("read");
        let spec = super::Spec::parse(&text).expect("header");
        let (check, render) = super::run_both(&f);
        let p = super::problems(&spec, &check, &render);
        assert!(p.is_empty(), "{name}:\n  {}", p.join("\n  "));
    }
}

/// Class 11: with `--text-as-paths` the `aria-label` of a wrapped block is the document's text:
/// a space where the text has one, none inside a word cut for width, after a hyphen, or
/// between CJK characters.
#[test]
fn class_11_text_as_paths_labels_keep_the_words() {
    let texts = [
        "Supercalifragilisticexpialidocious-and-even-longer-wordsxxxxxxxxxxxxxxxxxxxxx is a word",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "東京タワーの展望台から見た夜景はとても美しいです東京タワーの展望台から見た夜景",
        "a sentence long enough to wrap in its card at least once, maybe twice or more",
    ];
    let mut yaml = String::from("title: T\nsteps:\n");
    for (i, t) in texts.iter().enumerate() {
        yaml.push_str(&format!("  - id: s{i}\n    customer: \"{t}\"\n"));
    }
    let d = support::tempdir();
    let f = support::write(d.path(), "wrap.yaml", &yaml);
    let r = run_capped_at(
        ONE_GB_KB,
        "render",
        &[
            OsStr::new("render"),
            OsStr::new("--text-as-paths"),
            f.as_os_str(),
            OsStr::new("-o"),
            OsStr::new("-"),
        ],
        None,
    );
    assert!(r.fatal().is_empty(), "{}", r.fatal().join("\n"));
    assert_eq!(r.code, Some(0), "{}", r.stderr_text());
    let svg = String::from_utf8(r.stdout).expect("utf-8");
    let doc = support::check_svg(&svg);
    let labels: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("aria-label"))
        .collect();
    for t in texts {
        assert!(labels.contains(&t), "{t:?} not among {labels:?}");
    }
    // The texts are wrapped (else the test proves nothing): more than one path in each group.
    let wrapped = doc
        .descendants()
        .filter(|n| {
            n.attribute("aria-label")
                .is_some_and(|l| texts.contains(&l))
        })
        .filter(|n| n.children().filter(|c| c.has_tag_name("path")).count() > 1)
        .count();
    assert_eq!(wrapped, texts.len());
}

/// Class 12: `check` parses where `render` does (on a worker with a deep stack when the main
/// one is small), so a 50-deep file, in flow or block style, and a 50-deep theme file, end in
/// a diagnostic under `ulimit -s 256`, never in a stack overflow.
#[test]
fn class_12_deep_files_survive_a_small_stack() {
    use std::os::unix::process::ExitStatusExt;
    let d = support::tempdir();
    let head = "title: T\nsteps:\n  - id: a\n    customer: x\n";
    let flow = format!("{head}x: {}1{}\n", "{a: ".repeat(50), "}".repeat(50));
    let mut block = format!("{head}x:\n");
    for i in 1..=50 {
        block.push_str(&format!("{}k:\n", "  ".repeat(i)));
    }
    block.push_str(&format!("{}v\n", "  ".repeat(51)));
    let theme = format!("palette: {}1{}\n", "{a: ".repeat(50), "}".repeat(50));
    let flow = support::write(d.path(), "flow.yaml", flow);
    let block = support::write(d.path(), "block.yaml", block);
    let theme = support::write(d.path(), "deep-theme.yaml", theme);
    let ok = support::write(d.path(), "ok.yaml", super::HEAD);
    let bin = assert_cmd::cargo::cargo_bin("blueprint");
    let cases: Vec<Vec<&OsStr>> = vec![
        vec!["check".as_ref(), flow.as_os_str()],
        vec!["check".as_ref(), block.as_os_str()],
        vec![
            "render".as_ref(),
            flow.as_os_str(),
            "-o".as_ref(),
            "-".as_ref(),
        ],
        vec![
            "render".as_ref(),
            block.as_os_str(),
            "-o".as_ref(),
            "-".as_ref(),
        ],
        vec![
            "check".as_ref(),
            "--theme".as_ref(),
            theme.as_os_str(),
            ok.as_os_str(),
        ],
        vec![
            "render".as_ref(),
            "--theme".as_ref(),
            theme.as_os_str(),
            ok.as_os_str(),
        ],
    ];
    for args in cases {
        let out = std::process::Command::new("/bin/sh")
            .arg("-c")
            .arg(format!(
                "ulimit -s 256; ulimit -v {ONE_GB_KB}; exec \"$0\" \"$@\""
            ))
            .arg(&bin)
            .args(&args)
            .env("NO_COLOR", "1")
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.signal(), None, "{args:?}: killed: {err}");
        assert!(
            matches!(out.status.code(), Some(1 | 2)),
            "{args:?}: {:?} {err}",
            out.status.code()
        );
        assert!(
            err.contains("unknown-key") || err.contains("limit"),
            "{args:?}: {err}"
        );
    }
}

/// Class 10: marks piled on one letter are capped for layout and drawing (a `combining-marks`
/// warning says how many are left out; the blueprint's text keeps them): the SVG's drawn text
/// has no more than `MAX_MARKS_PER_GRAPHEME` (8) on any letter, so no column rises through the
/// header; marks the font lacks are measured as the boxes drawn (tests/text).
#[test]
fn class_10_combining_marks_are_capped() {
    let text = format!(
        "A{} and b{} end",
        "\u{301}".repeat(6_000),
        "\u{e49}".repeat(3_000)
    );
    let yaml =
        format!("title: T\nsteps:\n  - id: a\n    customer: \"{text}\"\n    onstage: next\n");
    let doc = super::generated(
        "marks.yaml",
        yaml.as_bytes(),
        &super::Spec::exit(0).codes(&["combining-marks"]),
    );
    let msg = super::first_message(&doc);
    assert!(msg.contains("more than 8 combining marks"), "{msg}");
    let d = support::tempdir();
    let f = support::write(d.path(), "marks.yaml", &yaml);
    for extra in [&[][..], &[OsStr::new("--text-as-paths")][..]] {
        let mut args = vec![
            OsStr::new("render"),
            f.as_os_str(),
            OsStr::new("-o"),
            OsStr::new("-"),
        ];
        args.extend(extra);
        let r = run_capped_at(ONE_GB_KB, "render", &args, None);
        assert!(r.fatal().is_empty(), "{}", r.fatal().join("\n"));
        assert_eq!(r.code, Some(0));
        let svg = String::from_utf8(r.stdout).expect("utf-8");
        let doc = support::check_svg(&svg);
        for n in doc.descendants().filter(|n| n.has_tag_name("tspan")) {
            let t = n.text().unwrap_or("");
            assert!(!t.contains(&"\u{301}".repeat(9)), "more than 8 marks drawn");
            assert!(!t.contains(&"\u{e49}".repeat(9)), "more than 8 marks drawn");
        }
        assert!(svg.len() < 200_000, "{} bytes", svg.len());
    }
}

/// A blueprint of `steps` steps with a text of about `chars` characters in each of four lanes.
fn text_heavy(steps: usize, chars: usize) -> String {
    let words = [
        "service", "customer", "order", "payment", "waiting", "kitchen", "receipt",
    ];
    let mut s = String::from("title: T\nsteps:\n");
    let mut k = 0;
    for i in 0..steps {
        s.push_str(&format!("  - id: s{i}\n"));
        for lane in ["customer", "onstage", "backstage", "support"] {
            let mut t = String::new();
            while t.len() < chars {
                t.push_str(words[k % words.len()]);
                t.push(' ');
                k += 7;
            }
            s.push_str(&format!("    {lane}: \"{}\"\n", t.trim_end()));
        }
    }
    s
}

/// Class 3: PNG and PDF are budgeted from the layout before the SVG is parsed into a tree: a
/// 4 MB text-heavy blueprint is refused at once (MAX_RASTER_TEXT_BYTES), and so is a 10,000-step
/// PNG (MAX_RASTER_PIXELS), with nothing written; a text-heavy one under the limits is drawn,
/// all under 1 GB of address space.
#[test]
fn class_3_raster_work_is_budgeted_before_parsing() {
    let _alone = exclusive();
    let d = support::tempdir();
    let heavy = text_heavy(400, 2_500);
    assert!(heavy.len() > 4_000_000);
    let heavy = support::write(d.path(), "heavy.yaml", heavy);
    let wide = support::write(d.path(), "wide.yaml", ten_thousand_steps());
    let light = support::write(d.path(), "light.yaml", text_heavy(8, 2_000));
    // The heavy PNG at a scale that keeps it under the pixel limit: its text is what is refused.
    let cases = [
        (&heavy, "heavy.png", "0.02", "MAX_RASTER_TEXT_BYTES"),
        (&heavy, "heavy.pdf", "2", "MAX_RASTER_TEXT_BYTES"),
        (&wide, "wide.png", "2", "megapixels"),
    ];
    for (input, out, scale, limit) in cases {
        let out = d.path().join(out);
        let r = run_capped_at(
            ONE_GB_KB,
            "render",
            &[
                OsStr::new("render"),
                input.as_os_str(),
                OsStr::new("--scale"),
                OsStr::new(scale),
                OsStr::new("-o"),
                out.as_os_str(),
            ],
            None,
        );
        eprintln!("{}: {:.2?}", out.display(), r.elapsed);
        assert!(r.fatal().is_empty(), "{}", r.fatal().join("\n"));
        assert_eq!(r.code, Some(2), "{}", r.stderr_text());
        assert!(r.stderr_text().contains(limit), "{}", r.stderr_text());
        assert!(!out.exists());
    }
    for out in ["light.png", "light.pdf"] {
        let out = d.path().join(out);
        let r = run_capped_at(
            ONE_GB_KB,
            "render",
            &[
                OsStr::new("render"),
                light.as_os_str(),
                OsStr::new("--scale"),
                OsStr::new("0.5"),
                OsStr::new("-o"),
                out.as_os_str(),
            ],
            None,
        );
        eprintln!("{}: {:.2?}", out.display(), r.elapsed);
        assert!(r.fatal().is_empty(), "{}", r.fatal().join("\n"));
        assert_eq!(r.code, Some(0), "{}", r.stderr_text());
        assert!(std::fs::metadata(&out).unwrap().len() > 1_000);
    }
}

/// Class 4: `--split-phases` writes each figure as it is made (the first file is there long
/// before the run ends, where all used to wait for the last figure), and `--text-as-paths` is
/// bounded by MAX_OUTLINE_TEXT_BYTES, checked from the layout before any outline is made.
#[test]
fn class_4_amplification_is_streamed_and_bounded() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let _alone = exclusive();
    let d = support::tempdir();
    let n = 300;
    let mut s = String::from("title: T\nphases:\n");
    for i in 0..n {
        s.push_str(&format!("  - id: p{i}\n"));
    }
    s.push_str("steps:\n");
    for i in 0..n {
        s.push_str(&format!("  - id: s{i}\n    phase: p{i}\n    customer: c\n"));
    }
    let input = support::write(d.path(), "phases.yaml", s);
    let out = d.path().join("out");
    let bin = assert_cmd::cargo::cargo_bin("blueprint");
    let start = Instant::now();
    let mut child = Command::new("/bin/sh")
        .arg("-c")
        .arg(format!("ulimit -v {ONE_GB_KB}; exec \"$0\" \"$@\""))
        .arg(&bin)
        .args([
            OsStr::new("render"),
            input.as_os_str(),
            OsStr::new("--split-phases"),
        ])
        .args([OsStr::new("--out-dir"), out.as_os_str()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut first = None;
    let status = loop {
        if first.is_none() && std::fs::read_dir(&out).is_ok_and(|mut d| d.next().is_some()) {
            first = Some(start.elapsed());
        }
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "still running");
        std::thread::sleep(Duration::from_millis(2));
    };
    let total = start.elapsed();
    eprintln!("{n} phases: first file after {first:?}, all after {total:.2?}");
    assert!(status.success());
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), n);
    let first = first.expect("a file appeared while it ran");
    assert!(first < total / 2, "first file after {first:?} of {total:?}");

    let heavy = support::write(d.path(), "heavy.yaml", text_heavy(60, 2_500));
    let light = support::write(d.path(), "light.yaml", text_heavy(8, 2_000));
    for (input, code) in [(&heavy, 2), (&light, 0)] {
        let svg = d.path().join("paths.svg");
        let r = run_capped_at(
            ONE_GB_KB,
            "render",
            &[
                OsStr::new("render"),
                OsStr::new("--text-as-paths"),
                input.as_os_str(),
                OsStr::new("-o"),
                svg.as_os_str(),
            ],
            None,
        );
        eprintln!("{}: {:.2?}", input.display(), r.elapsed);
        assert!(r.fatal().is_empty(), "{}", r.fatal().join("\n"));
        assert_eq!(r.code, Some(code), "{}", r.stderr_text());
        if code == 2 {
            assert!(
                r.stderr_text().contains("MAX_OUTLINE_TEXT_BYTES"),
                "{}",
                r.stderr_text()
            );
            assert!(!svg.exists());
        } else {
            let len = std::fs::metadata(&svg).unwrap().len();
            assert!(len < 300 * 64 * 1024, "{len} bytes");
        }
    }
}
