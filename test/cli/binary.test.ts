/**
 * The real binary, `node bin/peerplan.js`, as a shell or a script runs it. The other CLI
 * tests run the same built code in this process (`runCli`, test/cli/run-cli.ts), which is
 * much faster; these cover what only a process shows: bin/peerplan.js turning what `main`
 * returns into the process's exit code, for every code a command can end with, and
 * standard input and output as real pipes.
 *
 * Elsewhere on the real binary: signals and interrupted writes (hardening-write), a
 * reader closing the pipe (pipe), a terminal (init), the code cache and a missing build
 * (code-cache), time zones and locales (run-compare), rows streamed while a sweep runs
 * (sweep), the README's commands (readme), and the packed package (npm run test:package).
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runBinary, runCli, tempDir } from './run-cli.js';

describe('the real binary', () => {
  it.each([
    { code: 0, args: ['run', 'scenarios/baseline.yaml', '--format', 'json'], says: '"peerplan_version"' },
    { code: 0, args: ['--version'], says: '.' },
    { code: 1, args: ['validate', 'test/fixtures/invalid/DUPLICATE_KEY.yaml'], says: 'error DUPLICATE_KEY' },
    { code: 2, args: ['run', 'scenarios/baseline.yaml', '--format', 'xml'], says: 'Run "peerplan --help" for usage.' },
    { code: 3, args: ['run', 'scenarios/baseline.yaml', '--out', 'scenarios'], says: 'is a directory' },
  ])('exits $code for peerplan $args.0 … and prints what runCli prints', async ({ code, args, says }) => {
    const real = runBinary(args);
    expect(real.stdout + real.stderr).toContain(says);
    expect(real.status).toBe(code);
    expect(real).toEqual(await runCli(args));
  });

  it('exits 4 when a batch breaches a --fail-on threshold', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'in'));
    copyFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), join(dir, 'in', 'baseline.yaml'));
    const r = runBinary(['batch', 'in', '--out', 'out', '--format', 'json', '--fail-on', 'npv<1e12', '--quiet'], { cwd: dir });
    expect(r.stderr).toContain('Threshold breaches (1)');
    expect(r.status).toBe(4);
  });

  it('reads a scenario from a piped standard input (-)', () => {
    const r = runBinary(['run', '-', '--format', 'json'], { input: readFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), 'utf8') });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).scenarios[0].file).toBe('<stdin>');
  });
});
