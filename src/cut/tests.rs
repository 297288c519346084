//! Cut tests: parsing step ranges, resolving cuts against a blueprint (and their errors), and
//! what a cut keeps: items, flows, stubs, phases, the customer path, the subtitle.

use super::*;
use crate::span::Source;

fn sample(name: &str) -> Blueprint {
    let path = format!("{}/samples/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("sample");
    crate::check(&Source::new(path, text))
        .expect("sample validates")
        .value
}

fn cut(steps: &str, phases: &[&str], lanes: &[&str]) -> Cut {
    Cut {
        steps: steps
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| StepRange::parse(s).expect("range"))
            .collect(),
        phases: phases.iter().map(|s| s.to_string()).collect(),
        lanes: lanes.iter().map(|s| s.to_string()).collect(),
        variant: None,
    }
}

fn ok(bp: &Blueprint, c: &Cut) -> Cutout {
    let out = apply(bp, c).unwrap_or_else(|d| panic!("{d:?}")).value;
    consistent(&out.blueprint);
    out
}

fn err(bp: &Blueprint, c: &Cut) -> Vec<Diagnostic> {
    apply(bp, c).expect_err("an error").0
}

fn step_ids(bp: &Blueprint) -> Vec<&str> {
    bp.steps.iter().map(|s| s.id.value.as_str()).collect()
}

/// The cut blueprint's indices agree with each other, as validate's do.
fn consistent(bp: &Blueprint) {
    let mut seen = 0;
    for (s, step) in bp.steps.iter().enumerate() {
        assert_eq!(step.cells.len(), bp.lanes.len());
        for (l, cell) in step.cells.iter().enumerate() {
            // A variant cut leaves out some items of a cell; the others keep their place in
            // it, and so their names (`STEP.LANE.N`) of the whole blueprint.
            let mut last = 0;
            for id in cell {
                let it = bp.item(*id);
                assert_eq!(id.0 as usize, seen, "items in step, lane, cell order");
                seen += 1;
                assert_eq!((it.step.0 as usize, it.lane.0 as usize), (s, l));
                assert!(it.index > last, "cell positions in order");
                last = it.index;
            }
        }
        if let Some(p) = step.phase {
            let (a, b) = bp.phases[p.0 as usize].steps.expect("phase has steps");
            assert!(a.0 as usize <= s && s <= b.0 as usize);
        }
    }
    assert_eq!(seen, bp.items.len());
    for f in &bp.flows {
        assert!((f.from.0 as usize) < bp.items.len() && (f.to.0 as usize) < bp.items.len());
        assert_ne!(f.from, f.to);
    }
    for w in bp.lanes.windows(2) {
        assert!(w[0].zone <= w[1].zone);
    }
}

#[test]
fn ranges_parse_as_users_write_them() {
    let r = |s: &str| StepRange::parse(s).map(|r| (r.from, r.to));
    let n = |k| Some(StepRef::Number(k));
    let id = |s: &str| Some(StepRef::Id(s.into()));
    assert_eq!(r("3..9"), Ok((n(3), n(9))));
    assert_eq!(r(" 4 "), Ok((n(4), n(4))));
    assert_eq!(r("5.."), Ok((n(5), None)));
    assert_eq!(r("..6"), Ok((None, n(6))));
    assert_eq!(
        r("check-in..check-out"),
        Ok((id("check-in"), id("check-out")))
    );
    assert_eq!(r("2..leave"), Ok((n(2), id("leave"))));
    for bad in [
        "", "0", "0..3", "9..3", "3-9", "a b", "3...5", "x..y..z", "é",
    ] {
        assert!(StepRange::parse(bad).is_err(), "{bad:?} parsed");
    }
    assert!(StepRange::parse("3-9").unwrap_err().contains("3..9"));
}

