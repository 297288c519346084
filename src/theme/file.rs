//! Custom theme files: YAML that starts from a built-in theme (`extends:`) and replaces some of
//! its colours and font sizes. Read with the blueprint's own parser, so a theme file gets the
//! same diagnostics (file, line, column, labelled span, hint, stable code) as a blueprint.
//! After reading, every colour pair the drawing uses is checked for WCAG AA contrast; a pair
//! that falls short is a warning (`low-contrast`), not an error: the theme is the author's call,
//! and `--deny warnings` makes CI refuse it.

use super::checks::Pair;
use super::color::Color;
use super::types::{Fonts, Palette, Theme};
use crate::diag::{Checked, Diagnostic, Diagnostics, quote};
use crate::model::{Touchpoint, Zone};
use crate::parse::{self, Node, Value};
use crate::span::{Source, Span};
use crate::validate::keys::{SuggestionBudget, THEMES, did_you_mean};
use std::collections::HashMap;

/// The keys of a theme file.
const TOP: &[&str] = &["extends", "palette", "fonts"];
/// The colour slots of `palette:` that hold one colour (zones and touch points are mappings).
pub(super) const PALETTE: &[&str] = &[
    "background",
    "text",
    "muted",
    "header_fill",
    "header_stroke",
    "phase_fill",
    "phase_text",
    "phase_stroke",
    "zone_line",
    "flow",
    "customer_path",
    "flow_label_fill",
    "fail",
    "wait",
    "on_mark",
    "link",
    "emotion_fill",
    "emotion_grid",
    "emotion",
    "legend_stroke",
];
/// The colours of a zone.
const ZONE: &[&str] = &["band", "label", "card", "accent"];
/// Smallest font size a theme file may set, in px: below it no text is readable.
pub(crate) const MIN_FONT: f64 = 8.0;
/// The font sizes of `fonts:` and the largest each may be, in px. Badge letters sit in shapes
/// whose size the file cannot change, so they stay small; titles may grow most.
pub(crate) const FONTS: &[(&str, f64)] = &[
    ("title", 64.0),
    ("subtitle", 32.0),
    ("phase", 32.0),
    ("header", 32.0),
    ("duration", 32.0),
    ("lane", 32.0),
    ("item", 32.0),
    ("mark", 32.0),
    ("note", 32.0),
    ("badge", 12.0),
    ("flow_label", 32.0),
    ("zone_line", 32.0),
    ("scale", 32.0),
    ("legend", 32.0),
];

impl Palette {
    /// The colour slot named by a theme-file key below `palette:` (`text`, `zones.customer.card`,
    /// `touchpoints.brand`).
    pub(crate) fn slot_mut(&mut self, key: &str) -> Option<&mut Color> {
        if let Some(rest) = key.strip_prefix("zones.") {
            let (zone, part) = rest.split_once('.')?;
            let z = &mut self.zones[Zone::ALL.iter().position(|z| z.key() == zone)?];
            return match part {
                "band" => Some(&mut z.band),
                "label" => Some(&mut z.label),
                "card" => Some(&mut z.card),
                "accent" => Some(&mut z.accent),
                _ => None,
            };
        }
        if let Some(t) = key.strip_prefix("touchpoints.") {
            let i = Touchpoint::ALL.iter().position(|x| x.key() == t)?;
            return Some(&mut self.touchpoints[i]);
        }
        Some(match key {
            "background" => &mut self.background,
            "text" => &mut self.text,
            "muted" => &mut self.muted,
            "header_fill" => &mut self.header_fill,
            "header_stroke" => &mut self.header_stroke,
            "phase_fill" => &mut self.phase_fill,
            "phase_text" => &mut self.phase_text,
            "phase_stroke" => &mut self.phase_stroke,
            "zone_line" => &mut self.zone_line,
            "flow" => &mut self.flow,
            "customer_path" => &mut self.customer_path,
            "flow_label_fill" => &mut self.flow_label_fill,
            "fail" => &mut self.fail,
            "wait" => &mut self.wait,
            "on_mark" => &mut self.on_mark,
            "link" => &mut self.link,
            "emotion_fill" => &mut self.emotion_fill,
            "emotion_grid" => &mut self.emotion_grid,
            "emotion" => &mut self.emotion,
            "legend_stroke" => &mut self.legend_stroke,
            _ => return None,
        })
    }
}

