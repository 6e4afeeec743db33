/**
 * The memory a probabilistic analysis holds (src/app/simulate.ts), worked out before it
 * starts, so that one too large for the machine is refused with the estimate rather than
 * running for minutes and dying out of memory (issue 24, N7: `report --draws` at 30 years
 * held about 2 GB per 100,000 draws; the million allowed would need about 19 GB).
 *
 * Per draw: each input column's value and uniform (2 × 8 bytes), each option's simulated
 * metrics and the three effects behind its cost-effectiveness (8 bytes each), and for the
 * fan chart each option's cumulative net cost in every month (8 bytes a month).
 */
import { SIMULATED_METRICS } from './simulation.js';

/** What the draws may hold: about 1 GiB, which with the process itself stays under 1.5 GB. */
export const SIMULATION_MEMORY_BUDGET = 1024 ** 3;

export interface SimulationShape {
  /** Ranged inputs (columns of draws; an upper bound: options share the columns of equal ranges). */
  inputs: number;
  /** Each option's months (a fan chart keeps every one). */
  months: readonly number[];
  /** Whether each draw's months are kept for the fan chart (the HTML report). */
  fan: boolean;
}

/** Bytes held per draw. */
export function bytesPerDraw(shape: SimulationShape): number {
  const perOption = (SIMULATED_METRICS.length + 3) * 8;
  const fan = shape.fan ? shape.months.reduce((s, m) => s + m * 8, 0) : 0;
  return shape.inputs * 16 + shape.months.length * perOption + fan;
}

/** Why `draws` draws cannot be held, with the estimate and the most that fit, or null. */
export function simulationRefusal(draws: number, shape: SimulationShape): string | null {
  const per = bytesPerDraw(shape);
  const bytes = draws * per;
  if (bytes <= SIMULATION_MEMORY_BUDGET) return null;
  const gb = (x: number): string => (x / 1024 ** 3).toFixed(1);
  const fits = Math.max(2, Math.floor(SIMULATION_MEMORY_BUDGET / per / 1000) * 1000);
  const longest = Math.max(0, ...shape.months);
  return (
    `--draws ${draws.toLocaleString('en-GB')} would hold about ${gb(bytes)} GB of draws in memory ` +
    `(${shape.months.length} option${shape.months.length === 1 ? '' : 's'} of up to ${longest} months` +
    `${shape.fan ? ', each draw\u2019s cost by month kept for the fan chart' : ''}), more than the ${gb(SIMULATION_MEMORY_BUDGET)} GB allowed: ` +
    `use at most --draws ${fits.toLocaleString('en-GB')}, fewer options or a shorter --years`
  );
}
