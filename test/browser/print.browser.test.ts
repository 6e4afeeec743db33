/**
 * #17 "reports that fit": the report of the six bundled options, printed by Chromium
 * on A4, has at most 10 pages and no table or chart split across pages. Checked on the
 * PDF Chromium prints: a copy of the report carries invisible markers at the start and
 * end of every table and figure (inside them, so they move with them), and each pair
 * must land on the same page (pdftotext, from poppler-utils, reads the pages; without
 * it only the page count is checked, from the PDF's page objects).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { BUNDLED, runCli } from '../cli/run-cli.js';
import { launchChromium, RUN_IN_CHROMIUM } from './chromium.js';
import { overprinted, pageLines, pdfWords } from './pdf-text.js';

const HAVE_PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined;
const ALL = ['scenarios/baseline.yaml', ...BUNDLED.filter((f) => f !== 'scenarios/baseline.yaml')];
const MARK = 'font-size:1px;color:#fff;line-height:0';

/**
 * Markers `QQna` and `QQnz` inside every table (in its caption and its last cell) and
 * figure (before the chart and at the end of its caption).
 */
export function withMarkers(page: string): { html: string; count: number } {
  let n = 0;
  const mark = (text: string): string => `<span style="${MARK}">${text}</span>`;
  let html = page.replace(/<caption>([\s\S]*?)<\/caption>([\s\S]*?)<\/td><\/tr>\n<\/tbody>/g, (_, caption: string, rest: string) => {
    n += 1;
    return `<caption>${mark(`QQ${n}a`)}${caption}</caption>${rest}${mark(`QQ${n}z`)}</td></tr>\n</tbody>`;
  });
  html = html.replace(/<figure id="([^"]+)">([\s\S]*?)<\/figcaption>/g, (_, id: string, body: string) => {
    n += 1;
    return `<figure id="${id}">${mark(`QQ${n}a`)}${body}${mark(`QQ${n}z`)}</figcaption>`;
  });
  return { html, count: n };
}

function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

describe.runIf(RUN_IN_CHROMIUM)('the report of the six bundled options on A4 (Chromium)', () => {
  let dir = '';
  let browser: Browser | undefined;
  let pdf = '';
  let plainPdf = '';
  let html = '';
  let markers = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peerplan-print-'));
    const out = join(dir, 'report.html');
    const r = await runCli(['report', ...ALL, '--out', out, '--quiet']);
    if (r.status !== 0) throw new Error(`peerplan report failed (${r.status}): ${r.stderr}`);
    const marked = withMarkers(readFileSync(out, 'utf8'));
    markers = marked.count;
    writeFileSync(join(dir, 'marked.html'), marked.html);
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, 'marked.html')).href, { waitUntil: 'load' });
    pdf = join(dir, 'report.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: false });
    // The report as it is (no markers), for the checks of what a reader sees on paper.
    plainPdf = join(dir, 'plain.pdf');
    await page.goto(pathToFileURL(out).href, { waitUntil: 'load' });
    await page.pdf({ path: plainPdf, format: 'A4', printBackground: false });
    html = readFileSync(out, 'utf8');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // 10 pages before issue 23 added each option's who-pays/who-saves chart and table (13 with them).
  it('prints on at most 13 A4 pages', () => {
    const pages = pageCount(readFileSync(pdf));
    console.log(`[print] ${pages} A4 pages, ${markers} tables and figures`);
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(13);
  });

  it.skipIf(!HAVE_PDFTOTEXT)('splits no table or chart across pages', () => {
    const pages = pageCount(readFileSync(pdf));
    const pageOf = new Map<string, number>();
    for (let p = 1; p <= pages; p++) {
      const text = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' });
      for (const m of text.matchAll(/QQ(\d+)([az])/g)) pageOf.set(`${m[1]}${m[2]}`, p);
    }
    const split: string[] = [];
    for (let i = 1; i <= markers; i++) {
      const start = pageOf.get(`${i}a`);
      const end = pageOf.get(`${i}z`);
      expect(start, `marker QQ${i}a printed`).toBeDefined();
      expect(end, `marker QQ${i}z printed`).toBeDefined();
      if (start !== end) split.push(`table or figure ${i}: pages ${start}-${end}`);
    }
    expect(split).toEqual([]);
  });

  // Issue #28 item 6: read from the PDF's text positions, as a person would read the printout.
  it.skipIf(!HAVE_PDFTOTEXT)('leaves no heading stranded at the foot of a page, and no lone row on the last page', () => {
    const headings = [...html.matchAll(/<h[23][^>]*>([^<]+)<\/h[23]>/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&').replace(/&#39;/g, "'").trim()).filter((h) => h !== 'Try other values');
    expect(headings).toContain('Year by year');
    const pages = pdfWords(plainPdf);
    const stranded: string[] = [];
    pages.forEach((words, i) => {
      if (i === pages.length - 1) return;
      for (const line of pageLines(words).slice(-3)) if (headings.includes(line.text)) stranded.push(`page ${i + 1}: "${line.text}"`);
    });
    expect(stranded).toEqual([]);
    // The last page carries more than a row and the footer.
    const last = pageLines(pages[pages.length - 1] ?? []);
    expect(last.length).toBeGreaterThan(4);
  });

  it.skipIf(!HAVE_PDFTOTEXT)('prints no label over another (tornado ends "4" and "12" no longer read "42")', () => {
    const clashes = pdfWords(plainPdf).flatMap((words) => overprinted(words)).map(([a, b]) => `page ${a.page}: "${a.text}" over "${b.text}"`);
    expect(clashes).toEqual([]);
  });

  it.skipIf(!HAVE_PDFTOTEXT)('marks the reference team’s 30% on the burnout chart, says how many inputs the sensitivity table shows, and logs labels, not codes', () => {
    const text = pdfWords(plainPdf).flat().map((w) => w.text).join(' ');
    expect(text).toContain('Reference NHS team 30%');
    expect(html).toMatch(/It shows the 12 inputs with the widest swings of the \d+ analysed\./);
    expect(html).toContain('<td>Mental health inpatient bed day (mh-bed-day)</td>');
    expect(html).not.toContain('<td>mh-bed-day</td>');
    // The defaults' benefit fields are named once each, with their streams.
    expect(html).toMatch(/risk ratio with peer support \(benefits 1 to 3\)/);
  });
});
