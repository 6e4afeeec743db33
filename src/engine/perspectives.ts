/**
 * §7.6 Perspectives: who gains from each benefit stream, and the appraisal seen from three
 * standpoints beside the headline NPV (docs/MODEL.md §7.6).
 *
 * Each stream's discounted value (its PV, after-horizon credit included) is split into parts:
 * its `transfer_share` is a transfer saved by DWP/HM Treasury, the rest goes to its `payer` as
 * its `kind` — to the penny (the last part takes the remainder, so parts add to the stream exactly). A public
 * body's `capacity` part is split again by the stream's `cashable` share: that share releases
 * cash, the rest is capacity freed.
 *
 *   social (Green Book):  benefits excluding transfers        vs the cost (PV, with optimism bias)
 *   commissioner:         cash-releasing savings to the NHS and ICB vs the cost (cash out)
 *   Exchequer:            transfers and cash-releasing savings to public bodies vs the cost
 */
import type { Benefit, Gain, GainKind, Payer } from '../scenario/types.js';
import { GAIN_KINDS, PAYERS } from '../scenario/types.js';
import { penceToPounds, roundPence } from './money.js';
import { buildLedger, type LedgerResult, type StreamBucket } from './ledger.js';

/** One view's benefit against the cost, NPV and BCR (null when the cost is 0). */
export interface PerspectiveView {
  benefit: number;
  cost: number;
  npv: number;
  bcr: number | null;
}

export interface PerspectivesResult {
  /** Total benefit (PV) by kind of gain; the four add to metrics.total_benefit_discounted. */
  benefit_by_kind: Record<GainKind, number>;
  /** Total benefit (PV) by who gains; the six add to metrics.total_benefit_discounted. */
  benefit_by_payer: Record<Payer, number>;
  social: PerspectiveView;
  commissioner: PerspectiveView;
  exchequer: PerspectiveView;
}

const PUBLIC: ReadonlySet<Payer> = new Set<Payer>(['nhs_provider', 'icb', 'local_authority', 'dwp_hmt']);
const COMMISSIONER: ReadonlySet<Payer> = new Set<Payer>(['nhs_provider', 'icb']);

interface Piece {
  payer: Payer;
  kind: GainKind;
  pence: number;
}

/** A stream's PV (whole pence) split into its parts by share, the last taking the remainder; capacity split by cashable. */
export function splitStream(gains: readonly Gain[], cashable: number, pvPence: number): Piece[] {
  const pieces: Piece[] = [];
  let left = pvPence;
  gains.forEach((g, i) => {
    const pence = i === gains.length - 1 ? left : roundPence(pvPence * g.share);
    left -= pence;
    if (g.kind === 'capacity' && PUBLIC.has(g.payer) && cashable > 0) {
      const cash = roundPence(pence * cashable);
      pieces.push({ payer: g.payer, kind: 'cash_releasing', pence: cash }, { payer: g.payer, kind: 'capacity', pence: pence - cash });
    } else {
      pieces.push({ payer: g.payer, kind: g.kind, pence });
    }
  });
  return pieces;
}

/** A stream's parts: the transfer share to DWP/HMT, then the rest to its payer as its kind. */
export function gainsOf(b: Pick<Benefit, 'payer' | 'kind' | 'transfer_share'>): Gain[] {
  const rest: Gain = { payer: b.payer, kind: b.kind, share: 1 - b.transfer_share };
  return b.transfer_share > 0 ? [{ payer: 'dwp_hmt', kind: 'transfer', share: b.transfer_share }, rest] : [rest];
}

function view(benefitPence: number, costPence: number): PerspectiveView {
  return {
    benefit: penceToPounds(benefitPence),
    cost: penceToPounds(costPence),
    npv: penceToPounds(benefitPence - costPence),
    bcr: costPence === 0 ? null : benefitPence / costPence,
  };
}

/**
 * The perspectives of a projection: `streamPvPence[i]` is stream i's discounted value in whole
 * pence (as in metrics.total_benefit_discounted), `costPence` the cost PV with optimism bias.
 */
export function perspectives(benefits: readonly Benefit[], streamPvPence: readonly number[], costPence: number): PerspectivesResult {
  const parts: Array<{ payer: Payer; kind: GainKind; pence: number }> = [];
  benefits.forEach((b, i) => parts.push(...splitStream(gainsOf(b), b.cashable, streamPvPence[i] ?? 0)));
  return perspectivesOf(parts, costPence);
}

/** The views from a projection's parts (the §7.7 ledger's pieces, or one part list per stream): sums in whole pence. */
export function perspectivesOf(parts: ReadonlyArray<{ payer: Payer; kind: GainKind; pence: number }>, costPence: number): PerspectivesResult {
  const byKind = Object.fromEntries(GAIN_KINDS.map((k) => [k, 0])) as Record<GainKind, number>;
  const byPayer = Object.fromEntries(PAYERS.map((p) => [p, 0])) as Record<Payer, number>;
  let social = 0;
  let commissioner = 0;
  let exchequer = 0;
  for (const p of parts) {
    byKind[p.kind] += p.pence;
    byPayer[p.payer] += p.pence;
    const counts = countsIn(p.payer, p.kind);
    if (counts.social) social += p.pence;
    if (counts.commissioner) commissioner += p.pence;
    if (counts.exchequer) exchequer += p.pence;
  }
  const pounds = <K extends string>(r: Record<K, number>): Record<K, number> =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, penceToPounds(v as number)])) as Record<K, number>;
  return {
    benefit_by_kind: pounds(byKind),
    benefit_by_payer: pounds(byPayer),
    social: view(social, costPence),
    commissioner: view(commissioner, costPence),
    exchequer: view(exchequer, costPence),
  };
}

/** Which views count a part (the ledger's rows carry the same rule to every format). */
export function countsIn(payer: Payer, kind: GainKind): { social: boolean; commissioner: boolean; exchequer: boolean } {
  return {
    social: kind !== 'transfer',
    commissioner: kind === 'cash_releasing' && COMMISSIONER.has(payer),
    exchequer: (kind === 'cash_releasing' || kind === 'transfer') && PUBLIC.has(payer),
  };
}

/**
 * §7.6, §7.7 The ledger of a projection and its perspectives, the ledger's sums: each stream's
 * PV buckets (by financial year) split as splitStream says; `costPvPence[k]` is year k's cost
 * PV, `ob` = 1 + optimism bias, `costPence` the cost PV with optimism bias.
 */
export function perspectiveLedger(
  benefits: readonly Benefit[],
  streamBuckets: ReadonlyArray<readonly StreamBucket[]>,
  costPvPence: readonly number[],
  ob: number,
  costPence: number,
  yearLabel: (k: number) => string,
): { perspectives: PerspectivesResult; ledger: LedgerResult } {
  const { ledger, pieces } = buildLedger(benefits, streamBuckets, costPvPence, ob, costPence, yearLabel, (b, pence) => splitStream(gainsOf(b), b.cashable, pence));
  return { perspectives: perspectivesOf(pieces, costPence), ledger };
}
