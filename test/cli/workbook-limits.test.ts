/**
 * Issue 24, N7: a live workbook holds at most MAX_LIVE_OPTIONS options (its Comparison
 * sheet ranks each option in one formula, and Excel takes formulas of at most 8,192
 * characters; memory grew 12–22 MB an option before the workbook was streamed). More is
 * refused before any file is read, with the estimate, exit 2; a batch refuses only its
 * comparison workbook, still writes everything else and accounts for itself (summaries
 * written, the lock and temporary files gone). Memory itself is measured by `npm run bench`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, suiteTempDir } from './run-cli.js';
import { MAX_LIVE_OPTIONS, MAX_VALUES_OPTIONS, liveWorkbookRefusal, valuesWorkbookRefusal } from '../../src/render/workbook/limits.js';
import { simulationRefusal } from '../../src/uncertainty/memory.js';

const dir = suiteTempDir('peerplan-wb-limits-');
const COUNT = MAX_LIVE_OPTIONS + 1;

/** COUNT copies of the baseline (one-year horizons, to keep the batch quick), in `in/`. */
function options(): string[] {
  const folder = join(dir, 'in');
  if (!existsSync(folder)) {
    mkdirSync(folder);
    const text = readFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), 'utf8').replace(/years: 5/, 'years: 1');
    for (let i = 1; i <= COUNT; i++) writeFileSync(join(folder, `s${String(i).padStart(3, '0')}.yaml`), text.replace(/^baseline: true.*\n/m, '').replace(/^name: .*$/m, `name: Option ${i}`));
  }
  return readdirSync(folder).map((f) => join('in', f));
}

describe(`a live workbook of more than ${MAX_LIVE_OPTIONS} options`, () => {
  it('is refused with the estimate of its size and memory', () => {
    expect(liveWorkbookRefusal(MAX_LIVE_OPTIONS)).toBeNull();
    expect(liveWorkbookRefusal(600)).toMatch(/at most 100 options, and these are 600 \(it would be about \d+ MB and need about [\d,]+ MB of memory/);
  });

  for (const command of [['report'], ['run', '--format', 'xlsx'], ['compare', '--format', 'xlsx']]) {
    it(`${command[0]}: exit 2 before any file is read, nothing written`, async () => {
      const files = options();
      const r = await runCli([...command, ...files, '--out', 'book.xlsx'], { cwd: dir });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`at most ${MAX_LIVE_OPTIONS} options, and these are ${COUNT}.*--xlsx-values`, 's'));
      expect(existsSync(join(dir, 'book.xlsx'))).toBe(false);
    });
  }

  it(`report --xlsx-values: more than ${MAX_VALUES_OPTIONS} options refused the same way (a values workbook is built whole: 600 options took 2.5 GB)`, async () => {
    const folder = join(dir, 'values');
    mkdirSync(folder);
    const text = readFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), 'utf8');
    const files = Array.from({ length: MAX_VALUES_OPTIONS + 1 }, (_, i) => {
      const file = join(folder, `v${i}.yaml`);
      writeFileSync(file, text);
      return file;
    });
    const r = await runCli(['report', ...files, '--xlsx-values', '--out', 'values.xlsx'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`values workbook \\(--xlsx-values\\) holds at most ${MAX_VALUES_OPTIONS} options, and these are ${MAX_VALUES_OPTIONS + 1} \\(it would need about [\\d,]+ MB`));
    expect(existsSync(join(dir, 'values.xlsx'))).toBe(false);
    expect(valuesWorkbookRefusal(MAX_VALUES_OPTIONS)).toBeNull();
  });

  it('batch --format xlsx,json: every file and summary written, the comparison workbook refused (exit 3), no lock or temporary file left', async () => {
    options();
    const r = await runCli(['batch', 'in', '--format', 'xlsx,json', '--out', 'out', '--quiet'], { cwd: dir });
    expect(r.stderr).toMatch(/comparison\.xlsx not written: a live workbook \(--format xlsx\) holds at most 100 options/);
    expect(r.status).toBe(3);
    const written = readdirSync(join(dir, 'out'));
    expect(written.filter((f) => f.endsWith('.xlsx'))).toHaveLength(COUNT);
    expect(written.filter((f) => /^s\d+\.json$/.test(f))).toHaveLength(COUNT);
    for (const f of ['comparison.json', 'summary.json', 'summary.csv']) expect(written).toContain(f);
    expect(written).not.toContain('comparison.xlsx');
    expect(written.filter((f) => f.startsWith('.') || f.includes('.tmp'))).toEqual([]);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.counts).toMatchObject({ scenarios: COUNT, ok: COUNT, output_errors: 1 });
    expect(summary.comparison.outputs).toEqual(['comparison.json']);
  }, 600_000);
});

describe('a probabilistic analysis too large for memory (report --draws at 30 years)', () => {
  it('is refused before any draw, with the estimate and the most draws that fit (exit 2, nothing written)', async () => {
    const started = Date.now();
    const r = await runCli(['report', 'scenarios/baseline.yaml', 'scenarios/scale-up.yaml', '--years', '30', '--draws', '1000000', '--out', join(dir, 'big.html')], { cwd: ROOT });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--draws 1,000,000 would hold about [\d.]+ GB of draws in memory \(2 options of up to 360 months, each draw’s cost by month kept for the fan chart\), more than the 1\.0 GB allowed: use at most --draws [\d,]+/);
    expect(existsSync(join(dir, 'big.html'))).toBe(false);
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('the same draws without the fan chart (an .xlsx report) fit and are not refused by the estimate', () => {
    expect(simulationRefusal(1_000_000, { inputs: 30, months: [360, 360], fan: false })).toBeNull();
    expect(simulationRefusal(100_000, { inputs: 60, months: [360, 360], fan: true })).toBeNull();
    expect(simulationRefusal(1_000_000, { inputs: 60, months: [360, 360], fan: true })).not.toBeNull();
  });
});
