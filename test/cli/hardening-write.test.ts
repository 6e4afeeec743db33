/**
 * Issue #18, through the real binary: devices and FIFOs as --out (D1), `--out -` and
 * `--out ""`, sweep's output errors exit 3 like every command's, signals leave no
 * temporary file (D3), one batch at a time per folder (D4), batch globs (symbolic link
 * loops, many `*`, a backwards range), and big reports and batches (D2; the 5,000-file
 * batch is in batch-large.test.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, spawnBinary, tempDir } from './run-cli.js';

const BASELINE = join(ROOT, 'scenarios', 'baseline.yaml');
const SWEEP = ['sweep', BASELINE, '--vary', 'turnover.annual_leaver_rate=10%..30%:5%', '--format', 'csv'];
/** 100 × 100 runs: long enough (seconds) to be stopped part way. */
const BIG_SWEEP = ['sweep', BASELINE, '--vary', 'turnover.annual_leaver_rate=5%..44.6%:0.4%', '--vary', 'delivery.caseload_per_wte=5..14.9:0.1', '--format', 'csv'];

const isCharDevice = (path: string): boolean => existsSync(path) && lstatSync(path).isCharacterDevice();
const temporaries = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

/** `count` copies of baseline.yaml (each named differently) in `dir/in`. */
function scenarios(dir: string, count: number): string {
  const folder = join(dir, 'in');
  mkdirSync(folder, { recursive: true });
  for (let i = 1; i <= count; i++) writeFileSync(join(folder, `s${String(i).padStart(4, '0')}.yaml`), readFileSync(BASELINE, 'utf8').replace(/^baseline: true.*\n/m, '').replace(/^name: .*$/m, `name: Option ${i}`));
  return folder;
}

describe('D1: devices, FIFOs and standard output as --out', () => {
  it.runIf(isCharDevice('/dev/full'))('--out /dev/full fails with the out-of-space reason and exit 3, for run and sweep, and stays a device', async () => {
    const run = await runCli(['run', BASELINE, '--format', 'json', '--out', '/dev/full']);
    expect(run.stderr).toContain('peerplan: could not write /dev/full (no space left on the device, ENOSPC)');
    expect(run.status).toBe(3);
    const sweep = await runCli([...SWEEP, '--out', '/dev/full']);
    expect(sweep.stderr).toContain('could not write /dev/full (no space left on the device, ENOSPC)');
    expect(sweep.status).toBe(3);
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it.runIf(isCharDevice('/dev/full'))('a link to /dev/full is refused (never followed to a device the user did not name), and kept: exit 3', async () => {
    const dir = tempDir();
    symlinkSync('/dev/full', join(dir, 'out.csv'));
    for (const args of [['run', BASELINE, '--format', 'csv'], SWEEP]) {
      const r = await runCli([...args, '--out', 'out.csv'], { cwd: dir });
      expect(r.stderr).toContain('peerplan: out.csv is a symbolic link into /proc or /dev, or to a device or FIFO');
      expect(r.status).toBe(3);
      expect(lstatSync(join(dir, 'out.csv')).isSymbolicLink()).toBe(true);
    }
    expect(temporaries(dir)).toEqual([]);
  });

  it.runIf(spawnSync('mkfifo', ['--help']).status === 0)('a FIFO as --out is written into (another process reads it) and stays a FIFO', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // The reader copies the FIFO into a file, so nothing here has to read while the CLI runs.
    const reader = spawn('sh', ['-c', 'cat pipe > got.json'], { cwd: dir, stdio: 'ignore' });
    const r = await runCli(['run', BASELINE, '--format', 'json', '--out', 'pipe'], { cwd: dir });
    // The reader may not have opened the FIFO yet: peerplan then says it waits for one (issue #24, N5).
    expect(r.stderr).toMatch(/^(peerplan: waiting for a reader on pipe \(a FIFO; Ctrl-C to stop\)\n)?Wrote pipe\n$/);
    expect(r.status).toBe(0);
    return new Promise<void>((done) => reader.once('exit', () => done())).then(() => {
      expect(JSON.parse(readFileSync(join(dir, 'got.json'), 'utf8')).scenarios[0].name).toBe('Baseline (current team)');
      expect(statSync(fifo).isFIFO()).toBe(true);
      expect(temporaries(dir)).toEqual([]);
    });
  });

  it('--out - is standard output, for run and sweep', async () => {
    const run = await runCli(['run', BASELINE, '--format', 'json', '--out', '-']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).scenarios).toHaveLength(1);
    const sweep = await runCli([...SWEEP, '--out', '-']);
    expect(sweep.status).toBe(0);
    expect(sweep.stdout.split('\r\n')[0]).toMatch(/^turnover\.annual_leaver_rate,total_cost,/);
    expect(existsSync(join(ROOT, '-'))).toBe(false);
  });

  it('--out "" is a usage error saying what to give, not " is a directory"', async () => {
    for (const args of [['run', BASELINE], SWEEP]) {
      const r = await runCli([...args, '--out', '']);
      expect(r.stderr).toBe('peerplan: --out needs a file name (or - for standard output), e.g. --out result.json\n');
      expect(r.status).toBe(2);
    }
  });
});

