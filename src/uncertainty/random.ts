/**
 * Seeded uniforms for the draws. The generator is xoroshiro128+ from `pure-rand`
 * (maintained by the author of fast-check, which this project already tests with; pure
 * JavaScript, no engines constraint, so it runs on Node 20; its sequence is fixed by the
 * seed on every platform). Each input column has its own stream, seeded by a hash of the
 * run's seed and the column's key, so adding an input to one scenario does not move the
 * draws of the others.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';

export type Sampling = 'random' | 'lhs';

/** FNV-1a over the text's UTF-16 code units: a 32-bit seed per column. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Smallest uniform used: keeps every quantile finite (u = 0 would give −∞ for a normal). */
const U_MIN = 2 ** -54;

/**
 * Independent Latin hypercubes a `lhs` run is made of: 10 when there are at least 20 draws.
 * Replicated LHS (Iman 1981): the spread of the replicates' means gives the Monte Carlo
 * standard error, which sd/√N overstates several-fold under stratification (issue 27, D5).
 */
export const LHS_REPLICATES = 10;

/** The draw ranges [start, end) of the replicates of an N-draw `lhs` run (one range when N < 20). */
export function lhsBlocks(n: number): [number, number][] {
  const r = n >= 2 * LHS_REPLICATES ? LHS_REPLICATES : 1;
  return Array.from({ length: r }, (_, b) => [Math.floor((b * n) / r), Math.floor(((b + 1) * n) / r)] as [number, number]);
}

/**
 * N uniforms in (0, 1) for one column. `lhs`: replicated Latin hypercube — each block of
 * `lhsBlocks(N)` has one draw in each of its equal strata of (0, 1), in random order
 * (McKay, Beckman & Conover 1979).
 */
export function uniforms(n: number, seed: number, key: string, sampling: Sampling): Float64Array {
  const rng = xoroshiro128plus(hash32(`${seed}\u0000${key}`));
  const out = new Float64Array(n);
  if (sampling === 'random') {
    for (let i = 0; i < n; i++) out[i] = Math.max(U_MIN, uniformFloat64(rng));
    return out;
  }
  for (const [start, end] of lhsBlocks(n)) {
    const m = end - start;
    const order = new Int32Array(m);
    for (let i = 0; i < m; i++) order[i] = i;
    for (let i = m - 1; i > 0; i--) {
      const j = uniformInt(rng, 0, i);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    for (let i = 0; i < m; i++) out[start + i] = Math.max(U_MIN, (order[i]! + uniformFloat64(rng)) / m);
  }
  return out;
}

/** A seeded generator for the Iman–Conover score permutations (its own stream). */
export function shuffled(values: Float64Array, seed: number, key: string): Float64Array {
  const rng = xoroshiro128plus(hash32(`${seed}\u0001${key}`));
  const out = Float64Array.from(values);
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}
