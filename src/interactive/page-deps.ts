/**
 * What the interactive page validates a changed value with (src/interactive/check.ts):
 * the precompiled scenario validator, the reference data and the evidence library, as
 * `compare --set` uses them. In the page bundle this module is replaced by one holding all
 * three (src/build/bundle.ts, "page-deps"); here it loads them as the CLI does.
 */
import { loadGeneratedValidator } from '../validate/schema-validate.js';
import { listReferenceIds, loadReference } from '../reference/load.js';
import { loadEvidenceLibrary } from '../evidence/load.js';
import type { ValidateDeps } from '../validate/validate-scenario.js';

export async function pageValidateDeps(): Promise<ValidateDeps> {
  return { validator: await loadGeneratedValidator('scenario'), referenceIds: listReferenceIds(), getReference: loadReference, getEvidence: () => loadEvidenceLibrary() };
}
