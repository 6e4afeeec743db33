/**
 * `peerplan validate` and `peerplan schema`, run as the real built CLI (`npm test`
 * builds dist/ first). Golden files under test/golden/; UPDATE_GOLDEN=1 rewrites them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, ROOT, runCli } from './run-cli.js';

const INVALID = 'test/fixtures/invalid';
const noStackTrace = (text: string): void => {
  expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(text).not.toMatch(/internal error/);
};

describe('peerplan validate', () => {
  it('exit 0 and a tick for a valid scenario', async () => {
    const r = await runCli(['validate', 'scenarios/baseline.yaml']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('✓ scenarios/baseline.yaml\n1 file checked: 1 valid, 0 invalid (0 errors, 0 warnings)\n');
  });

  it('a misspelt file name suggests the scenario file it is closest to', async () => {
    const r = await runCli(['run', 'scenarios/baselin.yaml']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('scenarios/baselin.yaml: error FILE_NOT_FOUND');
    expect(r.stderr).toContain('did you mean: scenarios/baseline.yaml');
    expect((await runCli(['run', 'scenarios/nothing-like-it.yaml'])).stderr).not.toContain('did you mean');
  });

  it('exit 0 when there are only warnings', async () => {
    const r = await runCli(['validate', 'test/fixtures/warnings/LONE_PEER_WORKER.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('warning LONE_PEER_WORKER');
    expect(r.stdout).toContain('warning NO_BENEFITS');
    expect(r.stdout).toContain('1 file checked: 1 valid, 0 invalid (0 errors, 2 warnings)');
  });

  it('exit 1 and every problem, in text (golden)', async () => {
    const r = await runCli([
      'validate',
      'scenarios/baseline.yaml',
      `${INVALID}/PERCENT_AS_NUMBER.yaml`,
      `${INVALID}/UNKNOWN_FIELD.yaml`,
      `${INVALID}/FIXED_TERM_REQUIRED.yaml`,
      'test/fixtures/warnings/LONE_PEER_WORKER.yaml',
      `${INVALID}/no-such-file.yaml`,
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expectGolden('validate-text.txt', r.stdout);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('6 files checked: 2 valid, 4 invalid (6 errors, 2 warnings)');
  });

  it('--format json gives the same as data, byte-identical between runs (golden)', async () => {
    const args = ['validate', `${INVALID}/PERCENT_AS_NUMBER.yaml`, 'scenarios/baseline.yaml', '--format', 'json'];
    const a = await runCli(args);
    const b = await runCli(args);
    expect(a.status).toBe(1);
    expect(a.stdout).toBe(b.stdout);
    expectGolden('validate-json.json', a.stdout);
    const doc = JSON.parse(a.stdout) as { files: Array<{ file: string; valid: boolean; hash: string | null; diagnostics: Array<Record<string, unknown>> }>; summary: Record<string, number> };
    expect(doc.summary).toEqual({ files: 2, valid: 1, invalid: 1, errors: 1, warnings: 0 });
    expect(doc.files[0]!.diagnostics[0]).toMatchObject({ code: 'PERCENT_AS_NUMBER', line: 6, column: 23, did_you_mean: '14%' });
    expect(doc.files[1]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('--quiet prints only the problems', async () => {
    const r = await runCli(['--quiet', 'validate', 'scenarios/baseline.yaml', `${INVALID}/PERCENT_AS_NUMBER.yaml`]);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('✓');
    expect(r.stdout).not.toContain('files checked');
    expect(r.stdout).toContain('PERCENT_AS_NUMBER');
  });

  it('colour only when the terminal allows it', async () => {
    const plain = await runCli(['validate', `${INVALID}/PERCENT_AS_NUMBER.yaml`]);
    const coloured = await runCli(['validate', `${INVALID}/PERCENT_AS_NUMBER.yaml`], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\u001b[');
    expect(coloured.stdout).toContain('\u001b[');
  });

  it.each([
    ['a directory', 'scenarios'],
    ['malformed YAML', `${INVALID}/YAML_SYNTAX.yaml`],
    ['an alias bomb', `${INVALID}/ALIAS_LIMIT.yaml`],
    ['__proto__ keys', `${INVALID}/FORBIDDEN_KEY.yaml`],
    ['an extends cycle', `${INVALID}/EXTENDS_CYCLE.yaml`],
    ['a device', '/dev/null'],
  ])('%s: exit 1 with a clear message and no stack trace', async (_what, file) => {
    const r = await runCli(['validate', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/error [A-Z_]+: /);
    noStackTrace(r.stdout + r.stderr);
  });

  it.each([
    ['no file', ['validate']],
    ['an unknown format', ['validate', 'scenarios/baseline.yaml', '--format', 'xml']],
    ['an unknown option', ['validate', 'scenarios/baseline.yaml', '--strict']],
  ])('usage error for %s: exit 2', async (_what, args) => {
    const r = await runCli(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/peerplan --help/);
  });

  it('--help documents the exit codes', async () => {
    const r = await runCli(['validate', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Exit codes: 0 all valid (warnings allowed), 1 at least one invalid file, 2 usage error.');
  });
});

describe('peerplan schema', () => {
  it('prints the scenario schema exactly', async () => {
    const r = await runCli(['schema']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'schemas', 'scenario.schema.json'), 'utf8'));
    expect(JSON.parse(r.stdout)).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema' });
  });

  it('--result prints the result schema, or says it is not available', async () => {
    const file = join(ROOT, 'schemas', 'result.schema.json');
    const r = await runCli(['schema', '--result']);
    if (existsSync(file)) {
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(readFileSync(file, 'utf8'));
    } else {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/result schema is not available/);
    }
  });
});
