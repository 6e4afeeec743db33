import type { CommandContext } from '../main.js';
import { CliError, usageError } from '../errors.js';
import { BaselineConflictError, chooseBaseline, type BaselineChoice } from '../../compare/baseline.js';
import type { LoadedScenario } from '../../scenario/origin.js';
import { STDIN_FILE, STDIN_SHOWN } from '../../read/load-scenario.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { resultDocument, type ResultDocument } from '../../render/document.js';
import { compareScenarios } from '../../compare/compare.js';
import { narrative } from '../../compare/narrative.js';
import { DEFAULT_COMPARE_METRICS, METRIC_KEYS, metricInfo, type MetricKey } from '../../render/metrics.js';
import { didYouMean } from '../../validate/did-you-mean.js';
import { emit, loadAll, parseOverrides, parseYears, projectAll, uniqueFiles } from './pipeline.js';
import { renderOutput, requireOutFor, type OutputFormat } from './output.js';

export interface CompareOptions {
  format: OutputFormat;
  baseline?: string;
  metrics?: string;
  sort?: string;
  out?: string;
  years?: string;
  wide?: boolean;
  monthly?: boolean;
  summary?: boolean;
  timestamp?: boolean;
  set?: string[];
}

function metricKey(name: string, option: string): MetricKey {
  if (metricInfo(name)) return name as MetricKey;
  const guess = didYouMean(name, METRIC_KEYS);
  throw usageError(
    `${option}: unknown metric "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}. Known metrics: ${METRIC_KEYS.join(', ')}`,
  );
}

export function parseMetricList(list: string | undefined): MetricKey[] {
  if (list === undefined) return [...DEFAULT_COMPARE_METRICS];
  const names = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw usageError('--metrics needs at least one metric, e.g. --metrics total_cost,npv,continuity');
  return names.map((n) => metricKey(n, '--metrics'));
}

export interface ComparisonInput {
  baseline?: string | undefined;
  metrics?: string | undefined;
  sort?: string | undefined;
  years?: string | undefined;
  timestamp?: boolean | undefined;
  set?: string[] | undefined;
}

export interface BuiltComparison {
  doc: ResultDocument;
  /** Every file read (scenarios and their extends parents): never overwritten by the output. */
  inputs: string[];
}

/**
 * Options → loaded, projected and compared scenarios as a result document (shared by
 * `compare` and `report`). Usage errors are thrown before any file is read; invalid
 * scenarios print their diagnostics and throw a CliError (exit 1).
 */
export async function buildComparison(ctx: CommandContext, files: readonly string[], opts: ComparisonInput): Promise<BuiltComparison> {
  const years = parseYears(opts.years);
  const overrides = parseOverrides(opts.set);
  const metrics = parseMetricList(opts.metrics);
  let sort: MetricKey | undefined;
  if (opts.sort !== undefined) {
    sort = metricKey(opts.sort, '--sort');
    if (metricInfo(sort)?.better === null) throw usageError(`--sort: "${sort}" has no better direction to rank by; choose e.g. total_cost, npv or continuity`);
  }
  const all = uniqueFiles(opts.baseline ? [opts.baseline, ...files] : files, ctx.io.cwd);
  const loaded = await loadAll(ctx, all, overrides);
  const projected = projectAll(loaded, { years });
  const choice = pickBaseline(loaded, opts.baseline, ctx.io.cwd);
  const items = projected.map((p) => ({ name: p.result.name, scenario: p.scenario, result: p.result }));
  const comparison = compareScenarios(items, { baseline: choice.index, baselineReason: choice.reason, metrics, ...(sort ? { sort } : {}) });
  const doc = resultDocument(projected, {
    ...(opts.timestamp ? { generatedAt: new Date().toISOString() } : {}),
    comparison: { ...comparison, narrative: narrative(items) },
  });
  return { doc, inputs: loaded.flatMap((l) => l.chain) };
}

/** The baseline by --baseline, a `baseline: true` mark or the first file given; two marks are an invalid input (exit 1). */
export function pickBaseline(loaded: readonly LoadedScenario[], option: string | undefined, cwd: string): BaselineChoice {
  try {
    return chooseBaseline(loaded.map((l) => ({ file: l.file, marked: l.baseline_mark })), option === STDIN_FILE ? STDIN_SHOWN : option, cwd);
  } catch (err) {
    if (err instanceof BaselineConflictError) throw new CliError(err.message, EXIT.INVALID_INPUT);
    throw err;
  }
}

export async function compareCommand(ctx: CommandContext, files: string[], opts: CompareOptions): Promise<ExitCode> {
  requireOutFor(opts.format, opts.out, 'compare');
  if (opts.summary && opts.format !== 'table') throw usageError(`--summary is a one-screen table; it cannot be combined with --format ${opts.format} (drop one of them)`);
  const { doc, inputs } = await buildComparison(ctx, files, opts);
  const text = await renderOutput(ctx, doc, { format: opts.format, monthly: opts.monthly === true, wide: opts.wide === true, summary: opts.summary === true }, opts.out !== undefined);
  emit(ctx, text, opts.out, inputs);
  return EXIT.OK;
}
