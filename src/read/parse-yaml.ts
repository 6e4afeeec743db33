/**
 * YAML text → data with source positions. Pure (no I/O).
 *
 * The yaml library parses the text into a document (with `uniqueKeys` for duplicate keys
 * and a LineCounter for line:column); this module then walks the document itself rather
 * than calling `toJS`, so that it can:
 *  - record the location of every value by dot path (for diagnostics and origins);
 *  - build null-prototype objects and refuse `__proto__`, `constructor` and `prototype`
 *    keys, so no input can reach Object.prototype;
 *  - expand aliases under a small budget (MAX_ALIAS_COUNT expansions, MAX_NODES values),
 *    which stops alias bombs ("billion laughs") after a few hundred nodes;
 *  - flag `.inf`, `.nan` and values of exotic YAML types with a clear diagnostic.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Alias, type Document, type Node, type Pair, type Scalar } from 'yaml';
import { DIAGNOSTIC_CODES, lineStarts, lineText, type Diagnostic } from '../source/diagnostics.js';
import { emptyFile } from './read-file.js';
import { childPath, FORBIDDEN_KEYS, spanDiagnostic, type DiagnosticDraft, type NodeLocation, type SourceFile, type Span } from '../source/positions.js';

/** Alias expansions allowed in one file. Scenarios rarely need any; a bomb needs thousands. */
export const MAX_ALIAS_COUNT = 50;
/** Values allowed in one file (a generous bound for a 1 MiB file of real content). */
export const MAX_NODES = 200_000;
/**
 * Deepest nesting of lists and mappings read (a scenario is four levels deep). Checked on
 * the text before parsing too: the YAML library takes seconds and gigabytes on a file of
 * a million `[`, and a walk that deep would exhaust the stack.
 */
export const MAX_DEPTH = 64;
/** Most keys in one mapping (the largest in a scenario has about twenty). */
export const MAX_KEYS_PER_MAPPING = 1000;
/** Most `key:` lines read: the YAML library takes seconds over 80,000 of them, and a scenario has about a hundred. */
export const MAX_KEY_LINES = 10_000;
/** Most values (list items, flow entries, fields) a file may write, counted before parsing (issue #24 R2). */
export const MAX_VALUES = 20_000;
/** Diagnostics kept from one file; the rest are counted (a broken 1 MiB file can have 100,000). */
export const MAX_DIAGNOSTICS_PER_FILE = 50;

export interface ParsedYaml {
  data: unknown;
  locations: Map<string, NodeLocation>;
  flagged: Set<string>;
  diagnostics: Diagnostic[];
  /** No error-severity diagnostics. */
  ok: boolean;
  lineStarts: number[];
}

class Abort extends Error {}

const YAML_EXPECTED = 'well-formed YAML: `key: value` lines, nested fields indented with spaces (not tabs), brackets and quotes closed';

export function parseScenarioYaml(original: string, file: string): ParsedYaml {
  // A lone carriage return (classic Mac line endings) ends a line in YAML 1.2 but not in
  // every part of the parser; as a newline it reads the same, at the same offsets.
  const text = original.includes('\r') ? original.replace(/\r(?!\n)/g, '\n') : original;
  const starts = lineStarts(text);
  const source = { file, text, lineStarts: starts };
  const limit = preParseLimit(source);
  if (limit) return { data: null, locations: new Map(), flagged: new Set(), diagnostics: [limit], ok: false, lineStarts: starts };
  const walker = new Walker(source);
  const data = walker.root();
  walker.parserProblems();
  return walker.finish(data);
}

type TextSource = { file: string; text: string; lineStarts: number[] };

/**
 * The TOO_COMPLEX diagnostic for a file too deep, too long or with too many values to hand
 * to the parser, found from the text alone; undefined for a file within the limits.
 */
