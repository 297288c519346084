// Measures, in headless Chromium, whether every text of a figure stays inside the box drawn
// for it, for the `fit` suite (tests/clients/fit.rs): a text whose group starts with a <rect>
// (a card, a flow label, a step header, a phase bar, a chip, a legend entry) must lie within
// that rect, as Chromium lays the text out with the font it really uses. Prints one JSON line
// per figure: {"name", "texts": how many were checked, "overflows": [...]}. Usage:
// node fit.js CONFIG.json, CONFIG being {"chromium": PATH, "profile": DIR,
// "figures": [{"name", "file"}]}, files being standalone SVG documents.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require(path.join(__dirname, 'node', 'node_modules', 'playwright-core'));

// How far a text may reach past its box, in the figure's units: the rounding of the numbers
// written in the SVG, not a glyph's edge.
const SLACK = 0.5;

async function measure(page) {
  return page.evaluate((slack) => {
    const overflows = [];
    let texts = 0;
    for (const text of document.querySelectorAll('text')) {
      const group = text.parentElement;
      if (!group || group.tagName !== 'g') continue;
      const rect = [...group.children].find((c) => c.tagName !== 'title' && c.tagName !== 'desc');
      if (!rect || rect.tagName !== 'rect' || !text.textContent.trim()) continue;
      texts++;
      const r = rect.getBBox();
      // Each line: its ink box as Chromium shapes it (the advance of its glyphs, the font's
      // ascent and descent), in the figure's user units.
      const lines = text.querySelectorAll('tspan').length ? text.querySelectorAll('tspan') : [text];
      for (const line of lines) {
        const b = line.getBBox ? line.getBBox() : text.getBBox();
        const out = Math.max(r.x - b.x, b.x + b.width - (r.x + r.width), r.y - b.y, b.y + b.height - (r.y + r.height));
        if (out > slack) {
          const where = group.getAttribute('data-id') || group.getAttribute('class') || '';
          overflows.push(`${where}: "${line.textContent}" reaches ${out.toFixed(2)} past its box ` +
            `(text ${[b.x, b.y, b.width, b.height].map((v) => v.toFixed(1))}, ` +
            `box ${[r.x, r.y, r.width, r.height].map((v) => v.toFixed(1))})`);
        }
      }
    }
    return { texts, overflows };
  }, SLACK);
}

(async () => {
  const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const context = await chromium.launchPersistentContext(config.profile, {
    executablePath: config.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1600, height: 1000 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  for (const f of config.figures) {
    await page.goto('file://' + f.file, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const m = await measure(page);
    console.log(JSON.stringify({ name: f.name, texts: m.texts, overflows: m.overflows }));
  }
  await context.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
