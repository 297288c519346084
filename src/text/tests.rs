//! Tests of measuring, wrapping and glyph placement with the bundled fonts.

use super::cache::*;
use super::fonts::*;
use super::measure::*;
use super::plain::*;
use super::wrap::*;
use super::*;
use rustybuzz::ttf_parser::GlyphId;
use unicode_segmentation::UnicodeSegmentation;

const SIZE: f64 = 14.0;

fn m() -> Measure {
    Measure::new()
}

#[test]
fn bundled_fonts_parse_and_are_inter_4_001() {
    let inter = inter();
    for face in [&inter.regular, &inter.bold] {
        let version = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == rustybuzz::ttf_parser::name_id::VERSION)
            .find_map(|n| n.to_string());
        assert_eq!(version.as_deref(), Some("Version 4.001;git-66647c0bb"));
    }
    assert!(inter.regular.glyph_index('A').is_some());
}

#[test]
fn hello_width_is_plausible_and_scales_with_size() {
    let m = m();
    let w = m.width("Hello", SIZE, Weight::Regular);
    // Inter "Hello" is about 2.4 em; a stub (0.6 em per char = 42 px) would fail.
    assert!(w > 30.0 && w < 38.0, "{w}");
    let w2 = m.width("Hello", 2.0 * SIZE, Weight::Regular);
    assert!((w2 - 2.0 * w).abs() < 1e-9);
    assert!(m.width("Hello", SIZE, Weight::Bold) > w);
    assert_eq!(m.width("", SIZE, Weight::Regular), 0.0);
}

#[test]
fn width_is_max_of_shaped_and_unkerned() {
    let m = m();
    let inter = inter();
    let mut st = State::default();
    for s in ["AV", "To", "Hello", "->", "Wave", "office"] {
        let (shaped, nominal, _) = shape_run(&mut st, FontKey::Regular, &inter.regular, s);
        let w = m.width(s, 1.0, Weight::Regular);
        assert!(
            (w - shaped.max(nominal)).abs() < 1e-12,
            "{s}: {w} {shaped} {nominal}"
        );
    }
    // "AV" is kerned tighter than its unkerned advances, so the unkerned sum wins.
    let (shaped, nominal, _) = shape_run(&mut st, FontKey::Regular, &inter.regular, "AV");
    assert!(shaped < nominal, "AV kerning: {shaped} vs {nominal}");
    let a = m.width("A", SIZE, Weight::Regular);
    let v = m.width("V", SIZE, Weight::Regular);
    assert!((m.width("AV", SIZE, Weight::Regular) - (a + v)).abs() < 1e-9);
}

/// Characters that Inter's rules around spaces may change, per [`space_facts`].
fn sensitive(weight: Weight) -> impl Fn(char) -> bool {
    let inter = inter();
    let face = inter.face(weight);
    let facts = light(weight).facts();
    move |c| {
        face.glyph_index(c).is_some_and(|g| {
            facts.is_none_or(|f| f.across.contains(&g.0) || f.before.contains(&g.0))
        })
    }
}

#[test]
fn plain_table_facts_are_the_glyph_sets() {
    for i in 0..TABLE_CHARS {
        assert_eq!(table_index(table_char(i)), Some(i), "{i}");
    }
    for weight in [Weight::Regular, Weight::Bold] {
        let face = inter().face(weight);
        let f = light(weight)
            .facts()
            .expect("Inter's spaces are analysable");
        let flags = light(weight)
            .flags
            .expect("the facts come with their flags");
        let flagged = flags.iter().filter(|&&b| b != b'0').count();
        assert!(flagged > 0, "{weight:?}: some plain character is sensitive");
        assert_eq!(flags.len(), TABLE_CHARS);
        for (i, &flag) in flags.iter().enumerate() {
            let want = face.glyph_index(table_char(i)).map_or(0, |g| {
                u8::from(f.across.contains(&g.0)) | u8::from(f.before.contains(&g.0)) << 1
            });
            assert_eq!(flag - b'0', want, "{:?} {weight:?}", table_char(i));
        }
    }
}

