/**
 * Build step: reference data sets, written and reviewed as YAML in src/reference/,
 * are also written as JSON to dist/generated/reference/, which the CLI reads: parsing
 * JSON costs well under a millisecond, the YAML tens of milliseconds at start-up.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { fromRoot } from '../paths.js';
import { attachAppraisalData } from '../reference/load.js';
import type { ReferenceData } from '../reference/types.js';

const out = fromRoot('dist', 'generated', 'reference');
mkdirSync(out, { recursive: true });
const files = readdirSync(fromRoot('src', 'reference')).filter((f) => f.endsWith('.yaml'));
for (const file of files) {
  const data = attachAppraisalData(parse(readFileSync(fromRoot('src', 'reference', file), 'utf8')) as ReferenceData);
  writeFileSync(`${out}/${file.replace(/\.yaml$/, '.json')}`, `${JSON.stringify(data)}\n`);
}
console.log(`compiled ${files.length} reference data set(s) into dist/generated/reference`);

// Evidence libraries (src/evidence/*.yaml, read by src/evidence/load.ts) the same way.
const evidenceOut = fromRoot('dist', 'generated', 'evidence');
mkdirSync(evidenceOut, { recursive: true });
const evidenceFiles = readdirSync(fromRoot('src', 'evidence')).filter((f) => f.endsWith('.yaml'));
for (const file of evidenceFiles) {
  const data: unknown = parse(readFileSync(fromRoot('src', 'evidence', file), 'utf8'));
  writeFileSync(`${evidenceOut}/${file.replace(/\.yaml$/, '.json')}`, `${JSON.stringify(data)}\n`);
}
console.log(`compiled ${evidenceFiles.length} evidence librar${evidenceFiles.length === 1 ? 'y' : 'ies'} into dist/generated/evidence`);
