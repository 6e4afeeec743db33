/**
 * A scenario file as read and parsed: its text, its data (null-prototype objects, so no
 * key can reach Object.prototype) and where each value sits in the text, by dot path.
 */
import {
  codeFrame,
  DIAGNOSTIC_CODES,
  type Diagnostic,
  type DiagnosticCode,
} from './diagnostics.js';

/** A 1-based position range in the text. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Where a value is: its key (for mapping entries) and the value itself. */
export interface NodeLocation {
  key?: Span;
  value: Span;
}

export interface SourceFile {
  /** The path as shown to the user (as given, or reached through `extends`). */
  file: string;
  /** Absolute path. */
  absPath: string;
  text: string;
  /** Start offset of each line. */
  lineStarts: number[];
  /** The parsed data: null-prototype objects, arrays and scalars (nulls kept). */
  data: unknown;
  /** Location of every value by dot path ('' is the document itself). */
  locations: Map<string, NodeLocation>;
  /** Paths whose value already has a parse-level diagnostic (e.g. `.inf`); later stages skip them. */
  flagged: Set<string>;
  /** False when the file could not be parsed cleanly (YAML errors); later stages then skip it. */
  ok: boolean;
}

export type PathSegment = string | number;

/** `['benefits', 0, 'quantity']` → `benefits[0].quantity`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) out = childPath(out, s);
  return out;
}

export function childPath(parent: string, segment: PathSegment): string {
  if (typeof segment === 'number') return `${parent}[${segment}]`;
  // A key holding a dot or a bracket ("contract.type") is written quoted, workforce["contract.type"],
  // so its path cannot be taken for a nested one (workforce.contract.type) and its position is
  // its own (issue #24 E11).
  if (/[.[\]"]/.test(segment)) return `${parent}[${JSON.stringify(segment)}]`;
  return parent === '' ? segment : `${parent}.${segment}`;
}

/** parsePath for a path holding quoted keys (`a["b.c"][0].d`). */
function parseQuotedPath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i]!;
    if (c === '.') {
      i++;
    } else if (c === '[' && path[i + 1] === '"') {
      let j = i + 2;
      while (j < path.length && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
      const quoted = path.slice(i + 1, j + 1);
      try {
        out.push(JSON.parse(quoted) as string);
      } catch {
        out.push(quoted);
      }
      i = path[j + 1] === ']' ? j + 2 : j + 1;
    } else if (c === '[') {
      const end = path.indexOf(']', i);
      const inner = path.slice(i + 1, end < 0 ? path.length : end);
      out.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = end < 0 ? path.length : end + 1;
    } else {
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      out.push(path.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** `benefits[0].quantity` → `['benefits', 0, 'quantity']` (keys are never split inside brackets). */
export function parsePath(path: string): PathSegment[] {
  // Most paths hold no list index: split those without the regular expression (loading a
  // scenario looks up a few hundred paths).
  if (!path.includes('[')) return path.split('.').filter((part) => part !== '');
  if (path.includes('["')) return parseQuotedPath(path);
  const out: PathSegment[] = [];
  for (const part of path.split('.')) {
    if (part === '') continue;
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** Every ancestor path of a path, nearest first (`a.b[0].c` → `a.b[0]`, `a.b`, `a`, ''). */
export function ancestors(path: string): string[] {
  const segs = parsePath(path);
  const out: string[] = [];
  for (let n = segs.length - 1; n >= 0; n--) out.push(formatPath(segs.slice(0, n)));
  return out;
}

/** Keys refused everywhere: they could reach or shadow Object.prototype in careless code. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Split paths for getAt, which only reads them: loading a scenario and checking each of
 * a sweep's combinations look the same few hundred paths up again and again.
 */
const splitPaths = new Map<string, readonly PathSegment[]>();
const MAX_SPLIT_PATHS = 4096;

function splitPath(path: string): readonly PathSegment[] {
  let segments = splitPaths.get(path);
  if (segments === undefined) {
    if (splitPaths.size >= MAX_SPLIT_PATHS) splitPaths.clear();
    segments = parsePath(path);
    splitPaths.set(path, segments);
  }
  return segments;
}

/** The value at a path, or undefined. */
export function getAt(data: unknown, path: string | readonly PathSegment[]): unknown {
  let cur = data;
  for (const seg of typeof path === 'string' ? splitPath(path) : path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else {
      if (!isMapping(cur) || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
      cur = cur[seg];
    }
  }
  return cur;
}

// ---------------------------------------------------------------------------------------------
// Diagnostics located in source files

/** What a rule or mapper reports before it is placed in a file. */
export interface DiagnosticDraft {
  code: DiagnosticCode;
  path: string;
  message: string;
  expected?: string | undefined;
  example?: string | undefined;
  did_you_mean?: string | undefined;
  /** Point at the key (e.g. an unknown field) rather than the value. */
  at?: 'key' | 'value';
}

/** A diagnostic about a whole file, or a file with no text to point into. */
export function fileDiagnostic(
  code: DiagnosticCode,
  file: string,
  message: string,
  extra: { expected?: string; example?: string; line?: number; column?: number; didYouMean?: string | undefined } = {},
): Diagnostic {
  const d: Diagnostic = {
    code,
    severity: DIAGNOSTIC_CODES[code].severity,
    file,
    line: extra.line ?? 0,
    column: extra.column ?? 0,
    path: '',
    message,
  };
  if (extra.expected !== undefined) d.expected = extra.expected;
  if (extra.example !== undefined) d.example = extra.example;
  if (extra.didYouMean !== undefined) d.did_you_mean = extra.didYouMean;
  return d;
}

/** A diagnostic at a span of a source file, with its code frame. */
export function spanDiagnostic(source: Pick<SourceFile, 'file' | 'text' | 'lineStarts'>, span: Span | undefined, draft: DiagnosticDraft): Diagnostic {
  const d: Diagnostic = {
    code: draft.code,
    severity: DIAGNOSTIC_CODES[draft.code].severity,
    file: source.file,
    line: span?.line ?? 1,
    column: span?.column ?? 1,
    path: draft.path,
    message: draft.message,
  };
  if (draft.expected !== undefined) d.expected = draft.expected;
  if (draft.example !== undefined) d.example = draft.example;
  if (draft.did_you_mean !== undefined) d.did_you_mean = draft.did_you_mean;
  const length = span && span.endLine === span.line ? Math.max(1, span.endColumn - span.column) : 1;
  const frame = codeFrame(source.text, source.lineStarts, d.line, d.column, length);
  if (frame !== undefined) d.frame = frame;
  return d;
}

/** The span for a path in one file: the exact value (or key), else the nearest ancestor's key. */
export function spanFor(source: SourceFile, path: string, at: 'key' | 'value' = 'value'): { span: Span | undefined; exact: boolean } {
  const exact = source.locations.get(path);
  if (exact) return { span: at === 'key' ? (exact.key ?? exact.value) : exact.value, exact: true };
  for (const a of ancestors(path)) {
    const loc = source.locations.get(a);
    if (loc) return { span: loc.key ?? loc.value, exact: false };
  }
  return { span: undefined, exact: false };
}

/**
 * Places a draft in the chain of files (child first): in the first file that has the
 * exact path, else in the file with the deepest existing ancestor (the child on ties).
 */
export function locateInChain(chain: readonly SourceFile[], draft: DiagnosticDraft): Diagnostic {
  for (const source of chain) {
    if (source.locations.has(draft.path)) return spanDiagnostic(source, spanFor(source, draft.path, draft.at).span, draft);
  }
  let best: { source: SourceFile; depth: number } | undefined;
  const chainAncestors = ancestors(draft.path);
  for (const source of chain) {
    const depth = chainAncestors.findIndex((a) => source.locations.has(a));
    if (depth >= 0 && (best === undefined || depth < best.depth)) best = { source, depth };
  }
  const source = best?.source ?? chain[0]!;
  return spanDiagnostic(source, spanFor(source, draft.path, draft.at).span, draft);
}
