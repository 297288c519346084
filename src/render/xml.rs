//! The element writer: [`W`] appends tags, attributes and text blocks to one `String`, user
//! text and attribute values through [`escape`] (the one place they are escaped), numbers
//! through `fmt_num`.
//!
//! Why not the `svg` crate: the contract (svg-output.md) forbids whitespace between a `<text>`'s
//! tags and its `<tspan>`s, because viewers render that newline as a real space at the end of each
//! line, widening the text past its measured box. `svg` 0.18 pretty-prints every child on its own
//! line and has no option to stop it, so this small writer emits the few elements we need itself,
//! with one escaping function for text and attributes alike.
//! Uses the layout's text blocks, `text` (weights) and `geom`.

use super::look::{Looks, Rules};
use super::num::fmt_num;
use super::options::{SvgOptions, TextMode};
use super::outline::{OBLIQUE, Outlines, Style};
use crate::geom::Point;
use crate::layout::Text;
use crate::text::Weight;
use std::fmt::Write;

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
pub(crate) fn escape(s: &str, out: &mut String) {
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
pub(super) struct W<'a> {
    /// What has been written.
    pub(super) out: String,
    opts: &'a SvgOptions<'a>,
    /// Glyph outlines already converted ([`TextMode::Paths`]).
    outlines: Outlines,
    /// The presentation attributes of each element chain.
    looks: Looks<'a>,
    /// The open elements' chains, innermost last ([`Looks::ROOT`] below them all).
    open: Vec<usize>,
    /// The chain of the element [`W::start`] wrote last.
    last: usize,
}

