// A batch renders each scenario's JSON once and builds the comparison from those parts
// (src/render/json.ts); the result must be byte for byte the plain rendering.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/read/load-scenario.js';
import { loadReference } from '../../../src/reference/load.js';
import { project } from '../../../src/engine/project.js';
import { resultDocument, type Projected } from '../../../src/result/document.js';
import { renderJson, renderJsonPieces, scenarioPart } from '../../../src/render/json.js';
import { compareScenarios } from '../../../src/compare/compare.js';
import { narrative } from '../../../src/compare/narrative.js';
import { DEFAULT_COMPARE_METRICS } from '../../../src/metrics/catalogue.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
let projected: Projected[] = [];

beforeAll(async () => {
  const files = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();
  for (const file of files) {
    const { loaded } = await loadScenario(`scenarios/${file}`, { cwd: ROOT });
    if (!loaded) throw new Error(`scenarios/${file} did not load`);
    projected.push({ loaded, scenario: loaded.scenario, result: project(loaded.scenario, loadReference(loaded.scenario.reference)) });
  }
  // A name outside ASCII and with JSON escapes, so a part is not only one-byte text.
  const first = projected[0]!;
  projected = [...projected, { ...first, result: { ...first.result, name: 'Équipe "pair" ★\n2' } }];
});

function comparisonDoc(items: readonly Projected[], generatedAt?: string) {
  const compared = items.map((p) => ({ name: p.result.name, scenario: p.scenario, result: p.result }));
  const comparison = { ...compareScenarios(compared, { baseline: 0, metrics: DEFAULT_COMPARE_METRICS }), narrative: narrative(compared) };
  return resultDocument(items, generatedAt ? { comparison, generatedAt } : { comparison });
}

describe('JSON from rendered scenario parts', () => {
  it('a comparison put together from the parts is renderJson of the whole document', () => {
    const parts = projected.map((p) => scenarioPart(renderJson(resultDocument([p]))));
    for (const doc of [comparisonDoc(projected), comparisonDoc(projected, '2026-01-01T00:00:00.000Z')]) {
      expect(renderJsonPieces(doc, parts).join('')).toBe(renderJson(doc));
    }
  });

  it('one scenario, and a document without a comparison', () => {
    const one = projected.slice(0, 1);
    const parts = one.map((p) => scenarioPart(renderJson(resultDocument([p]))));
    expect(renderJsonPieces(comparisonDoc(one), parts).join('')).toBe(renderJson(comparisonDoc(one)));
    expect(renderJsonPieces(resultDocument(one), parts).join('')).toBe(renderJson(resultDocument(one)));
  });

  it('a part is the scenario rendered at the depth of the scenarios list', () => {
    const p = projected[0]!;
    const part = scenarioPart(renderJson(resultDocument([p])));
    expect(JSON.parse(part)).toEqual(JSON.parse(JSON.stringify(resultDocument([p]).scenarios[0])));
    expect(part.startsWith('{\n      "name": ')).toBe(true);
    expect(part.endsWith('\n    }')).toBe(true);
  });
});
