/**
 * Ranges on inputs, read from the parsed scenario files before the schema sees them: any
 * numeric field may hold a distribution instead of a point,
 *
 *   annual_leaver_rate: { low: 10%, mode: 14%, high: 20% }      # PERT (dist: triangular for a triangle)
 *   months_to_fill: { p10: 2, p90: 6 }                          # normal fitted to two percentiles (dist: lognormal too)
 *   unit_value: { dist: lognormal, mean: 11280, sd: 3000, source: "SNEE ICB 2024" }
 *
 * Each is checked here (with the file, line and column of the offending key or value)
 * and replaced by its central value (distributions.ts, `central`), so the schema, the
 * rules and the engine see an ordinary point scenario: `run` and `compare` use the
 * central values, `simulate` draws around them.
 */
import { didYouMean } from '../source/did-you-mean.js';
import { parsePercent } from '../validate/percent.js';
import type { Diagnostic } from '../source/diagnostics.js';
import type { SchemaInfo } from '../validate/schema-info.js';
import { childPath, formatPath, getAt, isMapping, parsePath, spanDiagnostic, type PathSegment, type SourceFile } from '../source/positions.js';
import type { RangedInput } from '../scenario/ranges.js';
import { central, DISTRIBUTION_KINDS, Z90, type Distribution, type DistributionKind } from './distributions.js';

export type { RangedInput };

const PARAMETER_KEYS = ['low', 'mode', 'high', 'p10', 'p90', 'mean', 'sd', 'alpha', 'beta'] as const;
type ParameterKey = (typeof PARAMETER_KEYS)[number];
export const RANGE_KEYS: readonly string[] = ['dist', ...PARAMETER_KEYS, 'source'];

const EXAMPLE = 'annual_leaver_rate: { low: 10%, mode: 14%, high: 20% }';
const EXPECTED_FORMS =
  'a range: { low, mode, high } (PERT; dist: triangular for a triangle), { dist: uniform, low, high }, { p10, p90 } (normal; dist: lognormal), ' +
  '{ dist: normal, mean, sd }, { dist: lognormal, mean, sd }, or { dist: beta, alpha, beta } (or mean and sd), each with an optional source';

interface FieldInfo {
  min: number;
  max: number;
  exclusiveMin: boolean;
  integer: boolean;
  percent: false | number;
}

/** The field's kind and valid values, or undefined when the schema does not hold a number there. */
export function numericField(info: SchemaInfo, segments: readonly PathSegment[]): FieldInfo | undefined {
  const node = info.at(segments);
  const kind = info.percentKind(node);
  if (kind) return { min: 0, max: kind === 'percent_up_to_200' ? 2 : 1, exclusiveMin: false, integer: false, percent: kind === 'percent_up_to_200' ? 2 : 1 };
  const n = info.resolve(node) as Record<string, unknown> | undefined;
  if (!n) return undefined;
  const types = Array.isArray(n.type) ? (n.type as unknown[]) : [n.type];
  const integer = types.includes('integer');
  if (!integer && !types.includes('number')) return undefined;
  const exclusiveMin = typeof n.exclusiveMinimum === 'number';
  return {
    min: typeof n.minimum === 'number' ? n.minimum : exclusiveMin ? (n.exclusiveMinimum as number) : -Number.MAX_VALUE,
    max: typeof n.maximum === 'number' ? n.maximum : Number.MAX_VALUE,
    exclusiveMin,
    integer,
    percent: false,
  };
}

export interface RangeExtraction {
  /** The files with every range replaced by its central value (new objects; the inputs are not changed). */
  chain: SourceFile[];
  /** Ranges by file, in the chain's order. */
  ranges: RangedInput[][];
  diagnostics: Diagnostic[];
}

export function extractRanges(chain: readonly SourceFile[], info: SchemaInfo): RangeExtraction {
  const diagnostics: Diagnostic[] = [];
  const ranges: RangedInput[][] = [];
  const out = chain.map((source) => {
    const found: RangedInput[] = [];
    ranges.push(found);
    if (!source.ok || !isMapping(source.data)) return source;
    const failed: string[] = [];
    const data = walk(source, info, source.data, [], found, diagnostics, failed);
    if (data === source.data && failed.length === 0) return source;
    // A range reported here is not reported again by the schema ("a mapping, but must be a number").
    return { ...source, data, flagged: failed.length === 0 ? source.flagged : new Set([...source.flagged, ...failed]) };
  });
  return { chain: out, ranges, diagnostics };
}