#[test]
fn a_phase_keeps_its_steps_items_and_inner_flows_and_says_so() {
    let bp = sample("hotel");
    let out = ok(&bp, &cut("", &["stay"], &[]));
    let c = &out.blueprint;
    assert_eq!(
        step_ids(c),
        ["settle", "room-service", "sleep", "breakfast"]
    );
    assert_eq!(c.phases.len(), 1);
    assert_eq!(c.phases[0].steps, Some((StepId(0), StepId(3))));
    assert_eq!(
        c.subtitle.as_ref().map(|s| s.value.as_str()),
        Some("Stay: steps 4–7 of 10")
    );
    assert_eq!(c.title.value, bp.title.value);
    assert_eq!(c.lanes.len(), 5);
    // Every item of those steps, and no other.
    let want = bp
        .items
        .iter()
        .filter(|it| (3..=6).contains(&it.step.0))
        .count();
    assert_eq!(c.items.len(), want);
    // The room-service flows stay; no flow of the stay phase leaves it.
    assert!(c.flows.iter().any(|f| c.item_ref(f.from) == "pos"));
    assert!(out.stubs.is_empty());
    // The customer path runs over the four steps only.
    assert_eq!(c.flows.iter().filter(|f| f.customer_path).count(), 3);
}

#[test]
fn steps_by_number_by_id_and_by_label_of_phase_agree() {
    let bp = sample("hotel");
    let a = ok(&bp, &cut("4..7", &[], &[])).blueprint;
    let b = ok(&bp, &cut("settle..breakfast", &[], &[])).blueprint;
    let c = ok(&bp, &cut("", &["Stay"], &[])).blueprint;
    assert_eq!(step_ids(&a), step_ids(&b));
    assert_eq!(step_ids(&a), step_ids(&c));
    assert_eq!(
        a.subtitle.as_ref().map(|s| s.value.as_str()),
        Some("Steps 4–7 of 10")
    );
    let open = ok(&bp, &cut("..2,9..", &[], &[])).blueprint;
    assert_eq!(step_ids(&open), ["arrive", "check-in", "leave", "review"]);
    assert_eq!(
        open.subtitle.as_ref().map(|s| s.value.as_str()),
        Some("Steps 1–2, 9–10 of 10")
    );
}

#[test]
fn cuts_combine_by_narrowing() {
    let bp = sample("hotel");
    let out = ok(&bp, &cut("2..5", &["arrival"], &["customer", "onstage"]));
    let c = &out.blueprint;
    assert_eq!(step_ids(c), ["check-in", "luggage"]);
    let lanes: Vec<&str> = c.lanes.iter().map(|l| l.id.value.as_str()).collect();
    assert_eq!(lanes, ["customer", "onstage"]);
    assert_eq!(
        c.subtitle.as_ref().map(|s| s.value.as_str()),
        Some("Arrival: steps 2–3 of 10 · 2 of 5 lanes")
    );
    // Registration's flows to backstage and support items become stubs to their lanes.
    let to: Vec<&str> = out
        .stubs
        .iter()
        .filter(|s| s.outgoing)
        .map(|s| s.outside.item.as_str())
        .collect();
    assert!(
        to.contains(&"room-status") && to.contains(&"card-terminal"),
        "{to:?}"
    );
    for s in &out.stubs {
        assert!(matches!(s.outside.column, Place::Kept(_)));
        assert!(matches!(s.outside.row, Place::Gap { .. }));
    }
    // Stand-ins in one place that would read alike add their items' words.
    let text = |item: &str| {
        let s = out
            .stubs
            .iter()
            .find(|s| s.outside.item == item)
            .expect(item);
        s.outside.text.clone()
    };
    assert_eq!(
        text("card-terminal"),
        "to Support processes: Card payment terminal"
    );
    assert_eq!(text("room-status"), "to Backstage contact employee actions");
    // Only the customer path and the written flow between kept items remain as flows.
    assert!(c.flows.iter().any(|f| c.item_ref(f.from) == "give-name"));
}

