import type { ResultDocument } from '../result/document.js';
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
