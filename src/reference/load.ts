import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { fromRoot, LAYOUT, notBuiltError } from '../paths.js';
import type { ReferenceData } from './types.js';

/**
 * Reference data sets are written and reviewed as `src/reference/<id>.yaml`. The build
 * writes each as JSON (src/build/compile-reference.ts), far faster to read, and the
 * built CLI reads only those: an installed package ships dist/, not src/. The
 * TypeScript itself (tests, `npm run dev`) reads the YAML, so an edit counts at once.
 */
const FROM_YAML = LAYOUT === 'source';
const DIR = FROM_YAML ? 'src/reference' : 'dist/generated/reference';
const EXT = FROM_YAML ? '.yaml' : '.json';

const cache = new Map<string, ReferenceData>();

export function listReferenceIds(): string[] {
  let files: string[];
  try {
    files = readdirSync(fromRoot(DIR));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notBuiltError(DIR);
    throw err;
  }
  return files
    .filter((f) => f.endsWith(EXT))
    .map((f) => f.slice(0, -EXT.length))
    .sort();
}

/** Loads a reference data set by id; throws `UnknownReferenceError` for an id that does not exist. */
export function loadReference(id: string): ReferenceData {
  const cached = cache.get(id);
  if (cached) return cached;
  const ids = listReferenceIds();
  if (!ids.includes(id)) throw new UnknownReferenceError(id, ids);
  const text = readFileSync(fromRoot(DIR, `${id}${EXT}`), 'utf8');
  // The build attaches the appraisal data files to the JSON it writes; the YAML names them.
  const data = (FROM_YAML ? attachAppraisalData(parse(text) as ReferenceData) : JSON.parse(text)) as ReferenceData;
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
