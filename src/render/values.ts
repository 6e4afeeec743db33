import { isPercentPath } from '../scenario/fields.js';
import type { LeafValue } from '../scenario/flatten.js';
import { plainNumber } from '../text/format.js';

/** An input value as a reader would write it: percent fields as "14%", null as "-". */
export function describeValue(path: string, value: LeafValue): string {
  if (value === null) return '-';
  if (typeof value === 'number' && isPercentPath(path)) return `${plainNumber(value * 100)}%`;
  if (typeof value === 'number') return plainNumber(value);
  return String(value);
}
