import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/read/load-scenario.js';
import { loadReference } from '../../src/reference/load.js';
import { project } from '../../src/engine/project.js';
import type { Projected } from '../../src/result/document.js';
import type { ExplainNode } from '../../src/explain/node.js';
import { explain } from '../../src/explain/tree.js';
import { EXPLAIN_METRICS, HORIZON_ONLY, parseMetric, parseYear, type ScopeRequest } from '../../src/explain/metrics.js';
import { COST_COMPONENTS, type Metrics } from '../../src/engine/result.js';
import { parseOverride } from '../../src/read/overrides.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BUNDLED = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `scenarios/${f}`);

async function load(file: string, cwd = ROOT, sets: string[] = []): Promise<Projected> {
  const { loaded, diagnostics } = await loadScenario(file, { cwd, overrides: sets.map(parseOverride) });
  if (!loaded) throw new Error(`${file}: ${JSON.stringify(diagnostics)}`);
  return { loaded, scenario: loaded.scenario, result: project(loaded.scenario, loadReference(loaded.scenario.reference)) };
}

const tree = (p: Projected, metric: string, scope: ScopeRequest = { kind: 'horizon' }): ExplainNode =>
  explain(p, loadReference(p.scenario.reference), { metric, scope });

function* walk(n: ExplainNode, depth = 0): Generator<[ExplainNode, number]> {
  yield [n, depth];
  for (const c of n.children) yield* walk(c, depth + 1);
}

const pence = (x: number): number => Math.round(x * 100);
const isMoney = (n: ExplainNode): boolean => n.unit === '£';

/** The checks every tree must pass; returns the problems found, as text. */
function problems(root: ExplainNode): string[] {
  const out: string[] = [];
  const seen = new Set<number>();
  for (const [n] of walk(root)) {
    if (n.id !== undefined) {
      if (seen.has(n.id)) out.push(`${n.label}: id ${n.id} used twice`);
      seen.add(n.id);
    }
    const values = Array.isArray(n.value) ? n.value : [n.value];
    for (const v of values) if (typeof v === 'number' && !Number.isFinite(v)) out.push(`${n.label}: value ${v}`);
    if (n.see !== undefined) {
      if (!seen.has(n.see)) out.push(`${n.label}: see [${n.see}] does not point to a step above`);
      if (n.children.length > 0) out.push(`${n.label}: a pointer with children`);
    } else if (n.children.length === 0) {
      if (!n.origin) out.push(`${n.label}: a leaf without an origin`);
      if (n.input === undefined && n.reference === undefined) out.push(`${n.label}: a leaf that is neither an input nor a reference value`);
    } else if (!n.formula) {
      out.push(`${n.label}: a step without a formula`);
    }
    if (n.children.length > 0 && !n.section) out.push(`${n.label}: no MODEL.md section`);
    if (n.op === 'sum' && typeof n.value === 'number') {
      const kids = n.children.map((c) => c.value as number);
      const ok = isMoney(n) ? pence(n.value) === kids.reduce((a, v) => a + pence(v), 0) : Math.abs(n.value - kids.reduce((a, v) => a + v, 0)) < 1e-9;
      if (!ok) out.push(`${n.label}: ${n.value} is not the sum of its children ${kids.join(' + ')}`);
    }
    if (n.op === 'difference' && typeof n.value === 'number') {
      const [a, b] = n.children.map((c) => c.value as number);
      if (pence(n.value) !== pence(a as number) - pence(b as number)) out.push(`${n.label}: ${n.value} ≠ ${a} − ${b}`);
    }
  }
  return out;
}