function preParseLimit(source: TextSource): Diagnostic | undefined {
  const { text, lineStarts: starts } = source;
  const tooDeep = flowDepthOffset(text, MAX_DEPTH);
  const keyLines = tooDeep >= 0 ? 0 : countKeyLines(text, starts);
  // Values counted before parsing: the parser holds about 1.5 KB per value, so a 1 MiB
  // file of lists took 700 MB before the walk's bound was reached (issue #24 R2).
  const tooMany = tooDeep >= 0 || keyLines > MAX_KEY_LINES ? -1 : valuesOffset(text, MAX_VALUES);
  if (tooDeep < 0 && keyLines <= MAX_KEY_LINES && tooMany < 0) return undefined;
  const lc = new LineCounter();
  for (const s of starts) lc.addNewLine(s);
  const at = lc.linePos(Math.max(0, tooDeep >= 0 ? tooDeep : tooMany));
  const span = { line: at.line, column: at.col, endLine: at.line, endColumn: at.col + 1 };
  const what =
    tooDeep >= 0
      ? `the lists and mappings nest more than ${MAX_DEPTH} levels deep`
      : tooMany >= 0
        ? `the file writes more than ${MAX_VALUES.toLocaleString('en-GB')} values in its lists and mappings (the limit is reached here); peerplan reads at most ${MAX_VALUES.toLocaleString('en-GB')}`
        : `the file has ${keyLines.toLocaleString('en-GB')} lines of fields; peerplan reads at most ${MAX_KEY_LINES.toLocaleString('en-GB')}`;
  return tooComplex(source, span, '', what);
}

const TOP: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** One file's parse: the parsed document, and the walk that turns it into data with locations. */
class Walker {
  private readonly lineCounter = new LineCounter();
  private readonly doc: Document.Parsed;
  readonly diagnostics: Diagnostic[] = [];
  readonly locations = new Map<string, NodeLocation>();
  readonly flagged = new Set<string>();
  private dropped = 0;
  // Duplicate keys are reported by the walk (with the field's path); remember where, so
  // the parser's own report of the same key is not repeated.
  private readonly duplicateOffsets = new Set<number>();
  private nodes = 0;
  private aliases = 0;
  private readonly expanding = new Set<Node>();