#[test]
fn space_facts_of_inter() {
    for weight in [Weight::Regular, Weight::Bold] {
        let sensitive = sensitive(weight);
        // Inter's `calt` turns "2 x 3" into a multiplication sign and raises "*", "-" and
        // ":" between capitals or digits, across the spaces: those must be caught, and the
        // fraction slash, around which `frac` acts...
        for c in "x*-:\u{2044}".chars() {
            assert!(sensitive(c), "{c:?} {weight:?}");
        }
        // Bold kerns ", " and ". " tighter, so a word ending in them is shaped with its
        // trailing space rather than added to it.
        if weight == Weight::Bold {
            let face = inter().face(weight);
            let facts = light(weight)
                .facts()
                .expect("Inter's spaces are analysable");
            for c in ",.".chars() {
                let g = face.glyph_index(c).map(|g| g.0);
                assert!(g.is_some_and(|g| facts.before.contains(&g)), "{c:?}");
            }
        }
        // ...while plain text keeps the fast path, digits included: the rules that name
        // them across a space also need one of the characters above. (Reading every lookup
        // rather than those of default features made digits sensitive through `frac`.)
        for c in ('a'..='w')
            .chain('0'..='9')
            .chain('A'..='Z')
            .chain(" éèàüöäßçñ'!?/&".chars())
        {
            assert!(!sensitive(c), "{c:?} {weight:?}");
        }
    }
}

/// Deterministic pseudo-random numbers for generated test text (xorshift).
fn xorshift(mut seed: u64) -> impl FnMut() -> usize {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    }
}

/// The plain-widths table gives what shaping gives: for random strings of plain characters,
/// for every triple a b c whose (b, c) is kerned (a pair rule that also moved its second
/// glyph would skip that kerning in the triple), for the words of every sample, and for
/// French, German and Spanish words.
#[test]
fn plain_widths_are_what_shaping_gives() {
    let inter = inter();
    let mut samples = String::new();
    for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/samples")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "yaml") {
            samples.push_str(&std::fs::read_to_string(p).unwrap());
        }
    }
    for (weight, key) in [
        (Weight::Regular, FontKey::Regular),
        (Weight::Bold, FontKey::Bold),
    ] {
        let face = inter.face(weight);
        let plain: Vec<char> = (' '..='\u{ff}')
            .chain(TABLE_EXTRA)
            .filter(|c| plain_units(&c.to_string(), weight).is_some())
            .collect();
        // Letters but x, digits, space, most punctuation, Latin-1's letters, quotes.
        assert!(plain.len() > 170, "{weight:?}: {}", plain.len());
        for c in "aiqzAZ09 .,'&éèàçüößñÉÀ’“”…€".chars() {
            assert!(plain.contains(&c), "{c:?}");
        }
        let mut st = State::default();
        let mut check = |text: &str| {
            let Some((shaped, nominal)) = plain_units(text, weight) else {
                return;
            };
            let upem = f64::from(face.units_per_em());
            let (want_shaped, want_nominal, latin) = shape_run(&mut st, key, face, text);
            assert!(latin, "{text:?} {weight:?}");
            assert_eq!(shaped as f64 / upem, want_shaped, "{text:?} {weight:?}");
            assert_eq!(nominal as f64 / upem, want_nominal, "{text:?} {weight:?}");
        };
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let len = 1 + next() % 40;
            let text: String = (0..len).map(|_| plain[next() % plain.len()]).collect();
            check(&text);
        }
        let kern = |x: char, y: char| {
            let both = plain_units(&format!("{x}{y}"), weight).unwrap().0;
            both - plain_units(&x.to_string(), weight).unwrap().0
                - plain_units(&y.to_string(), weight).unwrap().0
        };
        for &b in &plain {
            let after: Vec<char> = plain.iter().copied().filter(|&c| kern(b, c) != 0).collect();
            for chunk in plain.chunks(8) {
                let mut text = String::new();
                for &a in chunk {
                    for &c in &after {
                        text.extend([a, b, c]);
                    }
                }
                check(&text);
            }
        }
        for word in samples.split(|c: char| !plain.contains(&c)) {
            check(word);
        }
        for text in [
            "L’accueil à la réception : où l’on vérifie la réservation",
            "Größere Wartezeit für Gäste an der Rezeption, Übergabe des Schlüssels",
            "Señalización de la estación, ¿dónde está el andén? «Billetes»",
        ] {
            check(text);
            let words: Vec<&str> = text.split(' ').collect();
            // Every word but the colon takes the table.
            let slow: Vec<&&str> = words
                .iter()
                .filter(|w| plain_units(w, weight).is_none())
                .collect();
            assert!(slow.len() <= 1, "{text:?}: {slow:?}");
            words.into_iter().for_each(&mut check);
        }
    }
}

