/**
 * Burnout as the expected share of the team burnt out (docs/MODEL.md §3).
 *
 * Each driver is scored on a 0–1 scale (0 = protective conditions met, 1 = the risk at its
 * worst). The reference NHS team (reference `burnout.reference_team`) has the NHS Staff
 * Survey share of staff burnt out (30.0%); every driver multiplies that team's odds of
 * burnout by its odds ratio raised to the driver's score difference from the reference
 * team. Scores are continuous in their inputs, so the share is continuous too (no step at a
 * rounded team size), and each score moves only one way with its input, so more supervision
 * or a larger team never raises burnout.
 */
import type { ContractTerms } from './workforce.js';
import type { Formula } from './formula.js';

function clamp01(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? 1 : x;
}

/** Adequacy of one input against its benchmark: min(1, actual / benchmark); 1 when the benchmark is 0. */
export function adequacy(actual: number, benchmark: number): number {
  if (benchmark <= 0) return 1;
  return clamp01(actual / benchmark);
}

/**
 * Supervision adequacy a = min(1, hours / recommended hours) × min(1, recommended span / span)
 * (1 when the span is 0). The supervision score is 1 − a.
 */
export function supervisionAdequacy(hoursPerWorker: number, span: number, recommendedHours: number, recommendedSpan: number): number {
  const aHours = adequacy(hoursPerWorker, recommendedHours);
  const aSpan = span <= 0 ? 1 : clamp01(recommendedSpan / span);
  return aHours * aSpan;
}

export interface InsecurityParams {
  fixedTerm: number;
  sessional: number;
  voluntary: number;
}

/**
 * Insecurity score: permanent 0; sessional and voluntary reference constants; fixed-term
 * the reference base score, rising linearly to 1 inside the insecurity window:
 * base + (1 − base) × (window − m + 1) / window when m ≤ window (m = months remaining).
 */
export function insecurityDriver(terms: ContractTerms, monthsRemaining: number | null, p: InsecurityParams): number {
  switch (terms.type) {
    case 'permanent':
      return 0;
    case 'sessional':
      return clamp01(p.sessional);
    case 'voluntary':
      return clamp01(p.voluntary);
    case 'fixed_term': {
      const base = clamp01(p.fixedTerm);
      const m = monthsRemaining ?? terms.term;
      if (terms.window <= 0 || m > terms.window) return base;
      return clamp01(base + ((1 - base) * (terms.window - m + 1)) / terms.window);
    }
  }
}

/**
 * Isolation score: 1 for a lone worker (team of 1 or less), 0 for a team at or above the
 * reference size (6), linear in between: clamp((reference − n) / (reference − 1), 0, 1).
 * Team size is taken as it is, fractional included, so there is no step.
 */
export function isolationScore(teamSize: number, referenceTeam: number): number {
  if (referenceTeam <= 1) return 0;
  return clamp01((referenceTeam - teamSize) / (referenceTeam - 1));
}

/**
 * Pay score: 0 at or above the first pay point of the fair band, 1 at or below the lowest
 * pay point in the tables (the floor of NHS pay), linear between:
 * clamp((fair − basic) / (fair − floor), 0, 1). Unpaid volunteers score 0: they are not
 * staff on low pay, and their own leaver rate carries the difference.
 */
export function payDriver(basic: number | null, fairSalary: number, floorSalary: number): number {
  if (basic === null) return 0;
  if (fairSalary <= floorSalary) return basic < fairSalary ? 1 : 0;
  return clamp01((fairSalary - basic) / (fairSalary - floorSalary));
}

/**
 * Caseload score (§3.1), two parts in units of the overload at score 1:
 *  - the planned overload, max(0, caseload_per_wte / planned − 1): the caseload the workers
 *    actually carry every month, with no upper bound (Aiken et al. 2002: the odds of burnout
 *    rise by a constant factor with each patient per nurse, with no saturation seen);
 *  - the vacancy pressure, (caseload_per_wte × funded / carrying − max(planned, caseload_per_wte))
 *    / planned: the vacant posts' caseload over the carrying staff. Nobody carries it (the
 *    people are not supported, §5.1), so it is pressure, not caseload, and saturates at 1
 *    (`caseload_overload_full`, an assumption).
 * With the planned caseload or less this is the earlier clamp((effective / planned − 1) / (overload_full − 1), 0, 1).
 */
export function caseloadDriver(
  caseloadPerWte: number,
  plannedCaseload: number,
  funded: number,
  carrying: number,
  overloadFull: number,
): number {
  return scaledCaseloadDriver(caseloadScale(caseloadPerWte, plannedCaseload), overloadSlope(overloadFull), funded, carrying);
}

/** caseload_per_wte / planned caseload (the caseload score's constant part; Infinity when nothing is planned). */
export function caseloadScale(caseloadPerWte: number, plannedCaseload: number): number {
  if (caseloadPerWte <= 0) return 0;
  return plannedCaseload > 0 ? caseloadPerWte / plannedCaseload : Infinity;
}