impl Fonts {
    /// The size named by a theme-file key below `fonts:`.
    pub(crate) fn size_mut(&mut self, key: &str) -> Option<&mut f64> {
        Some(match key {
            "title" => &mut self.title,
            "subtitle" => &mut self.subtitle,
            "phase" => &mut self.phase,
            "header" => &mut self.header,
            "duration" => &mut self.duration,
            "lane" => &mut self.lane,
            "item" => &mut self.item,
            "mark" => &mut self.mark,
            "note" => &mut self.note,
            "badge" => &mut self.badge,
            "flow_label" => &mut self.flow_label,
            "zone_line" => &mut self.zone_line,
            "scale" => &mut self.scale,
            "legend" => &mut self.legend,
            _ => return None,
        })
    }
}

impl Theme {
    /// Reads a theme file: the theme (its base with the file's colours and sizes) and its
    /// warnings, or every error. `source` is the file's text; nothing else is read.
    pub fn from_file(source: &Source) -> Result<Checked<Theme>, Diagnostics> {
        let root = parse::parse(source)?;
        let mut r = Reader {
            source,
            diags: Diagnostics::default(),
            set: HashMap::new(),
            suggestions: SuggestionBudget::default(),
        };
        let theme = r.theme(&root);
        let mut diags = r.diags;
        if !diags.has_errors() {
            diags.0.extend(low_contrast(&theme, &r.set));
        }
        diags.sort();
        // As many as a blueprint reports, not one per key of a file with 240,000 of them.
        diags.cap();
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(Checked {
                value: theme,
                warnings: diags,
            })
        }
    }

    /// Every pair below the WCAG level asked for (AA, or AAA when `aaa`), with the ratio it
    /// needs, lowest ratio first; each `(foreground, background)` once, at its strictest need.
    pub fn contrast_problems(&self, aaa: bool) -> Vec<(Pair, f64)> {
        let mut worst: Vec<(Pair, f64)> = Vec::new();
        for p in self.pairs() {
            let need = p.required(aaa);
            if p.ratio() >= need {
                continue;
            }
            match worst
                .iter_mut()
                .find(|(q, _)| q.fg_key == p.fg_key && q.bg_key == p.bg_key)
            {
                Some(w) if w.1 < need => *w = (p, need),
                Some(_) => {}
                None => worst.push((p, need)),
            }
        }
        worst.sort_by(|a, b| a.0.ratio().total_cmp(&b.0.ratio()));
        worst
    }
}

struct Reader<'s> {
    source: &'s Source,
    diags: Diagnostics,
    /// The palette keys the file sets (`text`, `zones.customer.card`), with their spans.
    set: HashMap<String, Span>,
    /// What did-you-mean may still cost (240,000 long unknown keys stay linear).
    suggestions: SuggestionBudget,
}

