//! Diagnostics: one type for every problem found in a blueprint (`Diagnostic`: severity, stable
//! code, message, a primary labelled span, other labels, a hint), the list that stages return
//! (`Diagnostics`), and the three printed forms: miette's graphical report, JSON and GitHub
//! Actions annotations. User text quoted in messages, and source lines shown in snippets, have
//! control and bidi characters escaped, so a file cannot drive the terminal. Uses span, limits.

use crate::limits;
use crate::span::{Source, Span};
use serde::Serialize;
use std::fmt::Write as _;

/// Every diagnostic code, each documented in `docs/diagnostics.md` (a test checks both ways).
pub const CODES: &[&str] = &[
    "not-utf8",
    "input-too-large",
    "yaml-syntax",
    "multiple-documents",
    "limit-exceeded",
    "missing-key",
    "unknown-key",
    "duplicate-key",
    "wrong-type",
    "empty-list",
    "empty-text",
    "unsupported-version",
    "needs-version",
    "not-yet-supported",
    "unknown-impact",
    "unknown-mark",
    "duplicate-mark",
    "branch-without-branches",
    "span-backwards",
    "span-single-step",
    "unknown-status",
    "observed-without-source",
    "invalid-meta-key",
    "unknown-kind",
    "invalid-map",
    "unused-tag",
    "shadowed-step-field",
    "unused-variant",
    "flow-across-variants",
    "invalid-id",
    "unknown-touchpoint",
    "emotion-out-of-range",
    "ambiguous-emotion",
    "reserved-curve-id",
    "loop-forward",
    "loop-label-without-loop",
    "unknown-style",
    "invalid-link",
    "unknown-zone",
    "missing-zone",
    "reserved-lane-id",
    "duplicate-id",
    "unknown-ref",
    "ambiguous-ref",
    "index-out-of-range",
    "self-flow",
    "phase-not-consecutive",
    "empty-step",
    "invalid-character",
    "combining-marks",
    "cut-unknown-step",
    "cut-step-out-of-range",
    "cut-unknown-phase",
    "cut-unknown-lane",
    "cut-unknown-variant",
    "cut-empty",
    "cut-steps-left-out",
    "unknown-theme",
    "invalid-color",
    "font-size-out-of-range",
    "low-contrast",
];

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file is still valid.
    Warning,
    /// The file is invalid.
    Error,
}

/// A span with the words that say what is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What (may be empty).
    pub text: String,
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable kebab-case name (`unknown-key`), printed as `blueprint::unknown-key`. The wording
    /// of the message may change; the code may not. `docs/diagnostics.md` lists them all.
    pub code: &'static str,
    /// One sentence saying what is wrong.
    pub message: String,
    /// The primary place.
    pub label: Label,
    /// Other places involved (the first of two duplicates, ...).
    pub others: Vec<Label>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error with `code` and `message`, labelled at the start of the file until
    /// [`Diagnostic::with_label`] places it.
    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        debug_assert!(
            CODES.contains(&code) || cfg!(test),
            "diagnostic code {code} is not in diag::CODES"
        );
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            label: Label {
                span: Span::default(),
                text: String::new(),
            },
            others: Vec::new(),
            help: None,
        }
    }

    /// A warning with `code` and `message`.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Sets the primary label.
    pub fn with_label(mut self, span: Span, text: impl Into<String>) -> Diagnostic {
        self.label = Label {
            span,
            text: text.into(),
        };
        self
    }

    /// Adds a secondary label.
    pub fn with_other(mut self, span: Span, text: impl Into<String>) -> Diagnostic {
        self.others.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    /// Sets the hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The code as printed: `blueprint::CODE`.
    pub fn full_code(&self) -> String {
        format!("blueprint::{}", self.code)
    }
}

