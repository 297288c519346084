//! `blueprint completions SHELL` and `blueprint man`: both generated from the clap definitions,
//! so they name the subcommands and options the parser accepts. Where `bash` is installed, the
//! bash script is parsed (`bash -n`) and asked to complete, as a shell would.

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