impl<'a> W<'a> {
    /// A writer into an empty buffer with room for `capacity` bytes, its elements dressed by
    /// `rules` (the stylesheet's, see `look.rs`); it starts inside the root `<svg>`.
    pub(super) fn new(opts: &'a SvgOptions<'a>, rules: &'a Rules, capacity: usize) -> W<'a> {
        W {
            out: String::with_capacity(capacity),
            opts,
            outlines: Outlines::default(),
            looks: Looks::new(rules),
            open: vec![Looks::ROOT],
            last: Looks::ROOT,
        }
    }

    /// Opens `<name` and writes the attributes; `close` ends with `/>`, else with `>`.
    pub(super) fn open(&mut self, name: &str, attrs: &[(&str, &str)], close: bool) {
        self.start(name, attrs);
        self.out.push_str(if close { "/>\n" } else { ">" });
        if !close && name != "text" && name != "title" && name != "desc" && name != "style" {
            self.out.push('\n');
        }
        if !close && name != "svg" {
            self.open.push(self.last);
        }
    }

    /// `<name` and the attributes, then its presentation attributes (but the root's, which
    /// the caller writes: see `look.rs`), the tag left open for more.
    pub(super) fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.attr(k, v);
        }
        if name != "svg" {
            let class = attrs.iter().find(|a| a.0 == "class").map_or("", |a| a.1);
            self.look(name, class);
        }
    }

    /// The presentation attributes of a `name` element of class `class` in the innermost
    /// open element.
    fn look(&mut self, name: &str, class: &str) {
        let parent = *self.open.last().unwrap_or(&Looks::ROOT);
        let (node, look) = self.looks.child(parent, name, class);
        self.out.push_str(look);
        self.last = node;
    }

    /// An empty `<path>` of class `class` and path data `d`, as [`W::empty`] writes it; `d`
    /// is only letters, digits, `-`, `.` and spaces, so it is copied without the scan for
    /// characters to escape (a thousand flows' arrowheads spent a tenth of their cost there).
    pub(super) fn path(&mut self, class: &str, d: &str) {
        self.out.push_str("<path");
        self.attr("class", class);
        self.out.push_str(" d=\"");
        self.out.push_str(d);
        self.out.push('"');
        self.look("path", class);
        self.out.push_str("/>\n");
    }

    /// One attribute, ` k="v"`, its value escaped.
    pub(super) fn attr(&mut self, k: &str, v: &str) {
        self.out.push(' ');
        self.out.push_str(k);
        self.out.push_str("=\"");
        escape(v, &mut self.out);
        self.out.push('"');
    }

    pub(super) fn end(&mut self, name: &str) {
        if name != "svg" && self.open.len() > 1 {
            self.open.pop();
        }
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    pub(super) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.open(name, attrs, true);
    }

    /// One attribute whose value is a number, ` k="v"`: only digits, `-` and `.`, so it is
    /// copied without the scan for characters to escape (a large diagram spent 2 % of its
    /// instructions scanning the numbers of its rects). Inlined: as a call it cost half of
    /// what skipping the scan saves.
    #[inline(always)]
    pub(super) fn attr_num(&mut self, k: &str, v: f64) {
        self.out.push(' ');
        self.out.push_str(k);
        self.out.push_str("=\"");
        self.out.push_str(&fmt_num(v));
        self.out.push('"');
    }

    /// A `<rect>`, as [`W::empty`] writes it (a card has two).
    pub(super) fn rect(&mut self, class: &str, r: &crate::geom::Rect, radius: f64) {
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

    pub(super) fn circle(&mut self, class: &str, c: Point, r: f64, extra: &[(&str, &str)]) {
        let (x, y, r) = (fmt_num(c.x), fmt_num(c.y), fmt_num(r));
        let mut a = vec![("class", class), ("cx", &x), ("cy", &y), ("r", &r)];
        a.extend_from_slice(extra);
        self.empty("circle", &a);
    }

    /// A text block: one `<text>` with one `<tspan>` per line, all on one line of output (no
    /// whitespace between the tags, see the module doc); or, with [`TextMode::Paths`], its
    /// glyph outlines. Nothing for an empty block.
    pub(super) fn text(&mut self, class: &str, t: &Text) {
        self.text_styled(class, t, Style::default());
    }

    /// [`W::text`] for a block the stylesheet underlines or slants, which outlines must draw
    /// themselves.
    pub(super) fn text_styled(&mut self, class: &str, t: &Text, style: Style) {
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
    pub(super) fn text_paths(&mut self, class: &str, t: &Text, weight: Weight, style: Style) {
        let class = if class.is_empty() {
            "text".to_string()
        } else {
            format!("{class} text")
        };
        // The document's text: lines joined by a space where the text had one, not inside a
        // word cut for width.
        let mut label = String::new();
        for (i, l) in t.lines.iter().enumerate() {
            label.push_str(&l.text);
            if !l.joined && i + 1 < t.lines.len() {
                label.push(' ');
            }
        }
        self.open("g", &[("class", &class), ("aria-label", &label)], false);
        for l in &t.lines {
            let d = self
                .outlines
                .line(self.opts.measure, l, t.size, weight, style);
            if !d.is_empty() {
                // Path data is only ASCII letters, digits, `-`, `.` and spaces: nothing to
                // escape, and megabytes of it at 200 steps, so it is not run through `escape`.
                let _ = writeln!(self.out, "<path d=\"{d}\"/>");
            }
        }
        self.end("g");
    }
}

/// [`OBLIQUE`] as the `transform` of a `<text>` (with [`SvgOptions::slant_italics`]).
pub(super) const SHEAR: &str = " transform=\"matrix(1 0 -0.25 1 0 0)\"";

/// Appends `lead` (a path command, or a space between a command's points) and `p` as `x y`.
/// Pushed piece by piece: `write!` cost about 900 instructions a point.
pub(super) fn push_point(d: &mut String, lead: char, p: Point) {
    d.push(lead);
    d.push_str(fmt_num(p.x).as_str());
    d.push(' ');
    d.push_str(fmt_num(p.y).as_str());
}

pub(super) fn path_d(points: &[Point]) -> String {
    let mut d = String::with_capacity(points.len() * 16);
    push_polyline(&mut d, points);
    d
}

/// Path data through `points`: a move to the first, a line to each of the others.
pub(super) fn push_polyline(d: &mut String, points: &[Point]) {
    for (i, &p) in points.iter().enumerate() {
        push_point(d, if i == 0 { 'M' } else { 'L' }, p);
    }
}
