/**
 * One naming scheme (issue #28, 7): every metric name the CSV shows can be given to
 * `explain --metric` (the figure, under its CSV name) or gets a did-you-mean to the
 * figure that traces it; the options that take a metric accept the CSV's names of the
 * catalogue's metrics (`cost_discounted`, `wte_in_post`, `cost.total`, …).
 */
import { describe, expect, it } from 'vitest';
import { BUNDLED, csvRecords, runCli } from './run-cli.js';
import { METRIC_ALIASES } from '../../src/metrics/catalogue.js';

describe('explain --metric with every CSV metric name', async () => {
  const names = new Set<string>();
  for (const file of BUNDLED) {
    const r = await runCli(['run', file, '--format', 'csv', '--monthly']);
    for (const row of csvRecords(r.stdout)) names.add(row.metric!);
  }
  const wide = await runCli(['compare', ...BUNDLED, '--format', 'csv', '--wide']);
  for (const column of wide.stdout.split('\r\n')[0]!.split(',').slice(2)) names.add(column);

  it('finds the names (long and wide CSV of every bundled option)', () => {
    expect(names.size).toBeGreaterThan(90);
    expect(names).toContain('cost.supervision');
    expect(names).toContain('wte_in_post');
  });

  it.each([...names].sort())('%s: explained, or a did-you-mean that explains', async (name) => {
    const r = await runCli(['explain', 'scenarios/band4-permanent.yaml', '--metric', name, '--depth', '1', '--format', 'json']);
    if (r.status === 0) return;
    expect(r.status, r.stderr).toBe(2);
    if (name === 'months') {
      expect(r.stderr).toContain('not a calculated figure');
      return;
    }
    const guess = /did you mean "([^"]+)"/.exec(r.stderr)?.[1];
    expect(guess, r.stderr).toBeDefined();
    const again = await runCli(['explain', 'scenarios/band4-permanent.yaml', '--metric', guess!, '--depth', '1', '--format', 'json']);
    expect(again.status, again.stderr).toBe(0);
  });

  it('cost.supervision is the supervision cost component', async () => {
    const a = await runCli(['explain', 'scenarios/band4-permanent.yaml', '--metric', 'cost.supervision', '--format', 'json']);
    const b = await runCli(['explain', 'scenarios/band4-permanent.yaml', '--metric', 'supervision', '--format', 'json']);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('the CSV names of catalogue metrics are accepted wherever a metric is', () => {
  it.each(Object.entries(METRIC_ALIASES))('%s means %s in --metrics, --sort and --fail-on', async (alias, key) => {
    const a = await runCli(['compare', 'scenarios/baseline.yaml', 'scenarios/band4-permanent.yaml', '--metrics', alias, '--sort', alias, '--format', 'json']);
    const b = await runCli(['compare', 'scenarios/baseline.yaml', 'scenarios/band4-permanent.yaml', '--metrics', key, '--sort', key, '--format', 'json']);
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('the long CSV names a horizon total as its per-period figure (cost_discounted, not total_cost_discounted)', async () => {
    const r = await runCli(['run', 'scenarios/baseline.yaml', '--format', 'csv']);
    const metrics = new Set(csvRecords(r.stdout).map((row) => row.metric));
    expect(metrics).toContain('cost_discounted');
    expect(metrics).not.toContain('total_cost_discounted');
    expect(metrics).not.toContain('wte_in_post_mean');
  });
});

describe('numbers in the CSV stay numbers', () => {
  it('sweep CSV: a varied percentage is a fraction (40% → 0.4), a count a number', async () => {
    const r = await runCli(['sweep', 'scenarios/band3-fixed-term.yaml', '--vary', 'turnover.annual_leaver_rate=20%..40%:20%', '--vary', 'supervision.workers_per_supervisor=6..8:2', '--format', 'csv', '--metrics', 'npv']);
    expect(r.status).toBe(0);
    const rows = csvRecords(r.stdout);
    expect(rows.map((row) => row['turnover.annual_leaver_rate'])).toEqual(['0.2', '0.2', '0.4', '0.4']);
    expect(rows.map((row) => row['supervision.workers_per_supervisor'])).toEqual(['6', '8', '6', '8']);
  });

  it('compare --wide: payback_month is a number of months as in the long form, its date in payback_date', async () => {
    const wide = csvRecords((await runCli(['compare', 'scenarios/band4-permanent.yaml', 'scenarios/scale-up.yaml', '--format', 'csv', '--wide'])).stdout);
    const long = csvRecords((await runCli(['compare', 'scenarios/band4-permanent.yaml', 'scenarios/scale-up.yaml', '--format', 'csv'])).stdout).filter((row) => row.metric === 'payback_month');
    for (const [i, row] of wide.entries()) {
      expect(row.payback_month).toBe(long[i]!.value);
      expect(row.payback_date).toBe(long[i]!.month);
      if (row.payback_month !== '') expect(Number.isInteger(Number(row.payback_month))).toBe(true);
    }
  });
});
