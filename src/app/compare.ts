/**
 * Compare: load, project and compare scenarios into one result document, with the
 * narrative and the recommendation in it (shared by `compare` and `report`).
 */
import { STDIN_FILE, STDIN_SHOWN } from '../read/load-scenario.js';
import type { Override } from '../read/overrides.js';
import type { LoadedScenario } from '../scenario/origin.js';
import type { Scenario } from '../scenario/types.js';
import { BaselineConflictError, chooseBaseline, type BaselineChoice } from '../compare/baseline.js';
import { benefitStreamsDiffer, benefitStreamsWarning, compareScenarios } from '../compare/compare.js';
import { narrative } from '../compare/narrative.js';
import { recommend } from '../compare/recommend.js';
import { DEFAULT_COMPARE_METRICS, type MetricKey } from '../metrics/catalogue.js';
import { resultDocument, type ResultDocument } from '../result/document.js';
import { AppError } from './errors.js';
import type { Listener, Sources } from './context.js';
import { loadScenarios, projectAll, uniqueFiles, yearsWarnings, type Outcome } from './project.js';

export interface CompareRequest {
  files: readonly string[];
  /** `--baseline FILE`: the scenario the others are measured against. */
  baseline?: string | undefined;
  metrics?: readonly MetricKey[] | undefined;
  sort?: MetricKey | undefined;
  /** The metric the recommendation is made on (default npv, src/compare/recommend.ts). */
  recommendOn?: MetricKey | undefined;
  overrides: readonly Override[];
  years?: number | undefined;
  generatedAt?: string | undefined;
}

export interface CompareOutcome extends Outcome<ResultDocument> {
  /** Each option's scenario as projected (after --set and --years), in document order (the interactive report starts from them). */
  scenarios: Scenario[];
  /** The options as loaded, ranges included, in document order: `--draws` simulates these rather than reading the files again. */
  loaded: readonly LoadedScenario[];
  /** The files as given (`-` for standard input, which documents show as <stdin>), in document order: to read an option again. */
  files: readonly string[];
}

export async function compareOptions(req: CompareRequest, sources: Sources, listener: Listener = {}): Promise<CompareOutcome> {
  const all = uniqueFiles(req.baseline ? [req.baseline, ...req.files] : req.files, sources.cwd);
  const loaded = await loadScenarios(all, req.overrides, sources, listener);
  yearsWarnings(loaded, req.years, listener);
  const projected = projectAll(loaded, req.years);
  const choice = pickBaseline(loaded, req.baseline, sources.cwd);
  const items = projected.map((p) => ({ name: p.result.name, scenario: p.scenario, result: p.result }));
  const comparison = compareScenarios(items, {
    baseline: choice.index,
    baselineReason: choice.reason,
    metrics: req.metrics ?? DEFAULT_COMPARE_METRICS,
    ...(req.sort ? { sort: req.sort } : {}),
  });
  const differ = benefitStreamsDiffer(items);
  if (differ) listener.warning?.(benefitStreamsWarning(differ));
  const recommendation = recommend({ scenarios: items.map((i) => i.result) }, req.recommendOn);
  const doc = resultDocument(projected, {
    ...(req.generatedAt ? { generatedAt: req.generatedAt } : {}),
    comparison: { ...comparison, narrative: narrative(items), recommendation },
  });
  return { doc, inputs: loaded.flatMap((l) => l.chain), scenarios: projected.map((p) => p.scenario), loaded, files: all };
}

/** The baseline by --baseline, a `baseline: true` mark or the first file given; two marks are invalid input. */
export function pickBaseline(loaded: readonly LoadedScenario[], option: string | undefined, cwd: string): BaselineChoice {
  try {
    return chooseBaseline(loaded.map((l) => ({ file: l.file, marked: l.baseline_mark })), option === STDIN_FILE ? STDIN_SHOWN : option, cwd);
  } catch (err) {
    if (err instanceof BaselineConflictError) throw new AppError(err.message, 'invalid-input');
    throw err;
  }
}
