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
 * N uniforms in (0, 1) for one column. `lhs`: Latin hypercube, one draw in each of N
 * equal strata of (0, 1), in random order (McKay, Beckman & Conover 1979).
 */
export function uniforms(n: number, seed: number, key: string, sampling: Sampling): Float64Array {
  const rng = xoroshiro128plus(hash32(`${seed}\u0000${key}`));
  const out = new Float64Array(n);
  if (sampling === 'random') {
    for (let i = 0; i < n; i++) out[i] = Math.max(U_MIN, uniformFloat64(rng));
    return out;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  for (let i = 0; i < n; i++) out[i] = Math.max(U_MIN, (order[i]! + uniformFloat64(rng)) / n);
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