describe('explain trees for every bundled scenario, metric and period', () => {
  it.each(BUNDLED)('%s: every leaf has an origin, nothing is NaN, sums add to the penny', async (file) => {
    const p = await load(file);
    const scopes: ScopeRequest[] = [
      { kind: 'horizon' },
      ...p.result.years.map((y) => ({ kind: 'year' as const, year: y.year })),
      { kind: 'month', month: p.result.months[0]!.month },
      { kind: 'month', month: p.result.months[p.result.months.length - 1]!.month },
    ];
    let trees = 0;
    for (const metric of EXPLAIN_METRICS) {
      for (const scope of scopes) {
        if (scope.kind !== 'horizon' && HORIZON_ONLY.has(metric)) continue;
        const root = tree(p, metric, scope);
        expect(problems(root), `${metric} ${JSON.stringify(scope)}`).toEqual([]);
        trees++;
      }
    }
    expect(trees).toBeGreaterThan(EXPLAIN_METRICS.length * 5);
  });

  it.each(BUNDLED)('%s: the root is the figure the engine reports, for the horizon and each year', async (file) => {
    const p = await load(file);
    const m = p.result.metrics;
    for (const key of Object.keys(m) as (keyof Metrics)[]) {
      expect(tree(p, key).value, key).toBe(m[key]);
    }
    for (const y of p.result.years) {
      const at = (metric: string): ExplainNode['value'] => tree(p, metric, { kind: 'year', year: y.year }).value;
      expect(at('total_cost')).toBe(y.cost.total);
      for (const c of COST_COMPONENTS) expect(at(c)).toBe(y.cost[c]);
      expect(at('total_cost_discounted')).toBe(y.cost_discounted);
      expect(at('funded_budget')).toBe(y.funded_budget);
      expect(at('total_benefit')).toBe(y.benefits.total);
      expect(at('total_benefit_discounted')).toBe(y.benefits_discounted);
      expect(at('net')).toBe(y.net);
      expect(at('wte_in_post_mean')).toBe(y.wte_in_post);
      expect(at('funded_wte')).toBe(y.funded_wte);
      expect(at('vacancy_rate')).toBe(y.vacancy_rate);
      expect(at('leavers')).toBe(y.leavers);
      expect(at('hires')).toBe(y.hires);
      expect(at('burnout_risk_mean')).toBe(y.burnout_risk);
      expect(at('continuity')).toBe(y.continuity);
      expect(at('episodes')).toBe(y.episodes);
      expect(at('completed_episodes')).toBe(y.completed_episodes);
    }
    const first = p.result.months[0]!;
    const month = (metric: string): ExplainNode['value'] => tree(p, metric, { kind: 'month', month: first.month }).value;
    expect(month('total_cost')).toBe(first.cost.total);
    expect(month('productive_wte')).toBe(first.productive_wte);
    expect(month('burnout_risk_mean')).toBe(first.burnout_risk);
    expect(month('continuity_probability')).toBe(first.continuity_probability);
    expect(month('total_benefit')).toBe(first.benefits.total);
  });
});

