//! A generator of format 1.1 blueprints as YAML text, for the property tests (test builds
//! only): the same cells and flows as the layout tests' generator, written as a file that says
//! `version: 1.1` and uses the 1.1 keys a mask picks, read back through parse and validate
//! (so the file must be valid), then laid out. Each 1.1 key is one line of [`KEYS`]: where it
//! goes, its name, and its value at the k-th place of that kind (or none there). A key added
//! to the format is added here the same way; a key declared at the top and named below
//! (variants, tags) is two lines. [`check_format_1_1`] holds the geometry of what 1.1 draws.

use super::Layout;
use crate::model::Blueprint;

/// Where a generated key is written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum At {
    /// The top-level mapping.
    Top,
    /// Each phase.
    Phase,
    /// Each lane.
    Lane,
    /// Each step.
    Step,
    /// Each item (written as a mapping).
    Item,
    /// Each flow.
    Flow,
}

/// What a key's value may depend on.
pub(crate) struct Ctx {
    /// The mask's own bits of randomness, so places differ from one case to the next.
    pub(crate) seed: u64,
    /// The keys turned on (bit `i`: `KEYS[i]`).
    pub(crate) mask: u32,
    /// The curves declared (0: `curves:` is off).
    pub(crate) curves: usize,
    /// The lane ids, in file order.
    pub(crate) lanes: Vec<String>,
}

