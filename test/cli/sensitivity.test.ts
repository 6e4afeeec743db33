/**
 * `peerplan sensitivity` through the real binary: golden output for a bundled
 * scenario, switching values checked against `run --set` on either side of them,
 * --baseline, --params, --range and the usage errors.
 */
import { describe, expect, it } from 'vitest';
import { csvRecords, expectGolden, runCli } from './run-cli.js';

const BAND3 = 'scenarios/band3-fixed-term.yaml';
const BAND4 = 'scenarios/band4-permanent.yaml';

interface Row {
  param: { path: string; base: number; low: number; high: number; range_source: string; percent: boolean };
  metric_low: number | null;
  metric_high: number | null;
  swing: number;
  moved_in: 'both' | 'option';
  switching: { kind: string; value?: number; inside_range?: boolean; favourable?: 'above' | 'below' };
}

async function sensitivity(args: string[]): Promise<{ doc: { baseline: { metric: number } | null; range: string; result: { base: number; decision: string | null; rows: Row[] } }; rowOf: (path: string) => Row }> {
  const r = await runCli(['sensitivity', ...args, '--format', 'json']);
  expect(r.status, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout);
  const rowOf = (path: string): Row => {
    const row = doc.result.rows.find((x: Row) => x.param.path === path);
    expect(row, path).toBeDefined();
    return row;
  };
  return { doc, rowOf };
}

