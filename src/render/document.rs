//! [`Document`]: an SVG document in the pieces it was written in, kept apart all the way to the
//! file. Uses nothing else in the crate.

/// An SVG document as it was written: its text in pieces, in order. The pieces are made on
/// different threads (the font subsets, the two halves of the cards), and are written out as
/// they are rather than first copied into one string (at 1,000 steps that copy was 1 MB of
/// fresh memory and a 2 MB move).
#[derive(Clone, Debug, Default)]
pub struct Document {
    parts: Vec<String>,
}

impl Document {
    /// The pieces, in order; their concatenation is the document.
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().map(String::as_str)
    }

    /// The document's length in bytes.
    pub fn len(&self) -> usize {
        self.parts.iter().map(String::len).sum()
    }

    /// Whether the document is empty (it never is when [`svg`](super::svg) made it).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The document as one string.
    pub fn into_string(self) -> String {
        self.parts.concat()
    }

    /// The pieces as bytes, for [`crate::write::atomic_parts`].
    pub fn byte_parts(&self) -> Vec<&[u8]> {
        self.parts.iter().map(String::as_bytes).collect()
    }

    pub(crate) fn from_parts(parts: Vec<String>) -> Document {
        Document {
            parts: parts.into_iter().filter(|p| !p.is_empty()).collect(),
        }
    }
}

impl std::fmt::Display for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.parts.iter().try_for_each(|p| f.write_str(p))
    }
}
