/**
 * Decision uncertainty and the value of information (Briggs, Claxton & Sculpher 2006,
 * ch. 6–7). `nb[k][d]` is option k's net benefit in draw d (higher is better).
 *
 * EVPI = E_θ[max_k NB_k(θ)] − max_k E_θ[NB_k(θ)]: what deciding with every uncertainty
 * resolved would be worth, per decision.
 *
 * EVPPI of an input (or group) φ = E_φ[max_k E[NB_k | φ]] − max_k E[NB_k]: the conditional
 * expectations are estimated by non-parametric regression of each option's net benefit on
 * φ over the draws already made (Strong, Oakley & Brennan 2014, Med Decis Making 34:311).
 * The regression here is a partition (piecewise-constant) smoother: for one input, Strong
 * & Oakley's (2013) ordered binning — sort the draws by the input, cut them into B = ⌊√N⌋
 * bins of equal count, and take each option's mean in each bin; for a group, a k-d split of
 * the draws at the median of each input in turn until cells hold at most ⌈N/B⌉ draws.
 * A partition keeps the overall mean and, by Jensen's inequality within each cell, gives
 * 0 ≤ EVPPI ≤ EVPI exactly; its small-sample bias is upward (noise in a bin mean looks like
 * information), of the order of the options' spread / √(N/B), so EVPPIs near zero on few
 * draws are not meaningful.
 */

/** Index of the best option in draw d (ties: the first listed). */
function best(nb: readonly Float64Array[], d: number): number {
  let k = 0;
  for (let j = 1; j < nb.length; j++) if (nb[j]![d]! > nb[k]![d]!) k = j;
  return k;
}