#[test]
fn flows_with_one_end_outside_become_stubs_that_say_where_they_go() {
    let bp = sample("online-order");
    let out = ok(&bp, &cut("", &["purchase"], &[]));
    assert!(!out.stubs.is_empty());
    let s = &out.stubs[0];
    assert!(s.outgoing);
    assert_eq!(
        s.outside.column,
        Place::Gap {
            at: 3,
            name: "Steps 7–12".into(),
            ids: format!("{}..{}", bp.steps[6].id.value, bp.steps[11].id.value),
        }
    );
    assert!(
        s.outside.text.starts_with("to ") && s.outside.text.ends_with("(step\u{a0}7)"),
        "{}",
        s.outside.text
    );
    assert!(s.label.is_some());
    // Every written flow is kept, stubbed, or dropped when both its ends are outside.
    let inside = |i: ItemId| (3..=5).contains(&bp.item(i).step.0);
    let written = bp.flows.iter().filter(|f| !f.customer_path);
    let both_in = written
        .clone()
        .filter(|f| inside(f.from) && inside(f.to))
        .count();
    let one_in = written.filter(|f| inside(f.from) != inside(f.to)).count();
    let kept = out
        .blueprint
        .flows
        .iter()
        .filter(|f| !f.customer_path)
        .count();
    assert_eq!((kept, out.stubs.len()), (both_in, one_in));
}

#[test]
fn the_customer_path_joins_kept_steps_across_a_gap_and_never_stubs() {
    let bp = sample("hotel");
    let out = ok(&bp, &cut("1..2,9..10", &[], &[]));
    let c = &out.blueprint;
    let path: Vec<(String, String)> = c
        .flows
        .iter()
        .filter(|f| f.customer_path)
        .map(|f| (c.item_ref(f.from), c.item_ref(f.to)))
        .collect();
    assert_eq!(path.len(), 3, "{path:?}");
    assert!(
        path.iter()
            .any(|(a, b)| a == "give-name" && b.starts_with("leave.customer"))
    );
    // Without the customer lane, there is no path.
    let none = ok(&bp, &cut("", &[], &["onstage", "support"])).blueprint;
    assert!(none.flows.iter().all(|f| !f.customer_path));
}

#[test]
fn lanes_by_id_or_by_zone() {
    let bp = sample("airline");
    let by_zone = ok(&bp, &cut("", &[], &["onstage"])).blueprint;
    let ids: Vec<&str> = by_zone.lanes.iter().map(|l| l.id.value.as_str()).collect();
    assert_eq!(ids, ["airline-staff", "airport-staff"]);
    // A lane id wins over the zone of the same name.
    let hotel = sample("hotel");
    let one = ok(&hotel, &cut("", &[], &["support", "customer"])).blueprint;
    let ids: Vec<&str> = one.lanes.iter().map(|l| l.id.value.as_str()).collect();
    assert_eq!(ids, ["customer", "support"], "lanes keep their order");
}

#[test]
fn an_uncut_cut_is_the_blueprint() {
    let bp = sample("hotel");
    let out = ok(&bp, &cut("1..10", &[], &[]));
    assert_eq!(
        out.blueprint.subtitle.map(|s| s.value),
        bp.subtitle.map(|s| s.value)
    );
    assert!(out.stubs.is_empty());
}

