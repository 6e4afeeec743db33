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
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
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
  const tooDeep = flowDepthOffset(text, MAX_DEPTH);
  const keyLines = tooDeep >= 0 ? 0 : countKeyLines(text, starts);
  // Values counted before parsing: the parser holds about 1.5 KB per value, so a 1 MiB
  // file of lists took 700 MB before the walk's bound was reached (issue #24 R2).
  const tooMany = tooDeep >= 0 || keyLines > MAX_KEY_LINES ? -1 : valuesOffset(text, MAX_VALUES);
  if (tooDeep >= 0 || keyLines > MAX_KEY_LINES || tooMany >= 0) {
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
    return { data: null, locations: new Map(), flagged: new Set(), diagnostics: [tooComplex(source, span, '', what)], ok: false, lineStarts: starts };
  }
  const lineCounter = new LineCounter();
  // Duplicate keys are found by the walk below, in linear time (the library's own check compares every pair).
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  const diagnostics: Diagnostic[] = [];
  const locations = new Map<string, NodeLocation>();
  const flagged = new Set<string>();

  const spanOf = (from: number, to: number): Span => {
    const a = lineCounter.linePos(from);
    const b = lineCounter.linePos(Math.max(from, to));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  const nodeSpan = (node: { range?: [number, number, number] | null | undefined } | null | undefined, fallback: Span): Span =>
    node?.range ? spanOf(node.range[0], node.range[1]) : fallback;
  /** An error reported on a blank line (often the end of the file) points at the end of the last line with content. */
  const atContent = (span: Span): Span => {
    let line = span.line;
    const blank = (n: number): boolean => lineText(text, starts, n).trim() === '';
    if (!blank(line)) return span;
    while (line > 1 && blank(line)) line--;
    const column = lineText(text, starts, line).length + 1;
    return { line, column, endLine: line, endColumn: column + 1 };
  };
  let dropped = 0;
  const report = (span: Span, draft: DiagnosticDraft): void => {
    if (diagnostics.length >= MAX_DIAGNOSTICS_PER_FILE) dropped++;
    else diagnostics.push(spanDiagnostic(source, span, draft));
  };

  // Duplicate keys are reported by the walk below (with the field's path); remember
  // where, so the parser's own report of the same key is not repeated.
  const duplicateOffsets = new Set<number>();
  let nodes = 0;
  let aliases = 0;
  const expanding = new Set<Node>();

  const walk = (node: unknown, path: string, aliasSpan: Span | undefined, fallback: Span, depth = 0): unknown => {
    if (depth > MAX_DEPTH) {
      diagnostics.push(tooComplex(source, aliasSpan ?? nodeSpan(node as Node, fallback), path, `the lists and mappings nest more than ${MAX_DEPTH} levels deep`));
      throw new Abort();
    }
    if (++nodes > MAX_NODES) {
      report(aliasSpan ?? fallback, {
        code: 'ALIAS_LIMIT',
        path,
        message: `the file expands to more than ${MAX_NODES.toLocaleString('en-GB')} values; a scenario has a few dozen`,
        expected: 'a scenario of ordinary size, without aliases that expand into huge structures',
      });
      throw new Abort();
    }
    if (node === null || node === undefined) return null;
    const here = aliasSpan ?? nodeSpan(node as Node, fallback);
    if (isAlias(node)) {
      aliases++;
      if (aliases > MAX_ALIAS_COUNT) {
        report(here, {
          code: 'ALIAS_LIMIT',
          path,
          message: `more than ${MAX_ALIAS_COUNT} YAML aliases (*name) are expanded; this looks like an alias bomb`,
          expected: `at most ${MAX_ALIAS_COUNT} alias expansions (scenarios rarely need any: use \`extends\` to share settings)`,
        });
        throw new Abort();
      }
      const target = node.resolve(doc as Document.Parsed);
      if (!target) {
        report(here, {
          code: 'YAML_SYNTAX',
          path,
          message: `the alias *${node.source} refers to no anchor &${node.source} before it`,
          expected: 'an anchor (&name) defined earlier in the file for every alias (*name)',
          example: 'band: &band 4\nsupervisor: { band: *band }',
        });
        flagged.add(path);
        return null;
      }
      if (expanding.has(target)) {
        report(here, { code: 'YAML_SYNTAX', path, message: `the alias *${node.source} refers to itself`, expected: 'aliases that do not contain themselves' });
        flagged.add(path);
        return null;
      }
      expanding.add(target);
      try {
        return walk(target, path, aliasSpan ?? here, fallback, depth);
      } finally {
        expanding.delete(target);
      }
    }
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) {
          const src = sourceText(text, node.range);
          report(here, {
            code: 'NON_FINITE_NUMBER',
            path,
            message: `${path || 'the value'} is ${src || String(v)} (${Number.isNaN(v) ? 'not a number' : 'infinity'}); peerplan needs an ordinary number`,
            expected: 'a finite number',
            example: `${lastKey(path)}: 12`,
          });
          flagged.add(path);
        }
        return v;
      }
      if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
      report(here, {
        code: 'UNSUPPORTED_VALUE',
        path,
        message: `${path || 'the value'} is a YAML ${(node.tag ?? typeof v).replace('tag:yaml.org,2002:', '!!')} value, which scenarios do not use`,
        expected: 'plain text, a number, true/false, a list or a mapping',
      });
      flagged.add(path);
      return null;
    }
    if (isMap(node)) {
      if (node.items.length > MAX_KEYS_PER_MAPPING) {
        diagnostics.push(tooComplex(source, here, path, `${path || 'the file'} holds ${node.items.length.toLocaleString('en-GB')} keys; peerplan reads at most ${MAX_KEYS_PER_MAPPING.toLocaleString('en-GB')} in one mapping`));
        throw new Abort();
      }
      const obj = Object.create(null) as Record<string, unknown>;
      for (const pair of node.items) addPair(obj, pair, path, aliasSpan, here, depth + 1);
      return obj;
    }
    if (isSeq(node)) {
      const arr: unknown[] = [];
      node.items.forEach((item, i) => {
        const itemPath = childPath(path, i);
        if (isPair(item)) {
          // A `[key: value]` flow pair inside a list is a one-entry mapping.
          const obj = Object.create(null) as Record<string, unknown>;
          const itemSpan = aliasSpan ?? nodeSpan(item.key as Node, here);
          locations.set(itemPath, { value: itemSpan });
          addPair(obj, item, itemPath, aliasSpan, itemSpan, depth + 2);
          arr.push(obj);
          return;
        }
        const itemSpan = aliasSpan ?? nodeSpan(item as Node, here);
        locations.set(itemPath, { value: itemSpan });
        arr.push(walk(item, itemPath, aliasSpan, itemSpan, depth + 1));
      });
      return arr;
    }
    report(here, { code: 'UNSUPPORTED_VALUE', path, message: `${path || 'the value'} is not a value peerplan understands`, expected: 'plain text, a number, true/false, a list or a mapping' });
    flagged.add(path);
    return null;
  };

  const addPair = (obj: Record<string, unknown>, pair: Pair<unknown, unknown>, parent: string, aliasSpan: Span | undefined, parentSpan: Span, depth: number): void => {
    const keyNode = pair.key;
    const keySpan = aliasSpan ?? nodeSpan(keyNode as Node, parentSpan);
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      report(keySpan, {
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
    if (FORBIDDEN_KEYS.has(key)) {
      report(keySpan, {
        code: 'FORBIDDEN_KEY',
        path,
        message: `the key "${key}" is not allowed in a scenario`,
        expected: 'the field names of the scenario format (docs/SCENARIO.md)',
      });
      flagged.add(path);
      return;
    }
    if (key === '<<') {
      report(keySpan, {
        code: 'MERGE_KEY',
        path,
        message: `${parent ? `${parent} uses` : 'the file uses'} a YAML merge key (<<), which peerplan does not support`,
        expected: 'each field written out, or shared settings in a parent file named by `extends`',
        example: 'extends: baseline.yaml\nworkforce:\n  band: 4',
      });
      flagged.add(path);
      return;
    }
    if (Object.prototype.hasOwnProperty.call(obj, key)) {
      if (keyNode.range) duplicateOffsets.add(keyNode.range[0]);
      report(keySpan, {
        code: 'DUPLICATE_KEY',
        path,
        message: `"${key}" appears twice${parent ? ` in ${parent}` : ''}; the first value is used`,
        expected: 'each field once in its mapping: delete or merge one of them',
      });
      return;
    }
    const valueNode = pair.value as Node | null;
    const valueSpan = aliasSpan ?? (valueNode?.range ? nodeSpan(valueNode, keySpan) : { ...keySpan, column: keySpan.endColumn + 1, endColumn: keySpan.endColumn + 1 });
    locations.set(path, { key: keySpan, value: valueSpan });
    obj[key] = walk(valueNode, path, aliasSpan, valueSpan, depth);
  };

  let data: unknown = null;
  const top: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };
  if (doc.contents !== null) {
    const rootSpan = nodeSpan(doc.contents, top);
    locations.set('', { value: rootSpan });
    try {
      data = walk(doc.contents, '', undefined, rootSpan);
    } catch (err) {
      if (!(err instanceof Abort)) throw err;
      data = null;
    }
  }

  const movedTo = new Set<number>();
  for (const error of doc.errors) {
    if (error.code === 'DUPLICATE_KEY' && duplicateOffsets.has(error.pos[0])) continue;
    const code = error.code === 'DUPLICATE_KEY' ? 'DUPLICATE_KEY' : error.code === 'MULTIPLE_DOCS' ? 'MULTIPLE_DOCUMENTS' : 'YAML_SYNTAX';
    const moved = code === 'YAML_SYNTAX' ? wherePosition(text, starts, error.code, error.message, error.pos[0]) : undefined;
    // The parser reports an over-indented line twice (two error codes): say it once.
    if (moved !== undefined) {
      if (movedTo.has(moved.offset)) continue;
      movedTo.add(moved.offset);
    }
    const span = moved ? spanOf(moved.offset, moved.offset + 1) : atContent(spanOf(error.pos[0], error.pos[1]));
    if (moved?.message) {
      report(span, { code: 'YAML_SYNTAX', path: '', message: `malformed YAML: ${moved.message}`, expected: YAML_EXPECTED, example: 'workforce:\n  funded_wte: 8' });
    } else if (code === 'MULTIPLE_DOCUMENTS') {
      report(span, {
        code,
        path: '',
        message: 'the file holds more than one YAML document (a line with ---); a scenario is a single document',
        expected: 'one scenario per file; remove the --- line or split the file',
      });
    } else {
      report(span, { code, path: '', message: `malformed YAML: ${yamlMessage(error.message)}`, expected: YAML_EXPECTED, example: 'workforce:\n  funded_wte: 8' });
    }
  }
  for (const warning of doc.warnings) {
    report(spanOf(warning.pos[0], warning.pos[1]), { code: 'YAML_WARNING', path: '', message: `YAML: ${yamlMessage(warning.message)}` });
  }

  if (dropped > 0) diagnostics.push(truncated(file, dropped));
  const hasErrors = (): boolean => diagnostics.some((d) => DIAGNOSTIC_CODES[d.code].severity === 'error');
  if (doc.contents === null && !hasErrors()) {
    diagnostics.push(emptyFile(file, true).diagnostic);
  } else if (!hasErrors() && (typeof data !== 'object' || data === null || Array.isArray(data))) {
    report(locations.get('')?.value ?? top, {
      code: 'NOT_A_MAPPING',
      path: '',
      message: `the file holds ${Array.isArray(data) ? 'a list' : 'a single value'}, not a mapping of scenario fields`,
      expected: 'field: value lines, starting with the format version',
      example: 'peerplan: 1\nname: Band 4 permanent\nworkforce:\n  funded_wte: 8',
    });
  }
  return { data, locations, flagged, diagnostics, ok: !hasErrors(), lineStarts: starts };
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
