//! Criterion benches of each stage on the samples and on generated blueprints of N steps
//! (five lanes, one short sentence per cell, a flow per step), through the library's public API
//! alone. `cargo bench --bench stages`.
//! Time per step must stay flat as N grows: compare the `N/…` groups. `end-to-end` reuses one
//! text measurer (a warm width cache); `end-to-end-cold` starts each iteration with a fresh
//! one, as every `blueprint render` process does.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

/// A blueprint of `n` steps in the five standard lanes, with a flow from each customer item
/// to its onstage item.
pub fn generated(n: usize) -> String {
    let mut s = String::from("title: Generated blueprint\nsteps:\n");
    for i in 0..n {
        s.push_str(&format!(
            "  - id: s{i}\n    evidence: Sign number {i}\n    customer: Customer does step {i}\n    onstage: Employee helps with step {i}\n    backstage: Prepare what step {i} needs\n    support: System records step {i}\n"
        ));
    }
    s.push_str("flows:\n");
    for i in 0..n {
        s.push_str(&format!("  - {{from: s{i}.customer, to: s{i}.onstage}}\n"));
    }
    s
}

fn stages(c: &mut Criterion) {
    let hotel =
        std::fs::read_to_string("samples/hotel.yaml").expect("run from the repository root");
    let src = blueprint::span::Source::new("hotel.yaml", hotel.clone());
    c.bench_function("check/hotel.yaml", |b| {
        b.iter(|| blueprint::check(black_box(&src)).is_ok())
    });
    let mut g = c.benchmark_group("stage");
    for n in [12usize, 200, 1000, 10_000] {
        let text = generated(n);
        let src = blueprint::span::Source::new("gen.yaml", text);
        g.throughput(Throughput::Elements(n as u64));
        g.sample_size(if n >= 10_000 { 10 } else { 30 });
        // `check`: the YAML reader and validation together (the reader alone is internal to the
        // library; its share shows in a profile of this).
        g.bench_with_input(BenchmarkId::new("parse+validate", n), &src, |b, s| {
            b.iter(|| blueprint::check(black_box(s)).is_ok())
        });
        let checked = blueprint::check(&src).expect("generated blueprint is valid");
        let theme = blueprint::theme::Theme::light();
        let measure = blueprint::text::Measure::new();
        g.bench_with_input(BenchmarkId::new("layout", n), &checked.value, |b, bp| {
            b.iter(|| blueprint::layout::layout(black_box(bp), &theme, &measure))
        });
        let layout = blueprint::layout::layout(&checked.value, &theme, &measure);
        // Writing alone, then with the font subsets embedded (the default), then as outlines.
        for (name, embed_font, text) in [
            ("render-svg", false, blueprint::TextMode::Text),
            ("render-svg-embed-font", true, blueprint::TextMode::Text),
            ("render-svg-paths", false, blueprint::TextMode::Paths),
        ] {
            // Outlines of 50,000 cells make a 300 MB document: not a size anyone renders.
            if text == blueprint::TextMode::Paths && n > 1000 {
                continue;
            }
            let opts = blueprint::render::SvgOptions {
                embed_font,
                text,
                slant_italics: false,
                id_prefix: None,
                measure: &measure,
            };
            g.bench_with_input(BenchmarkId::new(name, n), &layout, |b, l| {
                b.iter(|| {
                    blueprint::render::svg(black_box(l), &theme, &opts)
                        .into_string()
                        .len()
                })
            });
        }
        // PNG at scale 1 from the SVG without fonts (what `--format png` rasterises). From
        // N = 1000 on the image passes MAX_RASTER_PIXELS, so only the small sizes.
        if n <= 200 {
            let plain = blueprint::render::SvgOptions {
                embed_font: false,
                text: blueprint::TextMode::Text,
                slant_italics: false,
                id_prefix: None,
                measure: &measure,
            };
            let svg = blueprint::render::svg(&layout, &theme, &plain).into_string();
            let export = blueprint::Export {
                scale: 1.0,
                ..blueprint::Export::default()
            };
            g.bench_with_input(BenchmarkId::new("render-png", n), &svg, |b, s| {
                b.iter(|| {
                    blueprint::export(black_box(s), blueprint::Format::Png, &export)
                        .map(|v| v.len())
                })
            });
        }
        let options = blueprint::Options::default();
        g.bench_with_input(BenchmarkId::new("end-to-end", n), &src, |b, s| {
            b.iter(|| blueprint::render(black_box(s), &options).is_ok())
        });
        // What a CLI run pays: a fresh measurer, so every width is shaped from cold.
        g.bench_with_input(BenchmarkId::new("end-to-end-cold", n), &src, |b, s| {
            b.iter_batched(
                blueprint::Options::default,
                |o| blueprint::render(black_box(s), &o).is_ok(),
                criterion::BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
