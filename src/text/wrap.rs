//! Wrapping: [`Measure::wrap`] breaks text into [`Line`]s no wider than a width, at Unicode
//! UAX #14 break opportunities (`unicode-linebreak`: mandatory breaks kept, CJK between
//! characters), a word wider than the line cut between grapheme clusters
//! (`unicode-segmentation`). A line's width is the sum of its pieces' cached widths where the
//! space facts prove no rule acts across the spaces between them, and the line shaped whole
//! otherwise. Uses the measurer, its caches and the fonts.

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

use super::cache::{Metrics, Piece, State};
use super::fonts::{Weight, inter};
use super::measure::{Measure, clean_size, covers, light};

/// One wrapped line and its measured width.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Line {
    /// The text of the line (no trailing break, no trailing white space).
    pub text: String,
    /// Its width in px at the size it was wrapped for; always equal to
    /// [`Measure::width`] of `text`.
    pub width: f64,
    /// True when the next line goes on with no space between them in the text: a word cut
    /// for width, or a break between CJK characters. A reader of the lines joins them back
    /// without a space there (the `aria-label` of text drawn as outlines).
    pub joined: bool,
}

impl Measure {
    /// `text` broken into lines no wider than `max_width` px: at UAX #14 break opportunities,
    /// and at every mandatory break (`\n`, `\r\n`, U+2028, …). A word wider than `max_width` on
    /// its own starts a new line and is cut between grapheme clusters; only a single grapheme
    /// wider than `max_width` can make a line exceed it. Text stays in logical order (no bidi
    /// reordering).
    ///
    /// White space at the start and end of `text` is dropped, so empty or whitespace-only
    /// `text` gives an empty `Vec`. Inside, an empty paragraph (`"a\n\nb"`) gives an empty
    /// line, indentation after a newline is kept, and white space at a line's end is neither
    /// kept nor counted. A NaN `max_width` counts as 0 (one grapheme per line).
    pub(crate) fn wrap(&self, text: &str, size: f64, weight: Weight, max_width: f64) -> Vec<Line> {
        self.wrap_needing(text, size, weight, max_width).0
    }

    /// [`Measure::wrap`], and the least width from which wrapping `text` gives these same
    /// lines: the largest width the wrapper compared with `max_width` on the way (each word
    /// alone, each line as it grew, each line's measured width). With `max_width` infinite,
    /// that is the width from which the text needs no wrap, and its lines can be kept for any
    /// width at least that (layout measures every card unwrapped first, then wraps it at its
    /// column's width).
    pub(crate) fn wrap_needing(
        &self,
        text: &str,
        size: f64,
        weight: Weight,
        max_width: f64,
    ) -> (Vec<Line>, f64) {
        let size = clean_size(size);
        let max = if max_width.is_nan() { 0.0 } else { max_width };
        // Marks past the cap are neither measured nor drawn (the lines are what is drawn).
        let capped = crate::marks::capped(text);
        let text = capped.trim();
        let mut lines = Vec::new();
        if text.is_empty() {
            return (lines, 0.0);
        }
        let mut st = self.lock();
        let mut segments = std::mem::take(&mut st.segments);
        segments.clear();
        let mut wrapper = Wrapper {
            m: self,
            st: &mut st,
            text,
            size,
            weight,
            max,
            needed: 0.0,
            lines: &mut lines,
        };
        let mut start = 0;
        for (end, kind) in linebreaks(text) {
            segments.push((start, end));
            start = end;
            if kind == BreakOpportunity::Mandatory {
                wrapper.paragraph(&segments);
                segments.clear();
            }
        }
        // UAX #14 always ends with a mandatory break, but don't rely on it for correctness.
        if start < text.len() {
            segments.push((start, text.len()));
        }
        if !segments.is_empty() {
            wrapper.paragraph(&segments);
        }
        let needed = wrapper.needed;
        st.segments = segments;
        (lines, needed)
    }
}

