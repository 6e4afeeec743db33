/** What `run` shows, shared by the table and Markdown formats. */
import type { CostComponent } from '../engine/result.js';
import type { MetricKey } from './metrics.js';

export const runHeadlineMetrics: readonly MetricKey[] = [
  'total_cost',
  'total_cost_discounted',
  'funded_budget',
  'underspend',
  'total_benefit_discounted',
  'npv',
  'bcr',
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

const COST_LABELS: Record<CostComponent, string> = {
  pay: 'Pay (incl. HCAS)',
  employer_ni: 'Employer NI',
  pension: 'Employer pension',
  levy: 'Apprenticeship levy',
  supervision: 'Supervision',
  training: 'Training',
  recruitment: 'Recruitment',
  overheads: 'Overheads',
};

export function costLabel(component: CostComponent): string {
  return COST_LABELS[component];
}