/// The diagnostics of one stage, in source order once [`Diagnostics::sort`] ran.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// A list of one.
    pub fn one(d: Diagnostic) -> Diagnostics {
        Diagnostics(vec![d])
    }

    /// Adds `d`.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds `d` to a list that will be sorted and [`Diagnostics::cap`]ped: when the list reaches
    /// twice the cap it is sorted and capped now, so a file with a million problems holds at
    /// most that many at once, and the ones kept are still the first in the file.
    pub fn push_bounded(&mut self, d: Diagnostic) {
        self.0.push(d);
        if self.0.len() >= 2 * limits::MAX_DIAGNOSTICS {
            self.sort();
            self.cap();
        }
    }

    /// True when any is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Orders by position (stable, so equal positions keep the order they were found in).
    pub fn sort(&mut self) {
        self.0
            .sort_by_key(|d| (d.label.span.start, d.label.span.end));
    }

    /// Keeps the first [`limits::MAX_DIAGNOSTICS`] and ends the list with one `limit-exceeded`
    /// note counting the rest. The one cap for every input kind (blueprint, theme file, cut):
    /// sort first, so the ones kept come first in the file. Capping a list again (a cut's
    /// errors added to a blueprint's warnings) merges the earlier notes into the new one, so the
    /// count stays right and there is one note.
    pub fn cap(&mut self) {
        let mut dropped = 0;
        self.0.retain(|d| match cap_note_count(d) {
            Some(n) => {
                dropped += n;
                false
            }
            None => true,
        });
        if self.0.len() > limits::MAX_DIAGNOSTICS {
            dropped += self.0.len() - limits::MAX_DIAGNOSTICS;
            self.0.truncate(limits::MAX_DIAGNOSTICS);
        }
        if dropped == 0 {
            return;
        }
        // Placed at the last problem shown, so it reads as where the report stops.
        let last = self.0.last().map_or(Span::default(), |d| d.label.span);
        self.push(
            Diagnostic::error(
                "limit-exceeded",
                format!("{dropped} {CAP_NOTE} = {})", limits::MAX_DIAGNOSTICS),
            )
            .with_label(last, "the report stops after this one")
            .with_help("fix these first; the rest are reported on the next run"),
        );
    }

    /// The number of errors and of warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        (errors, self.0.len() - errors)
    }
}

/// The words after the count in the note [`Diagnostics::cap`] adds.
const CAP_NOTE: &str = "more problems not shown (MAX_DIAGNOSTICS";

/// The count of problems left out that `d` stands for, when it is a note of
/// [`Diagnostics::cap`].
fn cap_note_count(d: &Diagnostic) -> Option<usize> {
    if d.code != "limit-exceeded" {
        return None;
    }
    let (count, rest) = d.message.split_once(' ')?;
    rest.starts_with(CAP_NOTE)
        .then(|| count.parse().ok())
        .flatten()
}

/// A value with the warnings found while making it.
#[derive(Clone, Debug)]
pub struct Checked<T> {
    /// The value.
    pub value: T,
    /// Warnings (never errors).
    pub warnings: Diagnostics,
}

/// Quotes user text for a message: in backticks, with control, bidi and other invisible
/// format characters written as `\u{..}` escapes, and cut at 80 characters.
pub fn quote(text: &str) -> String {
    let mut out = String::from("`");
    for (i, c) in text.chars().enumerate() {
        if i == 80 {
            out.push('…');
            break;
        }
        push_line_escaped(&mut out, c);
    }
    out.push('`');
    out
}

/// `text` made safe for one line of terminal output: unsafe characters and line breaks and
/// tabs escaped (file names, paths, messages printed outside a snippet).
pub fn escape_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_line_escaped(&mut out, c);
    }
    out
}

/// Like [`push_escaped`], and line breaks and tabs too: quoted text must stay on its line, or
/// a value could forge a log line (`\n::error::…` in a CI log).
fn push_line_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{2028}' | '\u{2029}' | '\u{85}' => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => push_escaped(out, c),
    }
}

/// True for characters that must never reach a terminal raw: C0 and C1 controls (except tab,
/// newline, carriage return), DEL, bidi embeddings, overrides, isolates and marks, zero-width
/// characters and the BOM.
fn is_unsafe_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}'
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

fn push_escaped(out: &mut String, c: char) {
    if is_unsafe_char(c) {
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
    } else {
        out.push(c);
    }
}

/// Characters of a long source line kept around a label, each side.
const CROP_CONTEXT: usize = 40;
/// Source lines longer than this (in characters) are cropped around their labels.
const CROP_LINES_OVER: usize = 160;

