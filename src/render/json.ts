import type { ResultDocument } from './document.js';

/** The result document as is: stable key order, two-space indent, trailing newline. */
export function renderJson(doc: ResultDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
