//! The viewer suite: every sample, in each of the three text modes, opened by programs that read
//! SVG without a browser's CSS engine (issue 18), LibreOffice (`soffice --headless --convert-to
//! png`, the import Impress and Draw use) and librsvg (`rsvg-convert`), and compared pixel by
//! pixel with our own PNG (resvg, `render -o X.png`) at the same size. A figure that loses its
//! colours, lines or arrowheads in one of them fails here.
//!
//! Both are asked for the SVG's own size in pixels (`--scale 1` for ours; LibreOffice's PNG
//! export takes `PixelWidth`/`PixelHeight` as filter options, else it writes 2048 px wide); a
//! viewer's image of another size is scaled to ours, and lined up with ours by the shift of at
//! most [`SHIFT`] px that fits best (LibreOffice draws everything about a pixel right and
//! down). Limits, per image: the mean absolute difference per channel under [`MAX_MEAN`] of
//! 255, and under [`MAX_OFF`] of the pixels off by more than [`OFF_BY`] in some channel. Font
//! rasterisation and hinting differ from viewer to viewer, and where the text is `<text>` they
//! draw it in an installed font (both skip `@font-face`; `.ci/clients` installs Inter, which
//! LibreOffice needs since it tries the first family of a list only), so the limits allow for
//! text drawn differently but not for a missing fill, line or arrowhead. Every image is kept
//! under `target/tmp/viewers/` for a look; the figures are printed on stderr.

use crate::need;
use crate::support;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Instant;

/// Largest mean absolute difference per channel, of 255.
const MAX_MEAN: f64 = 12.0;
/// Largest share of pixels off by more than [`OFF_BY`].
const MAX_OFF: f64 = 0.03;
/// A pixel is off when a channel differs by more than this.
const OFF_BY: u8 = 96;

/// The text modes: a file-name suffix and the `render` flags.
const MODES: [(&str, &[&str]); 3] = [
    ("embedded", &[]),
    ("named", &["--no-embed-font"]),
    ("paths", &["--text-as-paths"]),
];

/// An image as 8-bit RGB, composited over white.
struct Image {
    width: usize,
    height: usize,
    rgb: Vec<u8>,
}

impl Image {
    fn read(path: &Path) -> Image {
        let file = std::fs::File::open(path)
            .unwrap_or_else(|e| panic!("{}: {e} (the viewer wrote no image)", path.display()));
        let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder
            .read_info()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut buf = vec![0; reader.output_buffer_size().expect("image size")];
        let info = reader
            .next_frame(&mut buf)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (width, height) = (info.width as usize, info.height as usize);
        let channels = info.color_type.samples();
        let mut rgb = Vec::with_capacity(width * height * 3);
        for px in buf[..info.buffer_size()].chunks_exact(channels) {
            let (c, a) = match channels {
                1 => ([px[0]; 3], 255),
                2 => ([px[0]; 3], px[1]),
                3 => ([px[0], px[1], px[2]], 255),
                _ => ([px[0], px[1], px[2]], px[3]),
            };
            // Straight alpha over white.
            let a = u32::from(a);
            rgb.extend(c.map(|v| ((u32::from(v) * a + 255 * (255 - a) + 127) / 255) as u8));
        }
        Image { width, height, rgb }
    }

    /// This image scaled to `width` × `height` (bilinear), or itself when it has that size.
    fn scaled(self, width: usize, height: usize) -> Image {
        if (self.width, self.height) == (width, height) {
            return self;
        }
        let mut rgb = Vec::with_capacity(width * height * 3);
        let (kx, ky) = (
            self.width as f64 / width as f64,
            self.height as f64 / height as f64,
        );
        for y in 0..height {
            let sy = ((y as f64 + 0.5) * ky - 0.5).clamp(0.0, (self.height - 1) as f64);
            let (y0, fy) = (sy.floor() as usize, sy.fract());
            let y1 = (y0 + 1).min(self.height - 1);
            for x in 0..width {
                let sx = ((x as f64 + 0.5) * kx - 0.5).clamp(0.0, (self.width - 1) as f64);
                let (x0, fx) = (sx.floor() as usize, sx.fract());
                let x1 = (x0 + 1).min(self.width - 1);
                for c in 0..3 {
                    let at = |x: usize, y: usize| f64::from(self.rgb[(y * self.width + x) * 3 + c]);
                    let top = at(x0, y0) * (1.0 - fx) + at(x1, y0) * fx;
                    let bottom = at(x0, y1) * (1.0 - fx) + at(x1, y1) * fx;
                    rgb.push((top * (1.0 - fy) + bottom * fy).round() as u8);
                }
            }
        }
        Image { width, height, rgb }
    }
}