describe('sweep --out that cannot be written exits 3, like every command (was 70)', () => {
  it('a file under /proc', async () => {
    const r = await runCli([...SWEEP, '--out', '/proc/peerplan-sweep.csv']);
    expect(r.stderr).toMatch(/^peerplan: could not write \/proc\/peerplan-sweep\.csv \(.*E[A-Z]+\)\n$/);
    expect(r.status).toBe(3);
  });

  it.runIf(existsSync('/sys/kernel'))('a read-only file system (/sys)', async () => {
    const r = await runCli([...SWEEP, '--out', '/sys/kernel/peerplan-sweep.csv']);
    expect(r.stderr).toMatch(/could not write \/sys\/kernel\/peerplan-sweep\.csv \(/);
    expect(r.status).toBe(3);
  });
});

/** Starts a long sweep into `dir/grid.csv`, waits until its temporary file exists, then sends `signal`. */
async function interruptSweep(dir: string, signal: NodeJS.Signals): Promise<number | null> {
  const child = spawnBinary([...BIG_SWEEP, '--out', 'grid.csv'], { cwd: dir });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  for (let i = 0; i < 600 && temporaries(dir).length === 0 && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 25));
  expect(temporaries(dir)).toHaveLength(1);
  child.kill(signal);
  return exited;
}

