import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { fromRoot } from '../paths.js';
import type { ReferenceData } from './types.js';

/** Reference data sets are written as `<id>.yaml` beside this module's source. */
const REFERENCE_DIR = fromRoot('src', 'reference');
/** The build writes each as JSON too (src/build/compile-reference.ts): far faster to read; without a build, the YAML is read. */
const COMPILED_DIR = fromRoot('dist', 'generated', 'reference');

const cache = new Map<string, ReferenceData>();

export function listReferenceIds(): string[] {
  return readdirSync(REFERENCE_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** Loads a reference data set by id; throws `UnknownReferenceError` for an id that does not exist. */
export function loadReference(id: string): ReferenceData {
  const cached = cache.get(id);
  if (cached) return cached;
  const ids = listReferenceIds();
  if (!ids.includes(id)) throw new UnknownReferenceError(id, ids);
  const compiled = `${COMPILED_DIR}/${id}.json`;
  const data = (
    existsSync(compiled) ? JSON.parse(readFileSync(compiled, 'utf8')) : parse(readFileSync(`${REFERENCE_DIR}/${id}.yaml`, 'utf8'))
  ) as ReferenceData;
  cache.set(id, data);
  return data;
}

export class UnknownReferenceError extends Error {
  constructor(
    readonly id: string,
    readonly known: string[],
  ) {
    super(`unknown reference data set "${id}" (known: ${known.join(', ')})`);
  }
}
