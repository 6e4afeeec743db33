/**
 * `peerplan batch` through the real binary, in temporary folders: a broken scenario
 * does not stop the rest, --fail-on thresholds give exit 4 with the breaches listed,
 * every output is complete, progress is plain lines when stderr is not a terminal.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { BUNDLED, ROOT, csvRecords, runBinary, runCli, tempDir } from './run-cli.js';
import { readWorkbook } from './workbook.js';

const NAMES = BUNDLED.map((f) => f.replace(/^scenarios\/|\.yaml$/g, ''));

/** A folder `in/` with the bundled scenarios (they extend baseline.yaml beside them), plus `extra` files. */
/** A zip file's end: the end-of-central-directory record (signature PK\x05\x06), with no comment after it. */
const endsAsZip = (bytes: Buffer): boolean => bytes.length >= 22 && bytes.readUInt32LE(bytes.length - 22) === 0x06054b50;

function inputs(extra: Record<string, string> = {}): string {
  const dir = tempDir('peerplan-batch-');
  mkdirSync(join(dir, 'in'));
  // One project: with --extends-root in (given by `batch` below), scenarios in sub-folders may extend ../baseline.yaml (docs/SCENARIO.md, extends).
  for (const f of BUNDLED) copyFileSync(join(ROOT, f), join(dir, 'in', f.replace('scenarios/', '')));
  for (const [name, text] of Object.entries(extra)) {
    mkdirSync(join(dir, 'in', name, '..'), { recursive: true });
    writeFileSync(join(dir, 'in', name), text);
  }
  return dir;
}

const BROKEN = 'peerplan: 1\nextends: baseline.yaml\nname: Broken\nturnover:\n  annual_leaver_rate: 140%\n';
/** High turnover and few renewals: continuity falls below 70 and burnout peaks above 60. */
const CHURN = 'peerplan: 1\nextends: band3-fixed-term.yaml\nname: High churn\nturnover:\n  annual_leaver_rate: 40%\nworkforce:\n  contract:\n    renewal_probability: 20%\n';

const batch = async (dir: string, args: string[]) => await runCli(['--extends-root', 'in', 'batch', ...args], { cwd: dir });

