/**
 * Delivery and benefit formulas (docs/MODEL.md §5).
 *
 * A stream's value per unit of its basis (a person supported, a completed episode, or a
 * WTE-year in post) is a product of factors, each recorded with the result so `explain`
 * can show it without recomputing:
 *
 *   relative stream: base_rate × (1 − relative_effect) × quantity × dose share × attribution × (1 − deadweight) × unit value uprated
 *   absolute stream:                                     quantity × dose share × attribution × (1 − deadweight) × unit value uprated
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
 * Outcomes avoided per person: base_rate × (1 − relative_effect) for a relative stream
 * (a risk ratio applied to the local rate without peer support), 1 for an absolute stream
 * (its quantity is then the units per person directly).
 */
export function effectPerPerson(stream: Benefit): number {
  return stream.base_rate !== null && stream.relative_effect !== null ? stream.base_rate * (1 - stream.relative_effect) : 1;
}

/**
 * Sessions each person supported receives (docs/MODEL.md §5.2): sessions a productive WTE
 * delivers a month ÷ people on its caseload × months of the relationship. 0 with no
 * caseload (nobody is supported, so nobody receives sessions; no episodes start either).
 */
export function sessionsPerPerson(sessionsPerWteMonth: number, caseloadPerWte: number, relationshipMonths: number): number {
  if (!(caseloadPerWte > 0)) return 0;
  return (sessionsPerWteMonth / caseloadPerWte) * Math.max(0, relationshipMonths);
}

/**
 * Share of the evidence's effect a person receives: the dose delivered ÷ the evidence's
 * dose, linear up to the dose and flat above it (docs/MODEL.md §5.2). The dose is counted in
 * sessions when the stream records the trial's sessions (`sessions` per person, from
 * `sessionsPerPerson`), else in months of support; 1 when the stream has neither, or counts
 * WTE-years in post. Flat above the trial's dose: more contact than the trial gave is not
 * credited with more effect, so a lighter caseload cannot raise value without bound, and a
 * heavier one dilutes each person's share once it falls below the trial's contact.
 */
export function doseShare(stream: Benefit, relationshipMonths: number, sessions = Infinity): number {
  if (stream.basis === 'worker_year') return 1;
  const doseSessions = stream.dose_sessions ?? null;
  if (doseSessions !== null && doseSessions > 0) return Math.min(1, sessions / doseSessions);
  if (stream.dose_months === null || !(stream.dose_months > 0)) return 1;
  return Math.min(1, Math.max(0, relationshipMonths) / stream.dose_months);
}

/** Net outcome units per basis unit: effect × quantity × dose share × attribution × (1 − deadweight). */
export function unitsPerEpisode(stream: Benefit, relationshipMonths: number, sessions = Infinity): number {
  return effectPerPerson(stream) * stream.quantity * doseShare(stream, relationshipMonths, sessions) * stream.attribution * (1 - stream.deadweight);
}

/** The delivery inputs the sessions-based dose reads (scenario `delivery`). */
export interface ContactInputs {
  sessionsPerWteMonth: number;
  caseloadPerWte: number;
}

/** One factor of a stream's value per basis unit, as `explain` shows it (the origin is the scenario input's). */
export interface StreamFactor {
  /** The scenario input it comes from (`benefits[0].base_rate`), or '' for a derived factor. */
  input: string;
  label: string;
  value: number;
  unit: string;
}

export interface StreamValuation {
  /** £ per basis unit at the appraisal's price base (per month for worker_year: per WTE-month). */
  valuePerBasis: number;
  factors: StreamFactor[];
}

/**
 * The stream's value per basis unit at price-base prices, and the factors that make it.
 * `uprate` is unit_value's price year → price base (appraisal.ts priceFactor).
 */
