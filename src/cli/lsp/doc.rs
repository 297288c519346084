//! One open document: its text and version, its line index, and its outline (read when first
//! asked for after a change, and the last one read kept for completion while the text is not
//! YAML); and the diagnostics of `check` in LSP's terms.

use super::lines::Lines;
use super::navigate::View;
use blueprint::diag::{Diagnostics, Severity};
use blueprint::outline::Outline;
use blueprint::span::Source;
use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    TextDocumentContentChangeEvent, Uri,
};

/// An open document.
pub struct Doc {
    pub text: String,
    pub version: i32,
    pub lines: Lines,
    /// The outline of `text`: `None` not read yet, `Some(None)` not YAML.
    current: Option<Option<Outline>>,
    /// The latest outline read, of this text or an earlier one.
    last: Option<Outline>,
}

impl Doc {
    pub fn new(text: String, version: i32) -> Doc {
        Doc {
            lines: Lines::new(&text),
            text,
            version,
            current: None,
            last: None,
        }
    }

    /// Applies an editor's changes, in order: each replaces a range (positions in UTF-16, as
    /// the text was after the changes before it) or, with no range, the whole text.
    pub fn change(&mut self, changes: Vec<TextDocumentContentChangeEvent>, version: i32) {
        for c in changes {
            match c.range {
                None => self.text = c.text,
                Some(r) => {
                    let start = self.lines.offset(&self.text, r.start);
                    let end = self.lines.offset(&self.text, r.end).max(start);
                    self.text.replace_range(start..end, &c.text);
                }
            }
            self.lines = Lines::new(&self.text);
        }
        self.version = version;
        self.current = None;
    }

    /// The outline of the current text, `None` when it is not YAML (spans of an earlier text
    /// would point at the wrong places).
    pub fn outline(&mut self) -> Option<&Outline> {
        if self.current.is_none() {
            let read = Outline::of(&Source::new("", self.text.as_str())).ok();
            if let Some(o) = &read {
                self.last = Some(o.clone());
            }
            self.current = Some(read);
        }
        self.current.as_ref().and_then(Option::as_ref)
    }

    /// The document as navigation reads it, when its current text is YAML.
    pub fn view<'d>(&'d mut self, uri: &'d Uri) -> Option<View<'d>> {
        self.outline();
        let outline = self.current.as_ref()?.as_ref()?;
        Some(View {
            uri,
            text: &self.text,
            lines: &self.lines,
            outline,
        })
    }

    /// The latest outline read, for completion: ids stay useful when the text is mid-edit.
    pub fn any_outline(&mut self) -> Option<&Outline> {
        self.outline();
        self.last.as_ref()
    }

    /// The diagnostics `blueprint check` gives for the text, with ranges in this document.
    pub fn diagnostics(&self, uri: &Uri) -> Vec<Diagnostic> {
        let source = Source::new(uri.as_str(), self.text.as_str());
        let diags = match blueprint::check(&source) {
            Ok(checked) => checked.warnings,
            Err(d) => d,
        };
        self.convert(uri, &diags)
    }

    fn convert(&self, uri: &Uri, diags: &Diagnostics) -> Vec<Diagnostic> {
        let range = |span| self.lines.range(&self.text, span);
        diags
            .0
            .iter()
            .map(|d| {
                let mut message = d.message.clone();
                if let Some(help) = &d.help {
                    message.push_str("\nhelp: ");
                    message.push_str(help);
                }
                let related: Vec<DiagnosticRelatedInformation> = d
                    .others
                    .iter()
                    .map(|o| DiagnosticRelatedInformation {
                        location: Location::new(uri.clone(), range(o.span)),
                        message: o.text.clone(),
                    })
                    .collect();
                Diagnostic {
                    range: range(d.label.span),
                    severity: Some(match d.severity {
                        Severity::Error => DiagnosticSeverity::ERROR,
                        Severity::Warning => DiagnosticSeverity::WARNING,
                    }),
                    code: Some(NumberOrString::String(d.code.to_string())),
                    source: Some("blueprint".to_string()),
                    message,
                    related_information: (!related.is_empty()).then_some(related),
                    ..Diagnostic::default()
                }
            })
            .collect()
    }
}
