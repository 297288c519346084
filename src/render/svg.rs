//! The SVG writer: one pass over the [`Layout`], in model order, every number through [`fmt_num`]
//! and every piece of user text through [`escape`].
//!
//! Why not the `svg` crate: the contract (svg-output.md) forbids whitespace between a `<text>`'s
//! tags and its `<tspan>`s, because viewers render that newline as a real space at the end of each
//! line, widening the text past its measured box. `svg` 0.18 pretty-prints every child on its own
//! line and has no option to stop it, so this small writer emits the few elements we need itself,
//! with one escaping function for text and attributes alike.
//! Uses `layout`, `theme` (via `css.rs`) and `geom`.

use super::{Document, SvgOptions, TextMode, css, font};
use crate::geom::Point;
use crate::layout::{Badge, ItemBox, Layout, LegendEntry, LegendKind, Mark, Text, TextLine};
use crate::model::{FlowStyle, Touchpoint};
use crate::text::{FontKey, Measure, Segment, Weight};
use crate::theme::Theme;
use arrayvec::ArrayString;
use std::collections::HashMap;
use std::fmt::Write;

/// `x` with at most two decimals, trailing zeros trimmed, never `-0`, never an exponent; a value
/// that is not finite (which layout never produces) is written as `0` so the SVG stays valid.
/// On the stack: this runs for every coordinate of the document.
pub fn fmt_num(x: f64) -> Num {
    if !x.is_finite() {
        return Num::hundredths(0);
    }
    // Beyond 1e12 the scaled value would lose its integer digits; such sizes have no fraction
    // worth keeping anyway.
    if x.abs() >= 1e12 {
        let s = format!("{:.0}", x.round());
        return Num(Digits::Long(if s == "-0" { "0".to_string() } else { s }));
    }
    // Hundredths as an integer (exact below 1e14), written without float formatting.
    Num::hundredths((x * 100.0).round() as i64)
}

/// A number as [`fmt_num`] writes it: inline for every size a layout makes. Read it as a
/// `&str` (it derefs to one) or through `Display`.
#[derive(Clone, Debug)]
pub struct Num(Digits);

#[derive(Clone, Debug)]
enum Digits {
    /// Up to 23 bytes: any `i64` count of hundredths. Kept as a string (`ArrayString` holds
    /// its UTF-8 proof), so reading it back needs no validation (that was 1 % of a 1000-step
    /// render's instructions).
    Short(ArrayString<24>),
    /// The digits of a number beyond 1e12.
    Long(String),
}

impl Num {
    /// `k` hundredths: the integer part, then `.d` or `.dd` without trailing zeros.
    fn hundredths(k: i64) -> Num {
        let a = k.unsigned_abs();
        let (int, frac) = (a / 100, a % 100);
        // At most 17 digits, a sign and `.dd`: always room. The integer part by `itoa`, which
        // hands its digits over as a `str` (one copy, not a push per digit).
        let mut digits = ArrayString::new();
        if k < 0 {
            digits.push('-');
        }
        digits.push_str(itoa::Buffer::new().format(int));
        if frac != 0 {
            digits.push('.');
            digits.push(char::from(b'0' + (frac / 10) as u8));
            if frac % 10 != 0 {
                digits.push(char::from(b'0' + (frac % 10) as u8));
            }
        }
        Num(Digits::Short(digits))
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Digits::Short(s) => s,
            Digits::Long(s) => s,
        }
    }
}

impl std::ops::Deref for Num {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl PartialEq<&str> for Num {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Num {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Num> for str {
    fn eq(&self, other: &Num) -> bool {
        self == other.as_str()
    }
}

/// The bytes [`escape`] has to look at: C0 controls, `& < > " '`, and 0xEF (the lead byte of
/// U+FFFE and U+FFFF).
static ESCAPE_LOOK: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[0xEF] = true;
    t
};

/// Appends `s` escaped for XML 1.0 text and attribute values alike: `& < > " '` become
/// references, tabs and line breaks become character references (attribute values would
/// otherwise normalise them to spaces), and characters XML 1.0 cannot carry (C0 controls,
/// U+FFFE, U+FFFF) are dropped. `]]>` cannot survive since `>` is always escaped.
pub fn escape(s: &str, out: &mut String) {
    // Byte-wise, copying the runs between replacements whole: every byte of a multi-byte
    // character is >= 0x80, so only ASCII bytes and the lead of U+FFFE/U+FFFF need a look.
    let bytes = s.as_bytes();
    let (mut i, mut run) = (0, 0);
    while i < bytes.len() {
        // Most bytes need nothing: skip them with one table look each.
        if !ESCAPE_LOOK[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let (replacement, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            b'\t' => ("&#9;", 1),
            b'\n' => ("&#10;", 1),
            b'\r' => ("&#13;", 1),
            0..=0x1f => ("", 1),
            // U+FFFE and U+FFFF: EF BF BE, EF BF BF.
            0xEF if bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) =>
            {
                ("", 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[run..i]);
        out.push_str(replacement);
        i += len;
        run = i;
    }
    out.push_str(&s[run..]);
}

/// A tiny element writer over one `String`.
struct W<'a> {
    out: String,
    opts: &'a SvgOptions<'a>,
    /// Glyph outlines already converted, by font, glyph, font size (its bits) and slant.
    glyphs: HashMap<(FontKey, u16, u64, bool), GlyphPath>,
    /// The characters written as text, by weight (for the font subsets).
    used: font::Used,
}

/// Room reserved per card when the document's buffer is made (a card with text and one
/// fail point writes about 300 bytes; pages reserved but never written cost nothing).
const CARD_BYTES: usize = 1024;

impl<'a> W<'a> {
    /// A writer into an empty buffer with room for `capacity` bytes.
    fn new(opts: &'a SvgOptions<'a>, capacity: usize) -> W<'a> {
        W {
            out: String::with_capacity(capacity),
            opts,
            glyphs: HashMap::new(),
            used: font::Used::default(),
        }
    }

    /// Opens `<name` and writes the attributes; `close` ends with `/>`, else with `>`.
    fn open(&mut self, name: &str, attrs: &[(&str, &str)], close: bool) {
        self.start(name, attrs);
        self.out.push_str(if close { "/>\n" } else { ">" });
        if !close && name != "text" && name != "title" && name != "desc" && name != "style" {
            self.out.push('\n');
        }
    }

    /// `<name` and the attributes, the tag left open for more.
    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.attr(k, v);
        }
    }

