#!/usr/bin/env node
// Probabilistic analysis: `peerplan simulate` of the six bundled scenarios, 10,000 draws
// each (60,000 projections), JSON to a file; wall time (target ≤ 3 s on two cores) and
// peak resident memory (target ≤ 200 MiB), the latter read from process.resourceUsage()
// at exit by a preloaded module. Run by test/bench/bench.mjs, or on its own after
// `npm run build`. Prints lines in bench.mjs's format; exits 0 (targets are reported).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, timeNode } from './timing.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'peerplan.js');
const reps = Number(process.env.SIMULATE_BENCH_REPS ?? 3);
const env = { ...process.env, NO_COLOR: '1' };
const scenarios = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `scenarios/${f}`);

const time = (args, extra = []) => timeNode(args, { cwd: root, env, extra });
const line = (name, value, unit, target) =>
  console.log(`${name.padEnd(58)} ${value.toFixed(unit === 'ms' ? 0 : 0).padStart(10)} ${unit.padEnd(4)} target ≤ ${target}${value <= target ? '  ok' : '  MISSED'}`);

const work = mkdtempSync(join(tmpdir(), 'peerplan-simulate-bench-'));
try {
  const args = [bin, 'simulate', ...scenarios, '--draws', '10000', '--seed', '1', '--format', 'json', '--out', join(work, 'psa.json'), '--quiet'];
  time(args);
  const runs = [];
  for (let i = 0; i < reps; i++) runs.push(time(args));
  const report = join(work, 'rss.txt');
  const preload = join(work, 'rss.cjs');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, String(process.resourceUsage().maxRSS)));\n`);
  time(args, ['--require', preload]);
  const rssMiB = Number(readFileSync(report, 'utf8')) / 1024;
  line(`peerplan simulate 10,000 draws × ${scenarios.length} options (wall time)`, median(runs), 'ms', 3000);
  line(`peerplan simulate 10,000 draws × ${scenarios.length} options: peak RSS`, rssMiB, 'MiB', 200);
  // Issue 27: 5,000 draws with regression EVPPI (a standard error each) for every input and one 8-input group.
  const eight = ['benefits[0].relative_effect', 'benefits[1].deadweight', 'delivery.caseload_per_wte', 'delivery.relationship_months', 'delivery.sessions_per_wte_month', 'finance.overhead_rate', 'supervision.workers_per_supervisor', 'turnover.annual_leaver_rate'];
  const voi = [bin, 'simulate', ...scenarios, '--draws', '5000', '--seed', '1', '--group', `eight=${eight.join(',')}`, '--format', 'json', '--out', join(work, 'voi.json'), '--quiet'];
  const voiRuns = [];
  for (let i = 0; i < reps; i++) voiRuns.push(time(voi));
  const inputs = JSON.parse(readFileSync(join(work, 'voi.json'), 'utf8')).value_of_information.evppi.length - 1;
  line(`peerplan simulate 5,000 draws, EVPPI ${inputs} inputs + 8-input group`, median(voiRuns), 'ms', 10000);
} finally {
  rmSync(work, { recursive: true, force: true });
}