impl Ctx {
    /// A number below `n` for the place `k` and the key `salt`, stable for a seed.
    pub(crate) fn pick(&self, k: usize, salt: u64, n: usize) -> usize {
        let mut x = self.seed ^ (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ salt;
        x ^= x >> 31;
        x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x ^= x >> 29;
        (x % n.max(1) as u64) as usize
    }
}

/// One 1.1 key the generator may write.
pub(crate) struct Key11 {
    pub(crate) at: At,
    pub(crate) key: &'static str,
    /// The value at the k-th place of its kind, as YAML flow text; `None` leaves it out there.
    pub(crate) value: fn(&Ctx, usize) -> Option<String>,
}

const fn k(at: At, key: &'static str, value: fn(&Ctx, usize) -> Option<String>) -> Key11 {
    Key11 { at, key, value }
}

/// Every 1.1 key the generator knows, one line each (bit `i` of the mask turns on `KEYS[i]`).
pub(crate) const KEYS: &[Key11] = &[
    k(At::Lane, "description", |c, i| {
        (c.pick(i, 1, 2) == 0).then(|| format!("\"Who lane {i} is, in a few words\""))
    }),
    k(At::Phase, "description", |c, i| {
        (c.pick(i, 2, 2) == 0).then(|| "\"What happens in this stage of the journey\"".into())
    }),
    k(At::Step, "emotion", emotion),
    k(At::Item, "fail", |c, i| {
        [
            None,
            Some("{}"),
            Some("{ cause: It broke, impact: high }"),
            Some("{ impact: low }"),
        ][c.pick(i, 3, 4)]
        .map(str::to_string)
    }),
    k(At::Item, "marks", |c, i| {
        [
            None,
            Some("moment-of-truth"),
            Some("[entry, optional]"),
            Some("[exit, workaround]"),
        ][c.pick(i, 4, 4)]
        .map(str::to_string)
    }),
    k(At::Item, "status", |c, i| {
        [None, Some("observed"), Some("assumed"), Some("proposed")][c.pick(i, 5, 4)]
            .map(str::to_string)
    }),
    k(At::Item, "source", |c, i| {
        (c.pick(i, 6, 2) == 0).then(|| "\"Interviews, March\"".into())
    }),
    k(At::Item, "owner", |c, i| {
        (c.pick(i, 7, 3) == 0).then(|| format!("\"Team {i} of the back office\""))
    }),
    k(At::Item, "meta", |c, i| {
        (c.pick(i, 8, 3) == 0).then(|| "{ cognitive-load: high, tools: [crm, mail] }".into())
    }),
    k(At::Flow, "kind", |c, i| {
        (c.pick(i, 9, 3) == 0).then(|| "needs".into())
    }),
    k(At::Flow, "note", |c, i| {
        (c.pick(i, 10, 3) == 0).then(|| "\"Recomputed on every edit\"".into())
    }),
    k(At::Top, "curves", |c, _| (c.curves > 0).then(|| curves(c))),
    k(At::Phase, "loops_to", |c, i| {
        (c.pick(i, 11, 2) == 0).then(|| format!("p{}", c.pick(i, 12, i + 1)))
    }),
    k(At::Phase, "loop_label", loop_label),
    k(At::Lane, "kind", |c, i| {
        [
            None,
            Some("pain"),
            Some("opportunity"),
            Some("thinking"),
            Some("metric"),
        ][c.pick(i, 16, 5)]
        .map(str::to_string)
    }),
    k(At::Top, "tags", |_, _| {
        Some("[{ id: sense, label: Sensory (sense) }, { id: relate }]".into())
    }),
    // Only where `tags:` declares them.
    k(At::Item, "tags", |c, i| {
        let declared = c.mask & bit("tags") != 0;
        [None, Some("sense"), Some("[sense, relate]")][c.pick(i, 17, 3)]
            .filter(|_| declared)
            .map(str::to_string)
    }),
    k(At::Item, "touchpoint", |c, i| {
        [
            None,
            Some("brand"),
            Some("partner"),
            Some("customer"),
            Some("social"),
        ][c.pick(i, 18, 5)]
        .map(str::to_string)
    }),
    k(At::Item, "map", |c, i| {
        [None, Some("next.yaml"), Some("figures/after.svg#s1")][c.pick(i, 19, 3)]
            .map(str::to_string)
    }),
    k(At::Top, "variants", |_, _| {
        Some("[{ id: as-is, label: As is }, { id: to-be }]".into())
    }),
    // Only where `variants:` declares them.
    k(At::Item, "variant", |c, i| {
        let declared = c.mask & bit("variants") != 0;
        [None, None, Some("as-is"), Some("[to-be]")][c.pick(i, 21, 4)]
            .filter(|_| declared)
            .map(str::to_string)
    }),
];

/// The bit of `KEYS` for `key` (its first line: a key declared at the top and named below is
/// found at the top).
fn bit(key: &str) -> u32 {
    1 << KEYS
        .iter()
        .position(|k| k.key == key)
        .expect("a generated key")
}

/// `curves:` with `c.curves` curves, some tied to a lane.
fn curves(c: &Ctx) -> String {
    let names = [
        "Business guest",
        "Desk clerk with a long name",
        "Night porter",
        "Host",
        "Cook",
    ];
    let list: Vec<String> = (0..c.curves)
        .map(|k| {
            let lane = match c.pick(k, 13, 2) {
                0 => format!(", lane: {}", c.lanes[k % c.lanes.len()]),
                _ => String::new(),
            };
            format!(
                "{{ id: c{k}, label: \"{}\"{lane} }}",
                names[k % names.len()]
            )
        })
        .collect();
    format!("[{}]", list.join(", "))
}

/// A step's emotion: a score, words, both or nothing, per curve when curves are declared.
fn emotion(c: &Ctx, i: usize) -> Option<String> {
    let one = |salt: u64| -> Option<String> {
        let score = 1 + c.pick(i, salt, 5);
        match c.pick(i, salt + 1, 5) {
            0 => None,
            1 => Some(score.to_string()),
            2 => Some(format!(
                "{{ label: \"Feels {} about it\" }}",
                ["fine", "lost"][score % 2]
            )),
            _ => Some(format!(
                "{{ score: {score}, label: \"Rather tired and rushed\" }}"
            )),
        }
    };
    if c.curves == 0 {
        return one(20);
    }
    let parts: Vec<String> = (0..c.curves)
        .filter_map(|k| one(30 + 2 * k as u64).map(|v| format!("c{k}: {v}")))
        .collect();
    (!parts.is_empty()).then(|| format!("{{ {} }}", parts.join(", ")))
}

/// A loop's label, only where the phase loops.
fn loop_label(c: &Ctx, i: usize) -> Option<String> {
    let loops = c.mask & bit("loops_to") != 0
        && KEYS
            .iter()
            .find(|k| k.key == "loops_to")
            .is_some_and(|k| (k.value)(c, i).is_some());
    (loops && c.pick(i, 14, 3) != 0)
        .then(|| ["Loyalty loop", "\"Comes back, often a year later\""][c.pick(i, 15, 2)].into())
}

/// The 1.1 keys of `mask` at place `k` of kind `at`, with their values.
fn extras(mask: u32, ctx: &Ctx, at: At, k: usize) -> Vec<(&'static str, String)> {
    KEYS.iter()
        .enumerate()
        .filter(|(b, key)| key.at == at && mask & (1 << b) != 0)
        .filter_map(|(_, key)| Some((key.key, (key.value)(ctx, k)?)))
        .collect()
}

/// `extras` as `, key: value` pieces of a flow mapping.
fn inline(extras: &[(&str, String)]) -> String {
    extras.iter().map(|(k, v)| format!(", {k}: {v}")).collect()
}

/// A quoted YAML string (JSON's quoting is YAML's).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string")
}