    /// One attribute, ` k="v"`, its value escaped.
    fn attr(&mut self, k: &str, v: &str) {
        self.out.push(' ');
        self.out.push_str(k);
        self.out.push_str("=\"");
        escape(v, &mut self.out);
        self.out.push('"');
    }

    fn end(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.open(name, attrs, true);
    }

    /// One attribute whose value is a number, ` k="v"`: only digits, `-` and `.`, so it is
    /// copied without the scan for characters to escape (a large diagram spent 2 % of its
    /// instructions scanning the numbers of its rects). Inlined: as a call it cost half of
    /// what skipping the scan saves.
    #[inline(always)]
    fn attr_num(&mut self, k: &str, v: f64) {
        self.out.push(' ');
        self.out.push_str(k);
        self.out.push_str("=\"");
        self.out.push_str(&fmt_num(v));
        self.out.push('"');
    }

    /// A `<rect>`, as [`W::empty`] writes it (a card has two).
    fn rect(&mut self, class: &str, r: &crate::geom::Rect, radius: f64) {
        self.start("rect", &[("class", class)]);
        self.attr_num("x", r.x);
        self.attr_num("y", r.y);
        self.attr_num("width", r.w);
        self.attr_num("height", r.h);
        if radius > 0.0 {
            self.attr_num("rx", radius);
        }
        self.out.push_str("/>\n");
    }

    fn circle(&mut self, class: &str, c: Point, r: f64, extra: &[(&str, &str)]) {
        let (x, y, r) = (fmt_num(c.x), fmt_num(c.y), fmt_num(r));
        let mut a = vec![("class", class), ("cx", &x), ("cy", &y), ("r", &r)];
        a.extend_from_slice(extra);
        self.empty("circle", &a);
    }

    /// A text block: one `<text>` with one `<tspan>` per line, all on one line of output (no
    /// whitespace between the tags, see the module doc); or, with [`TextMode::Paths`], its
    /// glyph outlines. Nothing for an empty block.
    fn text(&mut self, class: &str, t: &Text) {
        self.text_styled(class, t, Style::default());
    }

    /// [`W::text`] for a block the stylesheet underlines or slants, which outlines must draw
    /// themselves.
    fn text_styled(&mut self, class: &str, t: &Text, style: Style) {
        if t.is_empty() {
            return;
        }
        let weight = if t.bold {
            Weight::Bold
        } else {
            Weight::Regular
        };
        if self.opts.text == TextMode::Paths {
            return self.text_paths(class, t, weight, style);
        }
        let size = fmt_num(t.size);
        let a = [
            ("class", class),
            ("font-size", &size),
            ("font-weight", "700"),
        ];
        let from = usize::from(class.is_empty());
        self.start("text", &a[from..if t.bold { 3 } else { 2 }]);
        // Slanted by a shear about y = 0 (x' = x − OBLIQUE·y), so each line's x is moved by
        // as much the other way: its baseline stays where it was laid out, and the glyphs
        // lean right above it as the outlines do.
        let shear = if style.italic && self.opts.slant_italics {
            self.out.push_str(SHEAR);
            OBLIQUE
        } else {
            0.0
        };
        self.out.push('>');
        for l in &t.lines {
            self.used.add(&l.text, weight);
            self.out.push_str("<tspan x=\"");
            self.out.push_str(&fmt_num(l.x + shear * l.y));
            self.out.push_str("\" y=\"");
            self.out.push_str(&fmt_num(l.y));
            self.out.push_str("\">");
            escape(&l.text, &mut self.out);
            self.out.push_str("</tspan>");
        }
        self.out.push_str("</text>\n");
    }

