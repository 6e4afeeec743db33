/**
 * Validation of a parsed `extends` chain, without I/O: schema per file, then merge,
 * defaults and origins, then the rules of meaning. Reports every problem it can find
 * without repeating one (a value that broke the schema is not checked again).
 */
import type { OriginMap } from '../scenario/origin.js';
import type { Scenario } from '../scenario/types.js';
import type { ReferenceData } from '../reference/types.js';
import type { EvidenceLibrary } from '../evidence/types.js';
import { mergeChain } from '../scenario/merge.js';
import { ancestors, locateInChain, type SourceFile } from '../source/positions.js';
import type { Diagnostic } from '../source/diagnostics.js';
import { resolveScenario } from './resolve.js';
import { checkSchema, stripNulls, type GeneratedValidator, type SchemaCheck } from './schema-validate.js';
import { checkSemantics } from './semantic.js';

export interface ValidateDeps {
  validator: GeneratedValidator;
  referenceIds: readonly string[];
  getReference: (id: string) => ReferenceData;
  getEvidence?: () => EvidenceLibrary;
}

export interface ChainValidation {
  /** The resolved scenario, when the chain was complete enough to resolve (check the diagnostics for errors). */
  scenario: Scenario | null;
  origins: OriginMap;
  diagnostics: Diagnostic[];
}

/**
 * Each file's schema check, kept while the file is: a check is a pure function of the
 * parsed file (never mutated) and the validator, so a parent shared by a batch of
 * variants, or a sweep's base under each varied value, is checked once.
 */
const schemaChecks = new WeakMap<SourceFile, { validator: GeneratedValidator; check: SchemaCheck }>();

function checkFile(source: SourceFile, validator: GeneratedValidator): SchemaCheck {
  const hit = schemaChecks.get(source);
  if (hit !== undefined && hit.validator === validator) return hit.check;
  const check = checkSchema(source, stripNulls(source.data), validator);
  schemaChecks.set(source, { validator, check });
  return check;
}

/**
 * @param chain the files, child first
 * @param complete false when the chain could not be followed to its end (a missing or
 *   cyclic `extends`): each file is still checked, but not the merged scenario.
 */
export function validateChain(chain: readonly SourceFile[], complete: boolean, deps: ValidateDeps): ChainValidation {
  const diagnostics: Diagnostic[] = [];
  const bad = new Set<string>();
  for (const source of chain) {
    for (const p of source.flagged) bad.add(p);
    if (!source.ok) continue;
    const result = checkFile(source, deps.validator);
    for (const d of result.diagnostics) diagnostics.push(d); // not push(...): too many arguments overflow the call stack
    for (const p of result.bad) bad.add(p);
  }
  if (!complete || chain.length === 0 || chain.some((s) => !s.ok)) return { scenario: null, origins: {}, diagnostics };

  // Nearly always nothing is bad: then no path needs splitting into its ancestors.
  const isBad = (path: string): boolean => bad.size > 0 && (bad.has(path) || ancestors(path).some((a) => bad.has(a)));
  const merged = mergeChain(chain.map((s) => s.data));
  const resolved = resolveScenario({
    merged,
    chain,
    bad: isBad,
    referenceIds: deps.referenceIds,
    getReference: deps.getReference,
    ...(deps.getEvidence ? { getEvidence: deps.getEvidence } : {}),
  });
  const semantic = checkSemantics({
    scenario: resolved.scenario,
    reference: resolved.reference,
    given: (path) => resolved.given.has(path),
    usable: (...paths) => paths.every((p) => !isBad(p) && !resolved.unresolved.has(p)),
  });
  for (const draft of [...resolved.drafts, ...semantic]) diagnostics.push(locateInChain(chain, draft));
  // A file with errors must be fixed first; "no benefits valued" would only add noise to that list.
  if (diagnostics.some((d) => d.severity === 'error')) {
    const i = diagnostics.findIndex((d) => d.code === 'NO_BENEFITS');
    if (i >= 0) diagnostics.splice(i, 1);
  }
  return { scenario: resolved.scenario, origins: resolved.origins, diagnostics };
}
