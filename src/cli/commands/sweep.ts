/**
 * `peerplan sweep`: the full grid of --vary values, one row per combination,
 * streamed as it is computed so memory stays flat however large the grid.
 */
import type { CommandContext } from '../io.js';
import { CliError, loadFailureExit, usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { openScenario } from '../../read/load-scenario.js';
import { unmatchedTarget } from '../../read/overrides.js';
import { gridSize, parseAxes, VarySpecError, type Axis } from '../../whatif/range.js';
import { planSweep, SweepInputError, SweepSpecError, type SweepPlan } from '../../app/sweep.js';
import type { MetricKey } from '../../metrics/catalogue.js';
import { progressBar } from '../progress.js';
import { fileSink, streamSink, type Sink } from '../../write/stream.js';
import { signalCheckpoint } from '../io.js';
import { checkOut, parseMetricList, parseOverrides, parseYears } from '../options.js';
import { awaitOutputReader, renderOptions, rethrowRefused, sources } from './pipeline.js';
import { readOptions } from '../../app/project.js';
import { SWEEP_FORMATS } from '../../render/registry.js';
import { printDiagnostics } from '../listener.js';
import { resolve } from 'node:path';

export const DEFAULT_SWEEP_METRICS: readonly MetricKey[] = [
  'total_cost',
  'npv',
  'bcr',
  'cost_per_completed_episode',
  'vacancy_rate',
  'burnout_risk_mean',
  'burnout_risk_peak',
  'continuity',
];
export const DEFAULT_MAX_RUNS = 10_000;
/** Tables are for reading: larger grids go to CSV or JSON. */
const MAX_TABLE_ROWS = 1_000;

export interface SweepOptions {
  vary: string[];
  metrics?: string;
  format: 'table' | 'csv' | 'json';
  maxRuns?: string;
  out?: string;
  set?: string[];
  years?: string;
}

function parseMaxRuns(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_RUNS;
  const n = /^[1-9]\d{0,8}$/.test(text.replace(/[,_]/g, '')) ? Number(text.replace(/[,_]/g, '')) : Number.NaN;
  if (!Number.isInteger(n) || n < 1) throw usageError(`--max-runs must be a positive whole number (got "${text}"), e.g. --max-runs 100000`);
  return n;
}

export async function sweepCommand(ctx: CommandContext, file: string, opts: SweepOptions): Promise<ExitCode> {
  checkOut(opts.out);
  const overrides = parseOverrides(opts.set);
  const lost = unmatchedTarget(overrides, [file], ctx.io.cwd);
  if (lost !== undefined) throw usageError(lost);
  const years = parseYears(opts.years);
  const maxRuns = parseMaxRuns(opts.maxRuns);
  const metrics = opts.metrics === undefined ? [...DEFAULT_SWEEP_METRICS] : parseMetricList(opts.metrics);
  let axes: Axis[];
  try {
    axes = parseAxes(opts.vary ?? [], maxRuns);
  } catch (err) {
    if (err instanceof VarySpecError) throw usageError(err.message);
    throw err;
  }
  if (axes.length === 0) throw usageError('sweep needs at least one --vary, e.g. --vary turnover.annual_leaver_rate=10%..30%:5%');
  const runs = gridSize(axes);
  if (runs > maxRuns) {
    throw usageError(`the grid has ${runs} combinations, more than --max-runs ${maxRuns}; use larger steps or raise --max-runs`);
  }
  if (opts.format === 'table' && runs > MAX_TABLE_ROWS) {
    throw usageError(`${runs} rows are too many for a table; use --format csv or --format json (streamed)`);
  }

  // The use case validates the scenario and every distinct value once (src/app/sweep.ts).
  const source = await openScenario(file, await readOptions(sources(ctx), file));
  let plan: SweepPlan;
  try {
    plan = planSweep({ source, file, overrides, axes, years });
  } catch (err) {
    if (err instanceof SweepSpecError) throw usageError(err.message);
    if (!(err instanceof SweepInputError)) throw err;
    printDiagnostics(ctx, err.diagnostics);
    throw new CliError(err.message, loadFailureExit(err.diagnostics));
  }
  const base = plan.base;
  // `--out -` is standard output, as with the other commands.
  const out = opts.out === '-' ? undefined : opts.out;
  let sink: Sink;
  try {
    if (out !== undefined) await awaitOutputReader(ctx, out);
    sink = out === undefined ? streamSink(ctx.io.stdout) : fileSink(resolve(ctx.io.cwd, out), base.chain.map((f) => resolve(ctx.io.cwd, f)), out);
  } catch (err) {
    rethrowRefused(err);
  }
  const writer = await SWEEP_FORMATS[opts.format]({ file, hash: base.hash, axes, metrics, runs }, renderOptions(ctx, {}));
  const progress = progressBar(ctx, 'sweep', runs, !ctx.global.quiet && runs >= 2_000);
  let invalid = 0;
  try {
    await sink.write(writer.header());
    let i = 0;
    for (const row of plan.rows()) {
      if (row.error) invalid++;
      await sink.write(writer.row(row, i));
      progress.tick(++i);
      await signalCheckpoint();
    }
    await sink.write(writer.footer());
    await sink.close();
  } catch (err) {
    sink.abort();
    // A full disk, a read-only folder, a device refusing the bytes: an output error (3), like every command's.
    rethrowRefused(err);
  } finally {
    progress.end();
  }
  if (!ctx.global.quiet) {
    ctx.io.stderr.write(`${runs} runs${invalid > 0 ? `, ${invalid} combinations invalid (see the error column)` : ''}${out ? `; wrote ${out}` : ''}\n`);
  }
  return EXIT.OK;
}
