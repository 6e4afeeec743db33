/**
 * The workbook's Uncertainty sheet (`report --draws N --out book.xlsx`): per option and
 * metric the mean, Monte Carlo standard error and percentiles; the probability each
 * option is best; EVPI and EVPPI. xlsx.ts calls `uncertaintySheet` and nothing else here.
 */
import type { Workbook } from 'exceljs';
import type { SimulationResult } from '../app/simulate.js';
import { SIMULATED_METRICS } from '../app/simulate.js';
import { xmlText } from './safe-text.js';

export const UNCERTAINTY_SHEET = 'Uncertainty';

export function uncertaintySheet(wb: Workbook, sim: SimulationResult): void {
  const ws = wb.addWorksheet(UNCERTAINTY_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  ws.addRow([`Probabilistic analysis: ${sim.draws} draws, seed ${sim.seed}, ${sim.sampling === 'lhs' ? 'Latin hypercube' : 'simple random'} sampling`]).font = { bold: true };
  ws.addRow(['Option', 'Metric', 'Central', 'Mean', 'MCSE', 'P5', 'P10', 'P50', 'P90', 'P95']).font = { bold: true };
  for (const o of sim.options) {
    for (const key of SIMULATED_METRICS) {
      const s = o.metrics[key];
      const num = (v: number | null): number | null => (v === null || Number.isNaN(v) ? null : v);
      ws.addRow([xmlText(o.name), key, num(o.deterministic[key]), num(s.mean), num(s.mcse), num(s.p5), num(s.p10), num(s.p50), num(s.p90), num(s.p95)]);
    }
  }
  ws.addRow([]);
  ws.addRow(['Option', 'Probability best (NPV)', 'Probability NPV > 0']).font = { bold: true };
  for (const o of sim.options) ws.addRow([xmlText(o.name), o.probability_best, o.probability_npv_positive]);
  ws.addRow([]);
  const v = sim.value_of_information;
  ws.addRow(['Value of information (NPV)', 'Per decision (£)', 'Population (£)', 'Standard error (£)', 'Note']).font = { bold: true };
  ws.addRow(['EVPI: all inputs', v.evpi_per_decision, v.population.evpi]);
  for (const e of v.evppi) ws.addRow([`EVPPI: ${xmlText(e.name)}`, e.per_decision, e.population, e.se, e.below_noise_floor ? 'below noise floor' : '']);
  ws.addRow(['Noise floor (largest EVPPI of independent dummy inputs)', v.noise_floor]);
  for (const w of [...sim.warnings, ...v.warnings]) ws.addRow([`Warning: ${xmlText(w)}`]);
  ws.getColumn(1).width = 48;
  ws.getColumn(2).width = 28;
  for (let c = 3; c <= 10; c++) ws.getColumn(c).width = 14;
}