/// The layout tests' generated blueprint (lanes, steps, cells as
/// `(step, lane, item texts with |fail=..|wait=..|note=..)`, flows as `(from, to, options)`
/// between item names), written as a format 1.1 file using the keys of `mask`, and read back.
pub(crate) fn blueprint(
    lanes: &[&str],
    grid: &[Vec<Vec<String>>],
    flows: &[(String, String, u8)],
    phased: bool,
    mask: u32,
) -> Blueprint {
    let y = text(lanes, grid, flows, phased, mask);
    let source = crate::span::Source::new("generated.yaml", y.clone());
    match crate::check(&source) {
        Ok(c) => c.value,
        Err(d) => panic!("a generated 1.1 file does not check:\n{y}\n{d:?}"),
    }
}

/// The YAML text of [`blueprint`].
fn text(
    lanes: &[&str],
    grid: &[Vec<Vec<String>>],
    flows: &[(String, String, u8)],
    phased: bool,
    mask: u32,
) -> String {
    let steps = grid.len();
    let phases = if phased { steps.div_ceil(3) } else { 0 };
    let ctx = Ctx {
        seed: u64::from(mask).wrapping_mul(0x2545_f491_4f6c_dd1d) ^ (steps as u64) << 40,
        mask,
        curves: if mask & bit("curves") != 0 {
            1 + (mask as usize >> 20) % crate::limits::MAX_CURVES
        } else {
            0
        },
        lanes: lanes.iter().map(|l| l.to_string()).collect(),
    };
    let mut y = String::from("version: 1.1\ntitle: Generated\n");
    for key in KEYS.iter().filter(|k| k.at == At::Top) {
        if mask & bit(key.key) != 0
            && let Some(v) = (key.value)(&ctx, 0)
        {
            y.push_str(&format!("{}: {v}\n", key.key));
        }
    }
    y.push_str("lanes:\n");
    for (i, l) in lanes.iter().enumerate() {
        let more = inline(&extras(mask, &ctx, At::Lane, i));
        y.push_str(&format!("  - {{ id: {l}{more} }}\n"));
    }
    if phased {
        y.push_str("phases:\n");
        for p in 0..phases {
            let more = inline(&extras(mask, &ctx, At::Phase, p));
            y.push_str(&format!("  - {{ id: p{p}{more} }}\n"));
        }
    }
    y.push_str("steps:\n");
    let mut item = 0;
    for (s, row) in grid.iter().enumerate() {
        y.push_str(&format!("  - id: s{s}\n"));
        if phased {
            y.push_str(&format!("    phase: p{}\n", s / 3));
        }
        for (k, v) in extras(mask, &ctx, At::Step, s) {
            y.push_str(&format!("    {k}: {v}\n"));
        }
        for (l, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            y.push_str(&format!("    {}:\n", lanes[l]));
            for t in cell {
                let mut parts = t.split('|');
                let mut m = format!("text: {}", quoted(parts.next().unwrap_or("x")));
                let mut fail = false;
                for p in parts {
                    let (k, v) = p.split_once('=').unwrap_or((p, ""));
                    fail |= k == "fail";
                    m.push_str(&format!(", {k}: {}", quoted(v)));
                }
                let mut more = extras(mask, &ctx, At::Item, item);
                // An item with a fail point in words keeps it.
                more.retain(|(k, _)| !(fail && *k == "fail"));
                let more = inline(&more);
                y.push_str(&format!("      - {{ {m}{more} }}\n"));
                item += 1;
            }
        }
    }
    if !flows.is_empty() {
        y.push_str("flows:\n");
        for (i, (a, b, o)) in flows.iter().enumerate() {
            let mut f = format!("from: {a}, to: {b}");
            if o & 1 != 0 {
                f.push_str(", label: goes there now");
            }
            if o & 2 != 0 {
                f.push_str(", style: dashed");
            }
            if o & 4 != 0 {
                f.push_str(", both: true");
            }
            let more = inline(&extras(mask, &ctx, At::Flow, i));
            y.push_str(&format!("  - {{ {f}{more} }}\n"));
        }
    }
    y
}

