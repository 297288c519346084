//! Presentation attributes: every element's look (`fill`, `stroke`, `font-style`, ...) written
//! on the element itself as well as in the `<style>` block, for viewers that ignore or half-read
//! CSS (LibreOffice's SVG import applies one rule per element and skips compound selectors,
//! issue 18). The values are read from the very stylesheet `css.rs` writes, so there is no
//! second copy of a colour: [`Rules`] parses it back, and [`Looks`] matches its selectors
//! against each element's tag, class and ancestors, as a browser does, once per distinct chain.
//! Since a CSS rule beats a presentation attribute and both carry the same value, a viewer that
//! reads the stylesheet draws exactly what it drew before (resvg too: PNG and PDF do not change),
//! and a user's CSS that selects through the root's id still restyles everything.
//!
//! The `font-family` of every `text` is written once, on the root ([`Rules::root`]): it is
//! inherited and only text draws it, and the value is the theme's named families without the
//! embedded subsets (`bp-<hash>-inter`, which the stylesheet names first): a viewer that reads
//! no stylesheet reads no `@font-face` either, and some (LibreOffice) try the first family only.
//! Uses the stylesheet's text only (and `css.rs`'s name for the embedded subsets).

use std::collections::HashMap;
use std::hash::BuildHasher;

/// The properties written as attributes, in the order they are written. `font-size` and
/// `font-weight` are not among them: the layout measured the text at its own size and weight,
/// which the text writer puts on every `<text>` already (the stylesheet never sets them).
const PROPERTIES: [&str; 12] = [
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "font-family",
    "font-style",
    "text-decoration",
];

/// The id and class the root stands for while rules are matched: the cards are written before
/// the real prefix is known, and only the root carries it.
pub(super) const ROOT: &str = "bp-root";

/// One compound selector: a tag or none, an id or none, and classes.
#[derive(Debug, PartialEq)]
struct Compound {
    tag: Option<String>,
    id: Option<String>,
    classes: Vec<String>,
}

impl Compound {
    /// `text`, `.a.b`, `a.b`, `#id`, `#id.a`; `None` for anything else (`*`, pseudo-classes,
    /// attributes, combinators other than the descendant one), which [`Rules::parse`] then
    /// leaves out.
    fn parse(s: &str) -> Option<Compound> {
        let name_ok = |n: &str| {
            !n.is_empty()
                && n.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        };
        let start = s.find(['.', '#']).unwrap_or(s.len());
        let (tag, mut rest) = s.split_at(start);
        let mut c = Compound {
            tag: None,
            id: None,
            classes: Vec::new(),
        };
        if !tag.is_empty() {
            c.tag = Some(tag.to_string()).filter(|t| name_ok(t));
            c.tag.as_ref()?;
        }
        while let Some(kind) = rest.chars().next() {
            let body = &rest[1..];
            let end = body.find(['.', '#']).unwrap_or(body.len());
            let (name, after) = body.split_at(end);
            if !name_ok(name) || (kind == '#' && c.id.is_some()) {
                return None;
            }
            if kind == '#' {
                c.id = Some(name.to_string());
            } else {
                c.classes.push(name.to_string());
            }
            rest = after;
        }
        Some(c)
    }

    fn matches(&self, n: &Node) -> bool {
        self.tag.as_deref().is_none_or(|t| t == n.tag)
            && self.id.as_deref().is_none_or(|i| i == n.id)
            && self
                .classes
                .iter()
                .all(|c| n.class.split(' ').any(|k| k == c))
    }
}

/// Where a rule stands in the cascade: its specificity (ids, classes, tags), then its place
/// in the stylesheet.
type Rank = ((usize, usize, usize), usize);

/// One selector of a rule, with its declarations (of [`PROPERTIES`] only).
#[derive(Debug)]
struct Rule {
    /// Compounds from the outermost ancestor to the element.
    selector: Vec<Compound>,
    /// (ids, classes, tags): CSS specificity.
    specificity: (usize, usize, usize),
    declarations: Vec<(usize, String)>,
}

/// The stylesheet's rules, parsed back for matching.
#[derive(Debug, Default)]
pub(super) struct Rules {
    /// In the stylesheet's order, which breaks ties of specificity.
    rules: Vec<Rule>,
    /// The selectors that were not understood, for the test that there are none.
    skipped: Vec<String>,
    /// The preludes of the at-rules left out whole, for the test that the guard is the only
    /// one.
    at_rules: Vec<String>,
}

