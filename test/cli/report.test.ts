/**
 * `peerplan report` through the real binary (the HTML renderer itself is tested in
 * test/report/, the workbook in xlsx.test.ts): the file is written whole or not at
 * all, carries the figures of the comparison, and is byte-identical across runs.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatMoney } from '../../src/text/format.js';
import { BUNDLED, ROOT, TRIO, runBinary, runCli, tempDir } from './run-cli.js';

describe('peerplan report (HTML)', () => {
  it('writes one self-contained page with every option and its figures', async () => {
    const dir = tempDir();
    const out = join(dir, 'report.html');
    const r = await runCli(['report', ...TRIO, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`Wrote ${out}\n`);
    expect(readdirSync(dir)).toEqual(['report.html']);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src="http/i);
    const doc = JSON.parse((await runCli(['compare', ...TRIO, '--format', 'json'])).stdout);
    for (const s of doc.scenarios) {
      expect(html).toContain(s.name);
      expect(html).toContain(formatMoney(s.metrics.total_cost));
      expect(html).toContain(formatMoney(s.metrics.npv));
    }
    expect(html).toContain('Baseline (current team)');
    expect(html).toContain('<svg');
  });

  it('is byte-identical across runs, time zones and locales, with a time only on --timestamp', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.html');
    const b = join(dir, 'b.html');
    expect((await runCli(['report', ...BUNDLED, '--out', a, '--quiet'])).status).toBe(0);
    expect(runBinary(['report', ...BUNDLED, '--out', b, '--quiet'], { env: { TZ: 'America/St_Johns', LANG: 'fr_FR.UTF-8', LC_ALL: 'fr_FR.UTF-8' } }).status).toBe(0);
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
    const stamped = join(dir, 'c.html');
    expect((await runCli(['report', ...TRIO, '--out', stamped, '--timestamp'])).status).toBe(0);
    expect(readFileSync(stamped, 'utf8')).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(readFileSync(a, 'utf8')).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    // Three reports of up to six options, each with a sensitivity analysis whose switching values are
    // found to the input's own precision and verified either side (issue 11): slow on a busy machine.
  }, 120_000);

  it('takes --baseline, --metric and --title', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.html');
    const r = await runCli(['report', ...TRIO, '--baseline', 'scenarios/band4-permanent.yaml', '--metric', 'continuity', '--title', 'Options for <Trust>', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<title>Options for &lt;Trust&gt;</title>');
    expect(html).toContain('Each option against the baseline, Band 4 permanent, lived-experience supervision (--baseline).');
    expect(html).toMatch(/On <strong>continuity score<\/strong>/);
  });

  it('writes nothing, and keeps the old file, when a scenario is invalid', async () => {
    const dir = tempDir();
    const out = join(dir, 'report.html');
    writeFileSync(out, 'old report\n');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, `peerplan: 1\nextends: ${join(ROOT, 'scenarios', 'baseline.yaml')}\nworkforce:\n  band: 9\n`);
    const r = await runCli(['report', 'scenarios/baseline.yaml', bad, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:4:\d+: error INVALID_VALUE/);
    expect(readFileSync(out, 'utf8')).toBe('old report\n');
    expect(readdirSync(dir).sort()).toEqual(['bad.yaml', 'report.html']);
  });

  it('refuses to overwrite a scenario file (exit 3)', async () => {
    const dir = tempDir();
    const copy = join(dir, 'mine.yaml');
    copyFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), copy);
    const r = await runCli(['report', ...TRIO, '--out', copy]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('refusing to overwrite the scenario file');
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), 'utf8'));
  });

  it('exits 2 without --out, on a misspelt --metric or an unknown --format', async () => {
    const none = await runCli(['report', ...TRIO]);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe('peerplan: report writes a file: give --out, e.g. peerplan report scenarios/*.yaml --out report.html (or --out options.xlsx for a workbook)\n');
    const metric = await runCli(['report', ...TRIO, '--metric', 'contnuity', '--out', 'x.html']);
    expect(metric.status).toBe(2);
    expect(metric.stderr).toContain('did you mean "continuity"');
    const format = await runCli(['report', ...TRIO, '--format', 'pdf', '--out', 'x.pdf']);
    expect(format.status).toBe(2);
    expect(format.stderr).toContain("Allowed choices are html, xlsx");
    expect(existsSync(join(ROOT, 'x.html'))).toBe(false);
  });
});