describe('a broken scenario', () => {
  it('does not stop the batch: it is reported with its diagnostics, the rest is written whole, and the exit is 1', async () => {
    const dir = inputs({ 'broken.yaml': BROKEN });
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'notes.txt'), 'kept\n');
    const r = await batch(dir, ['in/', '--out', 'out/', '--format', 'html,xlsx,json,csv']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('in/broken.yaml:5:23: error OUT_OF_RANGE: turnover.annual_leaver_rate is 140%, above the 100% maximum');
    expect(r.stderr).toContain('Invalid scenarios (1), not run:\n  in/broken.yaml: OUT_OF_RANGE\n');
    expect(r.stderr).toContain('Batch: 7 scenarios, 6 ok, 1 invalid, 0 breached a threshold; wrote 30 files to out/');
    expect(r.stderr.endsWith('Exit 1: 1 scenario is invalid.\n')).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at /);

    const formats = ['csv', 'html', 'json', 'xlsx'];
    const expected = [...NAMES, 'comparison'].flatMap((n) => formats.map((f) => `${n}.${f}`));
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([...expected, 'notes.txt', 'summary.csv', 'summary.json'].sort());
    expect(readFileSync(join(dir, 'out', 'notes.txt'), 'utf8')).toBe('kept\n');

    // Every file is whole: JSON equal to a plain `run` without its month rows (--detail months
    // keeps them), pages that end, workbooks that open (the first; the others end with a
    // zip's closing record, which is written last).
    expect((await readWorkbook(join(dir, 'out', `${NAMES[0]}.xlsx`))).worksheets.map((w) => w.name)[0]).toBe('Cover');
    for (const name of NAMES) {
      const run = await runCli(['run', `in/${name}.yaml`, '--format', 'json', '--quiet'], { cwd: dir });
      const doc = JSON.parse(run.stdout);
      const withoutMonths = { ...doc, scenarios: doc.scenarios.map((s: object) => ({ ...s, months: [] })) };
      expect(readFileSync(join(dir, 'out', `${name}.json`), 'utf8'), name).toBe(`${JSON.stringify(withoutMonths, null, 2)}\n`);
      expect(readFileSync(join(dir, 'out', `${name}.html`), 'utf8').trimEnd().endsWith('</html>'), name).toBe(true);
      expect(endsAsZip(readFileSync(join(dir, 'out', `${name}.xlsx`))), name).toBe(true);
    }
    const comparison = JSON.parse(readFileSync(join(dir, 'out', 'comparison.json'), 'utf8'));
    expect(comparison.scenarios).toHaveLength(6);
    // The bundled baseline.yaml is marked baseline: true (issue #28, 8): the baseline whatever the order.
    expect(comparison.comparison.names[comparison.comparison.baseline]).toBe('Baseline (current team)');
    expect(comparison.comparison.baseline_reason).toBe('marked');

    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ exit_code: 1, outcome: '1 scenario is invalid', counts: { scenarios: 7, ok: 6, invalid: 1, breached: 0, output_errors: 0 } });
    const broken = summary.scenarios.find((s: { file: string }) => s.file === 'in/broken.yaml');
    expect(broken).toMatchObject({ name: 'broken', status: 'invalid', outputs: [], metrics: null });
    expect(broken.diagnostics).toEqual([expect.objectContaining({ code: 'OUT_OF_RANGE', severity: 'error', file: 'in/broken.yaml', line: 5, column: 23 })]);
    const csv = csvRecords(readFileSync(join(dir, 'out', 'summary.csv'), 'utf8'));
    expect(csv.map((row) => [row.file, row.status])).toEqual([...NAMES.slice(0, 3), 'broken', ...NAMES.slice(3)].map((n) => [`in/${n}.yaml`, n === 'broken' ? 'invalid' : 'ok']));
    expect(csv.find((row) => row.file === 'in/broken.yaml')).toMatchObject({ diagnostics: 'OUT_OF_RANGE', total_cost: '', outputs: '' });
    expect(Number(csv[0]?.total_cost)).toBe(comparison.scenarios[0].metrics.total_cost);
  });

  it('still exits 1 (not 4) when another scenario also breaches a threshold', async () => {
    const dir = inputs({ 'broken.yaml': BROKEN });
    const r = await batch(dir, ['in/', '--out', 'out', '--format', 'json', '--fail-on', 'npv<0']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Threshold breaches (5):');
    expect(JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8')).exit_code).toBe(1);
  });

  it('is reported even with --quiet, which hides only the progress and the totals', async () => {
    const dir = inputs({ 'broken.yaml': BROKEN });
    const r = await batch(dir, ['in/', '--out', 'out', '--format', 'json', '--quiet']);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('[1/7]');
    expect(r.stderr).not.toContain('Batch:');
    expect(r.stderr).not.toContain('LONE_PEER_WORKER');
    expect(r.stderr).toContain('error OUT_OF_RANGE');
    expect(r.stderr).toContain('Invalid scenarios (1), not run:');
  });
});

