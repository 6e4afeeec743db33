// The bundled CLI starts from V8's code cache (src/cli/code-cache.cts), found by the
// content hash each bundle ends with, never by file times; without a cache of its own a
// bundle is compiled as usual, and a missing build output is one line naming the fix.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stamp } from '../../src/build/stamp.js';
import { ROOT, runBinary, tempDir } from './run-cli.js';

const debug = { PEERPLAN_DEBUG_CODE_CACHE: '1' };

/** A copy of the built package's run-time files in a temporary folder, to break without touching dist/. */
function copyOfPackage(): string {
  const dir = tempDir('peerplan-layout-');
  for (const part of ['bin', 'dist', 'schemas', 'scenarios', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function run(dir: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(dir, 'bin', 'peerplan.js'), ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('code cache', () => {
  it('a run uses the caches of the bundles it loads, and prints the same as ever', () => {
    const r = runBinary(['run', 'scenarios/baseline.yaml', '--format', 'json'], { env: debug });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('peerplan code cache: peerplan.cjs used');
    expect(r.stderr).toContain('peerplan code cache: cmd-run.cjs used');
    expect(r.stderr).toContain('peerplan code cache: scenario-validator.cjs used');
    expect(r.stdout).toBe(runBinary(['run', 'scenarios/baseline.yaml', '--format', 'json']).stdout);
  });

  it('file times play no part: a cache older than its bundle is still its own', () => {
    const dir = copyOfPackage();
    const old = new Date('2001-01-01T00:00:00Z');
    for (const f of readdirSync(join(dir, 'dist', 'cache'))) utimesSync(join(dir, 'dist', 'cache', f), old, old);
    const r = run(dir, ['schema'], debug);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('peerplan code cache: cmd-schema.cjs used');
  });

  it('a bundle rebuilt with other content finds no cache of its own and is compiled afresh, silently', () => {
    const dir = copyOfPackage();
    const bundle = join(dir, 'dist', 'cmd-schema.cjs');
    writeFileSync(bundle, stamp(`${readFileSync(bundle, 'utf8')}// a later build\n`));
    const r = run(dir, ['schema'], debug);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('peerplan code cache: cmd-schema.cjs not used: none for this build of it');
    expect(JSON.parse(r.stdout)).toMatchObject({ title: expect.any(String) });
    expect(run(dir, ['schema']).stderr).toBe('');
  });

  it('a bundle without a build stamp, or a damaged cache, is compiled as usual', () => {
    const dir = copyOfPackage();
    const bundle = join(dir, 'dist', 'cmd-schema.cjs');
    writeFileSync(bundle, readFileSync(bundle, 'utf8').replace(/\/\/ peerplan-build sha256:\w+\n$/, ''));
    expect(run(dir, ['schema'], debug).stderr).toContain('cmd-schema.cjs not used: the file has no build stamp');
    const cache = readdirSync(join(dir, 'dist', 'cache')).find((f) => f.startsWith('cmd-run.'))!;
    writeFileSync(join(dir, 'dist', 'cache', cache), 'not a code cache');
    const r = run(dir, ['run', 'scenarios/baseline.yaml', '--format', 'json'], debug);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('cmd-run.cjs rejected by V8');
    expect(r.stdout).toBe(runBinary(['run', 'scenarios/baseline.yaml', '--format', 'json']).stdout);
    rmSync(join(dir, 'dist', 'cache'), { recursive: true });
    expect(run(dir, ['run', 'scenarios/baseline.yaml', '--format', 'json'])).toMatchObject({ status: 0, stderr: '' });
  });
});

describe('a missing build output', () => {
  const oneLine = (file: string) => `peerplan: ${file} is missing: peerplan is not built (run "npm run build" in its folder) or not installed completely (reinstall it)\n`;

  it('is one line naming npm run build, exit 78, whichever output it is', () => {
    const dir = copyOfPackage();
    rmSync(join(dir, 'dist', 'generated', 'scenario-validator.cjs'));
    expect(run(dir, ['validate', 'scenarios/baseline.yaml'])).toMatchObject({ status: 78, stdout: '', stderr: oneLine('dist/generated/scenario-validator.cjs') });
    rmSync(join(dir, 'dist', 'generated', 'reference'), { recursive: true });
    expect(run(dir, ['reference'])).toMatchObject({ status: 78, stderr: oneLine('dist/generated/reference') });
    rmSync(join(dir, 'dist', 'cmd-schema.cjs'));
    expect(run(dir, ['schema'])).toMatchObject({ status: 78, stderr: oneLine('dist/cmd-schema.cjs') });
    rmSync(join(dir, 'dist', 'peerplan.cjs'));
    expect(run(dir, ['--help'])).toMatchObject({ status: 78, stdout: '', stderr: oneLine('dist/peerplan.cjs') });
    rmSync(join(dir, 'dist'), { recursive: true });
    expect(run(dir, ['--version'])).toMatchObject({ status: 78, stdout: '', stderr: oneLine('dist/cli/code-cache.cjs') });
  });
});
