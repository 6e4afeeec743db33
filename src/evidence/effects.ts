/**
 * What a benefit stream takes from an evidence library entry (docs/MODEL.md §5.2): its
 * relative effect, its control arm's rate (the transplant default of a local base rate),
 * its dose and its grade's haircut. Pure: the library is passed in.
 */
import type { EvidenceEntry, EvidenceLibrary } from './types.js';

/** Measures whose point estimate is already a risk ratio on the outcome. */
const RISK_RATIO_MEASURES = new Set(['relative risk', 'risk ratio']);

export interface Derived {
  value: number;
  /** How it was derived, for the origin shown by `explain` and reports. */
  note: string;
}

/**
 * The entry's risk ratio: from its 2×2 counts when published (the crude risk ratio, the
 * form a local base rate can take; an odds ratio would overstate it when the outcome is
 * common), else a reported relative risk; null when the entry has neither.
 */
export function relativeEffect(entry: EvidenceEntry): Derived | null {
  const { intervention: i, control: c, measure, point } = entry.effect;
  if (i && c && i.total > 0 && c.total > 0 && c.events > 0) {
    return { value: i.events / i.total / (c.events / c.total), note: `risk ratio from the counts (${i.events}/${i.total}) ÷ (${c.events}/${c.total})` };
  }
  if (RISK_RATIO_MEASURES.has(measure) && typeof point === 'number') return { value: point, note: `${measure} as reported` };
  return null;
}

/** The control arm's event rate, when the entry has one. */
export function controlRate(entry: EvidenceEntry): Derived | null {
  const c = entry.effect.control;
  return c && c.total > 0 ? { value: c.events / c.total, note: `control arm ${c.events}/${c.total}` } : null;
}

/** Haircut when a stream names no evidence: the lowest grade's (an assumption, as the stream is). */
export const NO_EVIDENCE_HAIRCUT = 0.4;

/** The optimism-bias haircut of an evidence grade (the library's `grades`; NO_EVIDENCE_HAIRCUT when it states none). */
export function gradeHaircut(lib: EvidenceLibrary, grade: number): number {
  return lib.grades[String(grade)]?.haircut ?? NO_EVIDENCE_HAIRCUT;
}

/** A unit cost's price year as a financial year: `2024/25` as it is, a calendar year `2019` as `2019/20`. */
export function financialYearOf(priceYear: string): string {
  if (/^\d{4}$/.test(priceYear)) return `${priceYear}/${String((Number(priceYear) + 1) % 100).padStart(2, '0')}`;
  return priceYear;
}

/** "(unverified: …)" for an entry or unit cost not confirmed at source, else ''. */
export function unverifiedNote(item: { verified: boolean; unverified?: string }): string {
  return item.verified ? '' : ` (unverified${item.unverified ? `: ${item.unverified.replace(/\.$/, '')}` : ''})`;
}
