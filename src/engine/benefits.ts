/**
 * Delivery and benefit formulas (docs/MODEL.md §5).
 */
import type { Benefit } from '../scenario/types.js';
import type { Formula } from './formula.js';

const MONTHS_PER_YEAR = 12;

/**
 * People starting support in a month (Little's law, L = λW): productive WTE × caseload
 * per WTE / relationship months.
 */
export function episodesStarted(productiveWte: number, caseloadPerWte: number, relationshipMonths: number): number {
  return (productiveWte * caseloadPerWte) / relationshipMonths;
}

/**
 * Net outcome units from one month's support under a stream:
 * quantity × (completed episodes or people supported) × (1 − deadweight) × attribution.
 */
export function benefitUnits(stream: Benefit, episodes: number, completed: number): number {
  return unitsPerEpisode(stream) * (stream.basis === 'completed_episode' ? completed : episodes);
}

/** Net outcome units per completed episode or person supported: quantity × (1 − deadweight) × attribution. */
export function unitsPerEpisode(stream: Benefit): number {
  return stream.quantity * (1 - stream.deadweight) * stream.attribution;
}

/** Lag in whole months: lag_months rounded to the nearest month (halves up), never negative. */
export function lagMonths(stream: Benefit): number {
  return Math.max(0, Math.round(stream.lag_months));
}

/**
 * Drop-off factor for value realised in month `u` (0-based from the horizon start):
 * (1 − drop_off)^⌊u / 12⌋ — full value in the first year of the horizon, reduced by
 * drop_off for each further year.
 */
export function dropOffFactor(dropOff: number, u: number): number {
  const years = Math.floor(u / MONTHS_PER_YEAR);
  if (years === 0 || dropOff === 0) return 1;
  return dropOff >= 1 ? 0 : Math.exp(years * Math.log1p(-dropOff));
}

/** The delivery and benefit formulas of this module as `explain` shows them (docs/MODEL.md §5, §7). */
export const FORMULAS = {
  episodes: { text: 'episodes(t) = productive(t) × caseload_per_wte / relationship_months', section: '§5.1' },
  stream: { text: 'units(t − lag) × unit_value × (1 − drop_off)^⌊t/12⌋; units = quantity × basis × (1 − deadweight) × attribution; nothing after the horizon end', section: '§5.2' },
  streamPv: { text: 'value(t) in {price_base} prices × DF(t){health}, rounded by financial year{after}', section: '§7.2' },
  total: { text: 'Σ benefit streams', section: '§5.2' },
  totalPv: { text: 'Σ benefit streams', section: '§7.1' },
  cashable: { text: 'Σ benefit streams', section: '§5.2' },
  cashableStream: { text: 'Σ months value(t) × cashable × DF(t)', section: '§5.2' },
} as const satisfies Record<string, Formula>;
