//! Diagnostics: one type for every problem found in a blueprint (`Diagnostic`: severity, stable
//! code, message, a primary labelled span, other labels, a hint), the list that stages return
//! (`Diagnostics`), and the three printed forms: miette's graphical report, JSON and GitHub
//! Actions annotations. User text quoted in messages, and source lines shown in snippets, have
//! control and bidi characters escaped, so a file cannot drive the terminal. Uses span.

use crate::span::{Source, Span};
use serde::Serialize;
use std::fmt::Write as _;

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

    /// True when any is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Orders by position (stable, so equal positions keep the order they were found in).
    pub fn sort(&mut self) {
        self.0
            .sort_by_key(|d| (d.label.span.start, d.label.span.end));
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
        push_escaped(&mut out, c);
    }
    out.push('`');
    out
}

/// True for characters that must never reach a terminal raw: C0 and C1 controls (except tab,
/// newline, carriage return), DEL, bidi embeddings, overrides, isolates and marks, zero-width
/// characters and the BOM.
pub fn is_unsafe_char(c: char) -> bool {
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

/// `text` with every unsafe character escaped, and a map from old byte offsets to new ones.
struct Sanitized {
    text: String,
    /// (original offset, new offset) at each escaped character, ascending.
    shifts: Vec<(usize, usize)>,
}

impl Sanitized {
    fn new(text: &str) -> Sanitized {
        let mut out = String::with_capacity(text.len());
        let mut shifts = Vec::new();
        for (i, c) in text.char_indices() {
            if is_unsafe_char(c) && !(i == 0 && c == '\u{feff}') {
                shifts.push((i, out.len()));
                push_escaped(&mut out, c);
                shifts.push((i + c.len_utf8(), out.len()));
            } else if i == 0 && c == '\u{feff}' {
                // Keep the BOM's bytes out of the snippet, but keep offsets aligned.
                shifts.push((i, out.len()));
                shifts.push((3, out.len()));
            } else {
                out.push(c);
            }
        }
        Sanitized { text: out, shifts }
    }

    fn map(&self, offset: usize) -> usize {
        match self.shifts.partition_point(|&(o, _)| o <= offset) {
            0 => offset,
            n => {
                let (o, m) = self.shifts[n - 1];
                m + (offset - o)
            }
        }
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
    let clean = Sanitized::new(source.text());
    let theme = match style {
        Style::Color => GraphicalTheme::unicode(),
        Style::Plain => GraphicalTheme::unicode_nocolor(),
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for d in &diags.0 {
        let span = |s: Span| {
            let a = clean.map(s.start as usize);
            let b = clean.map(s.end as usize).max(a);
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
        let report = miette::Report::new(md)
            .with_source_code(miette::NamedSource::new(source.name(), clean.text.clone()));
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
        assert_eq!(quote("tab\there"), "`tab\there`");
    }

    #[test]
    fn sanitized_offsets_follow_escapes() {
        let s = Sanitized::new("ab\u{1b}cd");
        assert_eq!(s.text, "ab\\u{1b}cd");
        assert_eq!(s.map(0), 0);
        assert_eq!(s.map(2), 2);
        assert_eq!(s.map(3), 8);
        assert_eq!(&s.text[s.map(3)..], "cd");
    }

    #[test]
    fn github_escapes_newlines_and_separators() {
        assert_eq!(gh_data("50%\nx"), "50%25%0Ax");
        assert_eq!(gh_property("a:b,c"), "a%3Ab%2Cc");
    }
}
