//! Differential tests: the fast reader (`fast.rs`) against the library's (`library.rs`) on every
//! YAML file in the repository, tricky scalars, generated blueprints in and outside the subset,
//! and deterministic random edits of all of these. Wherever the fast reader gives a tree, the
//! library gives the same values and spans; wherever the library refuses a text, the fast
//! reader gave up. Also: every sample is read fast, budgets and positions, and that no message
//! of the library's own reaches a user.

use super::{fast, library};
use crate::span::Source;
use std::path::Path;

/// Runs `f` on a thread with a big stack: unoptimised, serde-saphyr's recursion through 64
/// levels of `Spanned` needs more than a test thread's 2 MB.
fn big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("the test thread panicked");
}

/// Compares the readers on `text` (the `Debug` form compares floats, NaN included, exactly);
/// whether the fast reader read it.
fn check(text: &str) -> bool {
    let Some(fast) = fast::read(text) else {
        return false;
    };
    match library::read(&Source::new("t.yaml", text)) {
        Ok(node) => assert_eq!(
            format!("{fast:?}"),
            format!("{node:?}"),
            "the readers differ on:\n{text}"
        ),
        Err(d) => panic!("the fast reader reads a text the library refuses ({d:?}):\n{text}"),
    }
    true
}

fn yaml_files(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            let text = std::fs::read_to_string(&path).expect("readable");
            out.push((path.display().to_string(), text));
        }
    }
}

/// Every YAML file of the repository: samples, hostile and golden inputs, and the rest.
fn repo_files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["samples", "tests", "bench", "docs", "fuzz"] {
        yaml_files(&root.join(dir), &mut out);
    }
    assert!(out.len() > 100, "found only {} YAML files", out.len());
    out
}

#[test]
fn repository_files_and_samples_read_fast() {
    big_stack(|| {
        let (mut samples, mut read) = (0, 0);
        // By path, not by name: a checkout may itself sit in a directory called `…samples`.
        let samples_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        for (name, text) in repo_files() {
            let fast = check(&text);
            read += usize::from(fast);
            if Path::new(&name).starts_with(&samples_dir) {
                assert!(fast, "{name} is not read fast");
                samples += 1;
            }
        }
        assert!(
            samples >= 6 && read > 40,
            "{samples} samples, {read} read fast"
        );
    });
}

/// Scalars whose typing is easy to get wrong, written plain and quoted.
const SCALARS: &str =
    "~ null Null NULL nUll '' \"\" '~' \"null\" yes Yes YES no No NO y n Y N on On
    off OFF true True tRuE false 0 -0 +0 00 007 -007 +12 12 -12 1_000 _1 1_ 0x1F -0x1F 0o17 0b101
    0b102 0xZZ 0x 9223372036854775807 9223372036854775808 -9223372036854775808
    -9223372036854775809 18446744073709551616 999999999999999999 1000000000000000000 1.5 -1.5
    +1.5 .5 5. 1e3 1E3 1e+3 -1e-3 1.5e3 1e400 -1e400 1e-400 1.e3 .inf -.inf .Inf .nan .NaN nan inf
    NaN infinity 1_0.5 1.2.3 0.1e e3 1:20 12:30:45 2001-12-14 0. + - -- -x ->x .x a.b 12a a12 x_y
    <<  = 'yes' \"12\" '.nan' é ü1 100% 1/2 #x";

/// Tricky scalars, and random numeral-like ones, as a value, an item, in flow and as keys.
#[test]
fn scalars() {
    big_stack(|| {
        let mut rng = Rng(diff_seed());
        let alphabet = [
            "0", "1", "9", "-", "+", ".", "e", "E", "_", "x", "o", "b", "a", "f", "n", "i", "y",
            "N", "~", " ", ":", "0x",
        ];
        let random = (0..diff_rounds(2000)).map(|_| {
            let s: String = (0..1 + rng.below(7))
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            s.trim().to_string()
        });
        let words = SCALARS.split_whitespace().map(str::to_string);
        let with_spaces = ["a b", "12 steps", "2 min", "1.5 h", "-1 x", ". x", "1 : 2"];
        let words: Vec<String> = words
            .chain(with_spaces.iter().map(|s| s.to_string()))
            .chain(random)
            .collect();
        for s in words.iter().filter(|s| !s.is_empty()) {
            for text in [
                format!("k: {s}\n"),
                format!("l:\n- {s}\n"),
                format!("k: [{s}, x]\n"),
                format!("k: {{a: {s}}}\n"),
                format!("{s}: v\n"),
                format!("m: {{{s}: v}}\n"),
            ] {
                check(&text);
            }
        }
    });
}

