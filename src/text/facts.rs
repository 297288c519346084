//! The analyses behind [`SpaceFacts`] and `PLAIN_WIDTHS`: which glyphs of a face may shape
//! differently depending on text across a space, and which Latin glyphs only kerning and
//! single adjustments act on, read from its GSUB and GPOS tables. The bundled fonts never
//! change, so this runs in tests only, which check that `space-facts.txt` and
//! `plain-widths.bin` hold its results for both faces (`BLESS=1 cargo test --lib text::facts`
//! rewrites them); a process reads those files instead of spending milliseconds on the analysis
//! (and on shaping 39,601 pairs) at start-up.

use std::collections::HashSet;

use rustybuzz::Face;
use rustybuzz::ttf_parser::gpos::{PairAdjustment, PositioningSubtable, ValueRecord};
use rustybuzz::ttf_parser::gsub::{SingleSubstitution, SubstitutionSubtable};
use rustybuzz::ttf_parser::opentype_layout::{
    ChainedContextLookup, ClassDefinition, ContextLookup, Coverage, LayoutTable, LookupSubtable,
};
use rustybuzz::ttf_parser::{GlyphId, LazyArray16, Tag};

use super::space::SpaceFacts;

/// The non-null entries of a ttf-parser offset array. (Its own iterator stops at the first
/// null offset, which class-based rule sets often have.)
macro_rules! entries {
    ($array:expr) => {{
        let array = $array;
        (0..array.len()).filter_map(move |i| array.get(i))
    }};
}

/// The features rustybuzz 0.20 applies to horizontal left-to-right text when no features are
/// asked for (`hb/ot_shape.rs`, `collect_features`), plus each language system's required
/// feature. `frac`, `numr` and `dnom` are in its map too, but act only on glyphs around U+2044
/// FRACTION SLASH: that character is marked sensitive instead (see [`space_facts`]).
const DEFAULT_FEATURES: [&[u8; 4]; 19] = [
    b"rvrn", b"ltra", b"ltrm", b"rand", b"trak", b"abvm", b"blwm", b"ccmp", b"locl", b"mark",
    b"mkmk", b"rlig", b"calt", b"clig", b"curs", b"dist", b"kern", b"liga", b"rclt",
];

/// Which lookups of `table` can act on text shaped with default features: those of the
/// [`DEFAULT_FEATURES`] in any script and language system (a superset of what one plan uses),
/// and every lookup a contextual rule of those calls, transitively. `nested` lists the lookups
/// that lookup `i`'s contextual rules call. With `latin_default`, only the language system a
/// plan for Latin with no language picks: the default one of `latn`, else of `DFLT` (as
/// HarfBuzz selects scripts); all of them if the font has neither.
fn active_lookups(
    table: &LayoutTable<'_>,
    latin_default: bool,
    nested: impl Fn(u16) -> Vec<u16>,
) -> Vec<bool> {
    let n = table.lookups.len();
    let mut active = vec![false; usize::from(n)];
    let mut todo = Vec::new();
    let latin = [b"latn", b"DFLT", b"dflt"].into_iter().find_map(|tag| {
        let script = table
            .scripts
            .into_iter()
            .find(|s| s.tag == Tag::from_bytes(tag))?;
        script.default_language
    });
    let systems: Vec<_> = match latin {
        Some(lang) if latin_default => vec![lang],
        _ => table
            .scripts
            .into_iter()
            .flat_map(|s| s.default_language.into_iter().chain(s.languages))
            .collect(),
    };
    {
        for lang in systems {
            let required = lang.required_feature.into_iter().map(|f| (f, true));
            let listed = lang.feature_indices.into_iter().map(|f| (f, false));
            for (fi, required) in required.chain(listed) {
                let Some(feature) = table.features.get(fi) else {
                    continue;
                };
                if required
                    || DEFAULT_FEATURES
                        .iter()
                        .any(|t| Tag::from_bytes(t) == feature.tag)
                {
                    todo.extend(feature.lookup_indices);
                }
            }
        }
    }
    while let Some(i) = todo.pop() {
        if let Some(a) = active.get_mut(usize::from(i))
            && !*a
        {
            *a = true;
            todo.extend(nested(i));
        }
    }
    active
}