/// The ASCII shortcut of `Wrapper::boundary_is_inert` agrees with grapheme segmentation
/// at every boundary of text mixing ASCII with CR LF, controls, combining marks, ZWJ and a
/// prepended mark.
#[test]
fn ascii_boundaries_agree_with_graphemes() {
    let alphabet: Vec<&str> = vec![
        "a",
        "b",
        " ",
        " ",
        "x",
        "-",
        "\r",
        "\n",
        "\t",
        "\u{7f}",
        "\u{301}",
        "\u{200d}",
        "\u{600}",
        "é",
        "\u{1f600}",
        "1",
        ".",
    ];
    let m = m();
    let mut st = State::default();
    let mut next = xorshift(0x2545_f491_4f6c_dd1d);
    for _ in 0..4000 {
        let len = 1 + next() % 12;
        let text: String = (0..len)
            .map(|_| alphabet[next() % alphabet.len()])
            .collect();
        for weight in [Weight::Regular, Weight::Bold] {
            let mut lines = Vec::new();
            let w = Wrapper {
                m: &m,
                st: &mut st,
                text: &text,
                size: SIZE,
                weight,
                max: f64::INFINITY,
                needed: 0.0,
                lines: &mut lines,
            };
            for at in (1..text.len()).filter(|&at| text.is_char_boundary(at)) {
                assert_eq!(
                    w.boundary_is_inert(at),
                    w.boundary_is_inert_by_graphemes(at),
                    "{text:?} at {at}"
                );
            }
        }
    }
}

/// The premise of `Wrapper::line_width` and `Wrapper::with_trailing`: a line summed from
/// its pieces has the width of the line shaped whole. Every pair x␣y and y␣x of the
/// characters that are not sensitive, in both orders, and lines with sensitive ones.
#[test]
fn summed_line_widths_match_shaping_the_line() {
    let m = m();
    let chars: Vec<char> = ('!'..='~')
        .chain("ÀÉÎÕÜßàçéñöøœłŁ«»‘’“”–—…•→←€ﬁ".chars())
        .collect();
    for weight in [Weight::Regular, Weight::Bold] {
        let sensitive = sensitive(weight);
        let plain: Vec<char> = chars.iter().copied().filter(|&c| !sensitive(c)).collect();
        assert!(plain.len() > 80, "{}", plain.len());
        for &x in &plain {
            let mut text = String::new();
            for &y in &plain {
                text.push_str(&format!("{x} {y}  "));
            }
            let lines = m.wrap(&text, SIZE, weight, f64::INFINITY);
            assert_eq!(lines.len(), 1);
            // A fresh measurer, so the width cannot come from the first one's cache.
            let direct = Measure::new().width(&lines[0].text, SIZE, weight);
            assert_eq!(lines[0].width, direct, "{x:?} {weight:?}");
        }
        for text in [
            "2 x 3",
            "a 2 x 3 b",
            "! * !",
            "A * B",
            "10 : 30",
            "a -> b",
            "x 1 x",
            "a, b. c… d",
        ] {
            let lines = m.wrap(text, SIZE, weight, f64::INFINITY);
            let direct = Measure::new().width(text, SIZE, weight);
            assert_eq!(lines[0].width, direct, "{text:?} {weight:?}");
        }
    }
}

#[test]
fn missing_glyphs_are_estimated_and_reported() {
    let m = m();
    let cjk = "お客様";
    assert!((m.width(cjk, SIZE, Weight::Regular) - 3.0 * SIZE).abs() < 1e-9);
    // One grapheme (family ZWJ sequence) is one emoji wide, not one per code point.
    let family = "👩\u{200D}👩\u{200D}👧";
    assert!((m.width(family, SIZE, Weight::Regular) - 1.25 * SIZE).abs() < 1e-9);
    let arabic = "مرحبا";
    assert!((m.width(arabic, SIZE, Weight::Regular) - 5.0 * 0.6 * SIZE).abs() < 1e-9);
    let missing = m.missing_glyphs();
    for c in "お客様👩👧مرحبا".chars() {
        assert!(missing.contains(&c), "{c:?} not reported");
    }
    // Joiners are not glyphs to draw; letters Inter has are not missing.
    assert!(!missing.contains(&'\u{200D}'));
    assert!(!missing.contains(&'H'));
    let mut sorted = missing.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(missing, sorted);
    assert!(Measure::new().missing_glyphs().is_empty());
}