impl Reader<'_> {
    fn theme(&mut self, root: &Node) -> Theme {
        let fields = match root.value {
            // An empty file is the base theme unchanged.
            Value::Null => Vec::new(),
            _ => self.mapping(root, "the theme file", TOP),
        };
        let get = |name: &str| fields.iter().find(|f| f.0 == name).map(|f| f.2);
        let base = get("extends").and_then(|v| self.extends(v));
        let mut theme = Theme::named(base.unwrap_or("light")).unwrap_or_default();
        if let Some(p) = get("palette") {
            self.palette(p, &mut theme.palette);
        }
        if let Some(f) = get("fonts") {
            self.fonts(f, &mut theme.fonts);
        }
        theme.name = format!("{}+{:012x}", theme.name, fingerprint(&theme));
        theme
    }

    fn error(&mut self, d: Diagnostic) {
        self.diags.push_bounded(d);
    }

    /// The text of a key or scalar as written.
    fn text(&self, node: &Node) -> String {
        match &node.value {
            Value::Str(s) => s.clone(),
            _ => self.source.slice(node.span).trim().to_string(),
        }
    }

    fn quoted(&self, node: &Node) -> bool {
        self.source
            .slice(node.span)
            .trim_start()
            .starts_with(['"', '\''])
    }

    /// The entries of a mapping whose keys are in `known`, with duplicates and unknown keys
    /// reported; a key with no value (`text:`) is left out, as in a blueprint. `what` names the
    /// mapping in messages.
    fn mapping<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        known: &[&'static str],
    ) -> Vec<(&'static str, &'n Node, &'n Node)> {
        let entries = match &node.value {
            Value::Map(entries) => entries,
            Value::Null => return Vec::new(),
            _ => {
                self.wrong_type(node, what, "a mapping");
                return Vec::new();
            }
        };
        let mut out: Vec<(&'static str, &'n Node, &'n Node)> = Vec::new();
        let mut seen: HashMap<String, Span> = HashMap::new();
        for (k, v) in entries {
            let name = self.text(k);
            if let Some(&first) = seen.get(&name) {
                let d = Diagnostic::error(
                    "duplicate-key",
                    format!("duplicate key {} in {what}", quote(&name)),
                )
                .with_label(k.span, "written again here")
                .with_other(first, "first written here")
                .with_help("a key may appear once in a mapping; remove or merge one of them");
                self.error(d);
                continue;
            }
            seen.insert(name.clone(), k.span);
            let Some(&key) = known.iter().find(|n| **n == name) else {
                let help = match did_you_mean(&name, known.iter().copied(), &mut self.suggestions) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("the keys of {what} are: {}", known.join(", ")),
                };
                let d = Diagnostic::error(
                    "unknown-key",
                    format!("unknown key {} in {what}", quote(&name)),
                )
                .with_label(k.span, "not a known key")
                .with_help(help);
                self.error(d);
                continue;
            };
            if v.value == Value::Null && self.colour_comment(k).is_none() {
                continue;
            }
            out.push((key, k, v));
        }
        out
    }

    /// The colour that became a comment after key `k`: an unquoted `#0b0d12` after `key: ` is a
    /// YAML comment, and the key then has no value. The span of `#` and its hex digits.
    fn colour_comment(&self, k: &Node) -> Option<Span> {
        let text = self.source.text();
        let start = (k.span.end as usize).min(text.len());
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let rest = &text[start..line_end];
        let hash = rest.find('#')?;
        if !rest[..hash]
            .trim_start()
            .strip_prefix(':')?
            .trim()
            .is_empty()
        {
            return None;
        }
        let digits = rest[hash + 1..]
            .bytes()
            .take_while(u8::is_ascii_hexdigit)
            .count();
        (digits >= 3).then(|| Span::new(start + hash, start + hash + 1 + digits))
    }

    fn wrong_type(&mut self, node: &Node, what: &str, expected: &str) {
        let found = if self.quoted(node) && !matches!(node.value, Value::Seq(_) | Value::Map(_)) {
            "quoted text"
        } else {
            node.kind()
        };
        let d = Diagnostic::error(
            "wrong-type",
            format!("{what} must be {expected}, found {found}"),
        )
        .with_label(node.span, format!("expected {expected}"));
        self.error(d);
    }

    fn extends(&mut self, v: &Node) -> Option<&'static str> {
        if !matches!(v.value, Value::Str(_)) {
            self.wrong_type(v, "`extends`", "the name of a built-in theme");
            return None;
        }
        let name = self.text(v);
        if let Some(&t) = THEMES.iter().find(|t| **t == name) {
            return Some(t);
        }
        let list = THEMES.join(", ");
        let help = match did_you_mean(&name, THEMES.iter().copied(), &mut self.suggestions) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("the built-in themes are: {list}"),
        };
        let d = Diagnostic::error(
            "unknown-theme",
            format!("{} is not a built-in theme", quote(&name)),
        )
        .with_label(v.span, format!("one of {list}"))
        .with_help(help);
        self.error(d);
        None
    }

    fn palette(&mut self, node: &Node, palette: &mut Palette) {
        let mut known: Vec<&'static str> = PALETTE.to_vec();
        known.extend(["zones", "touchpoints"]);
        let zone_keys: Vec<&'static str> = Zone::ALL.iter().map(|z| z.key()).collect();
        let tp_keys: Vec<&'static str> = Touchpoint::ALL.iter().map(|t| t.key()).collect();
        for (key, k, v) in self.mapping(node, "`palette`", &known) {
            match key {
                "zones" => {
                    for (zone, _, zv) in self.mapping(v, "`palette.zones`", &zone_keys) {
                        let what = format!("`palette.zones.{zone}`");
                        for (part, pk, pv) in self.mapping(zv, &what, ZONE) {
                            self.color(pk, pv, &format!("zones.{zone}.{part}"), palette);
                        }
                    }
                }
                "touchpoints" => {
                    for (t, tk, tv) in self.mapping(v, "`palette.touchpoints`", &tp_keys) {
                        self.color(tk, tv, &format!("touchpoints.{t}"), palette);
                    }
                }
                _ => self.color(k, v, key, palette),
            }
        }
    }

    /// Reads one colour, the value `v` of key node `k`, into the palette slot `key`.
    fn color(&mut self, k: &Node, v: &Node, key: &str, palette: &mut Palette) {
        let Some(slot) = palette.slot_mut(key) else {
            return;
        };
        let what = format!("`palette.{key}`");
        if v.value == Value::Null {
            // `key: #0b0d12`: the colour became a comment.
            let comment = self.colour_comment(k).unwrap_or(v.span);
            let written = self.source.slice(comment).to_string();
            let d = Diagnostic::error(
                "invalid-color",
                format!("{what} has no colour: an unquoted `#` starts a YAML comment"),
            )
            .with_label(comment, "this is read as a comment")
            .with_help(format!("quote the colour: `\"{written}\"`"));
            self.error(d);
            return;
        }
        let written = self.text(v);
        let parsed = match v.value {
            Value::Str(_) => Color::parse(&written),
            _ => Err("a colour is text: `\"#rrggbb\"`, quoted"),
        };
        match parsed {
            Ok(c) => {
                *slot = c;
                self.set.insert(key.to_string(), v.span);
            }
            Err(why) => {
                let d = Diagnostic::error(
                    "invalid-color",
                    format!("{what} {} is not a colour", quote(&written)),
                )
                .with_label(v.span, why)
                .with_help("write a colour as `\"#rrggbb\"` (or `\"#rgb\"`), quoted");
                self.error(d);
            }
        }
    }

    fn fonts(&mut self, node: &Node, fonts: &mut Fonts) {
        let known: Vec<&'static str> = FONTS.iter().map(|(k, _)| *k).collect();
        for (key, _, v) in self.mapping(node, "`fonts`", &known) {
            let what = format!("`fonts.{key}`");
            let size = match v.value {
                Value::Int(i) if !self.quoted(v) => i as f64,
                Value::Float(f) if !self.quoted(v) => f,
                _ => {
                    self.wrong_type(v, &what, "a size in px (a number)");
                    continue;
                }
            };
            let max = FONTS.iter().find(|(k, _)| *k == key).map_or(32.0, |f| f.1);
            if !(MIN_FONT..=max).contains(&size) {
                let d = Diagnostic::error(
                    "font-size-out-of-range",
                    format!(
                        "{what} is {} px; it must be from {MIN_FONT} to {max} px",
                        self.text(v)
                    ),
                )
                .with_label(v.span, format!("expected {MIN_FONT} to {max}"))
                .with_help(if size < MIN_FONT {
                    "text below 8 px cannot be read on screen or in print"
                } else if key == "badge" {
                    "badge letters sit in marks of a fixed size; a larger letter would spill out"
                } else {
                    "a larger size crowds the diagram's fixed-width cards and gutters"
                });
                self.error(d);
                continue;
            }
            if let Some(s) = fonts.size_mut(key) {
                *s = size;
            }
        }
    }
}

