//! Format 1.1's insight keys on items and at the top: the declared `tags:` and an item's
//! `tags` (ids in their own namespace; `unknown-ref`, warning `unused-tag`), an item's
//! `touchpoint` and its `map` (a relative path checked by [`map_problem`], never opened).
//! Uses validator, keys.

use super::keys;
use super::validator::{Fields, Validator, duplicate};
use crate::diag::{Diagnostic, quote};
use crate::limits;
use crate::model::{ItemDetails, Tag, Touchpoint};
use crate::parse::{Node, Value};
use crate::span::Spanned;

/// The extensions a `map:` may name (compared without case).
pub(crate) const MAP_EXTENSIONS: &[&str] = &["yaml", "yml", "svg", "png", "pdf", "html"];

/// Why `path` is not a valid `map:` reference, or `None` when it is: a relative path with no
/// `:` (no scheme, no drive), no leading `/`, no `//`, no `\`, naming one of
/// [`MAP_EXTENSIONS`], optionally followed by `#ID`.
pub(crate) fn map_problem(path: &str) -> Option<&'static str> {
    let (file, fragment) = match path.split_once('#') {
        Some((f, id)) => (f, Some(id)),
        None => (path, None),
    };
    if file.is_empty() {
        return Some("names no file");
    }
    if path.contains(':') {
        return Some("has a `:` (a URL or a drive): only relative paths are allowed");
    }
    if path.contains('\\') {
        return Some("has a `\\`: write `/` between folders");
    }
    if file.starts_with('/') {
        return Some("starts with `/`: only relative paths are allowed");
    }
    if file.contains("//") {
        return Some("has `//`: write one `/` between folders");
    }
    if let Some(id) = fragment
        && (id.is_empty() || id.contains('#') || id.chars().any(char::is_whitespace))
    {
        return Some("has an empty or malformed `#ID`");
    }
    let ext = file
        .rsplit_once('.')
        .map(|(stem, e)| (stem, e.to_ascii_lowercase()));
    match ext {
        Some((stem, e))
            if !stem.is_empty() && !stem.ends_with('/') && MAP_EXTENSIONS.contains(&e.as_str()) =>
        {
            None
        }
        _ => Some("does not end in .yaml, .yml, .svg, .png, .pdf or .html"),
    }
}

