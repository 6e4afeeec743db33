/**
 * `peerplan sweep` through the real binary: a 1,000-run grid against 1,000 separate
 * projections through the same read → override → project path as `run`, the
 * --max-runs refusal, streaming, per-combination rule errors, invalid values, and
 * golden output in each format.
 */
import { axisCsvValue } from '../../src/render/sweep.js';
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openScenario } from '../../src/read/load-scenario.js';
import { parseOverride } from '../../src/read/overrides.js';
import { projectAll } from '../../src/app/project.js';
import { plainNumber } from '../../src/text/format.js';
import { METRIC_KEYS } from '../../src/metrics/catalogue.js';
import { combinationAt, parseAxis } from '../../src/whatif/range.js';
import { ROOT, csvRecords, expectGolden, runCli, spawnBinary, tempDir } from './run-cli.js';

const BAND3 = 'scenarios/band3-fixed-term.yaml';

/** A metric as the sweep writes it: plain numbers to 6 decimals, null for none. */
const plain = (v: number | string | null): number | string | null => (typeof v === 'number' ? Number(plainNumber(v)) : v);

describe('a 1,000-run sweep', () => {
  // 100 × 5 × 2 = 1,000 combinations, with a --set and --years applied to every run.
  const vary = ['turnover.annual_leaver_rate=5%..54.5%:0.5%', 'workforce.band=3,4,5,6,7', 'supervision.workers_per_supervisor=4,8'];
  const fixed = ['--set', 'delivery.caseload_per_wte=11', '--years', '3'];
  const args = ['sweep', BAND3, ...vary.flatMap((v) => ['--vary', v]), '--metrics', METRIC_KEYS.join(','), ...fixed];
  const axes = vary.map(parseAxis);

  it('gives exactly 1,000 rows, each equal to a single run with the same values', async () => {
    const csv = await runCli([...args, '--format', 'csv']);
    expect(csv.status, csv.stderr).toBe(0);
    expect(csv.stderr).toBe('1000 runs\n');
    const json = await runCli([...args, '--format', 'json']);
    expect(json.status, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout);
    const records = csvRecords(csv.stdout);
    expect(records).toHaveLength(1000);
    expect(doc.runs).toBe(1000);
    expect(doc.rows).toHaveLength(1000);
    expect(doc.axes.map((a: { path: string }) => a.path)).toEqual(axes.map((a) => a.path));

    // The same reader `run` uses, opened once; each row resolved with --set plus its values, projected as `run` projects.
    const source = await openScenario(BAND3, { cwd: ROOT });
    const set = parseOverride('delivery.caseload_per_wte=11');
    for (let i = 0; i < 1000; i++) {
      const values = combinationAt(axes, i);
      const outcome = source.resolve([set, ...values.map((v, k) => parseOverride(`${axes[k]?.path}=${v}`))]);
      expect(outcome.loaded, `row ${i}`).not.toBeNull();
      const [projected] = projectAll([outcome.loaded!], 3);
      const metrics = projected!.result.metrics;
      const expected = Object.fromEntries(METRIC_KEYS.map((k) => [k, plain(metrics[k as keyof typeof metrics])]));

      const row = doc.rows[i];
      expect(Object.values(row.values), `row ${i}`).toEqual(values);
      expect(row.metrics, `json row ${i} (${values.join(', ')})`).toEqual(expected);
      expect(row.error).toBeUndefined();

      const record = records[i]!;
      // The CSV gives each varied value as a number (25% as 0.25), the JSON as given.
      expect(axes.map((a) => record[a.path]), `csv row ${i}`).toEqual(values.map((v) => String(axisCsvValue(v))));
      const fromCsv = Object.fromEntries(METRIC_KEYS.map((k) => [k, record[k] === '' ? null : k === 'payback_month' ? record[k] : Number(record[k])]));
      expect(fromCsv, `csv row ${i} (${values.join(', ')})`).toEqual(expected);
      expect(record.error).toBe('');
    }
  });

  it('matches `peerplan run --set` for a sample of rows', async () => {
    const doc = JSON.parse((await runCli([...args, '--format', 'json'])).stdout);
    for (const i of [0, 337, 999]) {
      const values = combinationAt(axes, i);
      const sets = values.flatMap((v, k) => ['--set', `${axes[k]?.path}=${v}`]);
      const r = await runCli(['run', BAND3, ...fixed, ...sets, '--format', 'json']);
      expect(r.status, r.stderr).toBe(0);
      const metrics = JSON.parse(r.stdout).scenarios[0].metrics;
      expect(doc.rows[i].metrics, `row ${i}`).toEqual(Object.fromEntries(METRIC_KEYS.map((k) => [k, plain(metrics[k])])));
    }
    const base = JSON.parse((await runCli(['run', BAND3, '--set', 'delivery.caseload_per_wte=11', '--format', 'json'])).stdout);
    expect(doc.hash).toBe(base.scenarios[0].hash);
  });
});