/// One `low-contrast` warning per palette key the file set that takes part in a pair below
/// WCAG AA: the worst pair named, the others counted, and a colour for the key that would
/// pass every pair it takes part in.
fn low_contrast(theme: &Theme, set: &HashMap<String, Span>) -> Vec<Diagnostic> {
    let mut by_key: Vec<(String, Vec<(Pair, f64)>)> = Vec::new();
    for (pair, need) in theme.contrast_problems(false) {
        // A pair the file did not touch is the base theme's, which passes (a test says so);
        // font sizes alone only make the need stricter for text that stops being large, and
        // every built-in meets the stricter need too.
        let key = if set.contains_key(&pair.fg_key) {
            pair.fg_key.clone()
        } else if set.contains_key(&pair.bg_key) {
            pair.bg_key.clone()
        } else {
            continue;
        };
        match by_key.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push((pair, need)),
            None => by_key.push((key, vec![(pair, need)])),
        }
    }
    let all = theme.pairs();
    by_key
        .into_iter()
        .map(|(key, problems)| {
            let (worst, need) = &problems[0];
            let other = if worst.fg_key == key {
                &worst.bg_key
            } else {
                &worst.fg_key
            };
            let mut d = Diagnostic::warning(
                "low-contrast",
                format!(
                    "`palette.{}` on `palette.{}` has a contrast of {:.2}:1; WCAG AA asks for \
                     {need}:1 ({})",
                    worst.fg_key,
                    worst.bg_key,
                    worst.ratio(),
                    worst.what
                ),
            )
            .with_label(
                set[&key],
                format!("{:.2}:1 against `palette.{other}`", worst.ratio()),
            );
            if let Some(&span) = set.get(other) {
                d = d.with_other(span, "drawn with this");
            }
            // Every pair the key takes part in, so the suggestion fixes one without breaking
            // another.
            let mine = theme
                .palette
                .clone()
                .slot_mut(&key)
                .map_or(worst.fg, |c| *c);
            let against: Vec<(Color, f64)> = all
                .iter()
                .filter_map(|p| {
                    let need = p.required(false);
                    if p.fg_key == key {
                        Some((p.bg, need))
                    } else if p.bg_key == key {
                        Some((p.fg, need))
                    } else {
                        None
                    }
                })
                .collect();
            let mut help = match suggest(mine, &against) {
                Some(c) => format!("`\"{c}\"` would pass everywhere `palette.{key}` is used"),
                None => format!("change `palette.{other}` as well"),
            };
            if problems.len() > 1 {
                help.push_str(&format!(
                    "; {} more pair(s) with `palette.{key}` fall short too",
                    problems.len() - 1
                ));
            }
            d.with_help(help)
        })
        .collect()
}

