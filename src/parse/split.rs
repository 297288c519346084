//! A big blueprint parsed on two threads. Most of a blueprint is its `steps:` list, and YAML
//! cannot be parsed from the middle in general; but a block list's items begin at lines of
//! their own, at the list's indentation, and nothing else in a valid document can begin there.
//! So the text is cut at the item line nearest its middle into two texts that parse on
//! their own:
//! - the head: the text up to the line of the item after the cut, and that line's indentation
//!   (the keys before `steps:`, the items before the cut, and the item at the cut, whose copy
//!   here is dropped: it only makes the last item kept be followed by what follows it in the
//!   whole text, as granit's spans of a block scalar, which run to the next token, need);
//! - the rest: `steps:` and a line break, then the text from the cut to the end (the second
//!   half of the items, and the top-level keys after them).
//!
//! The rest parses on another thread while this one parses the head. The head's last item,
//! read again as the first of the rest, is dropped; the rest's items and keys are moved to
//! where they sit in the whole text and joined to the head's.
//!
//! The result must be the very tree the whole text gives ([`front::read`]), and any doubt
//! falls back to reading it whole, which also gives every error its usual diagnostic:
//! - the cut is only tried on text without anchors (an `&` where a node could start: an alias
//!   could not see an anchor in the other part, and a later anchor of the same name changes
//!   what an alias means; "R&D" in a label is fine), merge
//!   keys (`<<`), tabs, directives (`%`) or a `\r` that is not part of `\r\n`, and when
//!   `steps:` is a top-level key followed by a block list;
//! - both texts must parse, and the head's last item must start at the cut, where the rest's
//!   first does: a quoted scalar or flow collection still open at the cut either leaves the
//!   head unterminated, an error, or (granit lets quoted scalars run on at any indentation)
//!   closes in it and takes the cut line into an earlier item; a block or plain scalar cannot
//!   run on into a line indented no deeper than the list;
//! - the trees must have the expected shapes (each a mapping, the head's ending and the rest's
//!   starting with `steps:` and a list), and the two budgets added up must stay within the
//!   limits of the whole text.
//!
//! A differential test compares the two on generated blueprints and thousands of random edits
//! of them and of the repository's YAML files (`tests.rs`).

use super::front;
use super::{Node, Value};
use crate::span::Span;

/// From a text of this many bytes on, a parse is split (below, a thread costs about what it
/// saves). Since `fast.rs` reads plain blueprints several times faster, that is about 500
/// steps: at 200 steps (48 KB) one thread was 0.09 ms faster, at 1000 (250 KB) two were 0.56 ms
/// faster (median wall, 80 and 30 alternating runs).
pub(super) const SPLIT_FROM: usize = 128 * 1024;

/// What the rest starts with, before the text from the cut on.
const REST_KEY: &str = "steps:\n";

/// Where the text is cut: the head is `..head_end` (the item at `cut` and the indentation of
/// the line after it), the rest is [`REST_KEY`] and `cut..`.
#[derive(Debug, PartialEq)]
struct Cut {
    cut: usize,
    head_end: usize,
}

/// The whole text's tree, read in two parts on two threads; `None` when the text is not split
/// (shorter than `split_from`, or anything listed in the module's doc), and then the caller
/// reads it whole.
pub(super) fn read(text: &str, split_from: usize) -> Option<Node> {
    if text.len() < split_from {
        return None;
    }
    let Cut { cut, head_end } = find_cut(text)?;
    let (head, rest) = crate::parallel::both_deep(
        || front::read_part(&text[..head_end]).ok(),
        || {
            let rest = [REST_KEY, &text[cut..]].concat();
            front::read_part(&rest).ok()
        },
    );
    let ((head, head_tally), (rest, rest_tally)) = (head?, rest?);
    if !head_tally.add(&rest_tally).within_limits() {
        return None;
    }
    join(head?, rest?, cut)
}

/// The entries of `node` and the index of its `steps:` entry, if `node` is a mapping whose
/// first (`first`) or else last entry is `steps:` with a list.
fn steps(node: &mut Node, first: bool) -> Option<(&mut Vec<(Node, Node)>, usize)> {
    let Value::Map(entries) = &mut node.value else {
        return None;
    };
    let at = if first {
        0
    } else {
        entries.len().checked_sub(1)?
    };
    let (key, value) = entries.get(at)?;
    let is_steps = matches!(&key.value, Value::Str(k) if k == "steps");
    (is_steps && matches!(value.value, Value::Seq(_))).then_some((entries, at))
}

