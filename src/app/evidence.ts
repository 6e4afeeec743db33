/**
 * Evidence: the evidence library's entries (or its unit costs and price indices), or
 * one entry or unit cost by id. Entries and unit costs share one id namespace.
 */
import { findLibraryItem, libraryIds, loadEvidenceLibrary } from '../evidence/load.js';
import { didYouMean } from '../source/did-you-mean.js';
import { usageFailure } from './errors.js';

export function evidenceLibrary(): ReturnType<typeof loadEvidenceLibrary> {
  return loadEvidenceLibrary();
}

/** One entry or unit cost; an unknown id is a usage failure with a did-you-mean. */
export function evidenceItem(id: string): { lib: ReturnType<typeof loadEvidenceLibrary>; item: NonNullable<ReturnType<typeof findLibraryItem>> } {
  const lib = loadEvidenceLibrary();
  const item = findLibraryItem(lib, id);
  if (!item) {
    const guess = didYouMean(id, libraryIds(lib));
    throw usageFailure(`unknown evidence or unit cost id "${id}"${guess ? ` (did you mean "${guess}"?)` : ''}; list them with "peerplan evidence" and "peerplan evidence --unit-costs"`);
  }
  return { lib, item };
}
