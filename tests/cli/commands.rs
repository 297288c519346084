//! Every `blueprint …` command README.md and docs/*.md show runs as written (issue 18), in a
//! fresh copy of the samples: each doc's commands in order in a temp dir of its own holding the
//! samples (at its top, as `hotel.yaml`, and under `samples/`) and the files the doc itself
//! writes out in YAML blocks (`brand.yaml`, `coffee.yaml`), with `HOME` there too, through
//! `bash -c` with the built binary first on `PATH`.
//!
//! - In code blocks: every line that is a `blueprint` command (a `$ ` prompt taken off), and
//!   the `mkdir -p` lines they need. A command shown with its output (docs/diagnostics.md's
//!   `$ blueprint render coffee.yaml --steps pya` and the report under it) must report the code
//!   shown; any other must exit 0.
//! - In running text: every `` `blueprint …` `` span, its placeholders (`FILE`, `OUT.png`,
//!   `SHELL`, ...) given a sample's values ([`PLACEHOLDERS`]). A `check` or `render` span that
//!   names no input is a fragment naming an option (`blueprint render -o -`), not a command,
//!   and so is a `serve` span naming nothing to serve; they are counted, not run. `serve` and
//!   `lsp` run until stopped: they are started, checked and stopped ([`long_running`]).
//! - [`EXCEPTIONS`] lists what cannot run here, each with why.

use crate::support::*;
use std::path::{Path, PathBuf};

/// Commands shown that need a program this test does not have, with the reason.
const EXCEPTIONS: &[(&str, &str)] = &[
    (
        "blueprint completions powershell | Out-String | Invoke-Expression",
        "PowerShell syntax, for `$PROFILE`: needs pwsh, which neither CI nor Debian installs \
         (`blueprint completions powershell` alone runs as the `completions SHELL` row does)",
    ),
    (
        "eval (blueprint completions elvish | slurp)",
        "Elvish syntax, for rc.elv: needs elvish, not installed here",
    ),
];

/// Placeholders of the synopses in running text, and the sample values they get, in order.
const PLACEHOLDERS: &[(&str, &str)] = &[
    (" [-o OUT.svg]", ""),
    ("[FILE...]", "hotel.yaml"),
    ("FILE...", "hotel.yaml"),
    ("FILE.yaml", "brand.yaml"),
    ("FILE", "hotel.yaml"),
    ("OUT.svg", "out.svg"),
    ("OUT.png", "out.png"),
    ("OUT.pdf", "out.pdf"),
    ("A.yaml B.yaml", "hotel.yaml clinic.yaml"),
    ("SHELL", "bash"),
    ("--theme NAME", "--theme dark"),
    ("--phase ID", "--phase stay"),
];

/// What a command must do.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    /// Exit 0.
    Success,
    /// Report this diagnostic code on stderr (the output the doc shows under it).
    Reports(String),
}

#[derive(Debug, Default)]
struct Doc {
    /// (where, command, what it must do), in the doc's order.
    commands: Vec<(String, String, Expect)>,
    /// Files the doc writes out in YAML blocks: (name, text).
    files: Vec<(String, String)>,
    /// Spans that name an option, not a whole command.
    fragments: Vec<String>,
    /// Commands in [`EXCEPTIONS`].
    excepted: usize,
}

/// The first `NAME.yaml` in `s`.
fn yaml_name(s: &str) -> Option<String> {
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-');
    let i = s.find(".yaml")?;
    let start = s[..i].rfind(|c: char| !ok(c)).map_or(0, |j| j + 1);
    (start < i).then(|| s[start..i + 5].to_string())
}

/// Whether a command names an input: a YAML file or standard input.
/// (`check --theme X` alone is a command: it checks the theme file.)
fn names_input(cmd: &str) -> bool {
    const VALUED: [&str; 5] = ["-o", "--theme", "--out-dir", "--format", "--message-format"];
    let words: Vec<&str> = cmd.split_whitespace().collect();
    cmd.starts_with("blueprint check --theme ")
        || words.iter().enumerate().skip(2).any(|(i, w)| {
            (w.ends_with(".yaml") || w.ends_with(".yml") || *w == "-")
                && !VALUED.contains(&words[i - 1])
        })
}

/// Whether a `serve` command names what to serve (a word after `serve` that is neither an
/// option nor a placeholder such as `PATH...`); `blueprint serve` alone in running text names
/// the command, as `blueprint render -o -` names an option.
fn names_path(cmd: &str) -> bool {
    cmd.split_whitespace()
        .skip(2)
        .any(|w| !w.starts_with(['-', '[']) && w.chars().any(|c| c.is_ascii_lowercase()))
}

