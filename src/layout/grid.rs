//! The grid: column widths from content (between the theme's narrowest and widest card), cells
//! stacking their cards, lane heights from content, and the placement of title, phase row, step
//! headers, emotion band and lane bands. Gutter and channel sizes come from the route plan
//! ([`Room`]).
//! Uses `model`, `theme`, `geom` and the layout's `Typeset`.

use super::contract::{Column, ItemBox, LaneBand, PhaseBand, Text};
use super::spans;
use super::typeset::Typeset;
use crate::geom::{Point, Rect};
use crate::model::{Blueprint, ZoneLine};
use crate::theme::{Fonts, Theme};

/// Card width of each column: the widest natural content (the header's, and `natural`, each
/// item's [`super::cells::natural`] width), clamped to the theme's range.
pub(super) fn column_widths(
    bp: &Blueprint,
    ts: &Typeset,
    f: &Fonts,
    natural: impl IntoIterator<Item = f64>,
) -> Vec<f64> {
    let m = ts.m;
    let mut w: Vec<f64> = bp.steps.iter().map(|s| header_natural(s, ts, f)).collect();
    for (it, n) in bp.items.iter().zip(natural) {
        // A spanning card wraps to its columns together; it widens none of them.
        if it.spans() {
            continue;
        }
        let c = it.step.0 as usize;
        w[c] = w[c].max(n);
    }
    w.into_iter()
        .map(|w| w.clamp(m.item_min_width, m.item_max_width))
        .collect()
}

fn badge_room(s: &crate::model::Step, ts: &Typeset) -> f64 {
    if s.touchpoint.is_some() {
        2.0 * ts.m.badge_radius + ts.m.phase_gap
    } else {
        0.0
    }
}

fn header_natural(s: &crate::model::Step, ts: &Typeset, f: &Fonts) -> f64 {
    let label = ts.natural(s.title(), f.header, true);
    let dur = s
        .duration
        .as_ref()
        .map_or(0.0, |d| ts.natural(&d.value, f.duration, false));
    2.0 * ts.m.header_pad + badge_room(s, ts) + label.max(dur)
}

/// Where each card sits in its lane, and how tall each lane's content is.
pub(super) struct Stack {
    /// Top of each card relative to its lane's content top.
    pub item_top: Vec<f64>,
    /// Height of each lane's cards (its tallest cell); for a lane without cards, the theme's
    /// `empty_lane_height`.
    pub lane_content: Vec<f64>,
    /// Final width of each column (a card with an unbreakable word widens its column).
    pub col_w: Vec<f64>,
}

