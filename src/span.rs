//! Source text and positions: `Source` (a named text with its line starts), byte-range `Span`s,
//! and `Spanned<T>`, a value with the span it came from. Line and column are computed only when a
//! diagnostic is printed. Uses nothing else in the crate.

use serde::Serialize;

/// A byte range `start..end` in one [`Source`]'s text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// The span `start..end` (bytes).
    pub fn new(start: usize, end: usize) -> Span {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX).max(start);
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

/// A value and the span of source text it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs `value` with `span`.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// One input file: its display name and its text, with the byte offset of each line start
/// (found when first asked for: a valid blueprint that is rendered never needs them).
#[derive(Clone, Debug)]
pub struct Source {
    name: String,
    text: String,
    line_starts: std::sync::OnceLock<Vec<u32>>,
}

impl Source {
    /// A source called `name` (a path as the user typed it, or `<stdin>`).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
        }
    }

    /// The byte offset of each line start, the first line's (0) included.
    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0u32];
            let bytes = self.text.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                // CR LF, lone LF and lone CR all end a line, as YAML says.
                let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
                if ends_line {
                    starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
                }
            }
            starts
        })
    }

    /// The display name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The full text, BOM included if the file had one.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text under `span` (empty if the span is out of range or splits a character).
    pub fn slice(&self, span: Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }

    /// 1-based line and column (in characters, a BOM not counted) of byte `offset`.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let offset = offset.min(self.text.len() as u32);
        let starts = self.line_starts();
        let line = match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = starts[line] as usize;
        let mut end = offset as usize;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let prefix = &self.text[start..end];
        let prefix = prefix.strip_prefix('\u{feff}').unwrap_or(prefix);
        (line + 1, prefix.chars().count() + 1)
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = starts.get(line).map_or(self.text.len(), |&e| e as usize);
        self.text[start as usize..end].trim_end_matches(['\n', '\r'])
    }

    /// Byte offset of the start of 1-based `line`, column `col` (in characters).
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts().get(line.wrapping_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start as usize..];
        let skip_bom = if line == 1 && rest.starts_with('\u{feff}') {
            3
        } else {
            0
        };
        let rest = &rest[skip_bom..];
        let within = rest
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i);
        start as usize + skip_bom + within
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_crlf_and_bom() {
        let s = Source::new("t", "\u{feff}a: 1\r\nbé: 2\rc: 3\n");
        assert_eq!(s.line_col(3), (1, 1));
        let b = s.text().find('b').unwrap() as u32;
        assert_eq!(s.line_col(b), (2, 1));
        let two = s.text().find('2').unwrap() as u32;
        assert_eq!(s.line_col(two), (2, 5));
        let c = s.text().find('c').unwrap() as u32;
        assert_eq!(s.line_col(c), (3, 1));
        assert_eq!(s.line_text(2), "bé: 2");
        assert_eq!(s.offset_of(2, 5), two as usize);
        assert_eq!(s.offset_of(1, 1), 3);
    }
}
