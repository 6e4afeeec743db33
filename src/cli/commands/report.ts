/**
 * `peerplan report FILE... --out report.html`: one self-contained file for a
 * commissioner, built from the same comparison as `compare` (src/app/report.ts): the
 * HTML report (src/render/html.ts), or the Excel workbook with `--format xlsx` or an
 * `.xlsx` --out.
 *
 * Nothing is written unless every scenario is valid (exit 1 with diagnostics, no
 * file), and the file is written atomically, so a reader never sees half a report.
 */
import { extname } from 'node:path';
import type { CommandContext } from '../io.js';
import { usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { buildReport, TORNADO_BARS } from '../../app/report.js';
import { loadReference } from '../../reference/load.js';
import { RESULT_FORMATS, type RenderOptions } from '../../render/registry.js';
import { cliListener } from '../listener.js';
import { metricOption, parseOverrides, parseYears } from '../options.js';
import { emit, refuseOversizedWorkbook, renderOptions, sources } from './pipeline.js';

export const REPORT_FORMATS = ['html', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  /** xlsx: the values workbook instead of the live model. */
  xlsxValues?: boolean;
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
  /** --interactive: embed the model and controls in the page. */
  interactive?: boolean;
  /** --controls: more inputs to offer controls for, comma-separated paths. */
  controls?: string;
  /** --draws N (and --seed): add the probabilistic analysis (src/cli/commands/simulate.ts). */
  draws?: string;
  seed?: string;
}

/** --format if given; otherwise from the --out extension (.xlsx → xlsx), else html. */
export function reportFormat(format: string | undefined, out: string): ReportFormat {
  if (format !== undefined) {
    if ((REPORT_FORMATS as readonly string[]).includes(format)) return format as ReportFormat;
    throw usageError(`--format must be html or xlsx (got "${format}"), e.g. --format xlsx --out options.xlsx`);
  }
  return extname(out).toLowerCase() === '.xlsx' ? 'xlsx' : 'html';
}

export async function reportCommand(ctx: CommandContext, files: string[], opts: ReportOptions): Promise<ExitCode> {
  if (opts.out === undefined || opts.out === '') {
    throw usageError('report writes a file: give --out, e.g. peerplan report scenarios/*.yaml --out report.html (or --out options.xlsx for a workbook)');
  }
  const format = reportFormat(opts.format, opts.out);
  refuseOversizedWorkbook(format, opts.xlsxValues, files.length);
  if (format !== 'html' && (opts.interactive || opts.controls !== undefined)) throw usageError('--interactive and --controls make an HTML report: drop --format xlsx or the .xlsx --out');
  if (opts.controls !== undefined && !opts.interactive) throw usageError('--controls needs --interactive, e.g. peerplan report scenarios/*.yaml --interactive --controls finance.discount_rate --out board.html');
  const recommendOn =
    opts.metric === undefined ? undefined : metricOption(opts.metric, '--metric', { purpose: 'to recommend on', examples: 'npv, total_cost or cost_per_completed_episode' });
  const simulation = opts.draws === undefined ? undefined : (await import('./simulate.js')).simulationSettings({ draws: opts.draws, seed: opts.seed, years: opts.years, fan: format === 'html' });
  const request = {
    files,
    baseline: opts.baseline,
    years: parseYears(opts.years),
    overrides: parseOverrides(opts.set),
    recommendOn,
    generatedAt: opts.timestamp ? new Date().toISOString() : undefined,
    sensitivity: format === 'html' && opts.sensitivity !== false,
  };
  const { doc, inputs, scenarios, loaded, sensitivity } = await buildReport(request, sources(ctx), cliListener(ctx));
  const tornado = sensitivity ? (await import('../../render/sensitivity.js')).tornadoFromSensitivity(sensitivity, TORNADO_BARS) : undefined;
  let interactive: RenderOptions['interactive'];
  if (opts.interactive) {
    const { chooseControls, pageData, pageScript } = await import('./interactive.js');
    const controls = chooseControls(doc, doc.comparison?.baseline ?? 0, tornado, opts.controls);
    interactive = { data: pageData(doc, scenarios, controls, { title: opts.title, recommendMetric: recommendOn, tornado }, loaded), ...pageScript() };
  }
  const simulated = simulation ? await (await import('./simulate.js')).runSimulation(ctx, loaded, simulation) : undefined;
  const content = await RESULT_FORMATS[format](doc, { ...renderOptions(ctx, opts), references: loadReference, recommendMetric: recommendOn, title: opts.title, tornado, interactive, simulation: simulated });
  await emit(ctx, content, opts.out, inputs);
  return EXIT.OK;
}
