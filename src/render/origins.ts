/**
 * Where an input value came from, in words: one wording for every report that lists
 * inputs (the HTML assumptions log, the workbook's Inputs sheet).
 */
import type { Origin } from '../scenario/origin.js';
import type { ReferenceData } from '../reference/types.js';
import { citation } from '../reference/entries.js';
import { loadReference } from '../reference/load.js';

const DEFAULT_PREFIX = 'peerplan default: ';

/**
 * Where an input came from, in words. `brief` (for one-line traces such as `explain`):
 * file positions as `file:line:column`, which editors jump to, and sources by title and
 * publisher only.
 */
export function describeOrigin(
  origin: Origin | null,
  references: (id: string) => ReferenceData = loadReference,
  style: 'full' | 'brief' = 'full',
): string {
  if (origin === null) return 'not recorded';
  const brief = style === 'brief';
  switch (origin.kind) {
    case 'file': {
      const at = brief ? `${origin.file}:${origin.line}:${origin.column}` : `${origin.file} line ${origin.line}`;
      return origin.inherited ? `inherited from ${at}` : at;
    }
    case 'set': {
      const expression = origin.expression.startsWith('-') ? origin.expression : `--set ${origin.expression}`;
      return brief ? `command line ${expression}` : `command line: ${expression}`;
    }
    case 'reference': {
      let cited = origin.source;
      try {
        cited = citation(references(origin.dataset), origin.source, brief);
      } catch {
        // An unknown data set: the source key is all there is to show.
      }
      return `reference ${origin.dataset}: ${origin.key} — ${cited}`;
    }
    case 'evidence':
      return `evidence ${origin.library}: ${origin.id} — ${origin.note}`;
    case 'default':
      // Most notes already say so; say it once.
      return origin.note.startsWith(DEFAULT_PREFIX) ? origin.note : `${DEFAULT_PREFIX}${origin.note}`;
  }
}
