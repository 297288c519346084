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
    Num::hundredths((x * 100.0).round() as i64)
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

/// `x` in hundredths, rounded (the precision of every number in the SVG).
pub(super) fn hundredths(x: f64) -> i64 {
    if x.is_finite() {
        (x * 100.0).round() as i64
    } else {
        0
    }
}