    /// A text block as glyph outlines: a `<g>` with the block's class and `text` (so the
    /// stylesheet's `text` rules, written as `.text`, still colour it), its words in
    /// `aria-label`, and one `<path>` per line.
    fn text_paths(&mut self, class: &str, t: &Text, weight: Weight, style: Style) {
        let class = if class.is_empty() {
            "text".to_string()
        } else {
            format!("{class} text")
        };
        let words: Vec<&str> = t.lines.iter().map(|l| l.text.as_str()).collect();
        let label = words.join(" ");
        self.open("g", &[("class", &class), ("aria-label", &label)], false);
        for l in &t.lines {
            let d = self.line_path(l, t.size, weight, style);
            if !d.is_empty() {
                // Path data is only ASCII letters, digits, `-`, `.` and spaces: nothing to
                // escape, and megabytes of it at 200 steps, so it is not run through `escape`.
                let _ = writeln!(self.out, "<path d=\"{d}\"/>");
            }
        }
        self.end("g");
    }

    /// Path data for one line: each glyph placed by the shaping that measured the line, and
    /// the underline as resvg draws it.
    fn line_path(&mut self, l: &TextLine, size: f64, weight: Weight, style: Style) -> String {
        let measure = self.opts.measure;
        let (glyphs, advance) = measure.glyphs(&l.text, weight);
        let mut d = String::new();
        let (x0, y0) = (hundredths(l.x), hundredths(l.y));
        let slant = if style.italic { OBLIQUE } else { 0.0 };
        for g in glyphs {
            let path = self
                .glyphs
                .entry((g.font, g.id, size.to_bits(), style.italic))
                .or_insert_with(|| GlyphPath::new(&measure.outline(g.font, g.id), size, slant));
            if path.tail.is_empty() {
                continue;
            }
            let x = x0 + hundredths(g.x * size) + path.start.0;
            let y = y0 - hundredths(g.y * size) + path.start.1;
            push_command(&mut d, 'M', &[x, y]);
            d.push_str(&path.tail);
        }
        if style.underline && advance > 0.0 {
            let (below, thickness) = Measure::underline(weight);
            let (w, t) = (
                hundredths(advance * size),
                hundredths(thickness * size).max(1),
            );
            let top = y0 + hundredths(below * size) - t / 2;
            push_command(&mut d, 'M', &[x0, top]);
            push_command(&mut d, 'h', &[w]);
            push_command(&mut d, 'v', &[t]);
            push_command(&mut d, 'h', &[-w]);
            d.push('z');
        }
        d
    }
}

/// How the stylesheet dresses a text block beyond colour and weight: what outlines must draw
/// themselves. (`<text>` gets it from the class rules.)
#[derive(Clone, Copy, Default)]
struct Style {
    /// `text-decoration: underline`.
    underline: bool,
    /// `font-style: italic`. No italic face is bundled, so browsers slant the regular one.
    italic: bool,
}

/// The slant of outlined italic text, as a horizontal shift per unit of height: tan 14°, the
/// angle CSS gives `oblique` and Chromium gives an italic it synthesises from an upright face.
const OBLIQUE: f64 = 0.25;

/// [`OBLIQUE`] as the `transform` of a `<text>` (with [`SvgOptions::slant_italics`]).
const SHEAR: &str = " transform=\"matrix(1 0 -0.25 1 0 0)\"";

/// Notes, the zone lines' labels and the stand-ins' words (`.note`, `.zone-rule text` and
/// `.stub .words` in the stylesheet).
const ITALIC: Style = Style {
    underline: false,
    italic: true,
};

/// Whether `l` has text the stylesheet sets in italic ([`ITALIC`]).
pub(super) fn has_italics(l: &Layout) -> bool {
    l.items.iter().any(|it| !it.note.is_empty())
        || l.zone_lines.iter().any(|z| !z.label.is_empty())
        || l.stubs.iter().any(|s| !s.text.is_empty())
}

/// One glyph's outline at one font size, in hundredths of a px (y down): where its first
/// contour starts, relative to the glyph's origin, and the rest as relative path data from
/// there. Rounded once, in the glyph's own frame, so every copy of a glyph is the same shape.
struct GlyphPath {
    start: (i64, i64),
    tail: String,
}

