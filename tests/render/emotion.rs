//! The emotion curve as the SVG draws it: read back from `.step` headers, `.emotion-point`s and
//! the `.emotion` path, no stretch of the line reaches over a step without a score, and a band
//! is only as tall as the levels its scores span.

use crate::support::*;

/// Each step's id and the x of its column's middle, from the `.step` header boxes, and in a cut
/// each stand-in column's (`.stub-steps`, named by its ids): no score is drawn there.
fn step_centres(doc: &roxmltree::Document) -> Vec<(String, f64)> {
    let centre = |g: roxmltree::Node, attr: &str| {
        let r = Bx::of(first_rect(g).expect("header"));
        (g.attribute(attr).expect("id").to_string(), r.x + r.w / 2.0)
    };
    let stand_ins = with_class(doc, "stub-steps")
        .into_iter()
        .map(|g| centre(g, "data-steps"));
    with_class(doc, "step")
        .into_iter()
        .map(|g| centre(g, "data-step"))
        .chain(stand_ins)
        .collect()
}

/// The ids of a sample's phases, read from its `phases:` list.
fn phases(sample: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(sample).expect("read");
    let Some((_, rest)) = text.split_once("\nphases:\n") else {
        return Vec::new();
    };
    rest.lines()
        .take_while(|l| l.starts_with(' ') || l.is_empty())
        .filter_map(|l| l.strip_prefix("  - id: "))
        .map(|id| id.trim().to_string())
        .collect()
}

/// The segments of a path written as `M x,y C x,y x,y x,y ...` (the curve's only commands),
/// each as its start and end x, in order.
fn segments(d: &str) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let (mut at, mut cmd) = (None::<f64>, ' ');
    let mut nums: Vec<f64> = Vec::new();
    let mut flush = |cmd: char, nums: &mut Vec<f64>, at: &mut Option<f64>| {
        match cmd {
            'M' => *at = nums.first().copied(),
            'C' => {
                for c in nums.chunks(6) {
                    let to = c[4];
                    out.push((at.expect("C after M"), to));
                    *at = Some(to);
                }
            }
            ' ' => {}
            other => panic!("unexpected command {other} in {d}"),
        }
        nums.clear();
    };
    let mut num = String::new();
    for ch in d.chars().chain([' ']) {
        if ch.is_ascii_digit() || ch == '.' || ch == '-' {
            num.push(ch);
            continue;
        }
        if !num.is_empty() {
            nums.push(num.parse().expect("number"));
            num.clear();
        }
        if ch.is_ascii_alphabetic() {
            flush(cmd, &mut nums, &mut at);
            cmd = ch;
        }
    }
    flush(cmd, &mut nums, &mut at);
    out
}