/// A minimal TrueType font (cmap, head, hhea, hmtx, maxp; no outlines) mapping each
/// character of `glyphs` to its own glyph with the given advance, at 1000 units per em.
fn tiny_font(glyphs: &[(char, u16)]) -> Vec<u8> {
    fn be(out: &mut Vec<u8>, values: &[u32], width: usize) {
        for v in values {
            out.extend_from_slice(&v.to_be_bytes()[4 - width..]);
        }
    }
    let num_glyphs = glyphs.len() as u32 + 1;
    let mut cmap = Vec::new();
    be(&mut cmap, &[0, 1, 3, 10], 2);
    be(&mut cmap, &[12], 4);
    be(&mut cmap, &[12, 0], 2);
    be(
        &mut cmap,
        &[16 + 12 * glyphs.len() as u32, 0, glyphs.len() as u32],
        4,
    );
    let mut sorted: Vec<(u32, u32)> = glyphs
        .iter()
        .enumerate()
        .map(|(i, &(c, _))| (c as u32, i as u32 + 1))
        .collect();
    sorted.sort_unstable();
    for (c, g) in sorted {
        be(&mut cmap, &[c, c, g], 4);
    }
    let mut head = Vec::new();
    be(&mut head, &[1, 0], 2);
    be(&mut head, &[0x0001_0000, 0, 0x5F0F_3CF5], 4);
    be(&mut head, &[0, 1000], 2);
    be(&mut head, &[0, 0, 0, 0], 4); // created, modified
    be(&mut head, &[0, 0, 0, 0, 0, 8, 2, 0, 0], 2);
    let mut hhea = Vec::new();
    be(
        &mut hhea,
        &[
            1, 0, 800, 0xFF38, 0, 1100, 0, 0, 1100, 1, 0, 0, 0, 0, 0, 0, 0,
        ],
        2,
    );
    be(&mut hhea, &[num_glyphs], 2);
    let mut hmtx = Vec::new();
    be(&mut hmtx, &[500, 0], 2);
    for &(_, advance) in glyphs {
        be(&mut hmtx, &[u32::from(advance), 0], 2);
    }
    let mut maxp = Vec::new();
    be(&mut maxp, &[0x0000_5000], 4);
    be(&mut maxp, &[num_glyphs], 2);
    let tables = [
        (b"cmap", cmap),
        (b"head", head),
        (b"hhea", hhea),
        (b"hmtx", hmtx),
        (b"maxp", maxp),
    ];
    let mut font = Vec::new();
    be(&mut font, &[0x0001_0000], 4);
    be(&mut font, &[tables.len() as u32, 64, 2, 16], 2);
    let mut offset = 12 + 16 * tables.len() as u32;
    let mut body = Vec::new();
    for (tag, data) in &tables {
        font.extend_from_slice(*tag);
        be(&mut font, &[0, offset, data.len() as u32], 4);
        body.extend_from_slice(data);
        while body.len() % 4 != 0 {
            body.push(0);
        }
        offset = 12 + 16 * tables.len() as u32 + body.len() as u32;
    }
    font.extend(body);
    font
}

#[test]
fn fallback_font_is_used_for_glyphs_inter_lacks() {
    assert!(Measure::with_fallback(b"not a font".to_vec()).is_err());
    assert!(Measure::with_fallback(Vec::new()).is_err());
    let font = tiny_font(&[('\u{5D0}', 500), ('😀', 1100)]);
    let m = Measure::with_fallback(font).unwrap();
    let plain = Measure::new();
    for weight in [Weight::Regular, Weight::Bold] {
        // From the fallback's advances, not the 0.6 em / 1.25 em estimates.
        assert_eq!(m.width("\u{5D0}\u{5D0}", SIZE, weight), 2.0 * 0.5 * SIZE);
        assert_eq!(
            plain.width("\u{5D0}\u{5D0}", SIZE, weight),
            2.0 * 0.6 * SIZE
        );
        assert_eq!(m.width("😀", SIZE, weight), 1.1 * SIZE);
        // Mixed with Inter text, each part from its own font.
        let hi = plain.width("Hi ", SIZE, weight);
        assert!((m.width("Hi \u{5D0}", SIZE, weight) - (hi + 0.5 * SIZE)).abs() < 1e-9);
    }
    assert!(m.missing_glyphs().is_empty(), "{:?}", m.missing_glyphs());
    // Neither font has bet: estimated and reported.
    assert_eq!(m.width("\u{5D1}", SIZE, Weight::Regular), 0.6 * SIZE);
    assert_eq!(m.missing_glyphs(), ['\u{5D1}']);
    let lines = m.wrap(
        "\u{5D0}\u{5D0} \u{5D0}\u{5D0}",
        SIZE,
        Weight::Regular,
        1.5 * SIZE,
    );
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].width, SIZE);
}

