/** docs/SCENARIO.md documents every field of the schema and every diagnostic code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCodes, DIAGNOSTIC_CODES } from '../../../src/source/diagnostics.js';
import { loadGeneratedValidator } from '../../../src/validate/schema-validate.js';
import type { JsonSchema } from '../../../src/validate/schema-info.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const doc = readFileSync(join(ROOT, 'docs', 'SCENARIO.md'), 'utf8');

describe('docs/SCENARIO.md', () => {
  it('has a row for every field of the schema', async () => {
    const { info } = await loadGeneratedValidator();
    const paths: string[] = [];
    const walk = (node: JsonSchema | undefined, path: string): void => {
      const n = info.resolve(node);
      for (const [key, child] of Object.entries(n?.properties ?? {})) {
        const p = path ? `${path}.${key}` : key;
        paths.push(p);
        walk(child, p);
      }
      if (n?.items) walk(n.items, `${path}[]`);
    };
    walk(info.root, '');
    const containers = ['benefits', 'horizon', 'workforce', 'workforce.contract', 'supervision', 'supervision.supervisor', 'turnover', 'training', 'delivery', 'finance', 'burnout', 'burnout.odds_ratios', 'employer', 'volunteers'];
    const missing = paths
      .filter((p) => !containers.includes(p) && !p.startsWith('workforce.funding_changes[]'))
      .filter((p) => !doc.includes(`| \`${p}\` |`));
    expect(missing).toEqual([]);
  });

  it('lists every diagnostic code with its severity and description', () => {
    for (const code of diagnosticCodes()) {
      expect(doc).toContain(`| \`${code}\` | ${DIAGNOSTIC_CODES[code].severity} | ${DIAGNOSTIC_CODES[code].description} |`);
    }
  });

  it('documents the exit codes of validate', () => {
    expect(doc).toMatch(/`0` every file is valid \(warnings allowed\); `1` at least one file is\s+invalid; `2` usage error/);
  });
});
