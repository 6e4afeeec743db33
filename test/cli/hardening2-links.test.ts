/**
 * Issue #24, N1 and N5, through the CLI: a link someone planted at the output's name is
 * never followed into /proc, /dev, a FIFO or another file (only the name the user gave
 * may be a device, a FIFO or a descriptor such as /dev/stdout), for run, sweep and
 * simulate --draws-out; a FIFO without a reader does not block for ever, and a signal
 * stops the wait.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runBinary, runCli, spawnBinary, tempDir } from './run-cli.js';

const BASELINE = join(ROOT, 'scenarios', 'baseline.yaml');
const SWEEP = ['sweep', BASELINE, '--vary', 'turnover.annual_leaver_rate=10%..30%:5%', '--format', 'csv'];
const SIMULATE = ['simulate', BASELINE, '--draws', '20', '--quiet', '--format', 'json'];
const hasMkfifo = spawnSync('mkfifo', ['--help']).status === 0;
const temporaries = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

/** A folder with `victim` (the file an attacker wants written) and `shared/` (where they plant links). */
function setUp(): { dir: string; shared: string; victim: string } {
  const dir = tempDir();
  const shared = join(dir, 'shared');
  mkdirSync(shared);
  const victim = join(dir, 'victim');
  writeFileSync(victim, 'precious\n');
  return { dir, shared, victim };
}

/** The three ways a command writes a file the user named. */
const WRITERS: [string, (out: string) => string[]][] = [
  ['run --out', (out) => ['run', BASELINE, '--format', 'csv', '--out', out]],
  ['sweep --out', (out) => [...SWEEP, '--out', out]],
  ['simulate --draws-out', (out) => [...SIMULATE, '--out', '-', '--draws-out', out]],
];

describe('N1: a link planted at the output name is never followed into /proc, /dev or a FIFO', () => {
  it.runIf(existsSync('/proc/self/root')).each(WRITERS)('%s: a link through /proc/self/root to another file leaves that file alone (exit 3, link kept)', async (_, args) => {
    const { dir, shared, victim } = setUp();
    symlinkSync(`/proc/self/root${victim}`, join(shared, 'out.csv'));
    const r = await runCli(args('shared/out.csv'), { cwd: dir });
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(r.stderr).toContain('peerplan: shared/out.csv is a symbolic link into /proc or /dev, or to a device or FIFO');
    expect(r.status).toBe(3);
    expect(lstatSync(join(shared, 'out.csv')).isSymbolicLink()).toBe(true);
    expect(temporaries(shared)).toEqual([]);
  });

  it.runIf(existsSync('/dev/shm'))('a link at a name under /dev (/dev/shm/x → victim) is replaced, the file it points to is left alone', async () => {
    const { victim } = setUp();
    const name = `/dev/shm/peerplan-n1-${process.pid}-${Date.now()}.csv`;
    symlinkSync(victim, name);
    try {
      const r = await runCli(['run', BASELINE, '--format', 'csv', '--out', name]);
      expect(r.status).toBe(0);
      expect(readFileSync(victim, 'utf8')).toBe('precious\n');
      expect(lstatSync(name).isFile()).toBe(true);
    } finally {
      spawnSync('rm', ['-f', name]);
    }
  });

  it.runIf(hasMkfifo).each(WRITERS)('%s: a link to someone else\'s FIFO sends them nothing (exit 3)', async (_, args) => {
    const { dir, shared } = setUp();
    mkdirSync(join(dir, 'attacker'));
    expect(spawnSync('mkfifo', [join(dir, 'attacker', 'fifo')]).status).toBe(0);
    symlinkSync('../attacker/fifo', join(shared, 'report.json'));
    // The attacker reads the FIFO; a write would reach them.
    const reader = spawn('sh', ['-c', 'cat attacker/fifo > attacker/got'], { cwd: dir, stdio: 'ignore' });
    try {
      const r = await runCli(args('shared/report.json'), { cwd: dir });
      expect(r.stderr).toContain('peerplan: shared/report.json is a symbolic link into /proc or /dev, or to a device or FIFO');
      expect(r.status).toBe(3);
    } finally {
      reader.kill('SIGKILL');
    }
    expect(existsSync(join(dir, 'attacker', 'got')) ? readFileSync(join(dir, 'attacker', 'got'), 'utf8') : '').toBe('');
  });

  it.runIf(existsSync('/dev/null'))('a link to /dev/null is refused too; /dev/null named is written', async () => {
    const { dir } = setUp();
    symlinkSync('/dev/null', join(dir, 'out.csv'));
    const linked = await runCli(['run', BASELINE, '--format', 'csv', '--out', 'out.csv'], { cwd: dir });
    expect(linked.status).toBe(3);
    const named = await runCli(['run', BASELINE, '--format', 'csv', '--out', '/dev/null']);
    expect(named.status).toBe(0);
  });

  it('--out /dev/stdout (a shell redirection\'s name) is still written, through the real binary', () => {
    const r = runBinary(['run', BASELINE, '--format', 'json', '--out', '/dev/stdout', '--quiet']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).scenarios).toHaveLength(1);
  });

  it.runIf(hasMkfifo)('batch never writes into a FIFO planted at one of its file names (refused, not blocked)', async () => {
    const { dir } = setUp();
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'a.yaml'), readFileSync(BASELINE, 'utf8'));
    mkdirSync(join(dir, 'out'));
    expect(spawnSync('mkfifo', [join(dir, 'out', 'a.json')]).status).toBe(0);
    const r = await runCli(['batch', 'in', '--out', 'out', '--format', 'json', '--quiet'], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('out/a.json is a FIFO');
    expect(lstatSync(join(dir, 'out', 'a.json')).isFIFO()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'))).toBeTruthy();
  });

  it.runIf(hasMkfifo && process.getuid?.() === 0)("a FIFO owned by another user is refused, as the kernel's protected_fifos would", async () => {
    const { dir } = setUp();
    expect(spawnSync('mkfifo', [join(dir, 'pipe')]).status).toBe(0);
    chownSync(join(dir, 'pipe'), 65534, 65534);
    const r = await runCli(['run', BASELINE, '--format', 'json', '--out', 'pipe'], { cwd: dir });
    expect(r.stderr).toContain('pipe is a FIFO owned by another user');
    expect(r.status).toBe(3);
  });
});

describe('N5: a FIFO with no reader', () => {
  it.runIf(hasMkfifo).each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('waiting for a reader stops on %s (exit %d), nothing written', async (signal, code) => {
    const dir = tempDir();
    expect(spawnSync('mkfifo', [join(dir, 'pipe')]).status).toBe(0);
    const child = spawnBinary(['run', BASELINE, '--format', 'json', '--out', 'pipe'], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    await new Promise((done) => setTimeout(done, 1500));
    child.kill(signal);
    const status = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
    expect(status).toBe(code);
    expect(stderr).toContain('waiting for a reader on pipe');
    expect(lstatSync(join(dir, 'pipe')).isFIFO()).toBe(true);
  });
});
