//! Combining marks per grapheme, counted and capped at [`limits::MAX_MARKS_PER_GRAPHEME`]. Ten
//! thousand marks on one letter are one grapheme to the wrapper, but a viewer stacks them into
//! a column up through the header and off the image (and marks the font lacks are boxes drawn
//! side by side over the next card). Validation warns (`combining-marks`) and keeps the text
//! whole in the blueprint; `text` measures, wraps and draws the capped text. Uses limits.

use crate::limits;
use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;

/// True for the characters of a grapheme that are not marks: the joiner and the emoji after
/// it, variation selectors, skin-tone modifiers and tag characters (flag sequences), which
/// emoji sequences are made of and which a viewer does not stack.
fn is_sequence_part(c: char) -> bool {
    matches!(u32::from(c),
        0x200D | 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0x1F1E6..=0x1F1FF)
}

/// The marks of grapheme `g`: its characters after the first that are not sequence parts
/// (nor the character right after a joiner), with their byte offsets.
pub(crate) fn marks(g: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut after_joiner = false;
    g.char_indices().skip(1).filter(move |&(_, c)| {
        let mark = !is_sequence_part(c) && !after_joiner;
        after_joiner = c == '\u{200D}';
        mark
    })
}

/// How many marks of `text` are past the cap, over all its graphemes (0 for most text).
pub(crate) fn excess(text: &str) -> usize {
    if text.is_ascii() {
        return 0;
    }
    text.graphemes(true)
        .map(|g| {
            marks(g)
                .count()
                .saturating_sub(limits::MAX_MARKS_PER_GRAPHEME)
        })
        .sum()
}

/// `text` with each grapheme's marks past the cap left out (borrowed when none is).
pub(crate) fn capped(text: &str) -> Cow<'_, str> {
    if excess(text) == 0 {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for g in text.graphemes(true) {
        let mut kept = 0;
        let mut drop_from = g.len();
        for (at, _) in marks(g) {
            kept += 1;
            if kept > limits::MAX_MARKS_PER_GRAPHEME {
                drop_from = at;
                break;
            }
        }
        // Sequence parts after the cut go too: what is left is the base and its first marks.
        out.push_str(&g[..drop_from]);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_past_the_cap_are_left_out_on_both_sides() {
        let cap = limits::MAX_MARKS_PER_GRAPHEME;
        let at = format!("e{}x", "\u{301}".repeat(cap));
        assert_eq!(excess(&at), 0);
        assert_eq!(capped(&at), at.as_str());
        let over = format!("e{}x", "\u{301}".repeat(cap + 1));
        assert_eq!(excess(&over), 1);
        assert_eq!(capped(&over), at);
        let bomb = format!("a{}b{}", "\u{489}".repeat(10_000), "\u{301}".repeat(3));
        assert_eq!(excess(&bomb), 10_000 - cap);
        assert_eq!(
            capped(&bomb),
            format!("a{}b{}", "\u{489}".repeat(cap), "\u{301}".repeat(3))
        );
    }

    #[test]
    fn emoji_sequences_and_plain_text_are_not_marks() {
        for s in [
            "plain ASCII",
            "Ünïcödé, 東京, عربي",
            "👨\u{200D}👩\u{200D}👧\u{200D}👦",
            "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
            "👍🏽 🇫🇷 ❤\u{FE0F}",
        ] {
            assert_eq!(excess(s), 0, "{s}");
            assert!(matches!(capped(s), Cow::Borrowed(_)));
        }
    }
}
