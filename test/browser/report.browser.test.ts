/**
 * Opens the HTML report in a real browser (Debian's Chromium, headless, driven by
 * playwright-core) and checks what a commissioner would get from an email
 * attachment: no console errors, nothing fetched but the file itself, every chart
 * drawn. Two reports: the synthetic fixture (with a tornado chart) and the real
 * report of every bundled scenario, written by `peerplan report`. With
 * PEERPLAN_SCREENSHOTS=1 it also saves screenshots (and the fixture's A4 PDF) to
 * test/artifacts/ for a person to look at: they check nothing a test does not, and took
 * a tenth of the suite's time (the print layout is tested by print.browser.test.ts).
 *
 * Skipped, with instructions, where Chromium is not installed; with CI=true it
 * must run (.ci/run installs Chromium because test/browser/needs-chromium exists).
 *
 * The README's pictures (docs/report-screenshot.png, report-cost-chart.png, report-tornado.png)
 * are the top of the page and figures 1 and 5 of `peerplan report scenarios/baseline.yaml
 * scenarios/band3-fixed-term.yaml scenarios/band4-permanent.yaml`, taken the same way at a
 * 1000×1300 viewport and reduced with `pngquant --quality=60-85`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { renderHtml } from '../../src/render/html.js';
import { fixtureDocument, fixtureTornado } from '../report/fixture.js';
import { BUNDLED, TRIO as TRIO_FILES, runBinary, runCli } from '../cli/run-cli.js';
import { CHROMIUM, FLAGS, INSTALL, launchChromium, requireChromium, RUN_IN_CHROMIUM } from './chromium.js';

const SCREENSHOTS = process.env.PEERPLAN_SCREENSHOTS === '1';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

// The page functions below run in the browser; this project compiles without the DOM
// library, so they describe the few DOM members they use structurally.
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Matrix {
  inverse(): Matrix;
}
interface Point {
  x: number;
  y: number;
  matrixTransform(m: Matrix): Point;
}
interface Graphic {
  textContent: string | null;
  getBBox(): Box;
  getCTM(): Matrix | null;
}
interface SvgRoot extends Graphic {
  id: string;
  viewBox: { baseVal: Box };
  createSVGPoint(): Point;
  getBoundingClientRect(): Box;
  querySelector(selector: string): Graphic | null;
  querySelectorAll(selector: string): ArrayLike<Graphic>;
}

interface Opened {
  page: Page;
  fileUrl: string;
  consoleErrors: string[];
  requests: string[];
}

/**
 * The checks every report must pass in the browser. `write` puts the report's HTML in
 * the given file; `charts` are the ids of the charts it must draw.
 */
