/**
 * §7.6 The perspective views as named metrics and rows, for every format that shows them
 * (tidy CSV, Markdown, HTML, table): one list, so names, labels and units agree.
 * The figures are the engine's (`perspectives` in the result); nothing is computed here.
 */
import { countsIn, type PerspectivesResult, type PerspectiveView } from '../engine/perspectives.js';
import type { LedgerColumn, LedgerResult } from '../engine/ledger.js';
import { GAIN_KINDS, PAYERS, type GainKind, type Payer } from '../scenario/types.js';
import type { Metrics } from '../engine/result.js';
import { noBenefitsValued, type MetricInfo, type MetricKey } from './catalogue.js';
import { rowOfValues, type ComparisonRow } from '../compare/compare.js';

export type PerspectiveName = 'social' | 'commissioner' | 'exchequer';
export const PERSPECTIVE_NAMES: readonly PerspectiveName[] = ['social', 'commissioner', 'exchequer'];

/** Each view's label and what it counts, in words. */
export const PERSPECTIVE_LABELS: Readonly<Record<PerspectiveName, { label: string; counts: string }>> = {
  social: { label: 'Social (Green Book)', counts: 'all benefits except transfers' },
  commissioner: { label: 'Commissioner (NHS/ICB)', counts: 'cash-releasing savings to the NHS provider and ICB' },
  exchequer: { label: 'Exchequer', counts: 'transfers and cash-releasing savings to public bodies' },
};

export const PAYER_LABELS: Readonly<Record<Payer, string>> = {
  nhs_provider: 'NHS provider',
  icb: 'ICB (commissioner)',
  local_authority: 'Local authority',
  dwp_hmt: 'DWP / HM Treasury',
  person: 'The person supported',
  society: 'Wider society',
};

export const GAIN_KIND_LABELS: Readonly<Record<GainKind, string>> = {
  transfer: 'Transfer',
  cash_releasing: 'Cash-releasing',
  capacity: 'Capacity',
  social: 'Social value',
};

/** A perspective metric as the tidy CSV names it: `<view>_<field>`, `benefit_by_payer.<payer>`, `benefit_by_kind.<kind>`. */
export interface PerspectiveMetric {
  key: string;
  kind: 'money' | 'ratio';
  value: number | null;
}

const FIELDS: ReadonlyArray<keyof PerspectiveView> = ['benefit', 'cost', 'npv', 'bcr'];

/** The views' benefit, cost, NPV and BCR, then the benefit by payer and by kind, as total-period metrics. */
export function perspectiveMetrics(p: PerspectivesResult): PerspectiveMetric[] {
  const out: PerspectiveMetric[] = [];
  for (const name of PERSPECTIVE_NAMES) {
    for (const f of FIELDS) out.push({ key: `${name}_${f}`, kind: f === 'bcr' ? 'ratio' : 'money', value: p[name][f] });
  }
  for (const payer of PAYERS) out.push({ key: `benefit_by_payer.${payer}`, kind: 'money', value: p.benefit_by_payer[payer] });
  for (const kind of GAIN_KINDS) out.push({ key: `benefit_by_kind.${kind}`, kind: 'money', value: p.benefit_by_kind[kind] });
  return out;
}

/** Rows of "Whose costs and whose savings": view, what it counts, benefit, cost, NPV, BCR (numbers; the caller formats). */
export function perspectiveViewRows(p: PerspectivesResult): Array<{ name: PerspectiveName; label: string; counts: string; view: PerspectiveView }> {
  return PERSPECTIVE_NAMES.map((name) => ({ name, ...PERSPECTIVE_LABELS[name], view: p[name] }));
}

/** Benefit (PV) by who gains, with each payer's share of the total; payers with nothing left out. */
export function payerRows(p: PerspectivesResult): Array<{ payer: Payer; label: string; benefit: number; share: number | null }> {
  const total = PAYERS.reduce((sum, k) => sum + p.benefit_by_payer[k], 0);
  return PAYERS.filter((k) => p.benefit_by_payer[k] !== 0).map((k) => ({
    payer: k,
    label: PAYER_LABELS[k],
    benefit: p.benefit_by_payer[k],
    share: total === 0 ? null : p.benefit_by_payer[k] / total,
  }));
}

/**
 * The views' NPV and BCR as comparison rows (render only: `compare`'s `--metrics`, `--sort`
 * and `--fail-on` are the engine's metrics, and the JSON's `comparison.rows` is unchanged).
 * The key is the tidy CSV's name; it is not a catalogue key.
 */
export function perspectiveComparisonRows(
  scenarios: ReadonlyArray<{ metrics: Metrics; perspectives?: PerspectivesResult }>,
  baseline: number,
): ComparisonRow[] {
  if (scenarios.length === 0 || scenarios.some((s) => !s.perspectives)) return [];
  const short: Record<PerspectiveName, string> = { social: 'Social', commissioner: 'Commissioner', exchequer: 'Exchequer' };
  return PERSPECTIVE_NAMES.flatMap((name) =>
    (['npv', 'bcr'] as const).map((f) => {
      const info: MetricInfo = {
        key: `${name}_${f}` as MetricKey,
        label: `${short[name]} ${f === 'npv' ? 'NPV' : 'BCR'}`,
        kind: f === 'npv' ? 'money' : 'ratio',
        better: 'higher',
        description: `${PERSPECTIVE_LABELS[name].label}: ${PERSPECTIVE_LABELS[name].counts} against the cost (PV) with optimism bias`,
      };
      // A BCR of an option that values no benefit is no figure: shown n/a and not ranked (the headline says "no benefits valued").
      const blank = (i: number): boolean => f === 'bcr' && noBenefitsValued('bcr', scenarios[i]?.metrics);
      const values = scenarios.map((s, i) => (blank(i) ? null : (s.perspectives as PerspectivesResult)[name][f]));
      return rowOfValues(info, values, baseline, blank);
    }),
  );
}

