//! The emotion curve and its band: the scale shows only the levels the blueprint's scores span
//! (a blueprint with one scored step gets a band one level tall), and the curve joins only
//! neighbouring scored steps, so a step without a score is a gap, never a value the line
//! invents. Uses `model`, `theme` (fonts), `geom` and the grid's positions.

use super::contract::{
    Cubic, CurveLine, EmotionCurve, EmotionLabel, EmotionPoint, EmotionRun, Level, Text,
};
use super::grid::Grid;
use super::typeset::Typeset;
use crate::geom::{Point, Rect};
use crate::model::Blueprint;
use crate::theme::Fonts;

/// The scale as it will be drawn, before the band is placed: the levels shown, their labels
/// and the title, and the height they need inside the band's padding.
struct Scale {
    /// Lowest and highest score of the blueprint: the levels shown.
    lo: u8,
    hi: u8,
    /// Distance between two neighbouring levels (a quarter of the theme's full scale).
    step: f64,
    /// Height inside the band's padding: the levels' span, or the title's height when taller.
    inner: f64,
    /// The level labels, right-aligned at x 0, centred on y 0.
    labels: Vec<Text>,
    /// The title, at x 0, y 0.
    title: Text,
    /// With several curves: the distance from the inside's top to the highest level (the
    /// words' room above it); `None`: the levels are centred.
    lead: Option<f64>,
}

impl Scale {
    /// Where level `v` is drawn when the inside of the band starts at `top`: the levels are
    /// centred in it, highest on top.
    fn level_y(&self, top: f64, v: u8) -> f64 {
        let span = f64::from(self.hi - self.lo) * self.step;
        let lead = self.lead.unwrap_or((self.inner - span) / 2.0);
        top + lead + f64::from(self.hi - v) * self.step
    }

    /// The levels' span.
    fn span(&self) -> f64 {
        f64::from(self.hi - self.lo) * self.step
    }
}

/// A step's feeling on one curve, as layout reads it.
#[derive(Clone, Copy, Default)]
struct Feel<'a> {
    score: Option<u8>,
    words: Option<&'a str>,
}

/// Each curve's feelings, step by step: the curves declared (format 1.1 `curves:`), else the
/// one customer curve of version 1, read from each step's `emotion`.
fn series(bp: &Blueprint) -> Vec<Vec<Feel<'_>>> {
    if bp.curves.is_empty() {
        let one = bp.steps.iter().map(|s| Feel {
            score: s.emotion.as_ref().map(|e| e.value.get()),
            words: s.emotion_label.as_ref().map(|l| l.value.as_str()),
        });
        return vec![one.collect()];
    }
    (0..bp.curves.len())
        .map(|k| {
            bp.steps
                .iter()
                .map(|s| {
                    s.feelings.get(k).map_or_else(Feel::default, |f| Feel {
                        score: f.score.as_ref().map(|e| e.value.get()),
                        words: f.label.as_ref().map(|l| l.value.as_str()),
                    })
                })
                .collect()
        })
        .collect()
}

