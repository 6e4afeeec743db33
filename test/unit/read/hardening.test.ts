/**
 * Hardening of the reader (issue #18): `extends` confined to the scenario's folder tree,
 * `--set` paths that lead nowhere, hostile sizes and shapes, and errors at the right line.
 * Each case here failed before its fix.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/read/load-scenario.js';
import { parseOverride } from '../../../src/read/overrides.js';
import { MAX_DIAGNOSTICS_PER_FILE, parseScenarioYaml } from '../../../src/read/parse-yaml.js';
import { formatDiagnostics } from '../../../src/source/diagnostics.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
let dir: string;
const SECRET = 'DB_PASSWORD: hunter2-very-secret';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-hardening-'));
  mkdirSync(join(dir, 'project', 'options'), { recursive: true });
  writeFileSync(join(dir, 'secret.env'), `${SECRET}\nOTHER: x\n`);
  writeFileSync(join(dir, 'broken.env'), `password = "hunter2-very-secret\n  : [\n`);
  writeFileSync(join(dir, 'parent.yaml'), 'peerplan: 1\nworkforce:\n  funded_wte: 8\n');
  writeFileSync(join(dir, 'project', 'options', 'to-secret.yaml'), 'peerplan: 1\nextends: ../../secret.env\n');
  writeFileSync(join(dir, 'project', 'options', 'to-broken.yaml'), 'peerplan: 1\nextends: ../../broken.env\n');
  writeFileSync(join(dir, 'project', 'options', 'to-parent.yaml'), 'peerplan: 1\nextends: ../../parent.yaml\n');
  writeFileSync(join(dir, 'project', 'options', 'absolute.yaml'), `peerplan: 1\nextends: ${join(dir, 'secret.env')}\n`);
  writeFileSync(join(dir, 'project', 'base.yaml'), 'peerplan: 1\nworkforce:\n  funded_wte: 8\n');
  writeFileSync(join(dir, 'project', 'options', 'up-one.yaml'), 'peerplan: 1\nextends: ../base.yaml\n');
  symlinkSync(join(dir, 'secret.env'), join(dir, 'project', 'options', 'innocent.yaml'));
  writeFileSync(join(dir, 'project', 'options', 'via-link.yaml'), 'peerplan: 1\nextends: innocent.yaml\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const everything = (diagnostics: readonly object[]): string => JSON.stringify(diagnostics) + formatDiagnostics(diagnostics as never);

describe('S3: extends stays inside the scenario folder tree', () => {
  it.each(['to-secret.yaml', 'absolute.yaml', 'via-link.yaml', 'to-parent.yaml'])('%s is refused without reading the file', async (name) => {
    const { loaded, diagnostics } = await loadScenario(`project/options/${name}`, { cwd: dir });
    expect(loaded).toBeNull();
    expect(diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['EXTENDS_OUTSIDE_FOLDER 2:10']);
    expect(everything(diagnostics)).not.toContain('hunter2');
  });

  it('a parent folder is in the tree once given as --extends-root (issue #24: a .peerplan-root alone widens nothing)', async () => {
    expect((await loadScenario('project/options/up-one.yaml', { cwd: dir })).diagnostics.map((d) => d.code)).toEqual(['EXTENDS_OUTSIDE_FOLDER']);
    const extendsRoot = join(dir, 'project');
    expect((await loadScenario('project/options/up-one.yaml', { cwd: dir, extendsRoot })).loaded).not.toBeNull();
    // The root given widens the tree to that folder, no further.
    expect((await loadScenario('project/options/to-parent.yaml', { cwd: dir, extendsRoot })).diagnostics.map((d) => d.code)).toEqual(['EXTENDS_OUTSIDE_FOLDER']);
  });

  it('--allow-extends-outside reads a scenario outside the tree', async () => {
    const { loaded } = await loadScenario('project/options/to-parent.yaml', { cwd: dir, allowExtendsOutside: true });
    expect(loaded?.scenario.workforce.funded_wte).toBe(8);
  });

  it.each(['to-secret.yaml', 'to-broken.yaml', 'via-link.yaml'])('with --allow-extends-outside, %s (not a scenario) is named but never quoted', async (name) => {
    const { loaded, diagnostics } = await loadScenario(`project/options/${name}`, { cwd: dir, allowExtendsOutside: true });
    expect(loaded).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(['NOT_A_SCENARIO']);
    expect(diagnostics[0]!.file).toBe(`project/options/${name}`);
    expect(everything(diagnostics)).not.toContain('hunter2');
    expect(everything(diagnostics)).not.toContain('PASSWORD');
  });
});

describe('D5: a --set path that leads nowhere is refused, with a did-you-mean', () => {
  const bundled = (sets: string[]) => loadScenario('scenarios/band4-permanent.yaml', { cwd: ROOT, overrides: sets.map(parseOverride) });

  it.each([
    ['benefits[4294967295].quantity=999', 'benefits[2].quantity'],
    ['benefits[1000000].quantity=999', 'benefits[2].quantity'],
    ['benefits[7].quantity=999', 'benefits[2].quantity'],
    ['turnover.anual_leaver_rate=20%', 'turnover.annual_leaver_rate'],
    ['workforce.band.x=1', 'workforce.band'],
  ])('%s', async (set, suggestion) => {
    const started = performance.now();
    const { loaded, diagnostics } = await bundled([set]);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(loaded).toBeNull();
    const d = diagnostics.find((x) => x.code === 'SET_PATH_NOT_FOUND');
    expect(d, JSON.stringify(diagnostics)).toBeDefined();
    expect(d!.file).toBe(`--set ${set} on scenarios/band4-permanent.yaml`);
    expect(d!.did_you_mean).toBe(suggestion);
  });

  it('one past the end of a list adds an item', async () => {
    const { diagnostics } = await bundled(['benefits[2].name=New', 'benefits[2].basis=person_supported', 'benefits[2].quantity=1', 'benefits[2].unit_value=10', 'benefits[2].category=social']);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('D7: --set keeps the origins of the values it does not touch', () => {
  it('a value from the file itself is not called inherited', async () => {
    const { loaded } = await loadScenario('scenarios/band4-permanent.yaml', { cwd: ROOT, overrides: [parseOverride('turnover.annual_leaver_rate=20%')] });
    const plain = await loadScenario('scenarios/band4-permanent.yaml', { cwd: ROOT });
    for (const [path, origin] of Object.entries(plain.loaded!.origins)) {
      if (path.startsWith('turnover.annual_leaver_rate')) continue;
      expect(loaded!.origins[path], path).toEqual(origin);
    }
    expect(loaded!.origins['turnover.annual_leaver_rate']).toEqual({ kind: 'set', expression: '--set turnover.annual_leaver_rate=20%' });
  });
});

describe('resources: big and deep files are refused quickly', () => {
  it('80,000 keys: refused in linear time (was 280 s)', () => {
    let text = 'peerplan: 1\n';
    for (let i = 0; i < 80_000; i++) text += `k${i}: 1\n`;
    const started = performance.now();
    const parsed = parseScenarioYaml(text, 'keys.yaml');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['TOO_COMPLEX']);
  });

  it('duplicate keys are still found without the quadratic check', () => {
    let text = 'peerplan: 1\nworkforce:\n';
    for (let i = 0; i < 900; i++) text += `  k${i % 450}: 1\n`;
    const parsed = parseScenarioYaml(text, 'dups.yaml');
    expect(parsed.diagnostics.filter((d) => d.code === 'DUPLICATE_KEY')).toHaveLength(MAX_DIAGNOSTICS_PER_FILE);
    expect(parsed.diagnostics.at(-1)).toMatchObject({ code: 'TOO_MANY_PROBLEMS' });
    expect(parsed.diagnostics.at(-1)!.message).toMatch(/^400 more problems/);
  });

  it('1 MiB of [ (was 30 s and 987 MB)', () => {
    const started = performance.now();
    const parsed = parseScenarioYaml('['.repeat(1024 * 1024), 'brackets.yaml');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(parsed.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['TOO_COMPLEX 1:65']);
  });

  it('deep block nesting is refused too, without exhausting the stack', () => {
    let text = 'peerplan: 1\nx:\n';
    for (let i = 1; i <= 100; i++) text += `${'  '.repeat(i)}k:\n`;
    expect(parseScenarioYaml(text, 'deep.yaml').diagnostics.map((d) => d.code)).toContain('TOO_COMPLEX');
  });

  it('error output is capped per file, with a count of the rest', async () => {
    const lines = ['peerplan: 1', 'workforce:', '  funded_wte: 8'];
    for (let i = 0; i < 500; i++) lines.push(`unknown_${i}: 1`);
    writeFileSync(join(dir, 'flood.yaml'), `${lines.join('\n')}\n`);
    const { diagnostics } = await loadScenario('flood.yaml', { cwd: dir });
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(diagnostics.at(-1)!.message).toMatch(/^450 more problems in flood\.yaml not shown/);
  });
});

describe('smaller errors', () => {
  it('CR-only line endings are read as line breaks, not as an empty file', () => {
    const parsed = parseScenarioYaml('# a comment\rpeerplan: 1\rworkforce:\r  funded_wte: 8\r', 'mac.yaml');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.data).toMatchObject({ peerplan: 1, workforce: { funded_wte: 8 } });
  });

  it('a line indented too far is reported at that line, not the line above', () => {
    const parsed = parseScenarioYaml('peerplan: 1\nworkforce:\n  funded_wte: 8\n    band: 4\n', 'indent.yaml');
    expect(parsed.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['YAML_SYNTAX 4:5']);
    expect(parsed.diagnostics[0]!.message).toMatch(/line 4 is indented more than line 3/);
  });

  it.each([
    ['indented less than its neighbours', 'peerplan: 1\nworkforce:\n  funded_wte: 8\n band: 4\n', '4:2', /^malformed YAML: line 4 is indented less than line 3 above it \(column 2, not 3\)/],
    ['a field without its colon', 'peerplan: 1\nworkforce:\n  funded_wte: 8\n  band 4\n  x: 1\n', '4:3', /line 4 has no colon after its field name: .*did you mean `band: 4`\?/],
    ['indented with a tab', 'peerplan: 1\nworkforce:\n\tfunded_wte: 8\n', '3:1', /line 3 is indented with a tab: YAML indents with spaces only/],
  ])('%s: one plain message at the line itself', (_what, text, at, message) => {
    const parsed = parseScenarioYaml(text, 'indent.yaml');
    expect(parsed.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual([`YAML_SYNTAX ${at}`]);
    expect(parsed.diagnostics[0]!.message).toMatch(message);
    expect(parsed.diagnostics[0]!.message).not.toMatch(/implicit|mapping items|compact/i);
  });

  it('an unclosed quote is reported where it opens, not at the end of the file', () => {
    const parsed = parseScenarioYaml('peerplan: 1\nname: "Band 4\nworkforce:\n  funded_wte: 8\n\n\n', 'quote.yaml');
    expect(parsed.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['YAML_SYNTAX 2:7']);
  });

  it('a merge key says merge keys are not supported', () => {
    const parsed = parseScenarioYaml('peerplan: 1\nbase: &b {funded_wte: 8}\nworkforce:\n  <<: *b\n', 'merge.yaml');
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['MERGE_KEY']);
    expect(parsed.diagnostics[0]!.message).toMatch(/merge key \(<<\), which peerplan does not support/);
  });
});

describe('the nesting pre-check cannot be hidden behind a quote', () => {
  it('a quote in a block scalar does not hide a million [', () => {
    const started = performance.now();
    const parsed = parseScenarioYaml(`peerplan: 1\ndescription: |\n  "\nx: ${'['.repeat(1024 * 1024)}`, 'hidden.yaml');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['TOO_COMPLEX']);
  });
});