/// The geometry of what format 1.1 draws in the emotion band and above the phases: every
/// curve's points and words inside the band, its name inside the band and the figure, the
/// names clear of each other, the words of one column clear of each other; every loop's ends
/// on its phases' bands, its label above every band, inside the figure and clear of the
/// other loops' labels.
pub(crate) fn check_format_1_1(bp: &Blueprint, l: &Layout) {
    let eps = 1e-6;
    let inside = |r: &crate::geom::Rect, b: &crate::geom::Rect| {
        r.x >= b.x - eps
            && r.right() <= b.right() + eps
            && r.y >= b.y - eps
            && r.bottom() <= b.bottom() + eps
    };
    let clear = |rs: &[crate::geom::Rect], what: &str| {
        for (i, a) in rs.iter().enumerate() {
            for b in &rs[i + 1..] {
                assert!(!a.overlaps(b), "{what}: {a:?} and {b:?} overlap");
            }
        }
    };
    if let Some(e) = &l.emotion {
        assert_eq!(e.curves.len(), bp.curves.len());
        let names: Vec<_> = e.curves.iter().map(|c| c.end.rect).collect();
        for (c, n) in e.curves.iter().zip(&names) {
            assert!(inside(n, &e.band), "curve {}'s name outside the band", c.id);
            assert!(
                n.right() <= l.size.w + eps,
                "curve {}'s name outside the figure",
                c.id
            );
            for p in &c.points {
                assert!(
                    p.at.y > e.band.y && p.at.y < e.band.bottom(),
                    "a point outside the band"
                );
            }
        }
        clear(&names, "curve names");
        let every: Vec<_> = e
            .labels
            .iter()
            .chain(e.curves.iter().flat_map(|c| &c.labels))
            .map(|w| w.text.rect)
            .chain(names.iter().copied())
            .collect();
        clear(&every, "curve names and words");
        let words: Vec<_> = e
            .labels
            .iter()
            .chain(e.curves.iter().flat_map(|c| &c.labels))
            .collect();
        for w in &words {
            assert!(
                inside(&w.text.rect, &e.band),
                "words of {} outside the band",
                w.step
            );
        }
        for step in &bp.steps {
            let col: Vec<_> = words
                .iter()
                .filter(|w| w.step == step.id.value)
                .map(|w| w.text.rect)
                .collect();
            clear(&col, "words of one column");
        }
    } else {
        assert!(bp.steps.iter().all(|s| {
            s.feelings
                .iter()
                .all(|f| f.score.is_none() && f.label.is_none())
        }));
    }
    let top = l
        .phases
        .iter()
        .map(|p| p.rect.y)
        .fold(f64::INFINITY, f64::min);
    let band = |id: &str| l.phases.iter().find(|p| p.id == id).expect("a band").rect;
    let mut labels = Vec::new();
    for lp in &l.loops {
        let (from, to) = (band(&lp.phase), band(&lp.to));
        let [a, b, c, d] = lp.corners;
        assert!(
            a.x >= from.x && a.x <= from.right(),
            "loop from {} starts off its band",
            lp.phase
        );
        assert!(
            d.x >= to.x && d.x <= to.right(),
            "loop to {} ends off its band",
            lp.to
        );
        assert!(d.x < a.x, "a loop runs back");
        assert!(
            b.y < top && c.y < top && b.y > 0.0,
            "a loop's arc is not above the bands"
        );
        if let Some(lb) = &lp.label {
            assert!(
                lb.rect.bottom() < top && lb.rect.y >= 0.0,
                "a loop's label is not above the bands"
            );
            assert!(
                lb.rect.x >= 0.0 && lb.rect.right() <= l.size.w + eps,
                "a loop's label outside the figure"
            );
            labels.push(lb.rect);
        }
    }
    clear(&labels, "loop labels");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key of [`KEYS`] is written somewhere over a few masks, and what it writes checks
    /// and is drawn (curves and loops among them).
    #[test]
    fn every_key_is_generated_and_drawn() {
        let lanes = ["customer", "onstage"];
        let cell = |s: usize| {
            vec![
                vec![format!("card {s}|fail=it broke")],
                vec![format!("reply {s}")],
            ]
        };
        let grid: Vec<Vec<Vec<String>>> = (0..7).map(cell).collect();
        let flows = vec![
            ("s0.customer.1".to_string(), "s1.onstage.1".to_string(), 1),
            ("s2.onstage.1".to_string(), "s4.customer.1".to_string(), 2),
        ];
        let (mut seen, mut curves, mut loops) = (vec![false; KEYS.len()], 0, 0);
        for seed in 0..40u32 {
            let mask = u32::MAX ^ (seed << 20);
            let y = text(&lanes, &grid, &flows, true, mask);
            for (i, k) in KEYS.iter().enumerate() {
                seen[i] |= y.contains(&format!("{}: ", k.key));
            }
            let bp = blueprint(&lanes, &grid, &flows, true, mask);
            let l = crate::layout::layout(
                &bp,
                &crate::theme::Theme::light(),
                &crate::text::Measure::new(),
            );
            check_format_1_1(&bp, &l);
            curves += l.emotion.as_ref().map_or(0, |e| e.curves.len());
            loops += l.loops.len();
        }
        let missing: Vec<_> = KEYS
            .iter()
            .zip(&seen)
            .filter(|(_, s)| !**s)
            .map(|(k, _)| k.key)
            .collect();
        assert!(missing.is_empty(), "never generated: {missing:?}");
        assert!(curves > 40 && loops > 20, "{curves} curves, {loops} loops");
    }
}