impl GlyphPath {
    /// The outline `segments` (em, y up) at `size` px, slanted by `slant` (0 for upright).
    fn new(segments: &[Segment], size: f64, slant: f64) -> GlyphPath {
        let h = |x: f64, y: f64| (hundredths((x + slant * y) * size), hundredths(-y * size));
        let mut start = None;
        let mut tail = String::new();
        // Current point, the start of the current contour, and the control point of the
        // previous segment if it was a quadratic curve (TrueType outlines are chains of them
        // whose on-curve points are mostly midpoints: `t` writes those with half the numbers).
        let (mut cur, mut first) = ((0, 0), (0, 0));
        let mut control: Option<(i64, i64)> = None;
        for s in segments {
            let mut next_control = None;
            match *s {
                Segment::Move(x, y) => {
                    let p = h(x, y);
                    if start.is_none() {
                        start = Some(p);
                    } else {
                        push_command(&mut tail, 'm', &[p.0 - cur.0, p.1 - cur.1]);
                    }
                    (cur, first) = (p, p);
                }
                Segment::Line(x, y) => {
                    let p = h(x, y);
                    match (p.0 - cur.0, p.1 - cur.1) {
                        (0, 0) => {}
                        (dx, 0) => push_command(&mut tail, 'h', &[dx]),
                        (0, dy) => push_command(&mut tail, 'v', &[dy]),
                        (dx, dy) => push_command(&mut tail, 'l', &[dx, dy]),
                    }
                    cur = p;
                }
                Segment::Quad(x1, y1, x, y) => {
                    let (c, p) = (h(x1, y1), h(x, y));
                    // The mirror of the last control point, as a viewer computes it for `t`;
                    // within a hundredth of this one's, it is this one, rounded differently.
                    let mirrored = control
                        .map(|k| (2 * cur.0 - k.0, 2 * cur.1 - k.1))
                        .filter(|m| (m.0 - c.0).abs() <= 1 && (m.1 - c.1).abs() <= 1);
                    if let Some(m) = mirrored {
                        push_command(&mut tail, 't', &[p.0 - cur.0, p.1 - cur.1]);
                        next_control = Some(m);
                    } else {
                        let r = [c.0 - cur.0, c.1 - cur.1, p.0 - cur.0, p.1 - cur.1];
                        push_command(&mut tail, 'q', &r);
                        next_control = Some(c);
                    }
                    cur = p;
                }
                Segment::Cubic(x1, y1, x2, y2, x, y) => {
                    let (c1, c2, p) = (h(x1, y1), h(x2, y2), h(x, y));
                    let r = [
                        c1.0 - cur.0,
                        c1.1 - cur.1,
                        c2.0 - cur.0,
                        c2.1 - cur.1,
                        p.0 - cur.0,
                        p.1 - cur.1,
                    ];
                    push_command(&mut tail, 'c', &r);
                    cur = p;
                }
                Segment::Close => {
                    tail.push('z');
                    cur = first;
                }
            }
            control = next_control;
        }
        match start {
            Some(start) => GlyphPath { start, tail },
            None => GlyphPath {
                start: (0, 0),
                tail: String::new(),
            },
        }
    }
}

/// `x` in hundredths, rounded (the precision of every number in the SVG).
fn hundredths(x: f64) -> i64 {
    if x.is_finite() {
        (x * 100.0).round() as i64
    } else {
        0
    }
}

/// Appends path command `cmd` with `args` in hundredths, written as [`fmt_num`] would write
/// them, separated by a space or by the minus sign of a negative number.
fn push_command(out: &mut String, cmd: char, args: &[i64]) {
    out.push(cmd);
    for (i, &h) in args.iter().enumerate() {
        if h >= 0 && i > 0 {
            out.push(' ');
        }
        out.push_str(&Num::hundredths(h));
    }
}

/// Appends `lead` (a path command, or a space between a command's points) and `p` as `x y`.
/// Pushed piece by piece: `write!` cost about 900 instructions a point.
fn push_point(d: &mut String, lead: char, p: Point) {
    d.push(lead);
    d.push_str(fmt_num(p.x).as_str());
    d.push(' ');
    d.push_str(fmt_num(p.y).as_str());
}

fn path_d(points: &[Point]) -> String {
    let mut d = String::with_capacity(points.len() * 16);
    push_polyline(&mut d, points);
    d
}

/// Path data through `points`: a move to the first, a line to each of the others.
fn push_polyline(d: &mut String, points: &[Point]) {
    for (i, &p) in points.iter().enumerate() {
        push_point(d, if i == 0 { 'M' } else { 'L' }, p);
    }
}

/// The vertical rule that marks a note, on an item and in the legend alike.
fn note_rule(w: &mut W<'_>, x: f64, y1: f64, y2: f64) {
    let (x, y1, y2) = (fmt_num(x), fmt_num(y1), fmt_num(y2));
    w.empty(
        "line",
        &[
            ("class", "note-rule"),
            ("x1", &x),
            ("y1", &y1),
            ("x2", &x),
            ("y2", &y2),
        ],
    );
}

/// The family name of the embedded fonts: the diagram's own, so an SVG inlined in an HTML page
/// (where `@font-face` rules are global) neither replaces the page's own Inter with a subset
/// nor has its subset replaced by another diagram's.
fn embedded_family(prefix: &str) -> String {
    format!("{prefix}-inter")
}

/// The whole document.
pub(super) fn document(l: &Layout, theme: &Theme, opts: &SvgOptions<'_>) -> Document {
    document_split(l, theme, opts, crate::parallel::TWO_THREADS_FROM)
}

/// The cards of a document, written first: they need no prefix, and the prefix needs them.
struct Cards {
    /// The cards as SVG, in two pieces (made on two threads).
    svg: [String; 2],
    /// The per-diagram prefix of classes and ids: a hash of the theme's name, of the layout
    /// but its cards ([`super::digest`]), and of each card as written, so it depends on the
    /// content only (never on time, paths or a counter, nor on which thread wrote what) and
    /// two diagrams on one page do not clash.
    prefix: String,
    /// The characters the whole document draws as text, in each weight.
    used: font::Used,
}