/// Texts at the edges of the subset.
const STRUCTURES: &[&str] = &[
    "",
    "# only a comment\n",
    "\u{feff}a: 1\n",
    "---\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "a: 1\n...\n",
    "... a: 1\n",
    "m:\n  <<: {x: 1}\n  y: 2\n",
    "m: {<<: {x: 1}}\n",
    "m: {'<<': 1}\n",
    "a: &a [1, 2]\nb: *a\n",
    "a: !!str 1\n",
    "a: b: c\n",
    "a: [1, 2\n",
    "a: {b: 1\n",
    "a: [1,]\n",
    "a: [[1]]\n",
    "a:\n\t- b\n",
    "key: value\n  bad indent: 1\n",
    "- a\nb: c\n",
    "a: 'unterminated\n",
    "a: 'it''s'\n",
    "a: \"esc\\tape\"\n",
    "a: |\n  text\n",
    "a: plain\n  continued\n",
    "a:    # comment\n  b\n",
    "a: 1 # c\nb: 2#3\n",
    "dup: 1\ndup: 2\n",
    "a:\n- b\n- c\nd: e\n",
    "a:\n  - b\n  c: 1\n",
    "a:\n  -\n  - b\n",
    "a:\n  - - b\n",
    "a:\n  - b: 1\n    c:\n      - d\n  - e\n",
    "a:\n\nb:\n",
    "a :\n",
    "? a\n: b\n",
    "a: 1\r\nb: [2,\r\n 3]\r\n",
    "a: 1\rb: 2\r",
];

#[test]
fn structures() {
    big_stack(|| {
        for text in STRUCTURES {
            check(text);
        }
    });
}

/// Byte offsets stay right after a byte order mark and with CRLF line ends, read fast (one line
/// each) or by the library (a flow list over two lines).
#[test]
fn bom_and_crlf_positions() {
    big_stack(|| {
        for flow in ["[a, b]", "[a,\r\n  b]"] {
            let text = format!("\u{feff}title: T\r\nsteps: {flow}\r\nx: yes\r\n");
            assert_eq!(check(&text), !flow.contains('\n'));
            let root = super::parse(&Source::new("t", text.as_str())).expect("reads");
            let super::node::Value::Map(entries) = root.value else {
                panic!("{root:?}")
            };
            let at = |i: usize| entries[i].1.span.start as usize;
            let found = (&text[at(0)..at(0) + 1], &text[at(2)..at(2) + 3]);
            assert_eq!(found, ("T", "yes"));
        }
        let e = super::parse(&Source::new("t", "\u{feff}a: 1\r\nb: c: d\r\n")).unwrap_err();
        assert_eq!(e.0[0].label.span.start, 13, "{e:?}");
    });
}

/// The library's diagnostic for `text`: its code, message and help.
fn diagnostic(text: &str) -> (String, String, String) {
    let mut d = library::read(&Source::new("t", text)).expect_err(text).0;
    let d = d.pop().expect("one diagnostic");
    (d.code.to_string(), d.message, d.help.unwrap_or_default())
}

/// Each limit, past it: the fast reader gives up and the library names the limit; at it, the
/// fast reader reads the text.
#[test]
fn limits_and_bombs() {
    big_stack(|| {
        use crate::limits::*;
        let limit = |text: &str, name: &str| {
            assert!(fast::read(text).is_none(), "{name}");
            let (code, _, help) = diagnostic(text);
            assert_eq!(code, "limit-exceeded", "{name}");
            assert!(help.contains(name), "{name}: {help}");
        };
        let nest = |d: usize| format!("x: {}{}\n", "[".repeat(d), "]".repeat(d));
        limit(&nest(MAX_DEPTH), "MAX_DEPTH");
        limit(&nest(100_000), "MAX_DEPTH");
        let block: String = (0..MAX_DEPTH + 1)
            .map(|i| format!("{}k:\n", " ".repeat(2 * i)))
            .collect();
        limit(&block, "MAX_DEPTH");
        // The root, `l` and the list are three nodes.
        let list = |n: usize| format!("l: [{}]\n", vec!["1"; n].join(", "));
        assert!(check(&list(MAX_NODES - 3)));
        limit(&list(MAX_NODES - 2), "MAX_NODES");
        let long = |n: usize| format!("t: [{}]\n", vec!["y".repeat(1000); n].join(", "));
        assert!(check(&long(MAX_TOTAL_TEXT_BYTES / 1000)));
        limit(
            &long(MAX_TOTAL_TEXT_BYTES / 1000 + 1),
            "MAX_TOTAL_TEXT_BYTES",
        );
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            let uses = vec![format!("*a{p}"); 9].join(", ");
            bomb.push_str(&format!("a{i}: &a{i} [{uses}]\n"));
        }
        limit(&bomb, "MAX_ALIAS_REPLAY");
        limit(&format!("{bomb}m: {{<<: [*a11]}}\n"), "MAX_ALIAS_REPLAY");
        let fan = |n: usize| {
            format!(
                "a: &a [{}]\nb: [{}]\n",
                ["x"; 99].join(","),
                ["*a"; 1].repeat(n).join(",")
            )
        };
        assert!(library::read(&Source::new("t", fan(MAX_ALIAS_REPLAY / 101))).is_ok());
        limit(&fan(MAX_ALIAS_REPLAY / 101 + 1), "MAX_ALIAS_REPLAY");
        let aliases = format!(
            "a: &a x\nl: [{}]\n",
            ["*a"; 1].repeat(MAX_ALIASES + 1).join(",")
        );
        limit(&aliases, "MAX_ALIASES");
        let (code, ..) = diagnostic("a: 1\n---\nb: 2\n");
        assert_eq!(code, "multiple-documents");
    });
}

