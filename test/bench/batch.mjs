#!/usr/bin/env node
// Batch throughput: `peerplan batch DIR --out OUT --format json` over 1,000 generated
// scenario files (variants of the bundled scenarios through `extends`, with varied
// posts, turnover, caseload and supervision), as a ratio of bare node start-up.
// Run by test/bench/bench.mjs (which passes BENCH_BARE_MS), or on its own after
// `npm run build`. Prints one line in bench.mjs's format; exits 0 (targets are
// reported, not enforced). BATCH_BENCH_FILES and BATCH_BENCH_REPS change the size.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'peerplan.js');
const count = Number(process.env.BATCH_BENCH_FILES ?? 1000);
const reps = Number(process.env.BATCH_BENCH_REPS ?? 3);
const target = 20;
const env = { ...process.env, NO_COLOR: '1' };

function time(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`bench command failed (${r.status}): node ${args.join(' ')}\n${String(r.stderr).slice(0, 2000)}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const work = mkdtempSync(join(tmpdir(), 'peerplan-batch-bench-'));
try {
  // Parents: the bundled scenarios (their own extends stay relative within base/).
  const base = join(work, 'scenarios', 'base');
  mkdirSync(base, { recursive: true });
  const parents = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();
  for (const f of parents) copyFileSync(join(root, 'scenarios', f), join(base, f));
  const dir = join(work, 'scenarios');
  for (let i = 0; i < count; i++) {
    const parent = parents[i % parents.length];
    const funded = 2 + (i % 11);
    const starting = Math.max(1, funded - (i % 3));
    const leaver = 8 + (i % 23);
    const caseload = 8 + (i % 7);
    const hours = 1 + (i % 5);
    writeFileSync(
      join(dir, `option-${String(i).padStart(4, '0')}.yaml`),
      [
        'peerplan: 1',
        `extends: base/${parent}`,
        `name: Option ${i} (${parent.replace('.yaml', '')}, ${funded} WTE)`,
        'workforce:',
        `  funded_wte: ${funded}`,
        `  starting_wte: ${starting}`,
        `  team_size: ${funded}`,
        'supervision:',
        `  hours_per_worker_per_month: ${hours}`,
        'turnover:',
        `  annual_leaver_rate: ${leaver}%`,
        'delivery:',
        `  caseload_per_wte: ${caseload}`,
        '',
      ].join('\n'),
    );
  }
  const out = join(work, 'out');
  const args = [bin, 'batch', dir, '--out', out, '--format', 'json', '--quiet'];
  time(args); // warm-up (file cache)
  const runs = [];
  for (let i = 0; i < reps; i++) {
    rmSync(out, { recursive: true, force: true });
    runs.push(time(args));
  }
  let bare = Number(process.env.BENCH_BARE_MS);
  if (!Number.isFinite(bare) || bare <= 0) {
    const bares = [];
    for (let i = 0; i < 15; i++) bares.push(time(['-e', '0']));
    bare = median(bares);
  }
  const ms = median(runs);
  const ratio = ms / bare;
  const name = `peerplan batch ${count} files --format json (${ms.toFixed(0)} ms)`;
  console.log(`${name.padEnd(58)} ${ratio.toFixed(2).padStart(10)} ×    target ≤ ${target}${ratio <= target ? '  ok' : '  MISSED'}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