  constructor(private readonly source: TextSource) {
    // Duplicate keys are found by the walk, in linear time (the library's own check compares every pair).
    this.doc = parseDocument(source.text, { lineCounter: this.lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  }

  private spanOf(from: number, to: number): Span {
    const a = this.lineCounter.linePos(from);
    const b = this.lineCounter.linePos(Math.max(from, to));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }

  private nodeSpan(node: { range?: [number, number, number] | null | undefined } | null | undefined, fallback: Span): Span {
    return node?.range ? this.spanOf(node.range[0], node.range[1]) : fallback;
  }

  /** An error reported on a blank line (often the end of the file) points at the end of the last line with content. */
  private atContent(span: Span): Span {
    const { text, lineStarts: starts } = this.source;
    let line = span.line;
    const blank = (n: number): boolean => lineText(text, starts, n).trim() === '';
    if (!blank(line)) return span;
    while (line > 1 && blank(line)) line--;
    const column = lineText(text, starts, line).length + 1;
    return { line, column, endLine: line, endColumn: column + 1 };
  }

  report(span: Span, draft: DiagnosticDraft): void {
    if (this.diagnostics.length >= MAX_DIAGNOSTICS_PER_FILE) this.dropped++;
    else this.diagnostics.push(spanDiagnostic(this.source, span, draft));
  }

  /** The document's data, or null when the walk stopped at a limit. */
  root(): unknown {
    if (this.doc.contents === null) return null;
    const rootSpan = this.nodeSpan(this.doc.contents, TOP);
    this.locations.set('', { value: rootSpan });
    try {
      return this.walk(this.doc.contents, '', undefined, rootSpan);
    } catch (err) {
      if (!(err instanceof Abort)) throw err;
      return null;
    }
  }

  private walk(node: unknown, path: string, aliasSpan: Span | undefined, fallback: Span, depth = 0): unknown {
    if (depth > MAX_DEPTH) {
      this.diagnostics.push(tooComplex(this.source, aliasSpan ?? this.nodeSpan(node as Node, fallback), path, `the lists and mappings nest more than ${MAX_DEPTH} levels deep`));
      throw new Abort();
    }
    if (++this.nodes > MAX_NODES) {
      this.report(aliasSpan ?? fallback, {
        code: 'ALIAS_LIMIT',
        path,
        message: `the file expands to more than ${MAX_NODES.toLocaleString('en-GB')} values; a scenario has a few dozen`,
        expected: 'a scenario of ordinary size, without aliases that expand into huge structures',
      });
      throw new Abort();
    }
    if (node === null || node === undefined) return null;
    const here = aliasSpan ?? this.nodeSpan(node as Node, fallback);
    if (isAlias(node)) return this.alias(node, path, aliasSpan, here, fallback, depth);
    if (isScalar(node)) return this.scalar(node, path, here);
    if (isMap(node)) {
      if (node.items.length > MAX_KEYS_PER_MAPPING) {
        this.diagnostics.push(tooComplex(this.source, here, path, `${path || 'the file'} holds ${node.items.length.toLocaleString('en-GB')} keys; peerplan reads at most ${MAX_KEYS_PER_MAPPING.toLocaleString('en-GB')} in one mapping`));
        throw new Abort();
      }
      const obj = Object.create(null) as Record<string, unknown>;
      for (const pair of node.items) this.addPair(obj, pair, path, aliasSpan, here, depth + 1);
      return obj;
    }
    if (isSeq(node)) return this.seq(node.items, path, aliasSpan, here, depth);
    this.report(here, { code: 'UNSUPPORTED_VALUE', path, message: `${path || 'the value'} is not a value peerplan understands`, expected: 'plain text, a number, true/false, a list or a mapping' });
    this.flagged.add(path);
    return null;
  }

  private alias(node: Alias, path: string, aliasSpan: Span | undefined, here: Span, fallback: Span, depth: number): unknown {
    this.aliases++;
    if (this.aliases > MAX_ALIAS_COUNT) {
      this.report(here, {
        code: 'ALIAS_LIMIT',
        path,
        message: `more than ${MAX_ALIAS_COUNT} YAML aliases (*name) are expanded; this looks like an alias bomb`,
        expected: `at most ${MAX_ALIAS_COUNT} alias expansions (scenarios rarely need any: use \`extends\` to share settings)`,
      });
      throw new Abort();
    }
    const target = node.resolve(this.doc);
    if (!target) {
      this.report(here, {
        code: 'YAML_SYNTAX',
        path,
        message: `the alias *${node.source} refers to no anchor &${node.source} before it`,
        expected: 'an anchor (&name) defined earlier in the file for every alias (*name)',
        example: 'band: &band 4\nsupervisor: { band: *band }',
      });
      this.flagged.add(path);
      return null;
    }
    if (this.expanding.has(target)) {
      this.report(here, { code: 'YAML_SYNTAX', path, message: `the alias *${node.source} refers to itself`, expected: 'aliases that do not contain themselves' });
      this.flagged.add(path);
      return null;
    }
    this.expanding.add(target);
    try {
      return this.walk(target, path, aliasSpan ?? here, fallback, depth);
    } finally {
      this.expanding.delete(target);
    }
  }

  private scalar(node: Scalar, path: string, here: Span): unknown {
    const v = node.value;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        const src = sourceText(this.source.text, node.range);
        this.report(here, {
          code: 'NON_FINITE_NUMBER',
          path,
          message: `${path || 'the value'} is ${src || String(v)} (${Number.isNaN(v) ? 'not a number' : 'infinity'}); peerplan needs an ordinary number`,
          expected: 'a finite number',
          example: `${lastKey(path)}: 12`,
        });
        this.flagged.add(path);
      }
      return v;
    }
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    this.report(here, {
      code: 'UNSUPPORTED_VALUE',
      path,
      message: `${path || 'the value'} is a YAML ${(node.tag ?? typeof v).replace('tag:yaml.org,2002:', '!!')} value, which scenarios do not use`,
      expected: 'plain text, a number, true/false, a list or a mapping',
    });
    this.flagged.add(path);
    return null;
  }

