/**
 * Issue #28 item 6: the live workbook prints like a board paper. Converted to PDF by
 * LibreOffice, the Cover, an option's Inputs sheet and the Appraisal sheet each print at
 * most 2 A4 pages wide (every page carries the sheet's name in its header, and a page of a
 * sheet that shows none of its column-A labels is a page to the right of the first); the
 * option sheets are named after the options; the Cover's paragraphs wrap, not run off.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Workbook } from 'exceljs';
import { runCli, suiteTempDir } from './run-cli.js';
import { cellText, readWorkbook } from './workbook.js';
import { HAVE_SOFFICE, SOFFICE, SOFFICE_INSTALL, sofficeConvert } from './libreoffice.js';
import { HAVE_PDFTOTEXT } from '../browser/pdf-text.js';
import { optionSheets } from '../../src/render/workbook/live.js';
import { IN_CI } from '../browser/chromium.js';

const RUN = (HAVE_SOFFICE && HAVE_PDFTOTEXT) || IN_CI;
if (!RUN) console.warn(`[workbook print test skipped] needs ${SOFFICE} and pdftotext (poppler-utils). Install: ${SOFFICE_INSTALL} poppler-utils`);

const TRIO = ['scenarios/baseline.yaml', 'scenarios/band3-fixed-term.yaml', 'scenarios/band4-permanent.yaml'];

describe('the live workbook’s page set-up (issue #28 item 6)', () => {
  let dir = '';
  let wb: Workbook;
  let xlsx = '';
  beforeAll(async () => {
    dir = suiteTempDir('workbook-print');
    xlsx = join(dir, 'options.xlsx');
    const r = await runCli(['compare', ...TRIO, '--format', 'xlsx', '--out', xlsx, '--quiet']);
    if (r.status !== 0) throw new Error(r.stderr);
    wb = await readWorkbook(xlsx);
  }, 120_000);

  it('names the option sheets after the options, within 31 characters, unique', () => {
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toContain('1 Baseline (current tea Inputs');
    expect(optionSheets(1, 'Baseline (current team)').inputs).toBe('1 Baseline (current tea Inputs');
    expect(names.some((n) => /^2 Band 3 fixed-term .* Monthly$/.test(n))).toBe(true);
    expect(names.every((n) => n.length <= 31)).toBe(true);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('sets A4 landscape, a print area and repeated titles; the Cover wraps its paragraphs', () => {
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup.paperSize, ws.name).toBe(9);
      expect(ws.pageSetup.orientation, ws.name).toBe('landscape');
    }
    const cover = wb.getWorksheet('Cover');
    const long = cover?.getColumn(1).values.find((v) => typeof v === 'string' && v.length > 200);
    expect(long).toBeDefined();
    const row = cover?.getColumn(1).values.indexOf(long as string) ?? 0;
    expect(cover?.getCell(row, 1).alignment?.wrapText).toBe(true);
    expect(cellText(cover?.getCell(1, 1) as never)).toContain('live cost-benefit model');
  });

  it.runIf(RUN)('prints the Cover, Inputs and Appraisal sheets each at most 2 A4 pages wide (LibreOffice PDF)', () => {
    const [pdf] = sofficeConvert([xlsx], dir, 'pdf');
    const pages = execFileSync('pdftotext', ['-layout', pdf as string, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).split('\f').filter((p) => p.trim() !== '');
    console.log(`[workbook print] ${pages.length} A4 pages`);
    for (const sheet of ['Cover', '1 Baseline (current tea Inputs', 'Appraisal']) {
      const ws = wb.getWorksheet(sheet);
      expect(ws, sheet).toBeDefined();
      const labels = (ws?.getColumn(1).values ?? []).filter((v): v is string => typeof v === 'string' && v.trim().length > 3).map((v) => v.trim().slice(0, 20));
      const own = pages.filter((p) => p.trimStart().split('\n')[0]?.trim() === sheet);
      expect(own.length, `${sheet}: pages with its name in the header`).toBeGreaterThan(0);
      const left = own.filter((p) => labels.some((l) => p.includes(l))).length;
      const right = own.length - left;
      console.log(`[workbook print] ${sheet}: ${own.length} pages, ${left} with column A`);
      // At most 2 pages wide: no more pages to the right of column A than pages with it.
      expect(right, sheet).toBeLessThanOrEqual(left);
    }
  }, 600_000);
});
