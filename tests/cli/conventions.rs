//! The conventions a packager and a user expect. `blueprint completions SHELL` and `blueprint
//! man`, both generated from the clap definitions, name the subcommands and options the parser
//! accepts (where `bash` is installed, the bash script is parsed with `bash -n` and asked to
//! complete, as a shell would); README.md's Install commands run; the licence files cover the
//! code and the bundled font, and the font subsets in an SVG keep the font's notices; README.md
//! and docs/*.md name no issue by its number alone and no document a reader does not have.

use crate::support::*;

/// Runs `blueprint ARGS`, which must succeed, and returns its standard output.
fn stdout_of(args: &[&str]) -> String {
    let out = bin().args(args).output().expect("run");
    assert!(
        out.status.success(),
        "{args:?}: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn bash_completion_names_the_subcommands_and_options() {
    let script = stdout_of(&["completions", "bash"]);
    for word in ["render", "check", "schema", "--theme", "--split-phases"] {
        assert!(script.contains(word), "bash script lacks {word}");
    }
}

#[test]
fn every_shell_gets_a_script() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        assert!(script.contains("render"), "{shell}: {script}");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = bin().args(["completions", "tcsh"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tcsh") && err.contains("bash"), "{err}");
    let out = bin().arg("completions").output().expect("run");
    assert_eq!(out.status.code(), Some(2), "no shell given");
}

/// True when `bash` runs here; says so when it does not (on stderr itself, which the test
/// harness does not capture, so the skip shows in a passing run).
fn have_bash() -> bool {
    use std::io::Write;
    let ok = std::process::Command::new("bash")
        .args(["-c", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: bash is not installed, the bash completion script is not run"
        );
    }
    ok
}

#[test]
fn bash_parses_the_script_and_completes_with_it() {
    if !have_bash() {
        return;
    }
    let dir = tempdir();
    let script = write(
        dir.path(),
        "blueprint.bash",
        stdout_of(&["completions", "bash"]),
    );
    let out = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .expect("bash -n");
    assert!(
        out.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // What bash's completion calls on `blueprint re<TAB>` and `blueprint render --the<TAB>`.
    let ask = r#"source "$1"
        COMP_WORDS=(blueprint re); COMP_CWORD=1; _blueprint blueprint re blueprint
        echo "${COMPREPLY[*]}"
        COMP_WORDS=(blueprint render --the); COMP_CWORD=2; _blueprint blueprint --the render
        echo "${COMPREPLY[*]}""#;
    let out = std::process::Command::new("bash")
        .args(["-c", ask, "bash"])
        .arg(&script)
        .output()
        .expect("bash");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        ["render", "--theme"],
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_man_page_documents_every_subcommand_and_option() {
    let page = stdout_of(&["man"]);
    assert!(page.starts_with(".TH BLUEPRINT 1 "), "{}", &page[..80]);
    // Each part clap_mangen writes repeats this preamble; the page holds it once.
    assert_eq!(page.matches(".ds Aq").count(), 2, "preamble not once");
    for sub in ["check", "render", "schema", "completions", "man"] {
        assert!(
            page.contains(&format!(".SS \"blueprint {sub}\"")),
            "no subsection for {sub}"
        );
    }
    // roff escapes a minus as `\-`.
    for option in [
        "theme",
        "out\\-dir",
        "split\\-phases",
        "message\\-format",
        "deny",
    ] {
        assert!(
            page.contains(&format!("\\fB\\-\\-{option}\\fR")),
            "no --{option}"
        );
    }
    // A subcommand's own `.SH` headings would end the COMMANDS section early: only the page's.
    let sections: Vec<&str> = page.lines().filter(|l| l.starts_with(".SH ")).collect();
    assert_eq!(
        sections,
        [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH DESCRIPTION",
            ".SH OPTIONS",
            ".SH COMMANDS",
            ".SH \"EXIT STATUS\"",
            ".SH VERSION"
        ]
    );
}

/// Every `blueprint …` command README.md's Install section shows runs and prints something, and
/// each script goes to the name its shell loads it by.
#[test]
fn the_install_section_commands_run() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let install = readme
        .split("\n## Install\n")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("an Install section");
    let mut ran = Vec::new();
    for line in install.lines().filter(|l| l.starts_with("blueprint ")) {
        let (command, target) = line.split_once(" > ").expect("written to a file");
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        let text = stdout_of(&args);
        assert!(!text.is_empty(), "{line}");
        let file = target.rsplit('/').next().unwrap_or_default();
        match args[..] {
            ["completions", "bash"] => assert_eq!(file, "blueprint"),
            ["completions", "zsh"] => {
                assert_eq!(file, "_blueprint");
                assert!(
                    text.starts_with("#compdef blueprint"),
                    "zsh autoloads by it"
                );
            }
            ["completions", "fish"] => assert_eq!(file, "blueprint.fish"),
            ["man"] => assert_eq!(target, "~/.local/share/man/man1/blueprint.1"),
            _ => panic!("{line}: not a command this test knows"),
        }
        ran.push(args.join(" "));
    }
    assert_eq!(
        ran,
        [
            "completions bash",
            "completions zsh",
            "completions fish",
            "man"
        ]
    );
}

/// The copyright (0) and licence (13, 14) records of a font's `name` table, Windows platform.
fn notices(ttf: &[u8]) -> Vec<(u16, String)> {
    use read_fonts::{FontRef, TableProvider};
    let font = FontRef::new(ttf).expect("a font");
    let name = font.name().expect("a name table");
    let mut v: Vec<(u16, String)> = name
        .name_record()
        .iter()
        .filter(|r| r.platform_id() == 3 && [0, 13, 14].contains(&r.name_id().to_u16()))
        .map(|r| {
            let text = r.string(name.string_data()).expect("a string");
            (r.name_id().to_u16(), text.to_string())
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn the_licence_files_cover_the_code_and_the_bundled_font() {
    let read =
        |p: &str| std::fs::read_to_string(root().join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let mit = read("LICENSE-MIT");
    assert!(mit.starts_with("MIT License\n\nCopyright (c) the blueprint authors\n"));
    assert!(mit.contains("Permission is hereby granted, free of charge"));
    let apache = read("LICENSE-APACHE");
    assert!(apache.contains("Apache License") && apache.contains("Version 2.0, January 2004"));
    assert!(apache.contains("END OF TERMS AND CONDITIONS"));
    let manifest = read("Cargo.toml");
    assert!(
        manifest.contains("\nlicense = \"(MIT OR Apache-2.0) AND OFL-1.1\"\n"),
        "Cargo.toml's license names the code's licences and the font's"
    );
    // Beside the fonts: the OFL with the copyright each font carries.
    let ofl = read("assets/OFL.txt");
    assert!(ofl.contains("SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007"));
    for face in ["assets/Inter-Regular.ttf", "assets/Inter-Bold.ttf"] {
        let bytes = std::fs::read(root().join(face)).expect("font");
        let n = notices(&bytes);
        let copyright = &n.first().expect("a copyright record").1;
        assert!(
            copyright.contains("The Inter Project Authors"),
            "{copyright}"
        );
        let line = copyright.replacen("Copyright ", "Copyright (c) ", 1);
        assert!(
            ofl.lines().any(|l| l == line),
            "assets/OFL.txt lacks {line:?}"
        );
        assert!(
            n.iter()
                .any(|(id, t)| *id == 13 && t.contains("Open Font License, Version 1.1"))
        );
    }
}

/// What README.md's License section says of the SVG: each embedded subset keeps the bundled
/// font's copyright and licence records.
#[test]
fn embedded_subsets_keep_the_fonts_copyright_and_licence() {
    use base64::Engine;
    let bundled = notices(&std::fs::read(root().join("assets/Inter-Regular.ttf")).expect("font"));
    assert_eq!(bundled.len(), 3, "{bundled:?}");
    // A sample in ASCII, and one character beyond it, for the subset made at render time.
    let dir = tempdir();
    let input = write(
        dir.path(),
        "b.yaml",
        "title: Ünïcode\nsteps:\n  - id: a\n    customer: Arrive\n",
    );
    for path in [sample("hotel"), input] {
        let svg = String::from_utf8(render_stdout(&path, &[])).expect("UTF-8");
        let faces: Vec<&str> = svg
            .split("data:font/woff2;base64,")
            .skip(1)
            .map(|s| &s[..s.find(')').expect("end of url")])
            .collect();
        assert!(!faces.is_empty(), "{}: no embedded face", path.display());
        for b64 in faces {
            let woff2 = base64::engine::general_purpose::STANDARD
                .decode(b64)
                .expect("base64");
            let ttf = wuff::decompress_woff2(&woff2).expect("WOFF2");
            assert_eq!(notices(&ttf), bundled, "{}", path.display());
        }
    }
}

/// The places where a `.md` name, an issue number or an outside repository could be named to a
/// reader: README.md and docs/*.md.
fn reader_docs() -> Vec<(String, String)> {
    let mut v = vec![(
        "README.md".to_string(),
        std::fs::read_to_string(root().join("README.md")).expect("README"),
    )];
    let mut docs: Vec<_> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    for p in docs {
        let name = p.strip_prefix(root()).unwrap_or(&p).display().to_string();
        v.push((name, std::fs::read_to_string(&p).expect("read")));
    }
    v
}

/// What in `text` a reader of the repository could not look up: an issue named by its number
/// alone, a document kept elsewhere, a `.md` file that is not in the repository (names tried
/// from the root, from docs/ and beside the file).
fn unreachable_references(name: &str, text: &str) -> Vec<String> {
    // Written by bench/compare.sh into bench/.out/ when it runs.
    const GENERATED: [&str; 1] = ["table.md"];
    let root = root();
    let dir = std::path::Path::new(name)
        .parent()
        .unwrap_or(std::path::Path::new(""));
    let mut v = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let at = format!("{name}:{}", n + 1);
        let lower = line.to_lowercase();
        for (i, _) in lower.match_indices("issue") {
            let rest = lower[i + 5..]
                .trim_start_matches('s')
                .trim_start_matches([' ', '#']);
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                v.push(format!("{at}: an issue by its number: {line}"));
            }
        }
        for outside in ["design repository", "/work/", "../shared"] {
            if lower.contains(outside) {
                v.push(format!(
                    "{at}: names something outside the repository ({outside})"
                ));
            }
        }
        let is_path = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | '.');
        for (i, _) in line.match_indices(".md") {
            // `x.mdx` or `x.md/`, but not a full stop after `x.md`.
            let after = line[i + 3..].trim_start_matches('.');
            if line[i + 3..].starts_with(is_path) && after.starts_with(is_path) {
                continue;
            }
            let start = line[..i].rfind(|c: char| !is_path(c)).map_or(0, |s| s + 1);
            let file = &line[start..i + 3];
            if file == ".md" || GENERATED.contains(&file) {
                continue;
            }
            let found = !file.starts_with('/')
                && [
                    root.join(file),
                    root.join("docs").join(file),
                    root.join(dir).join(file),
                ]
                .iter()
                .any(|p| p.is_file());
            if !found {
                v.push(format!("{at}: {file} is not in the repository"));
            }
        }
    }
    v
}

#[test]
fn the_docs_name_only_what_a_reader_has() {
    let mut found = Vec::new();
    for (name, text) in reader_docs() {
        found.extend(unreachable_references(&name, &text));
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The check bites on what the docs used to say, and passes links and names that resolve.
#[test]
fn the_reference_check_bites() {
    let bad = "Speed is a stated target (issue 7); see issue #16, issues 3.\n\
               It follows `style.md` (kept in the design repository) and svg-output.md.\n\
               The shared format (`/work/shared/design/format.md`).\n";
    let found = unreachable_references("docs/x.md", bad);
    assert_eq!(found.len(), 8, "{found:?}");
    let good = "See [cuts](cuts.md), docs/fonts.md, README.md, linebender/resvg#297 and UAX #14;\n\
                `git show c1662cd:docs/performance.md`; an issue tracker; table.md.\n";
    assert_eq!(
        unreachable_references("docs/x.md", good),
        Vec::<String>::new()
    );
}