impl Rules {
    /// Parses `css`, the rules `css.rs` writes (`SELECTOR,SELECTOR{PROP:VALUE;...}`, no
    /// comments). An at-rule is left out whole, nested rules and all: the only one is the
    /// guard against a page's CSS (`@supports (all:revert-layer){...}`, css.rs), which resvg
    /// and krilla skip and which in a browser yields to every rule of the figure and rolls the
    /// rest back to these very attributes; so the attributes are what the rules alone draw.
    pub(super) fn parse(css: &str) -> Rules {
        let mut out = Rules::default();
        let mut rest = css;
        while let Some(open) = rest.find('{') {
            let selectors = rest[..open].trim();
            let after = &rest[open + 1..];
            if selectors.starts_with('@') {
                out.at_rules.push(selectors.to_string());
                rest = after.get(block_end(after) + 1..).unwrap_or("");
                continue;
            }
            let close = after.find('}').unwrap_or(after.len());
            let body = &after[..close];
            rest = after.get(close + 1..).unwrap_or("");
            let declarations: Vec<(usize, String)> = body
                .split(';')
                .filter_map(|d| {
                    let (k, v) = d.split_once(':')?;
                    let k = PROPERTIES.iter().position(|p| *p == k.trim())?;
                    // Written into a `"`-quoted attribute as it is: the stylesheet holds theme
                    // data only (colours checked to be `#rrggbb`, numbers, keywords, the font
                    // list in single quotes), nothing to escape; a value that would need it
                    // is left out rather than written wrong.
                    let v = v.trim();
                    (!v.contains(['"', '<', '&'])).then(|| (k, v.to_string()))
                })
                .collect();
            if declarations.is_empty() {
                continue;
            }
            for sel in selectors.split(',') {
                let selector: Option<Vec<Compound>> =
                    sel.split_whitespace().map(Compound::parse).collect();
                match selector {
                    Some(selector) if !selector.is_empty() => {
                        let ids = selector.iter().filter(|c| c.id.is_some()).count();
                        let classes = selector.iter().map(|c| c.classes.len()).sum();
                        let tags = selector.iter().filter(|c| c.tag.is_some()).count();
                        out.rules.push(Rule {
                            selector,
                            specificity: (ids, classes, tags),
                            declarations: declarations.clone(),
                        });
                    }
                    _ => out.skipped.push(sel.to_string()),
                }
            }
        }
        out
    }

    /// The attributes for the root: the declarations of rules that select every `text` under
    /// the root (`#ROOT text`) for `font-family`, which the text inherits. Those rules are left
    /// out of each element's own attributes ([`Rules::element`]).
    pub(super) fn root(&self) -> String {
        let mut out = String::new();
        let mut best: Option<&String> = None;
        for r in &self.rules {
            if is_root_text(r) {
                for (k, v) in &r.declarations {
                    if PROPERTIES[*k] == "font-family" {
                        best = Some(v);
                    }
                }
            }
        }
        if let Some(v) = best {
            // Without the embedded subsets, named after the root and listed first: a viewer
            // that reads no stylesheet loads no `@font-face` either.
            let subset = format!("'{}', ", super::font::embedded_family(ROOT));
            push_attr(
                &mut out,
                "font-family",
                v.strip_prefix(&subset).unwrap_or(v),
            );
        }
        out
    }

    /// The attributes of `nodes[at]`, an element whose ancestors up to the root are its
    /// `parent` chain in `nodes`: for each property, the value of the matching rule of highest
    /// specificity, the later one on a tie, as the cascade picks it.
    fn element(&self, nodes: &[Node], at: usize) -> String {
        // Per property: the winner's rank (specificity, then order) and value.
        let mut won: [Option<(Rank, &str)>; PROPERTIES.len()] = [None; PROPERTIES.len()];
        for (order, r) in self.rules.iter().enumerate() {
            if !selects(&r.selector, nodes, at) {
                continue;
            }
            for (k, v) in &r.declarations {
                if PROPERTIES[*k] == "font-family" && is_root_text(r) {
                    continue;
                }
                let rank = (r.specificity, order);
                if won[*k].is_none_or(|w| w.0 <= rank) {
                    won[*k] = Some((rank, v));
                }
            }
        }
        let mut out = String::new();
        for (k, w) in won.iter().enumerate() {
            if let Some(w) = w {
                push_attr(&mut out, PROPERTIES[k], w.1);
            }
        }
        out
    }
}

/// Whether `r` is `#ROOT text`, whatever the root's id: every text element of the figure.
fn is_root_text(r: &Rule) -> bool {
    matches!(&r.selector[..], [root, text]
        if root.tag.is_none() && root.id.is_some() && root.classes.is_empty()
            && text.classes.is_empty() && text.id.is_none()
            && text.tag.as_deref() == Some("text"))
}