/// The few source lines one diagnostic shows, made safe to print: unsafe characters escaped,
/// long lines cropped around the labels, and a map from source offsets to window offsets.
/// Building it costs the size of the window, not of the file, so thousands of diagnostics on
/// a big file stay cheap.
struct Window {
    name: String,
    text: String,
    /// 0-based source line of the window's first line.
    first_line: usize,
    /// (source offset, window offset) anchors, ascending; between two anchors offsets move
    /// together, clamped at the next anchor (a cropped stretch maps to its ellipsis).
    anchors: Vec<(usize, usize)>,
    /// (window offset, 0-based column in the source line) of each label's start: the header's
    /// `line:column` counts from the real line start, not from a crop or past an escape.
    columns: Vec<(usize, usize)>,
}

impl Window {
    fn new(source: &Source, spans: &[Span]) -> Window {
        let lines: Vec<usize> = spans
            .iter()
            .flat_map(|s| [s.start, s.end])
            .map(|o| source.line_col(o).0)
            .collect();
        let first = lines
            .iter()
            .copied()
            .min()
            .unwrap_or(1)
            .saturating_sub(1)
            .max(1);
        let last = lines.iter().copied().max().unwrap_or(1) + 1;
        let mut text = String::new();
        let mut anchors = Vec::new();
        let full = source.text();
        for line in first..=last {
            let start = source.offset_of(line, 1);
            if start >= full.len() && line > first {
                break;
            }
            let body = source.line_text(line);
            let body_start = start.min(full.len());
            // Offsets of labels on this line, relative to the line.
            let marks: Vec<usize> = spans
                .iter()
                .flat_map(|s| [s.start as usize, s.end as usize])
                .filter(|&o| o >= body_start && o <= body_start + body.len())
                .map(|o| o - body_start)
                .collect();
            let (keep_from, keep_to) = crop_range(body, &marks);
            anchors.push((body_start, text.len()));
            if keep_from > 0 {
                text.push('…');
                anchors.push((body_start + keep_from, text.len()));
            }
            for (i, c) in body[keep_from..keep_to].char_indices() {
                let at = body_start + keep_from + i;
                if is_unsafe_char(c) {
                    anchors.push((at, text.len()));
                    push_escaped(&mut text, c);
                    anchors.push((at + c.len_utf8(), text.len()));
                } else {
                    text.push(c);
                }
            }
            if keep_to < body.len() {
                anchors.push((body_start + keep_to, text.len()));
                text.push('…');
            }
            anchors.push((body_start + body.len(), text.len()));
            text.push('\n');
        }
        let mut window = Window {
            name: source.name().to_string(),
            text,
            first_line: first - 1,
            anchors,
            columns: Vec::new(),
        };
        window.columns = spans
            .iter()
            .map(|s| {
                let column = source.line_col(s.start).1.saturating_sub(1);
                (window.map(s.start as usize), column)
            })
            .collect();
        window
    }

    fn map(&self, offset: usize) -> usize {
        match self.anchors.partition_point(|&(o, _)| o <= offset) {
            0 => 0,
            n => {
                let (o, m) = self.anchors[n - 1];
                let moved = m + (offset - o);
                match self.anchors.get(n) {
                    Some(&(_, next)) => moved.min(next),
                    None => moved.min(self.text.len()),
                }
            }
        }
    }
}

/// The byte range of `line` to show: all of it when short, else the stretch around `marks`.
fn crop_range(line: &str, marks: &[usize]) -> (usize, usize) {
    if line.chars().count() <= CROP_LINES_OVER {
        return (0, line.len());
    }
    let lo = marks.iter().copied().min().unwrap_or(0);
    let hi = marks.iter().copied().max().unwrap_or(0);
    let back = |mut at: usize, n: usize| {
        for _ in 0..n {
            if at == 0 {
                break;
            }
            at -= 1;
            while !line.is_char_boundary(at) {
                at -= 1;
            }
        }
        at
    };
    let fwd = |mut at: usize, n: usize| {
        for _ in 0..n {
            if at >= line.len() {
                break;
            }
            at += 1;
            while !line.is_char_boundary(at) {
                at += 1;
            }
        }
        at.min(line.len())
    };
    let from = back(lo.min(line.len()), CROP_CONTEXT);
    let to = fwd(hi.min(line.len()), CROP_CONTEXT).min(fwd(from, CROP_LINES_OVER * 2));
    (from, to)
}

