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
    existsSync(compiled)
      ? JSON.parse(readFileSync(compiled, 'utf8'))
      : attachAppraisalData(parse(readFileSync(`${REFERENCE_DIR}/${id}.yaml`, 'utf8')) as ReferenceData)
  ) as ReferenceData;
  cache.set(id, data);
  return data;
}

/** Appraisal data files (Green Book conventions, GDP deflator series), named from a data set's `appraisal_data`. */
const APPRAISAL_DIR = fromRoot('src', 'reference', 'appraisal');

/**
 * The data set with the appraisal data files it names attached as `green_book` and
 * `gdp_deflator` (the build writes the data set's JSON with them attached).
 */
export function attachAppraisalData(data: ReferenceData): ReferenceData {
  const ids = data.appraisal_data;
  if (!ids) return data;
  const read = (id: string): unknown => {
    const file = `${APPRAISAL_DIR}/${id}.yaml`;
    if (!existsSync(file)) throw new Error(`reference data set ${data.id}: appraisal data file ${id}.yaml not found in src/reference/appraisal`);
    return parse(readFileSync(file, 'utf8'));
  };
  return { ...data, green_book: read(ids.green_book) as ReferenceData['green_book'], gdp_deflator: read(ids.gdp_deflator) as ReferenceData['gdp_deflator'] };
}

export class UnknownReferenceError extends Error {
  constructor(
    readonly id: string,
    readonly known: string[],
  ) {
    super(`unknown reference data set "${id}" (known: ${known.join(', ')})`);
  }
}
