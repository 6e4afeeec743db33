/**
 * Process variation (`simulate --process`): a team's month-to-month events drawn as
 * counts. Each whole WTE in post leaves with the month's hazard (which already combines
 * the leaving rate, burnout and contract non-renewal at a term's end), and each vacant
 * whole WTE is filled with the month's fill probability; a fractional remainder of a WTE
 * counts as one more person with that probability of being present (so the expected count
 * equals the expected-value model's). A team of four then shows the spread a real team of
 * four would see. One generator per option, run through the draws in order, so the
 * result is fixed by the seed.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { EventSampler } from '../engine/project.js';
import { hash32 } from './random.js';

export function eventSampler(seed: number, key: string): EventSampler {
  const rng = xoroshiro128plus(hash32(`${seed}\u0002${key}`));
  const u = (): number => uniformFloat64(rng);
  /** Successes among ⌊x⌋ trials of probability p, plus one more with probability frac(x)·p. */
  const binomial = (x: number, p: number): number => {
    if (x <= 0 || p <= 0) return 0;
    const whole = Math.floor(x);
    let k = 0;
    for (let i = 0; i < whole; i++) if (u() < p) k++;
    const frac = x - whole;
    if (frac > 0 && u() < p) k += frac;
    return k;
  };
  return {
    leavers: (inPost, hazard) => binomial(inPost, hazard),
    hires: (vacant, fill) => binomial(vacant, fill),
  };
}