/// Stacks each cell's cards top-down, `gap_above` each card but the first of its cell, and gives
/// every card of a column the column's width.
pub(super) fn stack(
    bp: &Blueprint,
    items: &mut [ItemBox],
    widths: &[f64],
    gap_above: &[f64],
    ts: &Typeset,
    f: &Fonts,
) -> Stack {
    let m = ts.m;
    // A header whose words the wrapper could not break widens its column like a card does.
    let mut col_w: Vec<f64> = bp
        .steps
        .iter()
        .zip(widths)
        .map(|(s, &w)| {
            let room = badge_room(s, ts) + 2.0 * m.header_pad;
            let label = ts.block(s.title(), f.header, true, w - room, 0.0, 0.0);
            let dur = s.duration.as_ref().map_or(0.0, |d| {
                ts.block(&d.value, f.duration, false, w - room, 0.0, 0.0)
                    .rect
                    .w
            });
            w.max(label.rect.w.max(dur) + room)
        })
        .collect();
    let mut spanning = false;
    for (it, b) in bp.items.iter().zip(items.iter()) {
        spanning |= it.spans();
        if !it.spans() {
            let c = it.step.0 as usize;
            col_w[c] = col_w[c].max(b.rect.w);
        }
    }
    if spanning {
        span_widths(bp, items, &mut col_w, m);
    }
    let mut item_top = vec![0.0; items.len()];
    // Glyphs half outside a card's top or bottom edge (see `ItemBox::overhang`).
    let over: Vec<(f64, f64)> = items.iter().map(ItemBox::overhang).collect();
    // Spanning cards stand in rows at the top of their lanes; cells start below those over them.
    let rows = spanning.then(|| spans::rows(bp, items, &over, m.item_gap, &mut item_top));
    // A lane is as tall as its tallest cell; one without any card keeps a small minimum.
    let mut lane_content = vec![m.empty_lane_height; bp.lanes.len()];
    let mut has_cards = vec![false; bp.lanes.len()];
    if let Some(rows) = &rows {
        for (l, &b) in rows.bottom.iter().enumerate() {
            if b > 0.0 {
                has_cards[l] = true;
                lane_content[l] = b;
            }
        }
    }
    for (c, step) in bp.steps.iter().enumerate() {
        for (l, cell) in step.cells.iter().enumerate() {
            let mut y = rows.as_ref().map_or(0.0, |r| r.cell_top(l, c));
            let mut first = true;
            let mut below = 0.0;
            for id in cell {
                let i = id.0 as usize;
                if bp.items[i].spans() {
                    continue;
                }
                if !first {
                    // A glyph hanging from the card above or onto this one keeps a card gap
                    // from the other card (and from its glyphs).
                    y += gap_above[i].max(below + m.item_gap + over[i].0);
                } else if y > 0.0 {
                    // Under a row of spanning cards (whose glyphs the row's gap already holds).
                    y += over[i].0;
                }
                first = false;
                below = over[i].1;
                item_top[i] = y;
                items[i].rect.w = col_w[c];
                y += items[i].rect.h;
            }
            if !first {
                if !has_cards[l] {
                    has_cards[l] = true;
                    lane_content[l] = 0.0;
                }
                lane_content[l] = lane_content[l].max(y);
            }
        }
    }
    // The glyphs stay inside their lane, a lane's padding from its edges: the cards of a lane
    // all move down by the most any of its top cards' glyphs reach up (so its cells stay
    // aligned), and a lane is as tall as its lowest glyph.
    let mut shift = vec![0.0f64; bp.lanes.len()];
    for (i, it) in bp.items.iter().enumerate() {
        if item_top[i] == 0.0 {
            let l = it.lane.0 as usize;
            shift[l] = shift[l].max(over[i].0);
        }
    }
    for (i, it) in bp.items.iter().enumerate() {
        let l = it.lane.0 as usize;
        item_top[i] += shift[l];
        lane_content[l] = lane_content[l].max(item_top[i] + items[i].rect.h + over[i].1);
    }
    Stack {
        item_top,
        lane_content,
        col_w,
    }
}

/// Widens the last column of each spanning card whose words the wrapper could not break to
/// fit its columns (and the narrowest gutters between them), and sets each spanning card to
/// that least width (the grid stretches it to the real one: [`spans::stretch`]).
fn span_widths(
    bp: &Blueprint,
    items: &mut [ItemBox],
    col_w: &mut [f64],
    m: &crate::theme::Metrics,
) {
    let prefix = spans::Prefix::new(col_w);
    let mut extra = vec![0.0f64; col_w.len()];
    for (i, b) in items.iter().enumerate() {
        let (s, u) = spans::cols(bp, i);
        if u > s {
            let over = b.rect.w - spans::wrap_width(&prefix, s, u, m);
            extra[u] = extra[u].max(over);
        }
    }
    for (w, e) in col_w.iter_mut().zip(&extra) {
        *w += e;
    }
    let prefix = spans::Prefix::new(col_w);
    for (i, b) in items.iter_mut().enumerate() {
        let (s, u) = spans::cols(bp, i);
        if u > s {
            b.rect.w = spans::wrap_width(&prefix, s, u, m);
        }
    }
}

