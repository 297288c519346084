//! granit-parser's events for the plain block-style YAML nearly every blueprint is written in,
//! found by a scanner that knows only that subset, several times faster than granit's general
//! one. Where a text leaves the subset, the events stop ([`Events::left_subset`]) and the reader
//! starts over with granit on the whole text (`front::read_part`), so every other input, and
//! every error, is read exactly as before.
//!
//! The subset: a block mapping at the root; block mappings and sequences nested by spaces, one
//! entry a line, an item may start a mapping on its own line (`- id: x`), and a sequence may sit
//! at its key's indentation; plain keys; as values, plain scalars on one line, quoted scalars on
//! one line without escapes, and flow sequences and mappings of such scalars on one line;
//! comments and blank lines anywhere.
//! Not in it (each sends the text to granit): tabs, carriage returns, a byte order mark,
//! characters YAML does not print, document markers and directives, anchors, aliases and tags,
//! block scalars (`|`, `>`), a plain scalar that goes on over the next line, escapes, empty
//! items, nested flow collections, explicit keys (`?`), nesting deeper than 32 levels.
//!
//! The spans are granit's: a block collection starts where its first entry does (a sequence at
//! its key's indentation: where its first item's content does) and ends, an empty span, where
//! the next token starts or at the end of the text; a scalar spans what it was written as,
//! quotes included; an empty value is `~`, an empty span at its `:`. The test
//! `fast_events_are_granits` compares both scanners event by event, spans included, on
//! generated blueprints in and out of the subset, the repository's YAML files and random edits
//! of them.

use super::front::Loc;
use serde_saphyr::granit_parser::{Event, ScalarStyle};
use std::borrow::Cow;

type Style = serde_saphyr::granit_parser::StructureStyle;

/// The events and their byte spans, made a line at a time as they are asked for (so they
/// never all sit in memory at once); `None` when a glance at the bytes shows `text` is not in
/// the subset. The rest of the subset is found out on the way: where the text leaves it, the
/// events stop there, with [`Events::left_subset`] true, and the reader starts over with
/// granit ([`super::front::read_part`]). The events before that point need not be granit's (a
/// plain scalar that goes on over the next line is only found out on that line), so none of
/// what they made is kept; a text read to its end gives granit's events exactly.
pub(super) fn events(text: &str) -> Option<Events<'_>> {
    printable(text).then(|| Events::new(text))
}

/// The events of a text in the subset, in order ([`events`]).
pub(super) struct Events<'a> {
    scan: Scan<'a>,
    /// Where the next line starts.
    at: usize,
    /// Whether the closing events are made.
    closed: bool,
    /// Whether the text left the subset (no event follows).
    left: bool,
}

impl<'a> Events<'a> {
    fn new(text: &'a str) -> Events<'a> {
        let mut scan = Scan {
            text,
            out: std::collections::VecDeque::new(),
            open: Vec::new(),
            pending: None,
        };
        scan.push(Event::StreamStart, 0, 0);
        Events {
            scan,
            at: 0,
            closed: false,
            left: false,
        }
    }

    /// Whether the text left the subset: the events stopped short of its end.
    pub(super) fn left_subset(&self) -> bool {
        self.left
    }

    /// Reads the next line, or at the end makes the closing events: `Some(false)` when there
    /// is nothing left, `None` when the text leaves the subset.
    fn step(&mut self) -> Option<bool> {
        let s = &mut self.scan;
        let len = s.text.len();
        if self.at < len {
            let end =
                memchr::memchr(b'\n', &s.text.as_bytes()[self.at..]).map_or(len, |i| self.at + i);
            s.line(self.at, end)?;
            self.at = end + 1;
            return Some(true);
        }
        if self.closed {
            return Some(false);
        }
        self.closed = true;
        if s.open.is_empty() {
            return None;
        }
        if let Some((_, colon)) = s.pending.take() {
            s.scalar(colon, colon, "~", ScalarStyle::Plain);
        }
        while let Some((kind, _)) = s.open.pop() {
            s.end(kind, len);
        }
        s.push(Event::DocumentEnd, len, len);
        s.push(Event::StreamEnd, len, len);
        Some(true)
    }
}

impl<'a> Iterator for Events<'a> {
    type Item = (Event<'a>, Loc);

    fn next(&mut self) -> Option<(Event<'a>, Loc)> {
        loop {
            if let Some(ev) = self.scan.out.pop_front() {
                return Some(ev);
            }
            if self.left {
                return None;
            }
            match self.step() {
                Some(true) => {}
                Some(false) => return None,
                None => {
                    // Nothing after this point is read; what the line made goes too.
                    self.scan.out.clear();
                    self.left = true;
                    return None;
                }
            }
        }
    }
}

/// All the events of `text`, if it is in the subset.
#[cfg(test)]
pub(super) fn whole(text: &str) -> Option<Vec<(Event<'_>, Loc)>> {
    let mut events = events(text)?;
    let all: Vec<_> = events.by_ref().collect();
    (!events.left_subset()).then_some(all)
}

/// No tab, carriage return or other control character, no byte order mark, no character YAML
/// cannot print (C1 controls, U+FFFE, U+FFFF) and no Unicode line separator.
fn printable(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' | 0x20..=0x7e => {}
            0..=0x1f | 0x7f => return false,
            0xc2 if matches!(b.get(i + 1), Some(0x80..=0x9f)) => return false,
            0xef if b.get(i + 1) == Some(&0xbb) && b.get(i + 2) == Some(&0xbf) => return false,
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
    matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

/// The deepest nesting of block collections read here.
const MAX_NESTING: usize = 32;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Map,
    Seq,
}

struct Scan<'a> {
    text: &'a str,
    /// Events made and not yet taken.
    out: std::collections::VecDeque<(Event<'a>, Loc)>,
    /// Open block collections and the column their entries start at, innermost last.
    open: Vec<(Kind, usize)>,
    /// A key written with no value on its line: its column and the offset of its `:`.
    pending: Option<(usize, usize)>,
}

impl<'a> Scan<'a> {
    fn push(&mut self, ev: Event<'a>, start: usize, end: usize) {
        self.out.push_back((ev, Loc::new(start, end)));
    }

