/**
 * The appraisal conventions a result used, in words, for every output that shows present
 * values (run, compare, report): the price base, the deflator and its status, the
 * discounting convention and rates, optimism bias and benefits after the horizon
 * (docs/MODEL.md §7).
 */
import type { AppraisalBasis } from '../engine/result.js';
import { perspectiveSentence, type BenefitTotals } from '../metrics/perspectives.js';

export { perspectiveSentence };

const pct = (x: number): string => `${Number((x * 100).toPrecision(6))}%`;

export function appraisalBasisSentence(b: AppraisalBasis): string {
  const deflator = `GDP deflator ${b.deflator.id}${b.deflator.verified ? '' : ', figures unverified'}`;
  const discounting =
    b.discounting === 'annual'
      ? `Green Book annual discounting (year 0 undiscounted; ${pct(b.discount_rate)} to year 30, then ${pct(b.discount_rate_after_30)}; health effects ${pct(b.health_discount_rate)})`
      : `monthly discounting from each month's start at ${pct(b.discount_rate)} (health effects ${pct(b.health_discount_rate)})`;
  const optimism = `optimism bias ${pct(b.optimism_bias)}${b.optimism_bias > 0 ? ' on cost, in the headline NPV, BCR and ROI' : ''}`;
  // Credited lagged benefits are why a benefit PV can exceed the cash benefit, which counts the horizon only.
  const after =
    b.benefits_after_horizon === 'credit'
      ? 'lagged benefits after the horizon credited (so benefit PV can exceed the cash benefit, which counts only the horizon)'
      : 'benefits after the horizon dropped';
  return `Appraisal: real terms in ${b.price_base} prices (${deflator}); ${discounting}; ${optimism}; ${after}. PV figures are the appraisal's; nominal figures are cash, and net cash (benefit − cost) is not the NPV: it is undiscounted, without optimism bias or benefits after the horizon.`;
}

/** One sentence when every scenario shares the conventions, else one per scenario; then the perspective. */
export function appraisalBasisLines(scenarios: ReadonlyArray<{ name: string; appraisal?: AppraisalBasis; metrics?: BenefitTotals }>): string[] {
  const withBasis = scenarios.filter((s): s is { name: string; appraisal: AppraisalBasis; metrics?: BenefitTotals } => s.appraisal !== undefined);
  if (withBasis.length === 0) return [];
  const sentences = withBasis.map((s) => appraisalBasisSentence(s.appraisal));
  const basis = sentences.every((x) => x === sentences[0]) ? [sentences[0] as string] : withBasis.map((s, i) => `${s.name}: ${sentences[i]}`);
  const perspective = perspectiveSentence(withBasis.flatMap((s) => (s.metrics ? [s.metrics] : [])));
  return perspective === null ? basis : [...basis, perspective];
}