/// Lane labels wrapped for the left gutter, each with its description (format 1.1; empty when
/// none) wrapped to the same width under it, at the origin, and the gutter's width.
pub(super) fn lane_labels(bp: &Blueprint, ts: &Typeset, f: &Fonts) -> (f64, Vec<(Text, Text)>) {
    let m = ts.m;
    let mut w = bp
        .lanes
        .iter()
        .map(|l| ts.natural(&l.label.value, f.lane, true))
        .fold(0.0, f64::max)
        .clamp(
            m.lane_label_min - 2.0 * m.lane_label_pad,
            m.lane_label_max - 2.0 * m.lane_label_pad,
        );
    // The zone line labels sit in this gutter too; they must fit on one line.
    for z in ZoneLine::ALL {
        w = w.max(ts.natural(z.label(), f.zone_line, false));
    }
    let labels = bp
        .lanes
        .iter()
        .map(|l| {
            let label = ts.block(&l.label.value, f.lane, true, w, 0.0, 0.0);
            let description = match &l.description {
                // Smaller than the label and muted (the stylesheet), a little apart from it.
                Some(d) => {
                    let top = label.rect.h + description_gap(ts, f);
                    ts.block(&d.value, f.duration, false, w, 0.0, top)
                }
                None => Text {
                    size: f.duration,
                    ..Text::default()
                },
            };
            (label, description)
        })
        .collect::<Vec<_>>();
    let w = labels
        .iter()
        .flat_map(|(l, d)| [l.rect.w, d.rect.w])
        .fold(w, f64::max);
    (w + 2.0 * m.lane_label_pad, labels)
}

/// The space between a label and the description under it: a third of a description line.
fn description_gap(ts: &Typeset, f: &Fonts) -> f64 {
    ts.line_height(f.duration) / 3.0
}

/// The height of a label and the description under it (their blocks start at the same origin).
fn with_description(label: &Text, description: &Text) -> f64 {
    if description.is_empty() {
        label.rect.h
    } else {
        description.rect.bottom() - label.rect.y
    }
}

/// The room the route plan needs ([`super::route::Plan::room`]): what the grid leaves between
/// columns and under lanes.
pub(super) struct Room<'a> {
    /// Width of each gutter, left of each column and right of the last.
    pub gutter_w: &'a [f64],
    /// Tracks in each lane's channel.
    pub channel_tracks: &'a [usize],
    /// Room at the bottom of each lane for the labels of hand-offs across its lower border.
    pub label_strip: &'a [f64],
}

/// Every position the later stages need.
pub(super) struct Grid {
    /// Right edge of the drawing, margin included.
    pub width: f64,
    /// Title, placed.
    pub title: Text,
    /// Subtitle, placed.
    pub subtitle: Text,
    /// Lane bands.
    pub lanes: Vec<LaneBand>,
    /// Columns and headers.
    pub columns: Vec<Column>,
    /// Phase bands.
    pub phases: Vec<PhaseBand>,
    /// Left edge of each column.
    pub col_x: Vec<f64>,
    /// Width of each column.
    pub col_w: Vec<f64>,
    /// Left edge of each gutter (gutter `g` lies left of column `g`; the last one right of all).
    pub gutter_x: Vec<f64>,
    /// Width of each gutter.
    pub gutter_w: Vec<f64>,
    /// Left edge and width of the lane label gutter.
    pub label_x: f64,
    /// See `label_x`.
    pub label_w: f64,
    /// Top of each lane's cards.
    pub content_top: Vec<f64>,
    /// Top of each lane's horizontal arrow channel.
    pub channel_top: Vec<f64>,
    /// Top of each lane's strip for hand-off labels (below the channel).
    pub strip_top: Vec<f64>,
    /// The emotion band, when any step has an emotion.
    pub emotion_band: Option<Rect>,
    /// Top of the first lane.
    pub lanes_top: f64,
    /// Bottom of the last lane.
    pub lanes_bottom: f64,
}

impl Grid {
    /// Where card `i`'s top-left corner goes.
    pub(crate) fn item_origin(&self, bp: &Blueprint, i: usize, stack: &Stack) -> (f64, f64) {
        let it = &bp.items[i];
        (
            self.col_x[it.step.0 as usize],
            self.content_top[it.lane.0 as usize] + stack.item_top[i],
        )
    }

