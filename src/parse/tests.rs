//! Differential tests: the event front end (`front.rs`) against the serde-saphyr path it
//! replaced (`serde_path.rs`), on every YAML file in the repository, a corpus of tricky scalars
//! and structures, and deterministic random mutations of both. Values, spans and diagnostics
//! (code, message, label position) must be the same.

use super::serde_path;
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

/// Both front ends on `text`; the `Debug` form compares floats (NaN included) exactly.
fn same(name: &str, text: &str) {
    let source = Source::new(name, text);
    let new = format!("{:?}", super::parse(&source));
    let old = format!("{:?}", serde_path::parse(&source));
    assert_eq!(new, old, "front ends differ on {name}:\n{text}");
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
fn repository_files() {
    big_stack(repository_files_body);
}

fn repository_files_body() {
    for (name, text) in repo_files() {
        same(&name, &text);
    }
}

const SCALARS: &[&str] = &[
    "",
    "~",
    "null",
    "Null",
    "NULL",
    "nUll",
    "''",
    "\"\"",
    "'~'",
    "\"null\"",
    "yes",
    "Yes",
    "YES",
    "no",
    "No",
    "NO",
    "y",
    "n",
    "Y",
    "N",
    "on",
    "On",
    "off",
    "OFF",
    "true",
    "True",
    "tRuE",
    "false",
    "0",
    "-0",
    "+0",
    "00",
    "007",
    "-007",
    "+12",
    "12",
    "-12",
    "1_000",
    "1__000",
    "_1",
    "1_",
    "0x1F",
    "0X1f",
    "-0x1F",
    "+0x1F",
    "0o17",
    "0O17",
    "-0o17",
    "0b101",
    "0b102",
    "0xZZ",
    "0x",
    "0o",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "340282366920938463463374607431768211456",
    "0xFFFFFFFFFFFFFFFF",
    "0x8000000000000000",
    "-0x8000000000000000",
    "1.5",
    "-1.5",
    ".5",
    "5.",
    "1e3",
    "1E3",
    "1e+3",
    "-1e-3",
    "1e400",
    "-1e400",
    "1e-400",
    ".inf",
    "+.inf",
    "-.inf",
    ".Inf",
    ".INF",
    ".iNf",
    ".nan",
    "-.NaN",
    "+.nan",
    ".NAN",
    "nan",
    "inf",
    "NaN",
    "infinity",
    "1_0.5",
    "1.2.3",
    "0.1e",
    "e3",
    "1:20",
    "12:30:45",
    "2001-12-14",
    "0.",
    "+",
    "-",
    "- x",
    "a b",
    "  spaced  ",
    "<<",
    "=",
    "'yes'",
    "\"12\"",
    "\"0x1F\"",
    "'.nan'",
    "!!str 12",
    "!!str yes",
    "!!str ~",
    "!!str",
    "!!int 12",
    "!!int -12",
    "!!int 0x1F",
    "!!int abc",
    "!!int",
    "!!int 1.5",
    "!!int 18446744073709551616",
    "!!int -9223372036854775809",
    "!!float 1",
    "!!float .nan",
    "!!float abc",
    "!!float 1e400",
    "!!bool yes",
    "!!bool maybe",
    "!!bool",
    "!!null x",
    "!!null",
    "!!binary aGVsbG8=",
    "!!binary aGVsbG8",
    "!!binary //79",
    "!!binary ''",
    "!!timestamp 2001-12-14",
    "!!seq x",
    "!!map x",
    "!custom 12",
    "!custom ~",
    "!custom yes",
    "! 12",
    "! ~",
    "!!merge <<",
    "!!value =",
    "!time 5",
    "!degrees 90",
    "!radians 1",
    "!include x.yaml",
    "!<tag:yaml.org,2002:int> 7",
    "!<tag:example.com,2000:x> 7",
    "'it''s'",
    "\"a\\tb\"",
    "\"\\u263A\"",
    "\"\\x01\"",
    "\"line\\nbreak\"",
    "&a 1",
    "&a ~",
    "&a yes",
    "&a !!int 3",
    "|\n  block\n  text\n",
    "|-\n  keep\n",
    "|+\n  keep\n\n",
    ">\n  folded\n  text\n",
    ">-\n  folded\n\n  para\n",
    "|2\n   indented\n",
    "plain\n  continued\n  lines",
    "\"quoted\n  over lines\"",
    "'single\n\n  para'",
];

/// Each scalar as a root, a value, an item, a flow item and a key.
#[test]
fn tricky_scalars() {
    big_stack(tricky_scalars_body);
}

fn tricky_scalars_body() {
    for s in SCALARS {
        let indented = s.replace('\n', "\n  ");
        let deeper = s.replace('\n', "\n    ");
        for text in [
            format!("{s}\n"),
            format!("k: {indented}\n"),
            format!("- {indented}\n"),
            format!("[{s}]\n"),
            format!("{{a: {s}}}\n"),
            format!("{s}: v\n"),
            format!("? {indented}\n: v\n"),
            format!("top:\n  k: {deeper}\n  other: 1\n"),
            format!("a: &x {indented}\nb: *x\nc: [*x, *x]\n"),
        ] {
            same("scalar", &text);
        }
    }
}

const STRUCTURES: &[&str] = &[
    "",
    "# only a comment\n",
    "\u{feff}# bom and comment\n\n",
    "---\n",
    "--- ~\n",
    "...\n",
    "a: 1\n---\nb: 2\n",
    "a: 1\n...\n",
    "a: 1\n...\n---\nb: 2\n",
    "a: 1\n--- \n",
    "%YAML 1.2\n---\na: 1\n",
    "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\nb: !e!int 2\n",
    "%TAG !m! tag:yaml.org,2002:i\n---\na: !m!nt 7\n",
    "a: &a [1, 2]\nb: *a\n",
    "a: &a {x: 1, y: [2, 3]}\nb: *a\nc: [*a, *a]\n",
    "base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n",
    "base: &b {x: 1, y: 2}\nm:\n  y: 3\n  <<: *b\n  z: 4\n",
    "b1: &b1 {x: 1}\nb2: &b2 {x: 2, y: 2}\nm:\n  <<: [*b1, *b2]\n  z: 0\n",
    "m:\n  <<: {x: 1, y: {deep: [1, 2]}}\n  x: 0\n",
    "m:\n  <<: [{x: 1}, {x: 2, w: 3}]\n",
    "m:\n  <<: ~\n  a: 1\n",
    "m:\n  <<: 5\n",
    "m:\n  <<: [1, 2]\n",
    "m:\n  <<: [{a: 1}, 2]\n",
    "m:\n  <<: []\n",
    "m:\n  <<: {}\n",
    "m:\n  '<<': {a: 1}\n",
    "m:\n  !!merge <<: {a: 1}\n",
    "m:\n  !!str <<: {a: 1}\n",
    "m:\n  <<: {a: 1}\n  <<: {a: 2, b: 2}\n",
    "m:\n  <<: {a: 1, a: 5, 1: x, 0x1: y}\n  b: 2\n",
    "m:\n  <<: {<<: {inner: 1}, outer: 2}\n",
    "m:\n  1: one\n  <<: {0x1: hex, '1': str, ~: n, null: n2}\n",
    "a: &a {<<: {x: 1}, y: 2}\nb: {<<: *a, z: 3}\n",
    "l: &l [a, b]\nm: {<<: *l}\n",
    "s: &s str\nm: {<<: *s}\n",
    "m: {<<: [*nope]}\n",
    "a: &a [*a]\n",
    "a: &a {k: *a}\n",
    "a: &a {*a : v}\n",
    "a: &a {<<: *a}\n",
    "a: &a [{<<: *a}]\n",
    "a: &a\n  - b: *a\n",
    "x: *undefined\n",
    "? [a, b]\n: v\n",
    "? {a: 1}\n: v\n",
    "? - a\n  - b\n: v\n? [a, b]\n: w\n",
    "{[a, b]: 1, {c: d}: 2, ~: 3, : 4}\n",
    "? !!int abc\n: v\n",
    "? [!!int abc, [[deep]]]\n: v\n",
    "a: &k [x]\n*k : v\n",
    "&k key: v\n*k : w\n",
    "a: &s !!int 5\nb: *s\n",
    "a: &s !!int abc\nb: 1\n",
    "list: &l [!!int abc]\nuse: *l\n",
    "list: &l [!!int 1]\nuse: [*l]\nkey: {? *l : v}\n",
    "a: !!seq [1]\nb: !!map {a: 1}\nc: !!map [1]\nd: !!seq {a: 1}\ne: !!int [1]\nf: !!str {a: 1}\n",
    "a: !include [1]\n",
    "a: !custom [1]\nb: !custom {x: 1}\n",
    "a: b: c\n",
    "a: [1, 2\n",
    "a: {b: 1\n",
    "a:\n\t- b\n",
    "a:\n  b: 1\n\tc: 2\n",
    "key: value\n  bad indent: 1\n",
    "- a\nb: c\n",
    "a: 'unterminated\n",
    "a: \"bad \\q escape\"\n",
    "a: @at\n",
    "a: `tick\n",
    "a: |\n text\n  more\n",
    "a: >\n\n  folded\n",
    "[a, b]: c\n",
    "- - - - x\n",
    "a:\n  - b:\n      - c: [d, {e: f}]\n",
    "\"\\ud800\": x\n",
    "k: \"\\uDC00\"\n",
    "k: \"\\U0001F600\"\n",
    "a:    # comment\n  b\n",
    "a: 1 # c\nb: 2\n",
    "dup: 1\ndup: 2\n",
    "a: 1\r\nb: [2,\r\n 3]\r\n",
    "a: 1\rb: 2\r",
];

#[test]
fn structures() {
    big_stack(structures_body);
}

fn structures_body() {
    for text in STRUCTURES {
        same("structure", text);
    }
}

#[test]
fn limits_and_bombs() {
    big_stack(limits_and_bombs_body);
}

fn limits_and_bombs_body() {
    use crate::limits::*;
    let nest = |d: usize| format!("x: {}{}\n", "[".repeat(d), "]".repeat(d));
    for d in [MAX_DEPTH - 2, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 300] {
        same("nest", &nest(d));
    }
    let block = |d: usize| {
        let mut s = String::new();
        for i in 0..d {
            s.push_str(&" ".repeat(i * 2));
            s.push_str("k:\n");
        }
        s
    };
    for d in [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1] {
        same("block nest", &block(d));
    }
    // Depth reached inside an alias, a key and a merge.
    let deep = |d: usize| format!("{}{}", "[".repeat(d), "]".repeat(d));
    same(
        "alias depth",
        &format!("a: &a {}\nb: [[*a]]\n", deep(MAX_DEPTH - 3)),
    );
    same("key depth", &format!("? {}\n: v\n", deep(MAX_DEPTH)));
    same(
        "merge depth",
        &format!("m:\n  <<: {{x: {}}}\n", deep(MAX_DEPTH - 1)),
    );
    // Exponential alias bomb.
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    same("bomb", &bomb);
    same("bomb as key", &format!("{bomb}? *a11\n: v\n"));
    same("bomb in merge", &format!("{bomb}m: {{<<: [*a11]}}\n"));
    same("bomb in seq", &format!("{bomb}s: [1, *a11]\n"));
    // Linear fan-out at and past the replay cap.
    let fan = |n: usize| {
        let mut s = format!("a: &a [{}]\nb:\n", vec!["x"; 99].join(", "));
        for _ in 0..n {
            s.push_str("  - *a\n");
        }
        s
    };
    same("fan at", &fan(MAX_ALIAS_REPLAY / 101));
    same("fan past", &fan(MAX_ALIAS_REPLAY / 101 + 1));
    // Text repeated through aliases.
    let long = "y".repeat(100_000);
    let mut text = format!("t: &t {long}\nl:\n");
    for _ in 0..(MAX_TOTAL_TEXT_BYTES / 100_000 + 1) {
        text.push_str("  - *t\n");
    }
    same("text bytes", &text);
    // Aliases and nodes.
    let mut aliases = String::from("a: &a x\nl:\n");
    for _ in 0..=MAX_ALIASES {
        aliases.push_str("  - *a\n");
    }
    same("aliases", &aliases);
    let mut nodes = String::from("l:\n");
    for _ in 0..MAX_NODES {
        nodes.push_str("- 1\n");
    }
    same("nodes", &nodes.replace("- 1", "  - 1"));
    // More anchors than serde-saphyr's default budget allows.
    let mut anchors = String::from("l:\n");
    for i in 0..50_001 {
        anchors.push_str(&format!("  - &a{i} x\n"));
    }
    same("anchors", &anchors);
    // More merge keys than its default budget allows.
    let mut merges = String::from("b: &b {x: 1}\nl:\n");
    for _ in 0..10_001 {
        merges.push_str("  - {<<: *b}\n");
    }
    same("merge keys", &merges);
    // Nested anchors: every event is copied into each open recording.
    let mut nested = String::new();
    for i in 0..60 {
        nested.push_str(&format!("{}- &n{i}\n", "  ".repeat(i)));
    }
    nested.push_str(&format!(
        "{}- [{}]\n",
        "  ".repeat(60),
        vec!["z"; 20_000].join(", ")
    ));
    same("nested anchors", &nested);
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
    ":",
    ": ",
    "- ",
    "\n",
    "\n  ",
    " ",
    "\t",
    "#",
    "&a ",
    "&b ",
    "*a",
    "*b",
    "<<: ",
    "<<: *a",
    "!!int ",
    "!!str ",
    "!!binary ",
    "!x ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "? ",
    "'",
    "\"",
    "|\n",
    ">-\n",
    "~",
    "---\n",
    "...\n",
    "yes",
    "0x1F",
    ".nan",
    "1e400",
    "\\",
    "%",
    "@",
    "\u{feff}",
    "é",
    "\r\n",
    "\r",
];

/// The seed of the random edits: `PARSE_DIFF_SEED`, else a fixed one.
fn diff_seed() -> u64 {
    std::env::var("PARSE_DIFF_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x2545_f491_4f6c_dd1d)
}

/// How many random edits a differential test makes: `PARSE_DIFF_ROUNDS`, else `default`.
fn diff_rounds(default: usize) -> usize {
    std::env::var("PARSE_DIFF_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `base` with one to four random edits: insertions from [`INSERTS`], deletions, duplications.
fn mutate(rng: &mut Rng, base: &str) -> String {
    let mut text = base.to_string();
    for _ in 0..1 + rng.below(4) {
        let mut at = rng.below(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        match rng.below(3) {
            0 => text.insert_str(at, INSERTS[rng.below(INSERTS.len())]),
            1 => {
                let mut end = (at + 1 + rng.below(8)).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(at..end, "");
            }
            _ => {
                let mut end = (at + rng.below(40)).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                let piece = text[at..end].to_string();
                text.insert_str(end, &piece);
            }
        }
    }
    text
}

/// Random edits of every repository file and structure: insertions, deletions, duplications.
#[test]
fn mutations() {
    big_stack(mutations_body);
}

fn mutations_body() {
    let mut bases: Vec<String> = repo_files()
        .into_iter()
        .map(|(_, t)| t)
        .filter(|t| t.len() < 20_000)
        .collect();
    bases.extend(STRUCTURES.iter().map(|s| s.to_string()));
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let rounds = diff_rounds(4000);
    for _ in 0..rounds {
        let base = &bases[rng.below(bases.len())];
        let text = mutate(&mut rng, base);
        same("mutation", &text);
    }
}

/// Blueprints whose `steps:` a split parse can cut, in the shapes people write: quoted,
/// multi-line and block scalars, comments, flow lists, nested lists, a list flush with its
/// key, keys after `steps:`, Windows line ends.
fn splittable(rng: &mut Rng) -> String {
    let k = ["  ", "", "    "][rng.below(3)];
    let nl = if rng.below(5) == 0 { "\r\n" } else { "\n" };
    let mut t = String::from("version: 1\ntitle: \"A: blueprint\" # c\nlanes:\n  - customer\n");
    t.push_str("steps: # the journey\n");
    for i in 0..2 + rng.below(12) {
        let body = match rng.below(11) {
            8 => format!("{k}- id: s{i}\n{k}  customer: |+\n{k}    kept\n\n"),
            9 => format!("{k}- id: s{i}\n{k}  customer: >-\n{k}    folded\n{k}    text\n"),
            10 => format!("{k}- id: s{i}\n{k}  note: 'single\n{k}   quoted' # c\n"),
            0 => format!("{k}- id: s{i}\n{k}  label: 'It''s {i}'\n{k}  customer: R&D & QA\n"),
            1 => format!("{k}- id: s{i}\n{k}  customer: |\n{k}    - not an item\n{k}    more\n"),
            2 => format!("{k}- id: s{i}\n{k}  customer: \"two\n{k}    lines\"\n"),
            3 => format!("{k}- id: s{i}\n{k}  customer: [a, b,\n{k}    c]\n"),
            4 => format!("{k}- id: s{i}\n{k}  onstage:\n{k}    - x\n{k}    - y: 1.5e3\n"),
            5 => format!("{k}# a comment\n{k}- id: s{i}\n\n{k}  support: plain\n{k}    run on\n"),
            6 => format!("{k}-\n{k}  id: s{i}\n"),
            _ => format!("{k}- {{id: s{i}, label: L{i}}}\n"),
        };
        t.push_str(&body);
    }
    if rng.below(2) == 0 {
        t.push_str("flows:\n  - from: s0.customer\n    to: s1.customer\ntheme: {}\n");
    }
    t.replace('\n', nl)
}

/// The split parse (`split.rs`) gives the very tree of the whole-text parse whenever it gives
/// one, and none for a text the whole parse refuses: on generated blueprints, the repository's
/// files, and random edits of both.
#[test]
fn split_parse_is_the_whole_parse() {
    big_stack(split_parse_is_the_whole_parse_body);
}

fn split_parse_is_the_whole_parse_body() {
    let mut rng = Rng(diff_seed());
    let mut bases: Vec<(bool, String)> = (0..200).map(|_| (true, splittable(&mut rng))).collect();
    bases.extend(repo_files().into_iter().map(|(_, t)| (false, t)));
    let rounds = diff_rounds(4000);
    // Of the texts that parse and come from generated blueprints: how many, how many split.
    let (mut generated, mut split) = (0, 0);
    let mut check = |text: &str, from_generated: bool| {
        let whole = super::front::read(text);
        let Ok(Some(whole)) = whole else {
            assert_eq!(
                super::split::read(text, 0),
                None,
                "split reads a text the whole parse refuses:\n{text}"
            );
            return;
        };
        generated += usize::from(from_generated);
        let Some(parts) = super::split::read(text, 0) else {
            return;
        };
        split += usize::from(from_generated);
        // `Debug` compares floats, NaN included, exactly.
        assert_eq!(
            format!("{parts:?}"),
            format!("{whole:?}"),
            "split and whole parses differ on:\n{text}"
        );
    };
    for (from_generated, text) in &bases {
        check(text, *from_generated);
    }
    for _ in 0..rounds {
        let (from_generated, base) = &bases[rng.below(bases.len())];
        let text = mutate(&mut rng, base);
        check(&text, *from_generated);
    }
    // The split path must be what is tested: most generated texts that parse take it.
    assert!(
        split * 2 > generated,
        "only {split} of {generated} generated texts were split"
    );
}

/// Blueprints in the subset `fast.rs` reads, in the shapes people write them: nested lanes,
/// flow lists and mappings, quoted text, comments and blank lines anywhere, empty values, and
/// the characters that only mean something at the start of a scalar or before a space.
fn plain_blueprint(rng: &mut Rng) -> String {
    let k = ["  ", "", "    "][rng.below(3)];
    // Plain text for block values (`[draft]` is a flow list); `quoted` also fits in quotes.
    let words = [
        "Walk in",
        "R&D & QA",
        "12:30 slot",
        "C#",
        "a-b",
        "x*y",
        "50%",
        "[draft]",
        "it's",
        "say \"hi\"",
        "é à",
        "a,b",
        "ok!",
        "key:value",
        "100",
        "true",
        "~",
        "null",
        "1.5e3",
    ];
    let quoted = [
        "Walk in", "R&D & QA", "C#", "a-b: c", "x*y", "50%", "é à", "# no", "[x]",
    ];
    let title = words[rng.below(words.len())];
    let mut t = format!("# head\n\nversion: 1\ntitle: {title}  # c\nsubtitle:\nsteps:\n");
    let mut r = Rng(rng.0 ^ 0x5555);
    for i in 0..1 + r.below(10) {
        let shape = r.below(9);
        let mut w = || words[r.below(words.len())];
        let body = match shape {
            0 => format!(
                "{k}- id: s{i}\n{k}  customer: {}\n{k}  onstage: {}\n",
                w(),
                w()
            ),
            1 => {
                let q = quoted[i % quoted.len()];
                format!(
                    "{k}- id: s{i}\n{k}  customer: [a, '{q}', \"b c\", {}]\n",
                    "d e"
                )
            }
            2 => format!("{k}- {{id: s{i}, customer: x {i}, note: 'n'}}\n"),
            3 => format!(
                "{k}- id: s{i}\n\n{k}  # c\n{k}  customer:\n{k}    text: {}\n{k}    fail: {}\n",
                w(),
                w()
            ),
            4 => format!(
                "{k}- id: s{i}\n{k}  support:\n{k}    - {}\n{k}    - text: {}\n{k}      wait: 2 min\n",
                w(),
                w()
            ),
            5 => format!("{k}- id: s{i}\n{k}  emotion: {}\n{k}  label:\n", 1 + i % 5),
            6 => format!(
                "{k}-   id: s{i}   # spaced\n{k}    customer:   {}   \n",
                w()
            ),
            7 => format!("{k}- id: s{i}\n{k}  customer: []\n{k}  onstage: {{}}\n"),
            _ => format!("{k}- id: s{i}\n{k}  customer: \"{}\"  # q\n", quoted[i % 9]),
        };
        t.push_str(&body);
    }
    if r.below(2) == 0 {
        t.push_str("flows:\n  - {from: s0.customer, to: s0.onstage}\n  - from: a\n    to: b\n");
    }
    if r.below(3) == 0 {
        t.push_str("# tail\n");
    } else if r.below(2) == 0 {
        t.pop();
    }
    rng.0 = r.0;
    t
}

/// `fast.rs` gives granit's very events and spans whenever it reads a text, on generated
/// blueprints, the repository's files and random edits of both; and it reads every sample.
#[test]
fn fast_events_are_granits() {
    big_stack(fast_events_are_granits_body);
}

fn fast_events_are_granits_body() {
    let mut rng = Rng(diff_seed());
    let mut bases: Vec<String> = (0..200).map(|_| plain_blueprint(&mut rng)).collect();
    for text in &bases {
        assert!(super::fast::whole(text).is_some(), "not read fast:\n{text}");
    }
    bases.extend((0..50).map(|_| splittable(&mut rng)));
    let files = repo_files();
    for (name, text) in &files {
        if name.contains("samples/") {
            assert!(
                super::fast::whole(text).is_some(),
                "{name} is not read fast"
            );
        }
    }
    bases.extend(files.into_iter().map(|(_, t)| t));
    let rounds = diff_rounds(20_000);
    let (mut read, mut all) = (0, 0);
    let mut check = |text: &str| {
        all += 1;
        let Some(fast) = super::fast::whole(text) else {
            return;
        };
        read += 1;
        let Some(granit) = super::front::granit_events(text) else {
            panic!("fast reads a text granit refuses:\n{text}");
        };
        if let Some(i) = (0..fast.len().max(granit.len())).find(|&i| fast.get(i) != granit.get(i)) {
            panic!(
                "fast and granit differ at event {i}: {:?} vs {:?}, on:\n{text}",
                fast.get(i),
                granit.get(i)
            );
        }
    };
    for text in &bases {
        check(text);
    }
    for _ in 0..rounds {
        let base = &bases[rng.below(bases.len())];
        check(&mutate(&mut rng, base));
    }
    // Edits take many texts out of the subset (and the repository's files include hostile
    // ones), but a good share must stay in it for the comparison to mean something.
    assert!(read * 8 > all, "only {read} of {all} texts were read fast");
}

#[test]
fn a_text_that_leaves_the_subset_late_is_read_by_granit() {
    big_stack(|| {
        let head = "title: T\nsteps: [{id: a, customer: x}]\n";
        // In the subset up to its last line (a tab, an anchor, a block scalar): the fast events
        // stop there, and granit reads the whole text again.
        for tail in ["z:\tq\n", "z: &a q\nw: *a\n", "z: |\n  block\n"] {
            let text = format!("{head}x: [a, b]\n{tail}");
            assert!(super::fast::whole(&text).is_none(), "{text}");
            same("late", &text);
        }
        // An error on the way (too many nodes) before the text leaves the subset: read on, then
        // granit's answer.
        let many = vec!["y"; crate::limits::MAX_NODES].join(", ");
        for tail in ["", "z:\tq\n"] {
            same("late error", &format!("{head}x: [{many}]\n{tail}"));
        }
    });
}
