/**
 * User text made safe for each output: a scenario file may come from someone else, so
 * its names, stream names, sources and paths are data, never markup, formulas or
 * terminal control sequences. One function per destination; the renderers call these
 * and nothing else escapes user text (docs/OUTPUT.md, "User text in outputs").
 */
import { printable } from '../source/diagnostics.js';

// ---------------------------------------------------------------------------
// Terminal

/**
 * One line of user text for a terminal: line breaks and tabs become spaces (a name
 * cannot fake another line of a table), and every other C0/C1 control character, line
 * separator and bidi override becomes `?` — `printable`, as error messages use.
 */
export function terminalText(text: string): string {
  return printable(text.replace(/\r\n|[\r\n\t\u2028\u2029]/g, ' '));
}

/**
 * A document with every string in it made terminal-safe (`terminalText`), for the
 * text renderers: the document holds only data (names, paths, origins, our own
 * narrative), so cleaning it before layout covers every place user text can appear,
 * while the renderer's own colour codes are added afterwards and survive.
 */
export function terminalSafe<T>(value: T): T {
  return mapStrings(value, terminalText);
}

// ---------------------------------------------------------------------------
// Markdown

/**
 * User text inside Markdown prose, headings or table cells: every character with a
 * meaning in CommonMark/GFM inline syntax (emphasis, code, links and images, raw HTML,
 * entities, headings, strikethrough) is backslash-escaped, so `<script>`, `[x](javascript:…)`
 * and `<javascript:…>` show as text and never become markup or links. Line breaks become
 * spaces (a name cannot end a table row); pipes are left to the table writer, which
 * escapes them in every cell. Controls become `?`.
 */
/**
 * A document with every string in it made Markdown-safe (`markdownText`), for a renderer
 * that lays out only the document's strings and its own; strings `keep` accepts (our own
 * input paths, `benefits[0].quantity`, which no Markdown reads as markup) stay as written.
 */
export function markdownSafe<T>(value: T, keep: (text: string) => boolean = () => false): T {
  return mapStrings(value, (text) => (keep(text) ? text : markdownText(text)));
}

export function markdownText(text: string): string {
  // An underscore between two letters or digits can never start or end emphasis, so
  // `fixed_term` stays as written; every other special character is escaped.
  return terminalText(text).replace(/[\\`*[\]<>&!#~]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, (c) => `\\${c}`);
}

/**
 * User text as a Markdown code span: fenced by more backticks than any run inside it
 * (backslashes do not escape inside code spans), padded when it starts or ends with one.
 */
export function markdownCode(text: string): string {
  const body = terminalText(text);
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

// ---------------------------------------------------------------------------
// XML (the workbook)

/**
 * Text valid in XML 1.0: characters XML forbids (C0 controls other than tab, line feed
 * and carriage return; U+FFFE, U+FFFF; lone surrogates) become U+FFFD.
 */
export function xmlChars(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * A workbook string: `xmlChars`, and since Excel reads `_xHHHH_` in cell text as an
 * escaped character, a literal one has its underscore escaped (`_x005F_`) so it shows
 * as typed.
 */
export function xmlText(text: string): string {
  return xmlChars(text).replace(/_(x[0-9a-f]{4}_)/gi, '_x005F_$1');
}

/** A document with every string in it made XML-safe (`xmlText`). */
export function xmlSafe<T>(value: T): T {
  return mapStrings(value, xmlText);
}

// ---------------------------------------------------------------------------

/** A copy of plain data (objects, arrays) with `f` applied to every string, keys excepted. */
function mapStrings<T>(value: T, f: (text: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f)) as T;
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties, so even a key named __proto__ stays data.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)])) as T;
  }
  return value;
}
