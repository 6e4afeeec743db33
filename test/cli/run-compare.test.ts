import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, existsSync, readdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { BUNDLED as bundled, ROOT, TRIO as trio, expectGolden, runBinary, runCli, tempDir } from './run-cli.js';

describe('peerplan run', () => {
  it.each(['table', 'json', 'csv', 'markdown'])('prints %s for the band 4 scenario (golden)', async (format) => {
    const r = await runCli(['run', 'scenarios/band4-permanent.yaml', '--format', format]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expectGolden(`run-band4.${format === 'markdown' ? 'md' : format === 'table' ? 'txt' : format}`, r.stdout);
  });

  it('runs every bundled scenario in every format', async () => {
    for (const format of ['table', 'json', 'csv', 'markdown']) {
      const r = await runCli(['run', ...bundled, '--format', format, '--quiet']);
      expect(r.status, `${format}: ${r.stderr}`).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(100);
    }
  });

  it('adds monthly figures with --monthly and changes the horizon with --years', async () => {
    const r = await runCli(['run', 'scenarios/baseline.yaml', '--format', 'json', '--years', '10']);
    const doc = JSON.parse(r.stdout);
    expect(doc.scenarios[0].months).toHaveLength(120);
    expect(doc.scenarios[0].inputs.find((i: { path: string }) => i.path === 'horizon.years').origin).toEqual({ kind: 'set', expression: '--years 10' });
    const monthly = await runCli(['run', 'scenarios/baseline.yaml', '--monthly']);
    expect(monthly.stdout).toContain('2031-03');
  });

  it('rejects a bad --years with a usage error', async () => {
    const r = await runCli(['run', 'scenarios/baseline.yaml', '--years', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--years must be a whole number of years from 1 to 30');
  });

  it('rejects an unknown format with a usage error and the choices', async () => {
    const r = await runCli(['run', 'scenarios/baseline.yaml', '--format', 'xml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('table, json, csv, markdown');
  });

  it('exits 1 with file:line:column on an invalid scenario, and writes nothing', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'peerplan: 1\nworkforce:\n  funded_wte: 4\nturnover:\n  annual_leaver_rate: 14\n');
    const out = join(dir, 'out.json');
    const r = await runCli(['run', bad, '--format', 'json', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:5:\d+/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('writes --out atomically, refuses a scenario file or a directory', async () => {
    const dir = tempDir();
    const out = join(dir, 'result.json');
    const ok = await runCli(['run', 'scenarios/baseline.yaml', '--format', 'json', '--out', out]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).scenarios).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(['result.json']);

    const copy = join(dir, 'mine.yaml');
    copyFileSync(join(ROOT, 'scenarios', 'lone-peer-worker.yaml'), copy);
    const before = readFileSync(copy, 'utf8');
    const refused = await runCli(['run', 'scenarios/baseline.yaml', '--out', copy]);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain('refusing to overwrite the scenario file');
    expect(readFileSync(copy, 'utf8')).toBe(before);

    const isDir = await runCli(['run', 'scenarios/baseline.yaml', '--out', dir]);
    expect(isDir.status).toBe(3);
    expect(isDir.stderr).toContain('is a directory');
  });

  it('produces JSON that validates against schemas/result.schema.json', async () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'result.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    for (const args of [['run', ...bundled], ['compare', ...bundled]]) {
      const r = await runCli([...args, '--format', 'json', '--quiet']);
      const doc = JSON.parse(r.stdout);
      const valid = validate(doc);
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
      expect(valid).toBe(true);
      expect(doc.peerplan_version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(doc.generated_at).toBeUndefined();
      for (const s of doc.scenarios) expect(s.hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('adds a timestamp only with --timestamp', async () => {
    const r = await runCli(['run', 'scenarios/baseline.yaml', '--format', 'json', '--timestamp']);
    expect(JSON.parse(r.stdout).generated_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});

describe('peerplan compare', () => {
  it.each(['table', 'json', 'csv', 'markdown'])('compares three options in %s (golden)', async (format) => {
    const r = await runCli(['compare', ...trio, '--format', format]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expectGolden(`compare-trio.${format === 'markdown' ? 'md' : format === 'table' ? 'txt' : format}`, r.stdout);
  });

  it('--summary fits one screen: a row per option, ★ best per column, the narrative and a pointer to the rest (golden)', async () => {
    const r = await runCli(['compare', 'scenarios/baseline.yaml', ...bundled, '--summary']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.length).toBeLessThanOrEqual(40);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(100);
    expect(r.stdout).toMatch(/★ £\d/); // a best option in money columns
    expect(r.stdout).toContain('the same command without\n--summary');
    expectGolden('compare-summary.txt', r.stdout);
    const bad = await runCli(['compare', ...trio, '--summary', '--format', 'json']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--summary is a one-screen table');
  });

  it('lists the inputs that differ and a summary', async () => {
    const r = await runCli(['compare', ...trio]);
    expect(r.stdout).toContain('Inputs that differ');
    // Plain-English labels and values (#17); the paths stay in JSON.
    expect(r.stdout).toContain('Contract type');
    expect(r.stdout).toContain('fixed-term');
    expect(r.stdout).not.toContain('workforce.contract.type');
    expect(r.stdout).toContain('Summary');
  });

  it('fits 100 columns when comparing every bundled scenario', async () => {
    const r = await runCli(['compare', ...bundled, '--quiet']);
    expect(r.status).toBe(0);
    const widest = Math.max(...r.stdout.split('\n').map((l) => [...l].length));
    expect(widest).toBeLessThanOrEqual(100);
  });

  it('sorts best first, takes --baseline and --metrics, and suggests a misspelt metric', async () => {
    const r = await runCli(['compare', ...trio, '--sort', 'total_cost', '--metrics', 'total_cost,continuity', '--baseline', 'scenarios/band4-permanent.yaml', '--format', 'json']);
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout).comparison;
    expect(c.rows.map((row: { metric: { key: string } }) => row.metric.key)).toEqual(['total_cost', 'continuity']);
    const costs = c.rows[0].values as number[];
    expect([...costs].sort((a, b) => a - b)).toEqual(costs);
    expect(c.names[c.baseline]).toBe('Band 4 permanent, lived-experience supervision');
    const bad = await runCli(['compare', ...trio, '--metrics', 'contiuity']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('did you mean "continuity"');
  });

  it('projects a file named twice only once (npm start names the baseline first)', async () => {
    const r = await runCli(['compare', 'scenarios/baseline.yaml', ...bundled, '--format', 'json', '--quiet']);
    expect(JSON.parse(r.stdout).scenarios).toHaveLength(bundled.length);
  });

  it('writes RFC 4180 CSV in long and wide forms', async () => {
    const long = (await runCli(['compare', ...trio, '--format', 'csv'])).stdout;
    expect(long.startsWith('option,file,period_type,period,fiscal_year,month,metric,value,unit\r\n')).toBe(true);
    expect(long).toContain('"Band 4 permanent, lived-experience supervision",scenarios/band4-permanent.yaml,year,2026/27,2026/27,,cost.total,');
    const wide = (await runCli(['compare', ...trio, '--format', 'csv', '--wide'])).stdout.split('\r\n');
    expect(wide[0]?.startsWith('option,file,total_cost')).toBe(true);
    expect(wide.filter((l) => l !== '')).toHaveLength(4);
  });
});

describe('determinism', () => {
  // TZ and the locale are the process's own: only a separate process can differ in them.
  // Each is compared with the same command run in this process, in its time zone and locale.
  it('gives byte-identical output across time zones and locales (real binary)', async () => {
    const args = ['compare', ...bundled, '--format', 'json', '--quiet'];
    const here = (await runCli(args)).stdout;
    for (const env of [
      { TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
      { TZ: 'America/St_Johns', LANG: 'ar_EG.UTF-8', LC_ALL: 'ar_EG.UTF-8' },
    ]) {
      expect(runBinary(args, { env }).stdout).toBe(here);
    }
    for (const format of ['table', 'csv', 'markdown']) {
      const a = (await runCli(['compare', ...trio, '--format', format])).stdout;
      const b = runBinary(['compare', ...trio, '--format', format], { env: { TZ: 'Asia/Kolkata', LANG: 'fr_FR.UTF-8', LC_ALL: 'fr_FR.UTF-8' } }).stdout;
      expect(b).toBe(a);
    }
  });
});

describe('help', () => {
  it.each(['run', 'compare', 'sweep', 'sensitivity', 'report', 'batch', 'validate', 'reference', 'evidence', 'schema'])('peerplan %s --help shows examples', async (cmd) => {
    const r = await runCli([cmd, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Examples:');
  });

  it('documents the exit codes in the top-level help', async () => {
    const r = await runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Exit codes:');
    expect(r.stdout).toContain('70  internal error');
  });

  it('exits 2 with a suggestion on an unknown command', async () => {
    const r = await runCli(['compre', 'x.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('compare');
  });
});

describe('reference', () => {
  it('lists data sets and prints one with sources', async () => {
    expect((await runCli(['reference'])).stdout).toContain('afc-2025-26');
    const r = await runCli(['reference', 'afc-2025-26']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('employer_ni_rate');
    expect(r.stdout).toContain('Sources');
    const json = JSON.parse((await runCli(['reference', 'afc-2025-26', '--format', 'json'])).stdout);
    for (const v of json.values) expect(json.sources[v.source], v.key).toBeDefined();
  });

  it('suggests the closest id for a misspelt data set', async () => {
    const r = await runCli(['reference', 'afc-2025-62']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('did you mean "afc-2025-26"');
  });
});
