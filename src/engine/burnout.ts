/**
 * Burnout risk index (docs/MODEL.md §3): six drivers, each scored 0 (protective
 * conditions fully met) to 1 (the risk condition at its worst), weighted into a 0–100
 * index; and the index's feedback onto the leaver hazard.
 */
import type { BurnoutWeights } from '../scenario/types.js';
import { BURNOUT_DRIVERS } from '../scenario/types.js';
import type { ContractTerms } from './workforce.js';

function clamp01(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? 1 : x;
}

/** Adequacy of one input against its benchmark: min(1, actual / benchmark); 1 when the benchmark is 0. */
export function adequacy(actual: number, benchmark: number): number {
  if (benchmark <= 0) return 1;
  return clamp01(actual / benchmark);
}

/**
 * Supervision driver: 1 − a_hours × a_span × q, where a_hours = min(1, hours / recommended
 * hours), a_span = min(1, recommended span / span), and q = 1 for a lived-experience
 * supervisor, else the reference credit for a supervisor without lived experience.
 */
export function supervisionDriver(
  hoursPerWorker: number,
  span: number,
  livedExperience: boolean,
  recommendedHours: number,
  recommendedSpan: number,
  withoutLivedExperience: number,
): number {
  const aHours = adequacy(hoursPerWorker, recommendedHours);
  const aSpan = span <= 0 ? 1 : clamp01(recommendedSpan / span);
  const q = livedExperience ? 1 : clamp01(withoutLivedExperience);
  return clamp01(1 - aHours * aSpan * q);
}

export interface InsecurityParams {
  fixedTerm: number;
  sessional: number;
  voluntary: number;
}

/**
 * Insecurity driver: permanent 0; sessional and voluntary reference constants; fixed-term
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
 * Isolation driver: 1 / max(1, team_size) (a lone worker scores 1, a team of 8 scores
 * 0.125), reduced by the reference share when the team has peer group supervision.
 */
export function isolationDriver(teamSize: number, peerGroupSupervision: boolean, peerGroupReduction: number): number {
  const d = 1 / Math.max(1, teamSize);
  return clamp01(peerGroupSupervision ? d * (1 - clamp01(peerGroupReduction)) : d);
}

/**
 * Pay driver: 0 at or above the first pay point of the fair band, 1 at or below the lowest
 * pay point in the tables (the floor of NHS pay), linear between:
 * clamp((fair − basic) / (fair − floor), 0, 1). Unpaid (voluntary) roles score 1.
 */
export function payDriver(basic: number | null, fairSalary: number, floorSalary: number): number {
  if (basic === null) return 1;
  if (fairSalary <= floorSalary) return basic < fairSalary ? 1 : 0;
  return clamp01((fairSalary - basic) / (fairSalary - floorSalary));
}

/**
 * Caseload driver. Effective caseload per caseload-carrying WTE =
 * caseload_per_wte × funded / (in post − in induction); the driver is
 * clamp((effective / planned − 1) / (overload_full − 1), 0, 1).
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

/** caseload_per_wte / planned caseload (the caseload driver's constant part; Infinity when nothing is planned). */
export function caseloadScale(caseloadPerWte: number, plannedCaseload: number): number {
  if (caseloadPerWte <= 0) return 0;
  return plannedCaseload > 0 ? caseloadPerWte / plannedCaseload : Infinity;
}

/** 1 / (overload_full − 1): the driver's slope (Infinity, a step, when overload_full ≤ 1). */
export function overloadSlope(overloadFull: number): number {
  return overloadFull > 1 ? 1 / (overloadFull - 1) : Infinity;
}

/** `caseloadDriver` from its precomputed constants: clamp((scale × funded / carrying − 1) × slope, 0, 1). */
export function scaledCaseloadDriver(scale: number, slope: number, funded: number, carrying: number): number {
  if (funded <= 0 || scale <= 0) return 0;
  if (carrying <= 0) return 1;
  const excess = (scale * funded) / carrying - 1;
  if (excess <= 0) return 0;
  const d = excess * slope;
  return d >= 1 ? 1 : d;
}

/** Training driver: 1 − (a_induction + a_cpd) / 2, each adequacy against its reference value. */
export function trainingDriver(inductionWeeks: number, refInductionWeeks: number, cpd: number, refCpd: number): number {
  return clamp01(1 - (adequacy(inductionWeeks, refInductionWeeks) + adequacy(cpd, refCpd)) / 2);
}

/** Burnout risk index 0–100: 100 × Σ w·d / Σ w (0 when every weight is 0). */
export function burnoutIndex(weights: BurnoutWeights, drivers: BurnoutWeights): number {
  let sw = 0;
  let swd = 0;
  for (const k of BURNOUT_DRIVERS) {
    const w = Math.max(0, weights[k]);
    sw += w;
    swd += w * drivers[k];
  }
  return sw > 0 ? (100 * swd) / sw : 0;
}

/**
 * Burnout multiplier on the leaver hazard: max(1, 1 + feedback × (risk − baseline) / 100).
 * Bounded above by 1 + feedback × (100 − baseline) / 100.
 */
export function burnoutHazardMultiplier(risk: number, baselineRisk: number, feedback: number): number {
  return Math.max(1, 1 + (Math.max(0, feedback) * (risk - baselineRisk)) / 100);
}