#[test]
fn bad_cuts_are_named_with_a_did_you_mean() {
    let bp = sample("hotel");
    let d = err(&bp, &cut("", &["stya"], &[]));
    assert_eq!(d[0].code, "cut-unknown-phase");
    assert!(
        d[0].help
            .as_deref()
            .unwrap()
            .contains("did you mean `stay`?")
    );
    let d = err(&bp, &cut("3..11", &[], &[]));
    assert_eq!(d[0].code, "cut-step-out-of-range");
    assert!(d[0].message.contains("10 steps"), "{}", d[0].message);
    let d = err(&bp, &cut("chek-in..leave", &[], &[]));
    assert_eq!(d[0].code, "cut-unknown-step");
    assert!(d[0].help.as_deref().unwrap().contains("`check-in`"));
    let d = err(&bp, &cut("", &[], &["customer", "onstgae"]));
    assert_eq!(d[0].code, "cut-unknown-lane");
    assert!(d[0].help.as_deref().unwrap().contains("`onstage`"));
    let d = err(&bp, &cut("leave..check-in", &[], &[]));
    assert_eq!(d[0].code, "cut-empty");
    assert!(d[0].help.as_deref().unwrap().contains("check-in..leave"));
    let d = err(&bp, &cut("1..2", &["departure"], &[]));
    assert_eq!(d[0].code, "cut-empty");
    // Every problem of one cut at once.
    let d = err(&bp, &cut("40", &["nope"], &["nope"]));
    let codes: Vec<&str> = d.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            "cut-step-out-of-range",
            "cut-unknown-phase",
            "cut-unknown-lane"
        ]
    );
    // A zone with no lane in this blueprint.
    let servuction = sample("servuction");
    let d = err(&servuction, &cut("", &[], &["backstage"]));
    assert!(
        d[0].message.contains("no lane in that zone"),
        "{}",
        d[0].message
    );
}

#[test]
fn split_phases_gives_one_cut_per_phase_and_warns_about_loose_steps() {
    let bp = sample("hotel");
    let split = split_phases(&bp, &["customer".to_string()]).expect("phases");
    let names: Vec<&str> = split.value.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["arrival", "stay", "departure"]);
    assert!(split.warnings.0.is_empty());
    assert_eq!(split.value[1].1.lanes, ["customer"]);

    let mut loose = bp.clone();
    loose.steps[9].phase = None;
    loose.phases[2].steps = Some((StepId(7), StepId(8)));
    let split = split_phases(&loose, &[]).expect("phases");
    assert_eq!(split.warnings.0[0].code, "cut-steps-left-out");
    assert!(split.warnings.0[0].message.contains("review"));

    let mut none = bp.clone();
    none.phases.clear();
    for s in &mut none.steps {
        s.phase = None;
    }
    assert_eq!(split_phases(&none, &[]).unwrap_err().0[0].code, "cut-empty");
}

#[test]
fn a_label_two_phases_share_is_ambiguous_and_the_ids_are_offered() {
    let text = "title: T\nphases:\n  - {id: p1, label: Visit}\n  - {id: p2, label: visit}\nsteps:\n  - {id: a, phase: p1, customer: x}\n  - {id: b, phase: p2, customer: y}\n";
    let bp = crate::check(&Source::new("t.yaml", text))
        .expect("valid")
        .value;
    let d = err(&bp, &cut("", &["VISIT"], &[]));
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "cut-unknown-phase");
    assert!(
        d[0].message.contains("2 phases have this label"),
        "{}",
        d[0].message
    );
    let help = d[0].help.clone().unwrap_or_default();
    assert!(help.contains("`p1`") && help.contains("`p2`"), "{help}");
    // By id it is found.
    assert_eq!(step_ids(&ok(&bp, &cut("", &["p2"], &[])).blueprint), ["b"]);
}

/// `--split-phases` writes at most MAX_SPLIT_FIGURES figures: one phase per step at the limit
/// is split, one more is refused naming the limit, on the first phase past it.
#[test]
fn split_phases_stops_at_max_split_figures() {
    let phases = |n: usize| {
        let mut s = String::from("title: T\nphases:\n");
        for i in 0..n {
            s.push_str(&format!("  - id: p{i}\n"));
        }
        s.push_str("steps:\n");
        for i in 0..n {
            s.push_str(&format!("  - id: s{i}\n    phase: p{i}\n    customer: c\n"));
        }
        crate::check(&Source::new("t.yaml", s))
            .expect("valid")
            .value
    };
    let max = crate::limits::MAX_SPLIT_FIGURES;
    let at = split_phases(&phases(max), &[]).expect("at the limit");
    assert_eq!(at.value.len(), max);
    let over = phases(max + 1);
    let d = split_phases(&over, &[]).unwrap_err();
    assert_eq!(d.0[0].code, "limit-exceeded");
    assert!(
        d.0[0].message.contains("MAX_SPLIT_FIGURES"),
        "{}",
        d.0[0].message
    );
    assert_eq!(d.0[0].label.span, over.phases[max].id.span);
}

