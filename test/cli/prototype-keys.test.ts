/**
 * Issue #24, N3: a key named like an Object.prototype member (`toString: 1`) exited 70
 * in every command ("Cannot read properties of undefined (reading 'split')"): a user key
 * indexed a plain object and found the prototype's member. Every command, every such
 * name, at the top level, nested and in --set: a coded error (exit 1 or 2), never 70;
 * batch still writes its summary.
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, suiteTempDir } from './run-cli.js';

const KEYS = ['toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'toLocaleString', 'constructor', 'propertyIsEnumerable', '__lookupGetter__'];
const BASELINE = readFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), 'utf8');

describe('N3: prototype-named keys are ordinary unknown keys', () => {
  const dir = suiteTempDir('peerplan-proto-');
  for (const key of KEYS) {
    writeFileSync(join(dir, `top-${key}.yaml`), `${BASELINE}${key}: 1\n`);
    writeFileSync(join(dir, `nested-${key}.yaml`), BASELINE.replace(/^workforce:\n/m, `workforce:\n  ${key}: 1\n`));
  }

  const commands = (file: string): string[][] => [
    ['validate', file],
    ['run', file],
    ['compare', file, join(ROOT, 'scenarios', 'baseline.yaml')],
    ['report', file, '--out', join(dir, 'r.html')],
    ['sensitivity', file],
    ['explain', file, '--metric', 'npv'],
    ['simulate', file, '--draws', '5'],
    ['sweep', file, '--vary', 'turnover.annual_leaver_rate=10%..20%:10%'],
  ];

  it.each(KEYS)('%s: every command reports it as a coded error, never exit 70', async (key) => {
    for (const where of ['top', 'nested']) {
      for (const args of commands(join(dir, `${where}-${key}.yaml`))) {
        const r = await runCli(args);
        expect(r.stderr, `${args.join(' ')}\n${r.stderr}`).not.toContain('internal error');
        expect([1, 2], `${args.join(' ')}: ${r.stderr}`).toContain(r.status);
        expect(r.stdout + r.stderr).toContain(key);
      }
    }
  });

  it.each(KEYS)('--set %s=1 (top level, nested, below it) and explain/--fail-on/--metric with the name: usage or input errors, never exit 70', async (key) => {
    for (const args of [
      ['explain', join(ROOT, 'scenarios', 'baseline.yaml'), '--metric', key],
      ['run', join(ROOT, 'scenarios', 'baseline.yaml'), '--metric', key],
      ['sensitivity', join(ROOT, 'scenarios', 'baseline.yaml'), '--metric', key],
    ]) {
      const r = await runCli(args);
      expect(r.stderr, args.join(' ')).not.toContain('internal error');
      expect([1, 2], `${args.join(' ')}: ${r.stderr}`).toContain(r.status);
    }
    for (const set of [`${key}=1`, `workforce.${key}=1`, `${key}.x=1`]) {
      const r = await runCli(['run', join(ROOT, 'scenarios', 'baseline.yaml'), '--set', set]);
      expect(r.stderr, set).not.toContain('internal error');
      expect([1, 2], `${set}: ${r.stderr}`).toContain(r.status);
    }
  });

  it('batch accounts for itself: exit 1 and a summary naming each failed file', async () => {
    const inDir = join(dir, 'batch-in');
    mkdirSync(inDir, { recursive: true });
    for (const key of KEYS) writeFileSync(join(inDir, `${key}.yaml`), `${BASELINE}${key}: 1\n`);
    writeFileSync(join(inDir, 'ok.yaml'), BASELINE);
    const r = await runCli(['batch', inDir, '--out', join(dir, 'batch-out'), '--format', 'json', '--quiet']);
    expect(r.stderr).not.toContain('internal error');
    expect(r.status).toBe(1);
    expect(existsSync(join(dir, 'batch-out', 'summary.json'))).toBe(true);
    const summary = JSON.parse(readFileSync(join(dir, 'batch-out', 'summary.json'), 'utf8')) as { scenarios: { file: string; status: string }[] };
    expect(summary.scenarios).toHaveLength(KEYS.length + 1);
  });
});
