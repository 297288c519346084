//! The live preview (`blueprint serve`) in headless Chromium, driven by playwright-core
//! (`node/preview.mjs`): a saved edit shows in the open page without a reload, diagnostics
//! appear and the figure stays, a fix brings the figure back, a cut control works, a traversal
//! attempt is refused, and the page says so when the server stops. Prints the time from save
//! to page (median of 5; issue 21 asks for under 300 ms).

use crate::need;
use crate::support::serve::Served;
use crate::support::*;

#[test]
fn preview_follows_saves_in_chromium() {
    let Some(chromium) = need::program(
        "preview",
        &["chromium", "chromium-browser"],
        "apt-get install chromium",
    ) else {
        return;
    };
    let Some(playwright) = need::npm_package("preview", "playwright-core") else {
        return;
    };
    let d = tempdir();
    let file = write(
        d.path(),
        "checkin.yaml",
        "title: Check-in\nsteps:\n  - id: door\n    customer: Walk in\n    onstage: Greet\n  - id: desk\n    customer: Give name\n",
    );
    let served = Served::start(&[file.as_path()]);
    let script = playwright.join("../../preview.mjs");
    let out = std::process::Command::new("node")
        .arg(&script)
        .arg(&chromium)
        .arg(&served.base)
        .arg(&file)
        .arg(served.pid().to_string())
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|_| {
        panic!(
            "preview.mjs printed no report:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let checks = report["checks"].as_object().expect("checks");
    for name in [
        "updated_without_reload",
        "diagnostics_shown",
        "figure_kept",
        "fixed",
        "cut_control",
        "traversal_refused",
        "stopped_message",
    ] {
        assert_eq!(
            checks.get(name),
            Some(&serde_json::json!(true)),
            "{name}: {report:#}"
        );
    }
    assert!(checks.get("error").is_none(), "{report:#}");
    let mut ms: Vec<f64> = report["latencies"]
        .as_array()
        .expect("latencies")
        .iter()
        .filter_map(serde_json::Value::as_f64)
        .collect();
    assert_eq!(ms.len(), 5);
    ms.sort_by(f64::total_cmp);
    eprintln!("preview: save to page {ms:?} ms, median {} ms", ms[2]);
    assert!(ms[2] < 300.0, "median save to page {} ms", ms[2]);
}
