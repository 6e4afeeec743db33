/**
 * Runs the real built CLI (`node bin/peerplan.js`) as a subprocess, the way a user
 * or a script would. `npm test` builds dist/ first.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, onTestFinished } from 'vitest';

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

export function runCli(args: string[], options: { env?: Record<string, string>; cwd?: string; input?: string; timeout?: number } = {}): CliRun {
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

/** The CLI as a running child process, to watch its output as it is produced. Killed when the test finishes. */
export function spawnCli(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): ChildProcessWithoutNullStreams {
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
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    if (process.env.UPDATE_GOLDEN !== '1' && process.env.CI === 'true') {
      throw new Error(`golden file ${name} was missing; it has been written, review and commit it`);
    }
    return;
  }
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