/// The lookups that the rules of a contextual subtable call.
fn context_calls(c: &ContextLookup<'_>) -> Vec<u16> {
    match *c {
        ContextLookup::Format1 { sets, .. } | ContextLookup::Format2 { sets, .. } => entries!(sets)
            .flat_map(|set| entries!(set))
            .flat_map(|rule| rule.lookups.into_iter().map(|r| r.lookup_list_index))
            .collect(),
        ContextLookup::Format3 { lookups, .. } => {
            lookups.into_iter().map(|r| r.lookup_list_index).collect()
        }
    }
}

/// The lookups that the rules of a chained contextual subtable call.
fn chained_calls(c: &ChainedContextLookup<'_>) -> Vec<u16> {
    match *c {
        ChainedContextLookup::Format1 { sets, .. } | ChainedContextLookup::Format2 { sets, .. } => {
            entries!(sets)
                .flat_map(|set| entries!(set))
                .flat_map(|rule| rule.lookups.into_iter().map(|r| r.lookup_list_index))
                .collect()
        }
        ChainedContextLookup::Format3 { lookups, .. } => {
            lookups.into_iter().map(|r| r.lookup_list_index).collect()
        }
    }
}

/// The [`SpaceFacts`] of `face`, each set closed under the substitutions that can lead to its
/// glyphs. `None` if a space is kerned against what follows it, is part of a ligature or of
/// cursive attachment, or a rule skips base glyphs (and so could reach across a space without
/// naming it): then no line takes the fast path.
///
/// Only the lookups that default shaping can reach are read ([`active_lookups`]): reading every
/// lookup would count features no viewer turns on by default (Inter's `frac` makes every digit
/// look sensitive, and so every line with a number be shaped whole). Runs once per face, in
/// milliseconds.
pub(super) fn space_facts(face: &Face<'_>) -> Option<SpaceFacts> {
    let space = face.glyph_index(' ')?;
    let n = face.number_of_glyphs();
    let all = move || (0..n).map(GlyphId);
    let tables = face.tables();
    let mut across = HashSet::new();
    let mut before = HashSet::new();
    // Automatic fractions act around a fraction slash, on both sides of spaces.
    across.extend(face.glyph_index('\u{2044}').map(|g| g.0));
    let (gsub_active, gpos_active) = active(face, false, true);
    let only = |active: &[bool]| {
        let active = active.to_vec();
        move |(i, _): &(usize, _)| active.get(*i).copied().unwrap_or(false)
    };
    // Substitutions `from -> to`: if `to` is sensitive, so is `from`.
    let mut edges: Vec<(u16, u16)> = Vec::new();
    for (_, lookup) in tables
        .gsub
        .iter()
        .flat_map(|t| entries!(t.lookups).enumerate())
        .filter(only(&gsub_active))
    {
        let skips = lookup.flags.ignore_base_glyphs();
        let subtables = lookup.subtables;
        for st in (0..subtables.len()).filter_map(|i| subtables.get::<SubstitutionSubtable<'_>>(i))
        {
            match st {
                SubstitutionSubtable::Single(s) => {
                    for g in all() {
                        let to = match s {
                            SingleSubstitution::Format1 { coverage, delta } => {
                                coverage.get(g).map(|_| g.0.wrapping_add_signed(delta))
                            }
                            SingleSubstitution::Format2 {
                                coverage,
                                substitutes,
                            } => coverage
                                .get(g)
                                .and_then(|i| substitutes.get(i))
                                .map(|t| t.0),
                        };
                        edges.extend(to.map(|t| (g.0, t)));
                    }
                }
                SubstitutionSubtable::Multiple(m) => {
                    for g in all() {
                        if let Some(seq) = m.coverage.get(g).and_then(|i| m.sequences.get(i)) {
                            edges.extend(seq.substitutes.into_iter().map(|t| (g.0, t.0)));
                        }
                    }
                }
                SubstitutionSubtable::Alternate(a) => {
                    for g in all() {
                        if let Some(set) = a.coverage.get(g).and_then(|i| a.alternate_sets.get(i)) {
                            edges.extend(set.alternates.into_iter().map(|t| (g.0, t.0)));
                        }
                    }
                }
                SubstitutionSubtable::Ligature(l) => {
                    for g in all() {
                        let Some(set) = l.coverage.get(g).and_then(|i| l.ligature_sets.get(i))
                        else {
                            continue;
                        };
                        for lig in entries!(set) {
                            if skips || g == space || lig.components.into_iter().any(|c| c == space)
                            {
                                return None;
                            }
                            edges.push((g.0, lig.glyph.0));
                            edges.extend(lig.components.into_iter().map(|c| (c.0, lig.glyph.0)));
                        }
                    }
                }
                SubstitutionSubtable::Context(c) => {
                    seed_from_rules(&context_rules(&c, n), space, skips, n, &mut across);
                }
                SubstitutionSubtable::ChainContext(c) => {
                    seed_from_rules(&chained_rules(&c, n), space, skips, n, &mut across);
                }
                SubstitutionSubtable::ReverseChainSingle(r) => {
                    let rule = Rule {
                        backtrack: entries!(r.backtrack_coverages).map(Pos::Cover).collect(),
                        input: vec![Pos::Cover(r.coverage)],
                        lookahead: entries!(r.lookahead_coverages).map(Pos::Cover).collect(),
                    };
                    seed_from_rules(&[rule], space, skips, n, &mut across);
                }
            }
        }
    }

    for (_, lookup) in tables
        .gpos
        .iter()
        .flat_map(|t| entries!(t.lookups).enumerate())
        .filter(only(&gpos_active))
    {
        let skips = lookup.flags.ignore_base_glyphs();
        let subtables = lookup.subtables;
        for st in (0..subtables.len()).filter_map(|i| subtables.get::<PositioningSubtable<'_>>(i)) {
            match st {
                PositioningSubtable::Pair(p) => {
                    // A pair that starts with the space spans a piece boundary. One that ends
                    // with it lies inside a piece ("word "), but trailing spaces are measured
                    // apart from their word (`Wrapper::with_trailing`), so its first glyph is
                    // sensitive.
                    if skips || p.coverage().contains(space) {
                        return None;
                    }
                    seed_kerned_before(&p, space, n, &mut before);
                }
                PositioningSubtable::Cursive(c) => {
                    if skips || c.coverage.contains(space) {
                        return None;
                    }
                }
                PositioningSubtable::Context(c) => {
                    seed_from_rules(&context_rules(&c, n), space, skips, n, &mut across);
                }
                PositioningSubtable::ChainContext(c) => {
                    seed_from_rules(&chained_rules(&c, n), space, skips, n, &mut across);
                }
                // Single adjustments act on one glyph alone. Marks attach to what precedes
                // them in the same grapheme, and piece boundaries are grapheme boundaries.
                PositioningSubtable::Single(_)
                | PositioningSubtable::MarkToBase(_)
                | PositioningSubtable::MarkToLigature(_)
                | PositioningSubtable::MarkToMark(_) => {}
            }
        }
    }

    let close = |mut seeds: HashSet<u16>| loop {
        let size = seeds.len();
        for &(from, to) in &edges {
            if seeds.contains(&to) {
                seeds.insert(from);
            }
        }
        if seeds.len() == size {
            return seeds;
        }
    };
    Some(SpaceFacts {
        across: close(across),
        before: close(before),
    })
}

/// Which GSUB and GPOS lookups of `face` default shaping can reach ([`active_lookups`]);
/// without `nested`, only those the features list, not those contextual rules call.
fn active(face: &Face<'_>, latin_default: bool, nested: bool) -> (Vec<bool>, Vec<bool>) {
    let tables = face.tables();
    let gsub = reachable(tables.gsub, latin_default, nested, |st| match st {
        SubstitutionSubtable::Context(c) => context_calls(&c),
        SubstitutionSubtable::ChainContext(c) => chained_calls(&c),
        _ => Vec::new(),
    });
    let gpos = reachable(tables.gpos, latin_default, nested, |st| match st {
        PositioningSubtable::Context(c) => context_calls(&c),
        PositioningSubtable::ChainContext(c) => chained_calls(&c),
        _ => Vec::new(),
    });
    (gsub, gpos)
}

/// [`active_lookups`] of `table` (none when the font has no such table); `calls` lists the
/// lookups a subtable's contextual rules call, followed only when `nested`.
fn reachable<'a, T: LookupSubtable<'a>>(
    table: Option<LayoutTable<'a>>,
    latin_default: bool,
    nested: bool,
    calls: impl Fn(T) -> Vec<u16>,
) -> Vec<bool> {
    let Some(t) = table else {
        return Vec::new();
    };
    active_lookups(&t, latin_default, |i| {
        let Some(l) = t.lookups.get(i).filter(|_| nested) else {
            return Vec::new();
        };
        (0..l.subtables.len())
            .filter_map(|k| l.subtables.get::<T>(k))
            .flat_map(&calls)
            .collect()
    })
}

/// The glyphs among `domain` (a set of glyphs text is made of) that default shaping of text
/// made only of `domain` changes by nothing but pair kerning and single adjustments. A glyph is
/// left out when a reachable lookup could start a match on it in such text: a GSUB lookup or
/// a GPOS lookup other than a pair or single adjustment has it in the coverage that starts a
/// match, and, for a ligature or a contextual rule, every other glyph the match needs can come
/// from `domain` too (Inter's `ccmp` joins letters with combining marks, which ASCII text never
/// has); a contextual rule that can match leaves out every glyph of its input, where the
/// lookups it calls act. Lookups only rules call are read through those rules alone. Only the
/// language system a plan for Latin with no language uses counts (`locl` for Turkish or Dutch
/// never applies). Induction over the lookups in order: while none matches, the text stays
/// the glyphs of `domain`, so none ever does. Text of the glyphs returned then shapes to the sum of each
/// shaped alone and each adjacent pair's kerning (`plain-widths.bin`); tests in `mod.rs`
/// check that against rustybuzz, on whole strings and every kerned triple.
pub(super) fn plain_glyphs(face: &Face<'_>, domain: &HashSet<u16>) -> HashSet<u16> {
    let (gsub_active, gpos_active) = active(face, true, false);
    let tables = face.tables();
    let n = face.number_of_glyphs();
    let in_domain = |pos: &Pos<'_>| domain.iter().any(|&g| pos.matches(GlyphId(g)));
    let mut started: HashSet<u16> = HashSet::new();
    let from_rules = |rules: Vec<Rule<'_>>, started: &mut HashSet<u16>| {
        for rule in rules {
            let live = rule
                .backtrack
                .iter()
                .chain(&rule.input)
                .chain(&rule.lookahead)
                .all(in_domain);
            // The rule's own lookups act at any of its input positions.
            if live {
                for pos in &rule.input {
                    started.extend(domain.iter().filter(|&&g| pos.matches(GlyphId(g))));
                }
            }
        }
    };
    let covered = |c: &Coverage<'_>| -> Vec<u16> {
        domain
            .iter()
            .copied()
            .filter(|&g| c.contains(GlyphId(g)))
            .collect()
    };
    for s in subtables::<SubstitutionSubtable<'_>>(tables.gsub, &gsub_active) {
        match s {
            SubstitutionSubtable::Ligature(l) => {
                for g in covered(&l.coverage) {
                    let Some(set) = l
                        .coverage
                        .get(GlyphId(g))
                        .and_then(|i| l.ligature_sets.get(i))
                    else {
                        continue;
                    };
                    if entries!(set)
                        .any(|lig| lig.components.into_iter().all(|c| domain.contains(&c.0)))
                    {
                        started.insert(g);
                    }
                }
            }
            SubstitutionSubtable::Context(c) => from_rules(context_rules(&c, n), &mut started),
            SubstitutionSubtable::ChainContext(c) => from_rules(chained_rules(&c, n), &mut started),
            other => started.extend(covered(&other.coverage())),
        }
    }
    for s in subtables::<PositioningSubtable<'_>>(tables.gpos, &gpos_active) {
        match s {
            PositioningSubtable::Pair(_) | PositioningSubtable::Single(_) => {}
            PositioningSubtable::Context(c) => from_rules(context_rules(&c, n), &mut started),
            PositioningSubtable::ChainContext(c) => from_rules(chained_rules(&c, n), &mut started),
            other => started.extend(covered(&other.coverage())),
        }
    }
    domain.difference(&started).copied().collect()
}

