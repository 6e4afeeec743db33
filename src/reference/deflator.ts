/**
 * The GDP deflator series as the engine chains it: each financial year's growth over the
 * year before, derived from the index levels a deflator file records (2024/25 = 100 in the
 * March 2026 release). A year's growth is verified only when both levels it divides are.
 */
import type { DeflatorData, DeflatorLevel } from './types.js';

/** `2026/27` → `2025/26`. */
function previousLabel(label: string): string {
  const start = Number(label.slice(0, 4)) - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** Growth by financial year from consecutive index levels: index(y) / index(y − 1) − 1. */
export function growthFromIndex(index: Readonly<Record<string, DeflatorLevel>>): DeflatorData['growth'] {
  const growth: DeflatorData['growth'] = {};
  for (const label of Object.keys(index).sort()) {
    const level = index[label] as DeflatorLevel;
    const before = index[previousLabel(label)];
    if (before === undefined) continue;
    growth[label] = { value: level.value / before.value - 1, kind: level.kind, verified: level.verified && before.verified };
  }
  return growth;
}

/** A deflator file as loaded: its `growth` derived from its `index` when it records levels. */
export function withDerivedGrowth(data: DeflatorData): DeflatorData {
  return data.index === undefined ? data : { ...data, growth: growthFromIndex(data.index) };
}