/// The lowest and highest score of every curve, `None` when no step has one. A blueprint whose
/// steps have feelings in words but no score gets the neutral level alone, so the words have a
/// band.
fn range(all: &[Vec<Feel<'_>>]) -> Option<(u8, u8)> {
    let feels = || all.iter().flatten();
    let mut v = feels().filter_map(|f| f.score);
    let Some(first) = v.next() else {
        return feels().any(|f| f.words.is_some()).then_some((3, 3));
    };
    Some(v.fold((first, first), |(lo, hi), x| (lo.min(x), hi.max(x))))
}

/// Step `c`'s feeling in words on curve `feels`, wrapped at the origin: beside the point (the
/// right half of the column, clear of the dot) when the step has a score or `beside` (several
/// curves: another curve's point may be there), else across its column.
fn words(
    feels: &[Feel<'_>],
    c: usize,
    col_w: f64,
    beside: bool,
    ts: &Typeset,
    f: &Fonts,
) -> Option<Text> {
    let feel = feels[c];
    let label = feel.words?;
    let w = if beside {
        // Several curves: into half the narrowest gutter too, clear of the next column's
        // points (version 1 keeps its widths).
        col_w / 2.0 - ts.m.emotion_point - words_gap(ts) + ts.m.gutter_min / 2.0
    } else if feel.score.is_some() {
        col_w / 2.0 - ts.m.emotion_point - words_gap(ts)
    } else {
        col_w
    };
    // Balanced, so a two-line label is not a line and a lone word ("Tired; wants the / key").
    Some(ts.balanced(label, f.note, false, w.max(1.0)))
}

/// The band's title: the customer's emotion, or with declared curves (whose are named at
/// their ends) simply the emotion.
fn heading(bp: &Blueprint) -> &'static str {
    if bp.curves.is_empty() {
        "Customer emotion"
    } else {
        "Emotion"
    }
}

/// The space between a point and its words.
fn words_gap(ts: &Typeset) -> f64 {
    ts.m.emotion_point
}

/// Which side of its point a curve's words at column `c` (score `v`) go: below (1) when a line
/// leaving a point at this level heads up or runs level (the words would sit on it), above
/// (-1) when one heads down, else level with the point (0: no line leaves it, or lines leave
/// both ways). Every curve's line counts (version 1 has one).
fn side(all: &[Vec<Feel<'_>>], c: usize, v: u8) -> i8 {
    let (mut up, mut down, mut level) = (false, false, false);
    for other in all {
        if let (Some(here), Some(n)) = (other[c].score, other.get(c + 1).and_then(|n| n.score))
            && here == v
        {
            up |= n > v;
            down |= n < v;
            level |= n == v;
        }
    }
    match (up, down) {
        (true, false) => 1,
        (false, true) => -1,
        (false, false) if level => 1,
        _ => 0,
    }
}

/// The room the words need above the highest level and below the lowest (`beside`: several
/// curves, whose words without a score also stand beside their column's middle).
/// A column whose words all go below their points (or all above) needs their stack below the
/// lowest of those points (or above the highest); any other column its whole stack on both
/// sides, so that however the stack settles it fits in the band (words without a score hang
/// from the middle level).
fn rooms(
    all: &[Vec<Feel<'_>>],
    s: &Scale,
    col_w: &[f64],
    beside: bool,
    ts: &Typeset,
    f: &Fonts,
) -> (f64, f64) {
    let gap = words_gap(ts);
    let (mut above, mut below) = (0.0f64, 0.0f64);
    let to_lo = |v: u8| f64::from(v - s.lo) * s.step;
    let to_hi = |v: u8| f64::from(s.hi - v) * s.step;
    for (c, &w) in col_w.iter().enumerate() {
        let (mut total, mut lo, mut hi, mut sides) = (0.0, s.hi, s.lo, (false, false, false));
        for feels in all {
            let Some(t) = words(feels, c, w, beside, ts, f) else {
                continue;
            };
            total += t.rect.h + gap;
            let v = feels[c].score.unwrap_or((s.lo + s.hi).div_ceil(2));
            (lo, hi) = (lo.min(v), hi.max(v));
            match feels[c].score.map_or(0, |v| side(all, c, v)) {
                1 => sides.0 = true,
                -1 => sides.1 = true,
                _ => sides.2 = true,
            }
        }
        match sides {
            (false, false, false) => {}
            (true, false, false) => below = below.max(total - to_lo(lo)),
            (false, true, false) => above = above.max(total - to_hi(hi)),
            _ => {
                below = below.max(total - to_lo(lo));
                above = above.max(total - to_hi(hi));
            }
        }
    }
    (above.max(0.0), below.max(0.0))
}

/// The widest a curve's name at its right end is before it wraps.
fn end_width(ts: &Typeset) -> f64 {
    ts.m.item_min_width
}

/// Where the curves' names start after the last column: past the words beside its points,
/// which reach half the narrowest gutter beyond it.
fn names_x(ts: &Typeset) -> f64 {
    ts.m.gutter_min / 2.0 + ts.m.gutter_pad
}

/// Each declared curve's name, wrapped at the origin (none without `curves:`).
fn ends(bp: &Blueprint, ts: &Typeset, f: &Fonts) -> Vec<Text> {
    bp.curves
        .iter()
        .map(|c| ts.block(&c.label.value, f.note, false, end_width(ts), 0.0, 0.0))
        .collect()
}

/// The height of `blocks` stacked one above the other, `gap` apart.
fn stacked(blocks: impl Iterator<Item = f64>, gap: f64) -> f64 {
    let (sum, n) = blocks.fold((0.0, 0usize), |(s, n), h| (s + h, n + 1));
    if n == 0 {
        0.0
    } else {
        sum + gap * (n - 1) as f64
    }
}

/// Tops for blocks of heights `h` wanting to be centred at `cy`, inside `lo..hi`, each at least
/// `gap` below the one above: pushed down past the block above, then up from `hi`, then kept
/// below `lo`. One block is its wanted place clamped into the range.
fn stack(want: &[(f64, f64)], lo: f64, hi: f64, gap: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..want.len()).collect();
    order.sort_by(|&a, &b| want[a].0.total_cmp(&want[b].0));
    let mut top = vec![0.0; want.len()];
    let mut prev: Option<f64> = None;
    for &i in &order {
        let (cy, h) = want[i];
        let y = cy - h / 2.0;
        top[i] = y.max(prev.map_or(lo, |p| p + gap));
        prev = Some(top[i] + h);
    }
    let mut next: Option<f64> = None;
    for &i in order.iter().rev() {
        let h = want[i].1;
        let limit = next.map_or(hi - h, |n| n - gap - h);
        top[i] = top[i].min(limit);
        next = Some(top[i]);
    }
    for &i in &order {
        top[i] = top[i].max(lo);
    }
    top
}

/// The scale for a label gutter `label_w` wide.
fn scale(
    all: &[Vec<Feel<'_>>],
    heading: &str,
    ts: &Typeset,
    f: &Fonts,
    label_w: f64,
) -> Option<Scale> {
    let (lo, hi) = range(all)?;
    let m = ts.m;
    let room = label_w - 2.0 * m.lane_label_pad;
    // The ends of the scale say what they mean, in the gutter beside their digit, when the
    // words fit there on one line.
    let words = |v: u8| {
        let end = match v {
            1 => "very negative ",
            5 => "very positive ",
            _ => "",
        };
        let t = format!("{end}{v}");
        if ts.natural(&t, f.scale, false) <= room {
            t
        } else {
            v.to_string()
        }
    };
    let labels: Vec<Text> = (lo..=hi)
        .map(|v| {
            let mut t = ts.block(&words(v), f.scale, false, label_w, 0.0, 0.0);
            t.translate(-t.rect.w, -t.rect.h / 2.0);
            for l in &mut t.lines {
                l.x = -l.width;
            }
            t
        })
        .collect();
    let step = m.emotion_height / 4.0;
    let span = f64::from(hi - lo) * step;
    let widest = |of: &mut dyn Iterator<Item = &Text>| of.map(|t| t.rect.w).fold(0.0, f64::max);
    // The title sits at the band's middle, beside the digits of the middle levels; when it
    // would then reach an end's words (above or below it), it keeps clear of those instead.
    let middle = |v: u8| v != 1 && v != 5;
    let digits = widest(
        &mut (lo..=hi)
            .zip(&labels)
            .filter(|(v, _)| middle(*v))
            .map(|(_, t)| t),
    );
    let all = widest(&mut labels.iter());
    let title_at = |w: f64| ts.block(heading, f.lane, true, w, 0.0, 0.0);
    let lh = labels.iter().map(|t| t.rect.h).fold(0.0, f64::max);
    let mut title = title_at(room - digits - m.phase_gap);
    let fits = |title: &Text| {
        let inner = span.max(title.rect.h).max(lh);
        let s = Scale {
            lo,
            hi,
            step,
            inner,
            labels: Vec::new(),
            title: Text::default(),
            lead: None,
        };
        let (t0, t1) = ((inner - title.rect.h) / 2.0, (inner + title.rect.h) / 2.0);
        (lo..=hi).zip(&labels).all(|(v, l)| {
            let y = s.level_y(0.0, v);
            middle(v) || y + l.rect.h / 2.0 <= t0 || y - l.rect.h / 2.0 >= t1
        })
    };
    if digits < all && !fits(&title) {
        title = title_at(room - all - m.phase_gap);
    }
    Some(Scale {
        lo,
        hi,
        step,
        inner: span.max(title.rect.h).max(lh),
        labels,
        title,
        lead: None,
    })
}

/// The emotion band's height for a label gutter `label_w` wide: the levels the scores span (or
/// the scale's title, when taller) and the band's padding, and the width the declared curves'
/// names need after the last column (0 without `curves:`); `None` when no step has a score.
pub(super) fn band_size(
    bp: &Blueprint,
    ts: &Typeset,
    f: &Fonts,
    label_w: f64,
    col_w: &[f64],
) -> Option<(f64, f64)> {
    let all = series(bp);
    // Several curves' words in one column stack, one above the other.
    let words = (0..bp.steps.len())
        .map(|c| {
            let beside = !bp.curves.is_empty();
            let blocks = all
                .iter()
                .filter_map(|s| words(s, c, col_w[c], beside, ts, f));
            stacked(blocks.map(|t| t.rect.h), words_gap(ts))
        })
        .fold(0.0, f64::max);
    let ends = ends(bp, ts, f);
    let names = stacked(ends.iter().map(|t| t.rect.h), words_gap(ts));
    let strip = if ends.is_empty() {
        0.0
    } else {
        let widest = ends.iter().map(|t| t.rect.w).fold(0.0, f64::max);
        names_x(ts) + ts.m.gutter_pad + 2.0 * ts.m.emotion_point + words_gap(ts) + widest
    };
    // Words beside a point go above or below it, clear of the line: the band keeps room for
    // them past the highest and lowest levels.
    scale(&all, heading(bp), ts, f, label_w).map(|s| {
        if ends.is_empty() && words == 0.0 {
            return (s.inner + 2.0 * ts.m.lane_pad, strip);
        }
        // Room for each column's stacked words on the side they go, past the levels (a word
        // squeezed back inside the levels would lie on the line), and for the curves' names;
        // words of a step without a score are centred in the band.
        let (above, below) = rooms(&all, &s, col_w, !ends.is_empty(), ts, f);
        let inner = (above + s.span() + below)
            .max(s.inner)
            .max(names)
            .max(words);
        (inner + 2.0 * ts.m.lane_pad, strip)
    })
}

/// The emotion curves in the grid's band: a point per scored step, neighbouring scored steps
/// joined by a monotone cubic (it never overshoots, so it stays on the scale), the levels the
/// scores span labelled (the ends of the full scale in words, "very negative", "very
/// positive"). Without `curves:` the one customer curve fills the curve's own fields; with
/// them, each declared curve is one of [`EmotionCurve::curves`], named at its right end.
pub(super) fn curve(bp: &Blueprint, g: &Grid, ts: &Typeset, f: &Fonts) -> Option<EmotionCurve> {
    let band: Rect = g.emotion_band?;
    let all = series(bp);
    let mut s = scale(&all, heading(bp), ts, f, g.label_w)?;
    let m = ts.m;
    let top = band.y + m.lane_pad;
    // The band may be taller than the scale for the words beside the points and the curves'
    // names: the levels are centred in all of it.
    if all.iter().flatten().any(|f| f.words.is_some()) || !bp.curves.is_empty() {
        s.inner = band.h - 2.0 * m.lane_pad;
    }
    if !bp.curves.is_empty() || all.iter().flatten().any(|f| f.words.is_some()) {
        // The words' room above and below, as sized; what is left over split evenly.
        let beside = !bp.curves.is_empty();
        let (above, below) = rooms(&all, &s, &g.col_w, beside, ts, f);
        s.lead = Some(above + (s.inner - above - s.span() - below).max(0.0) / 2.0);
    }
    let bottom = top + s.inner;
    let right = g.label_x + g.label_w - m.lane_label_pad;
    let levels: Vec<Level> = (s.lo..=s.hi)
        .zip(&s.labels)
        .map(|(v, label)| {
            let y = s.level_y(top, v);
            let mut label = label.clone();
            label.translate(right, y);
            Level { value: v, y, label }
        })
        .collect();
    // The title in the label gutter, centred on the band unless a level's label is there (the
    // levels sit off centre when the words need room on one side): then in the room below the
    // levels, or above them.
    let mut title = s.title.clone();
    let th = title.rect.h;
    let gap = words_gap(ts);
    let labels_top = levels
        .iter()
        .map(|l| l.label.rect.y)
        .fold(band.bottom(), f64::min);
    let labels_bottom = levels
        .iter()
        .map(|l| l.label.rect.bottom())
        .fold(band.y, f64::max);
    let at = |y: f64| {
        let mut t = title.clone();
        t.translate(g.label_x + m.lane_label_pad, y);
        t
    };
    let clear = |t: &Text| {
        t.rect.y >= band.y
            && t.rect.bottom() <= band.bottom()
            && !levels.iter().any(|l| l.label.rect.overlaps(&t.rect))
    };
    title = [
        band.cy() - th / 2.0,
        (labels_bottom + gap).max((labels_bottom + band.bottom() - th) / 2.0),
        (labels_top - gap - th).min((band.y + labels_top - th) / 2.0),
    ]
    .into_iter()
    .map(at)
    .find(clear)
    .unwrap_or_else(|| at(band.cy() - th / 2.0));
    let mut lines: Vec<CurveLine> = all
        .iter()
        .enumerate()
        .map(|(k, feels)| line(bp, feels, k, g, &s, top, m))
        .collect();
    // The words of each column, every curve's, placed together so they never overlap.
    for c in 0..bp.steps.len() {
        let mut blocks: Vec<(usize, Text, f64)> = Vec::new();
        // How far the words already placed on each side of each level reach (several curves
        // whose words go the same way from one level stack away from it, not back onto it).
        let mut reach: Vec<(i8, u8, f64)> = Vec::new();
        for (k, feels) in all.iter().enumerate() {
            let beside = !bp.curves.is_empty();
            let Some(mut t) = words(feels, c, g.col_w[c], beside, ts, f) else {
                continue;
            };
            let cy = match feels[c].score {
                Some(v) => {
                    t.translate(
                        g.col_x[c] + g.col_w[c] / 2.0 + m.emotion_point + words_gap(ts),
                        0.0,
                    );
                    // On the right of the point the line heads for the next step's score:
                    // the words go on the other side of the point (centred when the line
                    // stays level or ends). With several curves, every line leaving a point
                    // at this level counts; lines heading both ways leave the words centred.
                    let y = s.level_y(top, v);
                    let h = t.rect.h;
                    let way = side(&all, c, v);
                    let before = match reach.iter_mut().find(|r| r.0 == way && r.1 == v) {
                        Some(r) => {
                            let b = r.2;
                            r.2 += h + words_gap(ts);
                            b
                        }
                        None => {
                            reach.push((way, v, h + words_gap(ts)));
                            0.0
                        }
                    };
                    match way {
                        1 => y + words_gap(ts) + before + h / 2.0,
                        -1 => y - words_gap(ts) - before - h / 2.0,
                        _ => y,
                    }
                }
                None if beside => {
                    t.translate(
                        g.col_x[c] + g.col_w[c] / 2.0 + m.emotion_point + words_gap(ts),
                        0.0,
                    );
                    s.level_y(top, (s.lo + s.hi).div_ceil(2))
                }
                None => {
                    t.translate(g.col_x[c], 0.0);
                    band.cy()
                }
            };
            blocks.push((k, t, cy));
        }
        let want: Vec<(f64, f64)> = blocks.iter().map(|b| (b.2, b.1.rect.h)).collect();
        let tops = stack(&want, top, bottom, words_gap(ts));
        for ((k, mut t, _), y) in blocks.into_iter().zip(tops) {
            t.translate(0.0, y);
            lines[k].labels.push(EmotionLabel {
                step: bp.steps[c].id.value.clone(),
                text: t,
            });
        }
    }
    // Each declared curve's name after the last column, level with the curve's last point,
    // the names stacked so they never overlap.
    let ends = ends(bp, ts, f);
    if !ends.is_empty() {
        let last = g.col_x.len() - 1;
        let x = g.col_x[last] + g.col_w[last] + names_x(ts);
        let want: Vec<(f64, f64)> = ends
            .iter()
            .zip(&lines)
            .map(|(t, l)| (l.points.last().map_or(band.cy(), |p| p.at.y), t.rect.h))
            .collect();
        let tops = stack(&want, top, bottom, words_gap(ts));
        for ((mut t, y), l) in ends.into_iter().zip(tops).zip(&mut lines) {
            let r = m.emotion_point;
            t.translate(x + 2.0 * r + words_gap(ts), y);
            let first = t.lines.first().map_or(y, |fl| fl.y);
            // The symbol sits on the first line's middle (its baseline less half an x-height).
            l.end_symbol = Point::new(x + r, first - ts.line_height(f.note) * 0.3);
            l.end = t;
        }
    }
    let (mut points, mut runs, mut labels) = (Vec::new(), Vec::new(), Vec::new());
    if bp.curves.is_empty()
        && let Some(one) = lines.pop()
    {
        (points, runs, labels) = (one.points, one.runs, one.labels);
    }
    let curves = if bp.curves.is_empty() {
        Vec::new()
    } else {
        lines
    };
    Some(EmotionCurve {
        band,
        title,
        levels,
        points,
        runs,
        labels,
        curves,
    })
}

/// Curve `k`'s points and runs (its words and name are placed by [`curve`]).
fn line(
    bp: &Blueprint,
    feels: &[Feel<'_>],
    k: usize,
    g: &Grid,
    s: &Scale,
    top: f64,
    m: &crate::theme::Metrics,
) -> CurveLine {
    let mut points = Vec::new();
    let mut runs = Vec::new();
    let mut run: Vec<Point> = Vec::new();
    for (c, step) in bp.steps.iter().enumerate() {
        let Some(v) = feels[c].score else {
            // A step without a score ends the run: the line never passes over it.
            close(&mut run, &mut runs);
            continue;
        };
        let at = Point::new(g.col_x[c] + g.col_w[c] / 2.0, s.level_y(top, v));
        points.push(EmotionPoint {
            step: step.id.value.clone(),
            value: v,
            at,
            radius: m.emotion_point,
        });
        run.push(at);
    }
    close(&mut run, &mut runs);
    let curve = bp.curves.get(k);
    CurveLine {
        id: curve.map_or_else(String::new, |c| c.id.value.clone()),
        index: k,
        lane: curve.and_then(|c| c.lane.as_ref().map(|l| l.value.clone())),
        points,
        runs,
        labels: Vec::new(),
        end: Text::default(),
        end_symbol: Point::new(0.0, 0.0),
        radius: m.emotion_point,
    }
}

/// Ends the run `run`: kept when it joins two points or more (a lone point is its dot alone).
fn close(run: &mut Vec<Point>, runs: &mut Vec<EmotionRun>) {
    if run.len() >= 2 {
        runs.push(EmotionRun {
            start: run[0],
            curve: monotone(run),
        });
    }
    run.clear();
}

/// Fritsch–Butland monotone cubic through `p` (x strictly increasing): between two points the
/// curve stays within their y range.
fn monotone(p: &[Point]) -> Vec<Cubic> {
    if p.len() < 2 {
        return Vec::new();
    }
    let d: Vec<f64> = p
        .windows(2)
        .map(|w| (w[1].y - w[0].y) / (w[1].x - w[0].x))
        .collect();
    let mut t = vec![0.0; p.len()];
    t[0] = d[0];
    t[p.len() - 1] = d[d.len() - 1];
    for i in 1..p.len() - 1 {
        t[i] = if d[i - 1] * d[i] <= 0.0 {
            0.0
        } else {
            2.0 / (1.0 / d[i - 1] + 1.0 / d[i])
        };
    }
    // End tangents are halved so a two-point curve does not leave its span.
    if p.len() > 2 {
        t[0] = if d[0] * t[1] <= 0.0 { 0.0 } else { d[0] / 2.0 };
        let k = p.len() - 1;
        t[k] = if d[k - 1] * t[k - 1] <= 0.0 {
            0.0
        } else {
            d[k - 1] / 2.0
        };
    }
    p.windows(2)
        .enumerate()
        .map(|(i, w)| {
            let dx = (w[1].x - w[0].x) / 3.0;
            Cubic {
                c1: Point::new(w[0].x + dx, w[0].y + t[i] * dx),
                c2: Point::new(w[1].x - dx, w[1].y - t[i + 1] * dx),
                to: w[1],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::testkit::{StepSpec, build};

    #[test]
    fn monotone_curve_stays_between_its_points() {
        let p = [
            Point::new(0.0, 10.0),
            Point::new(10.0, 50.0),
            Point::new(30.0, 50.0),
            Point::new(40.0, 0.0),
        ];
        let c = monotone(&p);
        assert_eq!(c.len(), 3);
        for (i, s) in c.iter().enumerate() {
            let (lo, hi) = (p[i].y.min(p[i + 1].y), p[i].y.max(p[i + 1].y));
            for q in [s.c1, s.c2] {
                assert!(q.y >= lo - 1e-9 && q.y <= hi + 1e-9, "segment {i}: {q:?}");
            }
        }
    }

    /// Stacked blocks never overlap and stay in the range when they fit, however their wanted
    /// places crowd; one block is its wanted place clamped into the range.
    #[test]
    fn stacked_blocks_keep_apart_inside_the_range() {
        let want = [(0.0, 30.0), (20.0, 15.0), (40.0, 15.0), (60.0, 15.0)];
        let tops = stack(&want, 0.0, 100.0, 4.5);
        for i in 1..want.len() {
            assert!(
                tops[i] >= tops[i - 1] + want[i - 1].1 + 4.5 - 1e-9,
                "{tops:?}"
            );
        }
        assert!(tops[0] >= 0.0 && tops[3] + 15.0 <= 100.0, "{tops:?}");
        assert_eq!(stack(&[(5.0, 20.0)], 0.0, 100.0, 4.5), [0.0]);
        assert_eq!(stack(&[(99.0, 20.0)], 0.0, 100.0, 4.5), [80.0]);
        assert_eq!(stack(&[(50.0, 20.0)], 0.0, 100.0, 4.5), [40.0]);
    }

    fn lay(bp: &Blueprint) -> crate::layout::Layout {
        let m = crate::text::Measure::new();
        crate::layout::layout(bp, &crate::theme::Theme::light(), &m)
    }

    /// Steps a (4), b (none), c (2), d (3), e (none), f (5): runs a | c–d | f; no segment of the
    /// curve reaches over b or e.
    #[test]
    fn a_step_without_a_score_is_a_gap_in_the_curve() {
        let steps: Vec<StepSpec> = vec![
            ("a", "em=4", &[("customer", &["A"])]),
            ("b", "", &[("customer", &["B"])]),
            ("c", "em=2", &[("customer", &["C"])]),
            ("d", "em=3", &[("customer", &["D"])]),
            ("e", "", &[("customer", &["E"])]),
            ("f", "em=5", &[("customer", &["F"])]),
        ];
        let bp = build("Gaps", &["customer"], &steps, &[], false);
        let l = lay(&bp);
        let e = l.emotion.expect("emotion");
        assert_eq!(e.points.len(), 4);
        assert_eq!(e.runs.len(), 1, "only c–d has two neighbouring scores");
        let run = &e.runs[0];
        let x = |id: &str| {
            l.columns
                .iter()
                .find(|c| c.id == id)
                .expect("col")
                .rect
                .cx()
        };
        assert_eq!(run.start.x, x("c"));
        assert_eq!(run.curve.len(), 1);
        assert_eq!(run.curve[0].to.x, x("d"));
        for gap in ["b", "e"] {
            let gx = x(gap);
            for r in &e.runs {
                let (x0, x1) = (r.start.x, r.curve.last().expect("segment").to.x);
                assert!(gx < x0 || gx > x1, "a run passes over {gap}");
            }
        }
    }

    /// One scored step: a band one level tall (the title's height, not the full scale's), one
    /// level drawn, a dot and no line.
    #[test]
    fn one_scored_step_gets_a_short_band() {
        let one = build(
            "One",
            &["customer"],
            &[("a", "em=4", &[("customer", &["A"])]), ("b", "", &[])],
            &[],
            false,
        );
        let all = build(
            "All",
            &["customer"],
            &[
                ("a", "em=1", &[("customer", &["A"])]),
                ("b", "em=5", &[("customer", &["B"])]),
            ],
            &[],
            false,
        );
        let (one, all) = (lay(&one), lay(&all));
        let (e1, e5) = (one.emotion.expect("one"), all.emotion.expect("all"));
        assert_eq!(e1.levels.iter().map(|l| l.value).collect::<Vec<_>>(), [4]);
        assert_eq!(e5.levels.len(), 5);
        assert!(e1.runs.is_empty() && e1.points.len() == 1);
        assert!(
            e1.band.h < e5.band.h / 2.0,
            "one level: {} px, five: {} px",
            e1.band.h,
            e5.band.h
        );
        // The dot, the level line and the title all lie inside the short band.
        let b = e1.band;
        assert!(e1.points[0].at.y > b.y && e1.points[0].at.y < b.bottom());
        assert!(e1.title.rect.y >= b.y && e1.title.rect.bottom() <= b.bottom());
        // Levels 2..4 span the middle of the full scale: three levels, no more.
        let mid = build(
            "Mid",
            &["customer"],
            &[("a", "em=2", &[]), ("b", "em=4", &[])],
            &[],
            false,
        );
        let e = lay(&mid).emotion.expect("mid");
        assert_eq!(
            e.levels.iter().map(|l| l.value).collect::<Vec<_>>(),
            [2, 3, 4]
        );
        assert!(e.band.h < e5.band.h);
    }
}
