/**
 * Build step, run by src/build/bundle.ts with PEERPLAN_WRITE_CODE_CACHE=1: runs the
 * bundled CLI over each command in one process, the way a user would, so the code
 * cache written at exit (src/cli/code-cache.cts) holds what every command compiles.
 * Outputs go to the folder given as the only argument; nothing is checked here (the
 * tests run the real CLI).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fromRoot } from '../paths.js';

const work = process.argv[2];
if (!work) throw new Error('usage: train-code-cache.js WORK_DIR');

const require = createRequire(import.meta.url);
const { loadBundle } = require(fromRoot('dist', 'cli', 'code-cache.cjs')) as { loadBundle(name: string): unknown };
const { main } = loadBundle('peerplan') as { main(argv: string[], io: object): Promise<number> };

const sink = { write: () => true, isTTY: false };
const io = { stdout: sink, stderr: sink, env: { NO_COLOR: '1' }, cwd: fromRoot() };
const s = (name: string): string => `scenarios/${name}.yaml`;
const trio = [s('baseline'), s('band3-fixed-term'), s('band4-permanent')];

const runs: string[][] = [
  ['--help'],
  ['run', '--help'],
  ['run', s('baseline'), '--format', 'json'],
  ['run', s('band4-permanent')],
  ['run', s('band3-fixed-term'), '--format', 'csv'],
  ['run', s('scale-up'), '--format', 'markdown', '--set', 'turnover.annual_leaver_rate=25%'],
  ['run', s('baseline'), '--format', 'xlsx', '--out', join(work, 'run.xlsx')],
  ['run', 'scenarios/missing.yaml'],
  ['compare', ...trio],
  ['compare', ...trio, '--format', 'json'],
  ['validate', s('baseline'), s('lone-peer-worker')],
  ['validate', s('baseline'), '--format', 'json'],
  ['sweep', s('baseline'), '--vary', 'turnover.annual_leaver_rate=10%..40%:5%', '--format', 'csv'],
  ['sweep', s('baseline'), '--vary', 'workforce.band=3,4,5'],
  ['sensitivity', s('band4-permanent')],
  ['report', ...trio, '--out', join(work, 'report.html')],
  ['batch', 'scenarios', '--out', join(work, 'batch'), '--format', 'json,csv', '--quiet'],
  ['reference'],
  ['reference', 'afc-2025-26'],
  ['evidence'],
  ['evidence', 'core-2018-readmission'],
  ['schema'],
  ['completion', 'bash'],
  ['explain', s('band4-permanent'), '--metric', 'employer_ni', '--month', '2026-04'],
  ['init', '--yes', join(work, 'init.yaml')],
];
for (const args of runs) await main(['node', 'peerplan', ...args], io);
