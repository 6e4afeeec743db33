#!/usr/bin/env node
// Live-workbook memory (issue 24, N7): the peak resident memory of `report` writing the
// largest live workbook allowed (MAX_LIVE_OPTIONS five-year options) and of `batch
// --format xlsx,json` over WB_BENCH_FILES files (default 300; the issue's figure is 1,000,
// which takes some minutes), each against 1.5 GB (1,430 MiB). Before the workbook was streamed,
// memory grew 12–22 MB an option (150 options: 3.35 GB). Memory is measured, not timed:
// the figures hold on a busy machine. Prints lines in bench.mjs's format; exits 0.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const bin = join(root, 'bin', 'peerplan.js');
const files = Number(process.env.WB_BENCH_FILES ?? 300);
const { MAX_LIVE_OPTIONS } = await import(join(root, 'dist', 'render', 'workbook', 'limits.js'));
/** 1.5 GB (issue 24's target), in MiB as the other peak-memory figures. */
const TARGET_MIB = 1430;

/** A figure line in bench.mjs's format (a lower value is better, as for its ratios). */
const figure = (name, mib) => `${name.padEnd(58)} ${mib.toFixed(2).padStart(10)} MiB  target ≤ ${TARGET_MIB}  ${mib <= TARGET_MIB ? 'ok' : 'MISSED'}`;

/** Runs the CLI and returns its peak resident memory in MiB. */
function peakMb(args, cwd) {
  const rss = join(cwd, 'max-rss.txt');
  const r = spawnSync(process.execPath, ['--require', join(here, 'max-rss.cjs'), bin, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', PEERPLAN_MAX_RSS_FILE: rss },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`bench command failed (${r.status}): peerplan ${args.slice(0, 3).join(' ')} …\n${String(r.stderr).slice(0, 2000)}`);
  return Number(readFileSync(rss, 'utf8')) / 1024;
}

const work = mkdtempSync(join(tmpdir(), 'peerplan-wb-bench-'));
try {
  const text = readFileSync(join(root, 'scenarios', 'baseline.yaml'), 'utf8');
  mkdirSync(join(work, 'in'));
  const names = [];
  for (let i = 1; i <= Math.max(files, MAX_LIVE_OPTIONS); i++) {
    const name = `in/s${String(i).padStart(4, '0')}.yaml`;
    writeFileSync(join(work, name), text.replace(/^baseline: true.*\n/m, '').replace(/^name: .*$/m, `name: Option ${i}`));
    names.push(name);
  }
  const report = peakMb(['report', ...names.slice(0, MAX_LIVE_OPTIONS), '--out', 'book.xlsx', '--quiet'], work);
  console.log(figure(`peerplan report ${MAX_LIVE_OPTIONS} options --format xlsx: peak RSS`, report));
  rmSync(join(work, 'in'), { recursive: true });
  mkdirSync(join(work, 'in'));
  for (const name of names.slice(0, files)) writeFileSync(join(work, name), text);
  // A batch with an output refused (comparison.xlsx past MAX_LIVE_OPTIONS) exits 3: still measured.
  const rss = join(work, 'max-rss.txt');
  const r = spawnSync(process.execPath, ['--require', join(here, 'max-rss.cjs'), bin, 'batch', 'in', '--format', 'xlsx,json', '--out', 'out', '--quiet'], {
    cwd: work,
    env: { ...process.env, NO_COLOR: '1', PEERPLAN_MAX_RSS_FILE: rss },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (r.status !== 0 && r.status !== 3) throw new Error(`batch failed (${r.status}): ${String(r.stderr).slice(0, 2000)}`);
  console.log(figure(`peerplan batch ${files} files --format xlsx,json: peak RSS`, Number(readFileSync(rss, 'utf8')) / 1024));
} finally {
  rmSync(work, { recursive: true, force: true });
}