/// The cards `items` as SVG, the hash of each card's bytes, and the characters they draw. The
/// hashes are of the cards as text: outlines would give the same drawing another prefix.
fn some_cards(
    opts: &SvgOptions<'_>,
    items: &[ItemBox],
    radius: f64,
) -> (String, Vec<u64>, font::Used) {
    let mut w = W::new(opts, CARD_BYTES * items.len());
    let as_text = SvgOptions {
        text: TextMode::Text,
        ..*opts
    };
    let mut text = (opts.text != TextMode::Text).then(|| W::new(&as_text, CARD_BYTES));
    let mut hashes = Vec::with_capacity(items.len());
    for it in items {
        let start = w.out.len();
        item(&mut w, it, radius);
        let bytes = match &mut text {
            Some(t) => {
                t.out.clear();
                item(t, it, radius);
                t.out.as_bytes()
            }
            None => &w.out.as_bytes()[start..],
        };
        hashes.push(super::digest::Digest::of_bytes(bytes));
    }
    let used = text.map_or(w.used, |t| t.used);
    (w.out, hashes, used)
}

/// The cards of `l` and what follows from them; on two threads when `two`, the second taking
/// the larger share while this one hashes the rest of the layout (walking the cards field by
/// field cost as much as writing a third of them).
fn cards(l: &Layout, theme: &Theme, opts: &SvgOptions<'_>, two: bool) -> Cards {
    let n = l.items.len();
    let (first, second) = l.items.split_at(if two { n * 2 / 5 } else { n });
    let ((mut digest, (a, hashes_a, used_a)), (b, hashes_b, used_b)) = crate::parallel::both(
        || {
            let mut d = super::digest::Digest::new();
            // The theme is part of the content: the same blueprint in light and dark on one
            // page must not share ids or have one stylesheet restyle the other.
            d.value(&theme.name);
            d.value(l);
            (d, some_cards(opts, first, l.radius))
        },
        || some_cards(opts, second, l.radius),
        two,
    );
    digest.value(&[hashes_a, hashes_b].concat());
    let mut used = std::mem::take(&mut digest.used);
    used.absorb(used_a);
    used.absorb(used_b);
    Cards {
        svg: [a, b],
        prefix: format!("bp-{:012x}", digest.finish() >> 16),
        used,
    }
}

/// [`document`], on two threads from `two_threads_from` items on.
fn document_split(
    l: &Layout,
    theme: &Theme,
    opts: &SvgOptions<'_>,
    two_threads_from: usize,
) -> Document {
    let embed = opts.embed_font && opts.text == TextMode::Text;
    let two = l.items.len() >= two_threads_from;
    let Cards { svg, prefix, used } = cards(l, theme, opts, two);
    let family = embedded_family(&prefix);
    // The rest is written on two threads too: up to the cards on this one, after them on the
    // other. Font subsets for text beyond ASCII (as much work as the body of 200 steps) are
    // made on one more; ASCII text takes the bundled faces.
    let ((head, before), (after, faces)) = crate::parallel::both(
        || body(l, theme, opts, &prefix, embed.then_some(family.as_str())),
        || {
            crate::parallel::both(
                || tail(l, opts, &prefix),
                || embed.then(|| font::faces(&family, &used)),
                embed && used.needs_subset(),
            )
        },
        two,
    );
    // The `@font-face` rules go first in the `<style>` element, where the head ends; the cards
    // after the lanes. (`from_parts` drops the empty pieces: no faces, no second share.)
    let [cards_a, cards_b] = svg;
    let parts = [
        Some(head),
        faces,
        Some(before),
        Some(cards_a),
        Some(cards_b),
        Some(after),
    ];
    Document::from_parts(parts.into_iter().flatten().collect())
}

