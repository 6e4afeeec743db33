/**
 * `--vary` specifications for sweeps: `PATH=FROM..TO[:STEP]` (inclusive, STEP
 * defaults to 1 in the unit written: 1 WTE, 1%, 1 month, £1) or `PATH=v1,v2,v3`.
 * Values stay text ("15%", "4") so they are parsed and validated by the field's
 * own rules, exactly as `--set PATH=VALUE` and file input are.
 */

/**
 * A --vary spec as messages show it: a long list of values (thousands, from a script)
 * is cut to its start, with the count, so one bad value does not print the whole list
 * back (issue #24, E9).
 */
export function briefSpec(spec: string): string {
  if (spec.length <= 120) return spec;
  const values = spec.split(',').length;
  return `${spec.slice(0, 100)}… (${values} values)`;
}

export interface Axis {
  path: string;
  values: string[];
  /** The specification as given, for messages. */
  spec: string;
}

export class VarySpecError extends Error {}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)(%?)$/;
/** Most decimal places in a FROM, TO or STEP: more cannot be counted exactly in a double. */
export const MAX_DECIMALS = 10;

function parseNumber(text: string, spec: string): { value: number; percent: boolean; decimals: number } {
  const m = NUMBER.exec(text.trim());
  if (!m) throw new VarySpecError(`--vary ${briefSpec(spec)}: "${text}" is not a number (e.g. 4, 2.5 or 15%)`);
  const body = text.trim().replace('%', '');
  const decimals = body.includes('.') ? (body.split('.')[1] ?? '').length : 0;
  if (decimals > MAX_DECIMALS) {
    throw new VarySpecError(`--vary ${briefSpec(spec)}: "${text.trim().slice(0, 40)}${text.trim().length > 40 ? '…' : ''}" has ${decimals} decimal places; peerplan steps through at most ${MAX_DECIMALS}`);
  }
  return { value: Number(body), percent: m[3] === '%', decimals };
}

function trimNumber(value: number, decimals: number): string {
  return value.toFixed(decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** An axis before its values are listed: how many there are, and the i-th. */
interface AxisPlan {
  path: string;
  spec: string;
  count: number;
  value(i: number): string;
}

function planAxis(spec: string): AxisPlan {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) {
    throw new VarySpecError(`--vary "${spec}": expected PATH=FROM..TO[:STEP] or PATH=v1,v2,... (e.g. turnover.annual_leaver_rate=10%..30%:5%)`);
  }
  const path = spec.slice(0, eq).trim();
  const body = spec.slice(eq + 1).trim();
  const range = /^([^:,]+?)\.\.([^:,]+?)(?::([^:,]+))?$/.exec(body);
  if (!range) {
    const values = body.split(',').map((v) => v.trim());
    if (values.some((v) => v === '')) throw new VarySpecError(`--vary ${briefSpec(spec)}: empty value in the list`);
    return { path, spec, count: values.length, value: (i) => values[i]! };
  }
  const from = parseNumber(range[1] as string, spec);
  const to = parseNumber(range[2] as string, spec);
  const step = range[3] === undefined ? { value: 1, percent: from.percent, decimals: 0 } : parseNumber(range[3], spec);
  if (from.percent !== to.percent || from.percent !== step.percent) {
    throw new VarySpecError(`--vary ${briefSpec(spec)}: write FROM, TO and STEP in the same unit (all with % or none)`);
  }
  if (!(step.value > 0)) throw new VarySpecError(`--vary ${briefSpec(spec)}: STEP must be positive`);
  if (to.value < from.value) throw new VarySpecError(`--vary ${briefSpec(spec)}: FROM must not exceed TO`);
  const decimals = Math.max(from.decimals, to.decimals, step.decimals);
  // Count steps in integers of the smallest written unit, so 0.1 steps do not drift.
  const scale = 10 ** decimals;
  const a = Math.round(from.value * scale);
  const b = Math.round(to.value * scale);
  const s = Math.round(step.value * scale);
  if (![a, b, s].every(Number.isSafeInteger) || s === 0) {
    throw new VarySpecError(`--vary ${briefSpec(spec)}: FROM, TO and STEP must be numbers that can be stepped through exactly (at most 15 significant digits, and a STEP of at least one unit of the last decimal place written)`);
  }
  const count = Math.floor((b - a) / s) + 1;
  if (count > 1_000_000) throw new VarySpecError(`--vary ${briefSpec(spec)}: ${count} values on one axis is too many; use a larger STEP`);
  const unit = from.percent ? '%' : '';
  return { path, spec, count, value: (i) => `${trimNumber((a + i * s) / scale, decimals)}${unit}` };
}

const expand = (plan: AxisPlan): Axis => ({ path: plan.path, values: Array.from({ length: plan.count }, (_, i) => plan.value(i)), spec: plan.spec });

export function parseAxis(spec: string): Axis {
  return expand(planAxis(spec));
}

/**
 * Every axis of a sweep, refused from the axes' sizes before any value is listed when
 * the grid would exceed `maxRuns` (eight axes of a million values each were listed,
 * 368 MB of them, before the refusal).
 */
export function parseAxes(specs: readonly string[], maxRuns: number): Axis[] {
  const plans = specs.map(planAxis);
  const runs = plans.reduce((n, p) => n * p.count, 1);
  if (runs > maxRuns) {
    const shown = runs > Number.MAX_SAFE_INTEGER ? `about ${runs.toExponential(1).replace('e+', ' × 10^')}` : String(runs);
    throw new VarySpecError(`the grid has ${shown} combinations, more than --max-runs ${maxRuns}; use larger steps or raise --max-runs`);
  }
  return plans.map(expand);
}

/** Number of runs in the cartesian product of the axes. */
export function gridSize(axes: readonly Axis[]): number {
  return axes.reduce((n, axis) => n * axis.values.length, 1);
}

/**
 * The combination at position `index` of the grid (last axis fastest), so a sweep
 * can stream rows without ever holding the grid in memory.
 */
export function combinationAt(axes: readonly Axis[], index: number): string[] {
  const out = new Array<string>(axes.length);
  let rest = index;
  for (let k = axes.length - 1; k >= 0; k--) {
    const values = (axes[k] as Axis).values;
    out[k] = values[rest % values.length] as string;
    rest = Math.floor(rest / values.length);
  }
  return out;
}
