/**
 * The long CSV is tidy: pandas and R read `value` as numbers for every bundled
 * comparison (options that pay back included), every row has a unit, and a metric has
 * one name across periods. The pandas snippet in docs/OUTPUT.md runs where pandas is
 * installed; a strict CSV reader checks the same everywhere.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BUNDLED, ROOT, runBinary, runCli, tempDir } from './run-cli.js';

const COLUMNS = ['option', 'file', 'period_type', 'period', 'fiscal_year', 'month', 'metric', 'value', 'unit'];

interface Row {
  option: string;
  file: string;
  period_type: string;
  period: string;
  fiscal_year: string;
  month: string;
  metric: string;
  value: string;
  unit: string;
}

/** Strict: every row has exactly the header's fields, quotes are well formed, CRLF line ends. */
function readStrict(csv: string): Row[] {
  return parse(csv, { columns: true, relax_column_count: false, relax_quotes: false, record_delimiter: '\r\n', bom: false }) as Row[];
}

function compareCsv(args: string[] = [], command = 'compare', files = BUNDLED): string {
  const r = runBinary([command, ...files, '--format', 'csv', ...args]);
  expect(r.status, r.stderr).toBe(0); // warnings (a lone worker) go to stderr
  return r.stdout;
}

/** A python3 that has pandas, if any. */
function pandasPython(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(python, ['-c', 'import pandas'], { encoding: 'utf8' });
    if (r.status === 0) return python;
  }
  return undefined;
}

describe('tidy long CSV', () => {
  it('has typed columns: value numeric (or empty) on every row of every bundled comparison, monthly too', () => {
    for (const csv of [compareCsv(), compareCsv(['--monthly'], 'run', ['scenarios/baseline.yaml', 'scenarios/vcse-grant-funded.yaml'])]) {
      expect(csv.split('\r\n')[0]).toBe(COLUMNS.join(','));
      const rows = readStrict(csv);
      expect(rows.length).toBeGreaterThan(100);
      for (const row of rows) {
        expect(row.value === '' || Number.isFinite(Number(row.value)), `${row.option} ${row.period} ${row.metric} = ${row.value}`).toBe(true);
        expect(row.unit, `unit of ${row.metric} (${row.period_type})`).not.toBe('');
        expect(['year', 'month', 'total']).toContain(row.period_type);
        if (row.period_type === 'month') expect(row.month).toMatch(/^\d{4}-\d{2}$/);
        if (row.period_type !== 'total') expect(row.fiscal_year).toMatch(/^\d{4}\/\d{2}$/);
      }
    }
  });

  it('puts the payback month in the month column and its distance from the start in value', async () => {
    const rows = readStrict(compareCsv()).filter((r) => r.metric === 'payback_month');
    const paid = rows.filter((r) => r.month !== '');
    expect(paid.length).toBeGreaterThan(0); // the VCSE option pays back
    for (const r of paid) {
      const json = JSON.parse((await runCli(['run', r.file, '--format', 'json'])).stdout);
      const months: Array<{ month: string }> = json.scenarios[0].months;
      expect(r.month).toBe(json.scenarios[0].metrics.payback_month);
      expect(months[Number(r.value) - 1]?.month).toBe(r.month);
    }
    for (const r of rows.filter((x) => x.month === '')) expect(r.value).toBe('');
  });

  it('names a quantity the same in every period, and the yearly rows add up to the total', () => {
    const rows = readStrict(compareCsv());
    for (const metric of ['cost.total', 'benefits.total', 'cost.pay', 'leavers', 'episodes']) {
      for (const option of new Set(rows.map((r) => r.option))) {
        const mine = rows.filter((r) => r.option === option && r.metric === metric);
        const years = mine.filter((r) => r.period_type === 'year');
        const total = mine.filter((r) => r.period_type === 'total');
        expect(years.length, `${option} ${metric} years`).toBeGreaterThan(0);
        expect(new Set(mine.map((r) => r.unit)).size, `${metric} has one unit`).toBe(1);
        if (total.length === 1 && (metric.startsWith('cost') || metric.startsWith('benefits'))) {
          const sum = years.reduce((a, r) => a + Number(r.value), 0);
          expect(Math.abs(sum - Number(total[0]?.value)), `${option} ${metric}`).toBeLessThan(0.011);
        }
      }
    }
    expect(rows.some((r) => r.metric === 'total_cost')).toBe(false);
  });

  it('runs the pandas snippet from docs/OUTPUT.md (where pandas is installed)', (ctx) => {
    const python = pandasPython();
    if (!python) ctx.skip();
    const docs = readFileSync(join(ROOT, 'docs', 'OUTPUT.md'), 'utf8');
    const snippet = /```python\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(snippet).toBeDefined();
    const dir = tempDir();
    writeFileSync(join(dir, 'options.csv'), compareCsv());
    const r = spawnSync(python as string, ['-c', snippet as string], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('cost.total');
    expect(r.stdout).toContain('bcr');
  }, 120_000);
});
