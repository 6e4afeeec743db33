/**
 * schemas/result.schema.json and docs/OUTPUT.md describe exactly what the engine returns.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import Ajv2020Module from 'ajv/dist/2020.js';
import { project } from '../../src/engine/project.js';
import { scenarioArb } from './arbitraries.js';
import { band3FixedTerm, band4Permanent, baseScenario, reference } from './fixtures.js';

const Ajv2020 = Ajv2020Module.default;
const ROOT = new URL('../../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('schemas/result.schema.json', ROOT), 'utf8')) as {
  $defs: Record<string, { properties?: Record<string, unknown> }>;
};
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addVocabulary(['x-unit']);
const validateDocument = ajv.compile(schema);
const validateResult = ajv.compile({ $ref: '#/$defs/scenarioResult', $defs: schema.$defs });
const ref = reference();

describe('result schema', () => {
  it('compiles under strict mode and accepts engine results', () => {
    for (const s of [baseScenario(), band4Permanent(), band3FixedTerm()]) {
      const r = project(s, ref);
      expect(validateResult(r), JSON.stringify(validateResult.errors?.slice(0, 3))).toBe(true);
      expect(validateResult(project(s, ref, { detail: 'metrics' }))).toBe(true);
    }
  });

  it('accepts the results of generated scenarios', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = project(s, ref);
        expect(validateResult(r), JSON.stringify(validateResult.errors?.slice(0, 3))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects unknown fields in the result, and accepts a flattened CLI document', () => {
    const r = project(baseScenario(), ref);
    expect(validateResult({ ...r, extra: 1 })).toBe(false);
    expect(validateResult({ ...r, metrics: { ...r.metrics, npv: 'x' } })).toBe(false);
    const doc = {
      peerplan_version: '0.1.0',
      scenarios: [{ ...r, file: 'scenarios/baseline.yaml', hash: 'a'.repeat(64), reference: 'afc-2025-26', inputs: [] }],
    };
    expect(validateDocument(doc), JSON.stringify(validateDocument.errors?.slice(0, 3))).toBe(true);
    expect(validateDocument({ peerplan_version: '0.1.0', scenarios: [{ name: 'x', result: r }] })).toBe(true);
  });
});

describe('docs/OUTPUT.md', () => {
  const doc = readFileSync(new URL('docs/OUTPUT.md', ROOT), 'utf8');
  it('documents every field of every result object', () => {
    for (const [def, s] of Object.entries(schema.$defs)) {
      for (const field of Object.keys(s.properties ?? {})) expect(doc, `${def}.${field}`).toContain(`\`${field}\``);
    }
  });
});