  private seq(items: readonly unknown[], path: string, aliasSpan: Span | undefined, here: Span, depth: number): unknown[] {
    const arr: unknown[] = [];
    items.forEach((item, i) => {
      const itemPath = childPath(path, i);
      if (isPair(item)) {
        // A `[key: value]` flow pair inside a list is a one-entry mapping.
        const obj = Object.create(null) as Record<string, unknown>;
        const itemSpan = aliasSpan ?? this.nodeSpan(item.key as Node, here);
        this.locations.set(itemPath, { value: itemSpan });
        this.addPair(obj, item, itemPath, aliasSpan, itemSpan, depth + 2);
        arr.push(obj);
        return;
      }
      const itemSpan = aliasSpan ?? this.nodeSpan(item as Node, here);
      this.locations.set(itemPath, { value: itemSpan });
      arr.push(this.walk(item, itemPath, aliasSpan, itemSpan, depth + 1));
    });
    return arr;
  }

  private addPair(obj: Record<string, unknown>, pair: Pair<unknown, unknown>, parent: string, aliasSpan: Span | undefined, parentSpan: Span, depth: number): void {
    const keyNode = pair.key;
    const keySpan = aliasSpan ?? this.nodeSpan(keyNode as Node, parentSpan);
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      this.report(keySpan, {
        code: 'INVALID_KEY',
        path: parent,
        message: `a key${parent ? ` in ${parent}` : ''} is not plain text (${isAlias(keyNode) ? 'an alias' : isMap(keyNode) ? 'a mapping' : isSeq(keyNode) ? 'a list' : 'empty'})`,
        expected: 'field names written as plain text',
        example: 'funded_wte: 8',
      });
      return;
    }
    const key = String(keyNode.value);
    const path = childPath(parent, key);
    if (this.refusedKey(obj, key, keyNode, path, parent, keySpan)) return;
    const valueNode = pair.value as Node | null;
    const valueSpan = aliasSpan ?? (valueNode?.range ? this.nodeSpan(valueNode, keySpan) : { ...keySpan, column: keySpan.endColumn + 1, endColumn: keySpan.endColumn + 1 });
    this.locations.set(path, { key: keySpan, value: valueSpan });
    obj[key] = this.walk(valueNode, path, aliasSpan, valueSpan, depth);
  }

  /** Reports a key that may not be read (forbidden, a merge key, a duplicate) and says so. */
  private refusedKey(obj: Record<string, unknown>, key: string, keyNode: Scalar, path: string, parent: string, keySpan: Span): boolean {
    if (FORBIDDEN_KEYS.has(key)) {
      this.report(keySpan, {
        code: 'FORBIDDEN_KEY',
        path,
        message: `the key "${key}" is not allowed in a scenario`,
        expected: 'the field names of the scenario format (docs/SCENARIO.md)',
      });
      this.flagged.add(path);
      return true;
    }
    if (key === '<<') {
      this.report(keySpan, {
        code: 'MERGE_KEY',
        path,
        message: `${parent ? `${parent} uses` : 'the file uses'} a YAML merge key (<<), which peerplan does not support`,
        expected: 'each field written out, or shared settings in a parent file named by `extends`',
        example: 'extends: baseline.yaml\nworkforce:\n  band: 4',
      });
      this.flagged.add(path);
      return true;
    }
    if (Object.prototype.hasOwnProperty.call(obj, key)) {
      if (keyNode.range) this.duplicateOffsets.add(keyNode.range[0]);
      this.report(keySpan, {
        code: 'DUPLICATE_KEY',
        path,
        message: `"${key}" appears twice${parent ? ` in ${parent}` : ''}; the first value is used`,
        expected: 'each field once in its mapping: delete or merge one of them',
      });
      return true;
    }
    return false;
  }

  /** The parser's own errors and warnings, each said once and where it applies. */
  parserProblems(): void {
    const { text, lineStarts: starts } = this.source;
    const movedTo = new Set<number>();
    for (const error of this.doc.errors) {
      if (error.code === 'DUPLICATE_KEY' && this.duplicateOffsets.has(error.pos[0])) continue;
      const code = error.code === 'DUPLICATE_KEY' ? 'DUPLICATE_KEY' : error.code === 'MULTIPLE_DOCS' ? 'MULTIPLE_DOCUMENTS' : 'YAML_SYNTAX';
      const moved = code === 'YAML_SYNTAX' ? wherePosition(text, starts, error.code, error.message, error.pos[0]) : undefined;
      // The parser reports an over-indented line twice (two error codes): say it once.
      if (moved !== undefined) {
        if (movedTo.has(moved.offset)) continue;
        movedTo.add(moved.offset);
      }
      const span = moved ? this.spanOf(moved.offset, moved.offset + 1) : this.atContent(this.spanOf(error.pos[0], error.pos[1]));
      if (moved?.message) {
        this.report(span, { code: 'YAML_SYNTAX', path: '', message: `malformed YAML: ${moved.message}`, expected: YAML_EXPECTED, example: 'workforce:\n  funded_wte: 8' });
      } else if (code === 'MULTIPLE_DOCUMENTS') {
        this.report(span, {
          code,
          path: '',
          message: 'the file holds more than one YAML document (a line with ---); a scenario is a single document',
          expected: 'one scenario per file; remove the --- line or split the file',
        });
      } else {
        this.report(span, { code, path: '', message: `malformed YAML: ${yamlMessage(error.message)}`, expected: YAML_EXPECTED, example: 'workforce:\n  funded_wte: 8' });
      }
    }
    for (const warning of this.doc.warnings) {
      this.report(this.spanOf(warning.pos[0], warning.pos[1]), { code: 'YAML_WARNING', path: '', message: `YAML: ${yamlMessage(warning.message)}` });
    }
  }

  /** The result: an empty file or one that is not a mapping is said so, unless it already has errors. */
  finish(data: unknown): ParsedYaml {
    const { file } = this.source;
    if (this.dropped > 0) this.diagnostics.push(truncated(file, this.dropped));
    const hasErrors = (): boolean => this.diagnostics.some((d) => DIAGNOSTIC_CODES[d.code].severity === 'error');
    if (this.doc.contents === null && !hasErrors()) {
      this.diagnostics.push(emptyFile(file, true).diagnostic);
    } else if (!hasErrors() && (typeof data !== 'object' || data === null || Array.isArray(data))) {
      this.report(this.locations.get('')?.value ?? TOP, {
        code: 'NOT_A_MAPPING',
        path: '',
        message: `the file holds ${Array.isArray(data) ? 'a list' : 'a single value'}, not a mapping of scenario fields`,
        expected: 'field: value lines, starting with the format version',
        example: 'peerplan: 1\nname: Band 4 permanent\nworkforce:\n  funded_wte: 8',
      });
    }
    return { data, locations: this.locations, flagged: this.flagged, diagnostics: this.diagnostics, ok: !hasErrors(), lineStarts: this.source.lineStarts };
  }
}