fn parse(name: &str, text: &str) -> Doc {
    let mut doc = Doc::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut fence: Option<String> = None;
    let mut block: Vec<&str> = Vec::new();
    let mut last_text = "";
    let mut in_paragraph = false;
    let push = |doc: &mut Doc, at: String, cmd: &str, expect: Expect| {
        if EXCEPTIONS.iter().any(|(e, _)| *e == cmd) {
            doc.excepted += 1;
        } else {
            doc.commands.push((at, cmd.to_string(), expect));
        }
    };
    let mut n = 0;
    while n < lines.len() {
        let line = lines[n];
        let at = format!("{name}:{}", n + 1);
        if let Some(lang) = line.trim_start().strip_prefix("```") {
            in_paragraph = false;
            match fence.take() {
                None => {
                    fence = Some(lang.trim().to_string());
                    block.clear();
                }
                Some(lang) => {
                    if lang == "yaml" {
                        let first = block.first().copied().unwrap_or("");
                        let named = first
                            .trim_start()
                            .starts_with('#')
                            .then(|| yaml_name(first))
                            .flatten()
                            .or_else(|| yaml_name(last_text));
                        if let Some(file) = named {
                            doc.files.push((file, block.join("\n") + "\n"));
                        }
                    }
                }
            }
            n += 1;
            continue;
        }
        if fence.is_some() {
            block.push(line);
            let cmd = line.trim().strip_prefix("$ ").unwrap_or(line.trim());
            if cmd.starts_with("blueprint ") {
                // A report shown under it: the lines up to a blank one.
                let shown = lines.get(n + 1).map(|l| l.trim()).unwrap_or("");
                let expect = match shown.strip_prefix("blueprint::") {
                    Some(code) if line.trim().starts_with("$ ") => Expect::Reports(code.into()),
                    _ => Expect::Success,
                };
                push(&mut doc, at, cmd, expect);
            } else if cmd.starts_with("mkdir -p ") && !cmd.contains(['&', ';', '|']) {
                push(&mut doc, at, cmd, Expect::Success);
            }
        } else {
            if !line.trim().is_empty() {
                last_text = line;
            }
            // A paragraph at its first line, its lines joined: a span may wrap.
            let starts = !line.trim().is_empty() && !in_paragraph;
            in_paragraph = !line.trim().is_empty();
            if !starts {
                n += 1;
                continue;
            }
            let paragraph: Vec<&str> = lines[n..]
                .iter()
                .take_while(|l| !l.trim().is_empty() && !l.trim_start().starts_with("```"))
                .map(|l| l.trim())
                .collect();
            let paragraph = paragraph.join(" ");
            for span in paragraph.split('`').skip(1).step_by(2) {
                if EXCEPTIONS.iter().any(|(e, _)| *e == span) {
                    doc.excepted += 1;
                    continue;
                }
                if !span.starts_with("blueprint ") {
                    continue;
                }
                let mut cmd = span.to_string();
                for (from, to) in PLACEHOLDERS {
                    cmd = cmd.replace(from, to);
                }
                let sub = cmd.split_whitespace().nth(1).unwrap_or("");
                if matches!(sub, "check" | "render") && !names_input(&cmd)
                    || sub == "serve" && !names_path(&cmd)
                {
                    doc.fragments.push(span.to_string());
                } else if sub.starts_with(|c: char| c.is_ascii_lowercase()) {
                    push(&mut doc, at.clone(), &cmd, Expect::Success);
                }
            }
        }
        n += 1;
    }
    doc
}

/// README.md and docs/*.md.
fn docs() -> Vec<PathBuf> {
    let mut v = vec![root().join("README.md")];
    let mut d: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    d.sort();
    v.extend(d);
    v
}

/// A fresh copy of the samples in `dir`, at its top and under `samples/`.
fn samples_into(dir: &Path) {
    std::fs::create_dir_all(dir.join("samples")).expect("mkdir");
    for s in std::fs::read_dir(root().join("samples"))
        .expect("samples/")
        .flatten()
    {
        let p = s.path();
        if p.extension().is_some_and(|x| x == "yaml") {
            let name = p.file_name().expect("name");
            std::fs::copy(&p, dir.join(name)).expect("copy");
            std::fs::copy(&p, dir.join("samples").join(name)).expect("copy");
        }
    }
}

