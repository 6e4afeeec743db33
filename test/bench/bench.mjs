#!/usr/bin/env node
// `npm run bench`: start-up and throughput figures, each as a ratio to bare node
// measured in the same run with alternating repetitions, so a busy or slow machine
// moves both sides alike. Every figure is measured twice: with NODE_EXTRA_CA_CERTS as
// the environment sets it (a CA bundle that every Node start reads, which makes bare
// node slower and so every ratio smaller), and without it (`env -u`), the figure the
// targets are set against. Prints each section as measured, then a table of every
// figure beside its target, met or missed; exits 0 (targets are reported, not
// enforced: timing belongs here, not in tests).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const bin = join(root, 'bin', 'peerplan.js');
const reps = Number(process.env.BENCH_REPS ?? 30);
const ca = process.env.NODE_EXTRA_CA_CERTS;
const { NODE_EXTRA_CA_CERTS: _dropped, ...withoutCa } = process.env;
/** The environments measured: without the CA bundle always, with it when the environment sets one. */
const settings = [
  ...(ca ? [{ label: 'with NODE_EXTRA_CA_CERTS', env: { ...process.env, NO_COLOR: '1' } }] : []),
  { label: 'without NODE_EXTRA_CA_CERTS', env: { ...withoutCa, NO_COLOR: '1' } },
];

function time(args, env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`bench command failed (${r.status}): node ${args.join(' ')}\n${r.stderr}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Alternates bare node and the command, `reps` times each, after one warm-up of each. */
function ratio(args, env, n = reps) {
  time(['-e', '0'], env);
  time(args, env);
  const bare = [];
  const cmd = [];
  for (let i = 0; i < n; i++) {
    bare.push(time(['-e', '0'], env));
    cmd.push(time(args, env));
  }
  return { bare: median(bare), cmd: median(cmd), ratio: median(cmd) / median(bare) };
}

/** A figure line, in the format every bench script prints: name, value, unit, target, verdict. */
const line = (name, value, target, unit = '×') => {
  const met = unit === '×' ? value <= target : value >= target;
  return `${name.padEnd(58)} ${value.toFixed(2).padStart(10)} ${unit.padEnd(4)} target ${unit === '×' ? '≤' : '≥'} ${target}  ${met ? 'ok' : 'MISSED'}`;
};
/** Reads a figure back from its line: the name without its timings in brackets, value, unit, target and verdict. */
const FIGURE = /^(.{58}) +([\d,.]+) (\S+) +target ([≤≥] [\d,.]+|-)(?: +(ok|MISSED))?$/;

console.log(`peerplan bench: node ${process.version}, ${reps} alternating repetitions, medians`);
const figures = new Map();
for (const { label, env } of settings) {
  console.log(`\n${label}`);
  const say = (text) => {
    console.log(text);
    const m = FIGURE.exec(text);
    if (!m || m[4] === '-') return;
    const name = m[1].replace(/ \([^)]*\)\s*$/, '').trim();
    if (!figures.has(name)) figures.set(name, { unit: m[3], target: m[4], values: new Map() });
    figures.get(name).values.set(label, { value: m[2], verdict: m[5] === 'ok' ? 'met' : 'missed' });
  };
  const help = ratio([bin, '--help'], env);
  console.log(`bare \`node -e 0\`: ${help.bare.toFixed(1)} ms`);
  say(line(`peerplan --help vs bare node (${help.cmd.toFixed(1)} / ${help.bare.toFixed(1)} ms)`, help.ratio, 1.3));
  const run = ratio([bin, 'run', 'scenarios/baseline.yaml', '--format', 'json'], env);
  say(line(`peerplan run baseline --format json (${run.cmd.toFixed(1)} ms)`, run.ratio, 1.6));
  // Further figures come from scripts beside this one (engine throughput, sweeps, batch),
  // each printing its own lines in the same format, against the same bare node.
  for (const extra of readdirSync(here).filter((f) => f !== 'bench.mjs' && f.endsWith('.mjs')).sort()) {
    const r = spawnSync(process.execPath, [join(here, extra)], { cwd: root, env: { ...env, BENCH_BARE_MS: String(help.bare) }, encoding: 'utf8' });
    for (const text of r.stdout.split('\n').filter((t) => t !== '')) say(text);
    if (r.status !== 0) {
      process.stderr.write(r.stderr);
      process.exitCode = 1;
    }
  }
}

console.log(`\n${'figure'.padEnd(52)} ${'target'.padEnd(12)} ${settings.map((s) => s.label.replace('NODE_EXTRA_CA_CERTS', 'CA certs').padEnd(24)).join(' ')}`);
for (const [name, f] of figures) {
  const cells = settings.map((s) => {
    const v = f.values.get(s.label);
    return (v ? `${v.value} ${f.unit} ${v.verdict}` : '-').padEnd(24);
  });
  console.log(`${name.slice(0, 52).padEnd(52)} ${`${f.target} ${f.unit}`.padEnd(12)} ${cells.join(' ')}`);
}
if (!existsSync(join(root, 'dist'))) console.error('dist/ is missing: run npm run build first');
