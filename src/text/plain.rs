//! Widths of plain Latin text from a table instead of the shaper: per weight, which characters
//! are "plain" (no rule of default shaping acts on them but pair kerning), each one's width
//! alone, and each pair's kerning, as rustybuzz gives them (`plain-widths.bin`, written by the
//! test in `facts.rs`). Uses the fonts' [`Weight`].

use super::fonts::Weight;

/// Widths of text made only of "plain" Latin characters, which shape as the sum of their parts:
/// [`facts::plain_glyphs`] finds the glyphs of [`TABLE_CHARS`] that no rule of default shaping
/// starts on except pair kerning and single adjustments, and a test writes, per weight, which
/// of those characters are plain and what rustybuzz gives for each shaped alone and for each
/// pair (`BLESS=1 cargo test --lib text::facts`). A word's shaped width is then its characters'
/// widths plus its adjacent pairs' kerning, with no shaping: rustybuzz spends about 25,000
/// instructions on even a short word, mostly running its lookups over it.
/// Layout per weight (little-endian): a 256-bit mask of plain characters by table index (four
/// `u64`s); [`TABLE_CHARS`] `i16` shaped widths alone; as many `i16` nominal advances; and
/// [`TABLE_CHARS`]² `i16` kernings of (first, second).
pub(super) static PLAIN_WIDTHS: &[u8] = include_bytes!("plain-widths.bin");

/// The characters of [`PLAIN_WIDTHS`], by index: printable ASCII (U+0020 to U+007E), Latin-1's
/// (U+00A0 to U+00FF, but the soft hyphen U+00AD, which shapers hide), then these
/// typographic marks.
pub(super) const TABLE_EXTRA: [char; 9] = ['–', '—', '‘', '’', '“', '”', '…', '•', '€'];

/// How many characters [`PLAIN_WIDTHS`] covers.
pub(super) const TABLE_CHARS: usize = 95 + 95 + TABLE_EXTRA.len();

/// Bytes of [`PLAIN_WIDTHS`] per weight.
pub(super) const TABLE_WEIGHT_BYTES: usize = 32 + 4 * TABLE_CHARS + 2 * TABLE_CHARS * TABLE_CHARS;

/// The index of `c` in [`PLAIN_WIDTHS`], if it has one.
pub(super) fn table_index(c: char) -> Option<usize> {
    let u = c as usize;
    match u {
        0x20..=0x7e => Some(u - 0x20),
        0xa0..=0xac => Some(95 + u - 0xa0),
        0xae..=0xff => Some(95 + u - 0xa1),
        _ => TABLE_EXTRA.iter().position(|&e| e == c).map(|k| 190 + k),
    }
}

/// The character of index `i` of [`PLAIN_WIDTHS`]: the inverse of [`table_index`].
#[cfg(test)]
pub(super) fn table_char(i: usize) -> char {
    let u = match i {
        0..95 => 0x20 + i,
        95..108 => 0xa0 + i - 95,
        108..190 => 0xa1 + i - 95,
        _ => return TABLE_EXTRA[i - 190],
    };
    char::from_u32(u as u32).unwrap_or(' ')
}

/// The shaped and nominal widths of `text`, in font units, if every character of it is plain
/// in `weight` (see [`PLAIN_WIDTHS`]): what [`shaped_units`] and the nominal sum give for it,
/// without shaping.
#[cfg(test)]
pub(super) fn plain_units(text: &str, weight: Weight) -> Option<(i64, i64)> {
    plain_measure(text, weight, &[]).map(|(shaped, sum, _)| (shaped, sum))
}

/// [`plain_units`], and the low two bits of `flags` (by table index; none when empty) of
/// every character or'ed together.
pub(super) fn plain_measure(text: &str, weight: Weight, flags: &[u8]) -> Option<(i64, i64, u8)> {
    let w = weight as usize;
    let table = PLAIN_WIDTHS.get(w * TABLE_WEIGHT_BYTES..(w + 1) * TABLE_WEIGHT_BYTES)?;
    let at = |k: usize| i64::from(i16::from_le_bytes([table[k], table[k + 1]]));
    let plain = |i: usize| (table[i / 8] >> (i % 8)) & 1 == 1;
    let (alone, nominal, kern) = (32, 32 + 2 * TABLE_CHARS, 32 + 4 * TABLE_CHARS);
    let (mut shaped, mut sum, mut bits) = (0, 0, 0);
    let mut prev: Option<usize> = None;
    for c in text.chars() {
        let i = table_index(c).filter(|&i| plain(i))?;
        bits |= flags.get(i).map_or(0, |b| b & 3);
        shaped += at(alone + 2 * i);
        sum += at(nominal + 2 * i);
        if let Some(p) = prev {
            shaped += at(kern + 2 * (p * TABLE_CHARS + i));
        }
        prev = Some(i);
    }
    prev.map(|_| (shaped, sum, bits))
}
