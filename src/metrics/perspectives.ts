/**
 * §7.6 The perspective views as named metrics and rows, for every format that shows them
 * (tidy CSV, Markdown, HTML, table): one list, so names, labels and units agree.
 * The figures are the engine's (`perspectives` in the result); nothing is computed here.
 */
import type { PerspectivesResult, PerspectiveView } from '../engine/perspectives.js';
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
