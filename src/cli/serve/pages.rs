//! What the preview pages say: the index, a blueprint's page (its figure inline, the controls,
//! the downloads and the diagnostics), and the state a page asks for after a change, as JSON.
//! Every text from a file is escaped here (`esc`); the figure is our own SVG, whose text the
//! SVG writer escapes.

use super::site::{Entry, State};
use blueprint::diag::Severity;
use blueprint::model::Blueprint;
use serde_json::{Value, json};
use std::fmt::Write;

/// Text for HTML content and quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn head(title: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · blueprint serve</title>\n<link rel=\"stylesheet\" href=\"/assets/page.css\">\n\
         </head>\n",
        esc(title)
    )
}

const STOPPED: &str = "<div id=\"stopped\" role=\"alert\" hidden>The preview server has stopped: \
    what you see is no longer updated. Run <code>blueprint serve</code> again and this page \
    reconnects by itself.</div>\n";

/// `/`: every blueprint, with its title, subtitle, steps and problems.
pub fn index(entries: &[std::sync::Arc<Entry>]) -> String {
    let mut rows = String::new();
    for e in entries {
        let state = e.state();
        let status = status(&state);
        let title = status["title"].as_str().unwrap_or(&e.slug).to_string();
        let subtitle = status["subtitle"].as_str().unwrap_or("");
        let (errors, warnings) = (status["errors"].as_u64(), status["warnings"].as_u64());
        let steps = status["steps"].as_u64().unwrap_or(0);
        let mut problems = String::new();
        match (errors, warnings) {
            (Some(0), Some(0)) => {}
            (Some(0), Some(w)) => {
                write!(problems, " <span class=\"warn\">{w} warning(s)</span>").unwrap_or(())
            }
            (Some(n), _) => {
                write!(problems, " <span class=\"err\">{n} error(s)</span>").unwrap_or(())
            }
            _ => {}
        }
        if let Some(why) = status["unreadable"].as_str() {
            write!(problems, " <span class=\"err\">{}</span>", esc(why)).unwrap_or(());
        }
        let _ = writeln!(
            rows,
            "<li><a href=\"/b/{slug}\">{title}</a> <span class=\"file\">{file}</span>{problems}\
             <br><span class=\"sub\">{subtitle}</span> <span class=\"steps\">{steps} step(s)</span></li>",
            slug = e.slug,
            title = esc(&title),
            file = esc(&e.path.display().to_string()),
            subtitle = esc(subtitle),
        );
    }
    format!(
        "{}<body data-page=\"index\">\n{STOPPED}<main>\n<h1>Blueprints</h1>\n<ul id=\"blueprints\">\n{rows}</ul>\n</main>\n\
         <script src=\"/assets/page.js\"></script>\n</body>\n</html>\n",
        head("Blueprints")
    )
}

/// `/b/NAME`: the blueprint's page.
pub fn page(e: &Entry) -> String {
    let (status, good) = {
        let state = e.state();
        (status(&state), state.good.clone())
    };
    let title = status["title"].as_str().unwrap_or(&e.slug).to_string();
    let figure = match &good {
        Some(bp) => super::site::figure(bp, &super::site::Ask::default(), blueprint::Format::Svg)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default(),
        None => "<p class=\"empty\">No valid version of this file yet: fix the problems above and \
                 the figure appears.</p>"
            .into(),
    };
    let mut themes = String::from("<option value=\"\">its own</option>");
    for t in blueprint::validate::keys::THEMES {
        let _ = write!(themes, "<option>{t}</option>");
    }
    let mut phases = String::from("<option value=\"\">all</option>");
    let mut lanes = String::new();
    if let Some(bp) = &good {
        for p in &bp.phases {
            let _ = write!(
                phases,
                "<option value=\"{}\">{}</option>",
                esc(&p.id.value),
                esc(&p.label.value)
            );
        }
        for l in &bp.lanes {
            let _ = write!(
                lanes,
                "<label><input type=\"checkbox\" name=\"lane\" value=\"{}\" checked> {}</label> ",
                esc(&l.id.value),
                esc(&l.id.value)
            );
        }
    }
    let slug = &e.slug;
    format!(
        "{head}<body data-page=\"blueprint\" data-slug=\"{slug}\" data-version=\"{version}\"{stale}>\n{STOPPED}\
<header><a href=\"/\">All blueprints</a> <h1 id=\"title\">{title}</h1> <span class=\"file\">{file}</span></header>\n\
<form id=\"controls\">\n\
<label>Theme <select name=\"theme\">{themes}</select></label>\n\
<label>Phase <select name=\"phase\">{phases}</select></label>\n\
<label>Steps <input name=\"steps\" placeholder=\"all, or 2..5\" size=\"10\"></label>\n\
<span id=\"lanes\">Lanes {lanes}</span>\n\
<span id=\"downloads\">Download <a data-format=\"svg\" href=\"/b/{slug}/figure.svg?download=1\">SVG</a> \
<a data-format=\"png\" href=\"/b/{slug}/figure.png?download=1\">PNG</a> \
<a data-format=\"pdf\" href=\"/b/{slug}/figure.pdf?download=1\">PDF</a></span>\n\
<output id=\"cut-error\"></output>\n</form>\n\
<section id=\"problems\">{problems}</section>\n\
<figure id=\"figure\">{figure}</figure>\n\
<script src=\"/assets/page.js\"></script>\n</body>\n</html>\n",
        head = head(&title),
        version = status["version"],
        stale = if status["valid"] == true {
            ""
        } else {
            " class=\"stale\""
        },
        title = esc(&title),
        file = esc(&e.path.display().to_string()),
        problems = problems_html(&status),
    )
}