/// The document up to its cards, `p` being its prefix, without its `@font-face` rules: the head
/// (up to the opening `<style>` tag, where the rules go), and the rest; `family` names the
/// embedded fonts, if any.
fn body(
    l: &Layout,
    theme: &Theme,
    opts: &SvgOptions<'_>,
    p: &str,
    family: Option<&str>,
) -> (String, String) {
    let mut w = W::new(opts, 1024);
    let (width, height) = (fmt_num(l.size.w), fmt_num(l.size.h));
    let view = format!("0 0 {width} {height}");
    let (title_id, desc_id) = (format!("{p}-title"), format!("{p}-desc"));
    let labelled = if l.subtitle_text.is_some() {
        format!("{title_id} {desc_id}")
    } else {
        title_id.clone()
    };
    w.open(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("class", p),
            ("viewBox", &view),
            ("width", &width),
            ("height", &height),
            ("role", "img"),
            ("aria-labelledby", &labelled),
        ],
        false,
    );
    w.open("title", &[("id", &title_id)], false);
    escape(&l.title_text, &mut w.out);
    w.end("title");
    if let Some(s) = &l.subtitle_text {
        w.open("desc", &[("id", &desc_id)], false);
        escape(s, &mut w.out);
        w.end("desc");
    }
    w.open("style", &[], false);
    let head = std::mem::replace(
        &mut w.out,
        String::with_capacity(4096 + 512 * l.columns.len()),
    );
    // The stylesheet holds only theme data and base64 (no `<` or `&`), so it needs no CDATA.
    let css = css::Options {
        embedded_family: family,
        paths: opts.text == TextMode::Paths,
    };
    w.out.push_str(&css::stylesheet(p, theme, &css));
    if !l.stubs.is_empty() {
        w.out.push_str(&css::stub_stylesheet(p, theme, &css));
    }
    w.end("style");

    // Arrowheads: one marker per colour, oriented along the path (reversed at the start).
    w.open("defs", &[], false);
    let a = fmt_num(l.arrow);
    for (id, class) in [
        (format!("{p}-arrow"), "arrowhead"),
        (format!("{p}-arrow-cp"), "arrowhead cp"),
    ] {
        w.open(
            "marker",
            &[
                ("id", &id),
                ("viewBox", "0 0 10 10"),
                ("refX", "10"),
                ("refY", "5"),
                ("markerWidth", &a),
                ("markerHeight", &a),
                ("markerUnits", "userSpaceOnUse"),
                ("orient", "auto-start-reverse"),
            ],
            false,
        );
        w.empty("path", &[("class", class), ("d", "M0 0L10 5L0 10z")]);
        w.end("marker");
    }
    w.end("defs");

    w.rect(
        "background",
        &crate::geom::Rect::new(0.0, 0.0, l.size.w, l.size.h),
        0.0,
    );
    w.text("title", &l.title);
    w.text("subtitle", &l.subtitle);

    for ph in &l.phases {
        w.open("g", &[("class", "phase"), ("data-phase", &ph.id)], false);
        w.rect("band", &ph.rect, l.radius);
        w.text("", &ph.label);
        w.end("g");
    }
    for c in &l.columns {
        w.open("g", &[("class", "step"), ("data-step", &c.id)], false);
        w.rect("header", &c.header, l.radius);
        if let Some(b) = &c.badge {
            badge(&mut w, b);
        }
        w.text("", &c.label);
        w.text("duration", &c.duration);
        w.end("g");
    }
    for c in &l.stub_columns {
        w.open(
            "g",
            &[("class", "stub-steps"), ("data-steps", &c.id)],
            false,
        );
        w.rect("header", &c.header, l.radius);
        w.text("", &c.label);
        w.end("g");
    }
    for lane in &l.stub_lanes {
        w.open(
            "g",
            &[("class", "stub-lanes"), ("data-lanes", &lane.id)],
            false,
        );
        w.rect("band", &lane.rect, 0.0);
        w.rect("label-bg", &lane.label_rect, 0.0);
        w.text("", &lane.label);
        w.end("g");
    }
    for lane in &l.lanes {
        let class = format!("lane zone-{}", lane.zone.key());
        w.open("g", &[("class", &class), ("data-lane", &lane.id)], false);
        w.rect("band", &lane.rect, 0.0);
        w.rect("label-bg", &lane.label_rect, 0.0);
        w.text("", &lane.label);
        w.end("g");
    }
    // A hairline between lanes of one zone, whose bands share a tint (zone boundaries have
    // their labelled lines, or a change of tint).
    for pair in l.lanes.windows(2) {
        if pair[0].zone == pair[1].zone {
            let r = &pair[1].rect;
            let (x1, x2, y) = (fmt_num(r.x), fmt_num(r.right()), fmt_num(r.y));
            let class = format!("lane-rule zone-{}", pair[1].zone.key());
            w.empty(
                "line",
                &[
                    ("class", &class),
                    ("x1", &x1),
                    ("y1", &y),
                    ("x2", &x2),
                    ("y2", &y),
                ],
            );
        }
    }
    if let Some(e) = &l.emotion {
        w.open("g", &[("class", "emotion-band")], false);
        w.rect("plot", &e.band, l.radius);
        for lv in &e.levels {
            let (x1, x2, y) = (fmt_num(e.band.x), fmt_num(e.band.right()), fmt_num(lv.y));
            w.empty("line", &[("x1", &x1), ("y1", &y), ("x2", &x2), ("y2", &y)]);
        }
        w.open("g", &[("class", "scale")], false);
        w.text("", &e.title);
        for lv in &e.levels {
            w.text("", &lv.label);
        }
        w.end("g");
        w.end("g");
    }
    for z in &l.zone_lines {
        w.open("g", &[("class", "zone-rule")], false);
        let (x1, x2, y) = (fmt_num(z.x0), fmt_num(z.x1), fmt_num(z.y));
        w.empty(
            "line",
            &[
                ("class", z.kind.class()),
                ("x1", &x1),
                ("y1", &y),
                ("x2", &x2),
                ("y2", &y),
            ],
        );
        w.text_styled("", &z.label, ITALIC);
        w.end("g");
    }
    if let Some(e) = &l.emotion {
        w.open("g", &[("class", "emotion")], false);
        if let Some(first) = e.points.first() {
            let mut d = String::with_capacity(16 + 48 * e.curve.len());
            push_point(&mut d, 'M', first.at);
            for c in &e.curve {
                push_point(&mut d, 'C', c.c1);
                push_point(&mut d, ' ', c.c2);
                push_point(&mut d, ' ', c.to);
            }
            w.empty("path", &[("d", &d)]);
        }
        for pt in &e.points {
            let v = pt.value.to_string();
            w.circle(
                "emotion-point",
                pt.at,
                pt.radius,
                &[("data-step", &pt.step), ("data-emotion", &v)],
            );
        }
        w.end("g");
    }
    (head, w.out)
}

