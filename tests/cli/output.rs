//! Where `blueprint render` writes, through the binary: beside the input by default, `-o` and
//! `--out-dir`, `-` for stdin and stdout, batches where one failure does not stop the others;
//! and what it never does: clobber the input or an existing output on failure, leave temporary
//! files, replace a device or a pipe, die of a closed stream or pipe.

use crate::VALID;
use crate::support::*;
use predicates::prelude::*;

#[test]
fn default_output_is_beside_the_input() {
    let d = tempdir();
    let input = write(
        d.path(),
        "trip.yaml",
        std::fs::read(root().join("samples/hotel.yaml")).expect("read"),
    );
    bin().arg("render").arg(&input).assert().success();
    let out = d.path().join("trip.svg");
    check_svg(&std::fs::read_to_string(&out).expect("trip.svg written"));
}

#[test]
fn a_failed_render_leaves_the_existing_output_intact_and_no_litter() {
    let d = tempdir();
    let input = write(
        d.path(),
        "bad.yaml",
        "title: T\nsteps:\n  - id: a\n    emotion: 9\n",
    );
    let out = write(d.path(), "bad.svg", "precious bytes");
    bin()
        .arg("render")
        .arg(&input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("emotion-out-of-range"));
    assert_eq!(std::fs::read(&out).expect("still there"), b"precious bytes");
    let names: Vec<String> = std::fs::read_dir(d.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temp litter: {names:?}");
    // With no previous output, none appears.
    let input2 = write(d.path(), "bad2.yaml", "title: T\nsteps: 3\n");
    bin().arg("render").arg(&input2).assert().code(1);
    assert!(!d.path().join("bad2.svg").exists());
}

#[test]
fn output_paths_that_cannot_work_are_refused_with_the_path() {
    let d = tempdir();
    let input = write(
        d.path(),
        "b.yaml",
        "title: T\nsteps: [{id: a, customer: x}]\n",
    );
    bin()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("overwrite the input"));
    assert_eq!(
        std::fs::read_to_string(&input).expect("input"),
        "title: T\nsteps: [{id: a, customer: x}]\n"
    );
    bin()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(d.path().join("missing/x.svg"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
    bin()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    bin()
        .arg("render")
        .arg(d.path().join("nope.yaml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.yaml"));
    bin()
        .arg("render")
        .arg(&input)
        .arg(&input)
        .arg("-o")
        .arg("x.svg")
        .assert()
        .code(2);
}

#[test]
fn batch_renders_every_file_and_one_failure_does_not_stop_the_others() {
    let d = tempdir();
    let out = d.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let bad = write(d.path(), "broken.yaml", "title: T\nsteps: 3\n");
    let mut cmd = bin();
    cmd.arg("render")
        .arg("--out-dir")
        .arg(&out)
        .args(samples())
        .arg(&bad);
    cmd.assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{} written, 1 invalid",
            samples().len()
        )));
    for s in samples() {
        let name = s.with_extension("svg");
        let p = out.join(name.file_name().expect("name"));
        check_svg(&std::fs::read_to_string(&p).expect("written"));
    }
    assert!(!out.join("broken.svg").exists());
}

#[test]
fn stdin_to_stdout() {
    let out = bin()
        .args(["render", "-", "-o", "-"])
        .write_stdin("title: T\nsteps: [{id: a, customer: x, onstage: y}]\n")
        .output()
        .expect("run");
    assert!(out.status.success());
    check_svg(std::str::from_utf8(&out.stdout).expect("utf8"));
}

#[test]
fn two_inputs_with_one_name_are_refused_before_either_is_written() {
    let d = tempdir();
    for sub in ["a", "b"] {
        std::fs::create_dir(d.path().join(sub)).unwrap();
    }
    let a = write(&d.path().join("a"), "plan.yaml", VALID);
    let b = write(&d.path().join("b"), "plan.yaml", VALID);
    let out = d.path().join("out");
    std::fs::create_dir(&out).unwrap();
    bin()
        .args(["render", "--out-dir"])
        .arg(&out)
        .arg(&a)
        .arg(&b)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("would both be written to"))
        .stderr(predicate::str::contains("plan.svg"));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
    // The same file named twice is not a clash.
    bin()
        .args(["render", "--out-dir"])
        .arg(&out)
        .arg(&a)
        .arg(&a)
        .assert()
        .success();
}

