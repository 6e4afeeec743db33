/**
 * `peerplan simulate`: the "done when" list, on the built binary.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBinary, runCli, suiteTempDir } from './run-cli.js';
import { cellText, readWorkbook } from './workbook.js';

const PAIR = ['scenarios/baseline.yaml', 'scenarios/band4-permanent.yaml'];
const STATS = ['p5', 'p10', 'p50', 'p90', 'p95'] as const;

interface Summary { mean: number; mcse: number; p5: number; p10: number; p50: number; p90: number; p95: number; n: number }
interface Doc {
  draws: number;
  seed: number;
  options: { name: string; deterministic: Record<string, number | null>; metrics: Record<string, Summary>; probability_best: number; probability_npv_positive: number }[];
  value_of_information: { evpi_per_decision: number; noise_floor: number; warnings: string[]; evppi: { name: string; inputs: string[]; per_decision: number; se: number; below_noise_floor: boolean }[] };
  acceptability: { wtp: number[]; probability_best: number[][] }[];
  inputs: { path: string }[];
}

function simulate(args: string[], env: Record<string, string> = {}): { text: string; doc: Doc } {
  const r = runBinary(['simulate', ...args, '--format', 'json'], { env, timeout: 120_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return { text: r.stdout, doc: JSON.parse(r.stdout) as Doc };
}

describe('peerplan simulate', () => {
  const first = simulate([...PAIR, '--draws', '2000', '--seed', '7']);

  it('is byte-identical run to run, and in another time zone and locale; another seed differs', () => {
    expect(simulate([...PAIR, '--draws', '2000', '--seed', '7']).text).toBe(first.text);
    expect(simulate([...PAIR, '--draws', '2000', '--seed', '7'], { TZ: 'Pacific/Chatham', LC_ALL: 'de_DE.UTF-8', LANG: 'de_DE.UTF-8' }).text).toBe(first.text);
    const other = simulate([...PAIR, '--draws', '2000', '--seed', '8']).doc;
    expect(other.options[0]!.metrics.npv!.mean).not.toBe(first.doc.options[0]!.metrics.npv!.mean);
  });

  it('P5 ≤ P10 ≤ P50 ≤ P90 ≤ P95 everywhere; probabilities best sum to 1; EVPI ≥ every EVPPI ≥ 0', () => {
    const { doc } = first;
    expect(doc.inputs.length).toBeGreaterThan(0);
    for (const o of doc.options) {
      for (const s of Object.values(o.metrics)) {
        for (let i = 1; i < STATS.length; i++) expect(s[STATS[i - 1]!]).toBeLessThanOrEqual(s[STATS[i]!]);
      }
    }
    expect(doc.options.reduce((t, o) => t + o.probability_best, 0)).toBeCloseTo(1, 12);
    for (const c of doc.acceptability) for (const row of c.probability_best) expect(row.reduce((t, p) => t + p, 0)).toBeCloseTo(1, 12);
    const evpi = doc.value_of_information.evpi_per_decision;
    expect(evpi).toBeGreaterThanOrEqual(0);
    for (const e of doc.value_of_information.evppi) {
      expect(e.per_decision).toBeGreaterThanOrEqual(0);
      expect(e.per_decision).toBeLessThanOrEqual(evpi);
    }
  });

  it('with every input fixed, every percentile is the deterministic run value and EVPI is 0', async () => {
    const { doc } = simulate([...PAIR, '--draws', '50', '--no-default-ranges']);
    const run = JSON.parse((await runCli(['run', ...PAIR, '--format', 'json'])).stdout) as { scenarios: { metrics: Record<string, number> }[] };
    expect(doc.inputs).toEqual([]);
    doc.options.forEach((o, k) => {
      for (const [key, s] of Object.entries(o.metrics)) {
        for (const st of STATS) expect(s[st], `${o.name} ${key} ${st}`).toBe(run.scenarios[k]!.metrics[key]);
        expect(s.mean).toBe(run.scenarios[k]!.metrics[key]);
      }
    });
    expect(doc.value_of_information.evpi_per_decision).toBe(0);
    expect(doc.value_of_information.evppi).toEqual([]);
  });

  it('reads ranges written in the file; run uses their central values', async () => {
    const { doc } = simulate(['test/fixtures/uncertainty/ranged.yaml', '--draws', '200', '--no-default-ranges', '--sampling', 'lhs']);
    expect(doc.inputs.map((i) => i.path)).toEqual(['benefits[0].attribution', 'benefits[0].quantity', 'turnover.annual_leaver_rate', 'turnover.months_to_fill']);
    const run = await runCli(['run', 'test/fixtures/uncertainty/ranged.yaml', '--format', 'json']);
    expect(run.status).toBe(0);
    expect(doc.options[0]!.deterministic.npv).toBe((JSON.parse(run.stdout) as { scenarios: { metrics: { npv: number } }[] }).scenarios[0]!.metrics.npv);
  });

  it('--draws-out streams one row per draw and option; --fixed and --correlate are checked', async () => {
    const dir = suiteTempDir();
    const out = join(dir, 'draws.csv');
    const r = await runCli(['simulate', ...PAIR, '--draws', '30', '--draws-out', out, '--format', 'csv', '--correlate', 'finance.pay_uplift,turnover.annual_leaver_rate=0.5', '--quiet']);
    expect(r.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 30 * 2);
    expect(lines[0]).toMatch(/^draw,option,npv,/);
    const bad = await runCli(['simulate', ...PAIR, '--fixed', 'turnover.anual_leaver_rate']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('did you mean turnover.annual_leaver_rate');
    const corr = await runCli(['simulate', ...PAIR, '--correlate', 'finance.pay_uplift,turnover.annual_leaver_rate=1.5']);
    expect(corr.status).toBe(2);
  });

  it('an input given by --set is no longer drawn; the file\'s other ranges still are', async () => {
    const inputs = async (set: string): Promise<string[]> => {
      const r = await runCli(['simulate', 'test/fixtures/uncertainty/ranged.yaml', '--draws', '20', '--no-default-ranges', '--set', set, '--format', 'json']);
      expect(r.status, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { inputs: { path: string }[] }).inputs.map((i) => i.path);
    };
    expect(await inputs('turnover.annual_leaver_rate=15%')).toEqual(['benefits[0].attribution', 'benefits[0].quantity', 'turnover.months_to_fill']);
    expect(await inputs('benefits[0].attribution=0.4')).toEqual(['benefits[0].quantity', 'turnover.annual_leaver_rate', 'turnover.months_to_fill']);
  });

  it('a refused option leaves no draws file, not even a temporary one; --draws is checked before any file is read', async () => {
    const dir = suiteTempDir();
    const out = join(dir, 'refused.csv');
    const fixed = await runCli(['simulate', ...PAIR, '--draws', '10', '--draws-out', out, '--fixed', 'nope.path']);
    expect(fixed.status).toBe(2);
    expect(fixed.stderr).toContain('--fixed nope.path: no option draws this input');
    const draws = await runCli(['simulate', ...PAIR, '--draws', 'abc', '--draws-out', out]);
    expect(draws.status).toBe(2);
    expect(readdirSync(dir).filter((f) => f.includes('refused'))).toEqual([]);
    for (const command of ['compare', 'report']) {
      const r = await runCli([command, 'scenarios/missing.yaml', '--draws', 'abc', '--out', join(dir, 'x.html')]);
      expect(r.status, command).toBe(2);
      expect(r.stderr, command).toContain('--draws must be a whole number');
    }
  });

  it('--process draws a small team\'s leavers as counts: a spread around the expected value, fixed by the seed', async () => {
    const args = ['scenarios/lone-peer-worker.yaml', '--no-default-ranges', '--process', '--draws', '400', '--seed', '3'];
    const r = await runCli(['simulate', ...args, '--format', 'json', '--quiet']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    const leavers = doc.options[0]!.metrics.leavers!;
    expect(leavers.p5).toBeLessThan(leavers.p95);
    expect(Number.isInteger(leavers.p50)).toBe(true);
    expect(Math.abs(leavers.mean - (doc.options[0]!.deterministic.leavers as number))).toBeLessThan(4 * leavers.mcse + 0.05);
    expect((await runCli(['simulate', ...args, '--format', 'json', '--quiet'])).stdout).toBe(r.stdout);
  });

  it('report --draws adds an Uncertainty sheet to the workbook, and compare --draws a simulation to JSON', async () => {
    const book = join(suiteTempDir(), 'psa.xlsx');
    const r = await runCli(['report', ...PAIR, '--draws', '100', '--seed', '2', '--out', book, '--quiet'], { timeout: 120_000 });
    expect(r.status).toBe(0);
    const ws = (await readWorkbook(book)).getWorksheet('Uncertainty');
    expect(ws).toBeDefined();
    expect(cellText(ws!.getCell('A1'))).toContain('100 draws, seed 2');
    const c = await runCli(['compare', ...PAIR, '--draws', '50', '--format', 'json']);
    expect(c.status).toBe(0);
    expect((JSON.parse(c.stdout) as { simulation: { draws: number } }).simulation.draws).toBe(50);
  });

  it('EVPPI on the bundled options at 5,000 draws: noise floor below £500, a standard error each, groups never below their parts, all inputs = EVPI', () => {
    const scenarios = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort().map((f) => `scenarios/${f}`);
    const probe = simulate([...scenarios, '--draws', '20', '--quiet']).doc;
    const paths = probe.inputs.map((i) => i.path);
    const eight = ['benefits[0].relative_effect', 'benefits[1].deadweight', 'delivery.caseload_per_wte', 'delivery.relationship_months', 'delivery.sessions_per_wte_month', 'finance.overhead_rate', 'supervision.workers_per_supervisor', 'turnover.annual_leaver_rate'];
    const r = runBinary(['simulate', ...scenarios, '--draws', '5000', '--seed', '1', '--format', 'json', '--quiet', '--group', `two=${eight.slice(0, 2).join(',')}`, '--group', `eight=${eight.join(',')}`, '--group', `all=${paths.join(',')}`], { timeout: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    const v = (JSON.parse(r.stdout) as Doc).value_of_information;
    expect(v.noise_floor).toBeLessThan(500);
    const by = new Map(v.evppi.map((e) => [e.name, e]));
    expect(by.get('all')!.per_decision).toBe(v.evpi_per_decision);
    expect(by.get('eight')!.per_decision).toBeGreaterThanOrEqual(by.get('two')!.per_decision);
    for (const p of eight) expect(by.get('eight')!.per_decision).toBeGreaterThanOrEqual(by.get(p)!.per_decision);
    for (const p of eight.slice(0, 2)) expect(by.get('two')!.per_decision).toBeGreaterThanOrEqual(by.get(p)!.per_decision);
    for (const e of v.evppi) {
      // An input whose every posterior sample leaves the decision unchanged has SE 0; the rest have one.
      expect(e.se).toBeGreaterThanOrEqual(0);
      if (e.name === 'eight' || e.name === 'benefits[0].relative_effect') expect(e.se).toBeGreaterThan(0);
      expect(e.below_noise_floor).toBe(e.per_decision <= v.noise_floor && e.name !== 'all');
    }
  }, 300_000);

  it('a standard deviation is in the field\'s units (sd: 4% is 4 points), and >1% of mass outside the valid values is reported', async () => {
    const drawsFile = join(suiteTempDir(), 'units.csv');
    const r = await runCli(['simulate', 'test/fixtures/uncertainty/field-units.yaml', '--no-default-ranges', '--draws', '20000', '--seed', '3', '--sampling', 'lhs', '--format', 'json', '--quiet', '--draws-out', drawsFile]);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Omit<Doc, 'inputs'> & { warnings: string[]; inputs: { path: string; distributions: { clipped: number }[] }[] };
    const rate = doc.inputs.find((i) => i.path === 'turnover.annual_leaver_rate')!;
    // normal(14%, 4 points) on 0–100%: Φ(−3.5) = 0.023% below 0, nothing to warn about.
    expect(rate.distributions[0]!.clipped).toBeCloseTo(0.000233, 5);
    const cpd = doc.inputs.find((i) => i.path === 'training.cpd_cost_per_wte_per_year')!;
    // normal(100, 100) on ≥ 0: Φ(−1) = 15.87% clipped at 0.
    expect(cpd.distributions[0]!.clipped).toBeCloseTo(0.158655, 5);
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]).toMatch(/^training\.cpd_cost_per_wte_per_year: 15\.9% of normal\(mean 100, sd 100\) lies below 0/);
    // The draws of the rate: mean 14%, sd 4 points.
    const lines = readFileSync(drawsFile, 'utf8').trimEnd().split('\r\n');
    const col = lines[0]!.split(',').indexOf('turnover.annual_leaver_rate');
    const xs = lines.slice(1).map((l) => Number(l.split(',')[col]));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
    expect(mean).toBeCloseTo(0.14, 3);
    expect(sd).toBeCloseTo(0.04, 3);
    // A bare sd above 1 on a percentage field is refused like a bare mean, with the fix.
    const bad = await runCli(['simulate', '-', '--draws', '10'], { input: 'peerplan: 1\nname: x\nextends: scenarios/baseline.yaml\nturnover:\n  annual_leaver_rate: { dist: normal, mean: 14%, sd: 4 }\n' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('write "4%" for a percentage');
  }, 120_000);

  it('--draws-out holds every draw at full precision with the effects behind the curves; cost per completed episode is E[C]/E[E]; any 32-bit seed', async () => {
    const file = join(suiteTempDir(), 'full.csv');
    const r = await runCli(['simulate', ...PAIR, '--draws', '300', '--seed', '4294967295', '--format', 'json', '--quiet', '--draws-out', file]);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.seed).toBe(4294967295);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    const head = lines[0]!.split(',');
    expect(head).toContain('qalys');
    expect(head).toContain('total_cost_optimism_adjusted');
    // Rows alternate between the options, draw by draw; the name (which may hold a comma, quoted) is dropped before splitting.
    const rows = lines.slice(1).map((l) => l.replace(/^(\d+),("(?:[^"]|"")*"|[^,]*),/, '$1,-,').split(','));
    doc.options.forEach((o, k) => {
      const mine = rows.filter((_, i) => i % doc.options.length === k);
      expect(mine).toHaveLength(300);
      const col = (name: string): number[] => mine.map((row) => Number(row[head.indexOf(name)]));
      // Full precision: the mean NPV recomputed from the file is the summary's, to the last bit of a sum in draw order.
      let npv = 0;
      for (const v of col('npv')) npv += v;
      expect(npv / 300, o.name).toBe(o.metrics.npv!.mean);
      const cost = col('total_cost').reduce((a, b) => a + b, 0) / 300;
      const episodes = col('completed_episodes').reduce((a, b) => a + b, 0) / 300;
      expect(o.metrics.cost_per_completed_episode!.mean / (cost / episodes)).toBeCloseTo(1, 12);
      expect(col('qalys').every((q) => q > 0), `${o.name} qalys`).toBe(true);
      expect(k).toBeGreaterThanOrEqual(0);
    });
    const big = await runCli(['simulate', ...PAIR, '--draws', '10', '--seed', '4294967296']);
    expect(big.status).toBe(2);
    expect(big.stderr).toContain('--seed must be a whole number from 0 to 4,294,967,295');
  }, 120_000);
});
