import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { project } from '../../src/engine/project.js';
import { clone, scenarioArb } from './arbitraries.js';
import { band3FixedTerm, baseScenario, reference } from './fixtures.js';

const ref = reference();

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object') {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

describe('purity and determinism', () => {
  it('same input, byte-identical JSON, also interleaved with other projections', () => {
    fc.assert(
      fc.property(scenarioArb, scenarioArb, (a, b) => {
        const first = JSON.stringify(project(a, ref));
        project(b, ref, { detail: 'metrics' }); // reuse of working buffers must not leak
        project(b, ref);
        expect(JSON.stringify(project(clone(a), ref))).toBe(first);
      }),
      { numRuns: 60 },
    );
  });

  it('does not modify its inputs', () => {
    const s = deepFreeze(band3FixedTerm());
    const before = JSON.stringify(s);
    expect(() => project(s, deepFreeze(structuredClone(ref)))).not.toThrow();
    expect(JSON.stringify(s)).toBe(before);
  });

  it('results do not share arrays with later projections', () => {
    const r1 = project(baseScenario(), ref);
    const snapshot = JSON.stringify(r1);
    project(band3FixedTerm(), ref);
    expect(JSON.stringify(r1)).toBe(snapshot);
  });

  it('engine sources use no clock, randomness, I/O or Date', () => {
    const dir = new URL('../../src/engine/', import.meta.url);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const src = readFileSync(new URL(f, dir), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(src, f).not.toMatch(/\bDate\b|Math\.random|performance\.|process\.|from 'node:|toLocale|Intl\./);
    }
  });
});
