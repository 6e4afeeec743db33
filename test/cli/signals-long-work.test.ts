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
import { parse } from 'yaml';
import { ROOT, spawnBinary, tempDir } from './run-cli.js';

const BASELINE = join(ROOT, 'scenarios', 'baseline.yaml');
const BAND4 = join(ROOT, 'scenarios', 'band4-permanent.yaml');

/** Each runs for well over a minute if not stopped. */
const LONG: [string, string[]][] = [
  ['simulate --draws-out', ['simulate', BASELINE, BAND4, '--draws', '400000', '--out', 'sim.json', '--draws-out', 'draws.csv', '--format', 'json']],
  ['report --draws', ['report', BASELINE, BAND4, '--draws', '400000', '--out', 'report.html']],
  ['compare --draws', ['compare', BASELINE, BAND4, '--draws', '400000', '--out', 'compare.json', '--format', 'json']],
  ['sensitivity', ['sensitivity', 'big.yaml', '--baseline', 'other.yaml', '--max-inputs', '1000', '--out', 'sens.json', '--format', 'json']],
];

/**
 * A 30-year scenario with six copies of the baseline's benefit streams, against a 30-year
 * runner-up: every evaluation is slow and there are hundreds of inputs with switching
 * values to find, so sensitivity runs for about ten seconds on an idle machine (a plain
 * 30-year sensitivity finishes in two, too soon to be sure the signal lands mid-work).
 */
function bigScenario(dir: string): void {
  const baseline = readFileSync(BASELINE, 'utf8');
  const streams = (parse(baseline) as { benefits: Array<Record<string, unknown>> }).benefits;
  const benefits = [0, 1, 2, 3, 4, 5].flatMap((copy) => streams.map((stream) => ({ ...stream, name: `${String(stream.name)} ${copy}` })));
  writeFileSync(join(dir, 'base.yaml'), baseline);
  writeFileSync(join(dir, 'big.yaml'), `peerplan: 1\nextends: base.yaml\nhorizon: { start: 2026-04, years: 30 }\nbenefits: ${JSON.stringify(benefits)}\n`);
  writeFileSync(join(dir, 'other.yaml'), `peerplan: 1\nextends: base.yaml\nname: Other\nhorizon: { start: 2026-04, years: 30 }\nworkforce: { funded_wte: 9 }\n`);
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
