/**
 * `peerplan batch DIR_OR_GLOB... --out DIR`: runs every scenario, writes one output
 * per scenario and format, a combined comparison of all the valid ones, and
 * `summary.json` / `summary.csv`. The use case (src/app/batch.ts) runs the scenarios and
 * writes their files; this command parses the options, locks the folder, shows the use
 * case's events as progress, chooses the exit code and writes the summaries.
 *
 * - A broken scenario does not stop the batch: its diagnostics are printed and
 *   recorded in the summary, the rest carry on, and the exit code says so at the end.
 * - `--fail-on EXPR` checks each scenario's metrics (src/batch/thresholds.ts).
 * - Every file goes through src/write/atomic.ts: a file is either complete or absent.
 * - Exit codes, when several things happen: output error (3) > invalid scenario (1)
 *   > threshold breached (4) > success (0). Usage errors (2) stop before anything runs.
 *   A bug (70) in one scenario does not stop the rest: the summaries record it and are
 *   still written, then it is reported as an internal error.
 * - The --out folder is locked for the run (src/write/lock.ts): one batch at a time.
 */
import { basename, resolve } from 'node:path';
import type { CommandContext } from '../io.js';
import { usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { baselineReasonText } from '../../compare/baseline.js';
import { loadScenario, STDIN_FILE } from '../../read/load-scenario.js';
import { unmatchedTarget } from '../../read/overrides.js';
import { formatDiagnostics } from '../../source/diagnostics.js';
import { terminalText } from '../../render/safe-text.js';
import { didYouMean } from '../../source/did-you-mean.js';
import { ensureDirectory, writeFileAtomicInBackground } from '../../write/atomic.js';
import { lockFolder, type FolderLock } from '../../write/lock.js';
import { signalCheckpoint } from '../io.js';
import { rethrowRefused, sources } from './pipeline.js';
import { expandInputs, GlobSyntaxError } from '../../batch/inputs.js';
import { parseThreshold, ThresholdSyntaxError, type Threshold } from '../../batch/thresholds.js';
import { breachText, EXIT_CODE_PRECEDENCE, summaryCsv, summaryJson, type BatchSummary } from '../../batch/summary.js';
import { BATCH_FORMATS, runBatch, type BatchDetail, type BatchEvent, type BatchFormat } from '../../app/batch.js';
import { batchRenderers } from '../../render/batch.js';
import { parseOverrides, parseYears } from '../options.js';
import { projectOne, readOptions } from '../../app/project.js';
import { StepProgress } from '../progress.js';
import { VERSION } from '../../version.js';

export { BATCH_FORMATS, type BatchFormat };

export interface BatchOptions {
  out?: string;
  format?: string;
  failOn?: string[];
  baseline?: string;
  years?: string;
  set?: string[];
  timestamp?: boolean;
  detail?: string;
}

/** Names reserved for the combined outputs. */
const RESERVED = ['summary', 'comparison'];

export function parseFormats(text: string | undefined): BatchFormat[] {
  const names = (text ?? 'html').split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  if (names.length === 0) throw usageError('--format needs at least one of html, xlsx, json, csv, e.g. --format html,json');
  const formats: BatchFormat[] = [];
  for (const name of names) {
    if (!(BATCH_FORMATS as readonly string[]).includes(name)) {
      const guess = didYouMean(name, BATCH_FORMATS);
      throw usageError(`--format: unknown format "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}; choose from ${BATCH_FORMATS.join(', ')}, e.g. --format html,json`);
    }
    if (!formats.includes(name as BatchFormat)) formats.push(name as BatchFormat);
  }
  return formats;
}

export function parseFailOn(expressions: readonly string[] | undefined): Threshold[] {
  try {
    return (expressions ?? []).map(parseThreshold);
  } catch (err) {
    if (err instanceof ThresholdSyntaxError) throw usageError(err.message);
    throw err;
  }
}

/** Output base names from the scenario files' names; repeats (and `summary`, `comparison`) get -2, -3, ... in order. */
export function outputNames(files: readonly string[]): string[] {
  const used = new Set(RESERVED);
  return files.map((file) => {
    // A scenario read from standard input (`-`) writes stdin.json, stdin.csv, ...
    const base = file === STDIN_FILE ? 'stdin' : basename(file).replace(/\.ya?ml$/i, '') || 'scenario';
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base}-${k}`;
    used.add(name.toLowerCase());
    return name;
  });
}


export function parseDetail(text: string | undefined): BatchDetail {
  if (text === undefined || text === 'years') return 'years';
  if (text === 'months') return 'months';
  const guess = didYouMean(text, ['months', 'years']);
  throw usageError(`--detail: unknown level "${text}"${guess ? ` (did you mean "${guess}"?)` : ''}; choose months (month rows in each scenario's JSON and CSV) or years (the default), e.g. --detail months`);
}

export async function batchCommand(ctx: CommandContext, inputs: string[], opts: BatchOptions): Promise<ExitCode> {
  // Usage first: nothing runs or is written on a bad command line.
  if (opts.out === undefined || opts.out === '' || opts.out === '-') {
    throw usageError('batch writes its outputs to a folder: give --out, e.g. peerplan batch scenarios/ --out results/');
  }
  const formats = parseFormats(opts.format);
  const detail = parseDetail(opts.detail);
  const thresholds = parseFailOn(opts.failOn);
  const years = parseYears(opts.years);
  const overrides = parseOverrides(opts.set);
  let expanded: ReturnType<typeof expandInputs>;
  try {
    expanded = expandInputs(opts.baseline ? [opts.baseline, ...inputs] : inputs, ctx.io.cwd);
  } catch (err) {
    if (err instanceof GlobSyntaxError) throw usageError(err.message);
    throw err;
  }
  const { files: found, empty } = expanded;
  if (empty.length > 0) {
    throw usageError(`no scenario files (*.yaml, *.yml) match ${empty.map((e) => `"${e}"`).join(', ')}; give folders, files or patterns such as scenarios/*.yaml`);
  }
  if (found.length === 0) throw usageError('no scenario files to run; give folders, files or patterns such as scenarios/*.yaml');
  const files = found;
  const lost = unmatchedTarget(overrides, files, ctx.io.cwd);
  if (lost !== undefined) throw usageError(lost);

  const outDir = opts.out;
  const outAbs = resolve(ctx.io.cwd, outDir);
  let lock: FolderLock;
  try {
    ensureDirectory(outAbs, outDir);
    // One batch at a time per folder: two at once would mix their summaries and comparisons.
    lock = lockFolder(outAbs, outDir);
  } catch (err) {
    rethrowRefused(err);
  }
  if (lock.tookOver && !ctx.global.quiet) {
    ctx.io.stderr.write(`peerplan: took over the lock on ${outDir} left by process ${lock.tookOver.pid}, which is no longer running\n`);
  }
  try {
    return await batchInFolder(ctx, files, opts, formats, detail, thresholds, years, overrides, outDir, outAbs);
  } finally {
    lock.release();
  }
}

async function batchInFolder(
  ctx: CommandContext,
  files: readonly string[],
  opts: BatchOptions,
  formats: readonly BatchFormat[],
  detail: BatchDetail,
  thresholds: readonly Threshold[],
  years: number | undefined,
  overrides: ReturnType<typeof parseOverrides>,
  outDir: string,
  outAbs: string,
): Promise<ExitCode> {
  const progress = new StepProgress(ctx.io.stderr, files.length, !ctx.global.quiet);
  const protect = new Set(files.map((f) => resolve(ctx.io.cwd, f)));
  // The messages name the output as the user would write it (--out joined with the name).
  const shownPath = (name: string): string => `${outDir.replace(/\/+$/, '')}/${name}`;
  const show = (event: BatchEvent): void => {
    switch (event.kind) {
      case 'diagnostics':
        progress.note(formatDiagnostics(event.diagnostics, { color: ctx.global.color }));
        break;
      case 'scenario':
        progress.step(event.done, terminalText(event.file), event.status);
        break;
      case 'refused':
        progress.note(`peerplan: ${terminalText(event.message)}\n`);
        break;
      case 'internal':
        progress.note(`peerplan: ${event.file !== null ? `${event.file}: ` : ''}${event.message}\n`);
        break;
      case 'conflict':
        progress.note(`peerplan: ${event.message}; no comparison written\n`);
        break;
    }
  };
  const batch = await runBatch({
    files,
    names: outputNames(files),
    renderers: await batchRenderers(formats, detail),
    thresholds,
    baseline: opts.baseline,
    cwd: ctx.io.cwd,
    detail,
    quiet: ctx.global.quiet,
    load: async (file) => {
      const outcome = await loadScenario(file, { ...(await readOptions(sources(ctx), file)), overrides });
      for (const chainFile of outcome.loaded?.chain ?? []) protect.add(resolve(ctx.io.cwd, chainFile));
      return outcome;
    },
    project: (loaded) => projectOne(loaded, years),
    write: (name, content) => writeFileAtomicInBackground(resolve(outAbs, name), content, { protect, shown: shownPath(name), named: false }),
    checkpoint: signalCheckpoint,
    onEvent: show,
  });
  progress.end();
  const { rows, comparison, baselineConflict, outputErrors, internalErrors } = batch;

  const invalidRows = rows.filter((r) => r.status === 'invalid');
  const breached = rows.filter((r) => r.breaches.length > 0);
  let exitCode: ExitCode = EXIT.OK;
  let outcomeText = 'every scenario is valid and no --fail-on threshold was breached';
  if (internalErrors.length > 0) {
    exitCode = EXIT.INTERNAL;
    outcomeText = `${internalErrors.length} internal error${internalErrors.length === 1 ? '' : 's'} (a bug in peerplan: please report it with the --debug output)`;
  } else if (outputErrors > 0) {
    exitCode = EXIT.OUTPUT;
    outcomeText = `${outputErrors} output file${outputErrors === 1 ? '' : 's'} could not be written`;
  } else if (invalidRows.length > 0) {
    exitCode = EXIT.INVALID_INPUT;
    outcomeText = `${invalidRows.length} scenario${invalidRows.length === 1 ? ' is' : 's are'} invalid`;
  } else if (baselineConflict !== undefined) {
    exitCode = EXIT.INVALID_INPUT;
    outcomeText = 'more than one scenario is marked baseline: true, so no comparison was written';
  } else if (breached.length > 0) {
    exitCode = EXIT.THRESHOLD;
    outcomeText = `${breached.length} scenario${breached.length === 1 ? '' : 's'} breached a --fail-on threshold`;
  }

  const summary: BatchSummary = {
    peerplan_version: VERSION,
    ...(opts.timestamp ? { generated_at: new Date().toISOString() } : {}),
    exit_code: exitCode,
    outcome: outcomeText,
    exit_code_precedence: EXIT_CODE_PRECEDENCE,
    formats: [...formats],
    fail_on: thresholds.map((t) => t.expression),
    counts: {
      scenarios: rows.length,
      ok: rows.filter((r) => r.status === 'ok').length,
      invalid: invalidRows.length,
      breached: breached.length,
      output_errors: outputErrors,
    },
    comparison,
    scenarios: rows,
  };
  // The summary is written last, so its exit code covers every other file; if it
  // cannot be written, that is an output error too.
  const summaries: string[] = [];
  await batch.writeLast('summary.json', summaryJson(summary), summaries);
  if (summaries.length === 1) await batch.writeLast('summary.csv', summaryCsv(summary), summaries);
  if (summaries.length < 2 && exitCode !== EXIT.INTERNAL) exitCode = EXIT.OUTPUT;

  const err = ctx.io.stderr;
  if (invalidRows.length > 0) {
    err.write(`Invalid scenarios (${invalidRows.length}), not run:\n`);
    for (const r of invalidRows) {
      const codes = [...new Set(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))];
      err.write(`  ${terminalText(r.file)}: ${codes.join(', ')}\n`);
    }
  }
  if (breached.length > 0) {
    err.write(`Threshold breaches (${breached.reduce((n, r) => n + r.breaches.length, 0)}):\n`);
    for (const r of breached) {
      for (const b of r.breaches) err.write(`  ${terminalText(r.file)} (${terminalText(r.name)}): ${breachText(b)}   [--fail-on '${b.expression}']\n`);
    }
  }
  if (!ctx.global.quiet) {
    // Only the files actually written: a full disk may have stopped the summaries.
    const list = [...summaries, ...(comparison?.outputs ?? [])];
    err.write(
      `Batch: ${rows.length} scenario${rows.length === 1 ? '' : 's'}, ${summary.counts.ok} ok, ${invalidRows.length} invalid, ` +
        `${breached.length} breached a threshold; wrote ${batch.written} file${batch.written === 1 ? '' : 's'} to ${outDir}${list.length > 0 ? ` (${list.join(', ')})` : ''}.\n`,
    );
    if (comparison) err.write(`Comparison baseline: ${terminalText(comparison.baseline)} (${baselineReasonText(comparison.baseline_reason)}).\n`);
  }
  if (summaries.length < 2) {
    const missing = ['summary.json', 'summary.csv'].filter((f) => !summaries.includes(f));
    err.write(`Not written: ${missing.join(', ')}.\n`);
  }
  // A bug: the summaries are written; now it is reported as every internal error is (exit 70).
  if (internalErrors.length > 0) throw internalErrors[0];
  if (exitCode !== EXIT.OK) err.write(`Exit ${exitCode}: ${outcomeText}.\n`);
  return exitCode;
}
