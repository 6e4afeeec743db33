import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compileAll } from '../../../src/build/compile-validators.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
// Inside the package (test/.tmp is git-ignored), as the generated modules resolve
// ajv's small runtime helpers from node_modules above them, like dist/generated does.
mkdirSync(join(ROOT, 'test', '.tmp'), { recursive: true });
const dir = mkdtempSync(join(ROOT, 'test', '.tmp', 'compile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compile-validators', () => {
  it('compiles every schemas/<name>.schema.json into <name>-validator.js, as ES modules that need no ajv compile', async () => {
    const schemas = join(dir, 'schemas');
    mkdirSync(schemas);
    writeFileSync(join(schemas, 'scenario.schema.json'), readFileSync(join(ROOT, 'schemas', 'scenario.schema.json')));
    // minLength needs one of ajv's runtime helpers, which its ESM output `require`s.
    writeFileSync(
      join(schemas, 'result.schema.json'),
      JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { name: { type: 'string', minLength: 2 } }, required: ['name'] }),
    );
    writeFileSync(join(schemas, 'notes.txt'), 'not a schema');
    const out = join(dir, 'generated');
    expect(compileAll(schemas, out).map((f) => f.slice(out.length + 1))).toEqual(['result-validator.js', 'scenario-validator.js']);

    const result = (await import(pathToFileURL(join(out, 'result-validator.js')).href)) as { validate: (d: unknown) => boolean; schema: object };
    expect(result.validate({ name: 'ok' })).toBe(true);
    expect(result.validate({ name: 'x' })).toBe(false);
    expect(result.schema).toMatchObject({ required: ['name'] });

    const scenario = (await import(pathToFileURL(join(out, 'scenario-validator.js')).href)) as { validate: (d: unknown) => boolean };
    expect(scenario.validate({ peerplan: 1, workforce: { funded_wte: 8 } })).toBe(true);
    expect(scenario.validate({ peerplan: 1, workforce: { funded_wte: -1 } })).toBe(false);
    expect(readFileSync(join(out, 'scenario-validator.js'), 'utf8')).not.toMatch(/new Function|\bajv\.compile\b/);
  });
});
