/**
 * Building scenario variants fast. Each distinct value of each varied input is
 * resolved once through the full reader (so it is validated exactly like file input);
 * what changed (the value itself and any default that follows it, e.g. starting_wte
 * following funded_wte) is kept as a patch of leaf values. A grid point is then the
 * base scenario with the patches of its values applied, copy-on-write, and checked
 * against the rules of meaning, without re-reading anything.
 */
import type { Scenario } from '../scenario/types.js';
import type { ReferenceData } from '../reference/types.js';
import { flattenLeaves, type LeafValue } from '../scenario/flatten.js';
import { getAt, parsePath, type PathSegment } from '../source/positions.js';
import { checkSemantics } from '../validate/semantic.js';
import { DIAGNOSTIC_CODES } from '../source/diagnostics.js';

export interface Patch {
  segments: PathSegment[];
  value: unknown;
}

/** The leaves whose value differs between two resolved scenarios, as a patch; a list that differs anywhere is replaced whole. */
export function diffPatch(base: Scenario, variant: Scenario): Patch[] {
  const listOf = (path: string): string | null => (path.includes('[') ? path.slice(0, path.indexOf('[')) : null);
  const before = new Map(flattenLeaves(base));
  const after = new Map(flattenLeaves(variant));
  const patch: Patch[] = [];
  const lists = new Set<string>();
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(path) === after.get(path) && before.has(path) === after.has(path)) continue;
    const list = listOf(path);
    if (list === null) patch.push({ segments: parsePath(path), value: after.get(path) as LeafValue });
    else lists.add(list);
  }
  for (const list of lists) patch.push({ segments: parsePath(list), value: getAt(variant, list) });
  return patch;
}

/** The scenario with patches applied; shares every untouched branch with `base`. */
export function applyPatches(base: Scenario, patches: readonly Patch[]): Scenario {
  const root: Record<string, unknown> = { ...(base as unknown as Record<string, unknown>) };
  const copied = new Set<unknown>([root]);
  for (const { segments, value } of patches) {
    let node: Record<string | number, unknown> = root;
    for (let i = 0; i < segments.length - 1; i++) {
      const key = segments[i] as string | number;
      const child = node[key] as Record<string | number, unknown> | unknown[];
      let copy = child as Record<string | number, unknown>;
      if (!copied.has(child)) {
        copy = (Array.isArray(child) ? [...child] : { ...child }) as Record<string | number, unknown>;
        copied.add(copy);
        node[key] = copy;
      }
      node = copy;
    }
    node[segments[segments.length - 1] as string | number] = value;
  }
  return root as unknown as Scenario;
}

/**
 * Rules between inputs: a single varied value may break one against the base (funded
 * WTE below the base's starting WTE) and still be fine in combination with another
 * varied value, so these are checked per combination rather than per value.
 */
export const COMBINATION_RULE_CODES: ReadonlySet<string> = new Set([
  'FIXED_TERM_REQUIRED',
  'FIXED_TERM_ONLY',
  'PAY_POINT_NOT_IN_BAND',
  'STARTING_ABOVE_FUNDED',
  'FUNDING_CHANGE_OUTSIDE_HORIZON',
  'FUNDING_CHANGES_NOT_IN_ORDER',
  'BURNOUT_WEIGHTS_ZERO',
]);

/** Errors (not warnings) from the rules of meaning, for a combination of values. */
export function combinationErrors(scenario: Scenario, reference: ReferenceData): Array<{ code: string; message: string }> {
  const drafts = checkSemantics({
    scenario,
    reference,
    given: (path) => {
      const v = getAt(scenario, path);
      return v !== null && v !== undefined;
    },
    usable: () => true,
  });
  return drafts.filter((d) => DIAGNOSTIC_CODES[d.code].severity === 'error').map((d) => ({ code: d.code, message: d.message }));
}
