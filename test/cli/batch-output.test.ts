// batch writes each scenario's JSON (month rows only with --detail months) and a
// comparison of headline metrics (src/app/batch.ts), flushing files in the background
// (src/write/atomic.ts).
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-batch-out-'));
  cpSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('batch --format json', () => {
  it('each scenario file is compare\'s result without month rows; the comparison holds headline metrics; compare agrees', async () => {
    const r = await runCli(['batch', 'scenarios', '--out', 'out', '--format', 'json,csv', '--quiet'], { cwd: dir });
    expect(r.status).toBe(0);
    const files = readdirSync(join(dir, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();
    const own = files.map((f) => readJson(join(dir, 'out', f.replace('.yaml', '.json'))).scenarios[0]);
    const compare = await runCli(['compare', ...files.map((f) => `scenarios/${f}`), '--format', 'json'], { cwd: dir });
    expect(compare.status).toBe(0);
    const compared = JSON.parse(compare.stdout);
    expect(own).toEqual(compared.scenarios.map((s: { months: unknown[] }) => ({ ...s, months: [] })));
    const comparison = readJson(join(dir, 'out', 'comparison.json'));
    expect(comparison.scenarios).toEqual(own.map(({ name, file, hash, reference, metrics }) => ({ name, file, hash, reference, metrics })));
    expect(comparison.comparison).toEqual(compared.comparison);
    const summary = readJson(join(dir, 'out', 'summary.json'));
    expect(summary.scenarios.map((s: { outputs: string[] }) => s.outputs)).toEqual(files.map((f) => [f.replace('.yaml', '.json'), f.replace('.yaml', '.csv')]));
    expect(summary.comparison.outputs).toEqual(['comparison.json', 'comparison.csv']);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--detail months keeps the month rows in each scenario\'s JSON and CSV', async () => {
    const r = await runCli(['batch', 'scenarios/baseline.yaml', '--out', 'detail', '--format', 'json,csv', '--detail', 'months', '--quiet'], { cwd: dir });
    expect(r.status).toBe(0);
    const run = await runCli(['run', 'scenarios/baseline.yaml', '--format', 'json'], { cwd: dir });
    expect(readJson(join(dir, 'detail', 'baseline.json')).scenarios).toEqual(JSON.parse(run.stdout).scenarios);
    const csvRun = await runCli(['run', 'scenarios/baseline.yaml', '--format', 'csv', '--monthly'], { cwd: dir });
    expect(readFileSync(join(dir, 'detail', 'baseline.csv'), 'utf8')).toBe(csvRun.stdout);
    expect((await runCli(['batch', 'scenarios/baseline.yaml', '--out', 'detail', '--detail', 'month'], { cwd: dir })).stderr).toContain('did you mean "months"');
  });

  it('an output that cannot be written is reported in order, and the rest are still written', async () => {
    mkdirSync(join(dir, 'out2', 'baseline.json'), { recursive: true });
    const r = await runCli(['batch', 'scenarios', '--out', 'out2', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(3);
    // Said when its scenario is run, just before that scenario's progress line.
    expect(r.stderr).toMatch(/\[2\/6\] scenarios\/band4-permanent\.yaml ok\npeerplan: out2\/baseline\.json is a directory[^\n]*\n\[3\/6\]/);
    const summary = readJson(join(dir, 'out2', 'summary.json'));
    const baseline = summary.scenarios.find((s: { file: string }) => s.file === 'scenarios/baseline.yaml');
    expect(baseline.outputs).toEqual([]);
    expect(baseline.output_errors).toHaveLength(1);
    expect(summary.counts.output_errors).toBe(1);
    expect(summary.comparison.outputs).toEqual(['comparison.json']);
  });
});
