/**
 * `--vary` specifications for sweeps: `PATH=FROM..TO[:STEP]` (inclusive, STEP
 * defaults to 1 in the unit written: 1 WTE, 1%, 1 month, £1) or `PATH=v1,v2,v3`.
 * Values stay text ("15%", "4") so they are parsed and validated by the field's
 * own rules, exactly as `--set PATH=VALUE` and file input are.
 */

export interface Axis {
  path: string;
  values: string[];
  /** The specification as given, for messages. */
  spec: string;
}

export class VarySpecError extends Error {}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)(%?)$/;

function parseNumber(text: string, spec: string): { value: number; percent: boolean; decimals: number } {
  const m = NUMBER.exec(text.trim());
  if (!m) throw new VarySpecError(`--vary ${spec}: "${text}" is not a number (e.g. 4, 2.5 or 15%)`);
  const body = text.trim().replace('%', '');
  const decimals = body.includes('.') ? (body.split('.')[1] ?? '').length : 0;
  return { value: Number(body), percent: m[3] === '%', decimals };
}

function trimNumber(value: number, decimals: number): string {
  return value.toFixed(decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

export function parseAxis(spec: string): Axis {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) {
    throw new VarySpecError(`--vary "${spec}": expected PATH=FROM..TO[:STEP] or PATH=v1,v2,... (e.g. turnover.annual_leaver_rate=10%..30%:5%)`);
  }
  const path = spec.slice(0, eq).trim();
  const body = spec.slice(eq + 1).trim();
  const range = /^([^:,]+?)\.\.([^:,]+?)(?::([^:,]+))?$/.exec(body);
  if (!range) {
    const values = body.split(',').map((v) => v.trim());
    if (values.some((v) => v === '')) throw new VarySpecError(`--vary ${spec}: empty value in the list`);
    return { path, values, spec };
  }
  const from = parseNumber(range[1] as string, spec);
  const to = parseNumber(range[2] as string, spec);
  const step = range[3] === undefined ? { value: 1, percent: from.percent, decimals: 0 } : parseNumber(range[3], spec);
  if (from.percent !== to.percent || from.percent !== step.percent) {
    throw new VarySpecError(`--vary ${spec}: write FROM, TO and STEP in the same unit (all with % or none)`);
  }
  if (!(step.value > 0)) throw new VarySpecError(`--vary ${spec}: STEP must be positive`);
  if (to.value < from.value) throw new VarySpecError(`--vary ${spec}: FROM must not exceed TO`);
  const decimals = Math.max(from.decimals, to.decimals, step.decimals);
  // Count steps in integers of the smallest written unit, so 0.1 steps do not drift.
  const scale = 10 ** decimals;
  const a = Math.round(from.value * scale);
  const b = Math.round(to.value * scale);
  const s = Math.round(step.value * scale);
  const count = Math.floor((b - a) / s) + 1;
  if (count > 1_000_000) throw new VarySpecError(`--vary ${spec}: ${count} values on one axis is too many; use a larger STEP`);
  const unit = from.percent ? '%' : '';
  const values = Array.from({ length: count }, (_, i) => `${trimNumber((a + i * s) / scale, decimals)}${unit}`);
  return { path, values, spec };
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