/// Class 5 of issue 19 (lost outputs): `a.yaml`'s phase `b-c` and `a-b.yaml`'s phase `c` are both
/// `a-b-c.svg` under `--split-phases`. The run once wrote it twice, said "wrote" twice and
/// exited 0, one figure lost; now it is refused, naming both sources and the path, before
/// anything is written, and an existing file of that name is left as it was.
#[test]
fn lost_outputs_two_figures_with_one_name_are_refused() {
    let one_phase = |id: &str| {
        format!(
            "title: T\nphases:\n  - id: {id}\nsteps:\n  - id: s\n    phase: {id}\n    customer: x\n"
        )
    };
    let d = tempdir();
    let a = write(d.path(), "a.yaml", one_phase("b-c"));
    let ab = write(d.path(), "a-b.yaml", one_phase("c"));
    let refused = |args: &[&std::ffi::OsStr]| {
        bin()
            .current_dir(d.path())
            .args(["render", "--split-phases"])
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("would both be written to"))
            .stderr(predicate::str::contains("a-b-c.svg"))
            .stderr(predicate::str::contains("a.yaml (figure b-c)"))
            .stderr(predicate::str::contains("a-b.yaml (figure c)"))
            .stdout(predicate::str::contains("wrote").not())
            .stderr(predicate::str::contains("wrote").not());
    };
    // Beside the inputs, one named with `./`: one path however it is spelled.
    refused(&[
        std::ffi::OsStr::new("./a.yaml"),
        std::ffi::OsStr::new("a-b.yaml"),
    ]);
    let mut names: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["a-b.yaml", "a.yaml"]);
    // Into --out-dir, over an existing output and with PNG too: nothing made, nothing replaced.
    let out = d.path().join("out");
    std::fs::create_dir(&out).unwrap();
    write(&out, "a-b-c.svg", "keep");
    refused(&[
        std::ffi::OsStr::new("--format"),
        std::ffi::OsStr::new("svg,png"),
        std::ffi::OsStr::new("--out-dir"),
        out.as_os_str(),
        a.as_os_str(),
        ab.as_os_str(),
    ]);
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
    assert_eq!(std::fs::read(out.join("a-b-c.svg")).unwrap(), b"keep");
    // Each alone is written.
    bin()
        .args(["render", "--split-phases"])
        .arg(&a)
        .assert()
        .success();
    assert!(d.path().join("a-b-c.svg").exists());
}

/// `-o` naming something other than a regular file: it is written into, never replaced. (As
/// root, renaming the temporary file over `/dev/null` once turned the machine's `/dev/null` into
/// a regular file, and every later `>/dev/null` appended to it.)
#[cfg(unix)]
#[test]
fn output_to_a_device_or_a_pipe_is_written_into_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let d = tempdir();
    let input = write(d.path(), "plan.yaml", VALID);

    // /dev/stdout is a link to the pipe the test reads: the SVG arrives there, the link stays.
    let out = bin()
        .arg("render")
        .arg(&input)
        .args(["-o", "/dev/stdout"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    check_svg(std::str::from_utf8(&out.stdout).unwrap());
    let link = std::fs::symlink_metadata("/dev/stdout").unwrap();
    assert!(link.file_type().is_symlink(), "/dev/stdout: {link:?}");

    if std::fs::metadata("/dev/null").is_ok_and(|m| m.file_type().is_char_device()) {
        bin()
            .arg("render")
            .arg(&input)
            .args(["-o", "/dev/null"])
            .assert()
            .success();
        let m = std::fs::metadata("/dev/null").unwrap();
        assert!(m.file_type().is_char_device(), "/dev/null is now {m:?}");
    }

    // A named pipe: a reader gets the whole SVG, and the pipe is still a pipe.
    let fifo = d.path().join("pipe.svg");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        bin()
            .arg("render")
            .arg(&input)
            .arg("-o")
            .arg(&fifo)
            .assert()
            .success();
        // (Checked before joining: had the pipe been replaced, the reader would wait forever.)
        let m = std::fs::symlink_metadata(&fifo).unwrap();
        assert!(m.file_type().is_fifo(), "{m:?}");
        let svg = reader.join().unwrap();
        check_svg(std::str::from_utf8(&svg).unwrap());
    }
}

