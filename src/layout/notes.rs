//! `render --notes` (format 1.1): each flow's note gets a numbered disc on its arrow, and the
//! notes are listed under the legend, numbered in flow order (the order the file writes them),
//! so the numbers stay put when nothing before them changes. Applied to a finished layout:
//! without `--notes` nothing here runs and the figure is as it was.
//! Uses `theme` (sizes) and the layout's `Typeset`.

use super::contract::{FlowNote, FlowPath, Layout};
use super::typeset::Typeset;
use crate::geom::{Point, Rect};
use crate::text::Measure;
use crate::theme::Theme;

/// Numbers the notes of `l`'s flows on their arrows and lists them under the legend, growing
/// the drawing to fit them.
pub fn number_notes(l: &mut Layout, theme: &Theme, measure: &Measure) {
    l.notes_numbered = true;
    let ts = Typeset {
        measure,
        m: &theme.metrics,
    };
    let (f, m) = (&theme.fonts, &theme.metrics);
    let r = m.mark_radius;
    let width = (l.size.w - 2.0 * m.margin).max(f.legend * 10.0);
    let mut top = l.size.h - m.margin + m.legend_gap;
    let mut notes = Vec::new();
    for fm in &l.flow_more {
        let (Some(note), Some(flow)) = (&fm.note, l.flows.get(fm.index)) else {
            continue;
        };
        let number = notes.len() + 1;
        let at = spot(flow, l.arrow + r + 2.0);
        let mut glyph = ts.centered(&number.to_string(), f.badge, true, 4.0 * r, at.x, 0.0);
        glyph.translate(0.0, at.y - glyph.rect.h / 2.0);
        let text = ts.block(
            &format!("{number}. {note}"),
            f.legend,
            false,
            width,
            m.margin,
            top,
        );
        top = text.rect.bottom() + m.mark_gap / 2.0;
        notes.push(FlowNote {
            index: fm.index,
            number,
            at,
            r: r.max(glyph.rect.w / 2.0 + 2.0),
            glyph,
            text,
        });
    }
    if let Some(last) = notes.last() {
        l.size.h = last.text.rect.bottom() + m.margin;
        let right = notes
            .iter()
            .map(|n| n.text.rect.right())
            .fold(0.0, f64::max);
        l.size.w = l.size.w.max(right + m.margin);
    }
    l.notes = notes;
}

/// Where a flow's number goes: the middle of its longest segment, or a quarter along it when
/// the flow's label covers the middle; kept `clear` of an arrowhead at either end of the line
/// where the segment is long enough for that.
fn spot(flow: &FlowPath, clear: f64) -> Point {
    let n = flow.points.len();
    let longest = flow
        .points
        .windows(2)
        .enumerate()
        .max_by(|(_, a), (_, b)| len(a).total_cmp(&len(b)))
        .map(|(i, w)| (i, w[0], w[1]));
    let Some((i, a, b)) = longest else {
        return flow.points.first().copied().unwrap_or(Point::new(0.0, 0.0));
    };
    let at = |t: f64| Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
    let covered = |p: Point, r: &Rect| {
        p.x >= r.x - 8.0 && p.x <= r.right() + 8.0 && p.y >= r.y - 8.0 && p.y <= r.bottom() + 8.0
    };
    let mut t: f64 = match &flow.label {
        Some(lb) if covered(at(0.5), &lb.rect) => 0.25,
        _ => 0.5,
    };
    let l = len(&[a, b]);
    if l > 2.0 * clear {
        let room = clear / l;
        if i + 2 == n {
            t = t.min(1.0 - room);
        }
        if i == 0 && flow.both {
            t = t.max(room);
        }
    }
    at(t)
}

fn len(w: &[Point]) -> f64 {
    (w[1].x - w[0].x).abs() + (w[1].y - w[0].y).abs()
}
