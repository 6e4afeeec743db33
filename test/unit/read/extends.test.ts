import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, MAX_EXTENDS_DEPTH } from '../../../src/read/load-scenario.js';
import { deepMerge, mergeChain } from '../../../src/scenario/merge.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
/** The fixtures are one project: `extends` may reach across test/fixtures once the user says so (--extends-root). */
const FIXTURES = join(ROOT, 'test', 'fixtures');
const load = (file: string) => loadScenario(`test/fixtures/extends/${file}`, { cwd: ROOT, extendsRoot: FIXTURES });

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const obj = (value: object): Record<string, unknown> => Object.assign(Object.create(null) as object, value) as Record<string, unknown>;

describe('deepMerge', () => {
  it('merges mappings key by key and replaces lists and values', () => {
    const parent = obj({ a: obj({ x: 1, y: 2 }), list: [1, 2, 3], keep: 'p' });
    const child = obj({ a: obj({ y: 20, z: 30 }), list: [9] });
    expect(plain(deepMerge(parent, child))).toEqual({ a: { x: 1, y: 20, z: 30 }, list: [9], keep: 'p' });
  });

  it('an empty (null) value in the child removes the parent value', () => {
    expect(plain(deepMerge(obj({ a: 1, b: obj({ c: 2, d: 3 }) }), obj({ a: null, b: obj({ c: null }) })))).toEqual({ b: { d: 3 } });
  });

  it('a mapping replaces a value of another kind, and the other way round', () => {
    expect(plain(deepMerge(obj({ a: 5 }), obj({ a: obj({ x: 1 }) })))).toEqual({ a: { x: 1 } });
    expect(plain(deepMerge(obj({ a: obj({ x: 1 }) }), obj({ a: [1] })))).toEqual({ a: [1] });
  });

  it('never mutates its inputs', () => {
    const parent = obj({ a: obj({ x: 1 }) });
    const child = obj({ a: obj({ y: 2 }) });
    deepMerge(parent, child);
    expect(plain(parent)).toEqual({ a: { x: 1 } });
    expect(plain(child)).toEqual({ a: { y: 2 } });
  });

  it('mergeChain does not pass name, description or extends down', () => {
    const merged = mergeChain([obj({ peerplan: 1, extends: 'p.yaml' }), obj({ peerplan: 1, name: 'Parent', description: 'd', band: 4 })]);
    expect(plain(merged)).toEqual({ peerplan: 1, band: 4 });
  });

  it('mergeChain over three files gives what merging two at a time gives, sharing no object with its inputs', () => {
    const grand = obj({ peerplan: 1, name: 'G', a: obj({ x: 1, y: obj({ deep: 1 }) }), list: [obj({ k: 1 })], gone: obj({ z: 1 }) });
    const parent = obj({ peerplan: 1, name: 'P', extends: 'g.yaml', a: obj({ y: obj({ deeper: 2 }) }), gone: null });
    const child = obj({ peerplan: 1, name: 'C', extends: 'p.yaml', a: obj({ x: 3 }) });
    const inputs = [child, parent, grand].map((x) => JSON.stringify(x));
    const merged = mergeChain([child, parent, grand]);
    expect(plain(merged)).toEqual({ peerplan: 1, name: 'C', a: { x: 3, y: { deep: 1, deeper: 2 } }, list: [{ k: 1 }] });
    expect([child, parent, grand].map((x) => JSON.stringify(x))).toEqual(inputs);
    const mine = new Set<unknown>();
    const collect = (v: unknown): void => {
      if (typeof v !== 'object' || v === null) return;
      mine.add(v);
      for (const c of Object.values(v)) collect(c);
    };
    collect(merged);
    const shared: unknown[] = [];
    const check = (v: unknown): void => {
      if (typeof v !== 'object' || v === null) return;
      if (mine.has(v)) shared.push(v);
      for (const c of Object.values(v)) check(c);
    };
    [child, parent, grand].forEach(check);
    expect(shared).toEqual([]);
  });
});