/// The subtables of the lookups of `table` that `active` marks (a lookup it does not know of
/// counts as active).
fn subtables<'a, T: LookupSubtable<'a>>(table: Option<LayoutTable<'a>>, active: &[bool]) -> Vec<T> {
    table
        .iter()
        .flat_map(|t| entries!(t.lookups).enumerate())
        .filter(|(i, _)| active.get(*i).copied().unwrap_or(true))
        .flat_map(|(_, lookup)| {
            let st = lookup.subtables;
            (0..st.len()).filter_map(move |k| st.get::<T>(k))
        })
        .collect()
}

/// Adds to `seeds` the first glyph of every pair that pair-adjustment subtable `p` moves when
/// the second glyph is `space`.
fn seed_kerned_before(p: &PairAdjustment<'_>, space: GlyphId, n: u16, seeds: &mut HashSet<u16>) {
    let moves = |(a, b): (ValueRecord<'_>, ValueRecord<'_>)| {
        a.x_advance != 0 || a.x_placement != 0 || b.x_advance != 0 || b.x_placement != 0
    };
    match p {
        PairAdjustment::Format1 { coverage, sets } => {
            for g in (0..n).map(GlyphId) {
                let pair = coverage
                    .get(g)
                    .and_then(|i| sets.get(i))
                    .and_then(|set| set.get(space));
                if pair.is_some_and(moves) {
                    seeds.insert(g.0);
                }
            }
        }
        PairAdjustment::Format2 {
            coverage,
            classes,
            matrix,
        } => {
            let c2 = classes.1.get(space);
            for g in (0..n).map(GlyphId) {
                if coverage.contains(g) && matrix.get((classes.0.get(g), c2)).is_some_and(moves) {
                    seeds.insert(g.0);
                }
            }
        }
    }
}

