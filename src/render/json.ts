import type { ResultDocument, ScenarioDocument } from '../result/document.js';
import type { ExplainDocument } from '../explain/node.js';

/**
 * A document as is: stable key order, two-space indent, trailing newline. The
 * comparison's recommendation (a reading of the metrics, for the report) is not written:
 * the JSON gives the figures it is made from.
 */
export function renderJson(doc: ResultDocument | ExplainDocument): string {
  if ('comparison' in doc && doc.comparison?.recommendation !== undefined) {
    const { recommendation: _omitted, ...comparison } = doc.comparison;
    return `${JSON.stringify({ ...doc, comparison }, null, 2)}\n`;
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/*
 * A batch writes each scenario's result on its own and then every one of them again in
 * the comparison (a thousand scenarios: two 130 MB documents). A scenario's text is the
 * same in both, as it sits at the same depth of `scenarios`, so it is rendered once: the
 * single-scenario file with `renderJson`, the scenario's part cut from it, and the
 * comparison put together from those parts. The result is byte for byte `renderJson` of
 * the whole document (test/unit/render/json.test.ts).
 */

/** `"scenarios": [` opening a non-empty list at the top level (the keys before it are strings and cannot hold a newline). */
const LIST_OPEN = '\n  "scenarios": [\n    ';
/** The empty list stands in for the parts while the rest of the document is rendered. */
const EMPTY_LIST = '\n  "scenarios": []';
const LIST_CLOSE = '\n  ]';

/** The text of the one scenario of a rendered one-scenario document, as it appears in any document's `scenarios` list. */
export function scenarioPart(rendered: string): string {
  const start = rendered.indexOf(LIST_OPEN);
  // The list is followed by `comparison` or nothing: its close is the last at two spaces.
  const end = rendered.lastIndexOf(LIST_CLOSE);
  if (start < 0 || end < start) throw new Error('scenarioPart: not a rendered result document');
  return rendered.slice(start + LIST_OPEN.length, end);
}

/**
 * `renderJson({ ...doc, scenarios })` as pieces to write one after another, from the
 * scenarios' parts (`scenarioPart`) in order; `doc.scenarios` itself is not rendered.
 */
export function renderJsonPieces(doc: ResultDocument, parts: readonly string[]): string[] {
  const rest = renderJson({ ...doc, scenarios: [] as ScenarioDocument[] });
  if (parts.length === 0) return [rest];
  const at = rest.indexOf(EMPTY_LIST);
  if (at < 0) throw new Error('renderJsonPieces: no scenarios list');
  const pieces = [rest.slice(0, at), LIST_OPEN];
  parts.forEach((part, i) => {
    if (i > 0) pieces.push(',\n    ');
    pieces.push(part);
  });
  pieces.push(LIST_CLOSE, rest.slice(at + EMPTY_LIST.length));
  return pieces;
}
