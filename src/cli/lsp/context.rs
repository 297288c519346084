//! Where the cursor is in a blueprint, for completion, read from the lines of the text alone:
//! an edited file is mostly not valid YAML at the moment a completion is asked for, so the
//! mapping the cursor is in is found by indentation (the lines above with less of it, and the
//! `- ` items they start), the way a person reads block YAML.

/// The kind of mapping the cursor is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mapping {
    /// The top level.
    Top,
    /// A phase of `phases:`.
    Phase,
    /// A lane of `lanes:`.
    Lane,
    /// A step of `steps:`.
    Step,
    /// An item mapping in a step's cell.
    Item,
    /// A flow of `flows:`.
    Flow,
}

/// What is being typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A key of the mapping; `present` are the keys it already has.
    Key {
        mapping: Mapping,
        present: Vec<String>,
    },
    /// The value of `key` in the mapping.
    Value { mapping: Mapping, key: String },
}

/// One line as block YAML sees it: where its key starts, the columns of the `- ` markers before
/// it, and the key, if the line is `KEY:` or `KEY: value`.
struct Shape<'t> {
    key_col: usize,
    dashes: Vec<usize>,
    key: Option<&'t str>,
}

fn shape(line: &str) -> Shape<'_> {
    let mut col = line.len() - line.trim_start_matches(' ').len();
    let mut dashes = Vec::new();
    loop {
        let rest = &line[col..];
        if rest == "-" || rest.starts_with("- ") {
            dashes.push(col);
            col += 1;
            col += line[col..].len() - line[col..].trim_start_matches(' ').len();
        } else {
            break;
        }
    }
    let rest = &line[col..];
    let key = rest.split_once(':').and_then(|(k, after)| {
        let plain = !k.is_empty()
            && k.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        (plain && (after.is_empty() || after.starts_with([' ', '\t']))).then_some(k)
    });
    Shape {
        key_col: col,
        dashes,
        key,
    }
}

fn blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// The place of the cursor: `lines` the text's lines, `line` the cursor's line, `before` that
/// line's text before the cursor. `None` where nothing is completed (inside a text value, a
/// flow-style mapping, a comment).
pub fn place(lines: &[&str], line: usize, before: &str) -> Option<Place> {
    if line >= lines.len() {
        return None;
    }
    let here = shape(before);
    let rest = &before[here.key_col..];
    let value_of = match rest.split_once(':') {
        None if word(rest) => None,
        Some((k, v)) if here.key.is_some() && word_or_ref(v.trim_start()) => Some(k.to_string()),
        _ => return None,
    };
    // The path from the top to the cursor's mapping, innermost first.
    let mut path: Vec<Seg> = Vec::new();
    let mut target = here.key_col;
    for &d in here.dashes.iter().rev() {
        path.push(Seg::Item);
        target = d;
    }
    let start_target = if here.dashes.is_empty() {
        Some(here.key_col)
    } else {
        None
    };
    let mut present = Vec::new();
    // Keys of the cursor's mapping above it, until the line that starts the mapping.
    let mut in_mapping = start_target.is_some();
    let mut i = line;
    while i > 0 && (target > 0 || in_mapping) {
        i -= 1;
        let l = lines[i];
        if blank(l) {
            continue;
        }
        let s = shape(l);
        if s.key_col >= target {
            if in_mapping && s.key_col == target {
                present.extend(s.key.map(str::to_string));
            }
            let inner: Vec<usize> = s.dashes.iter().copied().filter(|&d| d < target).collect();
            if !inner.is_empty() {
                in_mapping = false;
            }
            for &d in inner.iter().rev() {
                path.push(Seg::Item);
                target = d;
            }
            continue;
        }
        in_mapping = false;
        let key = s.key?;
        path.push(Seg::Key(key.to_string()));
        target = s.key_col;
        for &d in s.dashes.iter().rev() {
            path.push(Seg::Item);
            target = d;
        }
    }
    if target > 0 {
        return None;
    }
    path.reverse();
    let mapping = mapping(&path)?;
    Some(match value_of {
        Some(key) => Place::Value { mapping, key },
        None => {
            // Keys below the cursor in the same mapping, when the cursor's line is in one
            // already (not the first line of a new list item, whose siblings lie below it).
            if let Some(col) = start_target.or_else(|| here.dashes.last().map(|_| here.key_col)) {
                for l in lines.iter().skip(line + 1).filter(|l| !blank(l)) {
                    let s = shape(l);
                    if s.key_col < col || s.dashes.iter().any(|&d| d < col) {
                        break;
                    }
                    if s.key_col == col {
                        present.extend(s.key.map(str::to_string));
                    }
                }
            }
            Place::Key { mapping, present }
        }
    })
}

#[derive(Debug)]
enum Seg {
    Key(String),
    Item,
}

fn mapping(path: &[Seg]) -> Option<Mapping> {
    use Seg::{Item, Key};
    Some(match path {
        [] => Mapping::Top,
        [Key(k), Item] => match k.as_str() {
            "phases" => Mapping::Phase,
            "lanes" => Mapping::Lane,
            "steps" => Mapping::Step,
            "flows" => Mapping::Flow,
            _ => return None,
        },
        [Key(k), Item, Key(_)] | [Key(k), Item, Key(_), Item] if k == "steps" => Mapping::Item,
        _ => return None,
    })
}

/// A key being typed: letters, digits, `_` and `-`, perhaps none yet.
fn word(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A value being typed where ids and words are completed (`a.customer.1` included).
fn word_or_ref(s: &str) -> bool {
    word(&s.replace('.', ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<Place> {
        let cursor = text.find('|').unwrap();
        let text = text.replace('|', "");
        let lines: Vec<&str> = text.lines().collect();
        let line = text[..cursor].matches('\n').count();
        let start = text[..cursor].rfind('\n').map_or(0, |i| i + 1);
        place(&lines, line, &text[start..cursor])
    }

    fn key(mapping: Mapping, present: &[&str]) -> Option<Place> {
        let present = present.iter().map(|s| s.to_string()).collect();
        Some(Place::Key { mapping, present })
    }

    #[test]
    fn finds_the_mapping_by_indentation() {
        assert_eq!(at("title: T\nst|\n"), key(Mapping::Top, &["title"]));
        let steps = "title: T\nsteps:\n  - id: a\n    cu|\n    phase: p\n  - id: b\n";
        assert_eq!(at(steps), key(Mapping::Step, &["id", "phase"]));
        assert_eq!(at("steps:\n  - id: a\n  - |\n"), key(Mapping::Step, &[]));
        let item = "steps:\n  - id: a\n    onstage:\n      - text: x\n        i|\n";
        assert_eq!(at(item), key(Mapping::Item, &["text"]));
        let flow = "flows:\n  - from: a.customer\n    to: |\n";
        assert_eq!(
            at(flow),
            Some(Place::Value {
                mapping: Mapping::Flow,
                key: "to".into()
            })
        );
        assert_eq!(at("steps:\n  - id: a\n    customer: Walk |\n"), None);
        assert_eq!(at("title: T\n# st|\n"), None);
    }
}