/// Errors read in the library's words would name its options, functions and types; ours name
/// none of them.
#[test]
fn no_library_wording_reaches_a_user() {
    big_stack(|| {
        // One text a line; `^` stands for a line break.
        let mut texts: Vec<String> = "title: !!binary /w==
            a: !!binary x
            a: !!int abc
            a: !!int 18446744073709551616
            a: !!float x
            a: !!bool x
            a: !!timestamp 2001-12-14
            a: !!seq x
            a: !include [1]
            a: &a [*a]
            a: &a {<<: *a}
            m: {<<: 5}
            a: *nope
            a: 1^---^b: 2
            ? [!!int abc]^: v"
            .lines()
            .map(|l| format!("{}\n", l.trim().replace('^', "\n")))
            .collect();
        let mut rng = Rng(diff_seed());
        let mut bases = texts.clone();
        bases.extend(STRUCTURES.iter().map(|s| s.to_string()));
        for _ in 0..diff_rounds(2000) {
            let base = &bases[rng.below(bases.len())];
            texts.push(mutate(&mut rng, base));
        }
        for text in &texts {
            let Err(d) = library::read(&Source::new("t", text)) else {
                continue;
            };
            let said = format!(
                "{:?}",
                d.0.iter()
                    .map(|d| (&d.message, &d.help))
                    .collect::<Vec<_>>()
            );
            for word in [
                "Option",
                "from_str",
                "serde",
                "deserializ",
                "i64",
                "u64",
                "weak",
                "polic",
            ] {
                assert!(!said.contains(word), "{said} on:\n{text}");
            }
        }
    });
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const INSERTS: &[&str] = &[
    ":", ": ", "- ", "\n", "\n  ", " ", "\t", "#", "&a ", "*a", "<<: ", "<<: *a", "!!int ",
    "!!str ", "[", "]", "{", "}", ",", "? ", "'", "\"", "|\n", ">-\n", "~", "---\n", "...\n",
    "yes", "0x1F", ".nan", "1e400", "1.5", "-", "0", "\\", "%", "@", "\u{feff}", "é", "\r\n", "\r",
];

/// The seed of the random edits: `PARSE_DIFF_SEED`, else a fixed one.
fn diff_seed() -> u64 {
    std::env::var("PARSE_DIFF_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x2545_f491_4f6c_dd1d)
}

/// How many random cases a test makes: `PARSE_DIFF_ROUNDS`, else `default`.
fn diff_rounds(default: usize) -> usize {
    std::env::var("PARSE_DIFF_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `base` with one to four random edits: insertions from [`INSERTS`], deletions, duplications.
fn mutate(rng: &mut Rng, base: &str) -> String {
    let mut text = base.to_string();
    let boundary = |text: &str, mut at: usize, up: bool| {
        while !text.is_char_boundary(at) {
            at = if up { at + 1 } else { at - 1 };
        }
        at
    };
    for _ in 0..1 + rng.below(4) {
        let at = boundary(&text, rng.below(text.len() + 1), false);
        match rng.below(3) {
            0 => text.insert_str(at, INSERTS[rng.below(INSERTS.len())]),
            1 => {
                let end = boundary(&text, (at + 1 + rng.below(8)).min(text.len()), true);
                text.replace_range(at..end, "");
            }
            _ => {
                let end = boundary(&text, (at + rng.below(40)).min(text.len()), true);
                let piece = text[at..end].to_string();
                text.insert_str(end, &piece);
            }
        }
    }
    text
}

/// Blueprints in the subset, in the shapes people write them: nested lanes, flow lists and
/// mappings, quoted text, comments and blank lines anywhere, empty values, numbers, the
/// characters that only mean something at the start of a scalar or before a space, CRLF line
/// ends and a byte order mark.
fn plain_blueprint(rng: &mut Rng) -> String {
    let k = ["  ", "", "    "][rng.below(3)];
    let words: Vec<&str> =
        "Walk in|R&D & QA|12:30 slot|C#|a-b|x*y|50%|[draft]|it's|say \"hi\"|é à|\
        a,b|ok!|key:value|100|true|~|null|1.5e3|2 min|-3|no|0"
            .split('|')
            .collect();
    let quoted = [
        "Walk in", "R&D", "C#", "a-b: c", "x*y", "50%", "é à", "# no", "[x]",
    ];
    // `$k` is the list's indentation, `$i` the step's number, `$w` a word, `$q` a quoted text.
    let shapes = [
        "$k- id: s$i\n$k  customer: $w\n$k  onstage: $w\n",
        "$k- id: s$i\n$k  customer: [a, '$q', \"b c\", d e, 3]\n",
        "$k- {id: s$i, customer: x $i, note: 'n', 1: 2.5}\n",
        "$k- id: s$i\n\n$k  # c\n$k  customer:\n$k    text: $w\n",
        "$k- id: s$i\n$k  support:\n$k    - $w\n$k    - text: $w\n$k      wait: 2\n",
        "$k- id: s$i\n$k  emotion: -2\n$k  label:\n",
        "$k-   id: s$i   # spaced\n$k    customer:   $w   \n",
        "$k- id: s$i\n$k  customer: []\n$k  onstage: {}\n",
        "$k- id: s$i\n$k  customer: \"$q\"  # q\n",
    ];
    let mut t = String::from("# head\n\nversion: 1.1\ntitle: $w  # c\nsubtitle:\nsteps:\n");
    for i in 0..1 + rng.below(10) {
        let shape = shapes[i % shapes.len()].replace("$k", k);
        t.push_str(
            &shape
                .replace("$i", &i.to_string())
                .replace("$q", quoted[i % 9]),
        );
    }
    while let Some(at) = t.find("$w") {
        t.replace_range(at..at + 2, words[rng.below(words.len())]);
    }
    if rng.below(2) == 0 {
        t.push_str("flows:\n  - {from: s0.customer, to: s0.onstage}\n  - from: a\n    to: b\n");
    }
    if rng.below(2) == 0 {
        t.pop();
    }
    match rng.below(4) {
        0 => t.replace('\n', "\r\n"),
        1 => format!("\u{feff}{t}"),
        _ => t,
    }
}

/// Blueprints outside the subset: quoted, multi-line and block scalars, anchors, merge keys,
/// tags, nested flow, CRLF.
fn unusual_blueprint(rng: &mut Rng) -> String {
    let nl = if rng.below(5) == 0 { "\r\n" } else { "\n" };
    let mut t = String::from("version: 1\ntitle: \"A: blueprint\" # c\nbase: &b {x: 1}\nsteps:\n");
    for i in 0..2 + rng.below(8) {
        t.push_str(&match rng.below(8) {
            0 => format!("  - id: s{i}\n    customer: |+\n      kept\n\n"),
            1 => format!("  - id: s{i}\n    customer: >-\n      folded\n      text\n"),
            2 => format!("  - id: s{i}\n    note: 'single\n     quoted'\n"),
            3 => format!("  - id: s{i}\n    customer: \"esc\\u00e9\"\n    <<: *b\n"),
            4 => format!("  - id: s{i}\n    customer: [a, [b, c]]\n"),
            5 => format!("  - id: s{i}\n    support: plain\n      run on\n"),
            6 => format!("  - id: !!str s{i}\n    emotion: 0x1F\n"),
            _ => format!("  -\n    id: s{i}\n"),
        });
    }
    t.replace('\n', nl)
}

/// The readers on generated blueprints (every one in the subset read fast), the repository's
/// files, and random edits of all of them.
#[test]
fn mutations() {
    big_stack(|| {
        let mut rng = Rng(diff_seed());
        let mut bases: Vec<String> = (0..200).map(|_| plain_blueprint(&mut rng)).collect();
        for text in &bases {
            assert!(check(text), "not read fast:\n{text}");
        }
        bases.extend((0..50).map(|_| unusual_blueprint(&mut rng)));
        bases.extend(
            repo_files()
                .into_iter()
                .map(|(_, t)| t)
                .filter(|t| t.len() < 20_000),
        );
        bases.extend(STRUCTURES.iter().map(|s| s.to_string()));
        let (mut read, mut all) = (0, 0);
        for _ in 0..diff_rounds(20_000) {
            let base = &bases[rng.below(bases.len())];
            let text = mutate(&mut rng, base);
            all += 1;
            read += usize::from(check(&text));
        }
        // Edits take many texts out of the subset, but a good share must stay in it for the
        // comparison to mean something.
        assert!(read * 8 > all, "only {read} of {all} texts were read fast");
    });
}
