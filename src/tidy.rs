//! House rules for all of `src/`, checked by reading the sources (style.md §2, issue 16):
//!
//! - **No import circles.** No module uses one that uses it back, parent and child included: a
//!   child that uses items of its parent's file while the parent uses the child (a call, a
//!   re-export) is a circle. Shared types and helpers go in a child module of their own.
//! - **No file over [`MAX_LINES`] lines of production code**: past that, split it by job.
//!
//! A module is a file. The module tree is read from the `mod` declarations, starting at
//! `lib.rs` and `main.rs` (two crates: `crate::` means a different root in each). Paths are read
//! from `use` declarations (grouped ones included) and from code: `crate::…`, `super::…`,
//! `self::…`, and a child module's name followed by `::`. A path stands for the deepest module it
//! names (`crate::layout::Layout` is `layout`, whatever file `Layout` is defined in, so a
//! re-export does not hide a use of the parent). Test code is left out of both rules: modules
//! declared under `#[cfg(test)]` (`tests.rs`, `testkit.rs`, ...) and every `#[cfg(test)]` item.
//! Comments and string literals are blanked out first, so a path in a doc comment is no use.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The most lines of production code a source file may hold (test modules aside).
const MAX_LINES: usize = 1000;

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// One module (one file) of a crate.
#[derive(Debug)]
struct Module {
    /// `crate::a::b` as `["a", "b"]`, with the crate's root file first: `lib.rs` or `main.rs`.
    path: Vec<String>,
    /// The file, relative to `src/`.
    file: String,
    /// The root module of its crate (its index).
    root: usize,
    parent: Option<usize>,
    /// Child modules by name (test modules included, so paths into them resolve).
    children: BTreeMap<String, usize>,
    /// Declared under `#[cfg(test)]`, or inside such a module.
    test: bool,
}

impl Module {
    fn name(&self) -> String {
        let root = self.file.split('/').next().unwrap_or("");
        if self.path.is_empty() {
            format!("crate ({root})")
        } else {
            self.path.join("::")
        }
    }
}

/// A source file's text with comments and literals blanked out (newlines kept, so line
/// numbers hold) and its `#[cfg(test)]` items removed likewise; and how many lines those items
/// took.
struct Code {
    text: String,
    test_lines: usize,
}

