import { DataSetFolder } from '../data-set-folder.js';
import { notBuiltError } from '../paths.js';
import type { EvidenceEntry, EvidenceLibrary, UnitCost } from './types.js';

/** Evidence libraries: `src/evidence/<id>.yaml`, shipped compiled, as the reference data (data-set-folder.ts). */
const folder = new DataSetFolder('evidence');

/** The library `peerplan evidence` shows. */
export const DEFAULT_EVIDENCE_LIBRARY = 'peer-support-2025';

const cache = new Map<string, EvidenceLibrary>();

export function loadEvidenceLibrary(id: string = DEFAULT_EVIDENCE_LIBRARY): EvidenceLibrary {
  const cached = cache.get(id);
  if (cached) return cached;
  if (!folder.ids().includes(id)) throw notBuiltError(`${folder.dir}/${id}${folder.ext}`);
  const data = folder.read(id) as EvidenceLibrary;
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