/** The value with ranges replaced (the same object when nothing below it changed). */
function walk(source: SourceFile, info: SchemaInfo, value: unknown, segments: PathSegment[], found: RangedInput[], diagnostics: Diagnostic[], failed: string[]): unknown {
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((v, i) => {
      const w = walk(source, info, v, [...segments, i], found, diagnostics, failed);
      if (w !== v) changed = true;
      return w;
    });
    return changed ? items : value;
  }
  if (!isMapping(value)) return value;
  if (segments.length > 0) {
    const field = numericField(info, segments);
    if (field) {
      const parsed = parseRange(source, segments, value, field, diagnostics);
      if (parsed === undefined) {
        failed.push(formatPath(segments));
        return value;
      }
      found.push(parsed.input);
      return parsed.centralRaw;
    }
  }
  let changed = false;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) {
    const w = walk(source, info, v, [...segments, k], found, diagnostics, failed);
    if (w !== v) changed = true;
    copy[k] = w;
  }
  return changed ? copy : value;
}

function parseRange(
  source: SourceFile,
  segments: readonly PathSegment[],
  raw: Record<string, unknown>,
  field: FieldInfo,
  diagnostics: Diagnostic[],
): { input: RangedInput; centralRaw: unknown } | undefined {
  const path = formatPath(segments);
  const before = diagnostics.length;
  const at = (key: string | null, draft: { code: Diagnostic['code']; message: string; expected: string; example?: string; did_you_mean?: string }): void => {
    const loc = source.locations.get(key === null ? path : childPath(path, key));
    const span = key === null ? (loc?.key ?? loc?.value) : loc?.value;
    diagnostics.push(spanDiagnostic(source, key !== null && draft.code === 'RANGE_UNKNOWN_KEY' ? (loc?.key ?? span) : span, { ...draft, path: key === null ? path : childPath(path, key) }));
  };
  for (const key of Object.keys(raw)) {
    if (!RANGE_KEYS.includes(key)) {
      const suggestion = didYouMean(key, RANGE_KEYS);
      at(key, {
        code: 'RANGE_UNKNOWN_KEY',
        message: `${path} is given as a range, but "${key}" is not a range field${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
        expected: `range fields: ${RANGE_KEYS.join(', ')}`,
        example: EXAMPLE,
        ...(suggestion ? { did_you_mean: suggestion } : {}),
      });
    }
  }
  const distRaw = raw.dist;
  let dist: DistributionKind | undefined;
  if (distRaw !== undefined) {
    if (typeof distRaw === 'string' && (DISTRIBUTION_KINDS as readonly string[]).includes(distRaw)) dist = distRaw as DistributionKind;
    else {
      const suggestion = typeof distRaw === 'string' ? didYouMean(distRaw, DISTRIBUTION_KINDS) : undefined;
      at('dist', {
        code: 'RANGE_INVALID_VALUE',
        message: `dist "${String(distRaw)}" is not a distribution peerplan draws from`,
        expected: `one of: ${DISTRIBUTION_KINDS.join(', ')}`,
        example: `${String(segments[segments.length - 1])}: { dist: lognormal, mean: 11280, sd: 3000 }`,
        ...(suggestion ? { did_you_mean: suggestion } : {}),
      });
      return undefined;
    }
  }
  // Each parameter in the model's units: fractions for percentages.
  const value: Partial<Record<ParameterKey, number>> = {};
  // A standard deviation is in the field's units like the mean (`sd: 4%` is 4 points on a percentage); only a beta's shapes are plain numbers.
  const shape = (k: ParameterKey): boolean => k === 'alpha' || k === 'beta';
  for (const k of PARAMETER_KEYS) {
    if (raw[k] === undefined) continue;
    const v = raw[k];
    const asField = !shape(k) && field.percent !== false;
    const n = asField ? parsePercent(v, field.percent as number) : typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    if (n === undefined) {
      at(k, {
        code: 'RANGE_INVALID_VALUE',
        message: `${k} of the range for ${path} is ${JSON.stringify(v)}, which is not ${asField ? 'a percentage' : 'a number'}${asField && typeof v === 'number' && v > 1 ? ` (write "${v}%" for a percentage)` : ''}`,
        expected: asField ? `a percentage from 0% to ${(field.percent as number) * 100}% such as "14%", or a fraction such as 0.14` : 'a number',
        example: EXAMPLE,
      });
      continue;
    }
    value[k] = n;
  }
  const sourceText = raw.source;
  if (sourceText !== undefined && typeof sourceText !== 'string') {
    at('source', { code: 'RANGE_INVALID_VALUE', message: `source of the range for ${path} must be text`, expected: 'text naming where the range comes from', example: 'source: "NHS Digital leaver rates, 2019-2024"' });
  }
  if (diagnostics.length > before) return undefined;

  const has = (...keys: ParameterKey[]): boolean => keys.every((k) => value[k] !== undefined);
  const incomplete = (message: string): undefined => {
    at(null, { code: 'RANGE_INCOMPLETE', message: `the range for ${path} ${message}`, expected: EXPECTED_FORMS, example: EXAMPLE });
    return undefined;
  };
  const order = (message: string, key: string | null): undefined => {
    at(key, { code: 'RANGE_ORDER', message: `the range for ${path}: ${message}`, expected: 'low ≤ mode ≤ high with low below high, p10 below p90, and a standard deviation above 0', example: EXAMPLE });
    return undefined;
  };
  let d: Distribution;
  let centralKey: ParameterKey | null = null;
  const kind = dist ?? (has('p10') || has('p90') ? 'normal' : has('low') || has('high') || has('mode') ? (has('mode') ? 'pert' : 'uniform-missing-mode') : 'none');
  if (kind === 'none') return incomplete('gives no parameters');
  if (kind === 'uniform-missing-mode') return incomplete('has low and high but no mode: give the most likely value as mode, or say dist: uniform');
  const unexpected = (allowed: readonly ParameterKey[]): ParameterKey | undefined => PARAMETER_KEYS.find((k) => value[k] !== undefined && !allowed.includes(k));
  switch (kind) {
    case 'pert':
    case 'triangular':
    case 'uniform': {
      const need: ParameterKey[] = kind === 'uniform' ? ['low', 'high'] : ['low', 'mode', 'high'];
      if (!has(...need)) return incomplete(`(${kind}) needs ${need.join(', ')}`);
      const extra = unexpected(need);
      if (extra) return incomplete(`(${kind}) takes ${need.join(', ')}, not ${extra}`);
      const low = value.low!;
      const high = value.high!;
      if (!(low < high)) return order(`low (${low}) must be below high (${high})`, 'low');
      if (kind !== 'uniform') {
        const mode = value.mode!;
        if (mode < low || mode > high) return order(`mode (${mode}) must lie between low (${low}) and high (${high})`, 'mode');
        d = { dist: kind, low, mode, high };
        centralKey = 'mode';
      } else d = { dist: 'uniform', low, high };
      break;
    }
    case 'normal':
    case 'lognormal': {
      if (has('p10') || has('p90')) {
        if (!has('p10', 'p90')) return incomplete('needs both p10 and p90');
        const extra = unexpected(['p10', 'p90']);
        if (extra) return incomplete(`given by p10 and p90 takes no ${extra}`);
        const p10 = value.p10!;
        const p90 = value.p90!;
        if (!(p10 < p90)) return order(`p10 (${p10}) must be below p90 (${p90})`, 'p10');
        if (kind === 'normal') d = { dist: 'normal', mean: (p10 + p90) / 2, sd: (p90 - p10) / (2 * Z90) };
        else {
          if (!(p10 > 0)) return order(`a lognormal range needs p10 above 0 (got ${p10})`, 'p10');
          d = { dist: 'lognormal', meanlog: (Math.log(p10) + Math.log(p90)) / 2, sdlog: (Math.log(p90) - Math.log(p10)) / (2 * Z90) };
        }
      } else {
        if (!has('mean', 'sd')) return incomplete(`(${kind}) needs mean and sd, or p10 and p90`);
        const extra = unexpected(['mean', 'sd']);
        if (extra) return incomplete(`(${kind}) takes mean and sd, not ${extra}`);
        const mean = value.mean!;
        const sd = value.sd!;
        if (!(sd > 0)) return order(`sd must be above 0 (got ${sd})`, 'sd');
        // Its variance must be a number: sd 1e308 made every draw an edge of the valid values and was shown as "sd Infinity%" (issue #24, N12).
        if (!Number.isFinite(sd * sd * 1e4)) return order(`sd ${sd} is too large to draw from`, 'sd');
        if (kind === 'normal') {
          d = { dist: 'normal', mean, sd };
          centralKey = 'mean';
        } else {
          if (!(mean > 0)) return order(`a lognormal needs a mean above 0 (got ${mean})`, 'mean');
          const s2 = Math.log(1 + (sd * sd) / (mean * mean));
          d = { dist: 'lognormal', meanlog: Math.log(mean) - s2 / 2, sdlog: Math.sqrt(s2) };
        }
      }
      break;
    }
    case 'beta': {
      if (has('alpha', 'beta')) {
        const extra = unexpected(['alpha', 'beta']);
        if (extra) return incomplete(`(beta) takes alpha and beta, or mean and sd, not both`);
        if (!(value.alpha! > 0) || !(value.beta! > 0)) return order('alpha and beta must be above 0', 'alpha');
        d = { dist: 'beta', alpha: value.alpha!, beta: value.beta! };
      } else if (has('mean', 'sd')) {
        const extra = unexpected(['mean', 'sd']);
        if (extra) return incomplete(`(beta) takes mean and sd, or alpha and beta, not ${extra}`);
        const m = value.mean!;
        const v = value.sd! * value.sd!;
        if (!(m > 0 && m < 1)) return order(`a beta needs a mean between 0 and 1 (got ${m})`, 'mean');
        if (!(v > 0 && v < m * (1 - m))) return order(`a beta with mean ${m} needs sd above 0 and below ${Math.sqrt(m * (1 - m)).toPrecision(3)}`, 'sd');
        const k = (m * (1 - m)) / v - 1;
        d = { dist: 'beta', alpha: m * k, beta: (1 - m) * k };
      } else return incomplete('(beta) needs alpha and beta, or mean and sd');
      if (field.max < 1 || field.min > 0) return order('a beta draws from 0 to 1, wider than this field allows', null);
      break;
    }
  }
  // A three-point range or a uniform must lie within the field's valid values.
  for (const k of ['low', 'mode', 'high', 'mean'] as const) {
    const v = value[k];
    if (v === undefined) continue;
    if (v < field.min || v > field.max || (field.exclusiveMin && v <= field.min)) {
      at(k, {
        code: 'RANGE_OUT_OF_BOUNDS',
        message: `${k} of the range for ${path} is ${v}, outside the field's valid values (${field.exclusiveMin ? 'more than' : 'from'} ${field.min}${field.max < Number.MAX_VALUE ? ` to ${field.max}` : ''})`,
        expected: 'every value of the range within the field\'s own valid values (docs/SCENARIO.md)',
        example: EXAMPLE,
      });
      return undefined;
    }
  }
  const c = central(d);
  const centralRaw = centralKey !== null ? raw[centralKey] : field.percent !== false ? `${Number((c * 100).toPrecision(12))}%` : field.integer ? Math.round(c) : c;
  const loc = source.locations.get(path);
  return {
    input: {
      path,
      distribution: d,
      source: typeof sourceText === 'string' ? sourceText : null,
      file: source.file,
      line: loc?.value.line ?? 1,
      column: loc?.value.column ?? 1,
      min: field.exclusiveMin ? field.min + (field.integer ? 1 : 1e-9) : field.min,
      max: field.max,
      integer: field.integer,
      percent: field.percent !== false,
    },
    centralRaw,
  };
}