/// The head's tree, its last item replaced by the rest's items and the rest's other keys
/// appended, those moved to where the rest's text sits in the whole (from `cut`).
fn join(mut head: Node, mut rest: Node, cut: usize) -> Option<Node> {
    let by = u32::try_from(cut - REST_KEY.len()).ok()?;
    let (more, _) = steps(&mut rest, true)?;
    let mut more = std::mem::take(more);
    let (_, second) = more.remove(0);
    let Value::Seq(mut items) = second.value else {
        return None;
    };
    let (entries, last) = steps(&mut head, false)?;
    let Value::Seq(first) = &mut entries[last].1.value else {
        return None;
    };
    // The item at the cut, read by both: the rest's reading saw what follows it. Both must
    // have read it as an item starting at the same place; if the head's last item starts
    // before the cut, the cut line was not an item of the whole text (it is inside a quoted
    // scalar, which granit lets run on at any indentation).
    items.iter_mut().for_each(|n| shift(n, by));
    let at_cut = first.pop()?;
    if at_cut.span.start < u32::try_from(cut).ok()? || at_cut.span != items.first()?.span {
        return None;
    }
    first.append(&mut items);
    for (k, v) in &mut more {
        shift(k, by);
        shift(v, by);
    }
    entries.append(&mut more);
    Some(head)
}

/// Moves every span in `node` by `by` bytes.
fn shift(node: &mut Node, by: u32) {
    node.span = Span {
        start: node.span.start.saturating_add(by),
        end: node.span.end.saturating_add(by),
    };
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().for_each(|n| shift(n, by)),
        Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
            shift(k, by);
            shift(v, by);
        }),
        _ => {}
    }
}

/// The line `line` without its end (`\n` or `\r\n`).
fn content(line: &str) -> &str {
    line.trim_end_matches('\n').trim_end_matches('\r')
}

/// Whether `line` holds nothing but blanks or a comment.
fn is_blank_or_comment(line: &str) -> bool {
    let t = content(line).trim_start_matches(' ');
    t.is_empty() || t.starts_with('#')
}

/// The number of spaces `line` starts with.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether `line`, past `k` spaces, starts a block list item: `-` then a space or the end.
fn is_item(line: &str, k: usize) -> bool {
    let rest = content(line);
    indent(rest) == k && {
        let after = &rest[k..];
        after == "-" || after.starts_with("- ")
    }
}

/// Whether `line` is the top-level key `steps:` with its value on the lines below (nothing
/// after the colon but blanks and a comment).
fn is_steps_key(line: &str) -> bool {
    content(line)
        .strip_prefix("steps:")
        .is_some_and(|r| r.is_empty() || (r.starts_with(' ') && is_blank_or_comment(r)))
}

/// Whether `text` may hold an anchor: an `&` at the start of a line or after a blank, `[`,
/// `{`, `,` or `:`, followed by something other than a blank. An anchor can only start a node,
/// so it always looks like that; an `&` inside a word ("R&D") or before a blank ("Check & pay")
/// never does, and such text can still be split. Quoted text that merely looks like it (`"a
/// &b"`) is taken as an anchor too, which only costs the split.
fn may_hold_an_anchor(text: &[u8]) -> bool {
    let blank = |c: u8| matches!(c, b' ' | b'\t' | b'\r' | b'\n');
    text.iter().enumerate().any(|(i, &c)| {
        c == b'&'
            && (i == 0 || blank(text[i - 1]) || matches!(text[i - 1], b'[' | b'{' | b',' | b':'))
            && text.get(i + 1).is_some_and(|&n| !blank(n))
    })
}