/** 1 / (overload_full − 1): the score's slope (Infinity, a step, when overload_full ≤ 1). */
export function overloadSlope(overloadFull: number): number {
  return overloadFull > 1 ? 1 / (overloadFull - 1) : Infinity;
}

/** The planned-overload part of the caseload score: max(0, scale − 1) × slope, unbounded (1 for any overload when the slope is a step). */
export function plannedOverloadScore(scale: number, slope: number): number {
  if (scale <= 1) return 0;
  return Number.isFinite(slope) && Number.isFinite(scale) ? (scale - 1) * slope : 1;
}

/**
 * `caseloadDriver` from its precomputed constants: planned overload (unbounded) +
 * min(1, max(0, scale × funded / carrying − max(1, scale)) × slope), the vacancy pressure.
 */
export function scaledCaseloadDriver(scale: number, slope: number, funded: number, carrying: number): number {
  if (funded <= 0 || scale <= 0) return 0;
  const planned = plannedOverloadScore(scale, slope);
  if (carrying <= 0) return planned + 1;
  const excess = (scale * funded) / carrying - (scale > 1 ? scale : 1);
  if (excess <= 0) return planned;
  const d = excess * slope;
  return planned + (d >= 1 ? 1 : d);
}

/** Training score: 1 − (a_induction + a_cpd) / 2, each adequacy against its reference value. */
export function trainingDriver(inductionWeeks: number, refInductionWeeks: number, cpd: number, refCpd: number): number {
  return clamp01(1 - (adequacy(inductionWeeks, refInductionWeeks) + adequacy(cpd, refCpd)) / 2);
}

/** The odds ratios of scenario `burnout.odds_ratios`. */
export interface OddsRatios {
  supervision: number;
  lived_experience_supervisor: number;
  peer_group_supervision: number;
  isolation: number;
  insecurity: number;
  pay: number;
  caseload: number;
  training: number;
}

/**
 * The supervision driver's odds ratio against the reference team:
 * OR_sup^((1 − a) − (1 − a_ref)) × (OR_lived^a with a lived-experience supervisor).
 * The lived-experience credit scales with adequacy: no supervision earns none.
 */
export function supervisionOddsRatio(adequacyNow: number, adequacyRef: number, livedExperience: boolean, or: OddsRatios): number {
  let ln = Math.log(or.supervision) * (adequacyRef - adequacyNow);
  if (livedExperience) ln += Math.log(or.lived_experience_supervisor) * adequacyNow;
  return Math.exp(ln);
}

/** The isolation driver's odds ratio: OR_iso^score × (OR_peer_group with peer group supervision). */
export function isolationOddsRatio(score: number, peerGroup: boolean, or: OddsRatios): number {
  return Math.exp(Math.log(or.isolation) * score + (peerGroup ? Math.log(or.peer_group_supervision) : 0));
}

/** A driver whose reference score is 0: OR^score. */
export function scoreOddsRatio(oddsRatio: number, score: number): number {
  return oddsRatioFromLog(Math.log(oddsRatio), score);
}

/** `scoreOddsRatio` from a precomputed ln OR (the month-varying drivers): exp(ln OR × score), 1 at score 0. */
export function oddsRatioFromLog(lnOddsRatio: number, score: number): number {
  return score === 0 ? 1 : Math.exp(lnOddsRatio * score);
}

/**
 * Expected share burnt out (0–1) from the product of the drivers' odds ratios:
 * odds = baseline / (1 − baseline) × product; share = odds / (1 + odds).
 */
export function burnoutShare(baselineShare: number, oddsRatioProduct: number): number {
  if (baselineShare <= 0) return 0;
  if (baselineShare >= 1) return 1;
  const odds = (baselineShare / (1 - baselineShare)) * oddsRatioProduct;
  return odds / (1 + odds);
}

/**
 * Multiplier on the leaver hazard from burnout: the team's mean hazard when burnt-out
 * workers leave HR times as fast, relative to the reference team's:
 * (1 + (HR − 1) × B) / (1 + (HR − 1) × B_ref). 1 for the reference team; below 1 for a team
 * with less burnout.
 */
export function burnoutLeavingMultiplier(share: number, baselineShare: number, hazardRatio: number): number {
  const k = Math.max(0, hazardRatio - 1);
  return (1 + k * share) / (1 + k * baselineShare);
}

/**
 * §3.4 Sickness absence of the team from its burnout: the reference team's rate s (the NHS
 * rate) × (1 + (RA − 1) × B) / (1 + (RA − 1) × B_ref), at most 1. RA is how much more a
 * burnt-out worker is absent than one who is not; the same mean-of-two-groups form as the
 * leaving multiplier, so the reference team is absent at s.
 */
export function sicknessAbsence(rate: number, share: number, baselineShare: number, absenceRatio: number): number {
  const k = Math.max(0, absenceRatio - 1);
  const s = rate * ((1 + k * share) / (1 + k * baselineShare));
  return s >= 1 ? 1 : s;
}

