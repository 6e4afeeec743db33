/**
 * The batch use case: every scenario loaded, projected, checked against the --fail-on
 * thresholds and rendered in each format, then the comparison of the valid ones. What
 * happens is told through events (the CLI's progress view shows them); reading
 * scenarios and writing files are the caller's, passed in, and no exit code is chosen
 * here: the outcome says what happened and the command decides.
 *
 * - A broken scenario does not stop the batch: its diagnostics are an event and its row
 *   says `invalid`; the rest carry on.
 * - A bug in one scenario (an exception that is not a refused write) does not stop the
 *   rest either: it is an event, its row says `error`, and it is returned.
 * - Files are flushed in the background while the next scenario is computed; their
 *   outcomes are taken in the order they were written, so rows and events never depend
 *   on which flush finishes first.
 * - Each scenario's JSON and CSV hold years and totals; month rows only with
 *   `detail: 'months'` (HTML and Excel draw and list the months either way). The JSON
 *   comparison holds each scenario's headline metrics, not its result again.
 */
import { basename } from 'node:path';
import { BaselineConflictError, chooseBaseline } from '../compare/baseline.js';
import type { LoadOutcome } from '../read/load-scenario.js';
import { resultDocument, type Projected, type ResultDocument } from '../result/document.js';
import { compareScenarios } from '../compare/compare.js';
import { narrative } from '../compare/narrative.js';
import { DEFAULT_COMPARE_METRICS } from '../metrics/catalogue.js';
import { hasErrors, type Diagnostic } from '../source/diagnostics.js';
import { WriteRefusedError, type FileContent } from '../write/atomic.js';
import { checkThresholds, type Threshold } from '../batch/thresholds.js';
import type { BatchSummary, SummaryRow } from '../batch/summary.js';
import type { LoadedScenario } from '../scenario/origin.js';

export const BATCH_FORMATS = ['html', 'xlsx', 'json', 'csv'] as const;
export type BatchFormat = (typeof BATCH_FORMATS)[number];

/** How much of each scenario's result its files hold. */
export type BatchDetail = 'years' | 'months';

export type BatchEvent =
  /** A scenario's diagnostics (all of them when it is invalid). */
  | { kind: 'diagnostics'; file: string; diagnostics: readonly Diagnostic[]; invalid: boolean }
  /** A scenario is done: `done` of `total`, with its status as shown. */
  | { kind: 'scenario'; done: number; total: number; file: string; status: string }
  /** An output could not be written (the batch goes on). */
  | { kind: 'refused'; message: string }
  /** A bug met on the way (the batch goes on). */
  | { kind: 'internal'; file: string | null; message: string }
  /** More than one scenario is marked baseline: no comparison. */
  | { kind: 'conflict'; message: string };

export interface BatchRequest {
  files: readonly string[];
  /** Output base names, one per file (src/cli/commands/batch.ts, outputNames). */
  names: readonly string[];
  /** The formats to write, in order, each with its renderer (src/render/batch.ts, batchRenderers). */
  renderers: ReadonlyMap<BatchFormat, BatchRenderer>;
  thresholds: readonly Threshold[];
  /** The file --baseline named, if any. */
  baseline?: string | undefined;
  cwd: string;
  detail: BatchDetail;
  /** Reads, parses and validates one scenario file. */
  load(file: string): Promise<LoadOutcome>;
  /** Projects a valid scenario (with the command line's --years). */
  project(loaded: LoadedScenario): Projected;
  /**
   * Starts writing `name` in the output folder: throws WriteRefusedError when refused at
   * once, else returns the flush, which rejects with one when refused later.
   */
  write(name: string, content: FileContent): Promise<void>;
  /** Called between scenarios (a signal may stop the batch there). */
  checkpoint(): Promise<void>;
  onEvent(event: BatchEvent): void;
  /** Hides warnings of valid scenarios (--quiet). */
  quiet: boolean;
}

export interface BatchOutcome {
  rows: SummaryRow[];
  comparison: BatchSummary['comparison'];
  /** Why no comparison was written, when more than one scenario is marked baseline. */
  baselineConflict?: string;
  /** Files written. */
  written: number;
  outputErrors: number;
  /** Bugs met (the first is reported as an internal error once the summaries are written). */
  internalErrors: unknown[];
  /** Writes `name` like every other output, adding it to `outputs` once in place; for the summaries, written last by the caller. */
  writeLast(name: string, content: FileContent, outputs: string[]): Promise<void>;
}

/** Files flushing to disk at once, at most (each holds an open descriptor until it is moved into place). */
const MAX_PENDING_WRITES = 16;

/**
 * A format's outputs: each scenario's own file, then the comparison of every valid scenario
 * (src/render/batch.ts makes them; the command passes them in, as app/ imports no renderer).
 */