/// The diagnostics as the page lists them (page.js builds the same from the JSON).
pub fn problems_html(status: &Value) -> String {
    let mut out = String::new();
    if let Some(why) = status["unreadable"].as_str() {
        let _ = write!(out, "<p class=\"err\">{}</p>", esc(why));
    }
    let list = status["diagnostics"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    if list.is_empty() {
        return out;
    }
    out.push_str("<ol id=\"diagnostics\">");
    for d in list {
        let s = |k: &str| d[k].as_str().unwrap_or("").to_string();
        let _ = write!(
            out,
            "<li class=\"{sev}\"><span class=\"where\">{line}:{col}</span> <code>{code}</code> {message}<pre>",
            sev = s("severity"),
            line = d["line"],
            col = d["column"],
            code = esc(&s("code")),
            message = esc(&s("message")),
        );
        for l in d["lines"].as_array().map_or(&[][..], Vec::as_slice) {
            let n = l[0].as_u64().unwrap_or(0);
            let _ = writeln!(out, "{n:>5} | {}", esc(l[1].as_str().unwrap_or("")));
        }
        out.push_str("</pre>");
        if let Some(help) = d["help"].as_str() {
            let _ = write!(out, "<p class=\"help\">help: {}</p>", esc(help));
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    out
}

/// `/b/NAME/status.json`: the version, the diagnostics (with their source lines), and what the
/// controls offer (phases and lanes of the last good blueprint).
pub fn status(state: &State) -> Value {
    let source = &state.source;
    let (errors, warnings) = state.diags.counts();
    let diagnostics: Vec<Value> = state
        .diags
        .0
        .iter()
        .map(|d| {
            let (line, column) = source.line_col(d.label.span.start);
            let (end, _) = source.line_col(d.label.span.end);
            // The labelled lines, five at most: enough to see the mistake.
            let lines: Vec<Value> = (line..=end.max(line).min(line + 4))
                .map(|n| json!([n, blueprint::diag::escape_line(source.line_text(n))]))
                .collect();
            json!({
                "severity": if d.severity == Severity::Error { "error" } else { "warning" },
                "code": d.code,
                "line": line,
                "column": column,
                "message": d.message,
                "help": d.help,
                "lines": lines,
            })
        })
        .collect();
    let good: Option<&Blueprint> = state.good.as_deref();
    json!({
        "version": state.version,
        "valid": !(state.unreadable.is_some() || errors > 0),
        "unreadable": state.unreadable,
        "errors": errors,
        "warnings": warnings,
        "diagnostics": diagnostics,
        "title": good.map(|b| b.title.value.clone()),
        "subtitle": good.and_then(|b| b.subtitle.as_ref().map(|s| s.value.clone())),
        "steps": good.map_or(0, |b| b.steps.len()),
        "phases": good.map_or_else(Vec::new, |b| b.phases.iter().map(|p| json!({"id": p.id.value, "label": p.label.value})).collect()),
        "lanes": good.map_or_else(Vec::new, |b| b.lanes.iter().map(|l| l.id.value.clone()).collect()),
    })
}