/// Characters UAX #14 treats as mandatory breaks; they end a paragraph and are not drawn.
fn is_break_char(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The state of one [`Measure::wrap`] call.
pub(super) struct Wrapper<'a> {
    pub(super) m: &'a Measure,
    pub(super) st: &'a mut State,
    pub(super) text: &'a str,
    pub(super) size: f64,
    pub(super) weight: Weight,
    pub(super) max: f64,
    /// The largest width compared with `max` so far ([`Measure::wrap_needing`]).
    pub(super) needed: f64,
    pub(super) lines: &'a mut Vec<Line>,
}

impl Wrapper<'_> {
    fn metrics(&mut self, s: &str) -> Metrics {
        self.m.metrics(self.st, s, self.weight)
    }

    /// Metrics of `whole`: `content` (whose metrics are given) followed by white space
    /// `trailing`. Spaces are added on rather than shaped again with the word, which would
    /// double the shaping of distinct words, when no glyph of the word reacts to a following
    /// space (see [`SpaceFacts`]).
    fn with_trailing(&mut self, content: Metrics, trailing: &str, whole: &str) -> Metrics {
        if trailing.is_empty() {
            return content;
        }
        if content.summable && content.spaces_apart && trailing.bytes().all(|b| b == b' ') {
            content.then(self.metrics(trailing))
        } else {
            self.metrics(whole)
        }
    }

    /// Wraps one paragraph: the UAX #14 segments up to and including a mandatory break.
    fn paragraph(&mut self, segments: &[(usize, usize)]) {
        let text = self.text;
        let size = self.size;
        let mut pieces = std::mem::take(&mut self.st.pieces);
        pieces.clear();
        for &(start, end) in segments {
            let seg = text[start..end].trim_end_matches(is_break_char);
            let content_text = seg.trim_end();
            let content = self.metrics(content_text);
            let full = self.with_trailing(content, &seg[content_text.len()..], seg);
            self.needed = self.needed.max(content.em() * size);
            if content.em() * size <= self.max {
                pieces.push(Piece {
                    start,
                    content_end: start + content_text.len(),
                    content,
                    full,
                    starts_long_word: false,
                });
                continue;
            }
            // Too wide alone: one piece per grapheme, each measured (and cached) on its own so
            // a 3,000-character word costs one shaping per distinct grapheme, not per prefix.
            let mut graphemes = content_text.grapheme_indices(true).peekable();
            let mut first = true;
            while let Some((at, g)) = graphemes.next() {
                let gs = start + at;
                let content = self.metrics(g);
                let full = if graphemes.peek().is_none() {
                    self.with_trailing(
                        content,
                        &seg[content_text.len()..],
                        &text[gs..start + seg.len()],
                    )
                } else {
                    content
                };
                pieces.push(Piece {
                    start: gs,
                    content_end: gs + g.len(),
                    content,
                    full,
                    starts_long_word: first,
                });
                first = false;
            }
        }

        let emitted_before = self.lines.len();
        let mut i = 0;
        while i < pieces.len() {
            // After a soft wrap, white space left at the start of a line is dropped (it was
            // "trailing" for the line before); at the paragraph start it is indentation.
            if i > 0 {
                while i < pieces.len() && pieces[i].content_end == pieces[i].start {
                    i += 1;
                }
                if i == pieces.len() {
                    break;
                }
            }
            let first = i;
            // Greedy by the sum of cached piece widths...
            let mut acc = pieces[first].full.em() * size;
            let mut j = first + 1;
            while j < pieces.len() {
                let p = &pieces[j];
                if p.starts_long_word || acc + p.content.em() * size > self.max {
                    break;
                }
                self.needed = self.needed.max(acc + p.content.em() * size);
                acc += p.full.em() * size;
                j += 1;
            }
            // ...then checked against the width of the whole line, since kerning and
            // contextual forms across piece boundaries can make it differ. Give back pieces
            // until it fits; a single piece always stays (it can only be too wide if it is one
            // grapheme wider than the line).
            let (line, width) = loop {
                let line = text[pieces[first].start..pieces[j - 1].content_end].trim_end();
                let width = self.line_width(&pieces[first..j], line) * size;
                self.needed = self.needed.max(width);
                if width <= self.max || j - 1 == first {
                    break (line, width);
                }
                j -= 1;
            };
            if !line.is_empty() {
                let end = pieces[first].start + line.len();
                let joined = pieces.get(j).is_some_and(|p| p.start == end);
                self.lines.push(Line {
                    text: line.to_string(),
                    width,
                    joined,
                });
            }
            i = j;
        }
        if self.lines.len() == emitted_before {
            // An empty paragraph (between two newlines) still takes a line.
            self.lines.push(Line {
                text: String::new(),
                width: 0.0,
                joined: false,
            });
        }
        self.st.pieces = pieces;
    }

    /// Width in em of `line`, the text of `pieces` without trailing white space: what
    /// [`Measure::width`] gives for it.
    ///
    /// Shaping every line again would cost as much as shaping all the text once more (about
    /// 1 µs a byte; 0.1 s for 10,000 words). So when the line provably shapes as its pieces
    /// did apart, their cached metrics are added instead. That holds when every run is Latin
    /// in Inter (one shaping plan throughout), and every boundary between pieces either
    /// follows a space, with no glyph in the line that a rule matching a space may change
    /// (see [`SpaceFacts`]), or touches a grapheme no run includes (missing or control), which
    /// splits runs the same way in both cases. Otherwise the line is shaped.
    fn line_width(&mut self, pieces: &[Piece], line: &str) -> f64 {
        let Some(last) = pieces.last() else {
            return 0.0;
        };
        if pieces.len() == 1 && last.content_end > last.start {
            // The line is the piece's content, already measured.
            return last.content.em();
        }
        // A trailing white-space-only piece moves the trimmed end before its start.
        let simple = last.content_end > last.start
            && pieces.iter().enumerate().all(|(k, p)| {
                let m = if k + 1 == pieces.len() {
                    p.content
                } else {
                    p.full
                };
                m.summable && (k == 0 || self.boundary_is_inert(p.start))
            });
        if !simple {
            return self.metrics(line).em();
        }
        let mut sum = Metrics::default();
        for (k, p) in pieces.iter().enumerate() {
            sum = sum.then(if k + 1 == pieces.len() {
                p.content
            } else {
                p.full
            });
        }
        sum.em()
    }

    /// Whether shaping across byte offset `at` (a piece boundary) gives the same glyphs and
    /// advances as shaping the two sides apart. See [`Wrapper::line_width`].
    pub(super) fn boundary_is_inert(&self, at: usize) -> bool {
        let text = self.text;
        // ASCII around the boundary: each side's grapheme is one character (only CR LF joins
        // two ASCII characters, and only what is not ASCII joins one), so no segmenting.
        let b = text.as_bytes();
        let alone = |i: usize, next: Option<&u8>, prev: Option<&u8>| {
            b.get(i).is_some_and(u8::is_ascii)
                && next.is_none_or(|&n| n.is_ascii() && !(b[i] == b'\r' && n == b'\n'))
                && prev.is_none_or(|&p| p.is_ascii() && !(p == b'\r' && b[i] == b'\n'))
        };
        if at > 0
            && alone(at - 1, b.get(at), at.checked_sub(2).and_then(|k| b.get(k)))
            && alone(at, b.get(at + 1), b.get(at - 1))
        {
            let primary = &light(self.weight).face;
            let unshaped =
                |c: u8| c.is_ascii_control() || primary.glyph_index(char::from(c)).is_none();
            return b[at - 1] == b' ' || unshaped(b[at - 1]) || unshaped(b[at]);
        }
        self.boundary_is_inert_by_graphemes(at)
    }

    /// [`Wrapper::boundary_is_inert`] for any text, by grapheme segmentation.
    pub(super) fn boundary_is_inert_by_graphemes(&self, at: usize) -> bool {
        let text = self.text;
        let mut cursor = GraphemeCursor::new(at, text.len(), true);
        if cursor.is_boundary(text, 0) != Ok(true) {
            // A combining mark after a space, say: the shaper sees one cluster.
            return false;
        }
        let primary = inter().face(self.weight);
        let unshaped = |g: Option<&str>| {
            g.is_some_and(|g| g.chars().all(char::is_control) || !covers(primary, g))
        };
        let before = text[..at].graphemes(true).next_back();
        let after = text[at..].graphemes(true).next();
        before == Some(" ") || unshaped(before) || unshaped(after)
    }
}
