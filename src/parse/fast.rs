//! The fast reader: the plain block-style YAML nearly every blueprint is written in, read a
//! line at a time straight into [`Node`]s by a scanner that knows only that subset. On
//! anything else it gives up (`None`), and the library reads the whole text (`library.rs`), so
//! every other input, and every error, is read by serde-saphyr itself.
//!
//! The subset: a block mapping at the root; block mappings and sequences nested by spaces, one
//! entry a line, an item may start a mapping on its own line (`- id: x`), and a sequence may sit
//! at its key's indentation; plain keys; as values, plain scalars on one line, quoted scalars on
//! one line without escapes, and flow sequences and mappings of such scalars on one line;
//! comments and blank lines anywhere.
//! Line ends may be LF or CRLF, and a byte order mark may open the text.
//! Not in it (each gives up): tabs, a carriage return alone, characters YAML does not print,
//! document markers and directives, anchors, aliases and tags, merge keys (`<<`), block scalars
//! (`|`, `>`), a plain scalar that goes on over the next line, escapes, empty items, nested
//! flow collections, explicit keys (`?`), nesting deeper than 32 levels, a tree past the node
//! or text budget, and numerals other than decimal integers and floats.
//!
//! What it gives is what the library gives: scalars typed as serde-saphyr types them (null
//! words, YAML 1.1 booleans, integers, floats, else text; quoted: text), and serde-saphyr's
//! spans: a scalar spans what was written, quotes included; an empty value is null with an
//! empty span at its `:`; a block collection has an empty span where its first entry starts (a
//! sequence at its key's indentation: where its first item's content starts); a flow
//! collection spans its opening bracket. The differential tests (`tests.rs`) compare the two
//! readers on every YAML file of the repository, generated blueprints and random edits.

use super::node::{Node, Value};
use crate::limits;
use crate::span::Span;

/// The tree of `text`, or `None` when the text is not all in the subset.
pub(super) fn read(text: &str) -> Option<Node> {
    if !printable(text) {
        return None;
    }
    let mut scan = Scan {
        text,
        open: Vec::new(),
        pending: None,
        root: None,
        nodes: 0,
        bytes: 0,
    };
    let b = text.as_bytes();
    // Offsets count the byte order mark, as the library's do.
    let mut at = if text.starts_with('\u{feff}') { 3 } else { 0 };
    while at < b.len() {
        let end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |i| at + i);
        // A CRLF line ends before its CR.
        let crlf = end > at && b[end - 1] == b'\r';
        scan.line(at, end - usize::from(crlf))?;
        at = end + 1;
    }
    scan.finish()
}

/// No tab, carriage return (but in a CRLF line end) or other control character, no byte order
/// mark (but at the start), no character YAML cannot print (C1 controls, U+FFFE, U+FFFF) and
/// no Unicode line separator.
fn printable(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' | 0x20..=0x7e => {}
            b'\r' if b.get(i + 1) == Some(&b'\n') => {}
            0..=0x1f | 0x7f => return false,
            0xc2 if matches!(b.get(i + 1), Some(0x80..=0x9f)) => return false,
            0xef if i > 0 && b.get(i + 1) == Some(&0xbb) && b.get(i + 2) == Some(&0xbf) => {
                return false;
            }
            0xef if b.get(i + 1) == Some(&0xbf) && matches!(b.get(i + 2), Some(0xbe | 0xbf)) => {
                return false;
            }
            0xe2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)) => {
                return false;
            }
            _ => {}
        }
        i += 1;
    }
    true
}

/// Characters that cannot start a plain scalar here (YAML's indicators).
fn indicator(b: u8) -> bool {
    b"-?:,[]{}#&*!|>'\"%@`".contains(&b)
}

/// The deepest nesting of block collections read here.
const MAX_NESTING: usize = 32;

/// A block collection being read: its entries so far.
enum Entries {
    Seq(Vec<Node>),
    /// The entries, and a key read whose value is not yet.
    Map(Vec<(Node, Node)>, Option<Node>),
}

/// An open block collection: the column its entries start at, where it starts, its entries.
struct Open {
    column: usize,
    at: usize,
    entries: Entries,
}

struct Scan<'a> {
    text: &'a str,
    /// Open block collections, innermost last.
    open: Vec<Open>,
    /// A key written with no value on its line: its column and the offset of its `:`.
    pending: Option<(usize, usize)>,
    /// The root, once closed.
    root: Option<Node>,
    /// Nodes and bytes of scalar text, as serde-saphyr's budget counts them.
    nodes: usize,
    bytes: usize,
}

