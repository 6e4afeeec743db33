#!/usr/bin/env node
// Sweep throughput: `peerplan sweep` over a 100,000-run grid of a ten-year scenario
// (100 leaver rates × 100 caseloads × 10 supervision levels), CSV written with --out,
// as a ratio of bare node start-up; and the command's peak resident memory, read from
// process.resourceUsage() at exit by a preloaded module (a separate run, so the timed
// runs are the command alone). Run by test/bench/bench.mjs (which passes
// BENCH_BARE_MS), or on its own after `npm run build`. Prints lines in bench.mjs's
// format; exits 0 (targets are reported, not enforced). SWEEP_BENCH_REPS changes the
// number of timed runs.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, timeNode } from './timing.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'peerplan.js');
const reps = Number(process.env.SWEEP_BENCH_REPS ?? 3);
const TARGET_RATIO = 15;
const TARGET_RSS_MIB = 150;
const RUNS = 100_000;
const env = { ...process.env, NO_COLOR: '1' };

const time = (args, extra = []) => timeNode(args, { cwd: root, env, extra });
const line = (name, value, unit, target) =>
  console.log(`${name.padEnd(58)} ${value.toFixed(unit === '×' ? 2 : 0).padStart(10)} ${unit.padEnd(4)} target ≤ ${target}${value <= target ? '  ok' : '  MISSED'}`);

const work = mkdtempSync(join(tmpdir(), 'peerplan-sweep-bench-'));
try {
  const out = join(work, 'grid.csv');
  const args = [
    bin, 'sweep', 'scenarios/baseline.yaml', '--years', '10',
    '--vary', 'turnover.annual_leaver_rate=5%..44.6%:0.4%',
    '--vary', 'delivery.caseload_per_wte=5..14.9:0.1',
    '--vary', 'supervision.hours_per_worker_per_month=1..5.5:0.5',
    '--format', 'csv', '--max-runs', String(RUNS), '--out', out, '--quiet',
  ];
  time(args); // warm-up (file cache)
  const rows = readFileSync(out, 'utf8').split('\r\n').length - 2;
  if (rows !== RUNS) throw new Error(`the sweep wrote ${rows} rows, not ${RUNS}`);
  const bares = [];
  const runs = [];
  let bare = Number(process.env.BENCH_BARE_MS);
  for (let i = 0; i < reps; i++) {
    if (!Number.isFinite(bare) || bare <= 0) bares.push(time(['-e', '0']));
    runs.push(time(args));
  }
  if (bares.length > 0) bare = median(bares);

  // Peak memory: a preloaded module records maxRSS (KiB) when the command exits.
  const report = join(work, 'rss.txt');
  const preload = join(work, 'rss.cjs');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, String(process.resourceUsage().maxRSS)));\n`);
  time(args, ['--require', preload]);
  const rssMiB = Number(readFileSync(report, 'utf8')) / 1024;

  const ms = median(runs);
  const mb = statSync(out).size / 1e6;
  line(`peerplan sweep ${RUNS.toLocaleString('en-GB')} runs to CSV (${ms.toFixed(0)} ms, ${mb.toFixed(0)} MB)`, ms / bare, '×', TARGET_RATIO);
  line('peerplan sweep 100,000 runs: peak RSS', rssMiB, 'MiB', TARGET_RSS_MIB);
} finally {
  rmSync(work, { recursive: true, force: true });
}
