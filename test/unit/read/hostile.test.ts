/**
 * Hostile or broken input: each gives a clear diagnostic (never a throw or a stack
 * trace), and nothing reaches Object.prototype. Big and binary inputs are made here,
 * in a temporary directory, rather than committed.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/read/load-scenario.js';
import { MAX_FILE_BYTES, decodeScenarioBytes, firstInvalidUtf8 } from '../../../src/read/read-file.js';
import { deepMerge, mergeChain } from '../../../src/scenario/merge.js';
import { parseScenarioYaml } from '../../../src/read/parse-yaml.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-hostile-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function only(file: string, cwd = dir): Promise<{ code: string; line: number; column: number; message: string }> {
  const { loaded, diagnostics } = await loadScenario(file, { cwd });
  expect(loaded).toBeNull();
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0]!;
}

describe('files that are not small UTF-8 text', () => {
  it('a missing file', async () => {
    const d = await only('nope.yaml');
    expect(d).toMatchObject({ code: 'FILE_NOT_FOUND', line: 0, column: 0 });
    expect(d.message).toBe('nope.yaml does not exist');
  });

  it('a directory passed as a file', async () => {
    mkdirSync(join(dir, 'scenarios.yaml'));
    expect((await only('scenarios.yaml')).code).toBe('NOT_A_FILE');
  });

  it('a device passed as a file', async () => {
    expect((await only('/dev/null')).code).toBe('NOT_A_FILE');
  });

  it('a file that cannot be opened (a symbolic link loop)', async () => {
    symlinkSync(join(dir, 'loop-b.yaml'), join(dir, 'loop-a.yaml'));
    symlinkSync(join(dir, 'loop-a.yaml'), join(dir, 'loop-b.yaml'));
    const d = await only('loop-a.yaml');
    expect(d.code).toBe('FILE_UNREADABLE');
    expect(d.message).toMatch(/symbolic links/);
  });

  it('a file over 1 MiB', async () => {
    const big = `peerplan: 1\nworkforce:\n  funded_wte: 8\n${'# padding padding padding padding padding\n'.repeat(Math.ceil(MAX_FILE_BYTES / 40))}`;
    writeFileSync(join(dir, 'big.yaml'), big);
    const d = await only('big.yaml');
    expect(d.code).toBe('FILE_TOO_LARGE');
    expect(d.message).toMatch(/1 MiB/);
  });

  it('a binary file', async () => {
    writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    const d = await only('binary.yaml');
    expect(d.code).toBe('BINARY_FILE');
    expect(d.line).toBe(3); // the PNG signature holds two newline bytes before its first NUL
  });

  it('a UTF-16 file', async () => {
    writeFileSync(join(dir, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('peerplan: 1\n', 'utf16le')]));
    const d = await only('utf16.yaml');
    expect(d.code).toBe('BINARY_FILE');
    expect(d.message).toMatch(/UTF-16/);
  });

  it('a Latin-1 file (not UTF-8), pointing at the bad byte', async () => {
    writeFileSync(join(dir, 'latin1.yaml'), Buffer.from('peerplan: 1\nname: Caf\xe9 team\n', 'latin1'));
    const d = await only('latin1.yaml');
    expect(d).toMatchObject({ code: 'INVALID_UTF8', line: 2, column: 10 });
    expect(d.message).toMatch(/0xE9/);
  });

  it('an empty file and a file of blank lines', async () => {
    writeFileSync(join(dir, 'empty.yaml'), '');
    writeFileSync(join(dir, 'blank.yaml'), '\n  \n\n');
    expect((await only('empty.yaml')).code).toBe('EMPTY_FILE');
    expect((await only('blank.yaml')).code).toBe('EMPTY_FILE');
  });

  it('a UTF-8 byte order mark is accepted', async () => {
    writeFileSync(join(dir, 'bom.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('peerplan: 1\nworkforce: { funded_wte: 2 }\n')]));
    const { loaded, diagnostics } = await loadScenario('bom.yaml', { cwd: dir });
    expect(diagnostics.filter((d) => d.code !== 'NO_BENEFITS')).toEqual([]); // these files value no benefits: not the subject here
    expect(loaded?.scenario.workforce.funded_wte).toBe(2);
  });

  it('finds the first invalid UTF-8 byte', () => {
    expect(firstInvalidUtf8(Buffer.from('abc'))).toBe(3);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc3, 0xa9, 0xff]))).toBe(3);
    expect(firstInvalidUtf8(Buffer.from([0xe2, 0x82]))).toBe(0); // truncated sequence
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0x80]))).toBe(0); // overlong
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
    expect(decodeScenarioBytes(Buffer.from('peerplan: 1\n'), 'x.yaml')).toEqual({ ok: true, text: 'peerplan: 1\n' });
  });
});

describe('YAML attacks and oddities', () => {
  it('stops an alias bomb quickly', async () => {
    const started = performance.now();
    const { loaded, diagnostics } = await loadScenario('test/fixtures/invalid/ALIAS_LIMIT.yaml', { cwd: ROOT });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(loaded).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(['ALIAS_LIMIT']);
  });

  it('stops a wide alias expansion by its node count too', () => {
    // 40 aliases of a 10,000-item list: under the alias limit, over the value limit.
    const list = `[${Array.from({ length: 10_000 }, () => '1').join(',')}]`;
    const text = `a: &a ${list}\nb: [${Array.from({ length: 40 }, () => '*a').join(', ')}]\n`;
    const parsed = parseScenarioYaml(text, 'wide.yaml');
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['ALIAS_LIMIT']);
  });

  it('allows a few ordinary aliases', async () => {
    writeFileSync(join(dir, 'aliases.yaml'), 'peerplan: 1\nworkforce:\n  funded_wte: &n 6\n  team_size: *n\n  band: &b 4\nsupervision:\n  supervisor: { band: *b }\n');
    const { loaded, diagnostics } = await loadScenario('aliases.yaml', { cwd: dir });
    expect(diagnostics.filter((d) => d.code !== 'NO_BENEFITS')).toEqual([]); // these files value no benefits: not the subject here
    expect(loaded?.scenario.workforce.team_size).toBe(6);
    expect(loaded?.scenario.supervision.supervisor.band).toBe('4');
  });

  it('refuses __proto__, constructor and prototype keys without polluting Object.prototype', async () => {
    const { loaded, diagnostics } = await loadScenario('test/fixtures/invalid/FORBIDDEN_KEY.yaml', { cwd: ROOT });
    expect(loaded).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(['FORBIDDEN_KEY', 'FORBIDDEN_KEY', 'FORBIDDEN_KEY']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(typeof ({} as { constructor: unknown }).constructor).toBe('function');
  });

  it('merging never writes through __proto__, even for data that did not come from the reader', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": "yes"}, "workforce": {"__proto__": {"polluted": "yes"}, "band": 4}}') as unknown;
    const merged = mergeChain([hostile, JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}')]);
    const again = deepMerge(hostile, hostile);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(merged)).toEqual(['workforce']);
    expect(Object.getPrototypeOf(merged)).toBeNull();
    expect(Object.keys(again as object)).toEqual(['workforce']);
  });

  it('reports NaN and infinity as NON_FINITE_NUMBER, once each', async () => {
    const { diagnostics } = await loadScenario('test/fixtures/invalid/NON_FINITE_NUMBER.yaml', { cwd: ROOT });
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['NON_FINITE_NUMBER', 'workforce.funded_wte'],
      ['NON_FINITE_NUMBER', 'delivery.caseload_per_wte'],
    ]);
  });

  it('treats a number too large for a double as infinite', () => {
    const parsed = parseScenarioYaml('workforce:\n  funded_wte: 1e400\n', 'big-number.yaml');
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['NON_FINITE_NUMBER']);
  });

  it('never prints terminal escape codes from the input', async () => {
    writeFileSync(join(dir, 'escape.yaml'), 'peerplan: 1\nworkforce: { funded_wte: 2 }\n"\u001b[31mred": 1\n');
    const { diagnostics } = await loadScenario('escape.yaml', { cwd: dir });
    expect(diagnostics.map((d) => d.code)).toEqual(['UNKNOWN_FIELD']);
    expect(diagnostics[0]!.frame).not.toContain('\u001b');
  });

  it('handles a very long line with a short code frame', async () => {
    writeFileSync(join(dir, 'long.yaml'), `peerplan: 1\nworkforce: { funded_wte: 2 }\nname: ${'x'.repeat(100_000)}\n`);
    const { diagnostics } = await loadScenario('long.yaml', { cwd: dir });
    expect(diagnostics.map((d) => d.code)).toEqual(['OUT_OF_RANGE']);
    expect(diagnostics[0]!.frame!.length).toBeLessThan(300);
  });
});