describe('the Band 4 worked example (docs/MODEL.md §1.3)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'peerplan-explain-'));
    // 1.0 WTE, Band 4 top, local pension, twelve months of 2025/26, nothing but pay and on-costs.
    writeFileSync(
      join(dir, 'worked.yaml'),
      [
        'peerplan: 1',
        'horizon: { start: 2025-04, years: 1 }',
        'workforce: { funded_wte: 1, band: 4, pay_point: top }',
        'supervision: { hours_per_worker_per_month: 0 }',
        'turnover: { annual_leaver_rate: 0 }',
        'training: { cpd_cost_per_wte_per_year: 0 }',
        'finance: { overhead_rate: 0, pension: local }',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pay + NI + pension + levy match the annual figures to the penny', async () => {
    const p = await load('worked.yaml', dir);
    const year = parseYear('2025', p.result);
    const value = (metric: string): number => tree(p, metric, year).value as number;
    expect(value('pay')).toBe(30162);
    expect(value('employer_ni')).toBe(3774.3);
    expect(value('pension')).toBe(4337.3);
    expect(value('levy')).toBe(150.81);
    const total = tree(p, 'total_cost', year);
    expect(total.value).toBe(38424.41);
    expect(total.op).toBe('sum');
    expect(total.children.map((c) => c.value)).toEqual([30162, 3774.3, 4337.3, 150.81, 0, 0, 0, 0]);

    // The steps under NI: A = £30,162 (no uplift in 2025/26), NI(A) = 15% × (30,162 − 5,000).
    const ni = tree(p, 'employer_ni', year);
    const niPerWte = ni.children.find((c) => c.label.startsWith('Employer NI per WTE-year'))!;
    expect(niPerWte.value).toBeCloseTo(3774.3, 9);
    const [annualPay, rate, threshold] = niPerWte.children;
    expect(annualPay!.value).toBe(30162);
    expect(rate).toMatchObject({ value: 0.15, reference: 'on_costs.employer_ni_rate', origin: { kind: 'reference', source: 'hmrc_ni_2025' } });
    expect(threshold).toMatchObject({ value: 5000, reference: 'on_costs.employer_ni_threshold' });
    expect(problems(ni)).toEqual([]);
  });

  it('traces inputs to the file, the line and column, defaults and the reference data', async () => {
    const p = await load('worked.yaml', dir);
    const pay = tree(p, 'pay', parseYear('2025/26', p.result));
    const leaves = [...walk(pay)].map(([n]) => n).filter((n) => n.children.length === 0 && n.see === undefined);
    const byLabel = new Map(leaves.map((n) => [n.label, n]));
    expect(byLabel.get('workforce.band')?.origin).toEqual({ kind: 'file', file: 'worked.yaml', line: 3, column: 35, inherited: false });
    expect(byLabel.get('workforce.salary')?.origin).toMatchObject({ kind: 'default' });
    expect(byLabel.get('Band 4 pay points')).toMatchObject({
      value: [27485, 30162],
      origin: { kind: 'reference', dataset: 'afc-2025-26', key: 'pay.bands.points.4', source: 'afc_pay_2025_26', citation: expect.stringContaining('NHS Employers') },
    });
  });

  it('records a --set value as coming from the command line', async () => {
    const p = await load('worked.yaml', dir, ['turnover.annual_leaver_rate=25%']);
    const leaf = [...walk(tree(p, 'leavers'))].map(([n]) => n).find((n) => n.input === 'turnover.annual_leaver_rate');
    expect(leaf).toMatchObject({ value: 0.25, origin: { kind: 'set', expression: '--set turnover.annual_leaver_rate=25%' } });
  });
});

describe('explain options', () => {
  it('suggests a metric for a misspelling and accepts burnout_risk for the mean', () => {
    expect(() => parseMetric('total_cots')).toThrow(/did you mean "total_cost"/);
    expect(() => parseMetric('nvp')).toThrow(/Known metrics: total_cost, /);
    expect(parseMetric('burnout_risk')).toBe('burnout_risk_mean');
    expect(parseMetric('pension')).toBe('pension');
  });

  it('reads a financial year three ways and lists the valid years otherwise', async () => {
    const p = await load('scenarios/baseline.yaml');
    expect(parseYear('2027', p.result)).toEqual({ kind: 'year', year: '2027/28' });
    expect(parseYear('2027/28', p.result)).toEqual({ kind: 'year', year: '2027/28' });
    expect(parseYear('2027-28', p.result)).toEqual({ kind: 'year', year: '2027/28' });
    expect(() => parseYear('2035', p.result)).toThrow('2035/36 is outside the horizon. Financial years in this projection: 2026/27, 2027/28, 2028/29, 2029/30, 2030/31');
    expect(() => parseYear('2027/29', p.result)).toThrow(/not a financial year/);
  });
});

describe('docs/OUTPUT.md', () => {
  it('documents every field of an explain node', async () => {
    const doc = readFileSync(join(ROOT, 'docs', 'OUTPUT.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## explain'));
    const p = await load('scenarios/band3-fixed-term.yaml');
    const fields = new Set<string>();
    for (const metric of ['total_cost', 'npv', 'continuity']) for (const [n] of walk(tree(p, metric))) Object.keys(n).forEach((k) => fields.add(k));
    expect([...fields].sort()).toEqual(['children', 'formula', 'id', 'input', 'label', 'op', 'origin', 'reference', 'section', 'see', 'unit', 'value']);
    for (const f of fields) expect(section, f).toContain(`| \`${f}\` |`);
  });
});
