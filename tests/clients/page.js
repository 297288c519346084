// Measures figures inlined in HTML pages in headless Chromium, for the `page` suite
// (tests/clients/page.rs): for each comparison, a figure on a page under test and the same figure
// on a reference page, compared element by element by computed style and box (relative to the
// figure's own box), and pixel by pixel (a screenshot of the figure's box). Prints one JSON line
// per comparison. Usage: node page.js CONFIG.json, CONFIG being
// {"chromium": PATH, "profile": DIR, "comparisons": [{"name", "page", "figure", "reference",
// "reference_figure"}]}, pages as file paths and figures as CSS selectors of an <svg>.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require(path.join(__dirname, 'node', 'node_modules', 'playwright-core'));

// What a page's CSS could change in a drawn figure.
const PROPERTIES = [
  'display', 'visibility', 'opacity', 'fill', 'fill-opacity', 'stroke', 'stroke-width',
  'stroke-opacity', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin', 'font-family',
  'font-size', 'font-weight', 'font-style', 'font-variant', 'font-stretch',
  'font-feature-settings', 'font-kerning', 'letter-spacing', 'word-spacing', 'text-transform',
  'text-decoration-line', 'text-decoration-color', 'text-rendering', 'text-anchor',
  'white-space', '-webkit-font-smoothing', 'font-synthesis', 'font-variant-ligatures',
  'font-size-adjust', 'text-size-adjust', 'paint-order', 'transform', 'marker-start', 'marker-end', 'clip-path', 'filter', 'mask',
  'x', 'y', 'width', 'height', 'rx', 'ry', 'cx', 'cy', 'r', 'd',
];

async function measure(page, selector) {
  return page.evaluate(([selector, properties]) => {
    const root = document.querySelector(selector);
    if (!root) return null;
    const origin = root.getBoundingClientRect();
    const round = (v) => Math.round(v * 100) / 100;
    // What draws nothing is left out: the title, the description, the stylesheet.
    const elements = [root, ...root.querySelectorAll('*')].filter(
      (e) => !['title', 'desc', 'style'].includes(e.tagName));
    return elements.map((e, i) => {
      const s = getComputedStyle(e);
      const r = e.getBoundingClientRect();
      const style = {};
      for (const p of properties) style[p] = s.getPropertyValue(p);
      // Where the figure sits is the page's to say: its display (Tailwind makes every svg a
      // block) and, within `defs`, boxes mean nothing.
      if (e === root) delete style.display;
      const drawn = !e.closest('defs');
      return {
        what: `${i} <${e.tagName} class="${e.getAttribute('class') || ''}">`,
        style,
        box: drawn ? [round(r.left - origin.left), round(r.top - origin.top), round(r.width), round(r.height)] : [],
      };
    });
  }, [selector, PROPERTIES]);
}

async function shot(page, selector) {
  const box = await page.evaluate((selector) => {
    const r = document.querySelector(selector).getBoundingClientRect();
    return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
  }, selector);
  return page.screenshot({ clip: box, fullPage: true, animations: 'disabled' });
}

// Pixels off between two PNGs, counted by a canvas in the page.
async function pixelsOff(page, a, b) {
  return page.evaluate(async ([a, b]) => {
    const load = async (data) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + data;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      return { w: img.width, h: img.height, d: g.getImageData(0, 0, img.width, img.height).data };
    };
    const [x, y] = [await load(a), await load(b)];
    if (x.w !== y.w || x.h !== y.h) return { total: x.w * x.h, off: x.w * x.h, sizes: [x.w, x.h, y.w, y.h] };
    let off = 0;
    // Where they differ, as a box in the figure's pixels: [left, top, right, bottom].
    const where = [x.w, x.h, -1, -1];
    for (let i = 0; i < x.d.length; i += 4) {
      if (x.d[i] !== y.d[i] || x.d[i + 1] !== y.d[i + 1] || x.d[i + 2] !== y.d[i + 2]) {
        off++;
        const [px, py] = [(i / 4) % x.w, Math.floor(i / 4 / x.w)];
        where[0] = Math.min(where[0], px);
        where[1] = Math.min(where[1], py);
        where[2] = Math.max(where[2], px);
        where[3] = Math.max(where[3], py);
      }
    }
    return off ? { total: x.w * x.h, off, where } : { total: x.w * x.h, off };
  }, [a.toString('base64'), b.toString('base64')]);
}

// Lengths agree to 0.05 px: a page that sizes the root from its intrinsic size (Bulma's
// `svg { width: auto; height: auto }`) gets it to 1/64 px, and every box inside scales by that.
const close = (a, b) => Math.abs(a - b) <= 0.05;
const sameLength = (a, b) => a === b || (/px$/.test(a) && /px$/.test(b) && close(parseFloat(a), parseFloat(b)));

function compare(got, want) {
  const diffs = [];
  if (!got || !want) return ['figure not found'];
  if (got.length !== want.length) diffs.push(`${got.length} elements, reference ${want.length}`);
  for (let i = 0; i < Math.min(got.length, want.length); i++) {
    const [g, w] = [got[i], want[i]];
    for (const p of Object.keys(w.style)) {
      if (!sameLength(g.style[p], w.style[p])) diffs.push(`${w.what} ${p}: ${g.style[p]} (reference ${w.style[p]})`);
    }
    if (g.box.length !== w.box.length || g.box.some((v, k) => !close(v, w.box[k]))) diffs.push(`${w.what} box: ${g.box} (reference ${w.box})`);
  }
  return diffs;
}

(async () => {
  const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const context = await chromium.launchPersistentContext(config.profile, {
    executablePath: config.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 3400, height: 1700 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const load = async (file) => {
    await page.goto('file://' + file, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
  };
  for (const c of config.comparisons) {
    await load(c.reference);
    const want = await measure(page, c.reference_figure);
    const wantShot = want && (await shot(page, c.reference_figure));
    await load(c.page);
    const got = await measure(page, c.figure);
    const gotShot = got && (await shot(page, c.figure));
    const diffs = compare(got, want);
    const pixels = got && want ? await pixelsOff(page, gotShot, wantShot) : { total: 0, off: -1 };
    console.log(JSON.stringify({ name: c.name, differences: diffs.length, first: diffs.slice(0, 8), pixels }));
  }
  await context.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