describe('extends chains', () => {
  it('a child deep-merges over its parent, lists replace, an empty value restores the default', async () => {
    const { loaded, diagnostics } = await load('child.yaml');
    expect(diagnostics.filter((d) => d.code !== 'NO_BENEFITS')).toEqual([]); // these files value no benefits: not the subject here
    const s = loaded!.scenario;
    expect(loaded!.chain).toEqual(['test/fixtures/extends/child.yaml', 'test/fixtures/extends/base.yaml']);
    expect(s.workforce).toMatchObject({ funded_wte: 6, band: '4', pay_point: 'middle', team_size: 6 });
    expect(s.workforce.contract).toEqual({ type: 'fixed_term', term_months: 12, renewal_probability: 0.6 });
    expect(s.supervision.supervisor).toEqual({ band: '6', pay_point: 'middle', lived_experience: true });
    expect(s.turnover).toEqual({ annual_leaver_rate: 0.14, months_to_fill: 3, recruitment_cost_per_hire: 2500, pay_leaving_elasticity: 0.5 });
    expect(s.benefits.map((b) => [b.name, b.quantity])).toEqual([['Avoided readmissions', 0.05]]);
    expect(s.finance.pension).toBe('whole_system');
  });

  it('name and description are not inherited', async () => {
    const { loaded } = await load('child.yaml');
    expect(loaded!.scenario.name).toBe('child');
    expect(loaded!.scenario.description).toBe('');
    expect(loaded!.origins.name).toEqual({ kind: 'default', note: 'peerplan default: the file name without its extension' });
  });

  it('records where every value came from, marking inherited ones', async () => {
    const { loaded } = await load('child.yaml');
    const o = loaded!.origins;
    expect(o['workforce.band']).toEqual({ kind: 'file', file: 'test/fixtures/extends/child.yaml', line: 4, column: 9, inherited: false });
    expect(o['workforce.funded_wte']).toEqual({ kind: 'file', file: 'test/fixtures/extends/base.yaml', line: 7, column: 15, inherited: true });
    expect(o['turnover.annual_leaver_rate']).toEqual({ kind: 'reference', dataset: 'afc-2025-26', key: 'workforce.annual_leaver_rate', source: 'nhs_leavers_2024' });
    expect(o['turnover.months_to_fill']).toMatchObject({ kind: 'file', inherited: true, line: 15 });
    expect(o['benefits[0].quantity']).toMatchObject({ kind: 'file', file: 'test/fixtures/extends/child.yaml', line: 14 });
    expect(o['benefits[0].attribution']).toMatchObject({ kind: 'default' });
    expect(o['benefits[1].name']).toBeUndefined();
  });

  it('follows a chain of three files, with paths relative to each file', async () => {
    const { loaded, diagnostics } = await load('sub/grandchild.yaml');
    expect(diagnostics.filter((d) => d.code !== 'NO_BENEFITS')).toEqual([]); // these files value no benefits: not the subject here
    expect(loaded!.chain).toEqual(['test/fixtures/extends/sub/grandchild.yaml', 'test/fixtures/extends/child.yaml', 'test/fixtures/extends/base.yaml']);
    expect(loaded!.scenario).toMatchObject({ name: 'Grandchild', workforce: { funded_wte: 10, band: '4', team_size: 6 } });
    expect(loaded!.origins['workforce.band']).toMatchObject({ file: 'test/fixtures/extends/child.yaml', inherited: true });
  });

  it('reports problems in every file of the chain', async () => {
    const { loaded, diagnostics } = await load('bad-child.yaml');
    expect(loaded).toBeNull();
    expect(diagnostics.map((d) => [d.file, d.code, d.path])).toEqual([
      ['test/fixtures/extends/bad-child.yaml', 'INVALID_VALUE', 'workforce.pay_point'],
      ['test/fixtures/extends/bad-parent.yaml', 'UNKNOWN_FIELD', 'workforce.bnad'],
    ]);
  });

  it('a cycle names the chain', async () => {
    const { diagnostics } = await loadScenario('test/fixtures/invalid/EXTENDS_CYCLE.yaml', { cwd: ROOT });
    expect(diagnostics[0]!.message).toBe(
      'extends goes round in a circle: test/fixtures/invalid/EXTENDS_CYCLE.yaml → test/fixtures/invalid/EXTENDS_CYCLE.yaml',
    );
  });

  it(`a chain deeper than ${MAX_EXTENDS_DEPTH} names the chain, and the file where it goes too deep`, async () => {
    const { diagnostics } = await loadScenario('test/fixtures/invalid/EXTENDS_TOO_DEEP.yaml', { cwd: ROOT, extendsRoot: FIXTURES });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.file).toBe('test/fixtures/extends/deep/d8.yaml');
    expect(diagnostics[0]!.message).toContain('test/fixtures/invalid/EXTENDS_TOO_DEEP.yaml → test/fixtures/extends/deep/d1.yaml →');
    expect(diagnostics[0]!.message).toMatch(/d8\.yaml → test\/fixtures\/extends\/deep\/d9\.yaml$/);
  });

  it('a chain of exactly 8 levels is fine', async () => {
    const { loaded, diagnostics } = await load('deep/d1.yaml');
    expect(diagnostics.filter((d) => d.code !== 'NO_BENEFITS')).toEqual([]); // these files value no benefits: not the subject here
    expect(loaded!.chain).toHaveLength(9);
  });

  it('a missing parent is reported at the extends line', async () => {
    const { diagnostics } = await loadScenario('test/fixtures/invalid/EXTENDS_NOT_FOUND.yaml', { cwd: ROOT });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'EXTENDS_NOT_FOUND', line: 3, column: 10, path: 'extends' });
    expect(diagnostics[0]!.message).toContain('test/fixtures/invalid/no-such-parent.yaml');
  });
});
