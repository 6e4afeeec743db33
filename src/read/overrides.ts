/**
 * `--set PATH=VALUE` overrides. They become one more layer on top of the scenario's
 * `extends` chain, written as YAML and read by the same reader, so a value given on
 * the command line is parsed and validated exactly like one in a file (same codes,
 * same did-you-mean). Origins of overridden values record the command line.
 */
import { basename, resolve as resolvePath } from 'node:path';
import { parse, stringify } from 'yaml';
import type { Origin, OriginMap } from '../scenario/origin.js';
import { DIAGNOSTIC_CODES, type Diagnostic } from '../source/diagnostics.js';
import { didYouMean } from '../source/did-you-mean.js';
import type { SchemaInfo } from '../validate/schema-info.js';
import { parseScenarioYaml, toSourceFile } from './parse-yaml.js';
import { ancestors, childPath, FORBIDDEN_KEYS, formatPath, getAt, isMapping, parsePath, type NodeLocation, type PathSegment, type SourceFile } from '../source/positions.js';

/** The name the override layer goes by while it is validated. */
export const SET_LAYER = '--set';

export interface Override {
  /**
   * `--set FILE:PATH=VALUE`: the one scenario file it applies to, as written before the
   * colon (the file as given, or its name without .yaml); absent, it applies to every file.
   */
  target?: string;
  path: string;
  /** The value as written after `=`. */
  text: string;
  /** The whole expression, `PATH=VALUE`, for messages and origins. */
  expression: string;
}

export class OverrideSyntaxError extends Error {}

const NOT_SETTABLE = new Set(['peerplan', 'extends']);

export function parseOverride(expression: string): Override {
  const eq = expression.indexOf('=');
  const head = eq > 0 ? expression.slice(0, eq) : '';
  // FILE:PATH=VALUE sets one option's value; a path has no colon, so the last one ends the file.
  const colon = head.lastIndexOf(':');
  const target = colon >= 0 ? head.slice(0, colon).trim() : undefined;
  const path = (colon >= 0 ? head.slice(colon + 1) : head).trim();
  if (eq <= 0 || target === '' || !/^[A-Za-z_][\w]*(\[\d+\])*(\.[A-Za-z_][\w]*(\[\d+\])*)*$/.test(path)) {
    throw new OverrideSyntaxError(
      `--set "${expression}": expected PATH=VALUE with a dotted field path, or FILE:PATH=VALUE for one file only, e.g. --set turnover.annual_leaver_rate=25%, --set benefits[0].attribution=50% or --set band4-permanent:supervision.workers_per_supervisor=8`,
    );
  }
  if (NOT_SETTABLE.has(path)) throw new OverrideSyntaxError(`--set "${expression}": ${path} cannot be set from the command line`);
  return { ...(target === undefined ? {} : { target }), path, text: expression.slice(eq + 1).trim(), expression };
}

/** The names `FILE:` may give a scenario file by: as given, the same path, its base name with or without .yaml; `-` also as stdin. */
function targets(o: Override, file: string, cwd: string): boolean {
  const t = o.target;
  if (t === undefined) return true;
  if (file === '-') return t === '-' || t === 'stdin' || t === '<stdin>';
  const name = basename(file);
  return t === file || t === name || t === name.replace(/\.ya?ml$/i, '') || resolvePath(cwd, t) === resolvePath(cwd, file);
}

/** The overrides that apply to `file` (read from `cwd`): every untargeted one, and those naming it. */
export function overridesFor(overrides: readonly Override[], file: string, cwd: string): Override[] {
  return overrides.filter((o) => targets(o, file, cwd));
}

/**
 * A refusal for a `FILE:` override that names none of the files, or undefined. A target
 * is checked against the files the command reads, so a typo never sets nothing quietly.
 */
export function unmatchedTarget(overrides: readonly Override[], files: readonly string[], cwd: string): string | undefined {
  const lost = overrides.find((o) => o.target !== undefined && !files.some((f) => targets(o, f, cwd)));
  if (lost === undefined) return undefined;
  const names = files.map((f) => (f === '-' ? 'stdin' : basename(f).replace(/\.ya?ml$/i, '')));
  const guess = didYouMean(lost.target!, names);
  return (
    `--set "${lost.expression}": ${lost.target} is none of the scenario files given (${names.join(', ')})` +
    `${guess ? `; did you mean "${guess}:${lost.path}=${lost.text}"?` : ''}; FILE: names a file as given or by its name without .yaml`
  );
}

const PLAIN_DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;
const PLAIN_PERCENT = /^\d+(\.\d+)?%$/;

