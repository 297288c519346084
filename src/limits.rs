//! Every cap on input size, count, depth and work, in one place. `docs/security.md` lists the
//! same names with their diagnostics. Each has one check and a test on both sides of it.
//! Uses nothing else in the crate.

/// Largest blueprint read, in bytes. Over it: `input-too-large`, nothing parsed.
pub const MAX_INPUT_BYTES: usize = 8 << 20;
/// Deepest nesting of YAML collections. Over it: `limit-exceeded` (YAML budget).
/// A blueprint needs 5 levels; 64 leaves room for anchors and odd styles.
pub const MAX_DEPTH: usize = 64;
/// Most YAML nodes, counted after alias expansion. Over it: `limit-exceeded`.
/// A 10,000-step blueprint with five lanes and a flow per step uses about 250,000; one in
/// format 1.1 with feelings on two curves, fail impacts, tags, owners, insight rows and notes
/// on every step about 600,000 (`bench/gen11.py`).
pub const MAX_NODES: usize = 1_000_000;
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
/// Most combining marks drawn on one grapheme (one base character). Past it the marks are left
/// out of what is measured, wrapped and drawn, with a `combining-marks` warning; the blueprint's
/// text keeps them. Real scripts stack a few (Vietnamese two, Thai three, Tibetan and Indic
/// clusters several); ten thousand on one letter drew a column up through the header and off
/// the image.
pub const MAX_MARKS_PER_GRAPHEME: usize = 8;
/// Most did-you-mean work per input (a blueprint, a theme file, a cut), in characters compared:
/// each candidate looked at costs its length, each edit distance the product of both lengths
/// (its table's cells, 8 bytes each: 80 MB at most). Charged before the work is done; past it,
/// unknown names get no suggestion, so long ids and thousands of bad references or `--steps`
/// ids stay near-linear (a dozen 10,000-character ids, each compared to the other: 0.2 s).
pub const MAX_SUGGESTION_WORK: usize = 10_000_000;
/// Keys of one item's `meta` (format 1.1): metadata for tools, not drawn.
pub const MAX_META_KEYS: usize = 32;
/// Variants a blueprint declares under `variants:` (format 1.1): paths or states of one
/// service, each a badge and a legend entry; a step's or item's variants are held as a set of
/// this many bits.
pub const MAX_VARIANTS: usize = 16;
/// Declared tags (format 1.1 top-level `tags:`): each has a chip colour of its own, and more
/// than a handful of vocabularies on cards stops being read.
pub const MAX_TAGS: usize = 16;
/// Emotion curves of one blueprint (format 1.1 `curves:`): each needs a colour, a dash
/// pattern and a point shape of its own, and more than five lines in one band are unreadable.
pub const MAX_CURVES: usize = 5;
/// Most work spent placing flow labels in one blueprint, in (candidate height × line compared)
/// units. Past it, each remaining label sits at the middle of its run instead of at the best
/// free height: still readable, never overlapping another label, but maybe crossed by a line.
/// Only hundreds of labelled flows through one gutter come near it; normal blueprints use a few
/// thousand units. The routing plan spends as much again, at most, keeping a window on each
/// label's run clear of other flows (stubs scanned and moves tried); past it, runs keep none.
pub const MAX_LABEL_SEARCH_WORK: usize = 50_000_000;
/// Most pairs of overlapping vertical runs the router compares when it orders a blueprint's
/// gutter tracks to cross least. Past it, the remaining gutters get the fewest tracks in any
/// order (still apart, maybe crossing more). Real blueprints compare a few hundred pairs.
pub const MAX_TRACK_ORDER_PAIRS: usize = 1_000_000;
/// Most diagnostics reported for one file; the rest are counted in one closing note.
pub const MAX_DIAGNOSTICS: usize = 10_000;
/// Most pixels in one PNG (width × height at the chosen scale): 100 megapixels, 400 MB as RGBA.
/// Over it: a clear error naming the size, instead of an allocation failure. Hotel at the
/// default scale 2 is about 12.6 megapixels.
pub const MAX_RASTER_PIXELS: usize = 100_000_000;
/// Most bytes of text drawn in one PNG or PDF. resvg and krilla turn every glyph into outlines,
/// about 1 KB of memory per byte of text (1 MB of text: 0.8 GB for a PNG, 1 GB for a PDF), so
/// a 4 MB text-heavy blueprint needed 5 to 6 GB. Over it: an error naming the limit, checked
/// from the layout before the SVG is parsed; SVG output has no such limit.
pub const MAX_RASTER_TEXT_BYTES: usize = 512 * 1024;
/// Most bytes of text drawn as glyph outlines in one SVG (`--text-as-paths`): each glyph is a
/// path of its own, about 250 bytes of SVG per byte of text (1 MB of text made a 263 MB SVG;
/// 4 MB, 1 GB). Over it: an error naming the limit, checked from the layout before the SVG is
/// made; nothing written for that output.
pub const MAX_OUTLINE_TEXT_BYTES: usize = 512 * 1024;
/// Most figures one `--split-phases` writes for one blueprint (one file per phase). Each file
/// is written beside its target, synced and renamed, some milliseconds apiece: 2,000 phases
/// took 4 s, 20,000 took minutes (memory stays flat, one figure at a time). Over it: an error
/// naming the limit before any figure is drawn, nothing written.
pub const MAX_SPLIT_FIGURES: usize = 2_000;