export function streamValuation(stream: Benefit, index: number, relationshipMonths: number, uprate: number, contact?: ContactInputs): StreamValuation {
  const p = `benefits[${index}]`;
  const factors: StreamFactor[] = [];
  const relative = stream.base_rate !== null && stream.relative_effect !== null;
  if (relative) {
    factors.push({ input: `${p}.base_rate`, label: 'base rate without peer support', value: stream.base_rate as number, unit: 'per person' });
    factors.push({ input: `${p}.relative_effect`, label: 'relative effect (risk ratio)', value: stream.relative_effect as number, unit: 'ratio' });
    factors.push({ input: '', label: 'outcomes avoided per person = base rate × (1 − relative effect)', value: effectPerPerson(stream), unit: 'per person' });
  }
  factors.push({ input: `${p}.quantity`, label: relative ? 'units per outcome avoided' : 'units per basis', value: stream.quantity, unit: 'units' });
  const bySessions = stream.dose_sessions !== null && stream.dose_sessions !== undefined && stream.dose_sessions > 0 && stream.basis !== 'worker_year';
  const sessions = contact ? sessionsPerPerson(contact.sessionsPerWteMonth, contact.caseloadPerWte, relationshipMonths) : Infinity;
  if (bySessions && contact) {
    factors.push({ input: 'delivery.sessions_per_wte_month', label: 'sessions a productive WTE delivers a month', value: contact.sessionsPerWteMonth, unit: 'sessions' });
    factors.push({ input: 'delivery.caseload_per_wte', label: 'caseload per WTE', value: contact.caseloadPerWte, unit: 'people' });
    factors.push({ input: '', label: 'sessions per person = sessions_per_wte_month / caseload_per_wte × relationship_months', value: sessions, unit: 'sessions' });
    factors.push({ input: `${p}.dose_sessions`, label: "evidence's dose", value: stream.dose_sessions as number, unit: 'sessions' });
    factors.push({ input: '', label: 'dose share = min(1, sessions per person / dose_sessions)', value: doseShare(stream, relationshipMonths, sessions), unit: 'share' });
  } else if (stream.dose_months !== null && stream.basis !== 'worker_year') {
    factors.push({ input: `${p}.dose_months`, label: "evidence's dose", value: stream.dose_months, unit: 'months' });
    factors.push({ input: '', label: 'dose share = min(1, relationship_months / dose_months)', value: doseShare(stream, relationshipMonths), unit: 'share' });
  }
  factors.push({ input: `${p}.attribution`, label: 'attribution', value: stream.attribution, unit: 'share' });
  factors.push({ input: `${p}.deadweight`, label: 'deadweight', value: stream.deadweight, unit: 'share' });
  factors.push({ input: `${p}.unit_value`, label: `unit value (${stream.price_year} prices)`, value: stream.unit_value, unit: '£/unit' });
  factors.push({ input: `${p}.price_year`, label: 'uprating to the price base (GDP deflator)', value: uprate, unit: 'factor' });
  const perYear = stream.basis === 'worker_year' ? 1 / MONTHS_PER_YEAR : 1;
  if (perYear !== 1) factors.push({ input: '', label: 'per month of a WTE-year', value: perYear, unit: 'factor' });
  const valuePerBasis = unitsPerEpisode(stream, relationshipMonths, sessions) * stream.unit_value * uprate * perYear;
  factors.push({ input: '', label: `value per ${BASIS_UNIT[stream.basis]}`, value: valuePerBasis, unit: '£' });
  return { valuePerBasis, factors };
}

const BASIS_UNIT: Record<Benefit['basis'], string> = {
  person_supported: 'person supported',
  completed_episode: 'completed episode',
  worker_year: 'WTE-month in post',
};

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
  stream: { text: 'basis(t − lag) × E(t − lag) × value per basis × (1 − drop_off)^⌊t/12⌋ (E = 1 for a worker_year stream); nothing after the horizon end', section: '§5.2' },
  streamPv: { text: 'value(t) in {price_base} prices × DF(t){health}, rounded by financial year{after}', section: '§7.2' },
  total: { text: 'Σ benefit streams', section: '§5.2' },
  totalPv: { text: 'Σ benefit streams', section: '§7.1' },
  cashable: { text: 'Σ benefit streams', section: '§5.2' },
  cashableStream: { text: 'Σ months value(t) × cashable × DF(t)', section: '§5.2' },
  valuePerBasis: { text: '{relative}quantity × dose share × attribution × (1 − deadweight) × unit_value × uprating{per_month}', section: '§5.2' },
  outcomesAvoided: { text: 'base_rate × (1 − relative_effect)', section: '§5.2' },
  doseShare: { text: 'min(1, relationship_months / dose_months)', section: '§5.2' },
  doseShareSessions: { text: 'min(1, sessions per person / dose_sessions)', section: '§5.2' },
  sessionsPerPerson: { text: 'sessions_per_wte_month / caseload_per_wte × relationship_months', section: '§5.2' },
  effective: { text: 'basis(t) × E(t) (people supported and completed episodes; not WTE-years in post)', section: '§5.2' },
  evidenceAdjusted: { text: "Σ streams: PV × (1 − the evidence grade's haircut), each to the penny", section: '§5.4' },
  streamEvidenceAdjusted: { text: 'stream PV × (1 − evidence_haircut), to the penny', section: '§5.4' },
  npvEvidenceAdjusted: { text: 'total benefit (PV, evidence-adjusted) − cost (PV) with optimism bias', section: '§5.4' },
  bcrEvidenceAdjusted: { text: 'total benefit (PV, evidence-adjusted) / total cost (PV) with optimism bias; n/a when cost is 0', section: '§5.4' },
} as const satisfies Record<string, Formula>;