describe('--max-runs', () => {
  it('refuses a grid larger than --max-runs with a usage error, before running or writing anything', async () => {
    const dir = tempDir();
    const out = join(dir, 'grid.csv');
    const r = await runCli(['sweep', BAND3, '--vary', 'turnover.annual_leaver_rate=1%..50%', '--vary', 'workforce.band=2,3,4', '--max-runs', '100', '--format', 'csv', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('peerplan: the grid has 150 combinations, more than --max-runs 100; use larger steps or raise --max-runs\n');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses more than 10,000 runs by default, and runs them when raised', async () => {
    const vary = ['--vary', 'turnover.annual_leaver_rate=1%..50%', '--vary', 'delivery.caseload_per_wte=5..25:0.1'];
    const r = await runCli(['sweep', BAND3, ...vary, '--format', 'csv']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the grid has 10050 combinations, more than --max-runs 10000');
    const raised = await runCli(['sweep', BAND3, '--vary', 'turnover.annual_leaver_rate=1%..50%', '--vary', 'workforce.band=3,4', '--max-runs', '100', '--format', 'csv', '--metrics', 'npv']);
    expect(raised.status, raised.stderr).toBe(0);
    expect(csvRecords(raised.stdout)).toHaveLength(100);
  });

  it('rejects a --max-runs that is not a positive whole number', async () => {
    const r = await runCli(['sweep', BAND3, '--vary', 'workforce.band=3,4', '--max-runs', '1e3x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--max-runs must be a positive whole number (got "1e3x")');
  });

  it('keeps tables to 1,000 rows and points to the streamed formats', async () => {
    const r = await runCli(['sweep', BAND3, '--vary', 'turnover.annual_leaver_rate=1%..50%:0.04%']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('1226 rows are too many for a table; use --format csv or --format json (streamed)');
  });
});

describe('streaming', () => {
  it('writes the first rows while the grid is still running', async () => {
    // 10,000 runs take seconds; the first 64 KiB of rows arrive long before the end.
    const child = spawnBinary(['sweep', 'scenarios/baseline.yaml', '--vary', 'turnover.annual_leaver_rate=5%..44.6%:0.4%', '--vary', 'delivery.caseload_per_wte=5..14.9:0.1', '--format', 'csv']);
    const first = await new Promise<string>((done, fail) => {
      child.stdout.once('data', (chunk: Buffer) => done(chunk.toString('utf8')));
      child.once('exit', (code) => fail(new Error(`exited (${code}) before writing anything`)));
    });
    expect(child.exitCode).toBeNull();
    const lines = first.split('\r\n');
    expect(lines[0]).toBe('turnover.annual_leaver_rate,delivery.caseload_per_wte,total_cost,npv,bcr,cost_per_completed_episode,vacancy_rate,burnout_risk_mean,burnout_risk_peak,continuity,error');
    expect(lines[1]).toMatch(/^0\.05,5,\d/);
    expect(lines.length).toBeGreaterThan(100);
    child.kill();
  });

  it('moves --out into place only when complete, leaving no temporary file', async () => {
    const dir = tempDir();
    const out = join(dir, 'grid.json');
    const ok = await runCli(['sweep', BAND3, '--vary', 'turnover.annual_leaver_rate=10%..30%:10%', '--format', 'json', '--out', out]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toBe('');
    expect(ok.stderr).toBe(`3 runs; wrote ${out}\n`);
    expect(readdirSync(dir)).toEqual(['grid.json']);
  });

  it('refuses an --out that is a folder or a scenario, naming it as written (exit 3)', async () => {
    const dir = await runCli(['sweep', BAND3, '--vary', 'workforce.band=3,4', '--out', 'scenarios']);
    expect(dir.status).toBe(3);
    expect(dir.stderr).toBe('peerplan: scenarios is a directory; give a file name, e.g. scenarios/result.json\n');
    const input = await runCli(['sweep', BAND3, '--vary', 'workforce.band=3,4', '--out', 'scenarios/baseline.yaml']);
    expect(input.status).toBe(3);
    expect(input.stderr).toBe('peerplan: refusing to overwrite the scenario file scenarios/baseline.yaml; choose another output path\n');
  });
});

describe('combinations that break a rule between inputs', () => {
  const args = ['sweep', BAND3, '--vary', 'workforce.funded_wte=9,11', '--vary', 'workforce.starting_wte=10..12', '--metrics', 'total_cost,continuity'];

  it('are kept as rows with an error column, and the sweep still succeeds', async () => {
    const csv = await runCli([...args, '--format', 'csv']);
    expect(csv.status).toBe(0);
    expect(csv.stderr).toBe('6 runs, 4 combinations invalid (see the error column)\n');
    const records = csvRecords(csv.stdout);
    expect(records.map((r) => [r['workforce.funded_wte'], r['workforce.starting_wte'], r.error === '' ? 'ok' : r.error?.split(':')[0]])).toEqual([
      ['9', '10', 'STARTING_ABOVE_FUNDED'],
      ['9', '11', 'STARTING_ABOVE_FUNDED'],
      ['9', '12', 'STARTING_ABOVE_FUNDED'],
      ['11', '10', 'ok'],
      ['11', '11', 'ok'],
      ['11', '12', 'STARTING_ABOVE_FUNDED'],
    ]);
    expect(records[0]).toMatchObject({ total_cost: '', continuity: '', error: 'STARTING_ABOVE_FUNDED: workforce.starting_wte is 10, more than the 9 funded WTE' });
    expect(Number(records[3]?.total_cost)).toBeGreaterThan(1_000_000);

    const json = JSON.parse((await runCli([...args, '--format', 'json'])).stdout);
    expect(json.rows[0]).toEqual({
      values: { 'workforce.funded_wte': '9', 'workforce.starting_wte': '10' },
      metrics: null,
      error: 'STARTING_ABOVE_FUNDED: workforce.starting_wte is 10, more than the 9 funded WTE',
    });
    expect(json.rows[3].error).toBeUndefined();
  });

  it('show in the table as a dash per metric and the reason in an Error column (golden)', async () => {
    const r = await runCli(args);
    expect(r.status).toBe(0);
    expectGolden('sweep-rule-errors.txt', r.stdout);
  });
});

describe('invalid --vary values', () => {
  it('exit 1 with the same error code as the value in a file, pointing at the --vary', async () => {
    const dir = tempDir();
    const file = join(dir, 'high.yaml');
    writeFileSync(file, `peerplan: 1\nextends: ${join(ROOT, BAND3)}\nturnover:\n  annual_leaver_rate: 150%\n`);
    const fromFile = JSON.parse((await runCli(['validate', file, '--format', 'json', '--allow-extends-outside'])).stdout);
    const fileCodes = fromFile.files[0].diagnostics.filter((d: { severity: string }) => d.severity === 'error').map((d: { code: string }) => d.code);
    expect(fileCodes).toEqual(['OUT_OF_RANGE']);

    const out = join(dir, 'grid.csv');
    const r = await runCli(['sweep', BAND3, '--vary', 'turnover.annual_leaver_rate=50%..150%:50%', '--format', 'csv', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--vary turnover.annual_leaver_rate=50%..150%:50%: error OUT_OF_RANGE: turnover.annual_leaver_rate is 150%, above the 100% maximum');
    expect(r.stderr).toContain('peerplan: --vary turnover.annual_leaver_rate=50%..150%:50% (value 150%) is not a valid scenario');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('reject a value of the wrong kind with the field\'s own code', async () => {
    const r = await runCli(['sweep', BAND3, '--vary', 'workforce.band=3,banana']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error INVALID_VALUE: workforce.band is "banana"');
    expect(r.stderr).toContain('expected: an Agenda for Change band');
  });

  it('suggest the field meant by a misspelt path', async () => {
    // A path the scenario does not have is a mistake on the command line: exit 2 (issue #18, D5).
    const r = await runCli(['sweep', BAND3, '--vary', 'turnover.anual_leaver_rate=10%,20%']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error SET_PATH_NOT_FOUND: turnover has no field anual_leaver_rate');
    expect(r.stderr).toContain('did you mean: turnover.annual_leaver_rate');
  });

  it('exit 2 on a malformed specification, a misspelt metric or no --vary', async () => {
    const bad = await runCli(['sweep', BAND3, '--vary', 'turnover.annual_leaver_rate=30%..10%']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('FROM must not exceed TO');
    const metric = await runCli(['sweep', BAND3, '--vary', 'workforce.band=3,4', '--metrics', 'npv,contiuity']);
    expect(metric.status).toBe(2);
    expect(metric.stderr).toContain('did you mean "continuity"');
    const none = await runCli(['sweep', BAND3]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("required option '--vary <path=range>' not specified");
  });
});

describe('golden output of a small sweep', () => {
  const args = ['sweep', BAND3, '--vary', 'turnover.annual_leaver_rate=10%..20%:5%', '--vary', 'workforce.band=3,4'];
  it.each([
    ['table', 'txt'],
    ['csv', 'csv'],
    ['json', 'json'],
  ])('%s', async (format, ext) => {
    const r = await runCli([...args, '--format', format]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('6 runs\n');
    expectGolden(`sweep-band3.${ext}`, r.stdout);
  });
});
