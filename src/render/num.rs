//! The number format of the SVG: every coordinate and size goes out through [`fmt_num`], at
//! most two decimals, trailing zeros trimmed, never `-0`, never an exponent or NaN (one number
//! format, style.md §7). Outline path data is kept in whole hundredths of a px ([`hundredths`])
//! and written the same way. Uses nothing else in the crate.

use arrayvec::ArrayString;

/// `x` with at most two decimals, trailing zeros trimmed, never `-0`, never an exponent; a value
/// that is not finite (which layout never produces) is written as `0` so the SVG stays valid.
/// On the stack: this runs for every coordinate of the document.
pub(crate) fn fmt_num(x: f64) -> Num {
    if !x.is_finite() {
        return Num::hundredths(0);
    }
    // Beyond 1e12 the scaled value would lose its integer digits; such sizes have no fraction
    // worth keeping anyway.
    if x.abs() >= 1e12 {
        let s = format!("{:.0}", x.round());
        return Num(Digits::Long(if s == "-0" { "0".to_string() } else { s }));
    }
    // Hundredths as an integer (exact below 1e14), written without float formatting.
    Num::hundredths(round(x * 100.0))
}

/// `y` rounded half away from zero, as `y.round() as i64`, for `|y|` below 2^53: the cast
/// truncates, and what it cut off is exact, so its comparison with a half decides. `round` is
/// a library call on x86-64 without SSE4.1 (a tenth of each number's cost).
fn round(y: f64) -> i64 {
    let t = y as i64;
    let cut = y - t as f64;
    if cut >= 0.5 {
        t + 1
    } else if cut <= -0.5 {
        t - 1
    } else {
        t
    }
}

/// A number as [`fmt_num`] writes it: inline for every size a layout makes. Read it as a
/// `&str` (it derefs to one) or through `Display`.
#[derive(Clone, Debug)]
pub(crate) struct Num(Digits);

#[derive(Clone, Debug)]
enum Digits {
    /// Up to 23 bytes: any `i64` count of hundredths. Kept as a string (`ArrayString` holds
    /// its UTF-8 proof), so reading it back needs no validation (that was 1 % of a 1000-step
    /// render's instructions).
    Short(ArrayString<24>),
    /// The digits of a number beyond 1e12.
    Long(String),
}

impl Num {
    /// `k` hundredths: the integer part, then `.d` or `.dd` without trailing zeros.
    pub(super) fn hundredths(k: i64) -> Num {
        let a = k.unsigned_abs();
        let (int, frac) = (a / 100, a % 100);
        // At most 17 digits, a sign and `.dd`: always room. The integer part by `itoa`, which
        // hands its digits over as a `str` (one copy, not a push per digit).
        let mut digits = ArrayString::new();
        if k < 0 {
            digits.push('-');
        }
        digits.push_str(itoa::Buffer::new().format(int));
        if frac != 0 {
            digits.push('.');
            digits.push(char::from(b'0' + (frac / 10) as u8));
            if frac % 10 != 0 {
                digits.push(char::from(b'0' + (frac % 10) as u8));
            }
        }
        Num(Digits::Short(digits))
    }

    /// The digits.
    pub(crate) fn as_str(&self) -> &str {
        match &self.0 {
            Digits::Short(s) => s,
            Digits::Long(s) => s,
        }
    }
}

impl std::ops::Deref for Num {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl PartialEq<&str> for Num {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Num {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Num> for str {
    fn eq(&self, other: &Num) -> bool {
        self == other.as_str()
    }
}

/// The number [`fmt_num`] writes for `x`, as a reader parses it back (`fmt_num(x).parse()`),
/// without the formatting and parsing: a count of hundredths divided by 100 is the double
/// nearest that decimal, which is what parsing its digits gives, since both round correctly.
pub(super) fn written(x: f64) -> f64 {
    if x.is_finite() && x.abs() >= 1e12 {
        x.round()
    } else {
        hundredths(x) as f64 / 100.0
    }
}

/// `x` in hundredths, rounded (the precision of every number in the SVG).
pub(super) fn hundredths(x: f64) -> i64 {
    if x.is_finite() && x.abs() < 1e12 {
        round(x * 100.0)
    } else if x.is_finite() {
        (x * 100.0).round() as i64
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_is_the_number_fmt_num_writes_read_back() {
        let mut xs = vec![
            0.0,
            -0.0,
            0.005,
            -0.005,
            0.015,
            1.005,
            -1.005,
            2.675,
            0.125,
            -0.125,
            1e12,
            -1e12,
            1e12 - 0.5,
            123456789.125,
            -98765.4321,
            1e15,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            5e-3,
            4.999999e-3,
        ];
        // And a spread of values (a fixed linear congruential sequence) at every magnitude a
        // layout makes and beyond.
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let unit = (seed >> 11) as f64 / (1u64 << 53) as f64;
            let scale = 10f64.powi((seed % 15) as i32 - 2);
            xs.push((unit - 0.5) * scale);
            xs.push(((unit * 1e6).round() / 200.0) * if seed & 1 == 0 { 1.0 } else { -1.0 });
        }
        for x in xs {
            let parsed: f64 = fmt_num(x).parse().expect("a number");
            assert_eq!(written(x).to_bits(), parsed.to_bits(), "{x:e}");
        }
    }

    #[test]
    fn round_is_f64_round_below_the_limit() {
        let mut ys = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            -1.5,
            2.5,
            -2.5,
            0.49999999999999994,
        ];
        ys.extend([
            -0.49999999999999994,
            4503599627370495.5,
            -4503599627370495.5,
        ]);
        ys.extend([1e14 - 0.5, -1e14 + 0.5, 99999999999999.99]);
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..100_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let unit = (seed >> 11) as f64 / (1u64 << 53) as f64;
            let y = (unit - 0.5) * 10f64.powi((seed % 17) as i32 - 2);
            // Halves exactly, and their neighbours.
            let half = ((unit * 1e9).floor() + 0.5) * if seed & 2 == 0 { 1.0 } else { -1.0 };
            ys.extend([y, half, half.next_up(), half.next_down()]);
        }
        for y in ys {
            assert_eq!(round(y), y.round() as i64, "{y:e}");
        }
    }
}
