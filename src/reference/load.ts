import { existsSync, readFileSync } from 'node:fs';
import { DataSetFolder, parseYamlData } from '../data-set-folder.js';
import { fromRoot } from '../paths.js';
import { withDerivedGrowth } from './deflator.js';
import type { DeflatorData, ReferenceData } from './types.js';

/** Reference data sets: `src/reference/<id>.yaml`, shipped compiled (data-set-folder.ts). */
const folder = new DataSetFolder('reference');

const cache = new Map<string, ReferenceData>();

export function listReferenceIds(): string[] {
  return folder.ids();
}

/** Loads a reference data set by id; throws `UnknownReferenceError` for an id that does not exist. */
export function loadReference(id: string): ReferenceData {
  const cached = cache.get(id);
  if (cached) return cached;
  const ids = listReferenceIds();
  if (!ids.includes(id)) throw new UnknownReferenceError(id, ids);
  // The build attaches the appraisal data files to the JSON it writes; the YAML names them.
  const written = folder.read(id) as ReferenceData;
  const data = folder.fromYaml ? attachAppraisalData(written) : written;
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
    return parseYamlData(readFileSync(file, 'utf8'));
  };
  return { ...data, green_book: read(ids.green_book) as ReferenceData['green_book'], gdp_deflator: withDerivedGrowth(read(ids.gdp_deflator) as DeflatorData) };
}

export class UnknownReferenceError extends Error {
  constructor(
    readonly id: string,
    readonly known: string[],
  ) {
    super(`unknown reference data set "${id}" (known: ${known.join(', ')})`);
  }
}