/// Closed standard streams are no failure: what would be printed goes nowhere. (Rust's own
/// start opens them on /dev/null, so no file the process opens takes their numbers; nothing the
/// binary does today holds a file open while printing, so that part shows in no test.)
#[cfg(unix)]
#[test]
fn closed_standard_streams_are_no_failure() {
    let d = tempdir();
    let good = write(d.path(), "good.yaml", VALID);
    let out = d.path().join("good.svg");
    let run = |script: &str, args: &[&std::ffi::OsStr]| {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(script)
            .arg(env!("CARGO_BIN_EXE_blueprint"))
            .args(args)
            .output()
            .expect("sh runs")
    };
    let schema = run("exec 1>&-; \"$0\" schema", &[]);
    assert_eq!(schema.status.code(), Some(0), "{schema:?}");
    let to_stdout = run("exec 1>&-; \"$0\" render \"$1\" -o -", &[good.as_os_str()]);
    assert_eq!(to_stdout.status.code(), Some(0), "{to_stdout:?}");
    // With every stream closed, the input and the output file take no standard number.
    let render = run(
        "exec 0<&- 1>&- 2>&-; \"$0\" render \"$1\" -o \"$2\"",
        &[good.as_os_str(), out.as_os_str()],
    );
    assert_eq!(render.status.code(), Some(0), "{render:?}");
    let svg = std::fs::read_to_string(&out).expect("the SVG was written");
    assert!(
        svg.starts_with("<svg") && svg.ends_with("</svg>\n"),
        "{svg}"
    );
}

/// A reader that goes away is a write error, not a death by SIGPIPE (Rust's own start ignores
/// the signal).
#[cfg(unix)]
#[test]
fn a_closed_pipe_does_not_kill_the_process() {
    use std::os::unix::process::ExitStatusExt;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_blueprint"))
        .arg("schema")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the binary starts");
    drop(child.stdout.take());
    let status = child.wait().expect("the binary ends");
    assert_eq!(status.signal(), None, "{status:?}");
}

/// `--id-prefix` names the figure: its root's id and class and the start of every id, so a
/// page's CSS can name it and two copies of one figure share no id; a prefix CSS would have to
/// escape is refused (issue 18).
#[test]
fn id_prefix_names_the_figure_and_its_ids() {
    let hotel = sample("hotel");
    let svg = render_svg(&hotel, &["--id-prefix", "stay_1"]);
    let doc = roxmltree::Document::parse(&svg).expect("svg");
    let root = doc.root_element();
    assert_eq!(root.attribute("id"), Some("stay_1"));
    assert_eq!(root.attribute("class"), Some("stay_1"));
    let ids: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    assert!(ids.len() > 1);
    for id in &ids {
        assert!(*id == "stay_1" || id.starts_with("stay_1-"), "{id}");
    }
    assert!(svg.contains("#stay_1 .phase rect{"));
    let other = render_svg(&hotel, &["--id-prefix", "stay-2"]);
    let others: Vec<String> = roxmltree::Document::parse(&other)
        .expect("svg")
        .descendants()
        .filter_map(|n| n.attribute("id").map(String::from))
        .collect();
    assert!(ids.iter().all(|i| !others.iter().any(|o| o == i)));
    for bad in ["1st", "a b", "x.y", "", "é"] {
        bin()
            .args(["render", "-o", "-", "--id-prefix", bad])
            .arg(&hotel)
            .assert()
            .code(2);
    }
}
