//! Colour difference as readers with each kind of colour vision see it: CIELAB, the CIEDE2000
//! difference, and colour-vision deficiency simulated with the Machado, Oliveira and Fernandes
//! (2009) matrices at full severity. The built-in themes are tested with these (their category
//! colours stay apart for colour-blind readers); nothing outside the tests needs them, so this
//! is a test module. Uses `color`.

use super::color::Color;

/// The least CIEDE2000 difference between two colours that tell categories apart (the four
/// touch-point colours, the five zones' card borders), under normal vision and under simulated
/// protanopia, deuteranopia and tritanopia. 12 is well past "just noticeable" (about 1) and past
/// the 10 usually taken as "a different colour" for patches, with margin for small marks.
pub(crate) const MIN_CATEGORY_DIFFERENCE: f64 = 12.0;

/// How a colour is seen: normal vision, or one of the three dichromacies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Vision {
    /// Trichromatic vision.
    Normal,
    /// No long-wavelength (red) cones, about 1% of men.
    Protanopia,
    /// No medium-wavelength (green) cones, about 1% of men (the commonest dichromacy).
    Deuteranopia,
    /// No short-wavelength (blue) cones, rare.
    Tritanopia,
}

impl Vision {
    /// Every kind, normal first.
    pub(crate) const ALL: [Vision; 4] = [
        Vision::Normal,
        Vision::Protanopia,
        Vision::Deuteranopia,
        Vision::Tritanopia,
    ];

    /// Linear RGB as seen with this vision: Machado et al. (2009), severity 1.0, applied in
    /// linear RGB and clamped to the gamut.
    pub(crate) fn simulate(self, rgb: [f64; 3]) -> [f64; 3] {
        let m: [[f64; 3]; 3] = match self {
            Vision::Normal => return rgb,
            Vision::Protanopia => [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
            Vision::Deuteranopia => [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
            Vision::Tritanopia => [
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ],
        };
        m.map(|row| (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]).clamp(0.0, 1.0))
    }

    /// The name, for messages.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Vision::Normal => "normal vision",
            Vision::Protanopia => "protanopia",
            Vision::Deuteranopia => "deuteranopia",
            Vision::Tritanopia => "tritanopia",
        }
    }
}

/// CIELAB (D65) of `color` as seen with `vision`.
pub(crate) fn lab(color: Color, vision: Vision) -> [f64; 3] {
    cielab(vision.simulate(color.linear()))
}

/// CIELAB (D65 white) of a linear-RGB colour.
fn cielab([r, g, b]: [f64; 3]) -> [f64; 3] {
    let x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
    let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    let z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x / 0.95047), f(y), f(z / 1.08883));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// The CIEDE2000 colour difference of two CIELAB colours (Sharma, Wu and Dalal 2005). About 1
/// is just noticeable side by side; small marks need far more to be told apart at a glance.
pub(crate) fn delta_e(a: [f64; 3], b: [f64; 3]) -> f64 {
    use std::f64::consts::PI;
    let (l1, a1, b1) = (a[0], a[1], a[2]);
    let (l2, a2, b2) = (b[0], b[1], b[2]);
    let c1 = a1.hypot(b1);
    let c2 = a2.hypot(b2);
    let cm = (c1 + c2) / 2.0;
    let g = 0.5 * (1.0 - (cm.powi(7) / (cm.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| {
        if a == 0.0 && b == 0.0 {
            0.0
        } else {
            let h = b.atan2(a).to_degrees();
            if h < 0.0 { h + 360.0 } else { h }
        }
    };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dl = l2 - l1;
    let dc = c2p - c1p;
    let dh = if c1p * c2p == 0.0 {
        0.0
    } else if (h2p - h1p).abs() <= 180.0 {
        h2p - h1p
    } else if h2p - h1p > 180.0 {
        h2p - h1p - 360.0
    } else {
        h2p - h1p + 360.0
    };
    let dhh = 2.0 * (c1p * c2p).sqrt() * (dh.to_radians() / 2.0).sin();
    let lm = (l1 + l2) / 2.0;
    let cmp = (c1p + c2p) / 2.0;
    let hm = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * (hm - 30.0).to_radians().cos()
        + 0.24 * (2.0 * hm).to_radians().cos()
        + 0.32 * (3.0 * hm + 6.0).to_radians().cos()
        - 0.20 * (4.0 * hm - 63.0).to_radians().cos();
    let dtheta = 30.0 * (-((hm - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cmp.powi(7) / (cmp.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (lm - 50.0).powi(2) / (20.0 + (lm - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cmp;
    let sh = 1.0 + 0.015 * cmp * t;
    let rt = -(2.0 * dtheta * PI / 180.0).sin() * rc;
    ((dl / sl).powi(2) + (dc / sc).powi(2) + (dhh / sh).powi(2) + rt * (dc / sc) * (dhh / sh))
        .sqrt()
}

/// The closest two of `colors` as seen with `vision`: their CIEDE2000 difference and indices.
/// `None` for fewer than two colours.
pub(crate) fn min_difference_under(
    colors: &[Color],
    vision: Vision,
) -> Option<(f64, usize, usize)> {
    let labs: Vec<[f64; 3]> = colors.iter().map(|&c| lab(c, vision)).collect();
    let mut best: Option<(f64, usize, usize)> = None;
    for i in 0..labs.len() {
        for j in i + 1..labs.len() {
            let d = delta_e(labs[i], labs[j]);
            if best.is_none_or(|b| d < b.0) {
                best = Some((d, i, j));
            }
        }
    }
    best
}

/// The closest two of `colors` under any [`Vision`]: difference, vision, indices.
pub(crate) fn min_difference(colors: &[Color]) -> Option<(f64, Vision, usize, usize)> {
    Vision::ALL
        .iter()
        .filter_map(|&v| min_difference_under(colors, v).map(|(d, a, b)| (d, v, a, b)))
        .min_by(|x, y| x.0.total_cmp(&y.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::color::rgb;

    #[test]
    fn ciede2000_matches_sharma_test_data() {
        // Pairs 1, 7, 13 and 25 of Sharma, Wu and Dalal (2005), table 1.
        let cases = [
            ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
            ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
            ([50.0, 2.49, -0.001], [50.0, -2.49, 0.0011], 7.2195),
            (
                [60.2574, -34.0099, 36.2677],
                [60.4626, -34.1751, 39.4387],
                1.2644,
            ),
        ];
        for (a, b, want) in cases {
            let got = delta_e(a, b);
            assert!((got - want).abs() < 1e-4, "{a:?} {b:?}: {got} != {want}");
        }
    }

    #[test]
    fn simulation_keeps_greys_and_merges_red_and_green_for_deuteranopes() {
        let grey = rgb(0x777777);
        for v in Vision::ALL {
            let d = delta_e(lab(grey, Vision::Normal), lab(grey, v));
            assert!(d < 0.5, "{v:?} moves a grey by {d}");
        }
        let (red, green) = (rgb(0xcc3333), rgb(0x669900));
        let normal = delta_e(lab(red, Vision::Normal), lab(green, Vision::Normal));
        let deut = delta_e(
            lab(red, Vision::Deuteranopia),
            lab(green, Vision::Deuteranopia),
        );
        assert!(deut < normal / 2.0, "{normal} vs {deut}");
    }
}