/// One position of a contextual rule: the glyphs it matches.
enum Pos<'a> {
    Glyph(GlyphId),
    Class(ClassDefinition<'a>, u16),
    Cover(Coverage<'a>),
}

impl Pos<'_> {
    fn matches(&self, g: GlyphId) -> bool {
        match self {
            Pos::Glyph(x) => *x == g,
            Pos::Class(def, class) => def.get(g) == *class,
            Pos::Cover(c) => c.contains(g),
        }
    }
}

/// A contextual rule, in one shape for all seven subtable formats.
struct Rule<'a> {
    backtrack: Vec<Pos<'a>>,
    input: Vec<Pos<'a>>,
    lookahead: Vec<Pos<'a>>,
}

/// For each of `rules` that can match a space (or, with `skips`, step over one), adds to
/// `seeds` the glyphs of its most selective position that does not match a space. The rule
/// can fire only in text holding one of those glyphs (or one that substitutes into them, which
/// the caller's closure adds), so text without any shapes the same on both sides of a space.
fn seed_from_rules(
    rules: &[Rule<'_>],
    space: GlyphId,
    skips: bool,
    n: u16,
    seeds: &mut HashSet<u16>,
) {
    for rule in rules {
        let positions = || {
            rule.backtrack
                .iter()
                .chain(&rule.input)
                .chain(&rule.lookahead)
        };
        if !skips && !positions().any(|p| p.matches(space)) {
            continue;
        }
        let narrowest = positions()
            .filter(|p| !p.matches(space))
            .map(|p| {
                (0..n)
                    .map(GlyphId)
                    .filter(|&g| p.matches(g))
                    .map(|g| g.0)
                    .collect::<Vec<_>>()
            })
            .min_by_key(Vec::len);
        match narrowest {
            Some(glyphs) => seeds.extend(glyphs),
            // Every position may be a space: only marking the space itself is safe.
            None => {
                seeds.insert(space.0);
            }
        }
    }
}

/// The glyph at each coverage index of `coverage`.
fn coverage_glyphs(coverage: &Coverage<'_>, n: u16) -> Vec<GlyphId> {
    let mut indexed: Vec<(u16, GlyphId)> = (0..n)
        .map(GlyphId)
        .filter_map(|g| coverage.get(g).map(|i| (i, g)))
        .collect();
    indexed.sort_unstable();
    indexed.into_iter().map(|(_, g)| g).collect()
}

fn context_rules<'a>(c: &ContextLookup<'a>, n: u16) -> Vec<Rule<'a>> {
    let mut rules = Vec::new();
    match *c {
        ContextLookup::Format1 { coverage, sets } => {
            for (i, first) in coverage_glyphs(&coverage, n).into_iter().enumerate() {
                let Some(set) = u16::try_from(i).ok().and_then(|i| sets.get(i)) else {
                    continue;
                };
                for rule in entries!(set) {
                    let mut input = vec![Pos::Glyph(first)];
                    input.extend(rule.input.into_iter().map(|g| Pos::Glyph(GlyphId(g))));
                    rules.push(Rule {
                        backtrack: Vec::new(),
                        input,
                        lookahead: Vec::new(),
                    });
                }
            }
        }
        ContextLookup::Format2 { classes, sets, .. } => {
            for class in 0..sets.len() {
                let Some(set) = sets.get(class) else { continue };
                for rule in entries!(set) {
                    let mut input = vec![Pos::Class(classes, class)];
                    input.extend(rule.input.into_iter().map(|k| Pos::Class(classes, k)));
                    rules.push(Rule {
                        backtrack: Vec::new(),
                        input,
                        lookahead: Vec::new(),
                    });
                }
            }
        }
        ContextLookup::Format3 {
            coverage,
            coverages,
            ..
        } => {
            let mut input = vec![Pos::Cover(coverage)];
            input.extend(entries!(coverages).map(Pos::Cover));
            rules.push(Rule {
                backtrack: Vec::new(),
                input,
                lookahead: Vec::new(),
            });
        }
    }
    rules
}