impl Validator<'_> {
    /// The top-level `tags:` (format 1.1): `{id, label}` each, ids unique, at most
    /// [`limits::MAX_TAGS`]. Read before the steps, which name them.
    pub(super) fn tags(&mut self, node: &Node) -> Vec<Tag> {
        // In a version 1 file `tags` was reported with the other top-level 1.1 keys.
        if self.version_1.is_some() {
            return Vec::new();
        }
        let Some(list) = self.list(node, "`tags`", limits::MAX_TAGS, "MAX_TAGS") else {
            return Vec::new();
        };
        let mut tags: Vec<Tag> = Vec::new();
        for n in list {
            let Some((f, _)) = self.fields(n, keys::TAG, "a tag", false) else {
                continue;
            };
            let Some(id) = f.get("id").and_then(|(_, v)| self.id(v, "the tag id")) else {
                if f.get("id").is_none() {
                    let d = Diagnostic::error("missing-key", "a tag has no `id`")
                        .with_label(n.span, "`id` is required here")
                        .with_help("add `id:` (the word on the chips)");
                    self.error(d);
                }
                continue;
            };
            if let Some(first) = tags.iter().find(|t| t.id.value == id.value) {
                let d = duplicate(&id, first.id.span, "tag id");
                self.error(d);
                continue;
            }
            let label = self
                .opt_text(f.get("label").map(|x| x.1), "the tag label")
                .unwrap_or_else(|| id.clone());
            tags.push(Tag { id, label });
        }
        self.tag_ids = tags.iter().map(|t| t.id.value.clone()).collect();
        self.tags_used = vec![false; tags.len()];
        tags
    }

    /// Warning `unused-tag` on each declared tag no item names.
    pub(super) fn unused_tags(&mut self, tags: &[Tag]) {
        for (t, used) in tags.iter().zip(std::mem::take(&mut self.tags_used)) {
            if !used {
                let d = Diagnostic::warning(
                    "unused-tag",
                    format!(
                        "the tag {} is declared but no item has it",
                        quote(&t.id.value)
                    ),
                )
                .with_label(t.id.span, "declared here")
                .with_help("add it to an item's `tags`, or remove the declaration");
                self.error(d);
            }
        }
    }

    /// An item's `touchpoint`, `map` and `tags` into `d`.
    pub(super) fn item_insight(&mut self, f: &Fields<'_>, d: &mut ItemDetails) {
        // A version 1 file was told `needs-version` for each of them already.
        if self.version_1.is_some() {
            return;
        }
        d.touchpoint = f.get("touchpoint").and_then(|(_, v)| {
            let w = self.word(v, "the touchpoint", keys::TOUCHPOINTS, "unknown-touchpoint")?;
            Touchpoint::from_key(&w.value).map(|t| Spanned::new(t, w.span))
        });
        d.map = f.get("map").and_then(|(_, v)| self.map_ref(v));
        if let Some((_, v)) = f.get("tags") {
            d.tags = self.item_tags(v);
        }
    }

    fn map_ref(&mut self, v: &Node) -> Option<Spanned<String>> {
        let t = self.text(v, "the map")?;
        let Some(why) = map_problem(&t.value) else {
            return Some(t);
        };
        let d = Diagnostic::error("invalid-map", format!("map {} {why}", quote(&t.value)))
            .with_label(v.span, "not a relative path to a blueprint or figure")
            .with_help(
                "write a path relative to this file, such as `interview.yaml` or `parts/pay.svg#refund`",
            );
        self.error(d);
        None
    }

    /// `tags` on an item: an id or a list of ids, each a declared tag; each kept once.
    fn item_tags(&mut self, v: &Node) -> Vec<Spanned<u32>> {
        let nodes: &[Node] = match &v.value {
            Value::Seq(list) => list,
            _ => std::slice::from_ref(v),
        };
        let mut out: Vec<Spanned<u32>> = Vec::new();
        for n in nodes {
            let Some(id) = self.id(n, "a tag") else {
                continue;
            };
            match self.tag_ids.iter().position(|t| *t == id.value) {
                Some(i) => {
                    if let Some(seen) = self.tags_used.get_mut(i) {
                        *seen = true;
                    }
                    if !out.iter().any(|x| x.value == i as u32) {
                        out.push(Spanned::new(i as u32, id.span));
                    }
                }
                None => {
                    let ids = self.tag_ids.clone();
                    let cands: Vec<&str> = ids.iter().map(String::as_str).collect();
                    let fallback = if cands.is_empty() {
                        "declare it under the top-level `tags:` first".to_string()
                    } else {
                        format!("the tags are: {}", cands.join(", "))
                    };
                    let help = self.help_for(&id.value, &cands, fallback);
                    let d = Diagnostic::error(
                        "unknown-ref",
                        format!("unknown tag {}", quote(&id.value)),
                    )
                    .with_label(n.span, "no declared tag has this id")
                    .with_help(help);
                    self.error(d);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::map_problem;

    #[test]
    fn maps_are_relative_paths_to_blueprints_and_figures() {
        for ok in [
            "interview.yaml",
            "parts/pay.YML",
            "../other/figure.svg#refund",
            "a.png",
            "b.pdf",
            "c.html#top",
        ] {
            assert_eq!(map_problem(ok), None, "{ok}");
        }
        for bad in [
            "https://example.com/a.yaml",
            "C:/a.yaml",
            "/etc/a.yaml",
            "a//b.yaml",
            "a\\b.yaml",
            "notes.txt",
            "folder/",
            ".yaml",
            "#id",
            "a.yaml#",
            "a.yaml#b#c",
        ] {
            assert!(map_problem(bad).is_some(), "{bad}");
        }
    }
}
