/**
 * `peerplan batch DIR_OR_GLOB... --out DIR`: runs every scenario, writes one output
 * per scenario and format, a combined comparison of all the valid ones, and
 * `summary.json` / `summary.csv`.
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
import { CliError, usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { BaselineConflictError, baselineReasonText, chooseBaseline } from '../../compare/baseline.js';
import { loadScenario } from '../../read/load-scenario.js';
import { loadReference } from '../../reference/load.js';
import { resultDocument, type Projected, type ResultDocument } from '../../result/document.js';
import { compareScenarios } from '../../compare/compare.js';
import { narrative } from '../../compare/narrative.js';
import { DEFAULT_COMPARE_METRICS } from '../../metrics/catalogue.js';
import { formatDiagnostics, hasErrors } from '../../source/diagnostics.js';
import { terminalText } from '../../render/safe-text.js';
import { didYouMean } from '../../source/did-you-mean.js';
import { ensureDirectory, writeFileAtomicInBackground, WriteRefusedError, type FileContent } from '../../write/atomic.js';
import { lockFolder, type FolderLock } from '../../write/lock.js';
import { signalCheckpoint } from '../io.js';
import { StepProgress } from '../progress.js';
import { expandInputs, GlobSyntaxError } from '../../batch/inputs.js';
import { checkThresholds, parseThreshold, ThresholdSyntaxError, type Threshold } from '../../batch/thresholds.js';
import { breachText, EXIT_CODE_PRECEDENCE, summaryCsv, summaryJson, type BatchSummary, type SummaryRow } from '../../batch/summary.js';
import { parseOverrides, parseYears } from '../options.js';
import { projectOne } from '../../app/project.js';
import { VERSION } from '../../version.js';

export const BATCH_FORMATS = ['html', 'xlsx', 'json', 'csv'] as const;
export type BatchFormat = (typeof BATCH_FORMATS)[number];

export interface BatchOptions {
  out?: string;
  format?: string;
  failOn?: string[];
  baseline?: string;
  years?: string;
  set?: string[];
  timestamp?: boolean;
}

/** Files flushing to disk at once, at most (each holds an open descriptor until it is moved into place). */
const MAX_PENDING_WRITES = 16;

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
    const base = basename(file).replace(/\.ya?ml$/i, '') || 'scenario';
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base}-${k}`;
    used.add(name.toLowerCase());
    return name;
  });
}

// ---------------------------------------------------------------------------

/** A format's outputs: each scenario's own file, then the comparison of every valid scenario, in the same order. */
interface Renderer {
  scenario(doc: ResultDocument): Promise<FileContent> | FileContent;
  comparison(doc: ResultDocument): Promise<FileContent> | FileContent;
  /** Whether `comparison` reads the scenarios' month and year rows (JSON reuses the text `scenario` rendered instead). */
  comparisonReadsRows: boolean;
}

const same = (render: (doc: ResultDocument) => Promise<FileContent> | FileContent): Renderer => ({
  scenario: render,
  comparison: render,
  comparisonReadsRows: true,
});

async function renderers(formats: readonly BatchFormat[]): Promise<Map<BatchFormat, Renderer>> {
  const map = new Map<BatchFormat, Renderer>();
  for (const format of formats) {
    switch (format) {
      case 'json': {
        const { renderJson, renderJsonPieces, scenarioPart } = await import('../../render/json.js');
        // The comparison repeats every scenario's text: keep each as rendered for its own file.
        const parts: string[] = [];
        map.set(format, {
          scenario: (doc) => {
            const text = renderJson(doc);
            parts.push(scenarioPart(text));
            return text;
          },
          comparison: (doc) => {
            if (parts.length !== doc.scenarios.length) throw new Error(`batch: ${parts.length} scenarios rendered for a comparison of ${doc.scenarios.length}`);
            return renderJsonPieces(doc, parts);
          },
          comparisonReadsRows: false,
        });
        break;
      }
      case 'csv': {
        const { renderCsv } = await import('../../render/csv.js');
        map.set(format, same((doc) => renderCsv(doc, { wide: false, monthly: false })));
        break;
      }
      case 'html': {
        const { renderHtml } = await import('../../render/html.js');
        map.set(format, same((doc) => renderHtml(doc, { references: loadReference })));
        break;
      }
      case 'xlsx': {
        const { renderXlsx } = await import('../../render/xlsx.js');
        map.set(format, same((doc) => renderXlsx(doc, { references: loadReference })));
        break;
      }
    }
  }
  return map;
}

export async function batchCommand(ctx: CommandContext, inputs: string[], opts: BatchOptions): Promise<ExitCode> {
  // Usage first: nothing runs or is written on a bad command line.
  if (opts.out === undefined || opts.out === '' || opts.out === '-') {
    throw usageError('batch writes its outputs to a folder: give --out, e.g. peerplan batch scenarios/ --out results/');
  }
  const formats = parseFormats(opts.format);
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

  const outDir = opts.out;
  const outAbs = resolve(ctx.io.cwd, outDir);
  let lock: FolderLock;
  try {
    ensureDirectory(outAbs, outDir);
    // One batch at a time per folder: two at once would mix their summaries and comparisons.
    lock = lockFolder(outAbs, outDir);
  } catch (err) {
    if (err instanceof WriteRefusedError) throw new CliError(err.message, EXIT.OUTPUT);
    throw err;
  }
  if (lock.tookOver && !ctx.global.quiet) {
    ctx.io.stderr.write(`peerplan: took over the lock on ${outDir} left by process ${lock.tookOver.pid}, which is no longer running\n`);
  }
  try {
    return await runBatch(ctx, files, opts, formats, thresholds, years, overrides, outDir, outAbs);
  } finally {
    lock.release();
  }
}

async function runBatch(
  ctx: CommandContext,
  files: readonly string[],
  opts: BatchOptions,
  formats: readonly BatchFormat[],
  thresholds: readonly Threshold[],
  years: number | undefined,
  overrides: ReturnType<typeof parseOverrides>,
  outDir: string,
  outAbs: string,
): Promise<ExitCode> {
  const render = await renderers(formats);
  const keepRows = [...render.values()].some((r) => r.comparisonReadsRows);
  const names = outputNames(files);
  const progress = new StepProgress(ctx.io.stderr, files.length, !ctx.global.quiet);
  const protect = new Set(files.map((f) => resolve(ctx.io.cwd, f)));
  const rows: SummaryRow[] = [];
  const valid: Projected[] = [];
  let written = 0;
  let outputErrors = 0;
  /**
   * Bugs met on the way (an exception that is not a refused write). The batch goes on
   * with the other scenarios and always writes its summaries, then the first is
   * reported as an internal error (exit 70).
   */
  const internalErrors: unknown[] = [];
  const internal = (row: SummaryRow | null, err: unknown): void => {
    internalErrors.push(err);
    const message = `internal error: ${err instanceof Error ? err.message : String(err)}`;
    if (row) {
      row.status = 'error';
      row.output_errors.push(message);
    }
    progress.note(`peerplan: ${row ? `${row.file}: ` : ''}${message}\n`);
  };

  // Each file is flushed to disk in the background while the next scenario is computed
  // (writeFileAtomicInBackground). Outcomes are taken in the order the files were written,
  // so the summary and the messages never depend on which flush finishes first.
  const pending: Array<{ name: string; row: SummaryRow | null; outputs: string[]; done: Promise<void> }> = [];
  // The messages name the output as the user would write it (--out joined with the name).
  const shownPath = (name: string): string => `${outDir.replace(/\/+$/, '')}/${name}`;
  const refused = (row: SummaryRow | null, err: unknown): void => {
    if (!(err instanceof WriteRefusedError)) throw err;
    outputErrors++;
    row?.output_errors.push(err.message);
    progress.note(`peerplan: ${terminalText(err.message)}\n`);
  };
  const settleOldest = async (): Promise<void> => {
    const w = pending.shift();
    if (w === undefined) return;
    try {
      await w.done;
      written++;
      w.outputs.push(w.name);
    } catch (err) {
      refused(w.row, err);
    }
  };
  const settleAll = async (): Promise<void> => {
    while (pending.length > 0) await settleOldest();
  };
  /** Writes `name` in --out; once it is in place it is added to `outputs`, on failure to the row's output errors. */
  const write = async (name: string, content: FileContent, row: SummaryRow | null, outputs: string[]): Promise<void> => {
    let done: Promise<void>;
    try {
      done = writeFileAtomicInBackground(resolve(outAbs, name), content, { protect, shown: shownPath(name) });
    } catch (err) {
      // Refused at once (a folder in the way, a scenario file): said now, beside its scenario.
      await settleAll();
      refused(row, err);
      return;
    }
    done.catch(() => undefined); // seen in settleOldest, in order
    pending.push({ name, row, outputs, done });
    while (pending.length > MAX_PENDING_WRITES) await settleOldest();
  };

  for (const [i, file] of files.entries()) {
    await signalCheckpoint();
    const outcome = await loadScenario(file, { cwd: ctx.io.cwd, overrides, allowExtendsOutside: ctx.global.allowExtendsOutside });
    for (const chainFile of outcome.loaded?.chain ?? []) protect.add(resolve(ctx.io.cwd, chainFile));
    const invalid = outcome.loaded === null || hasErrors(outcome.diagnostics);
    const shown = invalid ? outcome.diagnostics : ctx.global.quiet ? [] : outcome.diagnostics;
    if (shown.length > 0) progress.note(formatDiagnostics(shown, { color: ctx.global.color }));
    const name = names[i] ?? `scenario-${i + 1}`;
    const row: SummaryRow = {
      file,
      name: outcome.loaded?.scenario.name ?? basename(file).replace(/\.ya?ml$/i, ''),
      status: invalid ? 'invalid' : 'ok',
      outputs: [],
      hash: outcome.loaded?.hash ?? null,
      metrics: null,
      breaches: [],
      diagnostics: outcome.diagnostics,
      output_errors: [],
    };
    rows.push(row);
    if (outcome.loaded && !invalid) {
      try {
        const projected = projectOne(outcome.loaded, years);
        // A thousand results' month rows weigh hundreds of megabytes: keep them only if the comparison will read them.
        valid.push(keepRows ? projected : { ...projected, result: { ...projected.result, months: [], years: [] } });
        row.name = projected.result.name;
        row.metrics = projected.result.metrics;
        row.breaches = checkThresholds(thresholds, projected.result.metrics);
        const doc = resultDocument([projected]);
        for (const [format, renderer] of render) await write(`${name}.${format}`, await renderer.scenario(doc), row, row.outputs);
      } catch (err) {
        if (err instanceof WriteRefusedError) throw err;
        internal(row, err);
      }
    }
    const status = row.status !== 'ok' ? row.status : row.breaches.length > 0 ? `ok, ${row.breaches.length} threshold${row.breaches.length === 1 ? '' : 's'} breached` : 'ok';
    progress.step(i + 1, terminalText(file), status);
  }
  progress.end();

  // The combined comparison of every valid scenario.
  let comparison: BatchSummary['comparison'] = null;
  let baselineConflict: string | undefined;
  if (valid.length > 0) {
    try {
      const choice = chooseBaseline(valid.map((p) => ({ file: p.loaded.file, marked: p.loaded.baseline_mark })), opts.baseline, ctx.io.cwd);
      const baseline = choice.index;
      const items = valid.map((p) => ({ name: p.result.name, scenario: p.scenario, result: p.result }));
      const compared = compareScenarios(items, { baseline, baselineReason: choice.reason, metrics: DEFAULT_COMPARE_METRICS });
      const doc = resultDocument(valid, { comparison: { ...compared, narrative: narrative(items) } });
      const outputs: string[] = [];
      for (const [format, renderer] of render) await write(`comparison.${format}`, await renderer.comparison(doc), null, outputs);
      comparison = { baseline: valid[baseline]?.loaded.file ?? '', baseline_reason: choice.reason, outputs };
    } catch (err) {
      if (err instanceof WriteRefusedError) throw err;
      if (err instanceof BaselineConflictError) {
        baselineConflict = err.message;
        ctx.io.stderr.write(`peerplan: ${err.message}; no comparison written\n`);
      } else internal(null, err);
    }
  }
  await settleAll();

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
  await write('summary.json', summaryJson(summary), null, summaries);
  await settleAll();
  if (summaries.length === 1) {
    await write('summary.csv', summaryCsv(summary), null, summaries);
    await settleAll();
  }
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
        `${breached.length} breached a threshold; wrote ${written} file${written === 1 ? '' : 's'} to ${outDir}${list.length > 0 ? ` (${list.join(', ')})` : ''}.\n`,
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