describe('--fail-on', () => {
  it.each([
    ['burnout_risk_peak>55', ['in/band3-fixed-term.yaml (Band 3 fixed-term (12-month grants)): burnout_risk_peak 58.9% > 55.0%', 'in/churn.yaml (High churn): burnout_risk_peak 60.5% > 55.0%']],
    ['continuity<70', ['in/churn.yaml (High churn): continuity 59.5 < 70.0']],
  ])("'%s' exits 4 and lists the breaches", async (expr, lines) => {
    const dir = inputs({ 'churn.yaml': CHURN });
    const r = await batch(dir, ['in/', '--out', 'out', '--format', 'json', '--fail-on', expr]);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain(`Threshold breaches (${lines.length}):\n${lines.map((l) => `  ${l}   [--fail-on '${expr}']\n`).join('')}`);
    expect(r.stderr.endsWith(`Exit 4: ${lines.length} scenario${lines.length === 1 ? '' : 's'} breached a --fail-on threshold.\n`)).toBe(true);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.exit_code).toBe(4);
    expect(summary.fail_on).toEqual([expr]);
    expect(summary.counts.breached).toBe(lines.length);
    const churn = summary.scenarios.find((s: { file: string }) => s.file === 'in/churn.yaml');
    expect(churn.breaches).toEqual([expect.objectContaining({ expression: expr, threshold: Number(expr.split(/[<>]/)[1]) })]);
    // Every scenario is still written, breached or not.
    expect(readdirSync(join(dir, 'out'))).toHaveLength(NAMES.length + 1 + 3);
  });

  it("'npv<0' exits 4: the bundled options with a negative NPV (all but the VCSE provider) breach it", async () => {
    const dir = inputs();
    const r = await batch(dir, ['in/', '--out', 'out', '--format', 'csv', '--fail-on', 'npv<0', '--fail-on', 'continuity<70']);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('Threshold breaches (5):');
    expect(r.stderr).toContain("  in/band4-permanent.yaml (Band 4 permanent, lived-experience supervision): npv -£110,130 < £0   [--fail-on 'npv<0']\n");
    expect(r.stderr).toContain("  in/baseline.yaml (Baseline (current team)): npv -£7,899 < £0   [--fail-on 'npv<0']\n");
    expect(r.stderr).not.toContain('in/vcse-grant-funded.yaml (VCSE provider, 3-year grant): npv');
    expect(r.stderr).not.toContain('continuity<70');
    const csv = csvRecords(readFileSync(join(dir, 'out', 'summary.csv'), 'utf8'));
    expect(csv.map((row) => row.breaches)).toEqual(NAMES.map((n) => (['band3-fixed-term', 'band4-permanent', 'baseline', 'lone-peer-worker', 'scale-up'].includes(n) ? 'npv<0' : '')));
  });

  it('exits 0 when no threshold is met', async () => {
    const dir = inputs();
    const r = await batch(dir, ['in/', '--out', 'out', '--format', 'json', '--fail-on', 'burnout_risk_peak>90', '--fail-on', 'vacancy_rate>50%']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('Exit');
    expect(JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8')).outcome).toBe('every scenario is valid and no --fail-on threshold was breached');
  });

  it.each([
    ['burnout_risk_peek>60', 'unknown metric "burnout_risk_peek" (did you mean "burnout_risk_peak"?)'],
    ['continuity=<70', 'unknown operator "=<" (did you mean "<="?)'],
    ['vacancy_rate>15', 'vacancy_rate is a rate; write vacancy_rate>15% or a fraction such as vacancy_rate>0.15'],
    ['npv', "expected METRIC OPERATOR NUMBER with one of <= >= == != < >; e.g. --fail-on 'burnout_risk_peak>60'"],
    ['npv<', 'a value is missing after <'],
  ])("a bad expression '%s' exits 2 with help, before anything runs", async (expr, message) => {
    const dir = inputs();
    const r = await batch(dir, ['in/', '--out', 'out', '--fail-on', expr]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`peerplan: --fail-on '${expr}': ${r.stderr.slice(`peerplan: --fail-on '${expr}': `.length)}`);
    expect(r.stderr).toContain(message);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('outputs', () => {
  it('writes one file per scenario per format, the comparison, and the summary', async () => {
    const dir = inputs();
    const r = await batch(dir, ['in/', '--out', 'results', '--format', 'json,html', '--baseline', 'in/baseline.yaml']);
    expect(r.status, r.stderr).toBe(0);
    const files = readdirSync(join(dir, 'results')).sort();
    expect(files).toEqual([...NAMES, 'comparison'].flatMap((n) => [`${n}.html`, `${n}.json`]).concat(['summary.csv', 'summary.json']).sort());
    expect(r.stderr).toContain(`wrote ${files.length} files to results (summary.json, summary.csv, comparison.json, comparison.html).`);
    const summary = JSON.parse(readFileSync(join(dir, 'results', 'summary.json'), 'utf8'));
    expect(summary.comparison).toEqual({ baseline: 'in/baseline.yaml', baseline_reason: 'option', outputs: ['comparison.json', 'comparison.html'] });
    expect(summary.scenarios[0].outputs).toEqual(['baseline.json', 'baseline.html']);
    expect(summary.generated_at).toBeUndefined();
    const comparison = JSON.parse(readFileSync(join(dir, 'results', 'comparison.json'), 'utf8'));
    expect(comparison.comparison.names[comparison.comparison.baseline]).toBe('Baseline (current team)');
  });

  it('numbers repeated names and keeps summary and comparison for the combined outputs', async () => {
    const dir = inputs({ 'a/x.yaml': 'peerplan: 1\nextends: ../baseline.yaml\nname: A\n', 'b/x.yaml': 'peerplan: 1\nextends: ../baseline.yaml\nname: B\n', 'c/summary.yaml': 'peerplan: 1\nextends: ../baseline.yaml\nname: C\n' });
    const r = await batch(dir, ['in/a/x.yaml', 'in/b/x.yaml', 'in/c/summary.yaml', '--out', 'out', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['comparison.json', 'summary-2.json', 'summary.csv', 'summary.json', 'x-2.json', 'x.json']);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'x-2.json'), 'utf8')).scenarios[0].name).toBe('B');
  });

  // What batch writes itself (summaries, the comparison of headline metrics). Its workbooks
  // and reports are run's and compare's, byte-identical across time zones and locales in
  // xlsx.test.ts and report.test.ts, and three times slower to write.
  it('is byte-identical across runs and time zones', async () => {
    const dir = inputs();
    expect((await batch(dir, ['in/', '--out', 'a', '--format', 'json,csv', '--quiet'])).status).toBe(0);
    expect(runBinary(['batch', 'in/', '--out', 'b', '--format', 'json,csv', '--quiet'], { cwd: dir, env: { TZ: 'Asia/Kolkata', LANG: 'fr_FR.UTF-8' } }).status).toBe(0);
    expect(readdirSync(join(dir, 'b')).sort()).toEqual(readdirSync(join(dir, 'a')).sort());
    for (const f of readdirSync(join(dir, 'a'))) expect(readFileSync(join(dir, 'b', f)).equals(readFileSync(join(dir, 'a', f))), f).toBe(true);
  });

  it('refuses an --out that is a file (exit 3) and writes nothing', async () => {
    const dir = inputs();
    writeFileSync(join(dir, 'results.txt'), 'x');
    const r = await batch(dir, ['in/', '--out', 'results.txt']);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('peerplan: results.txt is a file, not a folder; give a folder for the outputs\n');
    expect(readdirSync(dir).sort()).toEqual(['in', 'results.txt']);
  });

  it('reports an output it cannot write (exit 3) and still writes the others', async () => {
    const dir = inputs();
    mkdirSync(join(dir, 'out', 'baseline.json'), { recursive: true });
    const r = await batch(dir, ['in/', '--out', 'out', '--format', 'json']);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('peerplan: out/baseline.json is a directory');
    expect(r.stderr).not.toContain(dir);
    expect(r.stderr).toContain('Exit 3: 1 output file could not be written.');
    expect(existsSync(join(dir, 'out', 'band4-permanent.json'))).toBe(true);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.exit_code).toBe(3);
    expect(summary.scenarios.find((s: { file: string }) => s.file === 'in/baseline.yaml').output_errors).toHaveLength(1);
  });

  it('needs --out, and a known --format', async () => {
    const dir = inputs();
    const none = await batch(dir, ['in/']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('give --out, e.g. peerplan batch scenarios/ --out results/');
    const format = await batch(dir, ['in/', '--out', 'out', '--format', 'json,xslx']);
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('unknown format "xslx" (did you mean "xlsx"?)');
    expect(readdirSync(dir)).toEqual(['in']);
  });
});

describe('inputs', () => {
  it('expands quoted globs, ** included, in code-point order', async () => {
    const dir = inputs({ 'nested/deeper/extra.yaml': 'peerplan: 1\nextends: ../../baseline.yaml\nname: Nested\n' });
    const band = await batch(dir, ['in/band?-*.yaml', '--out', 'out1', '--format', 'json']);
    expect(band.status, band.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out1', 'summary.json'), 'utf8')).scenarios.map((s: { file: string }) => s.file)).toEqual(['in/band3-fixed-term.yaml', 'in/band4-permanent.yaml']);
    const all = await batch(dir, ['in/**/*.yaml', '--out', 'out2', '--format', 'json']);
    expect(all.status, all.stderr).toBe(0);
    const files = JSON.parse(readFileSync(join(dir, 'out2', 'summary.json'), 'utf8')).scenarios.map((s: { file: string }) => s.file);
    expect(files).toEqual([...BUNDLED.map((f) => f.replace('scenarios/', 'in/')), 'in/nested/deeper/extra.yaml'].sort());
    expect(files).toContain('in/nested/deeper/extra.yaml');
  });

  it('exits 2 on a pattern that matches nothing, before writing', async () => {
    const dir = inputs();
    const r = await batch(dir, ['in/*.yml', '--out', 'out']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('peerplan: no scenario files (*.yaml, *.yml) match "in/*.yml"; give folders, files or patterns such as scenarios/*.yaml\n');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('reports a missing file as an invalid scenario and runs the rest', async () => {
    const dir = inputs();
    const r = await batch(dir, ['in/baseline.yaml', 'in/nope.yaml', '--out', 'out', '--format', 'json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('in/nope.yaml: FILE_NOT_FOUND');
    expect(existsSync(join(dir, 'out', 'baseline.json'))).toBe(true);
  });
});

describe('progress', () => {
  it('is one plain line per scenario when stderr is not a terminal', async () => {
    const dir = inputs({ 'broken.yaml': BROKEN });
    const r = await batch(dir, ['in/', '--out', 'out', '--format', 'json', '--fail-on', 'burnout_risk_peak>55']);
    const lines = r.stderr.split('\n').filter((l) => /^\[\d+\/\d+\]/.test(l));
    expect(lines).toEqual([
      '[1/7] in/band3-fixed-term.yaml ok, 1 threshold breached',
      '[2/7] in/band4-permanent.yaml ok',
      '[3/7] in/baseline.yaml ok',
      '[4/7] in/broken.yaml invalid',
      '[5/7] in/lone-peer-worker.yaml ok',
      '[6/7] in/scale-up.yaml ok',
      '[7/7] in/vcse-grant-funded.yaml ok',
    ]);
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).not.toContain('\x1b[');
  });

  it('is a bar redrawn in place on a terminal, cleared at the end', async () => {
    const dir = inputs();
    let err = '';
    const io = {
      stdout: { write: () => true, isTTY: true, columns: 80 },
      stderr: { write: (s: string) => ((err += s), true), isTTY: true, columns: 80 },
      env: { NO_COLOR: '1' },
      cwd: dir,
    };
    const code = await main(['node', 'peerplan', 'batch', 'in/', '--out', 'out', '--format', 'json'], io);
    expect(code).toBe(0);
    expect(err).toMatch(/\r\x1b\[2K\[#+\.*\] \d\/6 in\//);
    expect(err).toContain('\r\x1b[2K[########################] 6/6 in/vcse-grant-funded.yaml');
    expect(err).not.toMatch(/^\[\d\/6\]/m);
    expect(err).toMatch(/\r\x1b\[2KBatch: 6 scenarios/);
  });
});
