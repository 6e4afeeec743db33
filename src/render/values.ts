import { isPercentPath } from '../scenario/fields.js';
import type { LeafValue } from '../scenario/flatten.js';
import { isMoneyInput, valueWords } from '../metrics/labels.js';
import { formatMoney, plainNumber } from '../text/format.js';
import { findLibraryItem, loadEvidenceLibrary } from '../evidence/load.js';

/** Fields whose value is an evidence library id (`mh-bed-day`): a reader sees its title too. */
const LIBRARY_FIELD = /^benefits\[\d+\]\.(evidence|unit_cost)$/;

/** "Mental health inpatient bed day (mh-bed-day)"; the id alone where the library does not have it. */
function libraryText(id: string): string {
  try {
    const item = findLibraryItem(loadEvidenceLibrary(), id);
    return item ? `${item.entry.title} (${id})` : id;
  } catch {
    return id;
  }
}

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
  if (typeof value === 'string') return LIBRARY_FIELD.test(path) ? libraryText(value) : valueWords(path, value);
  return describeValue(path, value);
}