impl Scan<'_> {
    /// A scalar written at `start..end`: `text` typed (plain) or as text (quoted). The null of
    /// a key with no value is a `~` (as the library counts it) at its `:`.
    fn scalar(&mut self, start: usize, end: usize, text: &str, quoted: bool) -> Option<Node> {
        self.nodes += 1;
        self.bytes += text.len();
        let value = if quoted {
            Value::Str(text.to_string())
        } else {
            plain(text)?
        };
        Some(Node {
            value,
            span: Span::new(start, end),
        })
    }

    /// Opens a block collection whose entries start at `column`, at `at`.
    fn start(&mut self, seq: bool, column: usize, at: usize) {
        self.nodes += 1;
        let entries = if seq {
            Entries::Seq(Vec::new())
        } else {
            Entries::Map(Vec::new(), None)
        };
        self.open.push(Open {
            column,
            at,
            entries,
        });
    }

    /// Closes the innermost open collection, into its parent (or as the root).
    fn close(&mut self) {
        if let Some(open) = self.open.pop() {
            let value = match open.entries {
                Entries::Seq(items) => Value::Seq(items),
                Entries::Map(entries, _) => Value::Map(entries),
            };
            let span = Span::new(open.at, open.at);
            self.put(Node { value, span });
        }
    }

    /// `node` as the next item, or as the value of the key read, of the innermost collection.
    fn put(&mut self, node: Node) {
        match self.open.last_mut().map(|o| &mut o.entries) {
            Some(Entries::Seq(items)) => items.push(node),
            Some(Entries::Map(entries, key)) => {
                if let Some(key) = key.take() {
                    entries.push((key, node));
                }
            }
            None => self.root = Some(node),
        }
    }

    /// Closes every open collection whose entries start right of `column`.
    fn close_below(&mut self, column: usize) {
        while self.open.last().is_some_and(|o| o.column > column) {
            self.close();
        }
    }

    /// The root, every collection closed, if the text held one within the budget.
    fn finish(mut self) -> Option<Node> {
        if let Some((_, colon)) = self.pending.take() {
            let null = self.scalar(colon, colon, "~", false)?;
            self.put(null);
        }
        while !self.open.is_empty() {
            self.close();
        }
        // Over a limit, the library reads the text and reports it.
        (self.nodes <= limits::MAX_NODES && self.bytes <= limits::MAX_TOTAL_TEXT_BYTES)
            .then_some(self.root)
            .flatten()
    }

    /// One line, `start..end` (without its line break).
    fn line(&mut self, start: usize, end: usize) -> Option<()> {
        let line = &self.text.as_bytes()[start..end];
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        if indent == line.len() || line[indent] == b'#' {
            return Some(());
        }
        // `...` at the start of a line may end the document.
        if line.starts_with(b"...") {
            return None;
        }
        let at = start + indent;
        let item = line[indent] == b'-' && line.get(indent + 1).is_none_or(|&b| b == b' ');
        if self.open.is_empty() {
            // The root: a block mapping at column 0 (a `---` marker is no key, see `entry`).
            if indent != 0 || item {
                return None;
            }
            self.start(false, 0, at);
        } else if let Some((key_column, colon)) = self.pending.take() {
            // A sequence may also start at its key's own indentation (`steps:` then `- ...`).
            if indent > key_column || indent == key_column && item {
                // There it starts where its first item's content does.
                let from = if indent == key_column {
                    skip_spaces(self.text, at + 1, end)
                } else {
                    at
                };
                self.start(item, indent, from);
            } else {
                let null = self.scalar(colon, colon, "~", false)?;
                self.put(null);
            }
        }
        self.close_below(indent);
        // Blueprints nest a handful of levels; deep nesting is left to the library and its
        // limits, whose errors say where.
        if self.open.len() > MAX_NESTING {
            return None;
        }
        // A line that is no item ends a sequence written at its key's indentation.
        if let [.., m, s] = &self.open[..]
            && !item
            && matches!(m.entries, Entries::Map(..))
            && matches!(s.entries, Entries::Seq(_))
            && m.column == indent
            && s.column == indent
        {
            self.close();
        }
        match self.open.last() {
            Some(o) if o.column == indent => match o.entries {
                Entries::Map(..) if !item => self.entry(at, end, indent),
                Entries::Seq(_) if item => self.item(start, at, end),
                _ => None,
            },
            // Deeper than the collection it would continue (a plain scalar going on, say).
            _ => None,
        }
    }

    /// A mapping entry `key: value` starting at `at`, the key at `column`.
    fn entry(&mut self, at: usize, end: usize, column: usize) -> Option<()> {
        let colon = self.key(at, end)?;
        self.entry_at(at, colon, end, column)
    }

    /// [`Scan::entry`], its key's `:` found at `colon`.
    fn entry_at(&mut self, at: usize, colon: usize, end: usize, column: usize) -> Option<()> {
        let text = self.text;
        let key = self.scalar(at, colon, &text[at..colon], false)?;
        if let Some(Entries::Map(_, slot)) = self.open.last_mut().map(|o| &mut o.entries) {
            *slot = Some(key);
        }
        let value = skip_spaces(text, colon + 1, end);
        if value == end || text.as_bytes()[value] == b'#' {
            self.pending = Some((column, colon));
            return Some(());
        }
        let (node, after) = self.value(value, end)?;
        self.put(node);
        self.rest_is_comment(after, end)
    }

    /// A sequence item `- ...` whose `-` is at `at`, on the line starting at `line_start`.
    fn item(&mut self, line_start: usize, at: usize, end: usize) -> Option<()> {
        let value = skip_spaces(self.text, at + 1, end);
        let b = self.text.as_bytes();
        if value == end || b[value] == b'#' || b[value] == b'-' && !negative(b, value, end) {
            // An empty item, or a sequence in a sequence on one line.
            return None;
        }
        if let Some(colon) = self.key(value, end) {
            // `- key: value` opens a mapping whose entries start at the key's column.
            let column = value - line_start;
            self.start(false, column, value);
            return self.entry_at(value, colon, end, column);
        }
        let (node, after) = self.value(value, end)?;
        self.put(node);
        self.rest_is_comment(after, end)
    }

    /// The end of a plain key starting at `at` (the offset of its `:`), if the line holds one.
    fn key(&self, at: usize, end: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        if indicator(b[at]) || b[at..].starts_with(b"<<") {
            return None;
        }
        for i in at..end {
            match b[i] {
                b':' if i + 1 == end || b[i + 1] == b' ' => {
                    // The parser reads an implicit key of at most 1024 characters; a key ends
                    // right before its `:` here.
                    return (b[i - 1] != b' ' && i - at < 1000).then_some(i);
                }
                b'#' if b[i - 1] == b' ' => return None,
                _ => {}
            }
        }
        None
    }

    /// A value starting at `at`, and the offset just after it.
    fn value(&mut self, at: usize, end: usize) -> Option<(Node, usize)> {
        let b = self.text.as_bytes();
        match b[at] {
            b'"' | b'\'' => self.quoted(at, end),
            b'[' => self.flow(at, end, b']'),
            b'{' => self.flow(at, end, b'}'),
            c if indicator(c) && !negative(b, at, end) => None,
            _ => {
                // A plain scalar, to a comment or the end of the line; a `: ` in it would make
                // it a mapping where none may start.
                let mut stop = end;
                for i in at..end {
                    match b[i] {
                        b':' if i + 1 == end || b[i + 1] == b' ' => return None,
                        b'#' if b[i - 1] == b' ' => {
                            stop = i;
                            break;
                        }
                        _ => {}
                    }
                }
                let text = self.text;
                let value = text[at..stop].trim_end_matches(' ');
                let node = self.scalar(at, at + value.len(), value, false)?;
                Some((node, at + value.len()))
            }
        }
    }

    /// A quoted scalar on one line, without escapes.
    fn quoted(&mut self, at: usize, end: usize) -> Option<(Node, usize)> {
        let text = self.text;
        let q = text.as_bytes()[at];
        let close = at + 1 + text[at + 1..end].find(char::from(q))?;
        let inner = &text[at + 1..close];
        if q == b'"' && inner.contains('\\') || q == b'\'' && text[close + 1..].starts_with('\'') {
            return None;
        }
        Some((self.scalar(at, close + 1, inner, true)?, close + 1))
    }

    /// A flow sequence (`closer` is `]`) or mapping (`}`) of scalars, on one line, opening at
    /// `at`.
    fn flow(&mut self, at: usize, end: usize, closer: u8) -> Option<(Node, usize)> {
        self.nodes += 1;
        let b = self.text.as_bytes();
        let is_map = closer == b'}';
        let (mut items, mut entries) = (Vec::new(), Vec::new());
        let mut i = skip_spaces(self.text, at + 1, end);
        let done = |i: usize| i < end && b[i] == closer;
        while !done(i) {
            if is_map {
                let key;
                (key, i) = self.flow_scalar(i, end, true)?;
                if i >= end || b[i] != b':' || b.get(i + 1) != Some(&b' ') {
                    return None;
                }
                let value;
                (value, i) = self.flow_scalar(skip_spaces(self.text, i + 1, end), end, false)?;
                entries.push((key, value));
            } else {
                let item;
                (item, i) = self.flow_scalar(i, end, false)?;
                items.push(item);
            }
            i = skip_spaces(self.text, i, end);
            if i < end && b[i] == b',' {
                i = skip_spaces(self.text, i + 1, end);
                // A trailing comma, or an empty entry.
                if i >= end || b[i] == closer || b[i] == b',' {
                    return None;
                }
            } else if !done(i) {
                return None;
            }
        }
        let value = if is_map {
            Value::Map(entries)
        } else {
            Value::Seq(items)
        };
        let span = Span::new(at, at + 1);
        Some((Node { value, span }, i + 1))
    }

    /// A scalar in a flow collection starting at `at` (a key when `key`); the offset after it.
    fn flow_scalar(&mut self, at: usize, end: usize, key: bool) -> Option<(Node, usize)> {
        let b = self.text.as_bytes();
        if at >= end {
            return None;
        }
        if matches!(b[at], b'"' | b'\'') {
            return self.quoted(at, end);
        }
        if indicator(b[at]) && (key || !negative(b, at, end)) || key && b[at..].starts_with(b"<<") {
            return None;
        }
        let mut i = at;
        while i < end {
            match b[i] {
                b',' | b']' | b'}' => break,
                b':' if key && b.get(i + 1) == Some(&b' ') => break,
                b':' | b'#' | b'[' | b'{' => return None,
                _ => i += 1,
            }
        }
        let text = self.text;
        let value = text[at..i].trim_end_matches(' ');
        if key && value.len() < i - at {
            return None;
        }
        Some((
            self.scalar(at, at + value.len(), value, false)?,
            at + value.len(),
        ))
    }

    /// Nothing but spaces and a comment from `at` to the end of the line.
    fn rest_is_comment(&self, at: usize, end: usize) -> Option<()> {
        let next = skip_spaces(self.text, at, end);
        (next == end || (next > at && self.text.as_bytes()[next] == b'#')).then_some(())
    }
}

