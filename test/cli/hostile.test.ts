/**
 * A scenario whose user text is hostile (test/fixtures/hostile/hostile-name.yaml): a
 * spreadsheet formula, terminal escape sequences, raw HTML, a javascript: link, a pipe,
 * a line break and characters XML cannot hold. Through the real binary, every output
 * must carry it as inert text (docs/OUTPUT.md, "User text in outputs").
 */
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, parseCsv, runCli, suiteTempDir } from './run-cli.js';

const HOSTILE = 'test/fixtures/hostile/hostile-name.yaml';
const BASELINE = 'scenarios/baseline.yaml';
/** How the hostile name starts: a formula. */
const FORMULA = '=HYPERLINK(';

/** Terminal control characters: C0 except line feed, DEL, C1, bidi overrides and isolates. */
const TERMINAL_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

async function ok(args: string[], cwd = ROOT): Promise<string> {
  const r = await runCli(args, { cwd });
  expect(r.stderr).not.toMatch(TERMINAL_CONTROLS);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** Every text cell of a CSV that starts like a formula is neutralised; numbers stay numbers. */
function expectInertCsv(text: string): string[][] {
  const rows = parseCsv(text);
  for (const cell of rows.flat()) {
    if (/^[=+@\t\r]/.test(cell) || (cell.startsWith('-') && !/^-\d/.test(cell))) throw new Error(`formula-like CSV cell: ${JSON.stringify(cell)}`);
  }
  expect(rows.flat().some((cell) => cell.startsWith(`'${FORMULA}`))).toBe(true);
  return rows;
}

describe('CSV: the hostile name cannot run as a formula', () => {
  it('run (long and wide) and compare (long and wide)', async () => {
    for (const args of [
      ['run', HOSTILE, '--format', 'csv'],
      ['run', HOSTILE, '--format', 'csv', '--wide', '--monthly'],
      ['compare', BASELINE, HOSTILE, '--format', 'csv'],
      ['compare', BASELINE, HOSTILE, '--format', 'csv', '--wide'],
    ]) {
      const rows = expectInertCsv(await ok(args));
      // A negative figure is still a number: the hostile scenario's first-year net is negative.
      expect(rows.flat().some((cell) => /^-\d+(\.\d+)?$/.test(cell))).toBe(true);
    }
  });

  it('batch: NAME.csv, comparison.csv and summary.csv', async () => {
    const dir = suiteTempDir('peerplan-hostile-batch-');
    copyFileSync(join(ROOT, HOSTILE), join(dir, 'hostile.yaml'));
    copyFileSync(join(ROOT, BASELINE), join(dir, 'baseline.yaml'));
    await ok(['batch', dir, '--out', join(dir, 'out'), '--format', 'csv']);
    for (const f of ['hostile.csv', 'comparison.csv', 'summary.csv']) expectInertCsv(readFileSync(join(dir, 'out', f), 'utf8'));
  });
});

describe('terminal: no control sequence reaches the screen', () => {
  it.each([
    ['run', ['run', HOSTILE]],
    ['run --monthly', ['run', HOSTILE, '--monthly']],
    ['compare', ['compare', BASELINE, HOSTILE]],
    ['explain', ['explain', HOSTILE, '--metric', 'total_benefit']],
    ['sensitivity', ['sensitivity', HOSTILE, '--params', 'delivery.caseload_per_wte']],
    ['sensitivity against a hostile baseline', ['sensitivity', BASELINE, '--baseline', HOSTILE, '--params', 'delivery.caseload_per_wte']],
    // Issue #24, N9: the newer outputs.
    ['simulate', ['simulate', BASELINE, HOSTILE, '--draws', '20']],
    ['compare --draws', ['compare', BASELINE, HOSTILE, '--draws', '20']],
  ])('%s', async (_, args) => {
    const out = await ok(args);
    expect(out).not.toMatch(TERMINAL_CONTROLS);
    // Shown, made harmless, on one line.
    expect(out).toContain('?[2J?]0;pwned??31m');
    expect(out).toContain('a|b c ?evil');
  });

  it('batch progress and messages name a hostile file name safely', async () => {
    const dir = suiteTempDir('peerplan-hostile-progress-');
    copyFileSync(join(ROOT, HOSTILE), join(dir, '\u001b[31mred\u0007.yaml'));
    const r = await runCli(['batch', dir, '--out', join(dir, 'out'), '--format', 'json', '--fail-on', 'npv>-1e12']);
    expect(r.stderr).toContain('?[31mred?.yaml');
    expect(r.stderr).not.toMatch(TERMINAL_CONTROLS);
  });
});

describe('N9 (issue #24): the --controls error print', () => {
  it.each([
    ['an unknown path naming the hostile baseline', 'turnover.annual_leaver_rat\u001b[31m\u0007\u009b2J\u202eevil\u0000'],
    ['a path that moves other defaults', 'turnover.annual_leaver_rate,\u001b]0;pwned\u0007'],
  ])('%s is shown with every control character made harmless', async (_, controls) => {
    const dir = suiteTempDir('peerplan-hostile-controls-');
    const r = await runCli(['report', HOSTILE, BASELINE, '--interactive', '--controls', controls, '--out', join(dir, 'page.html')]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('--controls');
    expect(r.stderr).not.toMatch(TERMINAL_CONTROLS);
    expect(r.stderr).toMatch(/\?\[31m\?|\?\]0;pwned\?/);
  });
});

describe('N9 (issue #24): every CSV output, simulate and --draws-out included, holds no control character', () => {
  it('simulate --format csv and --draws-out', async () => {
    const dir = suiteTempDir('peerplan-hostile-csv-');
    const csv = await ok(['simulate', BASELINE, HOSTILE, '--draws', '20', '--format', 'csv', '--draws-out', join(dir, 'draws.csv'), '--quiet']);
    for (const text of [csv, readFileSync(join(dir, 'draws.csv'), 'utf8')]) {
      expect(text.replace(/\r\n/g, '\n').replace(/"[^"]*"/g, (q) => q.replace(/\n/g, ' '))).not.toMatch(TERMINAL_CONTROLS);
      expectInertCsv(text);
    }
  });
});

describe('Markdown: no HTML, link or broken table from a name', () => {
  it.each([
    ['run', ['run', HOSTILE, '--format', 'markdown']],
    ['compare', ['compare', BASELINE, HOSTILE, '--format', 'markdown']],
    ['simulate', ['simulate', BASELINE, HOSTILE, '--draws', '20', '--format', 'markdown']],
  ])('%s', async (_, args) => {
    const md = await ok(args);
    // peerplan's own Markdown has no HTML and no links: every < and [ is the name's, escaped.
    // (Input paths such as benefits[0].quantity are ours: a [0] not followed by ( is no link.)
    expect(md.replace(/`[^`\n]*`/g, '').replace(/\b[a-z_]+\[\d+\]/g, '')).not.toMatch(/(^|[^\\])[<[]/m);
    expect(md).toContain('\\<img src=x onerror=alert(1)\\> \\[go\\](javascript:alert(1))');
    expect(md).not.toMatch(TERMINAL_CONTROLS);
    // Every table row has the same number of unescaped pipes as its header.
    for (const block of md.split('\n\n').filter((b) => b.startsWith('| '))) {
      const counts = block.split('\n').filter((line) => line !== '').map((line) => line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length);
      expect(new Set(counts).size, block).toBe(1);
    }
  });
});

describe('workbook: well-formed XML whatever the names hold', () => {
  it('every part parses as XML 1.0 and the names read back', async () => {
    const dir = suiteTempDir('peerplan-hostile-xlsx-');
    const out = join(dir, 'hostile.xlsx');
    await ok(['compare', BASELINE, HOSTILE, '--format', 'xlsx', '--xlsx-values', '--out', out]);
    const JSZip = ((await import('jszip')) as unknown as { default: typeof import('jszip') }).default;
    const { SaxesParser } = await import('saxes');
    const zip = await JSZip.loadAsync(readFileSync(out));
    const parts = Object.keys(zip.files).filter((name) => name.endsWith('.xml') || name.endsWith('.rels'));
    expect(parts.length).toBeGreaterThan(5);
    for (const name of parts) {
      const xml = await zip.file(name)?.async('string');
      const parser = new SaxesParser({ xmlns: false });
      const errors: string[] = [];
      parser.on('error', (e) => errors.push(`${name}: ${e.message}`));
      parser.write(xml ?? '').close();
      expect(errors).toEqual([]);
    }
    const { readWorkbook, cellText } = await import('./workbook.js');
    const wb = await readWorkbook(out);
    const sheets = wb.worksheets.map((ws) => ws.name);
    expect(sheets).toHaveLength(5);
    for (const s of sheets) expect(s.length).toBeLessThanOrEqual(31);
    const title = cellText(wb.getWorksheet(sheets[2] as string)?.getCell('A1') as never);
    expect(title.startsWith(FORMULA)).toBe(true);
    expect(title).toContain('\ufffd\ufffd');
    // Stored escaped (`_x005F_x0041_`), so a reader shows it as typed rather than as "A".
    expect(title).toContain(' _x0041_');
  });
});

describe('live workbook: well-formed XML whatever the names hold', () => {
  it('every part parses as XML 1.0, and a name that looks like a formula stays text', async () => {
    const dir = suiteTempDir('peerplan-hostile-live-');
    const out = join(dir, 'hostile.xlsx');
    await ok(['compare', BASELINE, HOSTILE, '--format', 'xlsx', '--out', out]);
    const JSZip = ((await import('jszip')) as unknown as { default: typeof import('jszip') }).default;
    const { SaxesParser } = await import('saxes');
    const zip = await JSZip.loadAsync(readFileSync(out));
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
      const parser = new SaxesParser({ xmlns: false });
      const errors: string[] = [];
      parser.on('error', (e) => errors.push(`${name}: ${e.message}`));
      parser.write((await zip.file(name)?.async('string')) ?? '').close();
      expect(errors).toEqual([]);
    }
    const { readWorkbook, cellText } = await import('./workbook.js');
    const wb = await readWorkbook(out);
    const title = cellText(wb.worksheets.find((w) => w.name.startsWith('2 ') && w.name.endsWith(' Inputs'))?.getCell('A1') as never);
    expect(title.startsWith(FORMULA)).toBe(true);
  });
});

describe('HTML report: every interpolation escaped', () => {
  it('no element, attribute or link comes from a name', async () => {
    const dir = suiteTempDir('peerplan-hostile-html-');
    const out = join(dir, 'report.html');
    await ok(['report', BASELINE, HOSTILE, '--out', out, '--no-sensitivity']);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });
});