/// The document after its cards, `p` being its prefix: the stand-ins of a cut, the flows, their
/// labels and the legend.
fn tail(l: &Layout, opts: &SvgOptions<'_>, p: &str) -> String {
    let mut w = W::new(opts, 4096 + 512 * l.flows.len());
    // Stand-ins for the outside ends of a cut's stubs: not items (the SVG contract's `.item`s
    // are the blueprint's own), so they have a class of their own.
    for s in &l.stubs {
        w.open(
            "g",
            &[
                ("class", "stub"),
                ("data-id", &s.id),
                ("data-step", &s.step),
                ("data-lane", &s.lane),
            ],
            false,
        );
        w.rect("card", &s.rect, l.radius);
        w.text_styled("words", &s.text, ITALIC);
        w.end("g");
    }
    let (end, end_cp) = (format!("url(#{p}-arrow)"), format!("url(#{p}-arrow-cp)"));
    for f in &l.flows {
        let mut class = String::from("flow");
        if f.customer_path {
            class.push_str(" customer-path");
        }
        if f.style == FlowStyle::Dashed {
            class.push_str(" dashed");
        }
        if f.stub.is_some() {
            class.push_str(" stub");
        }
        let marker = if f.customer_path { &end_cp } else { &end };
        // As `W::empty` writes it, but the path data straight into the document: it is only
        // letters, digits, `-`, `.` and spaces, with nothing to escape.
        w.out.push_str("<path");
        w.attr("class", &class);
        w.attr("data-from", &f.from);
        w.attr("data-to", &f.to);
        w.out.push_str(" d=\"");
        push_polyline(&mut w.out, &f.points);
        w.out.push('"');
        w.attr("marker-end", marker);
        if f.both {
            w.attr("marker-start", marker);
        }
        // A stub names the step of its end outside the cut.
        if let Some(s) = &f.stub {
            let name = if s.outgoing {
                "data-to-step"
            } else {
                "data-from-step"
            };
            w.attr(name, &s.step);
        }
        w.out.push_str("/>\n");
    }
    // Labels last, so their background covers any arrow that crosses them.
    for f in &l.flows {
        if let Some(lb) = &f.label {
            w.open(
                "g",
                &[
                    ("class", "flow-label"),
                    ("data-from", &f.from),
                    ("data-to", &f.to),
                ],
                false,
            );
            w.rect("", &lb.rect, lb.rect.h.min(l.radius));
            w.text("", &lb.text);
            w.end("g");
        }
    }
    if let Some(lg) = &l.legend {
        w.open("g", &[("class", "legend")], false);
        w.rect("legend-box", &lg.rect, l.radius);
        for e in &lg.entries {
            legend_entry(&mut w, e, l, &end, &end_cp);
        }
        w.end("g");
    }
    w.end("svg");
    w.out
}

fn badge(w: &mut W<'_>, b: &Badge) {
    let class = format!("badge badge-{}", b.kind.key());
    shape(w, &class, b.kind, b.center, b.radius);
    w.text("badge-letter", &b.letter);
}

