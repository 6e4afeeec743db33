/**
 * Read → validate → calculate for commands that project scenarios. Diagnostics go to
 * stderr; any error stops the command with exit code 1 after every file is checked.
 */
import { resolve } from 'node:path';
import type { CommandContext } from '../main.js';
import { CliError, loadFailureExit, usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { LoadedScenario } from '../../scenario/origin.js';
import type { Projected } from '../../render/document.js';
import type { Scenario } from '../../scenario/types.js';
import { loadScenario, STDIN_FILE } from '../../read/load-scenario.js';
import { MAX_FILE_BYTES } from '../../read/read-file.js';
import { OverrideSyntaxError, parseOverride, type Override } from '../../read/overrides.js';
import { formatDiagnostics } from '../../validate/diagnostics.js';
import { loadReference } from '../../reference/load.js';
import { project } from '../../engine/project.js';
import { nonFinitePaths } from '../../engine/preconditions.js';
import { getAt } from '../../read/source.js';
import { writeFileAtomic, WriteRefusedError } from '../../write/atomic.js';

/** Same file named twice (e.g. `baseline.yaml scenarios/*.yaml`) is projected once, in first position. */
export function uniqueFiles(files: readonly string[], cwd: string): string[] {
  const seen = new Set<string>();
  return files.filter((f) => {
    const key = resolve(cwd, f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Standard input, read once per command however many times `-` is named (a stream can be read only once). */
const stdinRead = new WeakMap<object, Promise<Uint8Array>>();

/**
 * The bytes of standard input, for a scenario file named `-`. A terminal there is a
 * usage error (exit 2): waiting for typed YAML would look like a hang.
 */
export function readStdin(ctx: CommandContext): Promise<Uint8Array> {
  const stdin = ctx.io.stdin;
  if (stdin === undefined || stdin.isTTY === true) {
    return Promise.reject(usageError('- reads a scenario from standard input, but nothing is piped in; e.g. cat option.yaml | peerplan run -'));
  }
  let read = stdinRead.get(ctx.io);
  if (read === undefined) {
    read = (async () => {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of stdin) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
        chunks.push(buf);
        size += buf.length;
        if (size > MAX_FILE_BYTES) break; // enough to say it is too large, without holding all of it
      }
      return Buffer.concat(chunks);
    })();
    stdinRead.set(ctx.io, read);
  }
  return read;
}

/** Load options for one file: standard input's bytes when the file is `-`. */
export async function sourceOptions(ctx: CommandContext, file: string): Promise<{ stdin?: Uint8Array }> {
  return file === STDIN_FILE ? { stdin: await readStdin(ctx) } : {};
}

export async function loadAll(ctx: CommandContext, files: readonly string[], overrides: readonly Override[] = [], options: { rangesNote?: boolean } = {}): Promise<LoadedScenario[]> {
  const loaded: LoadedScenario[] = [];
  let failed = false;
  let exit: ExitCode = EXIT.INVALID_INPUT;
  for (const file of files) {
    const outcome = await loadScenario(file, { cwd: ctx.io.cwd, overrides, allowExtendsOutside: ctx.global.allowExtendsOutside, ...(await sourceOptions(ctx, file)) });
    const shown = ctx.global.quiet ? outcome.diagnostics.filter((d) => d.severity === 'error') : outcome.diagnostics;
    if (shown.length > 0) ctx.io.stderr.write(formatDiagnostics(shown, { color: ctx.global.color }));
    if (outcome.loaded) loaded.push(outcome.loaded);
    else {
      failed = true;
      if (loadFailureExit(outcome.diagnostics) === EXIT.USAGE) exit = EXIT.USAGE;
    }
  }
  if (failed) throw new CliError('invalid scenario', exit, true);
  const ranged = loaded.filter((l) => l.ranges !== undefined);
  if (options.rangesNote !== false && ranged.length > 0 && !ctx.global.quiet) {
    ctx.io.stderr.write(`note: ${ranged.map((l) => l.file).join(', ')} ${ranged.length === 1 ? 'gives' : 'give'} inputs as ranges; these figures use each range's central value (peerplan simulate draws from them)\n`);
  }
  return loaded;
}

export interface ProjectOptions {
  years?: number | undefined;
}

/** Projects one loaded scenario, over `years` instead of its horizon when given (recorded as a command-line origin). */
export function projectOne(loaded: LoadedScenario, years: number | undefined): Projected {
  const scenario: Scenario = years === undefined ? loaded.scenario : { ...loaded.scenario, horizon: { ...loaded.scenario.horizon, years } };
  const origins = years === undefined ? loaded.origins : { ...loaded.origins, 'horizon.years': { kind: 'set' as const, expression: `--years ${years}` } };
  return { loaded: { ...loaded, origins }, scenario, result: project(scenario, loadReference(scenario.reference)) };
}

export function projectAll(loaded: readonly LoadedScenario[], options: ProjectOptions): Projected[] {
  const projected = loaded.map((item) => projectOne(item, options.years));
  for (const p of projected) assertFinite(p);
  return projected;
}

/**
 * Refuses a result holding a figure that is not a finite number (exit 1, as for any
 * input the model cannot take), naming the figure and the inputs the scenario set.
 */
export function assertFinite(p: Projected): void {
  const bad = nonFinitePaths(p.result);
  if (bad.length === 0) return;
  const given = Object.entries(p.loaded.origins)
    .filter(([path, o]) => path !== 'peerplan' && (o.kind === 'file' || o.kind === 'set'))
    .map(([path]) => path)
    .filter((path) => typeof getAt(p.scenario, path) === 'number');
  const inputs = given.length === 0 ? '' : `; the inputs it sets are ${given.slice(0, 12).join(', ')}${given.length > 12 ? ` and ${given.length - 12} more` : ''}`;
  throw new CliError(
    `${p.loaded.file}: ${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} not a finite number (the projection overflowed or divided by zero), so no figures are given${inputs}. ` +
      'Bring the largest or smallest of them nearer to usual values (docs/SCENARIO.md gives each range); if they are ordinary, please report this as a bug.',
    EXIT.INVALID_INPUT,
  );
}

export function parseYears(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  // Digits only: Number() would also take 0x1E, 3e1, " 30 " and 30.0.
  const years = /^\d{1,2}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(years) || years < 1 || years > 30) {
    throw usageError(`--years must be a whole number of years from 1 to 30 (got "${value}"), e.g. --years 10`);
  }
  return years;
}

/** `--out ""` is a usage error (it would name the current folder); check it before any work. */
export function checkOut(out: string | undefined): void {
  if (out === '') throw usageError('--out needs a file name (or - for standard output), e.g. --out result.json');
}

/** Data goes to stdout (also for `--out -`), or atomically to --out (never over a scenario file). */
export function emit(ctx: CommandContext, content: string | Uint8Array, out: string | undefined, protect: readonly string[]): void {
  checkOut(out);
  if (out === '-' && typeof content !== 'string') {
    // Bytes (a workbook) go out as they are: `--out - > book.xlsx`.
    (ctx.io.stdout as { write(chunk: string | Uint8Array): unknown }).write(content);
    return;
  }
  if (out === undefined || out === '-') {
    ctx.io.stdout.write(typeof content === 'string' ? content : Buffer.from(content).toString('utf8'));
    return;
  }
  try {
    writeFileAtomic(resolve(ctx.io.cwd, out), content, { protect: protect.map((p) => resolve(ctx.io.cwd, p)), shown: out });
  } catch (err) {
    if (err instanceof WriteRefusedError) throw new CliError(err.message, EXIT.OUTPUT);
    throw err;
  }
  if (!ctx.global.quiet) ctx.io.stderr.write(`Wrote ${out}\n`);
}

export function outputWidth(ctx: CommandContext): number {
  const columns = ctx.io.stdout.isTTY ? ctx.io.stdout.columns : undefined;
  return columns && columns > 40 ? columns : 100;
}

/** Parses repeated `--set PATH=VALUE` options; a malformed one is a usage error. */
export function parseOverrides(expressions: readonly string[] | undefined): Override[] {
  try {
    return (expressions ?? []).map(parseOverride);
  } catch (err) {
    if (err instanceof OverrideSyntaxError) throw usageError(err.message);
    throw err;
  }
}