/// The variant test blueprint (tests/golden/cuts/saas-onboarding.yaml): two variants, `ss`
/// and `en`, a step of each, items of each, durations per variant.
fn saas() -> Blueprint {
    let path = format!(
        "{}/tests/golden/cuts/saas-onboarding.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("blueprint");
    crate::check(&Source::new(path, text))
        .expect("validates")
        .value
}

fn variant(v: &str, phases: &[&str]) -> Cut {
    Cut {
        variant: Some(v.to_string()),
        ..cut("", phases, &[])
    }
}

#[test]
fn a_variant_cut_keeps_the_common_part_and_that_variants_own() {
    let bp = saas();
    let en = ok(&bp, &variant("en", &[])).blueprint;
    let steps: Vec<&str> = en.steps.iter().map(|s| s.id.value.as_str()).collect();
    assert_eq!(steps, ["discover", "demo", "configure", "invite"]);
    let texts: Vec<&str> = en.items.iter().map(|i| i.text.value.as_str()).collect();
    assert!(texts.contains(&"Kick-off call with the onboarding manager"));
    assert!(
        !texts.contains(&"Follows the in-app checklist"),
        "{texts:?}"
    );
    assert!(!texts.contains(&"Starts a free trial"), "{texts:?}");
    // No badges: nothing kept names a variant any more; durations are this variant's.
    assert!(en.items.iter().all(|i| i.own_variants().is_all()));
    assert!(
        en.steps
            .iter()
            .all(|s| s.variants.is_all() && s.durations.is_empty())
    );
    let configure = en
        .steps
        .iter()
        .find(|s| s.id.value == "configure")
        .expect("kept");
    assert_eq!(
        configure.duration.as_ref().map(|d| d.value.as_str()),
        Some("1–2 weeks")
    );
    assert_eq!(
        en.subtitle.as_ref().map(|s| s.value.as_str()),
        Some("Enterprise")
    );
    // The customer path runs through the variant's own customer items, in order.
    let path: Vec<(String, String)> = en
        .flows
        .iter()
        .filter(|f| f.customer_path)
        .map(|f| (en.item_ref(f.from), en.item_ref(f.to)))
        .collect();
    assert_eq!(path.len(), 3, "{path:?}");
    // Flows to an item of another variant are dropped, not stubs.
    let ss = ok(&bp, &variant("ss", &[]));
    assert!(ss.stubs.is_empty());
    assert!(ss.blueprint.flows.iter().all(|f| f.customer_path));
}

#[test]
fn a_variant_cut_composes_with_a_phase_cut_and_names_both() {
    let bp = saas();
    let out = ok(&bp, &variant("en", &["setup"])).blueprint;
    let steps: Vec<&str> = out.steps.iter().map(|s| s.id.value.as_str()).collect();
    assert_eq!(steps, ["configure", "invite"]);
    assert_eq!(
        out.subtitle.as_ref().map(|s| s.value.as_str()),
        Some("Enterprise · Set up: steps 3–4 of 4")
    );
}

#[test]
fn an_unknown_variant_is_refused_with_a_did_you_mean() {
    let bp = saas();
    let d = apply(&bp, &variant("eN", &[])).expect_err("unknown");
    assert_eq!(d.0[0].code, "cut-unknown-variant");
    assert!(
        d.0[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("did you mean `en`")
    );
    let none = apply(&sample("hotel"), &variant("en", &[])).expect_err("no variants");
    assert_eq!(none.0[0].code, "cut-unknown-variant");
}
