/**
 * `peerplan simulate FILE... --draws N --seed S`: a seeded probabilistic analysis of the
 * options (src/app/simulate.ts). This file only parses options, loads, renders and writes.
 */
import { resolve } from 'node:path';
import type { CommandContext } from '../io.js';
import { usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { LoadedScenario } from '../../scenario/origin.js';
import { loadReference } from '../../reference/load.js';
import { loadGeneratedValidator } from '../../validate/schema-validate.js';
import { didYouMean } from '../../source/did-you-mean.js';
import { referenceRanges } from '../../uncertainty/defaults.js';
import { loadEvidenceLibrary } from '../../evidence/load.js';
import type { Sampling } from '../../uncertainty/random.js';
import type { EvppiMethod } from '../../uncertainty/simulation.js';
import { signalCheckpoint } from '../io.js';
import { simulateCancellable, SimulationError, type Correlation, type SimulationOption, type SimulationResult } from '../../app/simulate.js';
import { fileSink, type Sink } from '../../write/stream.js';
import { progressBar } from '../progress.js';
import { awaitOutputReader, emit, rethrowRefused, sources } from './pipeline.js';
import { parseOverrides, parseYears } from '../options.js';
import { loadScenarios, uniqueFiles, withYears } from '../../app/project.js';
import { cliListener } from '../listener.js';
import { simulationRefusal } from '../../uncertainty/memory.js';
import { horizonMonths } from '../../engine/calendar.js';

export interface SimulateOptions {
  draws?: string;
  seed?: string;
  sampling?: string;
  format?: 'table' | 'json' | 'csv' | 'markdown';
  out?: string;
  drawsOut?: string;
  correlate?: string[];
  group?: string[];
  fixed?: string[];
  defaultRanges?: boolean;
  population?: string;
  decisionYears?: string;
  years?: string;
  set?: string[];
  process?: boolean;
  evppiMethod?: string;
}

/** Largest --draws: 1,000,000 × options × 10 metrics of 8 bytes stays within a few hundred MiB. */
export const MAX_DRAWS = 1_000_000;

function wholeNumber(text: string | undefined, name: string, min: number, max: number, fallback: number, example: string): number {
  if (text === undefined) return fallback;
  const n = /^\d{1,10}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw usageError(`${name} must be a whole number from ${min} to ${max.toLocaleString('en-GB')} (got "${text}"), e.g. ${example}`);
  return n;
}

export function parseCorrelations(list: readonly string[] | undefined): Correlation[] {
  return (list ?? []).map((text) => {
    const m = /^\s*([^,=\s]+)\s*,\s*([^,=\s]+)\s*=\s*(-?\d*\.?\d+)\s*$/.exec(text);
    if (!m) throw usageError(`--correlate takes PATH,PATH=RHO (got "${text}"), e.g. --correlate finance.pay_uplift,turnover.annual_leaver_rate=0.5`);
    return { a: m[1]!, b: m[2]!, rho: Number(m[3]) };
  });
}

function parseGroups(list: readonly string[] | undefined): { name: string; paths: string[] }[] {
  return (list ?? []).map((text) => {
    const m = /^\s*([^=]+?)\s*=\s*(.+)$/.exec(text);
    if (!m) throw usageError(`--group takes NAME=PATH,PATH,... (got "${text}"), e.g. --group workforce=turnover.annual_leaver_rate,turnover.months_to_fill`);
    return { name: m[1]!, paths: m[2]!.split(',').map((p) => p.trim()).filter((p) => p !== '') };
  });
}

/** The options with their ranges: the file's, then the reference data's defaults, less --fixed. */
export async function simulationOptions(loaded: readonly LoadedScenario[], years: number | undefined, opts: { fixed: readonly string[]; defaultRanges: boolean }): Promise<SimulationOption[]> {
  const info = (await loadGeneratedValidator('scenario')).info;
  const fixed = new Set(opts.fixed);
  // The library scenarios are resolved against (src/read/load-scenario.ts): its entries' counts give the effects' distributions.
  const library = loadEvidenceLibrary();
  const options = loaded.map((l) => {
    const scenario = withYears(l.scenario, years);
    const reference = loadReference(scenario.reference);
    const own = (l.ranges ?? []).filter((r) => !fixed.has(r.path)).map((r) => ({ ...r, origin: 'file' as const }));
    const ownPaths = new Set((l.ranges ?? []).map((r) => r.path));
    const defaults = !opts.defaultRanges ? [] : referenceRanges(scenario, reference, info, (p) => ownPaths.has(p) || fixed.has(p), library);
    const ranges = [...own, ...defaults].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { name: l.scenario.name, file: l.file, scenario, reference, ranges };
  });
  const known = new Set(loaded.flatMap((l) => (l.ranges ?? []).map((r) => r.path)).concat(options.flatMap((o) => o.ranges.map((r) => r.path))));
  for (const f of fixed) {
    const everyPath = [...known, ...options.flatMap((o) => referenceRanges(o.scenario, o.reference, info, () => false, library).map((r) => r.path))];
    if (!everyPath.includes(f)) {
      const hint = didYouMean(f, [...new Set(everyPath)]);
      throw usageError(`--fixed ${f}: no option draws this input${hint ? ` (did you mean ${hint}?)` : ''}`);
    }
  }
  return options;
}

/** What `--draws` and the options beside it ask for, parsed and checked before any file is read. */
export interface SimulationSettings {
  draws: number;
  seed: number;
  sampling: Sampling;
  population: number;
  decisionYears: number;
  years: number | undefined;
  correlations: Correlation[];
  groups: { name: string; paths: string[] }[];
  fixed: string[];
  defaultRanges: boolean;
  fan: boolean;
  process: boolean;
  evppiMethod: EvppiMethod;
}

export function simulationSettings(opts: SimulateOptions & { fan?: boolean }): SimulationSettings {
  return {
    draws: wholeNumber(opts.draws, '--draws', 2, MAX_DRAWS, 1000, '--draws 2000'),
    // Any 32-bit seed: the seed is hashed as text with each column's key (src/uncertainty/random.ts).
    seed: wholeNumber(opts.seed, '--seed', 0, 2 ** 32 - 1, 1, '--seed 7'),
    sampling: (opts.sampling ?? 'random') as Sampling,
    population: wholeNumber(opts.population, '--population', 1, 1_000_000, 1, '--population 40'),
    decisionYears: wholeNumber(opts.decisionYears, '--decision-years', 1, 30, 1, '--decision-years 5'),
    years: parseYears(opts.years),
    correlations: parseCorrelations(opts.correlate),
    groups: parseGroups(opts.group),
    fixed: opts.fixed ?? [],
    defaultRanges: opts.defaultRanges !== false,
    fan: opts.fan === true,
    process: opts.process === true,
    evppiMethod: opts.evppiMethod === 'bins' ? 'bins' : 'regression',
  };
}

/**
 * Simulates options already loaded (ranges kept); shared by `simulate`, `compare --draws`
 * and `report --draws`, which pass the options their comparison loaded. Whatever fails
 * once the draws file is open (an unknown --fixed path, a bad correlation) removes it.
 */
export async function runSimulation(ctx: CommandContext, loaded: readonly LoadedScenario[], settings: SimulationSettings, drawsSink?: Sink): Promise<SimulationResult> {
  let writeError: unknown;
  const write = (text: string): void => {
    if (drawsSink && writeError === undefined) drawsSink.write(text).catch((err: unknown) => (writeError = err));
  };
  let bar: ReturnType<typeof progressBar> | undefined;
  try {
    const options = await simulationOptions(loaded, settings.years, settings);
    refuseOversizedSimulation(options, settings);
    const inputPaths = [...new Set(options.flatMap((o) => o.ranges.map((r) => r.path)))].sort();
    const { drawsHeader, drawRow } = await import('../../render/simulation.js');
    write(drawsHeader(inputPaths));
    bar = progressBar(ctx, 'simulate', settings.draws, !ctx.global.quiet && settings.draws * options.length >= 20000);
    const { draws, seed, sampling, correlations, groups, population, decisionYears, fan, process, evppiMethod } = settings;
    const progress = bar;
    const result = await simulateCancellable(options, {
      draws,
      seed,
      sampling,
      correlations,
      groups,
      population,
      decisionYears,
      fan,
      process,
      evppiMethod,
      ...(drawsSink ? { onDraw: (row) => write(drawRow(row, inputPaths)) } : {}),
      onProgress: (done) => progress.tick(done),
    }, signalCheckpoint);
    bar.end();
    if (writeError !== undefined) throw writeError;
    return result;
  } catch (err) {
    bar?.end();
    drawsSink?.abort();
    if (err instanceof SimulationError) throw usageError(err.message);
    rethrowRefused(err);
  }
}

export function openDrawsSink(ctx: CommandContext, path: string | undefined, protect: readonly string[]): Sink | undefined {
  if (path === undefined) return undefined;
  if (path === '' || path === '-') throw usageError('--draws-out needs a file name, e.g. --draws-out draws.csv');
  try {
    return fileSink(resolve(ctx.io.cwd, path), protect.map((p) => resolve(ctx.io.cwd, p)), path);
  } catch (err) {
    rethrowRefused(err);
  }
}

export async function closeDrawsSink(ctx: CommandContext, sink: Sink | undefined, path: string | undefined): Promise<void> {
  if (!sink) return;
  try {
    await sink.close();
  } catch (err) {
    rethrowRefused(err);
  }
  if (!ctx.global.quiet) ctx.io.stderr.write(`Wrote ${path}\n`);
}

export async function simulateCommand(ctx: CommandContext, files: string[], opts: SimulateOptions): Promise<ExitCode> {
  // Usage errors before any file is read.
  const settings = simulationSettings(opts);
  if (opts.drawsOut !== undefined && opts.out !== undefined && opts.out !== '-' && resolve(ctx.io.cwd, opts.drawsOut) === resolve(ctx.io.cwd, opts.out)) {
    throw usageError(`--draws-out and --out name the same file (${opts.drawsOut}); the summary would replace the draws: give two names`);
  }
  const overrides = parseOverrides(opts.set);
  const loaded = await loadScenarios(uniqueFiles(files, ctx.io.cwd), overrides, sources(ctx), cliListener(ctx, { progress: false }), { rangesNote: false });
  const protect = loaded.flatMap((l) => l.chain);
  if (opts.drawsOut !== undefined && opts.drawsOut !== '' && opts.drawsOut !== '-') await awaitOutputReader(ctx, opts.drawsOut).catch(rethrowRefused);
  const sink = openDrawsSink(ctx, opts.drawsOut, protect);
  const result = await runSimulation(ctx, loaded, settings, sink);
  await closeDrawsSink(ctx, sink, opts.drawsOut);
  const r = await import('../../render/simulation.js');
  const doc = r.simulationDocument(result);
  const format = opts.format ?? 'table';
  const text =
    format === 'json' ? r.renderSimulationJson(doc) : format === 'csv' ? r.renderSimulationCsv(doc) : format === 'markdown' ? r.renderSimulationMarkdown(doc) : r.renderSimulationTable(doc);
  await emit(ctx, text, opts.out, protect);
  return EXIT.OK;
}

/** Refuses, before any draw, a simulation whose draws would not fit in memory (src/uncertainty/memory.ts). */
function refuseOversizedSimulation(options: readonly SimulationOption[], settings: SimulationSettings): void {
  const why = simulationRefusal(settings.draws, {
    inputs: options.reduce((n, o) => n + o.ranges.length, 0),
    months: options.map((o) => horizonMonths(o.scenario.horizon.years)),
    fan: settings.fan,
  });
  if (why !== null) throw usageError(why);
}