describe('D3: signals', () => {
  it('SIGINT during a large sweep leaves no temporary file and no output, and exits 130', async () => {
    const dir = tempDir();
    expect(await interruptSweep(dir, 'SIGINT')).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('SIGTERM does the same with exit 143', async () => {
    const dir = tempDir();
    expect(await interruptSweep(dir, 'SIGTERM')).toBe(143);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('SIGINT during a batch leaves no temporary file and no lock, and exits 130', async () => {
    const dir = tempDir();
    scenarios(dir, 40);
    const child = spawnBinary(['batch', 'in', '--out', 'out', '--format', 'html,json'], { cwd: dir });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const out = join(dir, 'out');
    // Once a few files are in place, so the batch is part way.
    for (let i = 0; i < 1000 && (!existsSync(out) || readdirSync(out).filter((f) => f.endsWith('.json')).length < 3) && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(existsSync(join(out, 'summary.json'))).toBe(false);
  });

  it('a temporary file left by SIGKILL is removed by the next write into the folder, once old', async () => {
    const dir = tempDir();
    const child = spawnBinary([...BIG_SWEEP, '--out', 'grid.csv'], { cwd: dir });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    for (let i = 0; i < 600 && temporaries(dir).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGKILL');
    await exited;
    const [left] = temporaries(dir);
    expect(left).toMatch(/^\.grid\.csv\.\d+\.[0-9a-f]{16}\.tmp$/);
    // Older than the 10 minutes a writer on another machine could still be using it.
    const old = Date.now() / 1000 - 3600;
    spawnSync('touch', ['-d', `@${old}`, join(dir, left as string)]);
    const r = await runCli([...SWEEP, '--out', 'small.csv'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(readdirSync(dir)).toEqual(['small.csv']);
  });
});

describe('D4: one batch at a time per output folder', () => {
  it('a second batch into the folder of one running is refused, naming the lock; the first completes whole', async () => {
    const dir = tempDir();
    scenarios(dir, 30);
    const first = spawnBinary(['batch', 'in', '--out', 'out', '--format', 'html,json'], { cwd: dir });
    const firstExit = new Promise<number | null>((done) => first.once('exit', (code) => done(code)));
    const lock = join(dir, 'out', '.peerplan.lock');
    for (let i = 0; i < 600 && !existsSync(lock) && first.exitCode === null; i++) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(lock)).toBe(true);
    const second = await runCli(['batch', 'in', '--out', 'out', '--format', 'csv'], { cwd: dir });
    expect(second.status).toBe(3);
    expect(second.stderr).toMatch(/^peerplan: the output folder out is in use by another peerplan batch \(process \d+, since [0-9T:.-]+Z; lock file out\/\.peerplan\.lock\)\. Wait for it to finish or choose another --out folder\n$/);
    expect(await firstExit).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.formats).toEqual(['html', 'json']);
    expect(summary.comparison.outputs).toEqual(['comparison.html', 'comparison.json']);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.csv'))).toEqual(['summary.csv']);
    expect(existsSync(lock)).toBe(false);
  });

  it('a lock left by a batch that no longer runs is taken over, with a note', async () => {
    const dir = tempDir();
    scenarios(dir, 2);
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', '.peerplan.lock'), JSON.stringify({ pid: 2 ** 22 + 99, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
    const r = await runCli(['batch', 'in', '--out', 'out', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`peerplan: took over the lock on out left by process ${2 ** 22 + 99}, which is no longer running\n`);
    expect(existsSync(join(dir, 'out', '.peerplan.lock'))).toBe(false);
  });
});

describe('batch globs', () => {
  it('a backwards range [z-a] is a usage error (was exit 70)', async () => {
    const dir = tempDir();
    scenarios(dir, 1);
    const r = await runCli(['batch', 'in/[z-a]*.yaml', '--out', 'out'], { cwd: dir });
    expect(r.stderr).toBe('peerplan: the pattern "in/[z-a]*.yaml" has the range [z-a], which runs backwards; write it low to high, e.g. [a-z]\n');
    expect(r.status).toBe(2);
  });

  it('many * against a long name answers at once (the regular expression took exponential time)', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', `${'a'.repeat(60)}.yaml`), readFileSync(BASELINE));
    const started = Date.now();
    const r = await runCli(['batch', `in/${'*a'.repeat(20)}*b.yaml`, '--out', 'out'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no scenario files \(\*\.yaml, \*\.yml\) match/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('** enters each real folder once: links back up the tree (two loops) neither hang nor repeat a file', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'in', 'sub'), { recursive: true });
    copyFileSync(BASELINE, join(dir, 'in', 'sub', 'only.yaml'));
    symlinkSync('..', join(dir, 'in', 'sub', 'up'));
    symlinkSync('../..', join(dir, 'in', 'sub', 'upup'));
    const r = await runCli(['batch', 'in/**/*.yaml', '--out', 'out', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.scenarios.map((s: { file: string }) => s.file)).toEqual(['in/sub/only.yaml']);
  });
});

describe('batch output errors', () => {
  it('the closing line names only the files written: summaries that could not be written are said to be missing', async () => {
    const dir = tempDir();
    scenarios(dir, 1);
    mkdirSync(join(dir, 'out', 'summary.json'), { recursive: true });
    const r = await runCli(['batch', 'in', '--out', 'out', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('peerplan: out/summary.json is a directory');
    expect(r.stderr).toContain('wrote 2 files to out (comparison.json).\n');
    expect(r.stderr).toContain('Not written: summary.json, summary.csv.\n');
  });
});

// The batch of the same (an HTML batch, 180,000 months in its comparison) is
// test/cli/batch-large.test.ts, in a file of its own because it is the slowest.
describe('D2: many scenarios over many months (Maximum call stack size exceeded)', () => {
  // 200 scenarios over 30 years: 72,000 months, whose extents were taken by spreading every month as an argument.
  it('report over 200 scenarios of 30 years is written', async () => {
    const dir = tempDir();
    const folder = scenarios(dir, 200);
    const r = await runCli(['report', ...readdirSync(folder).map((f) => `in/${f}`), '--years', '30', '--no-sensitivity', '--out', 'report.html'], { cwd: dir });
    // Thirty years run past the GDP deflator's forecasts: one warning for the 200 options (issue 23).
    expect(r.stderr).toMatch(/^warning: STALE_REFERENCE \(--years 30, in\/[^ ]+ \(and 199 more options\)\): [^\n]+\nWrote report\.html\n$/);
    expect(r.status).toBe(0);
  }, 120_000);
});
