/**
 * `extends` merging. The child deep-merges over its parent: mappings merge key by key,
 * lists and single values replace, and an empty value (null) in the child removes the
 * parent's value so the default applies. `name`, `description` and `extends` describe
 * one file and are never inherited.
 *
 * Everything is built from null-prototype objects and the inputs are never mutated, so
 * no key (not even one that slipped past the reader) can reach Object.prototype.
 */
import { FORBIDDEN_KEYS, isMapping } from '../source/positions.js';

/** Fields that describe one file and are not inherited through `extends`. */
export const NOT_INHERITED = ['name', 'description', 'extends', 'baseline'] as const;

export function deepMerge(parent: unknown, child: unknown): unknown {
  return mergeOwned(clean(parent), child);
}

/** A copy with null-valued mapping entries and forbidden keys removed. */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (isMapping(value)) {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) if (v !== null && !FORBIDDEN_KEYS.has(k)) out[k] = clean(v);
    return out;
  }
  return value;
}

/**
 * `deepMerge` for a parent that is already a clean copy of this merge's own (never seen
 * outside it): its branches are taken as they are rather than copied again. Merging a
 * chain of three files this way copies the grandparent once, not once per file; a
 * sensitivity analysis merges its chain for each of some 1,500 values.
 */
function mergeOwned(owned: unknown, child: unknown): unknown {
  if (child === undefined) return owned;
  if (!isMapping(owned) || !isMapping(child)) return clean(child);
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(owned)) out[k] = owned[k];
  for (const [k, v] of Object.entries(child)) {
    if (FORBIDDEN_KEYS.has(k)) continue;
    if (v === null) delete out[k];
    else out[k] = Object.prototype.hasOwnProperty.call(out, k) ? mergeOwned(out[k], v) : clean(v);
  }
  return out;
}

/** Merges a chain of files' data, child first (the order `extends` is followed in). */
export function mergeChain(datas: readonly unknown[]): Record<string, unknown> {
  let acc: unknown = Object.create(null);
  for (let i = datas.length - 1; i >= 0; i--) {
    const data = datas[i];
    if (i > 0 && isMapping(data)) {
      // A parent's own name and description do not pass to its children.
      const inherited = Object.create(null) as Record<string, unknown>;
      for (const [k, v] of Object.entries(data)) if (!(NOT_INHERITED as readonly string[]).includes(k)) inherited[k] = v;
      acc = mergeOwned(acc, inherited);
    } else {
      acc = mergeOwned(acc, data);
    }
  }
  const merged = isMapping(acc) ? acc : (Object.create(null) as Record<string, unknown>);
  delete merged.extends;
  return merged;
}