impl miette::SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = self.text.as_str().read_span(span, before, after)?;
        // A label read alone is the header's `line:column`: the column in the source line.
        let column = match (before, after) {
            (0, 0) => self
                .columns
                .iter()
                .find(|&&(at, _)| at == span.offset())
                .map_or(inner.column(), |&(_, c)| c),
            _ => inner.column(),
        };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count(),
        )))
    }
}

/// How the human-readable report is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Colours and Unicode boxes (a terminal without `NO_COLOR`).
    Color,
    /// Unicode boxes, no colour (pipes, files, CI logs, `NO_COLOR`).
    Plain,
}

/// Renders `diags` of `source` as miette's graphical report, one after another.
pub fn render_human(source: &Source, diags: &Diagnostics, style: Style) -> String {
    use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic};
    let theme = match style {
        Style::Color => GraphicalTheme::unicode(),
        Style::Plain => GraphicalTheme::unicode_nocolor(),
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for d in &diags.0 {
        let spans: Vec<Span> = std::iter::once(d.label.span)
            .chain(d.others.iter().map(|o| o.span))
            .collect();
        let window = Window::new(source, &spans);
        let span = |s: Span| {
            let a = window.map(s.start as usize);
            let b = window.map(s.end as usize).max(a);
            (a, b - a)
        };
        let text = |t: &str| (!t.is_empty()).then(|| t.to_string());
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            text(&d.label.text),
            span(d.label.span),
        )];
        for o in &d.others {
            labels.push(LabeledSpan::new_with_span(text(&o.text), span(o.span)));
        }
        let mut md = MietteDiagnostic::new(d.message.clone())
            .with_code(d.full_code())
            .with_severity(match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
            })
            .with_labels(labels);
        if let Some(h) = &d.help {
            md = md.with_help(h.clone());
        }
        let report = miette::Report::new(md).with_source_code(window);
        let _ = handler.render_report(&mut out, report.as_ref());
        out.push('\n');
    }
    out
}

/// Where a span is, 1-based, for JSON and GitHub output.
#[derive(Serialize)]
struct Place {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

fn place(source: &Source, span: Span) -> Place {
    let (line, column) = source.line_col(span.start);
    let (end_line, end_column) = source.line_col(span.end);
    Place {
        line,
        column,
        end_line,
        end_column,
    }
}

#[derive(Serialize)]
struct JsonLabel {
    #[serde(flatten)]
    place: Place,
    text: String,
    primary: bool,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    severity: Severity,
    code: String,
    message: &'a str,
    #[serde(flatten)]
    place: Place,
    labels: Vec<JsonLabel>,
    help: Option<&'a str>,
}

/// The diagnostics of one file as JSON values (the CLI wraps all files in one document).
pub fn to_json(source: &Source, diags: &Diagnostics) -> Vec<serde_json::Value> {
    diags
        .0
        .iter()
        .map(|d| {
            let mut labels = vec![JsonLabel {
                place: place(source, d.label.span),
                text: d.label.text.clone(),
                primary: true,
            }];
            labels.extend(d.others.iter().map(|o| JsonLabel {
                place: place(source, o.span),
                text: o.text.clone(),
                primary: false,
            }));
            let j = JsonDiagnostic {
                file: source.name(),
                severity: d.severity,
                code: d.full_code(),
                message: &d.message,
                place: place(source, d.label.span),
                labels,
                help: d.help.as_deref(),
            };
            serde_json::to_value(j).unwrap_or(serde_json::Value::Null)
        })
        .collect()
}

/// The diagnostics as GitHub Actions workflow commands (`::error file=…,line=…::message`).
pub fn to_github(source: &Source, diags: &Diagnostics) -> String {
    let mut out = String::new();
    for d in &diags.0 {
        let p = place(source, d.label.span);
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(h);
        }
        let _ = writeln!(
            out,
            "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            gh_property(source.name()),
            p.line,
            p.column,
            p.end_line,
            p.end_column,
            gh_property(&d.full_code()),
            gh_data(&message)
        );
    }
    out
}

