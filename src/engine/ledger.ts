/**
 * §7.7 Who pays, who saves: the appraisal's present values by organisation and financial year
 * (docs/MODEL.md §7.7), in the manner of the GMCA cost-benefit ledger (fiscal, economic and
 * social value; cashable or not).
 *
 * Each stream's PV comes in whole-pence buckets, one per financial year (the after-horizon
 * months of a year a bucket of their own), exactly as the engine sums them; each bucket is
 * split into parts as §7.6 says (splitStream: transfer share to DWP/HMT, the rest to the
 * stream's payer, public capacity split by the cashable share), so the ledger's cells add to
 * each stream, each year and each perspective to the penny. The perspectives are the
 * ledger's sums. The cost (PV with optimism bias) is paid by the commissioner: each year's
 * cost PV × (1 + optimism bias) to the penny, the last year taking the remainder so the
 * years add to `total_cost_optimism_adjusted`.
 */
import type { Benefit, BenefitCategory, GainKind, Payer } from '../scenario/types.js';
import { BENEFIT_CATEGORIES, GAIN_KINDS, PAYERS } from '../scenario/types.js';
import { penceToPounds, roundPence } from './money.js';

/** One column of the ledger: a financial year, or the after-horizon part of one. */
export interface LedgerColumn {
  year: string;
  after_horizon: boolean;
}

/** One row of the ledger: who gains, the stream's category, the kind of gain; a PV (£) per column and the total. */
export interface LedgerRow {
  payer: Payer;
  category: BenefitCategory;
  kind: GainKind;
  /** Money a budget no longer pays out: cash-releasing savings and transfers (the GMCA ledger's "cashable"). */
  cashable: boolean;
  values: number[];
  total: number;
}

export interface LedgerResult {
  columns: LedgerColumn[];
  /** The cost (PV with optimism bias) by column: paid by the commissioner; 0 after the horizon. */
  cost: { payer: 'icb'; values: number[]; total: number };
  /** Benefits (PV) by who gains, category and kind; rows in the order of PAYERS, categories and kinds. */
  benefits: LedgerRow[];
}

/** A stream's PV in one bucket: financial-year index k (0 = the horizon's first), after the horizon or not, whole pence. */
export interface StreamBucket {
  k: number;
  after: boolean;
  pence: number;
}

/** A piece of a row in pence, by column: what the perspectives and the ledger both add up. */
export interface LedgerPiece {
  payer: Payer;
  category: BenefitCategory;
  kind: GainKind;
  column: number;
  pence: number;
}

const bucketKey = (b: Pick<StreamBucket, 'k' | 'after'>): number => b.k * 2 + (b.after ? 1 : 0);

/** The ledger's columns: every horizon year, then the after-horizon buckets in year order. */
export function ledgerColumns(horizonYears: number, buckets: ReadonlyArray<readonly StreamBucket[]>, yearLabel: (k: number) => string): Array<LedgerColumn & { key: number }> {
  const keys = new Set<number>();
  for (let k = 0; k < horizonYears; k++) keys.add(bucketKey({ k, after: false }));
  for (const bs of buckets) for (const b of bs) keys.add(bucketKey(b));
  const sorted = [...keys].sort((a, b) => (a % 2) - (b % 2) || a - b);
  return sorted.map((key) => ({ key, year: yearLabel(Math.floor(key / 2)), after_horizon: key % 2 === 1 }));
}

/** Each year's cost PV × (1 + optimism bias) to the penny, the last year taking the remainder so the years add to `totalPence`. */
export function costByYear(costPvPence: readonly number[], ob: number, totalPence: number): number[] {
  let left = totalPence;
  return costPvPence.map((c, i) => {
    const v = i === costPvPence.length - 1 ? left : roundPence(c * ob);
    left -= v;
    return v;
  });
}

const rowKey = (p: Payer, c: BenefitCategory, k: GainKind): number => (PAYERS.indexOf(p) * BENEFIT_CATEGORIES.length + BENEFIT_CATEGORIES.indexOf(c)) * GAIN_KINDS.length + GAIN_KINDS.indexOf(k);

/**
 * The ledger: `streamBuckets[i]` are stream i's PV buckets (they add to its total_discounted),
 * `costPvPence[k]` year k's cost PV (whole pence), `costOptimismPence` the cost PV with
 * optimism bias, `ob` = 1 + optimism bias. `split(stream, pence)` is §7.6's splitStream.
 */
export function buildLedger(
  benefits: readonly Benefit[],
  streamBuckets: ReadonlyArray<readonly StreamBucket[]>,
  costPvPence: readonly number[],
  ob: number,
  costOptimismPence: number,
  yearLabel: (k: number) => string,
  split: (b: Benefit, pence: number) => Array<{ payer: Payer; kind: GainKind; pence: number }>,
): { ledger: LedgerResult; pieces: LedgerPiece[] } {
  const cols = ledgerColumns(costPvPence.length, streamBuckets, yearLabel);
  const colOf = new Map(cols.map((c, i) => [c.key, i]));
  const pieces: LedgerPiece[] = [];
  const rows = new Map<number, { payer: Payer; category: BenefitCategory; kind: GainKind; pence: number[] }>();
  benefits.forEach((b, i) => {
    for (const bucket of streamBuckets[i] ?? []) {
      const column = colOf.get(bucketKey(bucket)) as number;
      for (const part of split(b, bucket.pence)) {
        pieces.push({ payer: part.payer, category: b.category, kind: part.kind, column, pence: part.pence });
        const key = rowKey(part.payer, b.category, part.kind);
        let row = rows.get(key);
        if (!row) {
          row = { payer: part.payer, category: b.category, kind: part.kind, pence: cols.map(() => 0) };
          rows.set(key, row);
        }
        row.pence[column] = (row.pence[column] as number) + part.pence;
      }
    }
  });
  const cost = costByYear(costPvPence, ob, costOptimismPence);
  const costValues = cols.map((c) => (c.after_horizon ? 0 : (cost[Math.floor(c.key / 2)] ?? 0)));
  const total = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  return {
    ledger: {
      columns: cols.map(({ year, after_horizon }) => ({ year, after_horizon })),
      cost: { payer: 'icb', values: costValues.map(penceToPounds), total: penceToPounds(total(costValues)) },
      benefits: [...rows.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([, r]) => ({
          payer: r.payer,
          category: r.category,
          kind: r.kind,
          cashable: r.kind === 'cash_releasing' || r.kind === 'transfer',
          values: r.pence.map(penceToPounds),
          total: penceToPounds(total(r.pence)),
        })),
    },
    pieces,
  };
}