fn chained_rules<'a>(c: &ChainedContextLookup<'a>, n: u16) -> Vec<Rule<'a>> {
    let mut rules = Vec::new();
    match *c {
        ChainedContextLookup::Format1 { coverage, sets } => {
            for (i, first) in coverage_glyphs(&coverage, n).into_iter().enumerate() {
                let Some(set) = u16::try_from(i).ok().and_then(|i| sets.get(i)) else {
                    continue;
                };
                for rule in entries!(set) {
                    let glyphs = |a: LazyArray16<'a, u16>| {
                        a.into_iter()
                            .map(|g| Pos::Glyph(GlyphId(g)))
                            .collect::<Vec<_>>()
                    };
                    let mut input = vec![Pos::Glyph(first)];
                    input.extend(glyphs(rule.input));
                    rules.push(Rule {
                        backtrack: glyphs(rule.backtrack),
                        input,
                        lookahead: glyphs(rule.lookahead),
                    });
                }
            }
        }
        ChainedContextLookup::Format2 {
            backtrack_classes,
            input_classes,
            lookahead_classes,
            sets,
            ..
        } => {
            for class in 0..sets.len() {
                let Some(set) = sets.get(class) else { continue };
                for rule in entries!(set) {
                    let classes = |def: ClassDefinition<'a>, a: LazyArray16<'a, u16>| {
                        a.into_iter()
                            .map(|k| Pos::Class(def, k))
                            .collect::<Vec<_>>()
                    };
                    let mut input = vec![Pos::Class(input_classes, class)];
                    input.extend(classes(input_classes, rule.input));
                    rules.push(Rule {
                        backtrack: classes(backtrack_classes, rule.backtrack),
                        input,
                        lookahead: classes(lookahead_classes, rule.lookahead),
                    });
                }
            }
        }
        ChainedContextLookup::Format3 {
            coverage,
            backtrack_coverages,
            input_coverages,
            lookahead_coverages,
            ..
        } => {
            let mut input = vec![Pos::Cover(coverage)];
            input.extend(entries!(input_coverages).map(Pos::Cover));
            rules.push(Rule {
                backtrack: entries!(backtrack_coverages).map(Pos::Cover).collect(),
                input,
                lookahead: entries!(lookahead_coverages).map(Pos::Cover).collect(),
            });
        }
    }
    rules
}

