/**
 * The result document: what `run` and `compare` compute, before any formatting.
 * JSON output is this object as is (schemas/result.schema.json); every other format
 * is rendered from it, so all formats agree.
 */
import type { ScenarioResult } from '../engine/result.js';
import type { LoadedScenario, Origin } from '../scenario/origin.js';
import type { Scenario } from '../scenario/types.js';
import { flattenLeaves, type LeafValue } from '../scenario/flatten.js';
import type { Comparison } from '../compare/compare.js';
import type { Recommendation } from '../compare/recommend.js';
import { VERSION } from '../version.js';
import { loadReference } from '../reference/load.js';
import { loadEvidenceLibrary } from '../evidence/load.js';
import { unverifiedFigures, type UnverifiedFigure } from './unverified.js';
import { perspectiveSentence } from '../metrics/perspectives.js';

export interface InputValue {
  path: string;
  value: LeafValue;
  origin: Origin | null;
}

export interface ScenarioDocument extends ScenarioResult {
  file: string;
  /** sha256 of the resolved scenario (after extends, defaults and overrides). */
  hash: string;
  reference: string;
  inputs: InputValue[];
  /** Every unverified figure the result uses (src/result/unverified.ts); absent in a document the report's page rebuilds. */
  unverified?: UnverifiedFigure[];
  /** Whose costs and whose savings the result counts, in one sentence (CHEERS 2022 item 8). */
  perspective?: string;
}

/** The perspective sentence of a result that values no benefit. */
const NO_BENEFIT_PERSPECTIVE = "Perspective: costs are the employer's cost of the team; no benefit is valued, so every view's NPV is the cost's negative.";

export interface ResultDocument {
  peerplan_version: string;
  /** ISO 8601 UTC time of the run; only with --timestamp. */
  generated_at?: string;
  scenarios: ScenarioDocument[];
  comparison?: Comparison & {
    narrative: string[];
    /**
     * Which option is recommended, by the one rule (src/compare/recommend.ts), on the
     * metric the request named. Made by the compare use case (src/app/compare.ts) for
     * every output to read; the JSON format leaves it out, so its bytes are unchanged.
     */
    recommendation?: Recommendation;
  };
  /** `compare --draws`: the probabilistic analysis of the same options (src/app/simulate.ts; its type in src/uncertainty/simulation.ts). */
  simulation?: import('../uncertainty/simulation.js').SimulationResult;
}

export interface Projected {
  loaded: LoadedScenario;
  /** The scenario actually projected (after command-line changes such as --years). */
  scenario: Scenario;
  result: ScenarioResult;
}

export function scenarioDocument({ loaded, scenario, result }: Projected): ScenarioDocument {
  return {
    name: result.name,
    file: loaded.file,
    hash: loaded.hash,
    reference: scenario.reference,
    inputs: flattenLeaves(scenario).map(([path, value]) => ({ path, value, origin: loaded.origins[path] ?? null })),
    months: result.months,
    years: result.years,
    benefit_streams: result.benefit_streams,
    metrics: result.metrics,
    appraisal: result.appraisal,
    ...(result.perspectives ? { perspectives: result.perspectives } : {}),
    ...(result.ledger ? { ledger: result.ledger } : {}),
    perspective: perspectiveSentence([result.metrics]) ?? NO_BENEFIT_PERSPECTIVE,
    unverified: unverifiedFigures({ scenario, origins: loaded.origins }, loadReference(scenario.reference), result, loadEvidenceLibrary()),
  };
}

export function resultDocument(projected: readonly Projected[], extra: { generatedAt?: string; comparison?: ResultDocument['comparison'] } = {}): ResultDocument {
  return {
    peerplan_version: VERSION,
    ...(extra.generatedAt ? { generated_at: extra.generatedAt } : {}),
    scenarios: projected.map(scenarioDocument),
    ...(extra.comparison ? { comparison: extra.comparison } : {}),
  };
}