#[test]
fn vertical_metrics() {
    let a = Measure::ascent(SIZE);
    let d = Measure::descent(SIZE);
    assert!(a > 0.9 * SIZE && a < 1.0 * SIZE, "{a}");
    assert!(d > 0.2 * SIZE && d < 0.3 * SIZE, "{d}");
    assert!(Measure::line_height(SIZE) > a + d);
    assert_eq!(Measure::line_height(f64::NAN), 0.0);
}

const SAMPLES: &[&str] = &[
    "Check in at the front desk",
    "The guest checks in at the front desk and receives a key card -> room",
    "お客様がチェックインする",
    "Guest 😀 arrives 👩\u{200D}👩\u{200D}👧 with family 🇯🇵 flags",
    "العميل يصل إلى مكتب الاستقبال",
    "mixed עברית and English text",
    "e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}",
    "\u{301}\u{301} lone marks \u{0}\u{7}\t and \u{FFFD} controls",
    "AVAVAVAVAVAVAVAVAV To To To Wa Wa Wa",
    "supercalifragilisticexpialidocious-and-hyphenated/with/slashes",
];

fn check_wrap(m: &Measure, s: &str, weight: Weight, max: f64) -> Vec<Line> {
    let lines = m.wrap(s, SIZE, weight, max);
    for l in &lines {
        let single = l.text.graphemes(true).count() == 1;
        assert!(
            l.width <= max || single,
            "{s:?} at {max}: {:?} is {} wide",
            l.text,
            l.width
        );
        let direct = m.width(&l.text, SIZE, weight);
        assert!(
            (l.width - direct).abs() <= 1e-9 * direct,
            "{:?}: {} vs {direct}",
            l.text,
            l.width
        );
        assert_eq!(l.text, l.text.trim_end(), "trailing space kept");
        assert!(!l.text.contains('\n'));
    }
    // Nothing but white space is lost and nothing is reordered.
    let joined: String = lines.iter().flat_map(|l| l.text.chars()).collect();
    let squeeze = |x: &str| x.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(squeeze(&joined), squeeze(s), "{s:?} at {max}");
    lines
}

#[test]
fn wrap_never_exceeds_max_width() {
    let m = m();
    let long_word: String = "abcdefghij".repeat(300);
    let medium_word = long_word[..300].to_string();
    let mut samples: Vec<&str> = SAMPLES.to_vec();
    samples.push(&medium_word);
    for s in samples {
        for weight in [Weight::Regular, Weight::Bold] {
            let mut max = 1.0;
            while max < 600.0 {
                check_wrap(&m, s, weight, max);
                max *= 1.17;
            }
        }
    }
    // The 3,000-character word: fewer widths, as each costs a full shaping in a debug build.
    for max in [0.5, 7.0, 33.3, 120.0, 599.0] {
        check_wrap(&m, &long_word, Weight::Regular, max);
    }
}

#[test]
fn unwrapped_lines_are_the_lines_at_any_width_they_need() {
    // Layout keeps a card's unwrapped lines when its column is at least as wide as
    // `wrap_needing` says: wrapping there must give exactly them.
    let m = m();
    let mut samples: Vec<String> = SAMPLES.iter().map(|s| s.to_string()).collect();
    samples.push("Two paragraphs\nof text, the second one longer than the first".into());
    samples.push("AV  To\n\n  Wa  -- x\u{2014}y (a) [b] {c} a:b a@b".into());
    let mut reused = 0;
    for s in &samples {
        for weight in [Weight::Regular, Weight::Bold] {
            let (lines, needed) = m.wrap_needing(s, SIZE, weight, f64::INFINITY);
            assert!(needed.is_finite(), "{s:?}");
            let widest = lines.iter().map(|l| l.width).fold(0.0, f64::max);
            assert!(needed >= widest, "{s:?}: {needed} < {widest}");
            for max in [needed, needed * 1.0001, needed + 1.0, needed * 2.0] {
                assert_eq!(m.wrap(s, SIZE, weight, max), lines, "{s:?} at {max}");
                reused += 1;
            }
            // Just below, the text may wrap differently, and usually does.
            let below = m.wrap(s, SIZE, weight, needed * 0.999);
            if lines.len() == 1 && s.contains(' ') && !s.contains('\n') {
                assert!(below.len() > 1, "{s:?} still fits below {needed}");
            }
        }
    }
    assert!(reused > 0);
}