/// How far a viewer's image is from ours.
struct Diff {
    /// Mean absolute difference per channel, of 255.
    mean: f64,
    /// Share of pixels off by more than [`OFF_BY`] in some channel.
    off: f64,
    /// The viewer's image was moved by this much (x, y) to line up with ours.
    shift: (isize, isize),
}

/// Sum of absolute differences and pixels off, comparing `ours` at (x, y) with `theirs` at
/// (x + dx, y + dy), every `step`th pixel each way, `SHIFT` px in from each edge.
fn compare_at(
    ours: &Image,
    theirs: &Image,
    (dx, dy): (isize, isize),
    step: usize,
) -> (u64, usize, usize) {
    let (mut sum, mut off, mut n) = (0u64, 0usize, 0usize);
    for y in (SHIFT..ours.height - SHIFT).step_by(step) {
        let ty = (y as isize + dy) as usize;
        for x in (SHIFT..ours.width - SHIFT).step_by(step) {
            let tx = (x as isize + dx) as usize;
            let a = &ours.rgb[(y * ours.width + x) * 3..][..3];
            let b = &theirs.rgb[(ty * theirs.width + tx) * 3..][..3];
            let (d0, d1, d2) = (
                a[0].abs_diff(b[0]),
                a[1].abs_diff(b[1]),
                a[2].abs_diff(b[2]),
            );
            sum += u64::from(d0) + u64::from(d1) + u64::from(d2);
            off += usize::from(d0.max(d1).max(d2) > OFF_BY);
            n += 1;
        }
    }
    (sum, off, n)
}

/// How far a viewer may draw the whole figure from where we do, in px each way: LibreOffice
/// draws everything about a pixel right and down of resvg (its own rounding of the page to
/// pixels), which is no fault of the SVG but would count every edge as off.
const SHIFT: usize = 1;

/// `theirs`, scaled to our size, compared with `ours` at the shift (up to [`SHIFT`] px each way)
/// that lines them up best.
fn diff(ours: &Image, theirs: Image) -> Diff {
    let theirs = theirs.scaled(ours.width, ours.height);
    let s = SHIFT as isize;
    let shifts = (-s..=s).flat_map(|dy| (-s..=s).map(move |dx| (dx, dy)));
    let shift = shifts
        .min_by_key(|&d| compare_at(ours, &theirs, d, 2).0)
        .expect("a shift");
    let (sum, off, n) = compare_at(ours, &theirs, shift, 1);
    let n = n.max(1);
    Diff {
        mean: sum as f64 / (n * 3) as f64,
        off: off as f64 / n as f64,
        shift,
    }
}

/// A fresh directory for `viewer`'s images, kept after the run (target/tmp/viewers/VIEWER).
fn out_dir(viewer: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("viewers")
        .join(viewer);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("output directory");
    dir
}

/// The SVG's size in whole pixels, as our PNG at scale 1 has it (rounded up).
fn svg_size(svg: &Path) -> (usize, usize) {
    let text = std::fs::read_to_string(svg).expect("SVG");
    let doc = roxmltree::Document::parse(&text).expect("well-formed SVG");
    let root = doc.root_element();
    let px = |a: &str| -> usize {
        let v: f64 = root.attribute(a).expect("size").parse().expect("number");
        v.ceil() as usize
    };
    (px("width"), px("height"))
}

/// One sample in one mode: its SVG and the name of the viewer's image.
struct Case {
    name: String,
    svg: PathBuf,
}

/// Every sample in every mode as SVG, with our PNG of each sample at scale 1 (the same in every
/// mode: PNG is drawn from text): the cases, grouped by sample with that sample's PNG. Rendered
/// once (into target/tmp/viewers/ours) for both viewers.
fn rendered() -> &'static [(PathBuf, Vec<Case>)] {
    static RENDERED: OnceLock<Vec<(PathBuf, Vec<Case>)>> = OnceLock::new();
    RENDERED.get_or_init(|| render_all(&out_dir("ours")))
}

