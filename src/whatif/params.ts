/**
 * Which inputs a sensitivity analysis moves, and over what ranges: every numeric
 * input of the resolved scenario (or the listed ones), with the reference data's
 * plausible range where it gives one, else ±range around the base value, clipped to
 * the field's valid values (from the scenario schema).
 */
import type { Scenario } from '../scenario/types.js';
import type { ReferenceData } from '../reference/types.js';
import { flattenLeaves } from '../scenario/flatten.js';
import { SchemaInfo, type JsonSchema } from '../validate/schema-info.js';
import { parsePath } from '../source/positions.js';
import type { SensitivityParam } from './sensitivity.js';

/**
 * Inputs that frame the appraisal rather than assume something about the world; and a
 * stream's transfer share, which splits the value between perspectives (MODEL §7.6) without
 * moving any headline metric.
 */
const NOT_VARIED = [/^peerplan$/, /^benefits\[\d+\]\.(transfer_share)$/, /^horizon\./, /^workforce\.funding_changes/, /^workforce\.pay_point$/, /^supervision\.supervisor\.pay_point$/];

/** `benefits[2].attribution` → `benefits[*].attribution`, the key used by reference ranges. */
const wildcard = (path: string): string => path.replace(/\[\d+\]/g, '[*]');

export function numericInputs(scenario: Scenario): Array<[string, number]> {
  return flattenLeaves(scenario).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number' && !NOT_VARIED.some((re) => re.test(entry[0])),
  );
}

function bounds(node: JsonSchema | undefined, info: SchemaInfo): { min: number; max: number; integer: boolean; percent: boolean; exclusiveMin: boolean } {
  const kind = info.percentKind(node);
  if (kind) return { min: 0, max: kind === 'percent_up_to_200' ? 2 : 1, integer: false, percent: true, exclusiveMin: false };
  const n = info.resolve(node) ?? {};
  const raw = n as Record<string, unknown>;
  const type = raw.type;
  const integer = type === 'integer' || (Array.isArray(type) && type.includes('integer'));
  const min = typeof raw.minimum === 'number' ? raw.minimum : typeof raw.exclusiveMinimum === 'number' ? raw.exclusiveMinimum : 0;
  const max = typeof raw.maximum === 'number' ? raw.maximum : Number.MAX_SAFE_INTEGER;
  return { min, max, integer, percent: false, exclusiveMin: typeof raw.exclusiveMinimum === 'number' };
}

export function sensitivityParams(
  scenario: Scenario,
  reference: ReferenceData,
  schema: JsonSchema,
  options: { range: number; forceRange: boolean; only?: readonly string[] },
): SensitivityParam[] {
  const info = new SchemaInfo(schema);
  const ranges = reference.sensitivity_ranges?.ranges ?? {};
  const inputs = numericInputs(scenario).filter(([path]) => !options.only || options.only.includes(path) || options.only.includes(wildcard(path)));
  return inputs.map(([path, base]) => {
    const b = bounds(info.at(parsePath(path)), info);
    // Strictly positive fields stay a little above their bound, so every value is valid.
    const floor = b.exclusiveMin ? b.min + (b.integer ? 1 : 1e-6) : b.min;
    // Search for switching values within the valid values, but not absurdly far: ten times the base or the range.
    const ref = options.forceRange ? undefined : ranges[path] ?? ranges[wildcard(path)];
    const low0 = ref ? ref.low : base * (1 - options.range);
    const high0 = ref ? ref.high : base * (1 + options.range);
    const clip = (x: number): number => {
      const v = Math.min(b.max, Math.max(floor, x));
      return b.integer ? Math.round(v) : v;
    };
    const ceiling = Math.min(b.max, Math.max(high0, base) * 10 || 1);
    return {
      path,
      base,
      low: clip(Math.min(low0, high0)),
      high: clip(Math.max(low0, high0)),
      range_source: ref ? 'reference' : 'plus_minus',
      reason: ref?.reason ?? null,
      domain: [floor, b.percent ? b.max : Math.max(floor, ceiling)],
      integer: b.integer,
      percent: b.percent,
    };
  });
}