    fn scalar(&mut self, start: usize, end: usize, value: &'a str, style: ScalarStyle) {
        self.push(
            Event::Scalar(Cow::Borrowed(value), style, 0, None),
            start,
            end,
        );
    }

    /// Opens a block collection whose entries start at `column`: its start, an empty span at
    /// `at`.
    fn start(&mut self, kind: Kind, column: usize, at: usize) {
        let ev = match kind {
            Kind::Map => Event::MappingStart(Style::Block, 0, None),
            Kind::Seq => Event::SequenceStart(Style::Block, 0, None),
        };
        self.push(ev, at, at);
        self.open.push((kind, column));
    }

    /// The end of a block collection, an empty span at `at`.
    fn end(&mut self, kind: Kind, at: usize) {
        let ev = match kind {
            Kind::Map => Event::MappingEnd,
            Kind::Seq => Event::SequenceEnd,
        };
        self.push(ev, at, at);
    }

    /// Ends every open collection whose entries start right of `column`, at `at`.
    fn close_below(&mut self, column: usize, at: usize) {
        while let Some(&(kind, c)) = self.open.last() {
            if c <= column {
                break;
            }
            self.open.pop();
            self.end(kind, at);
        }
    }

    /// One line, `start..end` (without its line break).
    fn line(&mut self, start: usize, end: usize) -> Option<()> {
        let line = &self.text.as_bytes()[start..end];
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        if indent == line.len() || line[indent] == b'#' {
            return Some(());
        }
        let at = start + indent;
        let item = line[indent] == b'-' && line.get(indent + 1).is_none_or(|&b| b == b' ');
        if self.open.is_empty() {
            // The root: a block mapping at column 0 (a `---` marker is no key, see `entry`).
            if indent != 0 || item {
                return None;
            }
            self.push(Event::DocumentStart(false, None), at, at);
            self.start(Kind::Map, 0, at);
        } else if let Some((key_column, colon)) = self.pending.take() {
            // A sequence may also start at its key's own indentation (`steps:` then `- ...`).
            if indent > key_column || indent == key_column && item {
                let kind = if item { Kind::Seq } else { Kind::Map };
                // granit starts a sequence at its key's indentation where its first item's
                // content starts.
                let from = if indent == key_column {
                    skip_spaces(self.text, at + 1, end)
                } else {
                    at
                };
                self.start(kind, indent, from);
            } else {
                self.scalar(colon, colon, "~", ScalarStyle::Plain);
            }
        }
        self.close_below(indent, at);
        // Blueprints nest a handful of levels; deep nesting is left to granit and the depth
        // limits, whose errors say where.
        if self.open.len() > MAX_NESTING {
            return None;
        }
        // A line that is no item ends a sequence written at its key's indentation.
        if !item
            && let [.., (Kind::Map, m), (Kind::Seq, s)] = self.open[..]
            && m == indent
            && s == indent
        {
            self.open.pop();
            self.end(Kind::Seq, at);
        }
        match self.open.last() {
            Some(&(Kind::Map, c)) if c == indent && !item => self.entry(at, end, indent),
            Some(&(Kind::Seq, c)) if c == indent && item => self.item(start, at, end),
            // Deeper than the collection it would continue (a plain scalar going on, say), or
            // the wrong kind of entry.
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
        self.scalar(at, colon, &self.text[at..colon], ScalarStyle::Plain);
        let value = skip_spaces(self.text, colon + 1, end);
        if value == end || self.text.as_bytes()[value] == b'#' {
            self.pending = Some((column, colon));
            return Some(());
        }
        let after = self.value(value, end)?;
        self.rest_is_comment(after, end)
    }

    /// A sequence item `- ...` whose `-` is at `at`, on the line starting at `line_start`.
    fn item(&mut self, line_start: usize, at: usize, end: usize) -> Option<()> {
        let value = skip_spaces(self.text, at + 1, end);
        let b = self.text.as_bytes();
        if value == end || b[value] == b'#' || b[value] == b'-' {
            // An empty item, or a sequence in a sequence on one line.
            return None;
        }
        if let Some(colon) = self.key(value, end) {
            // `- key: value` opens a mapping whose entries start at the key's column.
            let column = value - line_start;
            self.start(Kind::Map, column, value);
            return self.entry_at(value, colon, end, column);
        }
        let after = self.value(value, end)?;
        self.rest_is_comment(after, end)
    }

    /// The end of a plain key starting at `at` (the offset of its `:`), if the line holds one.
    fn key(&self, at: usize, end: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        if indicator(b[at]) {
            return None;
        }
        let mut i = at;
        while i < end {
            match b[i] {
                b':' if i + 1 == end || b[i + 1] == b' ' => {
                    // granit reads an implicit key of at most 1024 characters; a key ends right
                    // before its `:` here.
                    return (b[i - 1] != b' ' && i - at < 1000).then_some(i);
                }
                b'#' if b[i - 1] == b' ' => return None,
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// A value starting at `at`; the offset just after it.
    fn value(&mut self, at: usize, end: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        match b[at] {
            b'"' | b'\'' => self.quoted(at, end),
            b'[' => self.flow(at, end, Kind::Seq),
            b'{' => self.flow(at, end, Kind::Map),
            c if indicator(c) => None,
            _ => {
                // A plain scalar, to a comment or the end of the line; a `: ` in it would make
                // it a mapping where none may start.
                let mut stop = end;
                let mut i = at;
                while i < end {
                    match b[i] {
                        b':' if i + 1 == end || b[i + 1] == b' ' => return None,
                        b'#' if b[i - 1] == b' ' => {
                            stop = i;
                            break;
                        }
                        _ => {}
                    }
                    i += 1;
                }
                let value = self.text[at..stop].trim_end_matches(' ');
                self.scalar(at, at + value.len(), value, ScalarStyle::Plain);
                Some(at + value.len())
            }
        }
    }

    /// A quoted scalar on one line, without escapes.
    fn quoted(&mut self, at: usize, end: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        let q = b[at];
        let close = at + 1 + self.text[at + 1..end].find(char::from(q))?;
        let inner = &self.text[at + 1..close];
        if q == b'"' && inner.contains('\\') || q == b'\'' && b.get(close + 1) == Some(&b'\'') {
            return None;
        }
        let style = if q == b'"' {
            ScalarStyle::DoubleQuoted
        } else {
            ScalarStyle::SingleQuoted
        };
        self.scalar(at, close + 1, inner, style);
        Some(close + 1)
    }

    /// A flow sequence or mapping of scalars, on one line, opening at `at`.
    fn flow(&mut self, at: usize, end: usize, kind: Kind) -> Option<usize> {
        let b = self.text.as_bytes();
        let (start, close, closer) = match kind {
            Kind::Seq => (
                Event::SequenceStart(Style::Flow, 0, None),
                Event::SequenceEnd,
                b']',
            ),
            Kind::Map => (
                Event::MappingStart(Style::Flow, 0, None),
                Event::MappingEnd,
                b'}',
            ),
        };
        self.push(start, at, at + 1);
        let mut i = skip_spaces(self.text, at + 1, end);
        if i < end && b[i] == closer {
            self.push(close, i, i + 1);
            return Some(i + 1);
        }
        loop {
            if kind == Kind::Map {
                i = self.flow_scalar(i, end, true)?;
                if i >= end || b[i] != b':' || b.get(i + 1) != Some(&b' ') {
                    return None;
                }
                i = skip_spaces(self.text, i + 1, end);
            }
            i = self.flow_scalar(i, end, false)?;
            i = skip_spaces(self.text, i, end);
            match b.get(i) {
                Some(&c) if c == closer && i < end => {
                    self.push(close, i, i + 1);
                    return Some(i + 1);
                }
                Some(b',') if i < end => {
                    i = skip_spaces(self.text, i + 1, end);
                    // A trailing comma, or an empty entry.
                    if i >= end || b[i] == closer || b[i] == b',' {
                        return None;
                    }
                }
                _ => return None,
            }
        }
    }

    /// A scalar in a flow collection starting at `at` (a key when `key`); the offset after it.
    fn flow_scalar(&mut self, at: usize, end: usize, key: bool) -> Option<usize> {
        let b = self.text.as_bytes();
        if at >= end {
            return None;
        }
        if matches!(b[at], b'"' | b'\'') {
            return self.quoted(at, end);
        }
        if indicator(b[at]) {
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
        let value = self.text[at..i].trim_end_matches(' ');
        if key && value.len() < i - at {
            return None;
        }
        self.scalar(at, at + value.len(), value, ScalarStyle::Plain);
        Some(at + value.len())
    }

    /// Nothing but spaces and a comment from `at` to the end of the line.
    fn rest_is_comment(&self, at: usize, end: usize) -> Option<()> {
        let next = skip_spaces(self.text, at, end);
        (next == end || (next > at && self.text.as_bytes()[next] == b'#')).then_some(())
    }
}

fn skip_spaces(text: &str, mut at: usize, end: usize) -> usize {
    let b = text.as_bytes();
    while at < end && b[at] == b' ' {
        at += 1;
    }
    at
}
