/**
 * Issue #24, N2 (and E5): `extends` inside the scenario's own folder tree still quoted
 * lines of files that are not scenarios (credentials, .npmrc, .git/config); a
 * `.peerplan-root` someone added widened what could be read. Each case failed before
 * its fix.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/read/load-scenario.js';
import { formatDiagnostics } from '../../../src/source/diagnostics.js';

let dir: string;
const everything = (diagnostics: readonly object[]): string => JSON.stringify(diagnostics) + formatDiagnostics(diagnostics as never);

const SECRETS: Record<string, string> = {
  creds: '[default]\naws_access_key_id = AKIAFAKE\naws_secret_access_key = s3cr3t\n',
  '.npmrc': '//registry.npmjs.org/:_authToken=npm_FAKETOKEN\n',
  '.env': 'API_TOKEN=FAKETOKEN\n',
  'docker.json': '{"auths": {"x": {"auth": "RkFLRVRPS0VO"}}}\n',
  '.git/config': '[http]\n\textraheader = AUTHORIZATION: basic FAKETOKEN\n',
  'looks-yaml.yaml': 'token: FAKETOKEN\nname: x\n',
  'nested.yaml': 'settings:\n  peerplan: 1\n  token: FAKETOKEN\n',
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-n2-'));
  mkdirSync(join(dir, '.git'));
  for (const [name, text] of Object.entries(SECRETS)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'base.yaml'), 'peerplan: 1\nworkforce:\n  funded_wte: 8\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('N2: extends refuses a file that is not a scenario, without quoting it', () => {
  it.each(Object.keys(SECRETS))('extends: %s → NOT_A_SCENARIO, no line of it shown', async (name) => {
    writeFileSync(join(dir, 's.yaml'), `peerplan: 1\nextends: ${name}\nname: x\n`);
    const { loaded, diagnostics } = await loadScenario('s.yaml', { cwd: dir });
    expect(loaded).toBeNull();
    expect(diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual(['NOT_A_SCENARIO s.yaml:2']);
    expect(diagnostics[0]!.message).toBe(`extends names ${name}, which is not a scenario file (its contents are not shown)`);
    for (const secret of ['AKIAFAKE', 's3cr3t', 'FAKETOKEN', 'RkFLRVRPS0VO']) expect(everything(diagnostics)).not.toContain(secret);
  });

  it('a real parent scenario still works, and a broken one (declaring peerplan:) still reports its own errors', async () => {
    writeFileSync(join(dir, 'child.yaml'), 'peerplan: 1\nextends: base.yaml\nname: x\n');
    expect((await loadScenario('child.yaml', { cwd: dir })).diagnostics.filter((d) => d.code === 'NOT_A_SCENARIO')).toEqual([]);
    writeFileSync(join(dir, 'broken-parent.yaml'), 'peerplan: 1\nworkforce: [\n');
    writeFileSync(join(dir, 'child2.yaml'), 'peerplan: 1\nextends: broken-parent.yaml\nname: x\n');
    const { diagnostics } = await loadScenario('child2.yaml', { cwd: dir });
    expect(diagnostics[0]!.file).toBe('broken-parent.yaml');
  });

  it('E5: a path with a NUL character is a clear error, not ERR_INVALID_ARG_VALUE', async () => {
    writeFileSync(join(dir, 'nul.yaml'), 'peerplan: 1\nextends: "base.yaml\\u0000.txt"\nname: x\n');
    const { diagnostics } = await loadScenario('nul.yaml', { cwd: dir });
    expect(diagnostics.map((d) => d.code)).toEqual(['EXTENDS_NOT_FOUND']);
    expect(everything(diagnostics)).not.toContain('ERR_INVALID_ARG_VALUE');
    expect(diagnostics[0]!.message).toContain('NUL character');
  });
});

describe('N2: .peerplan-root widens nothing without the user\'s --extends-root', () => {
  it('a marker someone added does not let a scenario reach above its folder; --extends-root does', async () => {
    mkdirSync(join(dir, 'proj', 'options'), { recursive: true });
    writeFileSync(join(dir, 'proj', '.peerplan-root'), '');
    writeFileSync(join(dir, 'proj', 'base.yaml'), 'peerplan: 1\nworkforce:\n  funded_wte: 8\n');
    writeFileSync(join(dir, 'proj', 'options', 'up.yaml'), 'peerplan: 1\nextends: ../base.yaml\n');
    const refused = await loadScenario('proj/options/up.yaml', { cwd: dir });
    expect(refused.diagnostics.map((d) => d.code)).toEqual(['EXTENDS_OUTSIDE_FOLDER']);
    expect(refused.diagnostics[0]!.expected).toContain('--extends-root proj');
    const allowed = await loadScenario('proj/options/up.yaml', { cwd: dir, extendsRoot: join(dir, 'proj') });
    expect(allowed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).not.toContain('EXTENDS_OUTSIDE_FOLDER');
    // The given root does not apply to a scenario outside it.
    const elsewhere = await loadScenario('proj/options/up.yaml', { cwd: dir, extendsRoot: join(dir, 'proj', 'options', 'x') });
    expect(elsewhere.diagnostics.map((d) => d.code)).toEqual(['EXTENDS_OUTSIDE_FOLDER']);
  });
});