/// [`super::space::SPACE_FACTS`] as the analysis gives it for the bundled faces.
fn table() -> String {
    let mut out = String::from(
        "# The glyphs of the bundled Inter faces that may shape differently across a space\n\
         # (src/text/facts.rs). Generated: `BLESS=1 cargo test --lib text::facts`.\n",
    );
    for (name, bytes) in [("regular", super::REGULAR_TTF), ("bold", super::BOLD_TTF)] {
        let face = Face::from_slice(bytes, 0).expect("bundled font parses");
        let Some(facts) = space_facts(&face) else {
            continue;
        };
        // Per character of the plain-width table, in table order: 1 if its glyph is in
        // `across`, plus 2 if in `before` (what measuring plain text reads, without a lookup).
        let flags: String = table_chars()
            .into_iter()
            .map(|c| {
                let g = face.glyph_index(c).map(|g| g.0);
                let bit = |set: &HashSet<u16>| g.is_some_and(|g| set.contains(&g));
                char::from(b'0' + u8::from(bit(&facts.across)) + 2 * u8::from(bit(&facts.before)))
            })
            .collect();
        out.push_str(&format!("{name} plain: {flags}\n"));
        for (set, glyphs) in [("across", &facts.across), ("before", &facts.before)] {
            let mut glyphs: Vec<u16> = glyphs.iter().copied().collect();
            glyphs.sort_unstable();
            let list: Vec<String> = glyphs.iter().map(u16::to_string).collect();
            out.push_str(&format!("{name} {set}: {}\n", list.join(" ")));
        }
    }
    out
}

