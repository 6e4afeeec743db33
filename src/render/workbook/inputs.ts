/**
 * The scenario inputs of a result document, back as a scenario object (for the workbook's
 * structure: how many benefit streams, which funding changes) and as labelled rows.
 */
import type { Scenario } from '../../scenario/types.js';
import type { InputValue } from '../../result/document.js';
import { isPercentPath } from '../../scenario/fields.js';

/** The inverse of flattenLeaves: `benefits[0].quantity` paths back into an object. */
export function unflatten(inputs: readonly InputValue[]): Scenario {
  const root: Record<string, unknown> = {};
  for (const { path, value } of inputs) {
    const keys = path.split(/\.|(?=\[)/).map((k) => (k.startsWith('[') ? Number(k.slice(1, -1)) : k));
    let node: Record<string | number, unknown> = root;
    keys.forEach((key, i) => {
      const last = i === keys.length - 1;
      if (last) {
        // An empty list is flattened as the list's own path with null.
        if (value === null && (node[key] === undefined || Array.isArray(node[key]))) node[key] = node[key] ?? (/^(benefits|workforce\.funding_changes)$/.test(path) ? [] : null);
        else node[key] = value;
        return;
      }
      const nextIsIndex = typeof keys[i + 1] === 'number';
      if (node[key] === undefined || node[key] === null) node[key] = nextIsIndex ? [] : {};
      node = node[key] as Record<string | number, unknown>;
    });
  }
  return root as unknown as Scenario;
}

/** A defined-name key for an input path: `benefits[0].unit_value` → `benefits_0.unit_value`. */
export const nameKey = (path: string): string => path.replace(/\[(\d+)\]/g, '_$1');

/** A unit for an input path, from its name. */
export function inputUnit(path: string, value: unknown): string {
  if (typeof value !== 'number') return typeof value === 'boolean' ? 'yes/no' : 'text';
  if (isPercentPath(path)) return '%';
  if (/(cost|salary|paybill|allowance|unit_value|expenses)/.test(path)) return '£';
  if (/months/.test(path)) return 'months';
  if (/weeks/.test(path)) return 'weeks';
  if (/hours/.test(path)) return 'hours';
  if (/wte/.test(path)) return 'WTE';
  if (/odds_ratios|hazard_ratio/.test(path)) return 'ratio';
  if (/years/.test(path)) return 'years';
  return 'number';
}