/** Turns a parsed file into a SourceFile. */
export function toSourceFile(file: string, absPath: string, text: string, parsed: ParsedYaml): SourceFile {
  return {
    file,
    absPath,
    text,
    lineStarts: parsed.lineStarts,
    data: parsed.data,
    locations: parsed.locations,
    flagged: parsed.flagged,
    ok: parsed.ok,
  };
}

/** The TOO_COMPLEX diagnostic. */
function tooComplex(source: { file: string; text: string; lineStarts: number[] }, span: Span, path: string, what: string): Diagnostic {
  return spanDiagnostic(source, span, {
    code: 'TOO_COMPLEX',
    path,
    message: `${what}; a scenario is a few levels deep with a few dozen fields`,
    expected: `at most ${MAX_DEPTH} levels of nesting and ${MAX_KEYS_PER_MAPPING.toLocaleString('en-GB')} keys in a mapping`,
  });
}

/** The one diagnostic that stands for those not kept (TOO_MANY_PROBLEMS). */
export function truncated(file: string, dropped: number): Diagnostic {
  return {
    code: 'TOO_MANY_PROBLEMS',
    severity: 'error',
    file,
    line: 0,
    column: 0,
    path: '',
    message: `${dropped.toLocaleString('en-GB')} more problem${dropped === 1 ? '' : 's'} in ${file} not shown (at most ${MAX_DIAGNOSTICS_PER_FILE} are listed per file)`,
    expected: 'fix the problems listed first, then check the file again',
  };
}

