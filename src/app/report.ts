/**
 * Report: the comparison of `compare` (src/app/compare.ts) and, for the HTML report,
 * the one-way sensitivity of the recommended option on the recommendation's metric,
 * with switching values against the runner-up (for a single option, where NPV crosses
 * zero): the same analysis as `peerplan sensitivity`.
 */
import type { SensitivityDocument } from '../whatif/sensitivity.js';
import { recommend } from '../compare/recommend.js';
import type { Listener, Sources } from './context.js';
import { compareOptions, type CompareOutcome, type CompareRequest } from './compare.js';
import { analyseSensitivity } from './sensitivity.js';

/** Bars in the report's tornado chart: switching values are searched for these only. */
export const TORNADO_BARS = 12;

export interface ReportRequest extends CompareRequest {
  /** Include the sensitivity of the recommended option (the HTML report's tornado chart). */
  sensitivity: boolean;
}

export interface ReportOutcome extends CompareOutcome {
  sensitivity?: SensitivityDocument | undefined;
}

export async function buildReport(req: ReportRequest, sources: Sources, listener: Listener = {}): Promise<ReportOutcome> {
  const compared = await compareOptions(req, sources, listener);
  const { doc } = compared;
  if (!req.sensitivity) return compared;
  const rec = doc.comparison?.recommendation ?? recommend(doc, req.recommendOn);
  const focalIndex = rec.best[0] ?? 0;
  const focal = doc.scenarios[focalIndex];
  if (!focal) return compared;
  const rival = rec.runnerUp === null ? undefined : doc.scenarios[rec.runnerUp];
  // Read again by the names given: `-` (standard input, read once and kept), not the <stdin> a document shows.
  const fileOf = (index: number): string => compared.files[index] ?? doc.scenarios[index]!.file;
  // The files' diagnostics were reported by the comparison: only progress from here.
  const { doc: analysis } = await analyseSensitivity(
    {
      file: fileOf(focalIndex),
      baseline: rival === undefined || rec.runnerUp === null ? undefined : fileOf(rec.runnerUp),
      metric: doc.scenarios.length > 1 ? rec.metric : 'npv',
      range: 0.2,
      forceRange: false,
      overrides: [...req.overrides],
      years: req.years,
      // The chart shows switching values for its widest bars only: no need to search the rest.
      maxSwitching: TORNADO_BARS,
    },
    sources,
    // A signal stops the analysis at once (the checkpoint), as it stops `sensitivity`.
    {
      ...(listener.progress ? { progress: listener.progress } : {}),
      ...(listener.progressEnd ? { progressEnd: listener.progressEnd } : {}),
      ...(listener.checkpoint ? { checkpoint: listener.checkpoint.bind(listener) } : {}),
    },
  );
  return { ...compared, sensitivity: analysis };
}