/// Where to cut `text`, if it can be cut (the module's doc says when).
fn find_cut(text: &str) -> Option<Cut> {
    let b = text.as_bytes();
    if may_hold_an_anchor(b) || text.contains("<<") || b.contains(&b'\t') {
        return None;
    }
    // Lines are cut at `\n`: a `\r` alone (a line break in YAML too) would hide a line.
    if b.iter()
        .zip(b.iter().skip(1).chain([&0]))
        .any(|(&c, &n)| c == b'\r' && n != b'\n')
    {
        return None;
    }
    let mut at = 0;
    // Each line with its `\n`, as `split_inclusive('\n')` gives them, found by `memchr`.
    let mut lines = std::iter::from_fn(|| {
        let rest = text.get(at..).filter(|r| !r.is_empty())?;
        let len = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1);
        let start = at;
        at += len;
        Some((start, &rest[..len]))
    });
    // The top-level key `steps:`. A directive before it would hold for the head only.
    for (_, line) in lines.by_ref() {
        if line.starts_with('%') {
            return None;
        }
        if is_steps_key(line) {
            break;
        }
    }
    // Its first item sets the list's indentation.
    let k = lines
        .by_ref()
        .find(|(_, line)| !is_blank_or_comment(line))
        .filter(|(_, line)| is_item(line, indent(line)))
        .map(|(_, line)| indent(line))?;
    // The lines of the other items, up to the first top-level line after the list.
    let mut items = Vec::new();
    for (start, line) in lines {
        if is_blank_or_comment(line) {
            continue;
        }
        let i = indent(line);
        if is_item(line, k) {
            items.push(start);
        } else if i == 0 {
            break;
        } else if i <= k {
            // Not an item, yet no deeper than the list: leave it to the whole-text parse.
            return None;
        }
    }
    // The two texts about the same length: the item line nearest the middle of the whole
    // text (keys after `steps:` go with the rest), one with an item after it.
    let middle = text.len() / 2;
    let candidates = &items[..items.len().checked_sub(1)?];
    let at = candidates
        .iter()
        .enumerate()
        .min_by_key(|&(_, &s)| s.abs_diff(middle))?
        .0;
    let (cut, next) = (items[at], items[at + 1]);
    Some(Cut {
        cut,
        head_end: next + k,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cut_is_the_item_line_nearest_the_middle_and_the_head_runs_one_item_on() {
        let text = "title: t\nsteps:\n  - id: a\n    label: A\n  # note\n  - id: b\n\n  - id: c\n  - id: d\nflows: []\n";
        let cut = find_cut(text).expect("a cut");
        assert_eq!(
            &text[cut.cut..],
            "  - id: b\n\n  - id: c\n  - id: d\nflows: []\n"
        );
        assert!(text[..cut.head_end].ends_with("  - id: b\n\n  "));
        // A list at the key's own indentation.
        let flush = "steps:\n- a\n- b\n- c\n- d\n";
        let cut = find_cut(flush).expect("a cut");
        assert_eq!(
            (&flush[..cut.head_end], &flush[cut.cut..]),
            ("steps:\n- a\n- b\n", "- b\n- c\n- d\n")
        );
    }

    #[test]
    fn an_ampersand_in_words_is_no_anchor() {
        for (text, anchor) in [
            ("a: R&D\nb: Check & pay\nc: '&'\nd: x&\n", false),
            ("a: &x 1\n", true),
            ("- &x 1\n", true),
            ("&x a: 1\n", true),
            ("a: [&x 1]\n", true),
            ("a: {b: 1,&x c: 2}\n", true),
            ("{\"a\":&x 1}\n", true),
        ] {
            assert_eq!(may_hold_an_anchor(text.as_bytes()), anchor, "{text:?}");
        }
    }

    #[test]
    fn no_cut_where_a_part_could_mean_something_else() {
        for text in [
            "a: &x 1\nsteps:\n  - 1\n  - *x\n  - 2\n",
            "a: {<<: {b: 1}}\nsteps:\n  - 1\n  - 2\n  - 3\n",
            "%YAML 1.2\n---\nsteps:\n  - 1\n  - 2\n  - 3\n",
            "steps: |\n  - 1\n  - 2\n  - 3\n",
            "steps:\n    - 1\n  - 2\n    - 3\n",
            "steps:\n  - 1\n  - 2\n",
            "title: t\n",
            "steps:\n\t- 1\n\t- 2\n\t- 3\n",
        ] {
            assert_eq!(find_cut(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_split_text_reads_as_the_whole() {
        let text = "title: t\nsteps:\n  - id: a\n    customer: |+\n      kept\n\n  - id: b\n    customer: x\n  - id: c\n  - {id: d}\nflows:\n  - from: a.customer\n";
        let whole = front::read(text).expect("parses").expect("a tree");
        assert_eq!(read(text, 0), Some(whole));
        assert_eq!(read(text, text.len() + 1), None, "too short to split");
    }
}
