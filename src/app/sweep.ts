/**
 * The sweep use case: a scenario, opened once, run over the full grid of `--vary`
 * values, as an iterator of rows (last axis fastest), so the caller streams them and
 * memory stays flat however large the grid. No I/O and no exit codes: problems come
 * back as errors carrying their diagnostics, for the command to show.
 *
 * Each distinct value of each axis is validated once, as a `--set` layer over the
 * scenario's files (the files' own checks are kept, src/validate/validate-scenario.ts),
 * and what it changes is kept as a patch (src/whatif/variants.ts). A grid point is the
 * validated scenario with its values' patches applied, checked only against the rules
 * its varied values can change, then projected.
 */
import type { OpenScenario } from '../read/load-scenario.js';
import { fromOverride, OverrideSyntaxError, parseOverride, type Override } from '../read/overrides.js';
import type { Diagnostic } from '../source/diagnostics.js';
import { loadReference } from '../reference/load.js';
import { project } from '../engine/project.js';
import { nonFinitePaths } from '../engine/preconditions.js';
import { briefSpec, combinationAt, gridSize, type Axis } from '../whatif/range.js';
import { applyPatches, COMBINATION_RULE_CODES, diffPatch, gridRules, type Patch } from '../whatif/variants.js';
import type { LoadedScenario } from '../scenario/origin.js';
import type { Metrics } from '../engine/result.js';
import { withYears } from './project.js';

/** One grid row: the text of each varied value, then the metrics, or why the combination is invalid. */
export interface SweepRow {
  values: string[];
  metrics: Metrics | null;
  error: string | null;
}

/** A `--vary` value that cannot be written as `PATH=VALUE` (a usage error). */
export class SweepSpecError extends Error {}

/**
 * The scenario, or one varied value over it, is not valid. `diagnostics` are the fatal
 * ones, a varied value's pointing at the `--vary` that gave it.
 */
export class SweepInputError extends Error {
  constructor(
    /** What is invalid: the file, or `--vary SPEC (value V)`. */
    readonly label: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(`${label} is not a valid scenario`);
  }
}

export interface SweepRequest {
  /** The scenario's files, read once (src/read/load-scenario.ts, openScenario). */
  source: OpenScenario;
  /** The file as named on the command line (for messages). */
  file: string;
  /** `--set` overrides under every grid point. */
  overrides: readonly Override[];
  axes: readonly Axis[];
  /** `--years`: the horizon of every grid point. */
  years?: number | undefined;
}

export interface SweepPlan {
  /** The scenario as validated, without the varied values. */
  base: LoadedScenario;
  axes: readonly Axis[];
  runs: number;
  rows(): Generator<SweepRow, void, undefined>;
}

/** Validates the scenario and each distinct varied value once; throws SweepInputError or SweepSpecError. */
export function planSweep(request: SweepRequest): SweepPlan {
  const { source, axes, years } = request;
  const resolveWith = (extra: readonly Override[], label: string, tolerate?: ReadonlySet<string>, vary?: string): LoadedScenario => {
    const outcome = source.resolve([...request.overrides, ...extra], tolerate);
    if (outcome.loaded !== null) return outcome.loaded;
    const fatal = outcome.diagnostics
      .filter((d) => d.severity === 'error' && !tolerate?.has(d.code))
      .map((d) => (vary !== undefined && extra.some((o) => fromOverride(d, o)) ? { ...d, file: vary } : d));
    throw new SweepInputError(label, fatal);
  };
  const base = resolveWith([], request.file);
  const baseScenario = withYears(base.scenario, years);
  const patches: Patch[][][] = axes.map((axis) =>
    axis.values.map((value) => {
      let override: Override;
      try {
        override = parseOverride(`${axis.path}=${value}`);
      } catch (err) {
        if (err instanceof OverrideSyntaxError) throw new SweepSpecError(`--vary ${briefSpec(axis.spec)}: ${err.message}`);
        throw err;
      }
      const variant = resolveWith([override], `--vary ${briefSpec(axis.spec)} (value ${value})`, COMBINATION_RULE_CODES, `--vary ${briefSpec(axis.spec)}`);
      return diffPatch(baseScenario, withYears(variant.scenario, years));
    }),
  );
  const reference = loadReference(baseScenario.reference);
  const check = gridRules(baseScenario, reference, patches.flat(2));
  const runs = gridSize(axes);
  const valueIndex = axes.map((a) => new Map(a.values.map((v, i) => [v, i])));

  function* rows(): Generator<SweepRow, void, undefined> {
    for (let i = 0; i < runs; i++) {
      const values = combinationAt(axes, i);
      const scenario = applyPatches(baseScenario, values.flatMap((v, k) => patches[k]?.[valueIndex[k]?.get(v) ?? 0] ?? []));
      const errors = check(scenario);
      const metrics = errors.length > 0 ? null : project(scenario, reference, { detail: 'metrics' }).metrics;
      // A figure that is not finite is never written as NaN or null (issue #18, D6): the row says why instead.
      const overflow = metrics === null ? [] : nonFinitePaths(metrics);
      if (overflow.length > 0) errors.push({ code: 'NON_FINITE_RESULT', message: `${overflow.join(', ')} not a finite number for these values` });
      yield errors.length > 0 ? { values, metrics: null, error: errors.map((e) => `${e.code}: ${e.message}`).join('; ') } : { values, metrics, error: null };
    }
  }
  return { base, axes, runs, rows };
}