fn render_all(dir: &Path) -> Vec<(PathBuf, Vec<Case>)> {
    support::samples()
        .iter()
        .map(|yaml| {
            let stem = yaml.file_stem().unwrap().to_string_lossy().into_owned();
            let png = dir.join(format!("{stem}-ours.png"));
            support::bin()
                .arg("render")
                .arg(yaml)
                .args(["--scale", "1", "-o"])
                .arg(&png)
                .assert()
                .success();
            let cases = MODES
                .iter()
                .map(|(mode, flags)| {
                    let name = format!("{stem}-{mode}");
                    let svg = dir.join(format!("{name}.svg"));
                    support::bin()
                        .arg("render")
                        .arg(yaml)
                        .args(*flags)
                        .arg("-o")
                        .arg(&svg)
                        .assert()
                        .success();
                    Case { name, svg }
                })
                .collect();
            (png, cases)
        })
        .collect()
}

/// Compares each case's image (`dir/NAME.png`, made by `convert`) with our PNG; prints the
/// figures and fails with every case over a limit.
fn compare(viewer: &str, dir: &Path, convert: impl Fn(&Path, &[Case]), started: Instant) {
    let mut table =
        format!("{viewer}: mean |diff| per channel (of 255), pixels off by > {OFF_BY}\n");
    let mut failures = Vec::new();
    for (png, cases) in rendered() {
        convert(dir, cases);
        let ours = Image::read(png);
        for c in cases {
            let d = diff(&ours, Image::read(&dir.join(format!("{}.png", c.name))));
            let _ = writeln!(
                table,
                "  {:<26} mean {:>5.2}  off {:>5.2} %  (shifted {:?})",
                c.name,
                d.mean,
                d.off * 100.0,
                d.shift
            );
            if d.mean >= MAX_MEAN || d.off >= MAX_OFF {
                failures.push(c.name.clone());
            }
        }
    }
    let _ = writeln!(
        table,
        "  {:.1} s; images in {}",
        started.elapsed().as_secs_f64(),
        dir.display()
    );
    // Straight to stderr, which the harness does not capture: the figures are the point.
    let _ = std::io::Write::write_all(&mut std::io::stderr(), table.as_bytes());
    assert!(
        failures.is_empty(),
        "{viewer} draws these unlike our PNG (limits: mean < {MAX_MEAN}, off < {} %): {failures:?}\n{table}",
        MAX_OFF * 100.0
    );
}

/// Runs `cmd`, panicking with its output unless it succeeds.
fn run(mut cmd: Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn librsvg_draws_every_sample_in_every_mode_as_our_png() {
    let Some(rsvg) = need::program("viewers", &["rsvg-convert"], "apt-get install librsvg2-bin")
    else {
        return;
    };
    let started = Instant::now();
    let dir = out_dir("librsvg");
    compare(
        "librsvg",
        &dir,
        |dir, cases| {
            for c in cases {
                let (w, h) = svg_size(&c.svg);
                let mut cmd = Command::new(&rsvg);
                cmd.args(["-w", &w.to_string(), "-h", &h.to_string(), "-o"])
                    .arg(dir.join(format!("{}.png", c.name)))
                    .arg(&c.svg);
                run(cmd);
            }
        },
        started,
    );
}

#[test]
fn libreoffice_draws_every_sample_in_every_mode_as_our_png() {
    let Some(soffice) = need::program(
        "viewers",
        &["soffice", "libreoffice"],
        "apt-get install libreoffice-draw",
    ) else {
        return;
    };
    let started = Instant::now();
    let dir = out_dir("libreoffice");
    // A profile of its own: no lock shared with a LibreOffice the user has open, nothing
    // written to their home directory.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    compare(
        "libreoffice",
        &dir,
        |dir, cases| {
            // One run per sample (its three modes share a size): each start costs seconds.
            let (w, h) = svg_size(&cases[0].svg);
            let filter = format!(
                r#"png:draw_png_Export:{{"PixelWidth":{{"type":"long","value":"{w}"}},"PixelHeight":{{"type":"long","value":"{h}"}}}}"#
            );
            let mut cmd = Command::new(&soffice);
            cmd.args([&profile, "--headless", "--convert-to", &filter, "--outdir"])
                .arg(dir)
                .args(cases.iter().map(|c| &c.svg));
            run(cmd);
        },
        started,
    );
}
