import type { ResultDocument } from './document.js';
import type { ExplainDocument } from '../explain/node.js';

/** A document as is: stable key order, two-space indent, trailing newline. */
export function renderJson(doc: ResultDocument | ExplainDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
