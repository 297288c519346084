//! Colours as theme data: `#rrggbb` values, and WCAG 2.x contrast (relative luminance), the
//! measure a theme file is checked with. (The colour-difference measures the built-in themes are
//! tested with are in `vision.rs`, a test module.) Uses nothing else in the crate.

use serde::{Serialize, Serializer};
use std::fmt;

/// An opaque sRGB colour. Written to CSS as `#rrggbb` (lowercase), so a theme's stylesheet is
/// the same bytes whether its colours came from Rust or from a theme file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Color {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

/// Shorthand for a colour written as `0xrrggbb` in Rust (the built-in themes).
pub const fn rgb(hex: u32) -> Color {
    Color {
        r: (hex >> 16) as u8,
        g: (hex >> 8) as u8,
        b: hex as u8,
    }
}

impl Color {
    /// This colour laid over `under` at opacity `alpha` (0..1), blended in sRGB as viewers
    /// composite `fill-opacity`, each channel rounded.
    pub fn over(self, under: Color, alpha: f64) -> Color {
        let mix =
            |c: u8, u: u8| (f64::from(u) * (1.0 - alpha) + f64::from(c) * alpha).round() as u8;
        Color {
            r: mix(self.r, under.r),
            g: mix(self.g, under.g),
            b: mix(self.b, under.b),
        }
    }

    /// Reads `#rgb` or `#rrggbb` (any case). Anything else (names, `rgb()`, alpha) is refused
    /// with the reason: colours must be exact and opaque for the contrast checks to mean anything.
    pub fn parse(s: &str) -> Result<Color, &'static str> {
        let Some(hex) = s.strip_prefix('#') else {
            return Err("a colour is written `#rrggbb` (or `#rgb`)");
        };
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("`#` must be followed by hexadecimal digits (0-9, a-f)");
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).unwrap_or(0);
        match hex.len() {
            3 => Ok(Color {
                r: digit(0) * 17,
                g: digit(1) * 17,
                b: digit(2) * 17,
            }),
            6 => Ok(Color {
                r: digit(0) * 16 + digit(1),
                g: digit(2) * 16 + digit(3),
                b: digit(4) * 16 + digit(5),
            }),
            4 | 8 => Err("colours are opaque: no alpha digits"),
            _ => Err("a colour has 3 or 6 hexadecimal digits after `#`"),
        }
    }

    /// The channels as linear-light values in 0..=1 (the sRGB transfer function undone).
    pub fn linear(self) -> [f64; 3] {
        [self.r, self.g, self.b].map(|c| to_linear(f64::from(c) / 255.0))
    }

    /// WCAG 2.x relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        luminance(self.linear())
    }

    /// WCAG 2.x contrast ratio with `other`, 1 to 21 (symmetric).
    pub fn contrast(self, other: Color) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// True when the colour has no hue (r = g = b): it prints the same in greyscale.
    pub fn is_grey(self) -> bool {
        self.r == self.g && self.g == self.b
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

impl Serialize for Color {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn to_linear(c: f64) -> f64 {
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn luminance([r, g, b]: [f64; 3]) -> f64 {
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_short_and_long_hex_and_refuses_the_rest() {
        assert_eq!(Color::parse("#1F6feb"), Ok(rgb(0x1f6feb)));
        assert_eq!(Color::parse("#fff"), Ok(rgb(0xffffff)));
        assert_eq!(rgb(0x0a0b0c).to_string(), "#0a0b0c");
        for bad in [
            "1f6feb",
            "#12",
            "#12345",
            "#1234",
            "#12345678",
            "#ggg",
            "red",
            "#ſſſ",
            "",
        ] {
            assert!(Color::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn wcag_contrast_matches_known_values() {
        let (black, white) = (rgb(0x000000), rgb(0xffffff));
        assert!((black.contrast(white) - 21.0).abs() < 1e-9);
        assert!((white.contrast(white) - 1.0).abs() < 1e-9);
        // #767676 is the lightest grey with 4.5:1 on white (a well-known reference value).
        let c = rgb(0x767676).contrast(white);
        assert!((4.5..4.6).contains(&c), "{c}");
        assert!(rgb(0x777777).contrast(white) < 4.5);
    }
}