    /// Left and right end of the lane area (label gutter included).
    pub(crate) fn lanes_x(&self) -> (f64, f64) {
        let last = self.gutter_x.len() - 1;
        (self.label_x, self.gutter_x[last] + self.gutter_w[last])
    }
}

/// Places title, phases, headers, the emotion band (`emotion_h` tall, when any step has a score:
/// [`super::emotion::band_height`]) and the lanes.
pub(super) fn place(
    bp: &Blueprint,
    ts: &Typeset,
    theme: &Theme,
    stack: &Stack,
    room: Room<'_>,
    lane_labels: (f64, Vec<(Text, Text)>),
    emotion: Option<(f64, f64)>,
) -> Grid {
    let m = ts.m;
    let f = &theme.fonts;
    let n = bp.steps.len();
    let (label_w, labels) = lane_labels;

    // x: label gutter, then gutter 0, column 0, gutter 1, ..., column n-1, gutter n.
    let label_x = m.margin;
    let mut gutter_w: Vec<f64> = (0..=n).map(|g| room.gutter_w[g]).collect();
    // The declared curves' names (format 1.1) sit after the last column, in the emotion band
    // over the last gutter: it is as wide as they need.
    if let Some((_, names)) = emotion {
        gutter_w[n] = gutter_w[n].max(names);
    }
    let mut gutter_x = Vec::with_capacity(n + 1);
    let mut col_x = Vec::with_capacity(n);
    let mut x = label_x + label_w;
    for (g, gw) in gutter_w.iter().enumerate() {
        gutter_x.push(x);
        x += gw;
        if g < n {
            col_x.push(x);
            x += stack.col_w[g];
        }
    }
    let right = x;

    // y: title, subtitle, phases, headers, emotion, lanes.
    let mut y = m.margin;
    let title_w = (right - label_x).max(m.title_min_width);
    let title = ts.block(&bp.title.value, f.title, true, title_w, label_x, y);
    y += title.rect.h;
    let subtitle = match &bp.subtitle {
        Some(s) => ts.block(&s.value, f.subtitle, false, title_w, label_x, y),
        None => Text {
            size: f.subtitle,
            ..Text::default()
        },
    };
    y += subtitle.rect.h + m.title_gap;

    let (mut phases, mut ph) = phases(bp, ts, f, &col_x, &stack.col_w, &gutter_w, y);
    // The phases' loops (format 1.1) go in a row above the bands, as tall as they need.
    let loops_h = super::loops::height(bp, &phases, ts, f);
    if loops_h > 0.0 {
        y += loops_h;
        (phases, ph) = self::phases(bp, ts, f, &col_x, &stack.col_w, &gutter_w, y);
    }
    if ph > 0.0 {
        y += ph + m.phase_gap;
    }

    let mut columns: Vec<Column> = bp
        .steps
        .iter()
        .enumerate()
        .map(|(c, s)| header(s, ts, f, col_x[c], stack.col_w[c], y))
        .collect();
    let header_h = columns.iter().map(|c| c.header.h).fold(0.0, f64::max);
    for c in &mut columns {
        c.header.h = header_h;
    }
    y += header_h + m.header_gap;

    let emotion_band = emotion.map(|(h, _)| {
        let r = Rect::new(gutter_x[0], y, right - gutter_x[0], h);
        y = r.bottom() + m.header_gap;
        r
    });

    let lanes_top = y;
    let mut lanes = Vec::with_capacity(bp.lanes.len());
    let mut content_top = Vec::with_capacity(bp.lanes.len());
    let mut channel_top = Vec::with_capacity(bp.lanes.len());
    let mut strip_top = Vec::with_capacity(bp.lanes.len());
    for (j, (lane, (mut label, mut description))) in bp.lanes.iter().zip(labels).enumerate() {
        let top = y;
        let label_h = with_description(&label, &description);
        let content = stack.lane_content[j].max(label_h);
        content_top.push(top + m.lane_pad);
        let mut h = m.lane_pad + content;
        let tracks = room.channel_tracks[j];
        if tracks > 0 {
            h += m.channel_gap;
        }
        channel_top.push(top + h);
        h += tracks as f64 * m.track_spacing;
        strip_top.push(top + h);
        h += room.label_strip[j];
        let strip = if bp.zone_below(j).is_some() {
            ts.line_height(f.zone_line)
        } else {
            0.0
        };
        h += strip + m.lane_pad;
        // The label (and its description) is centred in the part of the band above the zone
        // line's label.
        let (dx, dy) = (
            label_x + m.lane_label_pad,
            top + (h - strip - label_h) / 2.0,
        );
        label.translate(dx, dy);
        description.translate(dx, dy);
        lanes.push(LaneBand {
            id: lane.id.value.clone(),
            zone: lane.zone,
            rect: Rect::new(label_x, top, right - label_x, h),
            label_rect: Rect::new(label_x, top, label_w, h),
            label,
            description,
        });
        y += h;
    }
    for c in &mut columns {
        c.rect = Rect::new(c.rect.x, lanes_top, c.rect.w, y - lanes_top);
    }
    let width = [right, title.rect.right(), subtitle.rect.right()]
        .into_iter()
        .fold(0.0, f64::max)
        + m.margin;
    Grid {
        width,
        title,
        subtitle,
        lanes,
        columns,
        phases,
        col_x,
        col_w: stack.col_w.clone(),
        gutter_x,
        gutter_w,
        label_x,
        label_w,
        content_top,
        channel_top,
        strip_top,
        emotion_band,
        lanes_top,
        lanes_bottom: y,
    }
}