/// Where the block that `css` is the inside of ends: the index of its closing brace, nested
/// blocks skipped; the length of `css` when it is never closed.
fn block_end(css: &str) -> usize {
    let mut depth = 0usize;
    for (i, b) in css.bytes().enumerate() {
        match b {
            b'{' => depth += 1,
            b'}' if depth == 0 => return i,
            b'}' => depth -= 1,
            _ => {}
        }
    }
    css.len()
}

fn push_attr(out: &mut String, k: &str, v: &str) {
    out.push(' ');
    out.push_str(k);
    out.push_str("=\"");
    out.push_str(v);
    out.push('"');
}

/// Whether `selector` selects `nodes[at]`: its last compound matches the element, and each
/// one before some ancestor further out (descendant combinators only, so the nearest match
/// is as good as any).
fn selects(selector: &[Compound], nodes: &[Node], at: usize) -> bool {
    let Some((last, rest)) = selector.split_last() else {
        return false;
    };
    if !last.matches(&nodes[at]) {
        return false;
    }
    let mut n = nodes[at].parent;
    for c in rest.iter().rev() {
        loop {
            let Some(i) = n else { return false };
            n = nodes[i].parent;
            if c.matches(&nodes[i]) {
                break;
            }
        }
    }
    true
}

/// One element chain seen so far: its tag, id and class, its parent, and its attributes.
#[derive(Debug)]
struct Node {
    parent: Option<usize>,
    tag: String,
    /// The root's ([`ROOT`]); empty below it: the stylesheet names no other id, and the ids
    /// below the root (`PREFIX-title`, ...) all differ from the root's, so a chain need not
    /// tell them apart (which keeps one node per chain, not per element).
    id: String,
    class: String,
    attrs: String,
}

/// The attributes of each element chain a writer meets, worked out once per chain: a card
/// repeats the same few chains, so a thousand cards cost a thousand hash lookups.
pub(super) struct Looks<'r> {
    rules: &'r Rules,
    /// Node 0 is the root.
    nodes: Vec<Node>,
    /// (parent, tag, class) hashed → node.
    index: HashMap<u64, usize, foldhash::fast::FixedState>,
    hasher: foldhash::fast::FixedState,
}

