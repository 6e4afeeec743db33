/** The label of each cost component, wherever one is named (tables, workbook, explain). */
import type { CostComponent } from '../engine/result.js';

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