/// Phase bands in a row starting at `top`, each spanning its steps' columns (and half of the
/// gutters beside them), and the row's height (0 when no phase has steps).
pub(super) fn phases(
    bp: &Blueprint,
    ts: &Typeset,
    f: &Fonts,
    col_x: &[f64],
    col_w: &[f64],
    gutter_w: &[f64],
    top: f64,
) -> (Vec<PhaseBand>, f64) {
    let m = ts.m;
    let mut bands: Vec<PhaseBand> = bp
        .phases
        .iter()
        .filter_map(|p| {
            let (a, b) = p.steps?;
            let (a, b) = (a.0 as usize, b.0 as usize);
            // Half of each gutter beside it, shared with the next phase; at the figure's ends,
            // where a gutter widens only for the tracks of flows, no more than half the
            // narrowest, so both ends stand out past their headers alike (issue 17: a band
            // ran 35 px past its last header over a gutter of flows, 9 px before its first).
            let half = |g: usize| {
                let w = if g == 0 || g == col_w.len() {
                    gutter_w[g].min(m.gutter_min)
                } else {
                    gutter_w[g]
                };
                (w - m.phase_gap) / 2.0
            };
            let x0 = col_x[a] - half(a);
            let x1 = col_x[b] + col_w[b] + half(b + 1);
            let mut label = ts.centered(
                &p.label.value,
                f.phase,
                true,
                x1 - x0 - 2.0 * m.header_pad,
                (x0 + x1) / 2.0,
                0.0,
            );
            label.translate(0.0, top + m.header_pad);
            let description = match &p.description {
                Some(d) => ts.centered(
                    &d.value,
                    f.duration,
                    false,
                    x1 - x0 - 2.0 * m.header_pad,
                    (x0 + x1) / 2.0,
                    label.rect.bottom() + description_gap(ts, f),
                ),
                None => Text {
                    size: f.duration,
                    ..Text::default()
                },
            };
            Some(PhaseBand {
                id: p.id.value.clone(),
                rect: Rect::new(x0, top, x1 - x0, 0.0),
                label,
                description,
            })
        })
        .collect();
    let h = bands
        .iter()
        .map(|b| with_description(&b.label, &b.description) + 2.0 * m.header_pad)
        .fold(0.0, f64::max);
    for b in &mut bands {
        // Labels of shorter bands are centred vertically in the common row height.
        let dy = (h - 2.0 * m.header_pad - with_description(&b.label, &b.description)) / 2.0;
        b.label.translate(0.0, dy);
        b.description.translate(0.0, dy);
        b.rect.h = h;
    }
    (bands, h)
}

