/** What `run` shows, shared by the table, Markdown and HTML formats. */
import { COST_COMPONENTS, type YearResult } from '../engine/result.js';
import { costLabel } from '../metrics/costs.js';
import type { ScenarioDocument } from '../result/document.js';
import { formatMoney, formatNumber, formatPercent } from '../text/format.js';
import type { MetricKey } from '../metrics/catalogue.js';

/** Re-exported for the formats beside this layout (html.ts, xlsx.ts), which name cost components. */
export { costLabel };

export const runHeadlineMetrics: readonly MetricKey[] = [
  'total_cost',
  'total_cost_discounted',
  'funded_budget',
  'underspend',
  'total_benefit_discounted',
  'npv',
  'bcr',
  'bcr_evidence_adjusted',
  'roi',
  'payback_month',
  'episodes',
  'completed_episodes',
  'cost_per_episode',
  'cost_per_completed_episode',
  'wte_in_post_mean',
  'vacancy_rate',
  'leavers',
  'burnout_risk_mean',
  'burnout_risk_peak',
  'continuity',
  'service_user_months_lost',
];

/** One row of the by-financial-year table: display text for each year and for the horizon. */
export interface YearTableRow {
  label: string;
  /** The row a reader looks for first (Total cost): renderers may set it in bold. */
  emphasis: boolean;
  cells: string[];
  total: string;
}

/**
 * The by-financial-year table that `run` (terminal, Markdown) and the HTML report show:
 * cost by component, nominal and discounted, beside the workforce, burnout, continuity
 * and benefit figures. Means for WTE, rates and indices; sums for money and counts.
 */
export function yearTableRows(s: ScenarioDocument): YearTableRow[] {
  const years = s.years;
  const m = s.metrics;
  const sum = (f: (y: YearResult) => number): number => years.reduce((acc, y) => acc + f(y), 0);
  const meanFunded = s.months.length > 0 ? s.months.reduce((acc, mo) => acc + mo.funded_wte, 0) / s.months.length : 0;
  const row = (label: string, cell: (y: YearResult) => string, total: string, emphasis = false): YearTableRow => ({
    label,
    emphasis,
    cells: years.map(cell),
    total,
  });
  const money = (f: (y: YearResult) => number) => (y: YearResult) => formatMoney(f(y));
  return [
    ...COST_COMPONENTS.map((k) => row(costLabel(k), money((y) => y.cost[k]), formatMoney(sum((y) => y.cost[k])))),
    row('Total cost (cash)', money((y) => y.cost.total), formatMoney(m.total_cost), true),
    row('Cost (real)', money((y) => y.appraisal.cost_real), formatMoney(m.total_cost_real)),
    row('Cost (PV)', money((y) => y.cost_discounted), formatMoney(m.total_cost_discounted)),
    row('Funded budget', money((y) => y.funded_budget), formatMoney(m.funded_budget)),
    row('Funded WTE (mean)', (y) => formatNumber(y.funded_wte, 2), formatNumber(meanFunded, 2)),
    row('WTE in post (mean)', (y) => formatNumber(y.wte_in_post, 2), formatNumber(m.wte_in_post_mean, 2)),
    row('Vacancy rate', (y) => formatPercent(y.vacancy_rate), formatPercent(m.vacancy_rate)),
    row('Leavers (WTE)', (y) => formatNumber(y.leavers, 2), formatNumber(m.leavers, 2)),
    row('Hires (WTE)', (y) => formatNumber(y.hires, 2), formatNumber(m.hires, 2)),
    row('Burnt out (% of team)', (y) => formatNumber(y.burnout_risk, 1), formatNumber(m.burnout_risk_mean, 1)),
    row('Continuity (0-100)', (y) => formatNumber(y.continuity, 1), formatNumber(m.continuity, 1)),
    row('Episodes', (y) => formatNumber(y.episodes, 0), formatNumber(m.episodes, 0)),
    row('Completed episodes', (y) => formatNumber(y.completed_episodes, 0), formatNumber(m.completed_episodes, 0)),
    row('Benefits (cash)', money((y) => y.benefits.total), formatMoney(m.total_benefit)),
    row('Benefits (PV)', money((y) => y.benefits_discounted), formatMoney(m.total_benefit_discounted - m.benefits_after_horizon_discounted)),
    // The appraisal also credits lagged benefits that fall after the horizon (MODEL §7.3); they have no year column.
    ...(m.benefits_after_horizon_discounted !== 0
      ? [row('After horizon (PV)', () => '', formatMoney(m.benefits_after_horizon_discounted))]
      : []),
    row('Net, cash (benefit - cost)', money((y) => y.net), formatMoney(m.total_benefit - m.total_cost)),
  ];
}