/** A command-line value read as YAML would read it: 25% stays text, 4 is a number, true a boolean. */
function valueOf(text: string): unknown {
  if (text === '') return null;
  // What sweeps vary, read as YAML reads it without the YAML library: an unsigned decimal
  // is that number, and one followed by % is text.
  if (PLAIN_DECIMAL.test(text)) return Number(text);
  if (PLAIN_PERCENT.test(text)) return text;
  try {
    return parse(text, { maxAliasCount: 0 });
  } catch {
    return text;
  }
}

function nullObject(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (isMapping(value)) {
    const out = nullObject();
    for (const [k, v] of Object.entries(value)) out[k] = clone(v);
    return out;
  }
  return value;
}

/**
 * The override layer as a parsed source file, with the problems reading it found (e.g.
 * `.inf`). A path into a list (`benefits[0].x`) carries the whole list, copied from the
 * chain, because lists replace when merged.
 */
export function overrideLayer(
  overrides: readonly Override[],
  /** The scenario's files merged (mergeChain), read and never changed. */
  below: Record<string, unknown>,
  fileName: string,
): { layer: SourceFile; diagnostics: Diagnostic[] } {
  const layer = nullObject();
  layer.peerplan = 1;
  // The layer sits above the file, so the file's own name and description must pass through it.
  layer.name = below.name ?? fileName;
  if (below.description !== undefined) layer.description = below.description;
  for (const o of overrides) {
    const segments = parsePath(o.path);
    let node: Record<string, unknown> | unknown[] = layer;
    segments.forEach((seg, i) => {
      const last = i === segments.length - 1;
      const next = segments[i + 1];
      if (last) {
        (node as Record<string, unknown>)[seg as string] = valueOf(o.text);
        return;
      }
      const holder = node as Record<string | number, unknown>;
      let child = holder[seg];
      if (child === undefined || child === null || typeof child !== 'object') {
        const prefix = segments.slice(0, i + 1);
        const existing = typeof next === 'number' ? getAt(below, prefix) : undefined;
        child = Array.isArray(existing) ? clone(existing) : typeof next === 'number' ? [] : nullObject();
        holder[seg] = child;
      }
      if (Array.isArray(child) && typeof next === 'number' && child[next] === undefined) child[next] = nullObject();
      node = child as Record<string, unknown> | unknown[];
    });
  }
  const plain = plainLocations(layer);
  if (plain !== undefined) return { layer: { file: SET_LAYER, absPath: SET_LAYER, text: '', lineStarts: [0], data: layer, locations: plain, flagged: new Set(), ok: true }, diagnostics: [] };
  const text = stringify(layer);
  const parsed = parseScenarioYaml(text, SET_LAYER);
  return { layer: toSourceFile(SET_LAYER, SET_LAYER, text, parsed), diagnostics: parsed.diagnostics };
}

/** Deepest layer taken without writing it as YAML (the reader refuses far deeper nesting, MAX_DEPTH). */
const PLAIN_DEPTH = 16;
const NOWHERE = { line: 0, column: 0, endLine: 0, endColumn: 0 };

/**
 * A layer that writing as YAML and reading back would return unchanged, with nothing for
 * the reader to report: mappings with ordinary keys, lists, text, finite numbers, true,
 * false and null. Its values are located nowhere (every diagnostic about the layer is
 * moved to the command line, relocateDiagnostics), at every path the reader would
 * locate, so rules point at the layer as before. Anything else (`.inf`, `__proto__`) is
 * undefined: the layer then goes through the reader for its diagnostics. A sweep builds
 * a layer per varied value, and this spares each a YAML round trip.
 */
function plainLocations(layer: unknown): Map<string, NodeLocation> | undefined {
  const locations = new Map<string, NodeLocation>([['', { value: NOWHERE }]]);
  const visit = (value: unknown, path: string, depth: number): boolean => {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
    if (typeof value === 'number') return Number.isFinite(value);
    if (depth > PLAIN_DEPTH || typeof value !== 'object') return false;
    if (Array.isArray(value)) {
      return value.every((item, i) => {
        const at = childPath(path, i);
        locations.set(at, { value: NOWHERE });
        return item !== undefined && visit(item, at, depth + 1);
      });
    }
    if (Object.getPrototypeOf(value) !== null) return false;
    return Object.entries(value).every(([key, item]) => {
      if (FORBIDDEN_KEYS.has(key) || key === '<<') return false;
      const at = childPath(path, key);
      locations.set(at, { key: NOWHERE, value: NOWHERE });
      return visit(item, at, depth + 1);
    });
  };
  return visit(layer, '', 0) ? locations : undefined;
}

/**
 * An override whose path leads nowhere: a field the format does not have, a list index
 * beyond the list's schema maximum, or past the end of the list as the files give it
 * (one past the end adds an item). Checked before the layer is built, so an index such
 * as 4294967295 is refused rather than silently dropped, and 1000000 allocates nothing.
 */