export function meanOf(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

/** Probability each option is best: the share of draws in which it has the highest net benefit. */
export function probabilityBest(nb: readonly Float64Array[]): number[] {
  const n = nb[0]?.length ?? 0;
  const counts = new Array<number>(nb.length).fill(0);
  for (let d = 0; d < n; d++) counts[best(nb, d)]!++;
  return counts.map((c) => c / n);
}

/** max_k of the options' means. */
function maxOfMeans(nb: readonly Float64Array[]): number {
  let m = -Infinity;
  for (const x of nb) m = Math.max(m, meanOf(x));
  return m;
}

export function evpi(nb: readonly Float64Array[]): number {
  const n = nb[0]?.length ?? 0;
  if (n === 0 || nb.length < 2) return 0;
  let s = 0;
  for (let d = 0; d < n; d++) s += nb[best(nb, d)]![d]!;
  return Math.max(0, s / n - maxOfMeans(nb));
}

/** Cell of each draw: ordered bins for one input, a k-d partition for several. */
export function partition(inputs: readonly Float64Array[], n: number): { cell: Int32Array; cells: number } {
  const bins = Math.max(1, Math.floor(Math.sqrt(n)));
  const cell = new Int32Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  if (inputs.length === 1) {
    const x = inputs[0]!;
    order.sort((a, b) => x[a]! - x[b]! || a - b);
    // Bin b holds ranks ⌊bN/B⌋ … ⌊(b+1)N/B⌋ − 1.
    for (let r = 0; r < n; r++) cell[order[r]!] = Math.min(bins - 1, Math.floor((r * bins) / n));
    return { cell, cells: bins };
  }
  const maxSize = Math.ceil(n / bins);
  let cells = 0;
  const split = (ids: number[], depth: number): void => {
    if (ids.length <= maxSize) {
      for (const i of ids) cell[i] = cells;
      cells++;
      return;
    }
    const x = inputs[depth % inputs.length]!;
    ids.sort((a, b) => x[a]! - x[b]! || a - b);
    const half = ids.length >> 1;
    split(ids.slice(0, half), depth + 1);
    split(ids.slice(half), depth + 1);
  };
  split(order, 0);
  return { cell, cells };
}

export function evppi(nb: readonly Float64Array[], inputs: readonly Float64Array[], evpiValue: number): number {
  const n = nb[0]?.length ?? 0;
  if (n === 0 || nb.length < 2 || inputs.length === 0) return 0;
  const { cell, cells } = partition(inputs, n);
  const count = new Float64Array(cells);
  const sums = nb.map(() => new Float64Array(cells));
  for (let d = 0; d < n; d++) {
    const c = cell[d]!;
    count[c]!++;
    for (let k = 0; k < nb.length; k++) sums[k]![c]! += nb[k]![d]!;
  }
  let s = 0;
  for (let c = 0; c < cells; c++) {
    if (count[c] === 0) continue;
    let m = -Infinity;
    for (let k = 0; k < nb.length; k++) m = Math.max(m, sums[k]![c]!);
    s += m; // Σ_cells count × max_k(cell mean) = Σ_cells max_k(cell sum)
  }
  return Math.min(evpiValue, Math.max(0, s / n - maxOfMeans(nb)));
}

/** Cost-effectiveness acceptability: probability each option has the highest net monetary benefit λ·effect − cost, per λ. */
export function acceptability(cost: readonly Float64Array[], effect: readonly Float64Array[], lambdas: readonly number[]): number[][] {
  const n = cost[0]?.length ?? 0;
  const nmb = cost.map(() => new Float64Array(n));
  return lambdas.map((lambda) => {
    for (let k = 0; k < cost.length; k++) for (let d = 0; d < n; d++) nmb[k]![d] = lambda * effect[k]![d]! - cost[k]![d]!;
    return probabilityBest(nmb);
  });
}

/** Present value of a stream of one decision a year for `years` years at `rate` (year 0 undiscounted). */
export function annuity(years: number, rate: number): number {
  let s = 0;
  for (let t = 0; t < years; t++) s += 1 / (1 + rate) ** t;
  return s;
}

/**
 * Per willingness to pay λ, on net monetary benefit λ·effect − cost: the probability each
 * option is best (the acceptability curve), EVPI, the option the decision picks (highest
 * mean: the cost-effectiveness acceptability frontier, Fenwick, Claxton & Sculpher 2001),
 * and each option's expected loss E[max_j NMB_j − NMB_k] (Eckermann & Willan 2008; the
 * chosen option's is EVPI).
 */
export function netBenefitCurves(
  cost: readonly Float64Array[],
  effect: readonly Float64Array[],
  lambdas: readonly number[],
): { probability_best: number[][]; evpi: number[]; frontier: number[]; expected_loss: number[][] } {
  const n = cost[0]?.length ?? 0;
  const nmb = cost.map(() => new Float64Array(n));
  const out = { probability_best: [] as number[][], evpi: [] as number[], frontier: [] as number[], expected_loss: [] as number[][] };
  for (const lambda of lambdas) {
    for (let k = 0; k < cost.length; k++) for (let d = 0; d < n; d++) nmb[k]![d] = lambda * effect[k]![d]! - cost[k]![d]!;
    out.probability_best.push(probabilityBest(nmb));
    let eMax = 0;
    for (let d = 0; d < n; d++) eMax += nmb[best(nmb, d)]![d]!;
    eMax = n > 0 ? eMax / n : 0;
    const means = nmb.map(meanOf);
    let chosen = 0;
    means.forEach((m, k) => {
      if (m > means[chosen]!) chosen = k;
    });
    out.frontier.push(chosen);
    out.evpi.push(Math.max(0, eMax - means[chosen]!));
    out.expected_loss.push(means.map((m) => Math.max(0, eMax - m)));
  }
  return out;
}

/** Running mean and MCSE (sd/√n) of each option's NPV at `points` evenly spaced draw counts: the convergence plot. */
export function convergence(nb: readonly Float64Array[], points = 20): { draws: number[]; mean: number[][]; mcse: number[][] } {
  const n = nb[0]?.length ?? 0;
  const at = [...new Set(Array.from({ length: points }, (_, i) => Math.max(2, Math.round((n * (i + 1)) / points))))].filter((x) => x <= n);
  const mean = nb.map(() => [] as number[]);
  const mcse = nb.map(() => [] as number[]);
  nb.forEach((x, k) => {
    let s = 0;
    let s2 = 0;
    let j = 0;
    for (let d = 0; d < n && j < at.length; d++) {
      s += x[d]!;
      s2 += x[d]! * x[d]!;
      if (d + 1 === at[j]) {
        const m = s / (d + 1);
        const v = Math.max(0, (s2 - (d + 1) * m * m) / d);
        mean[k]!.push(m);
        mcse[k]!.push(Math.sqrt(v / (d + 1)));
        j++;
      }
    }
  });
  return { draws: at, mean, mcse };
}