function reportInBrowser(name: string, write: (file: string) => void | Promise<void>, charts: string[], artifact: string, options: { small?: boolean; print?: boolean } = {}): void {
  describe.runIf(RUN_IN_CHROMIUM)(`${name} in Chromium (needs ${CHROMIUM}; install: ${INSTALL})`, () => {
    let dir = '';
    let context: BrowserContext | undefined;
    const opened: Opened = { page: undefined as unknown as Page, fileUrl: '', consoleErrors: [], requests: [] };

    beforeAll(async () => {
      requireChromium();
      const { chromium } = await import('playwright-core');
      dir = mkdtempSync(join(tmpdir(), 'peerplan-report-'));
      const file = join(dir, 'report.html');
      await write(file);
      opened.fileUrl = pathToFileURL(file).href;
      // A fresh profile every run; playwright passes --headless itself.
      context = await chromium.launchPersistentContext(join(dir, 'profile'), {
        executablePath: CHROMIUM,
        headless: true,
        args: FLAGS,
        viewport: { width: 1280, height: 900 },
        offline: true,
      });
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('console', (msg) => {
        if (msg.type() === 'error') opened.consoleErrors.push(msg.text());
      });
      page.on('pageerror', (err) => opened.consoleErrors.push(String(err)));
      context.on('request', (req) => opened.requests.push(req.url()));
      await page.goto(opened.fileUrl, { waitUntil: 'load' });
      opened.page = page;
    }, 60_000);

    afterAll(async () => {
      await context?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('loads without console errors and fetches nothing but the file itself', async () => {
      await opened.page.waitForLoadState('networkidle');
      expect(opened.consoleErrors).toEqual([]);
      expect(opened.requests).toEqual([opened.fileUrl]);
    });

    it('draws every chart: shapes with a non-zero size', async () => {
      const drawn = await opened.page.$$eval('svg.chart', (elements) =>
        (elements as unknown as SvgRoot[]).map((svg) => {
          const box = svg.getBoundingClientRect();
          // The data layers (bars, areas, lines); an option that barely has vacancies has a thin area but full lines.
          const boxes = Array.from(svg.querySelectorAll('.marks, .lines')).map((g) => g.getBBox());
          return {
            id: svg.id,
            shapes: svg.querySelectorAll('.marks rect, .marks path, .lines path, .markers *').length,
            width: box.width,
            height: box.height,
            marksWidth: Math.max(0, ...boxes.map((b) => b.width)),
            marksHeight: Math.max(0, ...boxes.map((b) => b.height)),
            title: svg.querySelector('title')?.textContent ?? '',
            desc: svg.querySelector('desc')?.textContent ?? '',
          };
        }),
      );
      // §7.7 Each option's who-pays/who-saves chart is checked with the rest; the list names the others.
      expect(drawn.map((c) => c.id).filter((id) => !id.startsWith('chart-ledger-'))).toEqual(charts);
      for (const c of drawn) {
        expect(c.shapes, c.id).toBeGreaterThan(0);
        expect(c.width, c.id).toBeGreaterThan(100);
        expect(c.height, c.id).toBeGreaterThan(100);
        expect(c.marksWidth, c.id).toBeGreaterThan(10);
        // A steady team is a nearly flat line: WTE in post hugs its funded level (band 4, the lone worker).
        expect(c.marksHeight, c.id).toBeGreaterThan(c.id.startsWith('chart-wte') ? 0 : 10);
        expect(c.title.length, c.id).toBeGreaterThan(10);
        expect(c.desc.length, c.id).toBeGreaterThan(40);
      }
    });

    it('keeps chart text inside the charts, whole (no clipped or cut labels)', async () => {
      const problems = await opened.page.$$eval('svg.chart', (elements) =>
        (elements as unknown as SvgRoot[]).flatMap((svg) => {
          const view = svg.viewBox.baseVal;
          const point = (x: number, y: number): Point => {
            const p = svg.createSVGPoint();
            p.x = x;
            p.y = y;
            return p;
          };
          return Array.from(svg.querySelectorAll('text')).flatMap((t) => {
            const b = t.getBBox();
            const m = t.getCTM();
            // Corners in the svg's user space (rotated labels included).
            const pts = [
              [b.x, b.y],
              [b.x + b.width, b.y],
              [b.x, b.y + b.height],
              [b.x + b.width, b.y + b.height],
            ].map(([x = 0, y = 0]) => (m ? point(x, y).matrixTransform(m) : point(x, y)));
            const svgM = svg.getCTM();
            const local = svgM ? pts.map((p) => p.matrixTransform(svgM.inverse())) : pts;
            const bad = local.some((p) => p.x < view.x - 1 || p.y < view.y - 1 || p.x > view.x + view.width + 1 || p.y > view.y + view.height + 1);
            const cut = (t.textContent ?? '').includes('…');
            return bad ? [`${svg.id}: "${t.textContent ?? ''}" outside`] : cut ? [`${svg.id}: "${t.textContent ?? ''}" cut`] : [];
          });
        }),
      );
      expect(problems).toEqual([]);
    });

    it.runIf(SCREENSHOTS)('saves screenshots (full page, each figure; print and PDF) for inspection (PEERPLAN_SCREENSHOTS=1)', async () => {
      const { page } = opened;
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, `${artifact}.png`), fullPage: true });
      // One image per figure too: the full page is too tall to read at a glance.
      for (const id of await page.$$eval('figure', (figures) => figures.map((f) => (f as unknown as { id: string }).id))) {
        await page.locator(`#${id}`).screenshot({ path: join(ARTIFACTS, `${artifact}-${id}.png`) });
      }
      if (options.print !== false) {
        await page.emulateMedia({ media: 'print' });
        await page.screenshot({ path: join(ARTIFACTS, `${artifact}-print.png`), fullPage: true });
        await page.pdf({ path: join(ARTIFACTS, `${artifact}.pdf`), format: 'A4', printBackground: false });
        await page.emulateMedia({ media: 'screen' });
      }
      if (options.small) {
        // The same layout at 40% of the pixels, small enough for a README.
        const browser = await launchChromium();
        try {
          const small = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 0.4, offline: true });
          const smallPage = await small.newPage();
          await smallPage.goto(opened.fileUrl, { waitUntil: 'load' });
          await smallPage.screenshot({ path: join(ARTIFACTS, `${artifact}-small.png`), fullPage: true });
        } finally {
          await browser.close();
        }
      }
      expect(existsSync(join(ARTIFACTS, `${artifact}.png`))).toBe(true);
    }, 60_000);
  });
}

// The synthetic fixture: three options and a tornado chart.
reportInBrowser(
  'HTML report (fixture)',
  (file) => writeFileSync(file, renderHtml(fixtureDocument(), { tornado: fixtureTornado() })),
  ['chart-cost', 'chart-wte-1', 'chart-wte-2', 'chart-wte-3', 'chart-burnout', 'chart-continuity', 'chart-tornado'],
  'report',
);

// The real thing: `peerplan report` of every bundled scenario against the baseline (six options: the most labels and lines to fit).
reportInBrowser(
  'HTML report of the bundled scenarios',
  async (file) => {
    const r = await runCli(['report', 'scenarios/baseline.yaml', ...BUNDLED, '--out', file, '--quiet']);
    if (r.status !== 0) throw new Error(`peerplan report failed (${r.status}): ${r.stderr}`);
    expect(readFileSync(file, 'utf8')).toContain('VCSE provider, 3-year grant');
  },
  ['chart-cost', ...BUNDLED.map((_, i) => `chart-wte-${i + 1}`), 'chart-burnout', 'chart-continuity', 'chart-tornado'],
  'report-bundled',
  // The print layout is the same CSS as the fixture's, already saved above; a 30,000-pixel page prints slowly.
  { small: true, print: false },
);

// `report --draws`: the uncertainty section's fan chart, acceptability curve and EVPPI bar chart (issue 14).
reportInBrowser(
  'HTML report with a probabilistic analysis',
  (file) => {
    const r = runBinary(['report', ...TRIO_FILES, '--draws', '2000', '--seed', '7', '--no-sensitivity', '--out', file, '--quiet'], { timeout: 180_000 });
    if (r.status !== 0) throw new Error(`peerplan report --draws failed (${r.status}): ${r.stderr}`);
    expect(readFileSync(file, 'utf8')).toContain('id="uncertainty"');
  },
  ['chart-cost', 'chart-wte-1', 'chart-wte-2', 'chart-wte-3', 'chart-burnout', 'chart-continuity', 'chart-fan', 'chart-ceac', 'chart-evppi'],
  'report-draws',
  { print: false },
);
