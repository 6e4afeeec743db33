/**
 * #17 (board-ready outputs) through the real binary: the baseline and why it is the
 * baseline, one option's wording, `explain --depth`, and `-` for standard input.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, TRIO, expectGolden, runCli, tempDir } from './run-cli.js';

/**
 * A folder with the trio (band 3 and band 4 extend baseline.yaml beside them), with no
 * scenario marked baseline: true (the bundled baseline.yaml is; the tests mark their own).
 */
function trio(): string {
  const dir = tempDir('peerplan-board-');
  for (const f of TRIO) copyFileSync(join(ROOT, f), join(dir, f.replace('scenarios/', '')));
  const base = join(dir, 'baseline.yaml');
  writeFileSync(base, readFileSync(base, 'utf8').replace(/^baseline: true.*\n/m, ''));
  return dir;
}
const mark = (dir: string, file: string): void => writeFileSync(join(dir, file), `${readFileSync(join(dir, file), 'utf8')}baseline: true\n`);

describe('the baseline', () => {
  it('is the first file as given, and the output says so', async () => {
    const r = await runCli(['compare', 'scenarios/band4-permanent.yaml', 'scenarios/band3-fixed-term.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Baseline: Band 4 permanent, lived-experience supervision (first file given)');
    const dir = trio();
    const md = await runCli(['compare', 'baseline.yaml', 'band3-fixed-term.yaml', '--format', 'markdown'], { cwd: dir });
    expect(md.stdout).toContain('against the baseline (Baseline (current team), first file given)');
    const json = JSON.parse((await runCli(['compare', 'baseline.yaml', 'band3-fixed-term.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.comparison.baseline_reason).toBe('first');
  });

  it('is the bundled baseline.yaml (marked baseline: true) in compare scenarios/*.yaml and batch scenarios (issue #28, 8)', async () => {
    const all = ['band3-fixed-term', 'band4-permanent', 'baseline', 'lone-peer-worker', 'scale-up', 'vcse-grant-funded'].map((n) => `scenarios/${n}.yaml`);
    const r = await runCli(['compare', ...all, '--format', 'json', '--quiet']);
    expect(JSON.parse(r.stdout).comparison).toMatchObject({ baseline: 2, baseline_reason: 'marked' });
    const dir = tempDir('peerplan-board-');
    const b = await runCli(['batch', 'scenarios', '--out', dir, '--format', 'json']);
    expect(b.stderr).toContain('Comparison baseline: scenarios/baseline.yaml (marked baseline: true).');
  });

  it('is the scenario marked baseline: true, wherever it is given, unless --baseline names another', async () => {
    const dir = trio();
    mark(dir, 'band3-fixed-term.yaml');
    const r = await runCli(['compare', 'baseline.yaml', 'band3-fixed-term.yaml', 'band4-permanent.yaml'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Baseline: Band 3 fixed-term (12-month grants) (marked baseline: true)');
    const json = JSON.parse((await runCli(['compare', 'baseline.yaml', 'band3-fixed-term.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.comparison).toMatchObject({ baseline: 1, baseline_reason: 'marked' });
    const v = await runCli(['validate', 'band3-fixed-term.yaml'], { cwd: dir });
    expect(v.status).toBe(0);
    const chosen = await runCli(['compare', 'baseline.yaml', 'band3-fixed-term.yaml', '--baseline', 'baseline.yaml'], { cwd: dir });
    expect(chosen.stdout).toContain('Baseline: Baseline (current team) (--baseline)');
  });

  it('is not inherited through extends: a child of the marked file is not marked too', async () => {
    const dir = trio();
    mark(dir, 'baseline.yaml');
    const r = await runCli(['compare', 'band4-permanent.yaml', 'baseline.yaml', 'band3-fixed-term.yaml'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Baseline: Baseline (current team) (marked baseline: true)');
  });

  it('refuses two marked scenarios with exit 1, naming both places', async () => {
    const dir = trio();
    mark(dir, 'band3-fixed-term.yaml');
    mark(dir, 'band4-permanent.yaml');
    const r = await runCli(['compare', 'band3-fixed-term.yaml', 'band4-permanent.yaml'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/2 scenarios are marked baseline: true \(band3-fixed-term\.yaml:\d+:1 and band4-permanent\.yaml:\d+:1\); mark only one, or choose with --baseline FILE/);
    const report = await runCli(['report', 'band3-fixed-term.yaml', 'band4-permanent.yaml', '--out', 'r.html', '--no-sensitivity'], { cwd: dir });
    expect(report.status).toBe(1);
  });

  it('in a batch is the first pattern\'s first match, said on stderr and in summary.json', async () => {
    const dir = trio();
    const r = await runCli(['batch', 'band4-permanent.yaml', '*.yaml', '--out', 'out', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('Comparison baseline: band4-permanent.yaml (first file given).');
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.comparison).toMatchObject({ baseline: 'band4-permanent.yaml', baseline_reason: 'first' });
    mark(dir, 'baseline.yaml');
    const marked = await runCli(['batch', '.', '--out', 'out2', '--format', 'json'], { cwd: dir });
    expect(marked.stderr).toContain('Comparison baseline: ./baseline.yaml (marked baseline: true).');
  });

  it('in the HTML report is named with its reason', async () => {
    const dir = trio();
    const r = await runCli(['report', 'band3-fixed-term.yaml', 'baseline.yaml', '--out', 'r.html', '--no-sensitivity'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain('Each option against the baseline, Band 3 fixed-term (12-month grants) (first file given).');
  });
});

describe('one option', () => {
  it('is described without comparison words in compare and in the report', async () => {
    const c = await runCli(['compare', 'scenarios/band4-permanent.yaml']);
    expect(c.status).toBe(0);
    expect(c.stdout).not.toMatch(/Cheapest|bites hardest|Best continuity|Best value/);
    expect(c.stdout).toContain('Band 4 permanent, lived-experience supervision costs £1,937,160 over the horizon.');
    const dir = trio();
    const r = await runCli(['report', 'band4-permanent.yaml', '--out', 'one.html', '--no-sensitivity'], { cwd: dir });
    expect(r.status).toBe(0);
    const html = readFileSync(join(dir, 'one.html'), 'utf8');
    expect(html).not.toMatch(/Cheapest|bites hardest|Best continuity|Best value/);
    expect(html).toContain('<h3>What the projection shows</h3>');
  });
});

describe('percentage differences', () => {
  it('are never of a negative base, and rates differ in percentage points', async () => {
    // Band 4 first: its NPV (the comparison's base) is negative.
    const r = await runCli(['compare', 'scenarios/band4-permanent.yaml', 'scenarios/band3-fixed-term.yaml', 'scenarios/baseline.yaml', '--baseline', 'scenarios/band4-permanent.yaml']);
    const npv = r.stdout.split('\n').findIndex((l) => l.includes('Net present value'));
    expect(r.stdout.split('\n')[npv + 1]).not.toContain('%');
    expect(r.stdout).toMatch(/\+11\.\d pp/); // vacancy rate, 3.5% → 14.9%
    expect(r.stdout).not.toContain('pts');
  });
});

describe('explain --depth', () => {
  it('folds the tree below N levels and says how many steps were folded (golden)', async () => {
    const r = await runCli(['explain', 'scenarios/band4-permanent.yaml', '--metric', 'npv', '--depth', '2']);
    expect(r.status).toBe(0);
    expectGolden('explain-band4-npv-depth2.txt', r.stdout);
    const whole = await runCli(['explain', 'scenarios/band4-permanent.yaml', '--metric', 'npv', '--format', 'json']);
    const cut = await runCli(['explain', 'scenarios/band4-permanent.yaml', '--metric', 'npv', '--format', 'json', '--depth', '2']);
    const count = (n: { children: unknown[] }): number => n.children.reduce<number>((s, c) => s + 1 + count(c as { children: unknown[] }), 0);
    const all = count(JSON.parse(whole.stdout).tree);
    const doc = JSON.parse(cut.stdout);
    expect(doc.depth).toEqual({ limit: 2, folded: all - count(doc.tree) });
    expect(r.stdout).toContain(`--depth 2: ${doc.depth.folded} steps below depth 2 folded`);
  });

  it('leaves the whole tree by default, and refuses a depth below 1', async () => {
    expect((await runCli(['explain', 'scenarios/band4-permanent.yaml', '--depth', '99'])).stdout).toContain('nothing was folded');
    const bad = await runCli(['explain', 'scenarios/band4-permanent.yaml', '--depth', '0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--depth must be a whole number of levels from 1 (got "0"), e.g. --depth 3');
  });
});

describe('- for standard input', () => {
  const band4 = readFileSync(join(ROOT, 'scenarios', 'band4-permanent.yaml'), 'utf8');

  it('runs and compares a scenario piped in, its extends resolved from the current folder', async () => {
    const piped = await runCli(['run', '-', '--format', 'json'], { cwd: join(ROOT, 'scenarios'), input: band4 });
    expect(piped.stderr).toBe('');
    const file = await runCli(['run', 'band4-permanent.yaml', '--format', 'json'], { cwd: join(ROOT, 'scenarios') });
    const a = JSON.parse(piped.stdout).scenarios[0];
    const b = JSON.parse(file.stdout).scenarios[0];
    expect(a.metrics).toEqual(b.metrics);
    expect(a.file).toBe('<stdin>');
    const c = await runCli(['compare', 'baseline.yaml', '-'], { cwd: join(ROOT, 'scenarios'), input: band4 });
    expect(c.status).toBe(0);
    expect(c.stdout).toContain('Band 4 permanent, lived-experience supervision');
  });

  it('shows <stdin> in diagnostics, and confines extends to the current folder', async () => {
    const v = await runCli(['validate', '-'], { input: 'peerplan: 1\nworkforce:\n  funded_wte: 4\n  band: 9\n' });
    expect(v.status).toBe(1);
    expect(v.stdout).toContain('<stdin>:4:9: error INVALID_VALUE');
    const out = await runCli(['run', '-'], { cwd: join(ROOT, 'scenarios'), input: 'peerplan: 1\nextends: ../package.json\n' });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('<stdin>:2:10: error EXTENDS_OUTSIDE_FOLDER: extends names ../package.json, which is outside the current folder');
    const missing = await runCli(['validate', '-'], { input: band4 }); // run from the project folder: no baseline.yaml here
    expect(missing.stdout).toContain('<stdin>:8:10: error EXTENDS_NOT_FOUND');
    expect(missing.stdout).toContain('relative to the current folder (a scenario read from standard input has no folder of its own)');
    const empty = await runCli(['validate', '-']);
    expect(empty.stdout).toContain('<stdin>: error EMPTY_FILE');
  });
});