/**
 * §3.4 Effectiveness of support from the team's burnout, relative to the trials' workers:
 * (1 − φ × B) / (1 − φ × B_ref), φ the share of the effect a burnt-out worker loses. 1 at
 * the reference burnout (the trials' effect, intention to treat), above 1 with less burnout,
 * below with more; never negative for φ ≤ 1.
 */
export function effectiveness(share: number, baselineShare: number, loss: number): number {
  if (loss <= 0) return 1;
  return (1 - loss * share) / (1 - loss * baselineShare);
}

/**
 * §3.4 Effect of support kept by the team, besides burnout: 1 − λ × isolation score, λ the
 * share of the effect a lone peer worker (score 1) loses. 1 for a team of the reference size
 * or more (score 0: the trials' setting, a team with supervision); never negative for λ ≤ 1.
 */
export function teamEffectiveness(isolation: number, loss: number): number {
  if (loss <= 0 || isolation <= 0) return 1;
  return 1 - loss * isolation;
}

/**
 * §3.4 Effect of support kept through supervision, besides burnout, relative to the
 * reference team's supervision: (1 − κ × (1 − a)) / (1 − κ × (1 − a_ref)), a the supervision
 * adequacy (§3.1) and κ the share of the effect an unsupervised worker (a = 0) loses. 1 for
 * the reference team (the trials' supervised workers, intention to treat), above 1 with more
 * supervision, below with less; never negative for κ ≤ 1.
 */
export function supervisionEffectiveness(adequacyNow: number, adequacyRef: number, loss: number): number {
  if (loss <= 0) return 1;
  return (1 - loss * (1 - adequacyNow)) / (1 - loss * (1 - adequacyRef));
}

/** The burnout formulas as `explain` shows them (docs/MODEL.md §3). */
export const FORMULAS = {
  burnout: { text: 'B(t) = 100 × o / (1 + o), o = B_ref / (1 − B_ref) × Π driver odds ratios(t)', section: '§3.2' },
  leavingMultiplier: { text: '(1 + (HR − 1) × B(t)) / (1 + (HR − 1) × B_ref)', section: '§3.3' },
  sickness: { text: 's(t) = min(1, sickness_absence × (1 + (RA − 1) × B(t)) / (1 + (RA − 1) × B_ref)), RA = burnout.absence_ratio', section: '§3.4' },
  effectiveness: { text: 'E(t) = (1 − φ × B(t)) / (1 − φ × B_ref) × T × S, φ = burnout.effectiveness_loss, T the team factor, S the supervision factor', section: '§3.4' },
  supervisionEffectiveness: { text: 'S = (1 − κ × (1 − a)) / (1 − κ × (1 − a_ref)), κ = burnout.supervision_effect_loss; a = min(1, hours / benchmark hours) × min(1, benchmark span / workers_per_supervisor), a_ref the same at the reference team\'s hours', section: '§3.4' },
  teamEffectiveness: { text: 'T = 1 − λ × isolation score, λ = burnout.isolation_effect_loss; score = clamp((n_ref − team_size) / (n_ref − 1), 0, 1)', section: '§3.4' },
  supervision: {
    text: 'OR_sup^(a_ref − a) × (OR_lived^a with a lived-experience supervisor); a = min(1, hours / benchmark hours) × min(1, benchmark span / workers_per_supervisor), a_ref the same at the reference team\'s hours',
    section: '§3.1',
  },
  insecurityPermanent: { text: '1 for a permanent post (score 0)', section: '§3.1' },
  insecurityFixedTerm: { text: 'OR_ins^score; score = base + (1 − base) × (W − m(t) + 1) / W inside the insecurity window (m(t) ≤ W), else base', section: '§3.1' },
  insecurityOther: { text: 'OR_ins^score, score burnout.drivers.insecurity_{type}', section: '§3.1' },
  isolation: { text: 'OR_iso^score × (OR_group with peer group supervision); score = clamp((n_ref − team_size) / (n_ref − 1), 0, 1)', section: '§3.1' },
  payVoluntary: { text: '1 for an unpaid (voluntary) role (score 0)', section: '§3.1' },
  pay: { text: 'OR_pay^score; score = clamp((F − basic) / (F − S_min), 0, 1), F = first pay point of the fair band, S_min = lowest pay point in the tables', section: '§3.1' },
  caseload: { text: 'OR_case^score; score = (max(0, c − 1) + clamp(c × F(t) / (P(t) − I(t)) − max(1, c), 0, k − 1)) / (k − 1), c = caseload_per_wte / planned caseload, k = overload at 1: the planned overload unbounded, the vacancy pressure at most 1', section: '§3.1' },
  training: { text: 'OR_train^score; score = 1 − (min(1, induction_weeks / benchmark weeks) + min(1, cpd / benchmark CPD)) / 2', section: '§3.1' },
  peak: { text: 'the highest monthly B(t): {month}', section: '§7.2' },
} as const satisfies Record<string, Formula>;