#[test]
fn space_facts_file_matches_the_fonts() {
    let want = table();
    if std::env::var_os("BLESS").is_some_and(|v| v == "1") {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/text/space-facts.txt");
        std::fs::write(path, &want).expect("write space-facts.txt");
        return;
    }
    assert!(
        super::space::SPACE_FACTS == want,
        "src/text/space-facts.txt is stale: run `BLESS=1 cargo test --lib text::facts`"
    );
}

/// The characters of [`super::plain::PLAIN_WIDTHS`], in table order.
fn table_chars() -> Vec<char> {
    let chars: Vec<char> = (0x20u8..=0x7e)
        .chain(0xa0..=0xff)
        .filter(|&b| b != 0xad)
        .map(char::from)
        .chain(super::plain::TABLE_EXTRA)
        .collect();
    for (i, &c) in chars.iter().enumerate() {
        assert_eq!(super::plain::table_index(c), Some(i), "{c:?}");
    }
    assert_eq!(chars.len(), super::plain::TABLE_CHARS);
    chars
}

/// [`super::plain::PLAIN_WIDTHS`] as [`plain_glyphs`] and rustybuzz give it for the bundled faces.
fn plain_widths() -> Vec<u8> {
    let mut out = Vec::new();
    let chars = table_chars();
    for (key, bytes) in [
        (super::FontKey::Regular, super::REGULAR_TTF),
        (super::FontKey::Bold, super::BOLD_TTF),
    ] {
        let face = Face::from_slice(bytes, 0).expect("bundled font parses");
        let domain: HashSet<u16> = chars
            .iter()
            .filter_map(|&c| face.glyph_index(c))
            .map(|g| g.0)
            .collect();
        let plain = plain_glyphs(&face, &domain);
        let mut mask = [0u8; 32];
        for (i, &c) in chars.iter().enumerate() {
            if face.glyph_index(c).is_some_and(|g| plain.contains(&g.0)) {
                mask[i / 8] |= 1 << (i % 8);
            }
        }
        out.extend(mask);
        let mut st = super::cache::State::default();
        let mut units = |s: &str| super::measure::shaped_units(&mut st, key, &face, s).0;
        let i16_of = |v: i64| i16::try_from(v).expect("a width in font units fits i16");
        let alone: Vec<i64> = chars.iter().map(|c| units(&c.to_string())).collect();
        alone
            .iter()
            .for_each(|&a| out.extend(i16_of(a).to_le_bytes()));
        for &c in &chars {
            let nominal = face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g));
            out.extend(i16_of(nominal.map_or(0, i64::from)).to_le_bytes());
        }
        for (i, a) in chars.iter().enumerate() {
            for (j, b) in chars.iter().enumerate() {
                let kern = units(&format!("{a}{b}")) - alone[i] - alone[j];
                out.extend(i16_of(kern).to_le_bytes());
            }
        }
    }
    out
}

#[test]
fn plain_widths_file_matches_the_fonts() {
    let want = plain_widths();
    assert_eq!(want.len(), 2 * super::plain::TABLE_WEIGHT_BYTES);
    if std::env::var_os("BLESS").is_some_and(|v| v == "1") {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/text/plain-widths.bin");
        std::fs::write(path, &want).expect("write plain-widths.bin");
        return;
    }
    assert!(
        super::plain::PLAIN_WIDTHS == want.as_slice(),
        "src/text/plain-widths.bin is stale: run `BLESS=1 cargo test --lib text::facts`"
    );
}