/// A `-` that starts a plain scalar (`-3`, `-x`) rather than an item.
fn negative(b: &[u8], at: usize, end: usize) -> bool {
    b[at] == b'-' && at + 1 < end && b[at + 1].is_ascii_alphanumeric()
}

fn skip_spaces(text: &str, mut at: usize, end: usize) -> usize {
    let b = text.as_bytes();
    while at < end && b[at] == b' ' {
        at += 1;
    }
    at
}

/// What serde-saphyr's `deserialize_any` makes of the plain scalar `s` (one line, no spaces at
/// its ends): null, a YAML 1.1 boolean, an integer, a float, else text; `None` where that is
/// not sure here (numerals other than decimal integers and floats: hex, octal, `_`, leading
/// zeros, `.5`, `.inf`, dates, versions ...), and the library reads it.
fn plain(s: &str) -> Option<Value> {
    if matches!(s, "~" | "null" | "Null" | "NULL") {
        return Some(Value::Null);
    }
    let bool = |words: [&str; 4]| words.iter().any(|w| s.eq_ignore_ascii_case(w));
    if bool(["true", "yes", "y", "on"]) {
        return Some(Value::Bool(true));
    }
    if bool(["false", "no", "n", "off"]) {
        return Some(Value::Bool(false));
    }
    let b = s.as_bytes();
    if !matches!(b.first(), Some(b'0'..=b'9' | b'+' | b'-' | b'.')) {
        return Some(Value::Str(s.to_string()));
    }
    let (negative, unsigned) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let u = unsigned.as_bytes();
    let digits = u.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == u.len() && digits > 0 && (u[0] != b'0' || digits == 1) {
        let v: i64 = unsigned.parse().ok()?;
        return Some(Value::Int(if negative { -v } else { v }));
    }
    // `d+.d+`, `d+e±d+`, `d+.d+e±d+`: Rust's float syntax, which serde-saphyr uses (a numeral
    // past f64's range is an infinity to both).
    if digits > 0 {
        let mut i = digits;
        let fraction = u.get(i) == Some(&b'.');
        if fraction {
            let n = u[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            i += 1 + n;
            if n == 0 {
                return None;
            }
        }
        if matches!(u.get(i), Some(b'e' | b'E')) {
            i += 1 + usize::from(matches!(u.get(i + 1), Some(b'+' | b'-')));
            let n = u[i.min(u.len())..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            i += n;
            if n == 0 {
                return None;
            }
        } else if !fraction {
            i = 0;
        }
        if i == u.len() {
            return s.parse().ok().map(Value::Float);
        }
    }
    // No numeral holds any other character.
    let numeral = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'+' | b'-');
    (!b.iter().all(numeral)).then(|| Value::Str(s.to_string()))
}
