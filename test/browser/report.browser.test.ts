/**
 * Opens the HTML report in a real browser (Debian's Chromium, headless, driven by
 * playwright-core) and checks what a commissioner would get from an email
 * attachment: no console errors, nothing fetched but the file itself, every chart
 * drawn. Saves screenshots to test/artifacts/ for a person to look at.
 *
 * Skipped, with instructions, where Chromium is not installed; with CI=true it
 * must run (.ci/run installs Chromium because test/browser/needs-chromium exists).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { renderHtml } from '../../src/render/html.js';
import { fixtureDocument, fixtureTornado } from '../report/fixture.js';

const CHROMIUM = process.env.PEERPLAN_CHROMIUM ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = process.env.CI === 'true';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const INSTALL = 'apt-get update && apt-get install -y chromium';

if (!HAVE_CHROMIUM && !IN_CI) {
  console.warn(`[browser test skipped] ${CHROMIUM} not found. Install Chromium to run it: ${INSTALL}`);
}

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

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)(`HTML report in Chromium (needs ${CHROMIUM}; install: ${INSTALL})`, () => {
  let dir = '';
  let context: BrowserContext | undefined;
  let page: Page;
  let fileUrl = '';
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`CI=true but ${CHROMIUM} is missing. Install it with: ${INSTALL}`);
    const { chromium } = await import('playwright-core');
    dir = mkdtempSync(join(tmpdir(), 'peerplan-report-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(fixtureDocument(), { tornado: fixtureTornado() }));
    fileUrl = pathToFileURL(file).href;
    // A fresh profile every run; playwright passes --headless itself.
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1280, height: 900 },
      offline: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(String(err)));
    context.on('request', (req) => requests.push(req.url()));
    await page.goto(fileUrl, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads without console errors and fetches nothing but the file itself', async () => {
    await page.waitForLoadState('networkidle');
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([fileUrl]);
  });

  it('draws every chart: shapes with a non-zero size', async () => {
    const charts = await page.$$eval('svg.chart', (elements) =>
      (elements as unknown as SvgRoot[]).map((svg) => {
        const box = svg.getBoundingClientRect();
        const marks = svg.querySelector('.marks, .lines');
        const bbox = marks?.getBBox();
        return {
          id: svg.id,
          shapes: svg.querySelectorAll('.marks rect, .marks path, .lines path, .markers *').length,
          width: box.width,
          height: box.height,
          marksWidth: bbox?.width ?? 0,
          marksHeight: bbox?.height ?? 0,
          title: svg.querySelector('title')?.textContent ?? '',
          desc: svg.querySelector('desc')?.textContent ?? '',
        };
      }),
    );
    // Cost, three WTE small multiples, burnout, continuity, tornado.
    expect(charts.map((c) => c.id)).toEqual(['chart-cost', 'chart-wte-1', 'chart-wte-2', 'chart-wte-3', 'chart-burnout', 'chart-continuity', 'chart-tornado']);
    for (const c of charts) {
      expect(c.shapes, c.id).toBeGreaterThan(0);
      expect(c.width, c.id).toBeGreaterThan(100);
      expect(c.height, c.id).toBeGreaterThan(100);
      expect(c.marksWidth, c.id).toBeGreaterThan(10);
      expect(c.marksHeight, c.id).toBeGreaterThan(10);
      expect(c.title.length, c.id).toBeGreaterThan(10);
      expect(c.desc.length, c.id).toBeGreaterThan(40);
    }
  });

  it('keeps chart text inside the charts (no clipped labels)', async () => {
    const outside = await page.$$eval('svg.chart', (elements) =>
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
          return bad ? [`${svg.id}: "${t.textContent ?? ''}"`] : [];
        });
      }),
    );
    expect(outside).toEqual([]);
  });

  it('saves screenshots (full page, each figure, print) and a PDF for inspection', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    // One image per figure too: the full page is too tall to read at a glance.
    for (const id of await page.$$eval('figure', (figures) => figures.map((f) => (f as unknown as { id: string }).id))) {
      await page.locator(`#${id}`).screenshot({ path: join(ARTIFACTS, `report-${id}.png`) });
    }
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(ARTIFACTS, 'report-print.png'), fullPage: true });
    await page.pdf({ path: join(ARTIFACTS, 'report.pdf'), format: 'A4', printBackground: false });
    await page.emulateMedia({ media: 'screen' });
    expect(existsSync(join(ARTIFACTS, 'report.png'))).toBe(true);
  });
});