/** Lines that start (after indentation or a `- `) with a plain `key:`. */
function countKeyLines(text: string, starts: readonly number[]): number {
  let n = 0;
  const key = /^[ \t-]*[^\s#:][^:\n]*:(?:[ \t]|$)/;
  for (let i = 0; i < starts.length; i++) {
    const end = i + 1 < starts.length ? starts[i + 1]! - 1 : text.length;
    if (key.test(text.slice(starts[i]!, Math.min(end, starts[i]! + 200)))) n++;
  }
  return n;
}

/**
 * Offset where the file's values, counted before parsing, pass `max`, or -1: a value is a
 * block list item (`- `), a field line (`key:`), or an entry of a flow list or mapping
 * (each `[`, `{` and each `,` inside one). Quotes and comments do not count. The count is
 * an estimate from above, close enough to bound what the parser will hold.
 */
export function valuesOffset(text: string, max: number): number {
  let n = 0;
  let depth = 0;
  let lineStart = true;
  return scanUnquoted(text, (c, i) => {
    if (c === '\n') {
      lineStart = true;
      return false;
    }
    if (lineStart) {
      if (c === ' ' || c === '\t') return false;
      lineStart = false;
      // A block list item, or a field line: one value each.
      if ((c === '-' && (text[i + 1] === ' ' || text[i + 1] === '\n')) || (depth === 0 && c !== '#' && isFieldLine(text, i))) {
        if (++n > max) return true;
      }
    }
    if (c === '[' || c === '{') {
      depth++;
      return ++n > max;
    }
    if ((c === ']' || c === '}') && depth > 0) depth--;
    else if (c === ',' && depth > 0) return ++n > max;
    return false;
  });
}

/**
 * Calls `visit` for each character of `text` outside quoted strings and comments (an
 * opening quote and a comment's `#` included, and the newline that ends a comment), in
 * order, and returns the offset where `visit` first returns true, or -1. A quote opens a
 * string only at the start or after a space, `:`, `,`, `[`, `{` or `-`: the pre-parse
 * limits' one rule for what is quoted.
 */
function scanUnquoted(text: string, visit: (c: string, i: number) => boolean): number {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== '') {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (visit(c, i)) return i;
    if (c === '"' || c === "'") {
      const prev = text[i - 1];
      if (prev === undefined || /[\s:,[{-]/.test(prev)) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl - 1;
    }
  }
  return -1;
}

/** Whether the line from `i` starts with a plain `key:` (a colon then a space or the line's end, within 200 characters). */
function isFieldLine(text: string, i: number): boolean {
  for (let j = i; j < text.length && j < i + 200; j++) {
    const c = text[j];
    if (c === '\n' || c === '#') return false;
    if (c === ':' && (text[j + 1] === ' ' || text[j + 1] === '\n' || text[j + 1] === '\t' || j + 1 === text.length)) return true;
  }
  return false;
}

/**
 * Offset of the first `[` or `{` that opens a flow collection deeper than `max`, or -1.
 * Brackets in quotes and comments do not count; a bracket in plain text might, which at
 * worst refuses a file with `max` unclosed brackets in its text.
 */
export function flowDepthOffset(text: string, max: number): number {
  let depth = 0;
  const tooDeep = scanUnquoted(text, (c) => {
    if (c === '[' || c === '{') return ++depth > max;
    if ((c === ']' || c === '}') && depth > 0) depth--;
    return false;
  });
  if (tooDeep >= 0) return tooDeep;
  // Then every bracket, quoted or not, against a far larger bound: a quote taken above as
  // opening a string (one in a block scalar, say) must not hide a million `[`.
  let raw = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++raw > max * 16) return i;
    } else if ((c === 93 || c === 125) && raw > 0) raw--;
  }
  return -1;
}

/**
 * Where a YAML error really is, when the parser reports it somewhere else:
 *  - a line indented deeper than the field above it is reported at the end of that field's
 *    line ("nested mappings are not allowed in compact mappings"): point at the line;
 *  - a quote or bracket never closed is reported where the file ends: point at the opener.
 */