/**
 * The ranges that hold in the merged scenario of the files: a range in a parent is dropped
 * where a file nearer the child gives the field, or replaces a list above it. Sorted by path.
 */
export function effectiveRanges(chainData: readonly unknown[], ranges: readonly (readonly RangedInput[])[]): RangedInput[] {
  const out: RangedInput[] = [];
  const seen = new Set<string>();
  ranges.forEach((list, i) => {
    for (const r of list) {
      if (seen.has(r.path)) continue;
      const segs = parsePath(r.path);
      const shadowed = chainData.slice(0, i).some((data) => {
        if (getAt(data, segs) !== undefined) return true;
        for (let n = segs.length - 1; n > 0; n--) if (Array.isArray(getAt(data, segs.slice(0, n)))) return true;
        return false;
      });
      if (shadowed) continue;
      seen.add(r.path);
      out.push(r);
    }
  });
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The ranges left once --set gives these paths (a new list): a range at, under or above an overridden path no longer holds. */
export function rangesAfterOverrides(ranges: readonly RangedInput[], overridden: readonly string[]): RangedInput[] {
  if (overridden.length === 0) return [...ranges];
  const over = (path: string): boolean => overridden.some((o) => o === path || path.startsWith(`${o}.`) || path.startsWith(`${o}[`) || o.startsWith(`${path}.`));
  return ranges.filter((r) => !over(r.path));
}
