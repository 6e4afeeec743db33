/**
 * Every command that reads a scenario takes `-` for standard input, through the real
 * binary (a pipe, as a user's `cat option.yaml | peerplan …`), and gives what it gives
 * for the file itself. Standard input is read once per command: the report's sensitivity
 * pass, a sweep's grid and a sensitivity analysis read the scenario again, and were
 * given an empty file (EMPTY_FILE, or the report's silent exit 1) before.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runBinary, suiteTempDir } from './run-cli.js';

const BASELINE = readFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), 'utf8');
/** The file name as each output shows it: `<stdin>` for `-`. */
const unnamed = (text: string, name: string): string => text.split(name).join('FILE');

describe('standard input (-) in every command, through bin/peerplan.js', () => {
  const commands: Array<[string, string[]]> = [
    ['run', ['run', 'FILE', '--format', 'json']],
    ['compare', ['compare', 'FILE', '--format', 'csv']],
    ['validate', ['validate', 'FILE']],
    ['explain', ['explain', 'FILE', '--metric', 'npv', '--format', 'json']],
    ['sensitivity', ['sensitivity', 'FILE', '--max-inputs', '4', '--format', 'csv']],
    ['sweep', ['sweep', 'FILE', '--vary', 'supervision.workers_per_supervisor=4..8:2', '--format', 'csv']],
    ['simulate', ['simulate', 'FILE', '--draws', '50', '--format', 'json']],
    ['reference --unverified', ['reference', '--unverified', 'FILE', '--format', 'json']],
  ];
  for (const [name, args] of commands) {
    it(`${name} - gives what ${name} FILE gives`, () => {
      const piped = runBinary(args.map((a) => (a === 'FILE' ? '-' : a)), { input: BASELINE });
      expect(piped.stderr).not.toContain('EMPTY_FILE');
      expect(piped.status).toBe(0);
      const file = runBinary(args.map((a) => (a === 'FILE' ? 'scenarios/baseline.yaml' : a)));
      expect(file.status).toBe(0);
      expect(unnamed(piped.stdout, '<stdin>')).toBe(unnamed(file.stdout, 'scenarios/baseline.yaml'));
    });
  }

  it('report - with its sensitivity pass writes the report (it exited 1 silently)', () => {
    const dir = suiteTempDir();
    const r = runBinary(['report', '-', '--out', join(dir, 'r.html')], { input: BASELINE });
    expect(r.stderr).not.toContain('EMPTY_FILE');
    expect(r.status).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('Baseline (current team)');
    // The sensitivity pass ran on the piped scenario: the tornado chart is there.
    expect(html).toMatch(/[Tt]ornado|Which assumptions matter/);
  });

  it('report - beside a file: the piped option is compared with the file', () => {
    const dir = suiteTempDir();
    const band4 = readFileSync(join(ROOT, 'scenarios', 'band4-permanent.yaml'), 'utf8');
    // band4 extends baseline.yaml: from standard input, relative to the current folder.
    const r = runBinary(['report', 'baseline.yaml', '-', '--out', join(dir, 'r.html')], { input: band4, cwd: join(ROOT, 'scenarios') });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain('Band 4');
  });

  it('batch - writes the piped scenario as stdin.html (it said EMPTY_FILE)', () => {
    const dir = suiteTempDir();
    const r = runBinary(['batch', '-', '--out', dir], { input: BASELINE });
    expect(r.stderr).not.toContain('EMPTY_FILE');
    expect(r.status).toBe(0);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['stdin.html', 'summary.json']));
    expect(existsSync(join(dir, '-.html'))).toBe(false);
  });

  it('- named twice reads standard input once (the same scenario both times)', () => {
    const r = runBinary(['validate', '-', '-'], { input: BASELINE });
    expect(r.status).toBe(0);
  });
});
