/**
 * Default distributions: where the reference data gives a plausible range for an input
 * (its `sensitivity_ranges`, each with a reason), `simulate` draws that input from a PERT
 * with the range's low and high and the scenario's own value as the mode (the range is
 * widened to take the value when it lies outside). A range in the file wins; `--fixed PATH`
 * holds one input at its value, `--no-default-ranges` all of them.
 *
 * Not drawn: the discount rate and optimism bias, which are appraisal conventions (Green
 * Book) rather than uncertain quantities (Briggs, Claxton & Sculpher 2006, §4.2).
 */
import type { Scenario } from '../scenario/types.js';
import type { ReferenceData } from '../reference/types.js';
import type { SchemaInfo } from '../validate/schema-info.js';
import { parsePath } from '../source/positions.js';
import { flattenLeaves } from '../scenario/flatten.js';
import { numericField, type RangedInput } from './ranges.js';

export const NOT_DRAWN = ['finance.discount_rate', 'finance.optimism_bias', 'finance.health_discount_rate'];

const wildcard = (path: string): string => path.replace(/\[\d+\]/g, '[*]');

export function referenceRanges(scenario: Scenario, reference: ReferenceData, info: SchemaInfo, skip: (path: string) => boolean): (RangedInput & { origin: 'reference' })[] {
  const table = reference.sensitivity_ranges?.ranges ?? {};
  const out: (RangedInput & { origin: 'reference' })[] = [];
  for (const [path, value] of flattenLeaves(scenario)) {
    if (typeof value !== 'number' || skip(path) || NOT_DRAWN.includes(path)) continue;
    // Volunteer settings are read only for a voluntary team (docs/MODEL.md): drawing them elsewhere would only add noise columns.
    if (path.startsWith('volunteers.') && scenario.workforce.contract.type !== 'voluntary') continue;
    const r = table[path] ?? table[wildcard(path)];
    if (!r) continue;
    const field = numericField(info, parsePath(path));
    if (!field) continue;
    const low = Math.min(r.low, value);
    const high = Math.max(r.high, value);
    if (!(low < high)) continue;
    out.push({
      path,
      distribution: { dist: 'pert', low, mode: value, high },
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
