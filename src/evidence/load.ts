import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { fromRoot, LAYOUT, notBuiltError } from '../paths.js';
import type { EvidenceEntry, EvidenceLibrary, UnitCost } from './types.js';

/**
 * Evidence libraries are written and reviewed as `src/evidence/<id>.yaml`; the build
 * writes each as JSON (src/build/compile-reference.ts), which the built CLI reads, as
 * for the reference data (src/reference/load.ts): an installed package ships dist/.
 */
const FROM_YAML = LAYOUT === 'source';
const DIR = FROM_YAML ? 'src/evidence' : 'dist/generated/evidence';
const EXT = FROM_YAML ? '.yaml' : '.json';

/** The library `peerplan evidence` shows. */
export const DEFAULT_EVIDENCE_LIBRARY = 'peer-support-2025';

const cache = new Map<string, EvidenceLibrary>();

export function loadEvidenceLibrary(id: string = DEFAULT_EVIDENCE_LIBRARY): EvidenceLibrary {
  const cached = cache.get(id);
  if (cached) return cached;
  let files: string[];
  try {
    files = readdirSync(fromRoot(DIR));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notBuiltError(DIR);
    throw err;
  }
  if (!files.includes(`${id}${EXT}`)) throw notBuiltError(`${DIR}/${id}${EXT}`);
  const text = readFileSync(fromRoot(DIR, `${id}${EXT}`), 'utf8');
  const data = (FROM_YAML ? parse(text) : JSON.parse(text)) as EvidenceLibrary;
  cache.set(id, data);
  return data;
}

export type LibraryItem = { kind: 'evidence'; entry: EvidenceEntry } | { kind: 'unit cost'; entry: UnitCost };

/** An evidence entry or a unit cost by id (the two share one namespace), or undefined. */
export function findLibraryItem(lib: EvidenceLibrary, id: string): LibraryItem | undefined {
  const e = lib.entries.find((x) => x.id === id);
  if (e) return { kind: 'evidence', entry: e };
  const u = lib.unit_costs.find((x) => x.id === id);
  return u ? { kind: 'unit cost', entry: u } : undefined;
}

export function libraryIds(lib: EvidenceLibrary): string[] {
  return [...lib.entries.map((e) => e.id), ...lib.unit_costs.map((u) => u.id)];
}
