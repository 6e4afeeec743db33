/**
 * Issue #24, N4: SIGINT and SIGTERM during long synchronous work (simulate, report
 * --draws, compare --draws, sensitivity) were handled only once the work was done, and
 * the run then wrote its output and exited 0. Through the real binary: the signal is sent
 * once the command is computing; it stops with 130 or 143 within a few seconds, writes
 * nothing new, and leaves no temporary file.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, spawnBinary, tempDir } from './run-cli.js';

const BASELINE = join(ROOT, 'scenarios', 'baseline.yaml');
const BAND4 = join(ROOT, 'scenarios', 'band4-permanent.yaml');

/** Each runs for well over a minute if not stopped. */
const LONG: [string, string[]][] = [
  ['simulate --draws-out', ['simulate', BASELINE, BAND4, '--draws', '1000000', '--out', 'sim.json', '--draws-out', 'draws.csv', '--format', 'json']],
  ['report --draws', ['report', BASELINE, BAND4, '--draws', '1000000', '--out', 'report.html']],
  ['compare --draws', ['compare', BASELINE, BAND4, '--draws', '1000000', '--out', 'compare.json', '--format', 'json']],
  ['sensitivity', ['sensitivity', 'big.yaml', '--out', 'sens.json', '--format', 'json']],
];

/** A 30-year scenario: each evaluation is slow, so sensitivity takes long. */
function bigScenario(dir: string): void {
  writeFileSync(join(dir, 'big.yaml'), `peerplan: 1\nextends: base.yaml\nhorizon: { start: 2026-04, years: 30 }\n`);
  writeFileSync(join(dir, 'base.yaml'), readFileSync(BASELINE, 'utf8'));
}

describe('N4: a signal stops long work at once', () => {
  it.each(LONG.flatMap(([name, args]) => [{ name, args, signal: 'SIGINT', code: 130 } as const, { name, args, signal: 'SIGTERM', code: 143 } as const]))(
    '$name: $signal → exit $code within seconds, nothing written, no .tmp',
    async ({ args, signal, code }) => {
      const dir = tempDir();
      bigScenario(dir);
      const before = readdirSync(dir).sort();
      const child = spawnBinary([...args], { cwd: dir });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
      // Long enough to be past loading and into the computation.
      await new Promise((done) => setTimeout(done, 2500));
      expect(child.exitCode, stderr).toBeNull();
      const sent = Date.now();
      child.kill(signal);
      const status = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
      expect(status, stderr).toBe(code);
      expect(Date.now() - sent).toBeLessThan(3000);
      expect(readdirSync(dir).sort()).toEqual(before);
    },
    30_000,
  );
});