impl<'r> Looks<'r> {
    pub(super) fn new(rules: &'r Rules) -> Looks<'r> {
        Looks {
            rules,
            nodes: vec![Node {
                parent: None,
                tag: "svg".into(),
                id: ROOT.into(),
                class: ROOT.into(),
                attrs: String::new(),
            }],
            index: HashMap::default(),
            hasher: foldhash::fast::FixedState::default(),
        }
    }

    /// The root, parent of the elements written at the top level.
    pub(super) const ROOT: usize = 0;

    /// The node of a `tag` element of class `class` (space-separated; empty for none) inside
    /// `parent`, and its attributes as written (` fill="…" …`, empty when no rule selects it).
    pub(super) fn child(&mut self, parent: usize, tag: &str, class: &str) -> (usize, &str) {
        let key = self.hasher.hash_one((parent, tag, class));
        let found = self.index.get(&key).copied().filter(|&i| {
            let n = &self.nodes[i];
            n.parent == Some(parent) && n.tag == tag && n.class == class
        });
        let i = match found {
            Some(i) => i,
            None => {
                self.nodes.push(Node {
                    parent: Some(parent),
                    tag: tag.into(),
                    id: String::new(),
                    class: class.into(),
                    attrs: String::new(),
                });
                let i = self.nodes.len() - 1;
                self.nodes[i].attrs = self.rules.element(&self.nodes, i);
                // A colliding key keeps the first chain; this one is worked out again each
                // time (64-bit hashes of a few dozen chains: it does not happen).
                self.index.entry(key).or_insert(i);
                i
            }
        };
        (i, &self.nodes[i].attrs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn looks_of(css: &str, chain: &[(&str, &str)]) -> String {
        let rules = Rules::parse(css);
        let mut looks = Looks::new(&rules);
        let mut at = Looks::ROOT;
        let mut attrs = String::new();
        for (tag, class) in chain {
            let (i, a) = looks.child(at, tag, class);
            attrs = a.to_string();
            at = i;
        }
        attrs
    }

    #[test]
    fn the_cascade_picks_specificity_then_order() {
        let css = "#bp-root text{fill:#111111;font-family:Inter, 'A B'}\
                   #bp-root .note{fill:#222222;font-style:italic}\
                   #bp-root .item.zone-x .card{fill:#333333;stroke:#444444;stroke-width:1.5}\
                   #bp-root .card{fill:#555555;display:none}";
        // `.note` (one class) beats `text` (one tag); the family is the root's.
        assert_eq!(
            looks_of(css, &[("g", "item zone-x"), ("text", "note")]),
            r##" fill="#222222" font-style="italic""##
        );
        assert_eq!(looks_of(css, &[("text", "")]), r##" fill="#111111""##);
        // Three classes beat one, whatever the order; `display` is no presentation attribute
        // the viewers need.
        assert_eq!(
            looks_of(css, &[("g", "item zone-x"), ("rect", "card")]),
            r##" fill="#333333" stroke="#444444" stroke-width="1.5""##
        );
        assert_eq!(
            looks_of(css, &[("g", "item zone-y"), ("rect", "card")]),
            r##" fill="#555555""##
        );
        let rules = Rules::parse(css);
        assert_eq!(rules.root(), r#" font-family="Inter, 'A B'""#);
        // The embedded subsets (named after the root) are left out of the root's family.
        let rules = Rules::parse("#bp-root text{font-family:'bp-root-inter', Inter, 'A B'}");
        assert_eq!(rules.root(), r#" font-family="Inter, 'A B'""#);
    }

    #[test]
    fn a_value_that_would_need_escaping_is_left_out() {
        let css = "#bp-root .x{fill:#000000;stroke:a\"b}";
        assert_eq!(looks_of(css, &[("rect", "x")]), r##" fill="#000000""##);
    }

    #[test]
    fn a_selector_it_cannot_read_is_skipped_not_misread() {
        let rules = Rules::parse("#bp-root a:hover .x,#bp-root .y{fill:#000000}");
        assert_eq!(rules.skipped, ["#bp-root a:hover .x"]);
        assert_eq!(rules.rules.len(), 1);
    }

    #[test]
    fn an_at_rule_is_left_out_whole_and_the_rules_after_it_are_read() {
        let css = "@supports (all:revert-layer){#bp-root{fill:#000000}#bp-root *{all:revert-layer}}\
                   #bp-root .x{fill:#111111}";
        let rules = Rules::parse(css);
        assert_eq!(rules.at_rules, ["@supports (all:revert-layer)"]);
        assert!(rules.skipped.is_empty(), "{:?}", rules.skipped);
        assert_eq!(rules.rules.len(), 1);
        assert_eq!(looks_of(css, &[("rect", "x")]), r##" fill="#111111""##);
        assert_eq!(looks_of(css, &[("g", "y"), ("rect", "")]), "");
        // Never closed: nothing after it is read, and nothing panics.
        assert!(
            Rules::parse("@media x{#bp-root .x{fill:#000000}")
                .rules
                .is_empty()
        );
    }

    #[test]
    fn an_id_outranks_any_number_of_classes_and_names_the_root_only() {
        let css = "#bp-root .a{fill:#111111}.a.b.c{fill:#222222;stroke:#222222}\
                   #bp-other .a{stroke:#333333}#bp-root.bp-root g .a{stroke-width:2}";
        assert_eq!(
            looks_of(css, &[("g", ""), ("rect", "a b c")]),
            r##" fill="#111111" stroke="#222222" stroke-width="2""##
        );
        assert_eq!(Compound::parse("#a#b"), None);
        assert_eq!(Compound::parse("*"), None);
        assert_eq!(
            Compound::parse("rect#a.b"),
            Some(Compound {
                tag: Some("rect".into()),
                id: Some("a".into()),
                classes: vec!["b".into()],
            })
        );
    }

    #[test]
    fn every_rule_of_every_theme_and_mode_is_understood() {
        use crate::theme::Theme;
        for name in crate::validate::keys::THEMES {
            let theme = Theme::named(name).expect("built-in theme");
            for paths in [false, true] {
                let opts = super::super::css::Options {
                    embedded_family: (!paths).then_some("bp-root-inter"),
                    paths,
                };
                let css = super::super::css::stylesheet(ROOT, &theme, &opts)
                    + &super::super::css::stub_stylesheet(ROOT, &theme, &opts);
                let rules = Rules::parse(&css);
                assert!(rules.skipped.is_empty(), "{name}: {:?}", rules.skipped);
                // The guard alone is left out (see `Rules::parse`), and nothing after it.
                assert_eq!(rules.at_rules, ["@supports (all:revert-layer)"], "{name}");
                assert!(rules.rules.len() > 40, "{name}: {}", rules.rules.len());
            }
        }
    }
}