/// Runs `cmd` in `dir` as the doc's reader would; a failure as a message.
fn run(dir: &Path, at: &str, cmd: &str, expect: &Expect) -> Option<String> {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_blueprint"));
    let path = format!(
        "{}:{}",
        bin.parent().expect("bin dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut command = std::process::Command::new("bash");
    command
        .current_dir(dir)
        .env("HOME", dir)
        .env("PATH", path)
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE");
    if let Some(failure) = long_running(&mut command, cmd) {
        return failure.map(|why| format!("{at}: `{cmd}`: {why}"));
    }
    let out = command.args(["-c", cmd]).output().expect("run bash");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let ok = match expect {
        Expect::Success => out.status.success(),
        Expect::Reports(code) => stderr.contains(&format!("blueprint::{code}")),
    };
    (!ok).then(|| {
        format!(
            "{at}: `{cmd}` ({expect:?}): exit {:?}\n{}",
            out.status.code(),
            stderr.lines().take(8).collect::<Vec<_>>().join("\n")
        )
    })
}

/// The commands that run until stopped, run as a reader would and stopped: `blueprint serve`
/// must print its base URL first (on a free port unless the doc names one, so that a server a
/// developer left running does not fail the test), `blueprint lsp` must answer an editor's
/// `initialize` and exit 0 after `shutdown` and `exit`. `None` for any other command; else
/// `Some(None)` when it did so, `Some(Some(why))` when not.
fn long_running(command: &mut std::process::Command, cmd: &str) -> Option<Option<String>> {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    let words: Vec<&str> = cmd.split_whitespace().collect();
    match words.get(..2) {
        Some(["blueprint", "serve"]) => {
            let port = if words.contains(&"--port") {
                ""
            } else {
                " --port 0"
            };
            let mut child = command
                .args(["-c", &format!("exec {cmd}{port}")])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("run bash");
            let stdout = child.stdout.take().expect("stdout");
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let mut line = String::new();
                let _ = BufReader::new(stdout).read_line(&mut line);
                let _ = tx.send(line);
            });
            let first = rx.recv_timeout(std::time::Duration::from_secs(30));
            let _ = child.kill();
            let _ = child.wait();
            Some(match first {
                Ok(line) if line.starts_with("http://") => None,
                Ok(line) => Some(format!("its first line is not the base URL: {line:?}")),
                Err(_) => Some("printed no base URL within 30 s".into()),
            })
        }
        Some(["blueprint", "lsp"]) => {
            let mut child = command
                .args(["-c", &format!("exec {cmd}")])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("run bash");
            let mut stdin = child.stdin.take().expect("stdin");
            for body in [
                r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
                r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
                r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#,
                r#"{"jsonrpc":"2.0","method":"exit"}"#,
            ] {
                let _ = write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len());
            }
            drop(stdin);
            let out = child.wait_with_output().expect("wait");
            let answered = String::from_utf8_lossy(&out.stdout).contains("\"capabilities\"");
            Some((!(answered && out.status.success())).then(|| {
                format!(
                    "did not answer initialize and exit 0 (exit {:?})",
                    out.status.code()
                )
            }))
        }
        _ => None,
    }
}

#[test]
fn every_command_the_docs_show_runs_as_written() {
    let (mut ran, mut fragments, mut excepted, mut failed) = (0, Vec::new(), 0, Vec::new());
    let mut per_doc = Vec::new();
    let docs: Vec<(String, Doc)> = docs()
        .iter()
        .map(|path| {
            let name = path
                .strip_prefix(root())
                .unwrap_or(path)
                .display()
                .to_string();
            let doc = parse(&name, &std::fs::read_to_string(path).expect("read doc"));
            (name, doc)
        })
        .collect();
    // A file one doc writes out is there for the others (README's `--theme brand.yaml` is
    // docs/themes.md's): a reader follows the links.
    let files: Vec<&(String, String)> = docs.iter().flat_map(|(_, d)| &d.files).collect();
    for (name, doc) in &docs {
        let dir = tempdir();
        samples_into(dir.path());
        for (file, text) in &files {
            if !dir.path().join(file).exists() {
                write(dir.path(), file, text);
            }
        }
        for (at, cmd, expect) in &doc.commands {
            failed.extend(run(dir.path(), at, cmd, expect));
        }
        ran += doc.commands.len();
        fragments.extend(doc.fragments.iter().cloned());
        excepted += doc.excepted;
        per_doc.push(format!("{name} {}", doc.commands.len()));
    }
    eprintln!(
        "doc commands: {ran} run ({}), {excepted} excepted, {} fragments naming an option: {}",
        per_doc.join(", "),
        fragments.len(),
        fragments.join("; ")
    );
    assert_eq!(
        excepted,
        EXCEPTIONS.len(),
        "an exception no doc shows any more"
    );
    assert!(ran > 40, "found only {ran} commands");
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

/// The reader finds commands where the docs show them, and the checks bite.
#[test]
fn the_command_reader_finds_blocks_spans_and_shown_reports() {
    let md = "Run `blueprint render FILE -o OUT.png` or `blueprint render -o -`.\n\
              ```yaml\n# mine.yaml\ntitle: T\n```\n\
              ```console\n$ blueprint check mine.yaml\n$ blueprint render mine.yaml --steps x\n\
              blueprint::cut-unknown-step\n```\n";
    let doc = parse("x.md", md);
    assert_eq!(doc.fragments, ["blueprint render -o -"]);
    assert_eq!(
        doc.files,
        vec![("mine.yaml".into(), "# mine.yaml\ntitle: T\n".into())]
    );
    let cmds: Vec<(&str, &Expect)> = doc.commands.iter().map(|c| (c.1.as_str(), &c.2)).collect();
    assert_eq!(
        cmds,
        vec![
            ("blueprint render hotel.yaml -o out.png", &Expect::Success),
            ("blueprint check mine.yaml", &Expect::Success),
            (
                "blueprint render mine.yaml --steps x",
                &Expect::Reports("cut-unknown-step".into())
            ),
        ]
    );
    let dir = tempdir();
    samples_into(dir.path());
    assert!(
        run(
            dir.path(),
            "x",
            "blueprint render hotel.yaml --no-such-flag",
            &Expect::Success
        )
        .is_some()
    );
    assert!(
        run(
            dir.path(),
            "x",
            "blueprint render hotel.yaml -o out.svg",
            &Expect::Success
        )
        .is_none()
    );
}
