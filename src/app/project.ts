/**
 * Load and project: read → validate → calculate for every command that projects
 * scenarios. Diagnostics go to the listener; any invalid file stops the use case
 * (AppError, already reported) after every file is checked.
 */
import { resolve } from 'node:path';
import type { LoadedScenario } from '../scenario/origin.js';
import type { Scenario } from '../scenario/types.js';
import { loadScenario, STDIN_FILE } from '../read/load-scenario.js';
import { unmatchedTarget, type Override } from '../read/overrides.js';
import { loadReference } from '../reference/load.js';
import { project } from '../engine/project.js';
import { nonFinitePaths } from '../engine/preconditions.js';
import { getAt } from '../source/positions.js';
import { staleReference } from '../validate/semantic.js';
import { resultDocument, type Projected, type ResultDocument } from '../result/document.js';
import { AppError, loadFailure, type Failure } from './errors.js';
import type { Listener, Sources } from './context.js';

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

/** Load options for one file: standard input's bytes when the file is `-`. */
export async function sourceOptions(sources: Sources, file: string): Promise<{ stdin?: Uint8Array }> {
  return file === STDIN_FILE ? { stdin: await sources.stdin() } : {};
}

/**
 * Everything `loadScenario` and `openScenario` need to read one file from `sources`: the
 * folder, the extends rules and, for `-`, standard input's bytes (read once per command
 * by `sources.stdin()`, however many reads name it). Every use case reads files through this.
 */
export async function readOptions(sources: Sources, file: string): Promise<{ cwd: string; allowExtendsOutside: boolean; extendsRoot?: string | undefined; stdin?: Uint8Array }> {
  return { cwd: sources.cwd, allowExtendsOutside: sources.allowExtendsOutside, extendsRoot: sources.extendsRoot, ...(await sourceOptions(sources, file)) };
}

/** A `--set FILE:PATH=VALUE` naming none of the files is a usage error, before anything is read. */
export function checkTargets(overrides: readonly Override[], files: readonly string[], cwd: string): void {
  const refusal = unmatchedTarget(overrides, files, cwd);
  if (refusal !== undefined) throw new AppError(refusal, 'usage');
}

/** Every file loaded and validated; the diagnostics of each go to the listener as found. */
export async function loadScenarios(
  files: readonly string[],
  overrides: readonly Override[],
  sources: Sources,
  listener: Listener = {},
  options: { rangesNote?: boolean } = {},
): Promise<LoadedScenario[]> {
  checkTargets(overrides, files, sources.cwd);
  const loaded: LoadedScenario[] = [];
  let failure: Failure | null = null;
  for (const file of files) {
    const outcome = await loadScenario(file, { ...(await readOptions(sources, file)), overrides });
    if (outcome.diagnostics.length > 0) listener.diagnostics?.(outcome.diagnostics);
    if (outcome.loaded) loaded.push(outcome.loaded);
    else if (failure !== 'usage') failure = loadFailure(outcome.diagnostics);
  }
  if (failure !== null) throw new AppError('invalid scenario', failure, true);
  const ranged = loaded.filter((l) => l.ranges !== undefined);
  if (options.rangesNote !== false && ranged.length > 0) {
    listener.note?.(`${ranged.map((l) => l.file).join(', ')} ${ranged.length === 1 ? 'gives' : 'give'} inputs as ranges; these figures use each range's central value (peerplan simulate draws from them)`);
  }
  return loaded;
}

/**
 * `--years N`: the scenario over N years instead of its horizon. The one place the
 * option is applied (run, compare, report, explain, sensitivity, sweep).
 */
export function withYears(scenario: Scenario, years: number | undefined): Scenario {
  return years === undefined ? scenario : { ...scenario, horizon: { ...scenario.horizon, years } };
}

/** Projects one loaded scenario, over `years` instead of its horizon when given (recorded as a command-line origin). */
export function projectOne(loaded: LoadedScenario, years: number | undefined): Projected {
  const scenario = withYears(loaded.scenario, years);
  const origins = years === undefined ? loaded.origins : { ...loaded.origins, 'horizon.years': { kind: 'set' as const, expression: `--years ${years}` } };
  return { loaded: { ...loaded, origins }, scenario, result: project(scenario, loadReference(scenario.reference)) };
}

/**
 * `--years` changes the horizon after the files were checked: the reference data's reach
 * (STALE_REFERENCE, issue 23) is checked again for the horizon as projected, once per
 * option that now runs past it.
 */
export function yearsWarnings(loaded: readonly LoadedScenario[], years: number | undefined, listener: Listener): void {
  if (years === undefined) return;
  // One warning for the request: the first option's words, and how many more share it.
  const past = loaded.flatMap((l) => {
    const scenario = withYears(l.scenario, years);
    return staleReference({ scenario, reference: loadReference(scenario.reference), given: () => true, usable: () => true })
      .filter((d) => d.path === 'horizon.years')
      .map((d) => ({ file: l.file, message: d.message }));
  });
  const first = past[0];
  if (!first) return;
  const more = past.length > 1 ? ` (and ${past.length - 1} more option${past.length > 2 ? 's' : ''})` : '';
  listener.warning?.([`STALE_REFERENCE (--years ${years}, ${first.file}${more}): ${first.message}`]);
}

/** Every loaded scenario projected; a result that is not finite stops the use case (assertFinite). */
export function projectAll(loaded: readonly LoadedScenario[], years: number | undefined): Projected[] {
  const projected = loaded.map((item) => projectOne(item, years));
  for (const p of projected) assertFinite(p);
  return projected;
}

/**
 * Refuses a result holding a figure that is not a finite number (invalid input, as for
 * any input the model cannot take), naming the figure and the inputs the scenario set.
 */
export function assertFinite(p: Projected): void {
  const bad = nonFinitePaths(p.result);
  if (bad.length === 0) return;
  const given = Object.entries(p.loaded.origins)
    .filter(([path, o]) => path !== 'peerplan' && (o.kind === 'file' || o.kind === 'set'))
    .map(([path]) => path)
    .filter((path) => typeof getAt(p.scenario, path) === 'number');
  const inputs = given.length === 0 ? '' : `; the inputs it sets are ${given.slice(0, 12).join(', ')}${given.length > 12 ? ` and ${given.length - 12} more` : ''}`;
  throw new AppError(
    `${p.loaded.file}: ${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} not a finite number (the projection overflowed or divided by zero), so no figures are given${inputs}. ` +
      'Bring the largest or smallest of them nearer to usual values (docs/SCENARIO.md gives each range); if they are ordinary, please report this as a bug.',
    'invalid-input',
  );
}

export interface RunRequest {
  files: readonly string[];
  overrides: readonly Override[];
  years?: number | undefined;
  /** When the projection was made (`--timestamp`): the caller's clock, never read here. */
  generatedAt?: string | undefined;
}

export interface Outcome<D> {
  doc: D;
  /** Every file read (scenarios and their extends parents): an output never overwrites one. */
  inputs: string[];
}

/** `run`: every scenario projected into one result document. */
export async function runProjection(req: RunRequest, sources: Sources, listener: Listener = {}): Promise<Outcome<ResultDocument>> {
  const loaded = await loadScenarios(uniqueFiles(req.files, sources.cwd), req.overrides, sources, listener);
  yearsWarnings(loaded, req.years, listener);
  const projected = projectAll(loaded, req.years);
  const doc = resultDocument(projected, req.generatedAt ? { generatedAt: req.generatedAt } : {});
  return { doc, inputs: loaded.flatMap((l) => l.chain) };
}
