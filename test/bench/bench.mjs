#!/usr/bin/env node
// `npm run bench`: start-up and throughput figures, each as a ratio to bare node
// measured in the same run with alternating repetitions, so a busy or slow machine
// moves both sides alike. Prints a table of figures against their targets; exits 0
// (targets are reported, not enforced: timing belongs here, not in tests).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'peerplan.js');
const reps = Number(process.env.BENCH_REPS ?? 30);
const env = { ...process.env, NO_COLOR: '1' };

function time(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`bench command failed (${r.status}): node ${args.join(' ')}\n${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** Alternates bare node and the command, `reps` times each, after one warm-up of each. */
function ratio(args, n = reps) {
  time(['-e', '0']);
  time(args);
  const bare = [];
  const cmd = [];
  for (let i = 0; i < n; i++) {
    bare.push(time(['-e', '0']));
    cmd.push(time(args));
  }
  return { bare: median(bare), cmd: median(cmd), ratio: median(cmd) / median(bare) };
}

const rows = [];
const report = (name, value, target, unit = '×') => {
  rows.push({ name, value, target, unit });
  const ok = target === undefined ? '' : (unit === '×' || unit === 'MiB' ? value <= target : value >= target) ? '  ok' : '  MISSED';
  console.log(`${name.padEnd(58)} ${value.toFixed(unit === '×' ? 2 : 0).padStart(10)} ${unit.padEnd(4)} target ${target === undefined ? '-' : (unit === '×' || unit === 'MiB' ? '≤ ' : '≥ ') + target}${ok}`);
};

console.log(`peerplan bench: node ${process.version}, ${reps} alternating repetitions, medians`);
const help = ratio([bin, '--help']);
// Bare node's start is the unit of every ratio, so say what it costs here: a CA bundle in
// NODE_EXTRA_CA_CERTS (as on some managed machines) is read at every start and makes it slower.
console.log(`bare \`node -e 0\`: ${help.bare.toFixed(1)} ms${process.env.NODE_EXTRA_CA_CERTS ? ' (with NODE_EXTRA_CA_CERTS set, which every start reads)' : ''}\n`);
report(`peerplan --help vs bare node (${help.cmd.toFixed(1)} / ${help.bare.toFixed(1)} ms)`, help.ratio, 1.3);
const run = ratio([bin, 'run', 'scenarios/baseline.yaml', '--format', 'json']);
report(`peerplan run baseline --format json (${run.cmd.toFixed(1)} ms)`, run.ratio, 1.6);

// Further figures come from scripts beside this one (engine throughput, sweeps, batch),
// each printing its own lines in the same format.
for (const extra of readdirSync(dirname(fileURLToPath(import.meta.url))).filter((f) => f !== 'bench.mjs' && f.endsWith('.mjs')).sort()) {
  const r = spawnSync(process.execPath, [join(root, 'test', 'bench', extra)], { cwd: root, env: { ...env, BENCH_BARE_MS: String(help.bare) }, encoding: 'utf8' });
  process.stdout.write(r.stdout);
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exitCode = 1;
  }
}
if (!existsSync(join(root, 'dist'))) console.error('dist/ is missing: run npm run build first');