/// `c` moved toward black or toward white, whichever needs the smaller step, until it has at
/// least the asked ratio against every colour in `against` (hue kept, lightness changed); `None`
/// when neither end gets there.
fn suggest(c: Color, against: &[(Color, f64)]) -> Option<Color> {
    let mix = |to: u8, t: f64| {
        let m = |x: u8| (f64::from(x) + (f64::from(to) - f64::from(x)) * t).round() as u8;
        Color {
            r: m(c.r),
            g: m(c.g),
            b: m(c.b),
        }
    };
    let passes = |x: Color| against.iter().all(|(o, need)| x.contrast(*o) >= *need);
    let mut best: Option<(f64, Color)> = None;
    for to in [0u8, 255] {
        if !passes(mix(to, 1.0)) {
            continue;
        }
        let (mut lo, mut hi) = (0.0, 1.0);
        for _ in 0..24 {
            let mid = (lo + hi) / 2.0;
            if passes(mix(to, mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        if best.is_none_or(|(t, _)| hi < t) {
            best = Some((hi, mix(to, hi)));
        }
    }
    best.map(|b| b.1)
}

/// FNV-1a of a theme's colours and sizes: a custom theme's name, so two diagrams on one page in
/// two custom themes never share ids (the SVG prefix hashes the theme's name).
fn fingerprint(theme: &Theme) -> u64 {
    let data = serde_json::to_string(&(&theme.palette, &theme.fonts)).unwrap_or_default();
    data.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    }) >> 16
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::rgb;

    fn read(text: &str) -> Result<Checked<Theme>, Diagnostics> {
        Theme::from_file(&Source::new("t.yaml", text))
    }

    fn codes(text: &str) -> Vec<&'static str> {
        match read(text) {
            Ok(c) => c.warnings.0.iter().map(|d| d.code).collect(),
            Err(d) => d.0.iter().map(|d| d.code).collect(),
        }
    }

    #[test]
    fn a_file_replaces_only_what_it_lists() {
        let t = read("extends: dark\npalette:\n  link: \"#ABC\"\nfonts:\n  item: 14.5\n")
            .expect("valid")
            .value;
        let dark = Theme::dark();
        assert_eq!(t.palette.link, rgb(0xaabbcc));
        assert_eq!(t.fonts.item, 14.5);
        assert_eq!(t.palette.background, dark.palette.background);
        assert_eq!(t.metrics, dark.metrics);
        assert!(t.name.starts_with("dark+"), "{}", t.name);
        // Empty and comment-only files are the default base, unchanged.
        for empty in ["", "# nothing\n", "palette:\nfonts: ~\n"] {
            let t = read(empty).expect("valid").value;
            assert_eq!(t.palette, Theme::light().palette);
        }
    }

    #[test]
    fn different_files_get_different_names() {
        let a = read("palette:\n  link: \"#0000ee\"\n").expect("a").value;
        let b = read("palette:\n  link: \"#0000ef\"\n").expect("b").value;
        assert_ne!(a.name, b.name);
        assert_eq!(
            a.name,
            read("palette: {link: '#0000ee'}").expect("a").value.name
        );
    }

    #[test]
    fn only_a_hex_colour_turned_comment_is_an_error() {
        assert_eq!(codes("palette:\n  text: #222\n"), ["invalid-color"]);
        // A key left empty with an ordinary comment is absent, as in a blueprint.
        assert!(codes("palette:\n  text:   # keep the base's\n").is_empty());
        assert!(codes("extends: # the default\n").is_empty());
    }

    #[test]
    fn low_contrast_is_a_warning_placed_at_the_colour_set() {
        let r = read("palette:\n  muted: \"#bbbbbb\"\n").expect("warnings only");
        let d = &r.warnings.0;
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "low-contrast");
        assert_eq!(d[0].label.span, Span::new(18, 27));
        let help = d[0].help.as_deref().unwrap_or("");
        // The suggestion passes every pair `muted` takes part in.
        let hex = help.split('"').nth(1).expect("a colour in the help");
        let mut t = r.value.clone();
        t.palette.muted = Color::parse(hex).expect("colour");
        assert!(t.contrast_problems(false).is_empty(), "{help}");
        // A colour no pair uses is never reported.
        assert!(codes("palette:\n  emotion_grid: \"#fefefe\"\n").is_empty());
    }

    #[test]
    fn extends_takes_names_only() {
        assert_eq!(codes("extends: ./dark.yaml\n"), ["unknown-theme"]);
        assert_eq!(codes("extends: 3\n"), ["wrong-type"]);
        for name in THEMES {
            assert!(codes(&format!("extends: {name}\n")).is_empty());
        }
    }
}