/// A file that could not be read (`message` says why) as a GitHub Actions annotation on the
/// file: `::error file=…::message`.
pub fn to_github_unreadable(file: &str, message: &str) -> String {
    format!("::error file={}::{}\n", gh_property(file), gh_data(message))
}

/// Escapes workflow-command data: `%`, CR and LF (GitHub's own rule), and unsafe characters.
fn gh_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => push_escaped(&mut out, c),
        }
    }
    out
}

/// Escapes a workflow-command property: as data, plus `:` and `,`.
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_controls_and_bidi() {
        assert_eq!(quote("a\u{1b}[2Jb\u{202e}c"), "`a\\u{1b}[2Jb\\u{202e}c`");
        assert_eq!(quote("tab\there\nnext"), "`tab\\there\\nnext`");
        assert_eq!(escape_line("a\n::error::x"), "a\\n::error::x");
    }

    #[test]
    fn window_escapes_and_crops_but_keeps_line_numbers() {
        let long = format!("x: {}\u{1b}[2J{}\n", "a".repeat(500), "b".repeat(500));
        let src = Source::new("t.yaml", format!("one: 1\ntwo: 2\n{long}four: 4\n"));
        let esc = src.text().find('\u{1b}').unwrap();
        let span = Span::new(esc, esc + 1);
        let w = Window::new(&src, &[span]);
        assert!(!w.text.contains('\u{1b}'));
        assert!(w.text.len() < 300, "{}", w.text.len());
        assert_eq!(w.first_line, 1);
        let at = w.map(esc);
        assert!(w.text[at..].starts_with("\\u{1b}"), "{}", &w.text[at..]);
        let out = render_human(
            &src,
            &Diagnostics::one(Diagnostic::error("x", "m").with_label(span, "here")),
            Style::Plain,
        );
        assert!(out.contains("t.yaml:3:"), "{out}");
        assert!(out.contains(" 3 │ …"), "{out}");
        assert!(!out.contains('\u{1b}'));
    }

    #[test]
    fn cap_keeps_the_first_and_merges_its_notes() {
        let many = |n: usize| {
            Diagnostics(
                (0..n)
                    .map(|i| Diagnostic::error("unknown-key", format!("k{i}")))
                    .collect(),
            )
        };
        let max = limits::MAX_DIAGNOSTICS;
        let mut under = many(max);
        under.cap();
        assert_eq!(under.0.len(), max);
        let mut over = many(max + 7);
        over.cap();
        assert_eq!(over.0.len(), max + 1);
        assert_eq!(over.0[max - 1].message, format!("k{}", max - 1));
        assert!(over.0[max].message.starts_with("7 more problems not shown"));
        // A second cap of the capped list with more added: one note, the counts summed.
        over.0.extend(many(5).0);
        over.cap();
        assert_eq!(over.0.len(), max + 1);
        let note = &over.0[max].message;
        assert!(note.starts_with("12 more problems not shown"), "{note}");
        // Pushed bounded, in any order: never more than twice the cap held, and the same first
        // ones kept, as sorting and capping the whole list keeps.
        let at = |i: usize| {
            let start = (i * 7919) % 50_000;
            Diagnostic::error("unknown-key", format!("k{start}"))
                .with_label(Span::new(start, start + 1), "")
        };
        let mut bounded = Diagnostics::default();
        let mut whole = Diagnostics::default();
        for i in 0..50_000 {
            bounded.push_bounded(at(i));
            assert!(bounded.0.len() < 2 * max);
            whole.push(at(i));
        }
        for list in [&mut bounded, &mut whole] {
            list.sort();
            list.cap();
        }
        assert_eq!(bounded, whole);
    }

    #[test]
    fn github_escapes_newlines_and_separators() {
        assert_eq!(gh_data("50%\nx"), "50%25%0Ax");
        assert_eq!(gh_property("a:b,c"), "a%3Ab%2Cc");
    }
}