/// The badge shape of a category: circle, diamond, square, triangle (tell apart without colour).
fn shape(w: &mut W<'_>, class: &str, kind: Touchpoint, c: Point, r: f64) {
    let poly = |pts: &[(f64, f64)]| {
        pts.iter()
            .map(|(x, y)| format!("{},{}", fmt_num(c.x + x * r), fmt_num(c.y + y * r)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    match kind {
        Touchpoint::Brand => w.circle(class, c, r, &[]),
        Touchpoint::Partner => w.empty(
            "polygon",
            &[
                ("class", class),
                (
                    "points",
                    &poly(&[(0.0, -1.15), (1.15, 0.0), (0.0, 1.15), (-1.15, 0.0)]),
                ),
            ],
        ),
        Touchpoint::Customer => w.empty(
            "polygon",
            &[
                ("class", class),
                (
                    "points",
                    &poly(&[(-0.9, -0.9), (0.9, -0.9), (0.9, 0.9), (-0.9, 0.9)]),
                ),
            ],
        ),
        Touchpoint::Social => w.empty(
            "polygon",
            &[
                ("class", class),
                ("points", &poly(&[(0.0, -1.2), (1.1, 0.85), (-1.1, 0.85)])),
            ],
        ),
    }
}

fn mark(w: &mut W<'_>, class: &str, m: &Mark, clock: bool, text_class: &str) {
    w.open("g", &[("class", class)], false);
    w.circle("", m.center, m.radius, &[]);
    if clock {
        // Clock hands: to twelve and to three o'clock, proportional to the marker.
        let (c, r) = (m.center, m.radius);
        let d = format!(
            "M{} {}L{} {}L{} {}",
            fmt_num(c.x),
            fmt_num(c.y - 0.6 * r),
            fmt_num(c.x),
            fmt_num(c.y),
            fmt_num(c.x + 0.45 * r),
            fmt_num(c.y)
        );
        w.empty("path", &[("class", "hands"), ("d", &d)]);
    }
    w.text("glyph", &m.glyph);
    w.text(text_class, &m.text);
    w.end("g");
}

fn item(w: &mut W<'_>, it: &ItemBox, radius: f64) {
    let class = ["item zone-", it.zone.key()].concat();
    w.open(
        "g",
        &[
            ("class", &class),
            ("data-id", &it.id),
            ("data-step", &it.step),
            ("data-lane", &it.lane),
        ],
        false,
    );
    if let Some(href) = &it.link {
        w.open("a", &[("href", href)], false);
    }
    w.rect("card", &it.rect, radius);
    // A linked item's words are underlined (`a .words` in the stylesheet).
    let link = Style {
        underline: it.link.is_some(),
        italic: false,
    };
    w.text_styled("words", &it.text, link);
    if let Some(f) = &it.fail {
        mark(w, "fail-point", f, false, "cause");
    }
    if let Some(wt) = &it.wait {
        mark(w, "wait-point", wt, true, "length");
    }
    if !it.note.is_empty() {
        let r = &it.note.rect;
        note_rule(w, r.x - it.note.size / 2.0, r.y, r.bottom());
        w.text_styled("note", &it.note, ITALIC);
    }
    if it.link.is_some() {
        w.end("a");
    }
    w.end("g");
}

fn legend_entry(w: &mut W<'_>, e: &LegendEntry, l: &Layout, end: &str, end_cp: &str) {
    let key = match e.kind {
        LegendKind::Touchpoint(t) => t.key(),
        LegendKind::Fail => "fail",
        LegendKind::Wait => "wait",
        LegendKind::Note => "note",
        LegendKind::Link => "link",
        LegendKind::Flow => "flow",
        LegendKind::DashedFlow => "dashed-flow",
        LegendKind::BothFlow => "both-flow",
        LegendKind::CustomerPath => "customer-path",
        LegendKind::Emotion => "emotion",
        LegendKind::Stub => "stub",
    };
    w.open("g", &[("class", "legend-entry"), ("data-mark", key)], false);
    let s = &e.symbol;
    let (c, r) = (Point::new(s.cx(), s.cy()), s.h / 2.0);
    let line = |w: &mut W<'_>, class: &str, marker: &str, both: bool| {
        let d = path_d(&[Point::new(s.x, s.cy()), Point::new(s.right(), s.cy())]);
        let mut a = vec![("class", class), ("d", d.as_str()), ("marker-end", marker)];
        if both {
            a.push(("marker-start", marker));
        }
        w.empty("path", &a);
    };
    match e.kind {
        LegendKind::Touchpoint(t) => {
            shape(w, &format!("badge badge-{}", t.key()), t, c, r);
            w.text("badge-letter", &e.glyph);
        }
        LegendKind::Fail => {
            w.open("g", &[("class", "fail-point")], false);
            w.circle("", c, r * 0.8, &[]);
            w.text("glyph", &e.glyph);
            w.end("g");
        }
        LegendKind::Wait => {
            let m = Mark {
                center: c,
                radius: r * 0.8,
                glyph: Text::default(),
                text: Text::default(),
            };
            mark(w, "wait-point", &m, true, "length");
        }
        LegendKind::Note => {
            note_rule(w, c.x, s.y, s.bottom());
        }
        LegendKind::Link => {
            w.open("g", &[("class", "swatch-link")], false);
            w.rect("swatch", s, l.radius / 2.0);
            w.end("g");
        }
        LegendKind::Flow => line(w, "swatch-flow", end, false),
        LegendKind::DashedFlow => line(w, "swatch-flow dashed", end, false),
        LegendKind::BothFlow => line(w, "swatch-flow", end, true),
        LegendKind::CustomerPath => line(w, "swatch-flow customer-path", end_cp, false),
        LegendKind::Stub => {
            w.open("g", &[("class", "swatch-stub")], false);
            w.rect("swatch", s, l.radius / 2.0);
            w.end("g");
        }
        LegendKind::Emotion => {
            w.open("g", &[("class", "emotion-key")], false);
            let d = path_d(&[Point::new(s.x, s.cy()), Point::new(s.right(), s.cy())]);
            w.empty("path", &[("d", &d)]);
            w.circle("", c, r / 2.0, &[]);
            w.end("g");
        }
    }
    // The link swatch's label is underlined (`.legend .link-label` in the stylesheet).
    let link = e.kind == LegendKind::Link;
    let style = Style {
        underline: link,
        italic: false,
    };
    w.text_styled(if link { "link-label" } else { "" }, &e.label, style);
    w.end("g");
}

#[cfg(test)]
mod tests;