function wherePosition(text: string, starts: readonly number[], code: string, message: string, pos: number): { offset: number; message?: string } | undefined {
  const lineOfOffset = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') {
    const line = lineOfOffset(pos);
    const indentOf = (n: number): number => lineText(text, starts, n + 1).search(/\S/);
    const own = indentOf(line);
    for (let n = line + 1; n < starts.length; n++) {
      const body = lineText(text, starts, n + 1);
      if (body.trim() === '' || body.trim().startsWith('#')) continue;
      const indent = indentOf(n);
      if (indent <= own) break;
      return {
        offset: starts[n]! + indent,
        message: `line ${n + 1} is indented more than line ${line + 1} above it, which already has a value (fields of the same mapping line up; a nested field goes under a key that ends with a colon)`,
      };
    }
    if (code === 'BLOCK_AS_IMPLICIT_KEY') return undefined;
  }
  // BAD_INDENT also marks an unclosed flow list (handled below): only the mapping case is an indentation problem.
  if ((code === 'BAD_INDENT' && /same column/i.test(message)) || code === 'TAB_AS_INDENT' || code === 'MULTILINE_IMPLICIT_KEY') {
    const line = lineOfOffset(pos);
    const body = lineText(text, starts, line + 1);
    const indent = body.search(/\S/);
    const at = { offset: starts[line]! + Math.max(0, indent) };
    if (code === 'TAB_AS_INDENT') return { offset: starts[line]!, message: `line ${line + 1} is indented with a tab: YAML indents with spaces only` };
    let above = line - 1;
    while (above >= 0 && /^\s*(#.*)?$/.test(lineText(text, starts, above + 1))) above--;
    if (code === 'BAD_INDENT' && above >= 0) {
      const aboveIndent = lineText(text, starts, above + 1).search(/\S/);
      const how = indent < aboveIndent ? 'less' : 'more';
      return { ...at, message: `line ${line + 1} is indented ${how} than line ${above + 1} above it (column ${indent + 1}, not ${aboveIndent + 1}): fields of the same mapping line up` };
    }
    const noColon = /^\s*([A-Za-z_][\w-]*)\s+([^:#\s][^:#]*?)\s*$/.exec(body);
    if (code === 'MULTILINE_IMPLICIT_KEY' && noColon) {
      return { ...at, message: `line ${line + 1} has no colon after its field name: a field is written \`name: value\` (did you mean \`${noColon[1]}: ${noColon[2]}\`?)` };
    }
    if (code === 'MULTILINE_IMPLICIT_KEY' && /^\s*- /.test(body)) {
      return { ...at, message: `line ${line + 1} starts a list item (\`- \`) where a field (\`name: value\`) is expected: a list goes under a field that ends with a colon` };
    }
    return undefined;
  }
  const quote = /missing closing (["'])/i.exec(message)?.[1];
  if (quote !== undefined) {
    const open = text.lastIndexOf(quote, Math.max(0, pos - 1));
    return open >= 0 ? { offset: open, message: `the ${quote === '"' ? 'double' : 'single'} quote opened here is never closed` } : undefined;
  }
  const flow = /^flow (sequence|mapping)/i.exec(message)?.[1];
  if (flow !== undefined) {
    const [openChar, closeChar] = flow === 'sequence' ? ['[', ']'] : ['{', '}'];
    let depth = 0;
    for (let i = Math.min(pos, text.length) - 1; i >= 0; i--) {
      if (text[i] === closeChar) depth++;
      else if (text[i] === openChar && depth-- === 0) {
        return { offset: i, message: `the ${flow === 'sequence' ? 'list [' : 'mapping {'} opened here is never closed with ${closeChar}` };
      }
    }
  }
  return undefined;
}

function yamlMessage(message: string): string {
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}

function sourceText(text: string, range: [number, number, number] | null | undefined): string {
  if (!range) return '';
  return text.slice(range[0], Math.min(range[1], range[0] + 40)).trim();
}

function lastKey(path: string): string {
  const m = /([^.[\]]+)(?:\[\d+\])*$/.exec(path);
  return m?.[1] ?? 'value';
}