#[test]
fn wrap_fills_lines_greedily() {
    let m = m();
    let s = "one two three four five six seven eight nine ten";
    for max in [40.0, 80.0, 120.0, 200.0] {
        let lines = check_wrap(&m, s, Weight::Regular, max);
        // Each line but the last could not have taken the next word.
        for pair in lines.windows(2) {
            let next_word = pair[1].text.split(' ').next().unwrap_or("");
            let longer = format!("{} {}", pair[0].text, next_word);
            assert!(
                m.width(&longer, SIZE, Weight::Regular) > max,
                "{longer:?} fits {max}"
            );
        }
    }
    let one = m.wrap(s, SIZE, Weight::Regular, f64::INFINITY);
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].text, s);
}

#[test]
fn cjk_breaks_between_characters() {
    let m = m();
    let s = "お客様がチェックインする";
    let lines = check_wrap(&m, s, Weight::Regular, 3.5 * SIZE);
    assert!(lines.len() >= 4, "{lines:?}");
    assert!(lines.iter().all(|l| l.text.chars().count() <= 3));
    // UAX #14 keeps the small ッ with the character before it.
    assert!(lines.iter().all(|l| !l.text.starts_with('ッ')), "{lines:?}");
}

#[test]
fn mandatory_breaks_are_honoured() {
    let m = m();
    let texts = |v: Vec<Line>| v.into_iter().map(|l| l.text).collect::<Vec<_>>();
    assert_eq!(
        texts(m.wrap("a\nb", SIZE, Weight::Regular, 1e6)),
        ["a", "b"]
    );
    assert_eq!(
        texts(m.wrap("a\r\nb\u{2028}c", SIZE, Weight::Regular, 1e6)),
        ["a", "b", "c"]
    );
    assert_eq!(
        texts(m.wrap("a\n\nb\n", SIZE, Weight::Regular, 1e6)),
        ["a", "", "b"]
    );
    assert_eq!(
        texts(m.wrap("a   \n  b", SIZE, Weight::Regular, 1e6)),
        ["a", "  b"]
    );
    assert!(m.wrap("", SIZE, Weight::Regular, 100.0).is_empty());
    assert!(m.wrap(" \n\t \n", SIZE, Weight::Regular, 100.0).is_empty());
}

#[test]
fn trailing_spaces_are_not_counted() {
    let m = m();
    let word = m.width("Check", SIZE, Weight::Regular);
    let lines = m.wrap("Check    in", SIZE, Weight::Regular, word + 1.0);
    assert_eq!(lines[0].text, "Check");
    assert_eq!(lines[0].width, word);
    assert_eq!(lines[1].text, "in");
}

#[test]
fn long_word_breaks_at_graphemes() {
    let m = m();
    let s = "e\u{301}".repeat(40);
    let lines = check_wrap(&m, &s, Weight::Regular, 50.0);
    assert!(lines.len() > 3);
    for l in &lines {
        assert!(
            l.text.starts_with('e') && l.text.ends_with('\u{301}'),
            "{:?}",
            l.text
        );
    }
    // A long word starts its own line rather than finishing the previous one.
    let lines = check_wrap(&m, &format!("Hi {}", "x".repeat(50)), Weight::Regular, 80.0);
    assert_eq!(lines[0].text, "Hi");
    // A grapheme wider than the line is alone on its line.
    let lines = check_wrap(&m, "WWW", Weight::Bold, 1.0);
    assert_eq!(lines.len(), 3);
}

#[test]
fn no_panic_on_odd_input() {
    let m = m();
    let odd = [
        "\u{301}",
        "\u{0}",
        "\u{FFFD}\u{FFFD}",
        "\u{200D}",
        "\u{FE0F}",
        "\u{202E}abc\u{202C}",
        "a\u{0}b\u{1F}c\u{7F}d\u{9F}",
        "\r\r\n\n\u{85}",
        "\u{E0001}\u{E0041}",
        "\u{10FFFF}\u{F8FF}",
    ];
    for s in odd {
        for max in [f64::NAN, -1.0, 0.0, 5.0, 1e9, f64::INFINITY] {
            for size in [f64::NAN, -3.0, 0.0, SIZE, f64::INFINITY] {
                let lines = m.wrap(s, size, Weight::Regular, max);
                for l in lines {
                    assert!(l.width.is_finite());
                }
                assert!(m.width(s, size, Weight::Bold).is_finite());
            }
        }
    }
}

