/**
 * `peerplan reference --unverified FILE`: every unverified figure the scenario's result
 * rests on (src/result/unverified.ts), with the headline it is part of.
 */
import { loadReference } from '../reference/load.js';
import { project } from '../engine/project.js';
import { unverifiedFigures, type UnverifiedFigure } from '../result/unverified.js';
import { loadScenarios } from './project.js';
import { evidenceLibrary } from './evidence.js';
import type { Listener, Sources } from './context.js';

export interface UnverifiedDocument {
  file: string;
  name: string;
  reference: string;
  /** The headline figures, for judging each figure's stake. */
  npv: number;
  total_benefit_discounted: number;
  figures: UnverifiedFigure[];
}

export async function unverifiedReport(file: string, sources: Sources, listener: Listener = {}): Promise<UnverifiedDocument> {
  const [loaded] = await loadScenarios([file], [], sources, listener);
  if (!loaded) throw new Error(`${file} did not load`);
  const ref = loadReference(loaded.scenario.reference);
  const result = project(loaded.scenario, ref);
  return {
    file: loaded.file,
    name: loaded.scenario.name,
    reference: ref.id,
    npv: result.metrics.npv,
    total_benefit_discounted: result.metrics.total_benefit_discounted,
    figures: unverifiedFigures(loaded, ref, result, evidenceLibrary()),
  };
}
