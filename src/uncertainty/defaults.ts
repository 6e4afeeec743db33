/**
 * Default distributions: where the reference data gives a plausible range for an input
 * (its `sensitivity_ranges`, each with a reason), `simulate` draws that input from a PERT
 * on the range whose MEAN is the scenario's own value (issue 27: a PERT with the value as
 * its mode moved the mean away from the stated value wherever the value sat near a bound,
 * and the mean NPV with it). A PERT(a, m, c) has mean (a + 4m + c) / 6, so the mode is
 * m = (6v − a − c) / 4; where that falls outside the range, the range is narrowed on the
 * far side to PERT(a, a, 6v − 5a) or PERT(6v − 5c, c, c), which keep the mean at v; a value
 * at a bound of the range is not drawn (no spread keeps its mean there). The range is
 * widened to take the value when it lies outside.
 *
 * Evidence supplies its own distributions: a stream's relative effect taken from an
 * evidence entry with 2×2 counts is drawn as a lognormal risk ratio on the log scale with
 * the counts' standard error, SE(ln RR) = √(1/a − 1/n₁ + 1/c − 1/n₀) (Briggs, Claxton &
 * Sculpher 2006, §4.3); that stream's attribution, a judgement about the evidence rather
 * than the carrier of its uncertainty, is then not drawn by default.
 *
 * A range in the file wins; `--fixed PATH` holds one input at its value,
 * `--no-default-ranges` all of them. Not drawn: the discount rate and optimism bias, which
 * are appraisal conventions (Green Book) rather than uncertain quantities (Briggs,
 * Claxton & Sculpher 2006, §4.2).
 */
import type { Scenario } from '../scenario/types.js';
import type { ReferenceData } from '../reference/types.js';
import type { SchemaInfo } from '../validate/schema-info.js';
import { parsePath } from '../source/positions.js';
import { flattenLeaves } from '../scenario/flatten.js';
import { numericField, type RangedInput } from './ranges.js';
import type { Distribution } from './distributions.js';
import type { EvidenceLibrary } from '../evidence/types.js';
import { relativeEffect } from '../evidence/effects.js';

export const NOT_DRAWN = ['finance.discount_rate', 'finance.optimism_bias', 'finance.health_discount_rate'];

const wildcard = (path: string): string => path.replace(/\[\d+\]/g, '[*]');

/**
 * The PERT on [low, high] whose mean is `value`, narrowed on the far side when the mode
 * would leave the range; null when the value is at a bound (no spread keeps the mean).
 */
export function centredPert(low: number, value: number, high: number): Distribution | null {
  if (!(low < value && value < high)) return null;
  const mode = (6 * value - low - high) / 4;
  if (mode < low) return { dist: 'pert', low, mode: low, high: 6 * value - 5 * low };
  if (mode > high) return { dist: 'pert', low: 6 * value - 5 * high, mode: high, high };
  return { dist: 'pert', low, mode, high };
}

/**
 * A stream's evidence-based risk ratio as a lognormal: ln RR ~ N(ln RR̂, SE²) with SE from
 * the entry's 2×2 counts; null without counts or when the scenario overrides the ratio.
 */
export function evidenceEffectDistribution(library: EvidenceLibrary, id: string | null | undefined, value: number): { distribution: Distribution; source: string } | null {
  const entry = id ? library.entries.find((e) => e.id === id) : undefined;
  const i = entry?.effect.intervention;
  const c = entry?.effect.control;
  if (!entry || !i || !c || !(i.events > 0 && c.events > 0 && i.total > i.events && c.total > c.events)) return null;
  const rr = relativeEffect(entry);
  if (!rr || Math.abs(rr.value - value) > 1e-12) return null;
  const se = Math.sqrt(1 / i.events - 1 / i.total + 1 / c.events - 1 / c.total);
  return {
    distribution: { dist: 'lognormal', meanlog: Math.log(rr.value), sdlog: se },
    source: `${entry.id}: risk ratio ${i.events}/${i.total} vs ${c.events}/${c.total}, drawn on the log scale, SE(ln RR) ${se.toFixed(4)}`,
  };
}

/** Paths of the streams whose relative effect the evidence draws (their attribution is then held at its value). */
function evidenceDrawn(scenario: Scenario, library: EvidenceLibrary | undefined): Map<string, { distribution: Distribution; source: string }> {
  const out = new Map<string, { distribution: Distribution; source: string }>();
  if (!library) return out;
  scenario.benefits.forEach((b, i) => {
    if (typeof b.relative_effect !== 'number') return;
    const d = evidenceEffectDistribution(library, (b as { evidence?: string | null }).evidence, b.relative_effect);
    if (d) out.set(`benefits[${i}].relative_effect`, d);
  });
  return out;
}

export function referenceRanges(scenario: Scenario, reference: ReferenceData, info: SchemaInfo, skip: (path: string) => boolean, library?: EvidenceLibrary): (RangedInput & { origin: 'reference' | 'evidence' })[] {
  const table = reference.sensitivity_ranges?.ranges ?? {};
  const out: (RangedInput & { origin: 'reference' | 'evidence' })[] = [];
  const evidence = evidenceDrawn(scenario, library);
  for (const [path, value] of flattenLeaves(scenario)) {
    if (typeof value !== 'number' || skip(path) || NOT_DRAWN.includes(path)) continue;
    const drawn = evidence.get(path);
    if (drawn) {
      const field = numericField(info, parsePath(path));
      if (!field) continue;
      out.push({ path, distribution: drawn.distribution, source: drawn.source, file: `evidence ${path}`, line: 0, column: 0, min: field.exclusiveMin ? field.min + 1e-9 : field.min, max: field.max, integer: false, percent: false, origin: 'evidence' });
      continue;
    }
    // The evidence carries the effect's uncertainty: the stream's attribution stays the scenario's judgement.
    const stream = /^(benefits\[\d+\])\.attribution$/.exec(path);
    if (stream && evidence.has(`${stream[1]}.relative_effect`) && !skip(`${stream[1]}.relative_effect`)) continue;
    // Volunteer settings are read only for a voluntary team (docs/MODEL.md): drawing them elsewhere would only add noise columns.
    if (path.startsWith('volunteers.') && scenario.workforce.contract.type !== 'voluntary') continue;
    const r = table[path] ?? table[wildcard(path)];
    if (!r) continue;
    const field = numericField(info, parsePath(path));
    if (!field) continue;
    const low = Math.min(r.low, value);
    const high = Math.max(r.high, value);
    const distribution = centredPert(low, value, high);
    if (distribution === null) continue;
    out.push({
      path,
      distribution,
      source: r.reason ?? null,
      file: `reference ${scenario.reference}`,
      line: 0,
      column: 0,
      min: field.exclusiveMin ? field.min + (field.integer ? 1 : 1e-9) : field.min,
      max: field.max,
      integer: field.integer,
      percent: field.percent !== false,
      origin: 'reference',
    });
  }
  return out;
}