#[test]
fn deterministic_and_cache_independent() {
    let long: String = "lorem ipsum dolor sit amet ".repeat(200);
    let a = Measure::new();
    let first: Vec<_> = SAMPLES
        .iter()
        .map(|s| a.wrap(s, SIZE, Weight::Regular, 90.0))
        .collect();
    let again: Vec<_> = SAMPLES
        .iter()
        .map(|s| a.wrap(s, SIZE, Weight::Regular, 90.0))
        .collect();
    let fresh: Vec<_> = SAMPLES
        .iter()
        .map(|s| Measure::new().wrap(s, SIZE, Weight::Regular, 90.0))
        .collect();
    assert_eq!(first, again);
    assert_eq!(first, fresh);
    assert_eq!(
        a.wrap(&long, SIZE, Weight::Bold, 150.0),
        Measure::new().wrap(&long, SIZE, Weight::Bold, 150.0)
    );
}

#[test]
fn glyphs_are_placed_by_the_shaping_that_measures() {
    let m = m();
    for (text, weight) in [
        ("AVAWAY Tokyo", Weight::Regular),
        ("Check in -> 2 x 3", Weight::Bold),
        ("tab\there", Weight::Regular),
        ("東京 e\u{301}", Weight::Regular),
    ] {
        let (glyphs, advance) = m.glyphs(text, weight);
        // The pen ends where the shaped width says, and the width is never less.
        let st_shaped = {
            let mut st = m.lock();
            m.measure(&mut st, text, weight).shaped
        };
        assert!(
            (advance - st_shaped).abs() < 1e-9,
            "{text}: {advance} {st_shaped}"
        );
        assert!(m.width(text, 1.0, weight) >= advance - 1e-9);
        // Left to right, from the line's start.
        assert!(glyphs.windows(2).all(|w| w[0].x <= w[1].x + 1e-9), "{text}");
        assert!(glyphs.first().is_some_and(|g| g.x.abs() < 0.2), "{text}");
    }
    // Kerning moves the V closer to the A than their advances would.
    let (g, _) = m.glyphs("AV", Weight::Regular);
    let face = &inter().regular;
    let a = f64::from(face.glyph_hor_advance(GlyphId(g[0].id)).unwrap());
    assert!(g[1].x < a / f64::from(face.units_per_em()));
    // `calt` draws `->` as one arrow glyph, as measured.
    let (g, _) = m.glyphs("->", Weight::Regular);
    assert_eq!(g.len(), 1, "{g:?}");
    // A character no font has is a .notdef box; a tab only moves the pen.
    let (g, _) = m.glyphs("東", Weight::Regular);
    assert_eq!(g.iter().map(|g| g.id).collect::<Vec<_>>(), [0]);
    assert!(m.glyphs("\t", Weight::Regular).0.is_empty());
}

#[test]
fn outlines_are_in_em_and_spaces_have_none() {
    let m = m();
    let (g, _) = m.glyphs("H ", Weight::Bold);
    let h = m.outline(g[0].font, g[0].id);
    assert!(matches!(h.first(), Some(Segment::Move(..))));
    assert!(h.contains(&Segment::Close));
    // Inter's cap height is about 0.73 em.
    let top = h
        .iter()
        .filter_map(|s| match *s {
            Segment::Move(_, y) | Segment::Line(_, y) => Some(y),
            _ => None,
        })
        .fold(0.0, f64::max);
    assert!((0.6..0.8).contains(&top), "{top}");
    let space = inter().bold.glyph_index(' ').unwrap();
    assert!(m.outline(FontKey::Bold, space.0).is_empty());
    assert!(
        m.outline(FontKey::Fallback, 1).is_empty(),
        "no fallback font"
    );
    let (below, thickness) = Measure::underline(Weight::Regular);
    assert!(below > 0.0 && below < 0.3 && thickness > 0.0 && thickness < 0.15);
}

#[test]
fn measure_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Measure>();
}

