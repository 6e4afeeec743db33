/**
 * `peerplan report FILE... --out report.html`: one self-contained file for a
 * commissioner, built from the same comparison as `compare` (src/cli/commands/compare.ts,
 * `buildComparison`): the HTML report (src/render/html.ts), or the Excel workbook
 * with `--format xlsx` or an `.xlsx` --out.
 *
 * Nothing is written unless every scenario is valid (exit 1 with diagnostics, no
 * file), and the file is written atomically, so a reader never sees half a report.
 */
import { extname } from 'node:path';
import type { CommandContext } from '../main.js';
import { usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { ResultDocument } from '../../render/document.js';
import type { TornadoInput } from '../../render/svg/tornado.js';
import { metricInfo, METRIC_KEYS, type MetricKey } from '../../render/metrics.js';
import { didYouMean } from '../../validate/did-you-mean.js';
import { loadReference } from '../../reference/load.js';
import { buildComparison } from './compare.js';
import { emit, loadAll, parseOverrides, parseYears, uniqueFiles } from './pipeline.js';
import type { SimulationResult } from '../../app/simulate.js';

/** The probabilistic analysis for `report --draws`: the same options, loaded again quietly (their diagnostics are already shown). */
async function reportSimulation(ctx: CommandContext, files: string[], opts: ReportOptions, fan: boolean): Promise<SimulationResult> {
  const quiet: CommandContext = { ...ctx, global: { ...ctx.global, quiet: true } };
  const all = uniqueFiles(opts.baseline ? [opts.baseline, ...files] : files, ctx.io.cwd);
  const loaded = await loadAll(quiet, all, parseOverrides(opts.set), { rangesNote: false });
  const { runSimulation } = await import('./simulate.js');
  return runSimulation(ctx, loaded, { draws: opts.draws, seed: opts.seed, years: opts.years, fan });
}

export const REPORT_FORMATS = ['html', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  out?: string;
  format?: string;
  baseline?: string;
  metric?: string;
  title?: string;
  years?: string;
  set?: string[];
  timestamp?: boolean;
  /** false with --no-sensitivity: leave out the tornado chart and switching values. */
  sensitivity?: boolean;
  /** --draws N (and --seed): add the probabilistic analysis (src/cli/commands/simulate.ts). */
  draws?: string;
  seed?: string;
}

/**
 * The HTML report's sensitivity section: one-way sensitivity of the recommended option
 * on the recommendation's metric, with switching values against the runner-up (or, for
 * a single option, where NPV crosses zero) — the same analysis as `peerplan sensitivity`.
 */
/** Bars in the report's tornado chart. */
const TORNADO_BARS = 12;

async function reportTornado(
  ctx: CommandContext,
  doc: ResultDocument,
  metric: MetricKey | undefined,
  opts: ReportOptions,
): Promise<TornadoInput | undefined> {
  const [{ recommend }, { analyseSensitivity }, { tornadoFromSensitivity }] = await Promise.all([
    import('../../render/html.js'),
    import('./sensitivity.js'),
    import('../../render/sensitivity.js'),
  ]);
  const rec = recommend(doc, metric);
  const focal = doc.scenarios[rec.best[0] ?? 0];
  if (!focal) return undefined;
  const rival = rec.runnerUp === null ? undefined : doc.scenarios[rec.runnerUp];
  const quiet: CommandContext = { ...ctx, global: { ...ctx.global, quiet: true } };
  const { doc: analysis } = await analyseSensitivity(quiet, {
    file: focal.file,
    baseline: rival?.file,
    metric: doc.scenarios.length > 1 ? rec.metric : 'npv',
    range: 0.2,
    forceRange: false,
    overrides: parseOverrides(opts.set),
    years: parseYears(opts.years),
    // The chart shows switching values for its widest bars only: no need to search the rest.
    maxSwitching: TORNADO_BARS,
    progress: !ctx.global.quiet,
  });
  return tornadoFromSensitivity(analysis, TORNADO_BARS);
}

/** --format if given; otherwise from the --out extension (.xlsx → xlsx), else html. */
export function reportFormat(format: string | undefined, out: string): ReportFormat {
  if (format !== undefined) {
    if ((REPORT_FORMATS as readonly string[]).includes(format)) return format as ReportFormat;
    throw usageError(`--format must be html or xlsx (got "${format}"), e.g. --format xlsx --out options.xlsx`);
  }
  return extname(out).toLowerCase() === '.xlsx' ? 'xlsx' : 'html';
}

function recommendMetric(name: string | undefined): MetricKey | undefined {
  if (name === undefined) return undefined;
  const info = metricInfo(name);
  if (!info) {
    const guess = didYouMean(name, METRIC_KEYS);
    throw usageError(`--metric: unknown metric "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}. Known metrics: ${METRIC_KEYS.join(', ')}`);
  }
  if (info.better === null) throw usageError(`--metric: "${name}" has no better direction to recommend on; choose e.g. npv, total_cost or cost_per_completed_episode`);
  return info.key;
}

/** Renders a report document in the chosen format (shared with `batch`). */
export async function renderReport(
  doc: ResultDocument,
  format: ReportFormat,
  options: { recommendMetric?: MetricKey | undefined; title?: string | undefined; tornado?: TornadoInput | undefined; simulation?: SimulationResult | undefined } = {},
): Promise<string | Uint8Array> {
  if (format === 'xlsx') {
    const { renderXlsx } = await import('../../render/xlsx.js');
    return renderXlsx(doc, { references: loadReference, ...(options.title ? { title: options.title } : {}), ...(options.simulation ? { simulation: options.simulation } : {}) });
  }
  const { renderHtml } = await import('../../render/html.js');
  return renderHtml(doc, {
    references: loadReference,
    ...(options.recommendMetric ? { recommendMetric: options.recommendMetric } : {}),
    ...(options.title ? { title: options.title } : {}),
    ...(options.tornado ? { tornado: options.tornado } : {}),
    ...(options.simulation ? { simulation: options.simulation } : {}),
  });
}

export async function reportCommand(ctx: CommandContext, files: string[], opts: ReportOptions): Promise<ExitCode> {
  if (opts.out === undefined || opts.out === '') {
    throw usageError('report writes a file: give --out, e.g. peerplan report scenarios/*.yaml --out report.html (or --out options.xlsx for a workbook)');
  }
  const format = reportFormat(opts.format, opts.out);
  const metric = recommendMetric(opts.metric);
  const { doc, inputs } = await buildComparison(ctx, files, {
    baseline: opts.baseline,
    years: opts.years,
    set: opts.set,
    timestamp: opts.timestamp,
  });
  const tornado = format === 'html' && opts.sensitivity !== false ? await reportTornado(ctx, doc, metric, opts) : undefined;
  const simulation = opts.draws === undefined ? undefined : await reportSimulation(ctx, files, opts, format === 'html');
  const content = await renderReport(doc, format, { recommendMetric: metric, title: opts.title, tornado, simulation });
  emit(ctx, content, opts.out, inputs);
  return EXIT.OK;
}
