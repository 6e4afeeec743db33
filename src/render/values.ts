import { isPercentPath } from '../scenario/fields.js';
import type { LeafValue } from '../scenario/flatten.js';
import { isMoneyInput, valueWords } from '../metrics/labels.js';
import { formatMoney, plainNumber } from '../text/format.js';

/** An input value as a reader would write it: percent fields as "14%", null as "-". */
export function describeValue(path: string, value: LeafValue): string {
  if (value === null) return '-';
  if (typeof value === 'number' && isPercentPath(path)) return `${plainNumber(value * 100)}%`;
  if (typeof value === 'number') return plainNumber(value);
  return String(value);
}

/**
 * An input value for a board: money always with £ (pence only when it has them),
 * percentages as entered, yes/no, enumerated values in words. Machine-readable
 * outputs (JSON, CSV) keep the value itself.
 */
export function displayValue(path: string, value: LeafValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number' && isMoneyInput(path)) return formatMoney(value, !Number.isInteger(value));
  if (typeof value === 'string') return valueWords(path, value);
  return describeValue(path, value);
}