/** A metric of `file`, with one input set through `run --set` if given. */
async function metricAt(file: string, metric: string, path?: string, value?: string): Promise<number> {
  const r = await runCli(['run', file, ...(path ? ['--set', `${path}=${value}`] : []), '--format', 'json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout).scenarios[0].metrics[metric];
}

const asValue = (row: Row, x: number): string => (row.param.percent ? `${x * 100}%` : String(x));

describe('golden output for the band 4 scenario', () => {
  it.each([
    ['table', 'txt'],
    ['json', 'json'],
    ['csv', 'csv'],
  ])('%s', async (format, ext) => {
    const r = await runCli(['sensitivity', BAND4, '--format', format]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expectGolden(`sensitivity-band4.${ext}`, r.stdout);
  });
});

describe('switching values', () => {
  it('without --baseline: NPV changes sign on either side of the value found', async () => {
    const { doc, rowOf } = await sensitivity([BAND4, '--params', 'benefits[0].relative_effect,delivery.caseload_per_wte,delivery.relationship_months,turnover.annual_leaver_rate']);
    expect(doc.result.decision).toBe('NPV is positive');
    expect(doc.result.base).toBeLessThan(0);
    // CORE's risk ratio: a stronger effect (a lower ratio) turns the NPV positive inside its interval.
    const row = rowOf('benefits[0].relative_effect');
    expect(row.switching).toMatchObject({ kind: 'switch', inside_range: true, favourable: 'below' });
    const x = row.switching.value as number;
    expect(x).toBeLessThan(row.param.base);
    expect(x).toBeGreaterThan(row.param.low);
    expect(await metricAt(BAND4, 'npv', 'benefits[0].relative_effect', String(x * 0.99))).toBeGreaterThan(0);
    expect(await metricAt(BAND4, 'npv', 'benefits[0].relative_effect', String(x * 1.01))).toBeLessThan(0);
    // Issue 26: above CORE's contact level (32 sessions × 4 months / 10 = 12.8 people per WTE) a
    // heavier caseload only dilutes each person's dose, so caseload no longer buys a positive NPV.
    expect(rowOf('delivery.caseload_per_wte').switching).toEqual({ kind: 'none' });
    // Shorter relationships give each person fewer of the sessions: below the contact level they buy nothing.
    expect(rowOf('delivery.relationship_months').switching).toEqual({ kind: 'none' });
    expect(rowOf('turnover.annual_leaver_rate').switching).toEqual({ kind: 'none' });
  });

  it('with --baseline: the options swap places on the metric on either side of the value found', async () => {
    const { doc, rowOf } = await sensitivity([
      BAND3,
      '--baseline',
      BAND4,
      '--metric',
      'cost_per_completed_episode',
      '--params',
      'delivery.caseload_per_wte,workforce.contract.renewal_probability,turnover.annual_leaver_rate',
    ]);
    const baseline = doc.baseline?.metric as number;
    expect(baseline).toBe(await metricAt(BAND4, 'cost_per_completed_episode'));
    expect(doc.result.base).toBeGreaterThan(baseline);
    expect(doc.result.decision).toBe('Band 3 fixed-term (12-month grants) beats Band 4 permanent, lived-experience supervision on cost per completed episode');

    // Caseload is the same in both options: moved in both, band 3 never catches up (issue 11).
    expect(rowOf('delivery.caseload_per_wte')).toMatchObject({ moved_in: 'both', switching: { kind: 'none' } });
    for (const path of ['workforce.contract.renewal_probability']) {
      const row = rowOf(path);
      expect(row.moved_in).toBe('option');
      expect(row.switching, path).toMatchObject({ kind: 'switch', inside_range: true, favourable: 'above' });
      const x = row.switching.value as number;
      // Lower cost per completed episode is better: band 3 loses below the value and wins above it.
      expect(await metricAt(BAND3, 'cost_per_completed_episode', path, asValue(row, x * 0.98)), path).toBeGreaterThan(baseline);
      expect(await metricAt(BAND3, 'cost_per_completed_episode', path, asValue(row, x * 1.02)), path).toBeLessThan(baseline);
    }
    expect(rowOf('turnover.annual_leaver_rate').switching).toEqual({ kind: 'none' });
  });

  it('says when a metric has no decision rule without --baseline', async () => {
    const { doc, rowOf } = await sensitivity([BAND4, '--metric', 'continuity', '--params', 'turnover.annual_leaver_rate']);
    expect(doc.result.decision).toBeNull();
    expect(rowOf('turnover.annual_leaver_rate').switching.kind).toBe('not_applicable');
  });
});

describe('--params and --range', () => {
  it('analyses only the inputs listed, a [*] path standing for every list item', async () => {
    const { doc } = await sensitivity([BAND4, '--params', 'turnover.annual_leaver_rate,benefits[*].attribution']);
    expect(doc.result.rows.map((r) => r.param.path).sort()).toEqual(['benefits[0].attribution', 'benefits[1].attribution', 'benefits[2].attribution', 'turnover.annual_leaver_rate']);
  });

  it('metric at each end equals a run with the input set there, and rows are widest swing first', async () => {
    const { doc, rowOf } = await sensitivity([BAND4, '--params', 'turnover.annual_leaver_rate,finance.overhead_rate,benefits[0].attribution']);
    const swings = doc.result.rows.map((r) => r.swing);
    expect([...swings].sort((a, b) => b - a)).toEqual(swings);
    const row = rowOf('finance.overhead_rate');
    expect(row.metric_low).toBe(await metricAt(BAND4, 'npv', 'finance.overhead_rate', asValue(row, row.param.low)));
    expect(row.metric_high).toBe(await metricAt(BAND4, 'npv', 'finance.overhead_rate', asValue(row, row.param.high)));
    expect(row.swing).toBeCloseTo(Math.abs((row.metric_high as number) - (row.metric_low as number)), 6);
  });

  it('replaces every range with ±--range around the base', async () => {
    const { doc, rowOf } = await sensitivity([BAND4, '--params', 'turnover.annual_leaver_rate,training.cpd_cost_per_wte_per_year', '--range', '30%']);
    expect(doc.range).toBe('±30%');
    const rate = rowOf('turnover.annual_leaver_rate');
    expect(rate.param).toMatchObject({ range_source: 'plus_minus' });
    expect(rate.param.low).toBeCloseTo(rate.param.base * 0.7, 12);
    expect(rate.param.high).toBeCloseTo(rate.param.base * 1.3, 12);
    expect(rowOf('training.cpd_cost_per_wte_per_year').param).toMatchObject({ low: 350, high: 650 });
  });

  it('writes one CSV row per input with the same figures as JSON', async () => {
    const args = [BAND4, '--params', 'turnover.annual_leaver_rate,benefits[0].relative_effect'];
    const { doc } = await sensitivity(args);
    const csv = csvRecords((await runCli(['sensitivity', ...args, '--format', 'csv'])).stdout);
    expect(csv.map((r) => r.input)).toEqual(doc.result.rows.map((r) => r.param.path));
    expect(csv[0]).toMatchObject({ input: 'benefits[0].relative_effect', switch: 'switch', switch_inside_range: 'true', favourable: 'below' });
    expect(Number(csv[0]?.metric_low)).toBeCloseTo(doc.result.rows[0]?.metric_low as number, 2);
  });
});

describe('usage errors', () => {
  it('suggests the input meant by an unknown --params entry', async () => {
    const r = await runCli(['sensitivity', BAND3, '--params', 'turnover.anual_leaver_rate']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('peerplan: --params: "turnover.anual_leaver_rate" is not a numeric input of this scenario (did you mean "turnover.annual_leaver_rate"?)\n');
  });

  it('suggests the metric meant by an unknown --metric', async () => {
    const r = await runCli(['sensitivity', BAND3, '--metric', 'npvv']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--metric: unknown metric "npvv" (did you mean "npv"?)');
  });

  it('refuses --baseline with a metric that has no better direction, and a bad --range', async () => {
    const r = await runCli(['sensitivity', BAND3, '--baseline', BAND4, '--metric', 'funded_budget']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('has no better direction');
    const range = await runCli(['sensitivity', BAND3, '--range', '0%']);
    expect(range.status).toBe(2);
    expect(range.stderr).toContain('--range must be a percentage above 0');
  });

  it('exits 1 with diagnostics for an invalid scenario or --set', async () => {
    const r = await runCli(['sensitivity', BAND3, '--set', 'turnover.annual_leaver_rate=140%']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error OUT_OF_RANGE');
    expect(r.stdout).toBe('');
  });
});

describe('screening (issue 28 item 10): by a one-at-a-time swing of the metric, never an input the scenario cannot use', () => {
  it('band 4 against the baseline with --max-inputs 10 analyses the inputs that move the NPV most, and lists the unused once', async () => {
    const r = await runCli(['sensitivity', BAND4, '--baseline', 'scenarios/baseline.yaml', '--max-inputs', '10', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout).result as { rows: Row[]; left_out: string[]; unused: string[] };
    const paths = result.rows.map((row) => row.param.path);
    expect(paths).toHaveLength(10);
    // Before: employer.annual_paybill and five volunteers.* inputs were analysed (flat bars) and the caseload left out.
    expect(paths).toContain('delivery.caseload_per_wte');
    expect(paths.some((p) => p.startsWith('volunteers.'))).toBe(false);
    expect(paths).not.toContain('employer.annual_paybill');
    expect(result.left_out.some((p) => p.startsWith('volunteers.'))).toBe(false);
    expect(result.unused).toContain('employer.annual_paybill'); // £250m against the £3m levy threshold: the range moves nothing
    expect(result.unused.some((p) => p.startsWith('volunteers.'))).toBe(false); // never offered to a paid team
    // Every analysed row moves the NPV at least as far as any left-out input would.
    const swings = result.rows.map((row) => row.swing);
    expect(Math.min(...swings)).toBeGreaterThan(0);
  });

  it('a voluntary team keeps its volunteers.* inputs', async () => {
    const doc = JSON.parse((await runCli(['sensitivity', BAND4, '--set', 'workforce.contract.type=voluntary', '--set', 'workforce.salary=0', '--format', 'json'])).stdout);
    const all = [...doc.result.rows.map((row: Row) => row.param.path), ...doc.result.left_out, ...doc.result.unused];
    expect(all).toContain('volunteers.annual_leaver_rate');
  });
});
