/**
 * Where an input value came from, in words: one wording for every report that lists
 * inputs (the HTML assumptions log, the workbook's Inputs sheet).
 */
import type { Origin } from '../scenario/origin.js';
import type { ReferenceData } from '../reference/types.js';
import { citation } from '../reference/entries.js';
import { loadReference } from '../reference/load.js';

const DEFAULT_REFERENCES = (id: string): ReferenceData => loadReference(id);

/** Where an input came from, in words. */
export function describeOrigin(origin: Origin | null, references: (id: string) => ReferenceData = DEFAULT_REFERENCES): string {
  if (origin === null) return 'not recorded';
  switch (origin.kind) {
    case 'file':
      return origin.inherited ? `inherited from ${origin.file} line ${origin.line}` : `${origin.file} line ${origin.line}`;
    case 'set':
      return `command line: ${origin.expression.startsWith('-') ? origin.expression : `--set ${origin.expression}`}`;
    case 'reference': {
      let cited = origin.source;
      try {
        cited = citation(references(origin.dataset), origin.source);
      } catch {
        // An unknown data set: the source key is all there is to show.
      }
      return `reference ${origin.dataset}: ${origin.key} — ${cited}`;
    }
    case 'default':
      return `peerplan default: ${origin.note}`;
  }
}