/** The headline figures the perspective sentence reads. */
export type BenefitTotals = Pick<Metrics, 'total_benefit_discounted' | 'cashable_benefit_discounted'>;

/**
 * Whose costs and whose benefits the NPV counts, in one sentence (CHEERS 2022 item 8,
 * perspective), naming the three views beside it (§7.6: social, commissioner, Exchequer),
 * with the share of the benefit that releases cash. Every format states it (the JSON as
 * each scenario's `perspective`).
 */
export function perspectiveSentence(metrics: readonly BenefitTotals[]): string | null {
  const shares = metrics.filter((m) => m.total_benefit_discounted > 0).map((m) => m.cashable_benefit_discounted / m.total_benefit_discounted);
  if (shares.length === 0) return null;
  const p = (x: number): string => `${(100 * x).toFixed(0)}%`;
  const lo = Math.min(...shares);
  const hi = Math.max(...shares);
  const cash = p(lo) === p(hi) ? p(lo) : `${p(lo)} to ${p(hi)}`;
  return (
    "Perspective: costs are the employer's cost of the team; the headline NPV adds savings to any public body (transfers such as a DWP " +
    'benefit saving included) and value to the people supported, a public-sector-and-society view; beside it are the social view ' +
    "(Green Book: transfers excluded), the commissioner's (cash-releasing NHS provider and ICB savings against the cash out) and the " +
    `Exchequer's (transfers and cash-releasing savings to public bodies): ${cash} of the benefit (PV) releases cash (the streams' cashable shares).`
  );
}

/** §7.7 A ledger column's heading: the year, or the year's part after the horizon. */
export const ledgerColumnLabel = (c: LedgerColumn): string => (c.after_horizon ? `${c.year} (after)` : c.year);

/** One line of the who-pays/who-saves ledger as every format shows it: cost first (negative), each benefit row, the benefit total and the net. */
export interface LedgerLine {
  key: string;
  label: string;
  /** GMCA-style: fiscal, economic or social value; `cost` for the cost line, `total` for the sums. */
  category: string;
  kind: string;
  cashable: boolean | null;
  /** The views that count the line (cost: all three; the sums: none). */
  views: PerspectiveName[];
  values: number[];
  total: number;
}

const pounds2 = (pence: number): number => Math.round(pence) / 100;

/** The ledger as lines (money in £, cost negative), the last two the benefit total and the net (headline NPV by year). */
export function ledgerLines(l: LedgerResult): LedgerLine[] {
  const lines: LedgerLine[] = [
    {
      key: 'cost.icb',
      label: `${PAYER_LABELS.icb}: cost`,
      category: 'cost',
      kind: 'cost',
      cashable: null,
      views: [...PERSPECTIVE_NAMES],
      values: l.cost.values.map((v) => (v === 0 ? 0 : -v)),
      total: l.cost.total === 0 ? 0 : -l.cost.total,
    },
  ];
  for (const r of l.benefits) {
    const counts = countsIn(r.payer, r.kind);
    lines.push({
      key: `${r.payer}.${r.category}.${r.kind}`,
      label: `${PAYER_LABELS[r.payer]}: ${GAIN_KIND_LABELS[r.kind].toLowerCase()}`,
      category: r.category,
      kind: r.kind,
      cashable: r.cashable,
      views: PERSPECTIVE_NAMES.filter((v) => counts[v]),
      values: r.values,
      total: r.total,
    });
  }
  const column = (j: number, from: readonly LedgerLine[]): number => pounds2(from.reduce((a, x) => a + Math.round((x.values[j] ?? 0) * 100), 0));
  const benefitLines = lines.slice(1);
  const benefit = l.columns.map((_, j) => column(j, benefitLines));
  const benefitTotal = pounds2(benefitLines.reduce((a, x) => a + Math.round(x.total * 100), 0));
  lines.push({ key: 'benefit_total', label: 'Benefit, every row', category: 'total', kind: 'total', cashable: null, views: [], values: benefit, total: benefitTotal });
  lines.push({
    key: 'net',
    label: 'Net (the headline NPV)',
    category: 'total',
    kind: 'total',
    cashable: null,
    views: [],
    values: l.columns.map((_, j) => column(j, [lines[0] as LedgerLine, ...benefitLines])),
    total: pounds2(Math.round(benefitTotal * 100) - Math.round(l.cost.total * 100)),
  });
  return lines;
}

/** The views a ledger line counts in, in words ("social, Exchequer"). */
export const viewsText = (views: readonly PerspectiveName[]): string => (views.length === 0 ? '' : views.map((v) => ({ social: 'social', commissioner: 'commissioner', exchequer: 'Exchequer' })[v]).join(', '));
