//! Text measurement with the bundled Inter font (`assets/`), shaped by rustybuzz, and line
//! wrapping by Unicode rules. Layout measures and wraps; render never does. Uses nothing else in
//! the crate. (Stub API: implemented in issue 4.)

/// Font weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weight {
    /// Inter Regular.
    Regular,
    /// Inter Bold.
    Bold,
}

/// One wrapped line and its measured width.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The text of the line (no trailing break).
    pub text: String,
    /// Its width in px at the size it was wrapped for.
    pub width: f64,
}

/// Measures and wraps text with the bundled font.
#[derive(Debug, Default)]
pub struct Measure {}

impl Measure {
    /// A measurer over the bundled fonts.
    pub fn new() -> Measure {
        Measure {}
    }

    /// Width of `text` on one line at `size` px.
    pub fn width(&self, text: &str, size: f64, _weight: Weight) -> f64 {
        text.chars().count() as f64 * size * 0.6
    }

    /// `text` broken into lines no wider than `max_width` (a word longer than that is broken
    /// between graphemes). Explicit newlines are kept.
    pub fn wrap(&self, text: &str, size: f64, weight: Weight, max_width: f64) -> Vec<Line> {
        let _ = max_width;
        text.lines()
            .map(|l| Line {
                text: l.to_string(),
                width: self.width(l, size, weight),
            })
            .collect()
    }
}
