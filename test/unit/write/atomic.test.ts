import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicInBackground, WriteRefusedError } from '../../../src/write/atomic.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-atomic-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const noTemporaries = (): void => expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

describe('atomic writes', () => {
  it('content given in pieces is written one piece after another', async () => {
    writeFileAtomic(join(dir, 'a.txt'), ['one ', Buffer.from('two '), 'three ★']);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('one two three ★');
    await writeFileAtomicInBackground(join(dir, 'b.txt'), ['x', 'y']);
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('xy');
    noTemporaries();
  });

  it('text longer than the encoding buffer keeps every character, also one split across its end', () => {
    // 2^20 bytes are encoded at a time: put a four-byte character and two-byte ones across each boundary.
    const text = `${'a'.repeat((1 << 20) - 2)}😀${'é'.repeat(1 << 19)}😀 end`;
    writeFileAtomic(join(dir, 'long.txt'), [text, 'ø']);
    expect(readFileSync(join(dir, 'long.txt'), 'utf8')).toBe(`${text}ø`);
  });

  it('the background write replaces an existing file whole', async () => {
    const target = join(dir, 'c.json');
    writeFileSync(target, 'old content that is longer than the new');
    await writeFileAtomicInBackground(target, '{}\n');
    expect(readFileSync(target, 'utf8')).toBe('{}\n');
    noTemporaries();
  });

  it('protected files are refused, whether listed or in a set of absolute paths', async () => {
    const scenario = join(dir, 'input.yaml');
    writeFileSync(scenario, 'name: x\n');
    expect(() => writeFileAtomic(scenario, 'x', { protect: [scenario] })).toThrow(WriteRefusedError);
    expect(() => writeFileAtomicInBackground(scenario, 'x', { protect: new Set([scenario]) })).toThrow(/refusing to overwrite/);
    expect(readFileSync(scenario, 'utf8')).toBe('name: x\n');
  });

  it('a scenario file is recognised from its head, however large the file', () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `peerplan: 1\n${'# padding\n'.repeat(200_000)}`);
    expect(() => writeFileAtomicInBackground(big, 'x')).toThrow(/refusing to overwrite the scenario file/);
  });

  it('a refused background write throws at once with the reason and leaves nothing behind', () => {
    mkdirSync(join(dir, 'sub'));
    expect(() => writeFileAtomicInBackground(join(dir, 'sub'), 'x')).toThrow(/is a directory/);
    expect(() => writeFileAtomicInBackground(join(dir, 'missing', 'x.json'), 'x')).toThrow(/does not exist/);
    noTemporaries();
  });
});
