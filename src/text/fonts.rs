//! The bundled fonts: Inter 4.001 Regular and Bold (static instances from the npm package
//! `@expo-google-fonts/inter` 0.4.2, OFL-1.1, in `assets/`), the [`Weight`] and [`FontKey`] that
//! name them, and their faces as the shaper reads them, parsed once per process.
//! Uses nothing else in the crate.

use rustybuzz::Face;
use std::sync::OnceLock;

/// Inter Regular 4.001, static instance (from `@expo-google-fonts/inter` 0.4.2).
pub(crate) static REGULAR_TTF: &[u8] = include_bytes!("../../assets/Inter-Regular.ttf");

/// Inter Bold 4.001, static instance (from `@expo-google-fonts/inter` 0.4.2).
pub(crate) static BOLD_TTF: &[u8] = include_bytes!("../../assets/Inter-Bold.ttf");

/// Font weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Weight {
    /// Inter Regular.
    Regular,
    /// Inter Bold.
    Bold,
}

/// Which font a run of text is shaped with (part of the shaping-plan cache key), and so the
/// font a [`PlacedGlyph`](super::PlacedGlyph) is drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum FontKey {
    /// Inter Regular.
    Regular,
    /// Inter Bold.
    Bold,
    /// The fallback font of [`Measure::with_fallback`](super::Measure::with_fallback).
    Fallback,
}

/// The two bundled faces as the shaper needs them, parsed on first use and kept for the life
/// of the process. Building them (rustybuzz reads the layout tables) costs about 0.05 ms;
/// plain text needs only [`light`].
pub(super) struct Inter {
    pub(super) regular: Face<'static>,
    pub(super) bold: Face<'static>,
}

impl Inter {
    pub(super) fn face(&self, weight: Weight) -> &Face<'static> {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

pub(super) fn inter() -> &'static Inter {
    static INTER: OnceLock<Inter> = OnceLock::new();
    INTER.get_or_init(|| Inter {
        // The bytes are compiled in and a test parses them, so failure here is a build defect,
        // not something any input can cause.
        regular: Face::from_slice(REGULAR_TTF, 0).expect("bundled Inter-Regular.ttf parses"),
        bold: Face::from_slice(BOLD_TTF, 0).expect("bundled Inter-Bold.ttf parses"),
    })
}