/// Timing, not a check: `cargo test --release --lib text::tests::timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing() {
    use std::time::Instant;
    let m = m();
    let t = Instant::now();
    let _ = (light(Weight::Regular).facts(), light(Weight::Bold).facts());
    println!("space analysis of both faces: {:?}", t.elapsed());
    for weight in [Weight::Regular, Weight::Bold] {
        let sensitive = sensitive(weight);
        let list: String = (' '..='~')
            .chain('\u{A0}'..='\u{17F}')
            .filter(|&c| sensitive(c))
            .collect();
        println!("  {weight:?}: sensitive Latin-1/Extended-A characters: {list:?}");
    }
    println!(
        "'Check in at the front desk' @14: regular {:.3} px, bold {:.3} px",
        m.width("Check in at the front desk", 14.0, Weight::Regular),
        m.width("Check in at the front desk", 14.0, Weight::Bold)
    );
    let mut st = State::default();
    for s in ["Hello", "AV", "->"] {
        let x = m.measure(&mut st, s, Weight::Regular);
        println!(
            "{s:?} @14 regular: shaped {:.3} px, unkerned {:.3} px",
            x.shaped * 14.0,
            x.nominal * 14.0
        );
    }
    let word: String = "abcdefghij".repeat(300);
    let t = Instant::now();
    let n = m.wrap(&word, SIZE, Weight::Regular, 120.0).len();
    println!("3,000-char word: {n} lines in {:?}", t.elapsed());
    let words = [
        "service",
        "blueprint",
        "customer",
        "frontstage",
        "backstage",
        "support",
        "process",
        "evidence",
        "line",
        "of",
        "interaction",
        "visibility",
        "the",
        "a",
    ];
    let para: String = (0..10_000)
        .map(|i| words[(i * 7 + i / 3) % words.len()])
        .collect::<Vec<_>>()
        .join(" ");
    let t = Instant::now();
    let n = m.wrap(&para, SIZE, Weight::Regular, 200.0).len();
    println!(
        "10,000-word paragraph (cold): {n} lines in {:?}",
        t.elapsed()
    );
    let t = Instant::now();
    let n = m.wrap(&para, SIZE, Weight::Regular, 200.0).len();
    println!(
        "10,000-word paragraph (warm): {n} lines in {:?}",
        t.elapsed()
    );
    // Pseudo-random words from a 200-word vocabulary: lines almost never repeat.
    let suffixes = [
        "", "s", "ed", "ing", "er", "ly", "al", "ment", "ness", "ful",
    ];
    let vocab: Vec<String> = (0..200)
        .map(|i| {
            format!(
                "{}{}",
                words[i % words.len()],
                suffixes[(i / words.len()) % suffixes.len()]
            )
        })
        .collect();
    let mut seed: u64 = 1;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let natural: Vec<&str> = (0..10_000)
        .map(|_| vocab[next() % vocab.len()].as_str())
        .collect();
    let natural = natural.join(" ");
    let t = Instant::now();
    let n = Measure::new()
        .wrap(&natural, SIZE, Weight::Regular, 200.0)
        .len();
    println!(
        "10,000 words, 200-word vocabulary, fresh Measure: {n} lines in {:?}",
        t.elapsed()
    );
    // The same with a comma after every 8th word and a number every 20th: Bold kerns ", "
    // against the space (Regular does not), and digits sum like letters since the space
    // analysis reads only default features.
    let prose: Vec<String> = natural
        .split(' ')
        .enumerate()
        .map(|(i, w)| match (i % 8, i % 20) {
            (_, 0) => format!("{w} {i}"),
            (7, _) => format!("{w},"),
            _ => w.to_string(),
        })
        .collect();
    let prose = prose.join(" ");
    let t = Instant::now();
    let n = Measure::new()
        .wrap(&prose, SIZE, Weight::Regular, 200.0)
        .len();
    println!(
        "10,000 words with punctuation and numbers, fresh Measure: {n} lines in {:?}",
        t.elapsed()
    );
    let distinct: String = (0..10_000)
        .map(|i| format!("w{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    let t = Instant::now();
    let n = Measure::new()
        .wrap(&distinct, SIZE, Weight::Regular, 200.0)
        .len();
    println!("10,000 distinct words: {n} lines in {:?}", t.elapsed());
}

#[test]
fn marks_the_font_lacks_are_measured_as_the_boxes_drawn() {
    // A letter with eight Thai tone marks (which Inter lacks) is drawn as the letter and eight
    // `.notdef` boxes side by side: measured so, the card holds them.
    let m = m();
    let b = m.width("b", SIZE, Weight::Regular);
    let one = m.width("b\u{e49}", SIZE, Weight::Regular);
    let eight = m.width(&format!("b{}", "\u{e49}".repeat(8)), SIZE, Weight::Regular);
    let notdef = one - b.max(0.6 * SIZE);
    assert!(notdef > 0.3 * SIZE, "a box is wide: {notdef}");
    assert!(
        (eight - (one + 7.0 * notdef)).abs() < 1e-9,
        "{eight} vs {one} + 7 × {notdef}"
    );
}