/// A step's header box at `x, top`, `w` wide: badge, bold label, duration.
fn header(s: &crate::model::Step, ts: &Typeset, f: &Fonts, x: f64, w: f64, top: f64) -> Column {
    let m = ts.m;
    let room = badge_room(s, ts);
    let tx = x + m.header_pad + room;
    let inner = w - 2.0 * m.header_pad - room;
    let label = ts.block(s.title(), f.header, true, inner, tx, top + m.header_pad);
    let mut bottom = label.rect.bottom();
    let badge = s.touchpoint.as_ref().map(|tp| {
        let r = m.badge_radius;
        let center = Point::new(
            x + m.header_pad + r,
            top + m.header_pad + ts.line_height(f.header) / 2.0,
        );
        bottom = bottom.max(center.y + r);
        ts.badge(tp.value, center, r, f)
    });
    let duration = match &s.duration {
        Some(d) => {
            let t = ts.block(&d.value, f.duration, false, inner, tx, bottom);
            bottom = t.rect.bottom();
            t
        }
        None => Text {
            size: f.duration,
            ..Text::default()
        },
    };
    Column {
        id: s.id.value.clone(),
        rect: Rect::new(x, 0.0, w, 0.0),
        header: Rect::new(x, top, w, bottom + m.header_pad - top),
        label,
        duration,
        badge,
        variant: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::layout::testkit::build;
    use crate::layout::{Layout, layout};
    use crate::text::Measure;
    use crate::theme::Theme;

    fn lay(bp: &crate::model::Blueprint) -> Layout {
        layout(bp, &Theme::light(), &Measure::new())
    }

    /// A lane is as tall as its tallest cell plus its padding, with no minimum beyond the
    /// cards; an empty lane keeps only `empty_lane_height` (and its label's height) — far less
    /// than a lane of cards. No flows, so no channel adds to either.
    #[test]
    fn lanes_are_as_tall_as_their_tallest_cell_and_empty_ones_small() {
        let t = Theme::light();
        let m = &t.metrics;
        let bp = build(
            "Heights",
            &["evidence", "customer", "support"],
            &[
                ("a", "", &[("customer", &["One line"])]),
                ("b", "", &[("customer", &["Two", "stacked"])]),
            ],
            &[],
            false,
        );
        let l = lay(&bp);
        let band = |id: &str| l.lanes.iter().find(|b| b.id == id).expect("lane");
        let (ev, cu, su) = (band("evidence"), band("customer"), band("support"));
        let card = |id: &str| l.items.iter().find(|i| i.id == id).expect("card").rect;
        let tallest = card("b.customer.2").bottom() - card("b.customer.1").y;
        // Customer actions has the line of interaction below it: its label strip.
        let strip = l.zone_lines[0].label.rect.h;
        assert!(
            (cu.rect.h - (tallest + 2.0 * m.lane_pad + strip)).abs() < 0.01,
            "customer lane {} px for a {tallest} px cell",
            cu.rect.h
        );
        for e in [ev, su] {
            let content = m.empty_lane_height.max(e.label.rect.h);
            assert!(
                (e.rect.h - (content + 2.0 * m.lane_pad)).abs() < 0.01,
                "{}: {} px",
                e.id,
                e.rect.h
            );
            assert!(e.rect.h < 0.6 * cu.rect.h, "{}: {} px", e.id, e.rect.h);
        }
        // One card of one line: no minimum above it.
        let one = build(
            "One",
            &["customer"],
            &[("a", "", &[("customer", &["One line"])])],
            &[],
            false,
        );
        let l = lay(&one);
        let card = l.items[0].rect.h;
        assert!((l.lanes[0].rect.h - (card + 2.0 * m.lane_pad)).abs() < 0.01);
    }
}
