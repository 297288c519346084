// The live preview in headless Chromium, driven by playwright-core, as the page suite is (tests/clients/preview.rs
// starts the server and reads what this prints). Saves the blueprint file as an editor would
// and watches the open page: it must update by itself, without a reload; an invalid save must
// show its diagnostics and keep the figure; a fix must bring the figure back; a traversal
// attempt must be refused; and when the server stops, the page must say so.
//
//   node preview.mjs CHROMIUM BASE_URL FILE SERVER_PID
// prints one JSON object: { latencies: [ms...], checks: { name: true|message } }.
import { chromium as browserType } from "playwright-core";
import { writeFileSync } from "node:fs";

const [chromium, base, file, pid] = process.argv.slice(2);
const good = (text) =>
  `title: Check-in\nsteps:\n  - id: door\n    customer: ${text}\n    onstage: Greet\n  - id: desk\n    customer: Give name\n`;
const bad = "title: Check-in\nsteps:\n  - id: door\n    custmer: Walk in\n";
const checks = {};
const latencies = [];

const browser = await browserType.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage();
  await page.goto(base + "b/checkin", { waitUntil: "load" });
  await page.waitForSelector("#figure svg");
  // Gone after a reload: proves the page was updated in place.
  await page.evaluate(() => (window.notReloaded = true));
  // Let the event stream connect before the first save.
  await new Promise((r) => setTimeout(r, 300));

  const figureHas = (text) =>
    page.waitForFunction(
      (t) => document.querySelector("#figure svg")?.textContent.includes(t),
      text,
      { polling: 10, timeout: 10000 },
    );
  for (let n = 1; n <= 5; n++) {
    const text = `Walk in ${n}`;
    const start = performance.now();
    writeFileSync(file, good(text));
    await figureHas(text);
    latencies.push(Math.round((performance.now() - start) * 10) / 10);
    await new Promise((r) => setTimeout(r, 100));
  }
  checks.updated_without_reload = await page.evaluate(() => window.notReloaded === true);

  writeFileSync(file, bad);
  await page.waitForSelector("#diagnostics li.error", { timeout: 10000 });
  const shown = await page.$eval("#diagnostics li", (li) => li.textContent);
  checks.diagnostics_shown =
    shown.includes("4:5") && shown.includes("unknown-key") && shown.includes("custmer: Walk in")
      ? true
      : shown;
  checks.figure_kept = await page.evaluate(() =>
    document.querySelector("#figure svg")?.textContent.includes("Walk in 5"),
  );
  writeFileSync(file, good("Walk in again"));
  await figureHas("Walk in again");
  checks.fixed = await page.evaluate(
    () => !document.querySelector("#diagnostics") && window.notReloaded === true,
  );

  // A cut from the controls: one step.
  await page.type("input[name=steps]", "1..1");
  await page.keyboard.press("Enter");
  await page.waitForFunction(
    () => document.querySelectorAll("#figure svg .step").length === 1,
    null,
    { timeout: 10000 },
  );
  checks.cut_control = true;

  const traversal = await browser.newPage();
  const refused = await traversal.goto(base + "b/%2e%2e/%2e%2e/etc/passwd");
  const body = await traversal.evaluate(() => document.body.textContent);
  checks.traversal_refused = refused.status() === 404 && !body.includes("root:") ? true : body;

  process.kill(Number(pid));
  await page.waitForSelector("#stopped:not([hidden])", { timeout: 10000 });
  const banner = await page.$eval("#stopped", (e) => e.textContent);
  checks.stopped_message = banner.includes("server has stopped") ? true : banner;
  if (process.env.PREVIEW_SCREENSHOT) await page.screenshot({ path: process.env.PREVIEW_SCREENSHOT });
} catch (e) {
  checks.error = String(e && e.stack ? e.stack : e);
} finally {
  await browser.close();
}
console.log(JSON.stringify({ latencies, checks }));
