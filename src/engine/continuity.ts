/**
 * Continuity of support relationships (docs/MODEL.md §4).
 */
import type { Formula } from './formula.js';

/**
 * Probability that a relationship of `months` starting in month `start` completes with
 * the same worker: Π_{j=0}^{⌊R⌋−1} (1 − H[start + j]) × (1 − H[start + ⌊R⌋])^(R − ⌊R⌋),
 * where H[u] is the all-cause monthly separation probability (`hazards` must cover
 * start … start + ⌊R⌋).
 */
export function completionProbability(hazards: ArrayLike<number>, start: number, months: number): number {
  const whole = Math.floor(months);
  const part = months - whole;
  let p = 1;
  for (let j = 0; j < whole; j++) p *= 1 - (hazards[start + j] ?? 0);
  if (part > 0) p *= Math.exp(part * Math.log1p(-(hazards[start + whole] ?? 0))); // (1 − H)^part
  return p;
}

/** The continuity formulas as `explain` shows them (docs/MODEL.md §4). */
export const FORMULAS = {
  completion: {
    text: 'p(t) = Π_{j<⌊R⌋} (1 − H(t + j)) × (1 − H(t + ⌊R⌋))^(R − ⌊R⌋); past the horizon H keeps the contract cycle and the last burnout multiplier',
    section: '§4.1–4.2',
  },
  completed: { text: 'completed(t) = episodes(t) × p(t)', section: '§4.1' },
  score: { text: '100 × mean p(t) over the start months', section: '§4.3' },
  monthsLost: { text: 'Σ months V(t) × caseload_per_wte', section: '§4.3' },
} as const satisfies Record<string, Formula>;
