import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, expectGolden, runCli } from './run-cli.js';

const bundled = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `scenarios/${f}`);

interface Node {
  value: unknown;
  origin?: unknown;
  see?: number;
  children: Node[];
}

function* nodes(n: Node): Generator<Node> {
  yield n;
  for (const c of n.children) yield* nodes(c);
}

describe('peerplan explain', () => {
  it('prints the tree of a year\'s pay (golden, text)', async () => {
    const r = await runCli(['explain', 'scenarios/band4-permanent.yaml', '--metric', 'pay', '--year', '2027']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expectGolden('explain-band4-pay-2027.txt', r.stdout);
    for (const line of r.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(100);
    expect(r.stdout).toContain('Pay (incl. HCAS), 2027/28 = £247,734.87');
    expect(r.stdout).toContain('workforce.band = 4  scenarios/band4-permanent.yaml:15:9');
    expect(r.stdout).toContain('inherited from scenarios/baseline.yaml:');
    expect(r.stdout).toContain('reference afc-2025-26: pay.bands.points.4 — Pay scales for 2025/26');
    expect(r.stdout).toContain('peerplan default: no override, pay comes from the band and pay point');
  });

  it('reproduces the worked month of docs/MODEL.md §6 (golden, text)', async () => {
    const r = await runCli(['explain', 'scenarios/band3-fixed-term.yaml', '--month', '2026-04']);
    expect(r.status).toBe(0);
    expectGolden('explain-fixed-term-2026-04.txt', r.stdout);
    for (const amount of ['£21,466.60', '£2,594.99', '£3,086.90', '£107.33', '£392.37', '£447.28', '£76.54', '£31,552.65']) {
      expect(r.stdout).toContain(amount);
    }
  });

  it('gives the same tree as data with --format json (golden), every leaf with an origin', async () => {
    const r = await runCli(['explain', 'scenarios/band4-permanent.yaml', '--metric', 'continuity', '--format', 'json']);
    expect(r.status).toBe(0);
    expectGolden('explain-band4-continuity.json', r.stdout);
    const doc = JSON.parse(r.stdout) as { metric: string; scope: { kind: string }; tree: Node };
    expect(doc.metric).toBe('continuity');
    expect(doc.scope.kind).toBe('horizon');
    const leaves = [...nodes(doc.tree)].filter((n) => n.children.length === 0 && n.see === undefined);
    expect(leaves.length).toBeGreaterThan(10);
    for (const leaf of leaves) expect(leaf.origin, JSON.stringify(leaf)).toBeDefined();
  });

  it('agrees with run --format json for every bundled scenario', async () => {
    const run = JSON.parse((await runCli(['run', ...bundled, '--format', 'json', '--quiet'])).stdout) as {
      scenarios: Array<{ file: string; metrics: Record<string, unknown>; years: Array<{ year: string; cost: { total: number } }> }>;
    };
    for (const s of run.scenarios) {
      for (const metric of ['npv', 'total_cost', 'burnout_risk_peak', 'cost_per_completed_episode']) {
        const r = await runCli(['explain', s.file, '--metric', metric, '--format', 'json']);
        expect(r.status, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout).tree.value, `${s.file} ${metric}`).toBe(s.metrics[metric]);
      }
      const year = s.years[1]!;
      const r = await runCli(['explain', s.file, '--year', year.year, '--format', 'json']);
      expect(JSON.parse(r.stdout).tree.value).toBe(year.cost.total);
    }
  });

  it('records --set and --years as the command line', async () => {
    const r = await runCli(['explain', 'scenarios/baseline.yaml', '--metric', 'leavers', '--set', 'turnover.annual_leaver_rate=25%', '--years', '3']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('turnover.annual_leaver_rate = 25%  command line --set turnover.annual_leaver_rate=25%');
    expect(r.stdout).toContain('Leavers (WTE), 2026-04 to 2029-03');
  });

  it('writes --out atomically and says so on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerplan-explain-'));
    const out = join(dir, 'npv.json');
    const r = await runCli(['explain', 'scenarios/baseline.yaml', '--metric', 'npv', '--format', 'json', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Wrote');
    expect(JSON.parse(readFileSync(out, 'utf8')).tree.label).toContain('Net present value');
  });

  it('an unknown metric is a usage error with a suggestion and the list of metrics', async () => {
    const r = await runCli(['explain', 'scenarios/baseline.yaml', '--metric', 'burnout_rsik_peak']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unknown metric "burnout_rsik_peak" (did you mean "burnout_risk_peak"?)');
    expect(r.stderr).toContain('Known metrics: total_cost, total_cost_real, total_cost_discounted,');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a year outside the horizon, a whole-horizon metric for one year, or two periods are usage errors', async () => {
    const outside = await runCli(['explain', 'scenarios/baseline.yaml', '--year', '2040']);
    expect(outside.status).toBe(2);
    expect(outside.stderr).toContain('2040/41 is outside the horizon. Financial years in this projection: 2026/27, 2027/28, 2028/29, 2029/30, 2030/31');
    const ratio = await runCli(['explain', 'scenarios/baseline.yaml', '--metric', 'bcr', '--year', '2027']);
    expect(ratio.status).toBe(2);
    expect(ratio.stderr).toContain('--metric bcr is a figure for the whole horizon');
    const both = await runCli(['explain', 'scenarios/baseline.yaml', '--year', '2027', '--month', '2027-05']);
    expect(both.status).toBe(2);
    const month = await runCli(['explain', 'scenarios/baseline.yaml', '--month', '2035-01']);
    expect(month.status).toBe(2);
    expect(month.stderr).toContain('from 2026-04 to 2031-03');
  });

  it('an invalid scenario exits 1 with its diagnostics', async () => {
    const r = await runCli(['explain', 'test/fixtures/invalid/' + readdirSync(join(ROOT, 'test', 'fixtures', 'invalid')).sort()[0]]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/:\d+:\d+/);
  });

  it('has help with examples', async () => {
    const r = await runCli(['explain', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('peerplan explain scenarios/band4-permanent.yaml --metric pay --year 2027');
    expect(r.stdout).toContain('Exit codes:');
  });
});