export interface BatchRenderer {
  scenario(doc: ResultDocument): Promise<FileContent> | FileContent;
  comparison(doc: ResultDocument): Promise<FileContent> | FileContent;
  /** Whether `comparison` reads the scenarios' month rows. */
  comparisonReadsMonths: boolean;
  /**
   * Why a comparison of this many scenarios cannot be made (the live workbook holds at most
   * a hundred options), or null: the comparison is then refused before it is started.
   */
  comparisonRefusal?: (scenarios: number) => string | null;
}

export async function runBatch(request: BatchRequest): Promise<BatchOutcome> {
  const { files, names, thresholds, onEvent } = request;
  const render = request.renderers;
  // Comparisons that cannot be made of this many files are refused before any is read, and
  // month rows are kept only for a comparison that reads them and will be made.
  const refusal = new Map([...render].map(([format, r]) => [format, r.comparisonRefusal?.(files.length) ?? null]));
  const keepMonths = [...render].some(([format, r]) => r.comparisonReadsMonths && refusal.get(format) === null);
  const rows: SummaryRow[] = [];
  const valid: Projected[] = [];
  let written = 0;
  let outputErrors = 0;
  const internalErrors: unknown[] = [];
  const internal = (row: SummaryRow | null, err: unknown): void => {
    internalErrors.push(err);
    const message = `internal error: ${err instanceof Error ? err.message : String(err)}`;
    if (row) {
      row.status = 'error';
      row.output_errors.push(message);
    }
    onEvent({ kind: 'internal', file: row?.file ?? null, message });
  };

  const pending: Array<{ name: string; row: SummaryRow | null; outputs: string[]; done: Promise<void> }> = [];
  const refused = (row: SummaryRow | null, err: unknown): void => {
    if (!(err instanceof WriteRefusedError)) throw err;
    outputErrors++;
    row?.output_errors.push(err.message);
    onEvent({ kind: 'refused', message: err.message });
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
  /** Writes `name`; once it is in place it is added to `outputs`, on failure to the row's output errors. */
  const write = async (name: string, content: FileContent, row: SummaryRow | null, outputs: string[]): Promise<void> => {
    let done: Promise<void>;
    try {
      done = request.write(name, content);
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
    await request.checkpoint();
    const outcome = await request.load(file);
    const invalid = outcome.loaded === null || hasErrors(outcome.diagnostics);
    const shown = invalid ? outcome.diagnostics : request.quiet ? [] : outcome.diagnostics;
    if (shown.length > 0) onEvent({ kind: 'diagnostics', file, diagnostics: shown, invalid });
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
        const projected = request.project(outcome.loaded);
        // A thousand results' month rows weigh hundreds of megabytes: keep them only if the comparison will read them.
        valid.push(keepMonths ? projected : { ...projected, result: { ...projected.result, months: [] } });
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
    onEvent({ kind: 'scenario', done: i + 1, total: files.length, file, status });
  }

  let comparison: BatchSummary['comparison'] = null;
  let baselineConflict: string | undefined;
  if (valid.length > 0) {
    try {
      const choice = chooseBaseline(valid.map((p) => ({ file: p.loaded.file, marked: p.loaded.baseline_mark })), request.baseline, request.cwd);
      const baseline = choice.index;
      const items = valid.map((p) => ({ name: p.result.name, scenario: p.scenario, result: p.result }));
      const compared = compareScenarios(items, { baseline, baselineReason: choice.reason, metrics: DEFAULT_COMPARE_METRICS });
      const doc = resultDocument(valid, { comparison: { ...compared, narrative: narrative(items) } });
      const outputs: string[] = [];
      for (const [format, renderer] of render) {
        const why = refusal.get(format) ?? null;
        if (why !== null) refused(null, new WriteRefusedError(`comparison.${format} not written: ${why}`));
        else await write(`comparison.${format}`, await renderer.comparison(doc), null, outputs);
      }
      comparison = { baseline: valid[baseline]?.loaded.file ?? '', baseline_reason: choice.reason, outputs };
    } catch (err) {
      if (err instanceof WriteRefusedError) throw err;
      if (err instanceof BaselineConflictError) {
        baselineConflict = err.message;
        onEvent({ kind: 'conflict', message: err.message });
      } else internal(null, err);
    }
  }
  await settleAll();

  return {
    rows,
    comparison,
    ...(baselineConflict !== undefined ? { baselineConflict } : {}),
    get written() {
      return written;
    },
    get outputErrors() {
      return outputErrors;
    },
    internalErrors,
    async writeLast(name, content, outputs) {
      await write(name, content, null, outputs);
      await settleAll();
    },
  };
}
