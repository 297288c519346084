//! Byte offsets ↔ LSP positions: a line and a column counted in UTF-16 code units, as LSP 3.17
//! requires by default (the only encoding every client supports). Lines end at LF, CR LF or a
//! lone CR, as in YAML and in LSP.

use lsp_types::{Position, Range};

/// The line starts of one text.
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    /// The line starts of `text`.
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        Lines { starts }
    }

    /// The position of byte `offset` of `text` (clamped to the text, and back to a character
    /// boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let column: usize = text[self.starts[line]..offset]
            .chars()
            .map(char::len_utf16)
            .sum();
        Position::new(to_u32(line), to_u32(column))
    }

    /// The range of bytes `start..end` of `text`.
    pub fn range(&self, text: &str, span: blueprint::span::Span) -> Range {
        Range::new(
            self.position(text, span.start as usize),
            self.position(text, span.end as usize),
        )
    }

    /// The byte offset of `pos` in `text`: a column past the line's end is its end (before the
    /// line break), a line past the last is the text's end, and a column inside a character
    /// (between a surrogate pair's halves) is that character's start.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(pos.line as usize + 1)
            .map_or(text.len(), |&e| e);
        let line = text[start..end].trim_end_matches(['\n', '\r']);
        let mut units = 0usize;
        for (i, c) in line.char_indices() {
            units += c.len_utf16();
            if units > pos.character as usize {
                return start + i;
            }
        }
        start + line.len()
    }

    /// The text of line `line` (0-based), without its line break.
    pub fn line<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let Some(&start) = self.starts.get(line) else {
            return "";
        };
        let end = self.starts.get(line + 1).map_or(text.len(), |&e| e);
        text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// How many lines the text has.
    pub fn count(&self) -> usize {
        self.starts.len()
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_utf16_code_units() {
        let text = "a: é😀x\r\nb: 1\rc\n";
        let lines = Lines::new(text);
        let x = text.find('x').unwrap();
        // `a: ` 3, é 1, 😀 2 (a surrogate pair): x is at column 6 of line 0.
        assert_eq!(lines.position(text, x), Position::new(0, 6));
        assert_eq!(lines.offset(text, Position::new(0, 6)), x);
        assert_eq!(
            lines.position(text, text.find('b').unwrap()),
            Position::new(1, 0)
        );
        assert_eq!(
            lines.position(text, text.find('c').unwrap()),
            Position::new(2, 0)
        );
        assert_eq!(
            lines.offset(text, Position::new(0, 99)),
            text.find('\r').unwrap()
        );
        assert_eq!(lines.offset(text, Position::new(9, 0)), text.len());
        assert_eq!(lines.line(text, 1), "b: 1");
    }
}
