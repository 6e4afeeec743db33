/** `peerplan compare FILE...`: the options side by side (src/app/compare.ts). */
import type { CommandContext } from '../io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { usageError } from '../errors.js';
import { compareOptions } from '../../app/compare.js';
import { RESULT_FORMATS, type ResultFormat } from '../../render/registry.js';
import { cliListener } from '../listener.js';
import { metricOption, parseMetricList, parseOverrides, parseYears, requireOutFor } from '../options.js';
import { emit, refuseOversizedWorkbook, renderOptions, sources } from './pipeline.js';

export interface CompareOptions {
  /** xlsx: the values workbook instead of the live model. */
  xlsxValues?: boolean;
  format: ResultFormat;
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
  /** --draws N (--seed S): a probabilistic analysis of the same options after the comparison (src/cli/commands/simulate.ts). */
  draws?: string;
  seed?: string;
}

export async function compareCommand(ctx: CommandContext, files: string[], opts: CompareOptions): Promise<ExitCode> {
  requireOutFor(opts.format, opts.out, 'compare');
  refuseOversizedWorkbook(opts.format, opts.xlsxValues, files.length);
  if (opts.summary && opts.format !== 'table') throw usageError(`--summary is a one-screen table; it cannot be combined with --format ${opts.format} (drop one of them)`);
  if (opts.draws !== undefined && (opts.format === 'csv' || opts.format === 'xlsx')) {
    throw usageError(`--draws adds the probabilistic analysis to table, markdown and json output; for ${opts.format}, use peerplan simulate --format csv (or report --draws --out book.xlsx)`);
  }
  // Usage errors before any file is read.
  const simulation = opts.draws === undefined ? undefined : (await import('./simulate.js')).simulationSettings({ draws: opts.draws, seed: opts.seed, years: opts.years });
  const request = {
    files,
    baseline: opts.baseline,
    years: parseYears(opts.years),
    overrides: parseOverrides(opts.set),
    metrics: parseMetricList(opts.metrics),
    sort: opts.sort === undefined ? undefined : metricOption(opts.sort, '--sort', { purpose: 'to rank by', examples: 'total_cost, npv or continuity' }),
    generatedAt: opts.timestamp ? new Date().toISOString() : undefined,
  };
  const { doc, inputs, loaded } = await compareOptions(request, sources(ctx), cliListener(ctx));
  let simulationText = '';
  if (simulation) {
    const result = await (await import('./simulate.js')).runSimulation(ctx, loaded, simulation);
    if (opts.format === 'json') doc.simulation = result;
    else {
      const r = await import('../../render/simulation.js');
      const sim = r.simulationDocument(result);
      simulationText = `\n${opts.format === 'markdown' ? r.renderSimulationMarkdown(sim) : r.renderSimulationTable(sim)}`;
    }
  }
  const rendered = await RESULT_FORMATS[opts.format](doc, { ...renderOptions(ctx, opts), summary: opts.summary === true });
  await emit(ctx, simulationText === '' ? rendered : `${String(rendered)}${simulationText}`, opts.out, inputs);
  return EXIT.OK;
}
