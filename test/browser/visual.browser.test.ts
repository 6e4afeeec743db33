/**
 * Visual regression (issue #28): what a reader sees, compared with reviewed reference
 * images in test/visual/reference/ — the static report's first screen and its charts, the
 * interactive page after a control moves, the first A4 pages of the printed report
 * (Chromium's PDF) and the first pages of the live workbook printed by LibreOffice. Every
 * image is downscaled (box filter) to grey before it is compared or stored, so the
 * references stay small (about 200 KB in all); a comparison allows a small share of differing pixels (pixelmatch, anti-aliasing
 * ignored) for font rasterising. `UPDATE_VISUAL=1 npx vitest run test/browser/visual.browser.test.ts`
 * rewrites the references: look at each before committing it. Without Chromium (or
 * LibreOffice and pdftoppm for the PDFs) the test is skipped outside CI, as the other
 * browser tests are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';
import type { Browser, Page } from 'playwright-core';
import { BUNDLED, ROOT, runCli } from '../cli/run-cli.js';
import { HAVE_SOFFICE, sofficeConvert } from '../cli/libreoffice.js';
import { IN_CI, launchChromium, RUN_IN_CHROMIUM } from './chromium.js';

const REFERENCE = join(ROOT, 'test', 'visual', 'reference');
const UPDATE = process.env.UPDATE_VISUAL === '1';
const HAVE_PDFTOPPM = spawnSync('pdftoppm', ['-v']).error === undefined;
/** Share of pixels that may differ (after downscaling) before an image counts as changed. */
const TOLERANCE = 0.02;
/** Downscaling factor: each stored pixel is the mean of a FACTOR × FACTOR block. */
const FACTOR = 2;
const ALL = ['scenarios/baseline.yaml', ...BUNDLED.filter((f) => f !== 'scenarios/baseline.yaml')];

if (!HAVE_PDFTOPPM && !IN_CI) console.warn('[visual test] pdftoppm (poppler-utils) not found: the PDF pages are not compared');

function downscale(png: PNG, factor = FACTOR): PNG {
  const width = Math.floor(png.width / factor);
  const height = Math.floor(png.height / factor);
  const out = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sum = [0, 0, 0, 0];
      for (let dy = 0; dy < factor; dy++) {
        for (let dx = 0; dx < factor; dx++) {
          const i = ((y * factor + dy) * png.width + (x * factor + dx)) * 4;
          for (let c = 0; c < 4; c++) sum[c] = (sum[c] as number) + (png.data[i + c] as number);
        }
      }
      // Grey (luma over white): the references stay small; a change of colour still shows as a change of grey.
      const n = factor * factor;
      const alpha = (sum[3] as number) / n / 255;
      const luma = (0.299 * (sum[0] as number) + 0.587 * (sum[1] as number) + 0.114 * (sum[2] as number)) / n;
      const grey = Math.round(luma * alpha + 255 * (1 - alpha));
      const o = (y * width + x) * 4;
      out.data[o] = grey;
      out.data[o + 1] = grey;
      out.data[o + 2] = grey;
      out.data[o + 3] = 255;
    }
  }
  return out;
}

/** Compares an image with its reference (or writes the reference with UPDATE_VISUAL=1); returns the share of pixels that differ. */
function compare(name: string, image: Buffer): number {
  const actual = downscale(PNG.sync.read(image));
  const file = join(REFERENCE, `${name}.png`);
  if (UPDATE) {
    writeFileSync(file, PNG.sync.write(actual, { colorType: 0 }));
    return 0;
  }
  if (!existsSync(file)) throw new Error(`no reference image ${file}: make it with UPDATE_VISUAL=1 npx vitest run test/browser/visual.browser.test.ts and review it`);
  const expected = PNG.sync.read(readFileSync(file));
  if (expected.width !== actual.width || expected.height !== actual.height) {
    throw new Error(`${name}: ${actual.width}×${actual.height}, reference ${expected.width}×${expected.height} (UPDATE_VISUAL=1 rewrites it after review)`);
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const differing = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold: 0.15, includeAA: false });
  const share = differing / (actual.width * actual.height);
  if (share > TOLERANCE) writeFileSync(join(tmpdir(), `peerplan-visual-${name}-diff.png`), PNG.sync.write(diff));
  return share;
}

/** PDF pages as PNGs (pdftoppm, 50 dpi): the first `count`. */
function pdfPages(pdf: string, count: number, dir: string, prefix: string): Buffer[] {
  execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', String(count), pdf, join(dir, prefix)]);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => readFileSync(join(dir, f)));
}

describe.runIf(RUN_IN_CHROMIUM)('visual regression: the report, the interactive page and the printouts look as reviewed', () => {
  let dir = '';
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peerplan-visual-'));
    for (const [out, extra] of [
      ['report.html', []],
      ['interactive.html', ['--interactive', '--controls', 'finance.discount_rate']],
    ] as const) {
      const r = await runCli(['report', ...ALL, ...extra, '--out', join(dir, out), '--quiet']);
      if (r.status !== 0) throw new Error(`peerplan report failed (${r.status}): ${r.stderr}`);
    }
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1000, height: 1000 }, deviceScaleFactor: 1 });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the static report: first screen and the charts', async () => {
    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
    expect(compare('report-top', await page.screenshot())).toBeLessThanOrEqual(TOLERANCE);
    expect(compare('report-burnout', await page.locator('#fig-burnout').screenshot())).toBeLessThanOrEqual(TOLERANCE);
    expect(compare('report-tornado', await page.locator('#fig-tornado').screenshot())).toBeLessThanOrEqual(TOLERANCE);
  }, 60_000);

  it('the interactive page after moving a control', async () => {
    await page.goto(pathToFileURL(join(dir, 'interactive.html')).href, { waitUntil: 'load' });
    await page.locator('.control:has(span.input[title="finance.discount_rate"]) input[type=number]').fill('6');
    await page.locator('#changed-inputs').scrollIntoViewIfNeeded();
    expect(await page.locator('#changed-inputs').textContent()).toContain('3.5% → 6%');
    expect(compare('interactive-moved', await page.screenshot())).toBeLessThanOrEqual(TOLERANCE);
  }, 60_000);

  it.runIf(HAVE_PDFTOPPM || IN_CI)('the A4 print: the first three pages', async () => {
    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
    const pdf = join(dir, 'report.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: false });
    const pages = pdfPages(pdf, 3, dir, 'report-page');
    expect(pages.length).toBe(3);
    pages.forEach((png, i) => expect(compare(`print-page-${i + 1}`, png), `page ${i + 1}`).toBeLessThanOrEqual(TOLERANCE));
  }, 60_000);

  it.runIf((HAVE_PDFTOPPM && HAVE_SOFFICE) || IN_CI)('the live workbook printed by LibreOffice: Cover and the first Inputs page', async () => {
    const xlsx = join(dir, 'workbook.xlsx');
    const r = await runCli(['compare', 'scenarios/baseline.yaml', 'scenarios/band4-permanent.yaml', '--format', 'xlsx', '--out', xlsx, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const [pdf] = sofficeConvert([xlsx], dir, 'pdf');
    const pages = pdfPages(pdf as string, 3, dir, 'workbook-page');
    expect(pages.length).toBe(3);
    pages.forEach((png, i) => expect(compare(`workbook-page-${i + 1}`, png), `page ${i + 1}`).toBeLessThanOrEqual(TOLERANCE));
  }, 300_000);
});