export function overridePathProblem(o: Override, below: unknown, info: SchemaInfo, shown?: string): Diagnostic | undefined {
  const segments = parsePath(o.path);
  const problem = (message: string, expected: string, fix?: readonly PathSegment[]): Diagnostic => {
    const d: Diagnostic = {
      code: 'SET_PATH_NOT_FOUND',
      severity: DIAGNOSTIC_CODES.SET_PATH_NOT_FOUND.severity,
      file: `--set ${o.expression}${shown === undefined ? '' : ` on ${shown}`}`,
      line: 0,
      column: 0,
      path: o.path,
      message,
      expected,
      example: '--set turnover.annual_leaver_rate=25%',
    };
    if (fix !== undefined) d.did_you_mean = formatPath(fix);
    return d;
  };
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const prefix = segments.slice(0, i);
    const where = formatPath(prefix);
    const node = info.resolve(info.at(prefix));
    if (typeof seg === 'string') {
      const known = info.knownKeys(prefix);
      if (known.includes(seg)) continue;
      if (known.length === 0) {
        return problem(`${where} is a single value, so it has no field ${seg}`, `a path that ends at ${where}`, prefix);
      }
      const guess = didYouMean(seg, known);
      return problem(
        `${where || 'a scenario'} has no field ${seg}`,
        `one of the fields of ${where || 'a scenario'}: ${known.join(', ')}`,
        guess === undefined ? undefined : [...prefix, guess, ...segments.slice(i + 1)],
      );
    }
    if (!node?.items && !node?.anyOf?.some((b) => info.resolve(b)?.items)) {
      return problem(`${where} is not a list, so it has no item [${seg}]`, `a path without [${seg}] after ${where}`);
    }
    const max = node.maxItems;
    const list = getAt(below, prefix);
    const length = Array.isArray(list) ? list.length : 0;
    const lastItem = (n: number): PathSegment[] => [...prefix, n, ...segments.slice(i + 1)];
    if (max !== undefined && seg >= max) {
      return problem(`${where}[${seg}] is beyond the ${max} items ${where} may hold`, `an index from 0 to ${Math.min(max - 1, length)}`, length > 0 ? lastItem(length - 1) : lastItem(0));
    }
    if (seg > length) {
      const has = length === 0 ? `${where} has no items` : `${where} has ${length} item${length === 1 ? '' : 's'} (${where}[0]${length > 1 ? ` to ${where}[${length - 1}]` : ''})`;
      return problem(`${has}; [${seg}] is past its end`, `an index from 0 to ${length} (${length} adds an item)`, length > 0 ? lastItem(length - 1) : lastItem(0));
    }
  }
  return undefined;
}

/** The override that set `path` (or a field above or below it). */
function overrideFor(overrides: readonly Override[], path: string): Override | undefined {
  const exact = overrides.find((o) => o.path === path);
  if (exact) return exact;
  const above = ancestors(path);
  return overrides.find((o) => above.includes(o.path) || ancestors(o.path).includes(path));
}

/** Whether a diagnostic was relocated to this override (relocateDiagnostics, overridePathProblem). */
export function fromOverride(d: Diagnostic, o: Override): boolean {
  const at = `--set ${o.expression}`;
  return d.file === at || d.file.startsWith(`${at} on `);
}

/**
 * Diagnostics from the layer point at the command line, not at generated YAML, and name
 * the scenario file it was applied to (`shown`): a --set one option refuses names that option.
 */
export function relocateDiagnostics(diagnostics: readonly Diagnostic[], overrides: readonly Override[], shown?: string): Diagnostic[] {
  const on = shown === undefined ? '' : ` on ${shown}`;
  return diagnostics.map((d) => {
    if (d.file !== SET_LAYER) return d;
    const o = overrideFor(overrides, d.path);
    const { frame: _frame, ...rest } = d;
    return { ...rest, file: o ? `--set ${o.expression}${on}` : `the command line${on}`, line: 0, column: 0 };
  });
}

/**
 * Origins after overriding: a value the command line set records it; a value the
 * layer only carried through (a list's other items, the name) keeps its origin from
 * the files.
 */
export function overrideOrigins(withLayer: OriginMap, without: OriginMap, overrides: readonly Override[]): OriginMap {
  const out: OriginMap = {};
  for (const [path, origin] of Object.entries(withLayer)) {
    if (origin.kind !== 'file' || origin.file !== SET_LAYER) {
      // Under the layer every file sits one level down, so the chain would call even the
      // scenario's own file inherited: its origin without the layer is the true one.
      const plain = without[path];
      out[path] = origin.kind === 'file' && plain?.kind === 'file' && plain.file === origin.file ? plain : origin;
      continue;
    }
    const o = overrides.find((x) => x.path === path || ancestors(path).includes(x.path));
    const set: Origin | undefined = o ? { kind: 'set', expression: `--set ${o.expression}` } : without[path];
    out[path] = set ?? origin;
  }
  return out;
}
