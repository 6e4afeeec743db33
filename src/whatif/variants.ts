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
import { childPath, formatPath, getAt, parsePath, type PathSegment } from '../source/positions.js';
import { RULES, type Rule, type RuleContext } from '../validate/semantic.js';
import { DIAGNOSTIC_CODES } from '../source/diagnostics.js';

export interface Patch {
  segments: PathSegment[];
  value: unknown;
}

/** A sweep diffs every varied value against the same base: its leaves are listed once. */
const baseLeaves = new WeakMap<Scenario, Map<string, LeafValue>>();
function leavesOf(base: Scenario): Map<string, LeafValue> {
  let leaves = baseLeaves.get(base);
  if (leaves === undefined) baseLeaves.set(base, (leaves = new Map(flattenLeaves(base))));
  return leaves;
}

/** The leaves whose value differs between two resolved scenarios, as a patch; a list that differs anywhere is replaced whole. */
export function diffPatch(base: Scenario, variant: Scenario): Patch[] {
  const listOf = (path: string): string | null => (path.includes('[') ? path.slice(0, path.indexOf('[')) : null);
  const before = leavesOf(base);
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

type RuleError = { code: string; message: string };

/** The rules ask `given` of the same few paths at every grid point: getAt keeps each path's segments. */
function given(scenario: Scenario): (path: string) => boolean {
  return (path) => {
    const v = getAt(scenario, path);
    return v !== null && v !== undefined;
  };
}

/** A rule's errors (not warnings) for a combination of values. */
function ruleErrors(rule: Rule, scenario: Scenario, reference: ReferenceData, given_: (path: string) => boolean): RuleError[] {
  const out: RuleError[] = [];
  for (const d of rule({ scenario, reference, given: given_, usable: () => true })) {
    if (DIAGNOSTIC_CODES[d.code].severity === 'error') out.push({ code: d.code, message: d.message });
  }
  return out;
}

/**
 * The rules of meaning for a grid of combinations, skipping each rule that no varied
 * value can change: a rule is a pure function of what it reads, so one that read none
 * of the paths the patches set, on the base, reads the same values at every grid
 * point, takes the same course and finds the same errors (found once, on the base).
 * What a rule reads is recorded on the base through a proxy; a rule the proxy cannot
 * follow is run at every point. Returns the checker; its result is every
 * rule's errors (not warnings) for the combination, in the rules' order.
 */
export function gridRules(base: Scenario, reference: ReferenceData, patches: readonly Patch[]): (scenario: Scenario) => RuleError[] {
  const set = [...new Set(patches.map((p) => formatPath(p.segments)))];
  // Another reference data set changes what every rule may read beside the scenario.
  const varied = set.includes('reference') ? () => true : (read: ReadonlySet<string>) => [...read].some((r) => set.some((p) => overlaps(r, p)));
  const fixed = new Map<Rule, RuleError[]>();
  for (const rule of RULES) {
    const read = pathsRead(rule, base, reference);
    if (read !== undefined && !varied(read)) fixed.set(rule, ruleErrors(rule, base, reference, given(base)));
  }
  return (scenario) => {
    const g = given(scenario);
    const out: RuleError[] = [];
    for (const rule of RULES) for (const e of fixed.get(rule) ?? ruleErrors(rule, scenario, reference, g)) out.push({ ...e });
    return out;
  };
}

/** Whether one path is the other or lies under it. */
function overlaps(a: string, b: string): boolean {
  const under = (x: string, y: string): boolean => y === '' || x === y || (x.startsWith(y) && (x[y.length] === '.' || x[y.length] === '['));
  return under(a, b) || under(b, a);
}

/**
 * The scenario paths a rule reads on `scenario` (values, list lengths, key listings, and
 * the paths it asks `given` about), or undefined when it cannot be followed.
 */
function pathsRead(rule: Rule, scenario: Scenario, reference: ReferenceData): Set<string> | undefined {
  const read = new Set<string>();
  const wrap = (value: object, path: string): object =>
    new Proxy(value, {
      get(target, key, receiver) {
        const v: unknown = Reflect.get(target, key, receiver);
        if (typeof key !== 'string' || typeof v === 'function' || (Array.isArray(target) && key === 'length')) {
          read.add(path);
          return v;
        }
        const at = Array.isArray(target) && /^\d+$/.test(key) ? `${path}[${key}]` : childPath(path, key);
        if (v === null || typeof v !== 'object') {
          read.add(at);
          return v;
        }
        return wrap(v, at);
      },
      has(target, key) {
        read.add(path);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        read.add(path);
        return Reflect.ownKeys(target);
      },
      getOwnPropertyDescriptor(target, key) {
        read.add(path);
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
    });
  const ask = given(scenario);
  const ctx: RuleContext = {
    scenario: wrap(scenario, '') as Scenario,
    reference,
    given: (path) => {
      read.add(path);
      return ask(path);
    },
    usable: () => true,
  };
  try {
    rule(ctx);
  } catch {
    return undefined;
  }
  return read;
}