/// Blanks out comments, string, byte-string, raw-string and character literals of Rust source
/// `s`, keeping every newline and every other character's byte length where it matters: the
/// result has the same lines as `s`.
fn blank(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    // Appends `s[from..to]` blanked: newlines kept, the rest as spaces.
    let blank_range = |out: &mut String, from: usize, to: usize| {
        for c in s[from..to].chars() {
            out.push(if c == '\n' { '\n' } else { ' ' });
        }
    };
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    while i < b.len() {
        let c = b[i];
        let starts_token = i == 0 || !ident(b[i - 1]);
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            let end = s[i..].find('\n').map_or(s.len(), |k| i + k);
            blank_range(&mut out, i, end);
            i = end;
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let (mut depth, mut j) = (1, i + 2);
            while j < b.len() && depth > 0 {
                if b[j] == b'/' && b.get(j + 1) == Some(&b'*') {
                    depth += 1;
                    j += 2;
                } else if b[j] == b'*' && b.get(j + 1) == Some(&b'/') {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            blank_range(&mut out, i, j);
            i = j;
        } else if starts_token && raw_string_at(b, i).is_some() {
            let (open, hashes) = raw_string_at(b, i).unwrap_or((i, 0));
            let close = format!("\"{}", "#".repeat(hashes));
            let end = s[open + 1..]
                .find(&close)
                .map_or(s.len(), |k| open + 1 + k + close.len());
            blank_range(&mut out, i, end);
            i = end;
        } else if c == b'"'
            || (starts_token && matches!(c, b'b' | b'c') && b.get(i + 1) == Some(&b'"'))
        {
            let mut j = if c == b'"' { i + 1 } else { i + 2 };
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(b.len());
            blank_range(&mut out, i, end);
            i = end;
        } else if c == b'\'' {
            // A character literal (`'x'`, `'\n'`, `'\u{..}'`), or a lifetime or label.
            let end = if b.get(i + 1) == Some(&b'\\') {
                let mut j = i + 2;
                while j < b.len() && b[j] != b'\'' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                Some(j + 1)
            } else {
                s[i + 1..]
                    .chars()
                    .next()
                    .map(|ch| i + 1 + ch.len_utf8())
                    .filter(|&j| b.get(j) == Some(&b'\''))
                    .map(|j| j + 1)
            };
            match end {
                Some(end) => {
                    let end = end.min(b.len());
                    blank_range(&mut out, i, end);
                    i = end;
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            let ch = s[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// Where a raw string starting at `i` (`r"`, `r#"`, `br##"`, `cr"`, ...) has its opening quote,
/// and how many `#`s it has.
fn raw_string_at(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    if matches!(b.get(j), Some(b'b' | b'c')) {
        j += 1;
    }
    if b.get(j) != Some(&b'r') {
        return None;
    }
    j += 1;
    let hashes = b[j..].iter().take_while(|&&c| c == b'#').count();
    (b.get(j + hashes) == Some(&b'"')).then_some((j + hashes, hashes))
}

/// `text` (already [`blank`]ed) with each `#[cfg(test)]` item blanked out too: the attribute,
/// any attributes after it, and the item up to its `;` or its closing brace.
fn drop_test_items(text: &str) -> Code {
    let mut out: Vec<u8> = text.as_bytes().to_vec();
    let b = text.as_bytes();
    let mut test_lines = 0;
    let mut i = 0;
    while let Some(k) = text[i..].find("#[") {
        let start = i + k;
        let Some(close) = attribute_end(b, start) else {
            break;
        };
        let inner: String = text[start + 2..close - 1]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if inner != "cfg(test)" {
            i = close;
            continue;
        }
        // Further attributes, then the item itself.
        let mut j = close;
        loop {
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            match (b.get(j), b.get(j + 1)) {
                (Some(b'#'), Some(b'[')) => j = attribute_end(b, j).unwrap_or(b.len()),
                _ => break,
            }
        }
        let end = item_end(b, j);
        // Lines the item covers, counted from the attribute's line to the item's last.
        let first_line = text[..start].matches('\n').count();
        let last_line = text[..end.saturating_sub(1).max(start)]
            .matches('\n')
            .count();
        test_lines += last_line - first_line + 1;
        for c in &mut out[start..end] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
        i = end;
    }
    Code {
        // Only ASCII bytes were replaced, by ASCII: still UTF-8.
        text: String::from_utf8(out).unwrap_or_default(),
        test_lines,
    }
}

/// The end (one past the `]`) of the attribute starting with `#[` at `start`.
fn attribute_end(b: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (j, &c) in b.iter().enumerate().skip(start + 1) {
        match c {
            b'[' | b'(' | b'{' => depth += 1,
            b']' | b')' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(j + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The end of the item starting at `start`: one past its `;` or its closing brace (and a `;`
/// right after that brace), or where an enclosing block closes.
fn item_end(b: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut j = start;
    while j < b.len() {
        match b[j] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return j,
            },
            b'}' => match depth.checked_sub(1) {
                Some(0) => {
                    let mut k = j + 1;
                    while k < b.len() && b[k] == b' ' {
                        k += 1;
                    }
                    return if b.get(k) == Some(&b';') {
                        k + 1
                    } else {
                        j + 1
                    };
                }
                Some(d) => depth = d,
                None => return j,
            },
            b';' if depth == 0 => return j + 1,
            _ => {}
        }
        j += 1;
    }
    b.len()
}

/// A token of blanked source: what paths are made of, and the rest as one character.
#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Colons,
    Punct(char),
}

/// The tokens of blanked source, each with its line (1-based).
fn tokens(text: &str) -> Vec<(Tok, usize)> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\n' {
            line += 1;
        } else if c.is_whitespace() {
        } else if c.is_alphabetic() || c == '_' {
            let mut end = at + c.len_utf8();
            while let Some(&(k, d)) = chars.peek() {
                if !(d.is_alphanumeric() || d == '_') {
                    break;
                }
                end = k + d.len_utf8();
                chars.next();
            }
            let mut word = &text[at..end];
            // A raw identifier: `r#type`.
            if word == "r" && chars.peek().map(|p| p.1) == Some('#') {
                chars.next();
                let from = chars.peek().map_or(end, |p| p.0);
                let mut to = from;
                while let Some(&(k, d)) = chars.peek() {
                    if !(d.is_alphanumeric() || d == '_') {
                        break;
                    }
                    to = k + d.len_utf8();
                    chars.next();
                }
                word = &text[from..to];
            }
            out.push((Tok::Ident(word.to_string()), line));
        } else if c.is_ascii_digit() {
            while chars
                .peek()
                .is_some_and(|p| p.1.is_alphanumeric() || p.1 == '_')
            {
                chars.next();
            }
            out.push((Tok::Punct('0'), line));
        } else if c == ':' && chars.peek().map(|p| p.1) == Some(':') {
            chars.next();
            out.push((Tok::Colons, line));
        } else {
            out.push((Tok::Punct(c), line));
        }
    }
    out
}

/// The paths of a `use` tree starting at token `i` (after `use`): each leaf's segments with
/// the line it is on, and the index of the token after the tree's `;`.
fn use_tree(toks: &[(Tok, usize)], mut i: usize) -> (Vec<(Vec<String>, usize)>, usize) {
    let mut leaves = Vec::new();
    // The prefixes of the groups the reader is inside, and the current path.
    let mut stack: Vec<Vec<String>> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    while i < toks.len() {
        let (tok, line) = &toks[i];
        match tok {
            // An alias names nothing: skip it.
            Tok::Ident(w) if w == "as" => i += 1,
            Tok::Ident(w) => path.push(w.clone()),
            Tok::Punct('{') => stack.push(std::mem::take(&mut path)),
            Tok::Punct(',' | '}' | ';') => {
                // A leaf ends here, unless a group just did (`{a, b}, c` or `{a, b};`).
                if !path.is_empty() {
                    let mut full: Vec<String> = stack.iter().flatten().cloned().collect();
                    full.extend(path.drain(..).filter(|s| s != "self"));
                    leaves.push((full, *line));
                }
                if *tok == Tok::Punct('}') {
                    stack.pop();
                }
                if *tok == Tok::Punct(';') {
                    return (leaves, i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    (leaves, i)
}

/// The module tree of both crates, read from `mod` declarations.
fn module_tree(src: &Path) -> Vec<Module> {
    let mut modules: Vec<Module> = Vec::new();
    for root in ["lib.rs", "main.rs"] {
        if !src.join(root).exists() {
            continue;
        }
        let index = modules.len();
        modules.push(Module {
            path: Vec::new(),
            file: root.to_string(),
            root: index,
            parent: None,
            children: BTreeMap::new(),
            test: false,
        });
        let mut todo = vec![index];
        while let Some(m) = todo.pop() {
            let file = modules[m].file.clone();
            let Ok(text) = std::fs::read_to_string(src.join(&file)) else {
                continue;
            };
            let blanked = blank(&text);
            let kept = drop_test_items(&blanked).text;
            // The directory of its children: beside `lib.rs`, `main.rs` and `mod.rs`, else in
            // the directory named after the file.
            let dir = match file.rsplit_once('/') {
                _ if file == "lib.rs" || file == "main.rs" => String::new(),
                Some((d, "mod.rs")) => format!("{d}/"),
                _ => format!("{}/", file.trim_end_matches(".rs")),
            };
            for (name, test) in declared_modules(&blanked, &kept) {
                let flat = format!("{dir}{name}.rs");
                let nested = format!("{dir}{name}/mod.rs");
                let file = if src.join(&flat).exists() {
                    flat
                } else if src.join(&nested).exists() {
                    nested
                } else {
                    continue;
                };
                let mut path = modules[m].path.clone();
                path.push(name.clone());
                let child = modules.len();
                modules.push(Module {
                    path,
                    file,
                    root: index,
                    parent: Some(m),
                    children: BTreeMap::new(),
                    test: test || modules[m].test,
                });
                modules[m].children.insert(name, child);
                todo.push(child);
            }
        }
    }
    modules
}

/// The `mod NAME;` declarations of a file (`blanked`, and `kept`: the same with test items
/// removed), and whether each is a test module.
fn declared_modules(blanked: &str, kept: &str) -> Vec<(String, bool)> {
    let all = mod_declarations(blanked);
    let live: BTreeSet<String> = mod_declarations(kept).into_iter().collect();
    all.into_iter()
        .map(|name| {
            let test = !live.contains(&name);
            (name, test)
        })
        .collect()
}

fn mod_declarations(text: &str) -> Vec<String> {
    let toks = tokens(text);
    let mut out = Vec::new();
    for w in toks.windows(3) {
        if let [
            (Tok::Ident(m), _),
            (Tok::Ident(name), _),
            (Tok::Punct(';'), _),
        ] = w
            && m == "mod"
        {
            out.push(name.clone());
        }
    }
    out
}

/// An inline module (`mod NAME { ... }`) outside test code: the checker treats a file as one
/// module, so it would misread `super::` inside one.
fn inline_modules(toks: &[(Tok, usize)]) -> Vec<(String, usize)> {
    toks.windows(3)
        .filter_map(|w| match w {
            [
                (Tok::Ident(m), _),
                (Tok::Ident(name), line),
                (Tok::Punct('{'), _),
            ] if m == "mod" => Some((name.clone(), *line)),
            _ => None,
        })
        .collect()
}

/// The module `segments` names from module `from`, if it names one of the crate's: the deepest
/// module of the path. A path whose first segment is not `crate`, `super`, `self` or a child of
/// `from` names something outside (`std::`, a dependency) or a local item.
fn resolve(modules: &[Module], from: usize, segments: &[String]) -> Option<usize> {
    let mut at = from;
    let mut rest = segments;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            at = modules[from].root;
            rest = &rest[1..];
        }
        Some("self") => rest = &rest[1..],
        Some("super") => {
            while rest.first().map(String::as_str) == Some("super") {
                at = modules[at].parent?;
                rest = &rest[1..];
            }
        }
        Some(first) if modules[from].children.contains_key(first) => {}
        _ => return None,
    }
    for s in rest {
        match modules[at].children.get(s) {
            Some(&child) => at = child,
            None => break,
        }
    }
    Some(at)
}

/// One use of a module by another: where it is.
#[derive(Clone, Debug)]
struct Use {
    line: usize,
    path: String,
}

/// Every module each module uses (other than itself), with the first place it does.
fn uses(modules: &[Module], m: usize, code: &str) -> BTreeMap<usize, Use> {
    let toks = tokens(code);
    let mut out: BTreeMap<usize, Use> = BTreeMap::new();
    let mut add = |target: Option<usize>, segments: &[String], line: usize| {
        if let Some(t) = target
            && t != m
        {
            out.entry(t).or_insert_with(|| Use {
                line,
                path: segments.join("::"),
            });
        }
    };
    let mut i = 0;
    while i < toks.len() {
        match &toks[i].0 {
            Tok::Ident(w) if w == "use" => {
                let (leaves, next) = use_tree(&toks, i + 1);
                for (segments, line) in leaves {
                    add(resolve(modules, m, &segments), &segments, line);
                }
                i = next;
                continue;
            }
            Tok::Ident(first)
                if toks.get(i + 1).map(|t| &t.0) == Some(&Tok::Colons)
                    && !(i > 0 && matches!(toks[i - 1].0, Tok::Colons | Tok::Punct('$'))) =>
            {
                let mut segments = vec![first.clone()];
                let mut j = i + 1;
                while let (Some((Tok::Colons, _)), Some((Tok::Ident(s), _))) =
                    (toks.get(j), toks.get(j + 1))
                {
                    segments.push(s.clone());
                    j += 2;
                }
                add(resolve(modules, m, &segments), &segments, toks[i].1);
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The circles of a use graph: its strongly connected components of more than one module
/// (Tarjan's algorithm), each as a list of modules.
fn circles(n: usize, edges: &[BTreeMap<usize, Use>]) -> Vec<Vec<usize>> {
    struct Tarjan<'a> {
        edges: &'a [BTreeMap<usize, Use>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    impl Tarjan<'_> {
        fn visit(&mut self, v: usize) {
            self.index[v] = Some(self.next);
            self.low[v] = self.next;
            self.next += 1;
            self.stack.push(v);
            self.on_stack[v] = true;
            let targets: Vec<usize> = self.edges[v].keys().copied().collect();
            for w in targets {
                match self.index[w] {
                    None => {
                        self.visit(w);
                        self.low[v] = self.low[v].min(self.low[w]);
                    }
                    Some(iw) if self.on_stack[w] => self.low[v] = self.low[v].min(iw),
                    Some(_) => {}
                }
            }
            if Some(self.low[v]) == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort_unstable();
                    self.out.push(component);
                }
            }
        }
    }
    let mut t = Tarjan {
        edges,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if t.index[v].is_none() {
            t.visit(v);
        }
    }
    t.out
}

/// A shortest circle through `start` inside `component`, as the modules in order.
fn circle_through(start: usize, component: &[usize], edges: &[BTreeMap<usize, Use>]) -> Vec<usize> {
    let inside: BTreeSet<usize> = component.iter().copied().collect();
    let mut came_from: BTreeMap<usize, usize> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &w in edges[v].keys().filter(|w| inside.contains(w)) {
            if w == start {
                let mut path = vec![v];
                while let Some(&p) = came_from.get(path.last().unwrap_or(&start)) {
                    path.push(p);
                }
                path.reverse();
                return path;
            }
            if let std::collections::btree_map::Entry::Vacant(e) = came_from.entry(w) {
                e.insert(v);
                queue.push_back(w);
            }
        }
    }
    vec![start]
}

/// Every `.rs` file under `dir`, relative to `src`.
fn rust_files(src: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(src, &p, out);
        } else if p.extension().is_some_and(|x| x == "rs")
            && let Ok(rel) = p.strip_prefix(src)
        {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// What the rules find wrong in `src`: one sentence per problem.
fn problems(src: &Path) -> Vec<String> {
    let modules = module_tree(src);
    let by_file: BTreeMap<&str, usize> = modules
        .iter()
        .enumerate()
        .map(|(i, m)| (m.file.as_str(), i))
        .collect();
    let mut found = Vec::new();
    let mut files = Vec::new();
    rust_files(src, src, &mut files);
    files.sort();
    let mut edges: Vec<BTreeMap<usize, Use>> = vec![BTreeMap::new(); modules.len()];
    for rel in &files {
        let module = by_file.get(rel.as_str()).copied();
        if module.is_some_and(|m| modules[m].test) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(src.join(rel)) else {
            found.push(format!("src/{rel}: cannot be read"));
            continue;
        };
        let code = drop_test_items(&blank(&text));
        let lines = text.lines().count() - code.test_lines.min(text.lines().count());
        if lines > MAX_LINES {
            found.push(format!(
                "src/{rel}: {lines} lines of production code, over {MAX_LINES}: split it by job"
            ));
        }
        let Some(m) = module else {
            continue;
        };
        let toks = tokens(&code.text);
        for (name, line) in inline_modules(&toks) {
            found.push(format!(
                "src/{rel}:{line}: inline module `{name}`: give it a file (tidy reads a file as one module)"
            ));
        }
        edges[m] = uses(&modules, m, &code.text);
    }
    for component in circles(modules.len(), &edges) {
        let circle = circle_through(component[0], &component, &edges);
        let mut steps = Vec::new();
        for (k, &v) in circle.iter().enumerate() {
            let w = circle[(k + 1) % circle.len()];
            let u = &edges[v][&w];
            steps.push(format!(
                "{} (src/{}:{} uses `{}`)",
                modules[v].name(),
                modules[v].file,
                u.line,
                u.path
            ));
        }
        steps.push(modules[circle[0]].name());
        let names: Vec<String> = component.iter().map(|&v| modules[v].name()).collect();
        found.push(format!(
            "import circle: {}{}",
            steps.join(" → "),
            if component.len() > circle.len() {
                format!(" (one of the circles among {})", names.join(", "))
            } else {
                String::new()
            }
        ));
    }
    found
}

#[test]
fn no_import_circles_and_no_file_over_a_thousand_lines() {
    let found = problems(&src_dir());
    assert!(
        found.is_empty(),
        "{} problem(s) (style.md §2):\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The checker on a made-up tree: it must find what it is for, or its passing means nothing.
#[test]
fn the_checker_finds_circles_and_long_files() {
    let dir = std::env::temp_dir().join(format!("blueprint-tidy-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let write = |rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().expect("a parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    };
    // `a` uses its child `b` (a re-export), and `b` uses an item of `a`'s file: a circle. `c`
    // and `d` use each other through a grouped `use` and a path in code. `e` uses `f` and `f`
    // nothing: no circle, though `f`'s doc comment and string name `e`.
    write(
        "lib.rs",
        "mod a;\nmod c;\nmod d;\nmod e;\nmod f;\n#[cfg(test)]\nmod tests;\n",
    );
    write("a/mod.rs", "mod b;\npub use b::B;\npub struct A;\n");
    write("a/b.rs", "use super::A;\npub struct B(A);\n");
    write("c.rs", "use crate::{d::{self, D}, e};\npub struct C;\n");
    write("d.rs", "pub struct D;\nfn f() { let _ = crate::c::C; }\n");
    write("e.rs", "use super::f::F;\n");
    write(
        "f.rs",
        "//! Not [`crate::e`].\npub struct F;\nconst S: &str = \"crate::e::X\";\n\
         #[cfg(test)]\nmod t {\n    use crate::e;\n}\n",
    );
    // A test module may use anything, and is not counted.
    write("tests.rs", &"use crate::a::A;\n".repeat(MAX_LINES + 1));
    let long = format!(
        "{}#[cfg(test)]\nmod more {{\n{}}}\n",
        "\n".repeat(MAX_LINES),
        "\n".repeat(50)
    );
    write("e/long.rs", &long);
    let found = problems(&dir);
    let circles: Vec<&String> = found
        .iter()
        .filter(|f| f.starts_with("import circle"))
        .collect();
    assert_eq!(circles.len(), 2, "{found:#?}");
    assert!(
        circles
            .iter()
            .any(|c| c.contains("a (src/a/mod.rs:2 uses `b::B`)")
                && c.contains("a::b (src/a/b.rs:1 uses `super::A`)")),
        "{found:#?}"
    );
    assert!(
        circles
            .iter()
            .any(|c| c.contains("c (src/c.rs:1 uses `crate::d`)")
                && c.contains("d (src/d.rs:2 uses `crate::c::C`)")),
        "{found:#?}"
    );
    assert!(
        !found
            .iter()
            .any(|f| f.contains("tests.rs") || f.contains("long.rs")),
        "{found:#?}"
    );
    // One line more of production code is one too many.
    write("e/long.rs", &format!("\n{long}"));
    // `e/long.rs` is not declared: it is still a file of src/, and is counted.
    let found = problems(&dir);
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("src/e/long.rs: 1001 lines")),
        "{found:#?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn blanking_keeps_lines_and_drops_comments_and_literals() {
    let src = "let a = \"crate::x\"; // crate::y\nlet b = r#\"crate::\"z\"#; /* crate::\n */ 'a';\nlet c: &'static str = b\"\\\"\";";
    let out = blank(src);
    assert_eq!(out.lines().count(), src.lines().count());
    assert!(!out.contains("crate"), "{out}");
    assert!(out.contains("&'static str"), "{out}");
}
