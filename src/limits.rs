//! Every cap on input size, count, depth and work, in one place. `docs/security.md` lists the
//! same names with their diagnostics. Each has one check and a test on both sides of it.
//! Uses nothing else in the crate.

/// Largest blueprint read, in bytes. Over it: `input-too-large`, nothing parsed.
pub const MAX_INPUT_BYTES: usize = 8 << 20;
/// Deepest nesting of YAML collections. Over it: `limit-exceeded` (YAML budget).
/// A blueprint needs 5 levels; 64 leaves room for anchors and odd styles.
pub const MAX_DEPTH: usize = 64;
/// Most YAML nodes, counted after alias expansion. Over it: `limit-exceeded`.
/// A 10,000-step blueprint with five lanes and a flow per step uses about 250,000.
pub const MAX_NODES: usize = 500_000;
/// Most alias uses (`*name`) in a file. Over it: `limit-exceeded`.
pub const MAX_ALIASES: usize = 10_000;
/// Most events replayed from aliases in total. Over it: `limit-exceeded`. This is what refuses
/// a linear alias fan-out (a small file that names one big anchor many times).
pub const MAX_ALIAS_REPLAY: usize = 200_000;
/// Most bytes of scalar text in the whole file, counted after alias expansion. Over it:
/// `limit-exceeded`. Bounds the text layout must measure and wrap: a short file that repeats one
/// long text through thousands of aliases is refused while parsing.
pub const MAX_TOTAL_TEXT_BYTES: usize = 4 << 20;
/// Most steps (columns). Over it: `limit-exceeded`.
pub const MAX_STEPS: usize = 20_000;
/// Most lanes. Over it: `limit-exceeded`.
pub const MAX_LANES: usize = 64;
/// Most items in the whole blueprint. Over it: `limit-exceeded`.
pub const MAX_ITEMS: usize = 200_000;
/// Most flows. Over it: `limit-exceeded`.
pub const MAX_FLOWS: usize = 50_000;
/// Most characters in one text value (title, label, item text, ...). Over it: `limit-exceeded`.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Keys of one item's `meta` (format 1.1): metadata for tools, not drawn.
pub const MAX_META_KEYS: usize = 32;
/// Most did-you-mean comparisons per file: past it, unknown names get no suggestion, so thousands
/// of bad references against thousands of ids stay near-linear.
pub const MAX_SUGGESTION_WORK: usize = 2_000_000;
/// Most work spent placing flow labels in one blueprint, in (candidate height × line compared)
/// units. Past it, each remaining label sits at the middle of its run instead of at the best
/// free height: still readable, never overlapping another label, but maybe crossed by a line.
/// Only hundreds of labelled flows through one gutter come near it; normal blueprints use a few
/// thousand units.
pub const MAX_LABEL_SEARCH_WORK: usize = 50_000_000;
/// Most diagnostics reported for one file; the rest are counted in one closing note.
pub const MAX_DIAGNOSTICS: usize = 10_000;
/// Most pixels in one PNG (width × height at the chosen scale): 100 megapixels, 400 MB as RGBA.
/// Over it: a clear error naming the size, instead of an allocation failure. Hotel at the
/// default scale 2 is about 12.6 megapixels.
pub const MAX_RASTER_PIXELS: usize = 100_000_000;
