/**
 * Runs the CLI the way a user or a script would, two ways:
 *
 * - `runCli`: in this process, through the built shell's `main(argv, io)`
 *   (dist/peerplan.cjs, loaded with its code cache as bin/peerplan.js loads it), with
 *   the streams, environment and folder a subprocess would get. The same code as the
 *   installed CLI, without a Node start per call (most of what the CLI tests cost).
 * - `runBinary` / `spawnBinary`: the real `node bin/peerplan.js` as a subprocess, for
 *   what only a process shows: exit codes set by bin, closed pipes, terminals,
 *   signals, the code cache and a missing build.
 *
 * `npm test` builds dist/ first.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, onTestFinished } from 'vitest';
import type { Io } from '../../src/cli/io.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every bundled scenario, as paths relative to ROOT, in code-point order. */
export const BUNDLED = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `scenarios/${f}`);
/** The three options the README compares. */
export const TRIO = ['scenarios/baseline.yaml', 'scenarios/band3-fixed-term.yaml', 'scenarios/band4-permanent.yaml'];

/** A fresh temporary folder, removed when the current test finishes. */
export function tempDir(prefix = 'peerplan-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A temporary folder for a whole describe block (call it in the block), removed after the block's tests. */
export function suiteTempDir(prefix = 'peerplan-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A minimal, fixed environment, so output does not depend on the machine running the tests. */
function cliEnv(env: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', TZ: 'UTC', LANG: 'C', ...env };
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Standard input: a pipe holding this text (empty by default), as spawnSync's `input`. */
  input?: string;
}

export interface InProcessOptions extends CliOptions {
  /** Accepted for parity with runBinary and ignored: an in-process run is bounded by the test's own time limit. */
  timeout?: number;
  /** Standard error into the standard output, in the order written, as `2>&1` does. */
  mergeStderr?: boolean;
}

interface Shell {
  main(argv: string[], io: Io): Promise<number>;
}
let shell: Shell | undefined;

/** The built CLI shell, loaded once per test file as bin/peerplan.js loads it. */
function builtShell(): Shell {
  if (shell === undefined) {
    const require = createRequire(import.meta.url);
    const { loadBundle } = require(join(ROOT, 'dist', 'cli', 'code-cache.cjs')) as { loadBundle(name: string): unknown };
    shell = loadBundle('peerplan') as Shell;
  }
  return shell;
}

/** A pipe's end, as a subprocess's stdout or stderr is under spawnSync: not a terminal, no width. */
function capture(): { stream: Io['stdout']; text(): string } {
  const chunks: string[] = [];
  return { stream: { write: (chunk: string) => chunks.push(String(chunk)) }, text: () => chunks.join('') };
}

/**
 * The CLI in this process: `main(argv, io)` of the built shell with a subprocess's
 * surroundings (the fixed environment below, a folder, stdin a pipe, stdout and stderr
 * pipes), resolved with what `runBinary` would give.
 */
export async function runCli(args: string[], options: InProcessOptions = {}): Promise<CliRun> {
  // The time zone and locale are the process's, not the Io's: a test of them needs its own process.
  const processWide = Object.keys(options.env ?? {}).filter((k) => k === 'TZ' || k === 'LANG' || k.startsWith('LC_'));
  if (processWide.length > 0) throw new Error(`runCli cannot set ${processWide.join(', ')} (process-wide): use runBinary`);
  const stdout = capture();
  const stderr = options.mergeStderr === true ? stdout : capture();
  const status = await builtShell().main([process.execPath, join(ROOT, 'bin', 'peerplan.js'), ...args], {
    stdin: Readable.from([Buffer.from(options.input ?? '')]),
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: cliEnv(options.env),
    cwd: options.cwd ?? ROOT,
  });
  return { status, stdout: stdout.text(), stderr: options.mergeStderr === true ? '' : stderr.text() };
}

/** The real CLI, `node bin/peerplan.js`, as a subprocess: for exit codes through bin, pipes, signals, terminals, the package. */
export function runBinary(args: string[], options: CliOptions & { timeout?: number } = {}): CliRun {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'peerplan.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: cliEnv(options.env),
    encoding: 'utf8',
    input: options.input ?? '',
    timeout: options.timeout ?? 60_000,
    // A 1,000-run sweep of every metric is over spawnSync's default 1 MiB.
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The real CLI as a running child process, to watch its output as it is produced or signal it. Killed when the test finishes. */
export function spawnBinary(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'peerplan.js'), ...args], { cwd: options.cwd ?? ROOT, env: cliEnv(options.env) });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill();
  });
  return child;
}

/**
 * Compares text with a golden file under test/golden/. Set UPDATE_GOLDEN=1 to
 * rewrite the files after a reviewed change.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(ROOT, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  // A missing golden is a failure, never a silent pass: write it with UPDATE_GOLDEN=1 and review it.
  if (!existsSync(path)) throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1, review it and commit it`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** RFC 4180 CSV (as peerplan writes it: CRLF, quoted fields) → rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** CSV with a header row → one object per row, keyed by the header. */
export function csvRecords(text: string): Array<Record<string, string>> {
  const [head = [], ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}