/// Every segment of every sample's emotion line, whole and cut to each phase, and of a
/// blueprint with gaps, joins two neighbouring scored steps: none starts or ends elsewhere or
/// passes over an unscored step or a cut's stand-in column.
#[test]
fn no_emotion_segment_spans_a_step_without_a_score() {
    let d = tempdir();
    let gaps = write(
        d.path(),
        "gaps.yaml",
        "title: Gaps\nsteps:\n  - id: a\n    emotion: 4\n    customer: A\n  - id: b\n    customer: B\n  \
         - id: c\n    emotion: 2\n    customer: C\n  - id: d\n    emotion: 3\n    customer: D\n  \
         - id: e\n    customer: E\n  - id: f\n    emotion: 5\n    customer: F\n",
    );
    let mut inputs: Vec<(std::path::PathBuf, Option<String>)> = Vec::new();
    for s in samples() {
        inputs.extend(phases(&s).into_iter().map(|p| (s.clone(), Some(p))));
        inputs.push((s, None));
    }
    inputs.push((gaps.clone(), None));
    let mut cuts = 0;
    for (input, phase) in inputs {
        let args: Vec<&str> = match &phase {
            Some(p) => vec!["--phase", p],
            None => Vec::new(),
        };
        cuts += usize::from(phase.is_some());
        let svg = render_svg(&input, &args);
        let doc = check_svg(&svg);
        let name = format!("{} {args:?}", input.display());
        let steps = step_centres(&doc);
        let scored: Vec<f64> = with_class(&doc, "emotion-point")
            .iter()
            .map(|c| {
                let id = c.attribute("data-step").expect("step");
                steps.iter().find(|(s, _)| s == id).expect("column").1
            })
            .collect();
        let unscored: Vec<f64> = steps
            .iter()
            .map(|s| s.1)
            .filter(|x| !scored.iter().any(|y| (x - y).abs() < 0.1))
            .collect();
        let paths: Vec<_> = with_class(&doc, "emotion")
            .into_iter()
            .flat_map(|g| g.children().filter(|n| n.has_tag_name("path")))
            .collect();
        let mut n = 0;
        for p in paths {
            for (x0, x1) in segments(p.attribute("d").expect("d")) {
                n += 1;
                for x in [x0, x1] {
                    assert!(
                        scored.iter().any(|y| (x - y).abs() < 0.1),
                        "{name}: a segment ends at {x}, no scored step"
                    );
                }
                for u in &unscored {
                    assert!(
                        !(x0.min(x1) < *u && *u < x0.max(x1)),
                        "{name}: the segment {x0}–{x1} passes over the unscored step at {u}"
                    );
                }
            }
        }
        if input == gaps && phase.is_none() {
            assert_eq!(scored.len(), 4, "{name}");
            assert_eq!(n, 1, "{name}: only c–d is drawn as a line");
        }
    }
    assert!(cuts >= 12, "{cuts} phase cuts");
}

/// One scored step: no line, one level, and a band less than half as tall as the full scale's.
#[test]
fn one_scored_step_gets_a_short_band() {
    let d = tempdir();
    let band = |yaml: &str| {
        let f = write(d.path(), "one.yaml", yaml);
        let svg = render_svg(&f, &[]);
        let doc = check_svg(&svg);
        let plot = with_class(&doc, "plot")
            .into_iter()
            .next()
            .map(|r| Bx::of(r).h)
            .expect(".emotion-band .plot");
        let lines = with_class(&doc, "emotion-band")[0]
            .children()
            .filter(|n| n.has_tag_name("line"))
            .count();
        let paths = with_class(&doc, "emotion")[0]
            .children()
            .filter(|n| n.has_tag_name("path"))
            .count();
        (plot, lines, paths)
    };
    let one = band(
        "title: One\nsteps:\n  - id: a\n    emotion: 4\n    customer: A\n  - id: b\n    customer: B\n",
    );
    let all = band(
        "title: All\nsteps:\n  - id: a\n    emotion: 1\n    customer: A\n  - id: b\n    emotion: 5\n    customer: B\n",
    );
    assert_eq!((one.1, one.2), (1, 0), "one level line, no curve");
    assert_eq!((all.1, all.2), (5, 1));
    assert!(
        one.0 < all.0 / 2.0,
        "one level {} px, five {} px",
        one.0,
        all.0
    );
}

/// Issue 17, looked at on every sample: an emotion label wrapped at its full room ended in one
/// lone word ("Tired; wants the / key", "A strong portfolio at / last"). Labels are wrapped
/// balanced: as few lines as before, each as short as that allows.
#[test]
fn emotion_labels_of_several_words_do_not_end_in_a_lone_word() {
    let mut seen = 0;
    for s in samples() {
        let svg = render_svg(&s, &[]);
        let doc = check_svg(&svg);
        for t in with_class(&doc, "emotion-label") {
            let lines: Vec<&str> = t
                .children()
                .filter(|n| n.tag_name().name() == "tspan")
                .filter_map(|n| n.text())
                .collect();
            let words = lines.iter().flat_map(|l| l.split_whitespace()).count();
            if lines.len() < 2 || words < 4 {
                continue;
            }
            seen += 1;
            let last = lines.last().expect("a line");
            assert!(
                last.split_whitespace().count() > 1,
                "{}: {lines:?}",
                s.display()
            );
        }
    }
    assert!(
        seen >= 5,
        "only {seen} wrapped labels of four words or more"
    );
}
