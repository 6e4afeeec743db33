/**
 * One fixture per diagnostic code under test/fixtures/invalid/ (errors) and
 * test/fixtures/warnings/ (warnings), named after the code. The first line of each says
 * exactly which diagnostics it must produce:  `# expect: CODE line:column, ...`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/read/load-scenario.js';
import { DIAGNOSTIC_CODES, diagnosticCodes } from '../../../src/source/diagnostics.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const fixtures = (dir: string): string[] =>
  readdirSync(join(ROOT, 'test', 'fixtures', dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort();

function expectations(file: string): string[] {
  const header = readFileSync(join(ROOT, file), 'utf8').split('\n')[0] ?? '';
  expect(header, `${file} must start with "# expect: CODE line:column"`).toMatch(/^# expect: /);
  return [...header.matchAll(/([A-Z][A-Z0-9_]+) (\d+):(\d+)/g)].map((m) => `${m[1]} ${m[2]}:${m[3]}`).sort();
}

/** Codes tested with files made at run time (test/unit/read/hostile.test.ts) or a stub validator. */
const TESTED_ELSEWHERE = [
  'FILE_NOT_FOUND', 'NOT_A_FILE', 'FILE_UNREADABLE', 'FILE_TOO_LARGE', 'BINARY_FILE', 'INVALID_UTF8', 'SCHEMA_VIOLATION',
  // test/unit/read/hardening.test.ts: outside the tree (needs --allow-extends-outside), a flood of problems, --set paths.
  'NOT_A_SCENARIO', 'TOO_MANY_PROBLEMS', 'SET_PATH_NOT_FOUND',
];

describe('invalid fixtures', () => {
  it.each(fixtures('invalid'))('%s gives exactly the expected diagnostics', async (name) => {
    const file = `test/fixtures/invalid/${name}`;
    const want = expectations(file);
    const { loaded, diagnostics } = await loadScenario(file, { cwd: ROOT, extendsRoot: join(ROOT, 'test', 'fixtures') });
    expect(loaded).toBeNull();
    expect(diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`).sort()).toEqual(want);
    // Named after the code it demonstrates.
    expect(diagnostics.map((d) => d.code)).toContain(name.replace(/\.yaml$/, ''));
    for (const d of diagnostics) {
      expect(d.message.length).toBeGreaterThan(10);
      expect(d.expected ?? '', `${d.code} should say what was expected`).not.toBe('');
      expect(d.message).not.toMatch(/\n\s+at .*:\d+:\d+/); // never a stack trace
    }
  });
});

describe('warning fixtures', () => {
  it.each(fixtures('warnings'))('%s loads, with exactly the expected warnings', async (name) => {
    const file = `test/fixtures/warnings/${name}`;
    const { loaded, diagnostics } = await loadScenario(file, { cwd: ROOT, extendsRoot: join(ROOT, 'test', 'fixtures') });
    expect(loaded).not.toBeNull();
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`).sort()).toEqual(expectations(file));
    expect(diagnostics.map((d) => d.code)).toContain(name.replace(/\.yaml$/, ''));
  });
});

describe('coverage of the code list', () => {
  it('every code has a fixture (or a test that makes its input at run time)', () => {
    const named = new Set([...fixtures('invalid'), ...fixtures('warnings')].map((f) => f.replace(/\.yaml$/, '')));
    const missing = diagnosticCodes().filter((c) => !named.has(c) && !TESTED_ELSEWHERE.includes(c));
    expect(missing).toEqual([]);
  });

  it('error fixtures are for error codes and warning fixtures for warning codes', () => {
    for (const f of fixtures('invalid')) expect(DIAGNOSTIC_CODES[f.replace(/\.yaml$/, '') as keyof typeof DIAGNOSTIC_CODES].severity).toBe('error');
    for (const f of fixtures('warnings')) expect(DIAGNOSTIC_CODES[f.replace(/\.yaml$/, '') as keyof typeof DIAGNOSTIC_CODES].severity).toBe('warning');
  });
});
