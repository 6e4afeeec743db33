/**
 * `report --interactive` without a browser: the page's one inline script is the one its
 * Content-Security-Policy allows by hash, its data block cannot close itself, and the
 * options are checked (the Chromium test, test/browser/interactive.browser.test.ts,
 * moves the controls).
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempDir, TRIO } from './run-cli.js';

describe('report --interactive', () => {
  it('with --draws says the uncertainty section is not recomputed when a control moves, and shows that where the section was (issue #24 N10)', async () => {
    const out = join(tempDir(), 'board.html');
    const r = await runCli(['report', ...TRIO, '--interactive', '--draws', '50', '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const page = readFileSync(out, 'utf8');
    const sentence = 'The uncertainty analysis is for the inputs as written in the scenario files; it is not recomputed when a control moves.';
    // The static section says so up front…
    const section = /<section id="uncertainty"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    expect(section).toContain(sentence);
    // …and the page script, which re-renders the report when a control moves, puts a section
    // saying so where the analysis was, and adds it to the changed-values line.
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
    expect(script).toContain('uncertaintyNotRecomputed');
    expect(script).toContain('it is not recomputed when a control moves');
    expect(script).toContain('Reset the controls to see it again');
    // A page without --draws says nothing about it.
    const plain = join(tempDir(), 'plain.html');
    expect((await runCli(['report', ...TRIO, '--interactive', '--out', plain, '--quiet'])).status).toBe(0);
    expect(readFileSync(plain, 'utf8').replace(/<script[\s\S]*?<\/script>/g, '')).not.toContain('not recomputed');
  }, 120_000);

  it('carries one inline script, allowed by its SHA-256 hash, and the page data as JSON', async () => {
    const out = join(tempDir(), 'board.html');
    const r = await runCli(['report', ...TRIO, '--interactive', '--controls', 'finance.discount_rate', '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const page = readFileSync(out, 'utf8');
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0] ?? '', 'utf8').digest('base64');
    expect(page).toContain(`script-src 'sha256-${hash}'`);
    const data = /<script type="application\/json" id="peerplan-data">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
    expect(data).not.toContain('<');
    const parsed = JSON.parse(data) as { controls: Array<{ path: string; reason: string }>; options: unknown[] };
    expect(parsed.options).toHaveLength(3);
    expect(parsed.controls.filter((c) => c.reason === 'swing').length).toBeGreaterThan(0);
    expect(parsed.controls.at(-1)).toMatchObject({ path: 'finance.discount_rate', reason: 'named' });
  }, 60_000);

  it('leaves the static report without any script', async () => {
    const out = join(tempDir(), 'static.html');
    const r = await runCli(['report', ...TRIO, '--no-sensitivity', '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toMatch(/<script/i);
  });

  it('refuses --controls without --interactive, an unknown input, and a workbook (exit 2)', async () => {
    const dir = tempDir();
    const a = await runCli(['report', ...TRIO, '--controls', 'finance.discount_rate', '--out', join(dir, 'a.html')]);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('--controls needs --interactive');
    const b = await runCli(['report', ...TRIO, '--interactive', '--controls', 'turnover.annual_leaver_rat', '--no-sensitivity', '--out', join(dir, 'b.html')]);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain('did you mean "turnover.annual_leaver_rate"?');
    const c = await runCli(['report', ...TRIO, '--interactive', '--out', join(dir, 'c.xlsx')]);
    expect(c.status).toBe(2);
  });

  it('offers no control for a library value that --set could not override (a stream without a source, #12)', async () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), join(dir, 'baseline.yaml'));
    const file = join(dir, 'no-source.yaml');
    writeFileSync(
      file,
      'peerplan: 1\nextends: baseline.yaml\nname: No source\nbenefits:\n  - name: Readmissions avoided\n    evidence: core-2018-readmission\n' +
        '    base_rate: 38%\n    quantity: 20\n    unit_cost: mh-bed-day\n    category: fiscal\n',
    );
    // --set refuses it (OVERRIDE_WITHOUT_SOURCE), so the page must not offer it.
    const set = await runCli(['compare', file, '--set', 'benefits[0].relative_effect=0.7']);
    expect(set.stderr).toContain('OVERRIDE_WITHOUT_SOURCE');
    const named = await runCli(['report', file, '--interactive', '--controls', 'benefits[0].relative_effect', '--out', join(dir, 'a.html'), '--quiet']);
    expect(named.status).toBe(2);
    expect(named.stderr).toContain('without a source');
    const out = join(dir, 'b.html');
    const swings = await runCli(['report', file, '--interactive', '--out', out, '--quiet']);
    expect(swings.status, swings.stderr).toBe(0);
    const data = /<script type="application\/json" id="peerplan-data">([\s\S]*?)<\/script>/.exec(readFileSync(out, 'utf8'))?.[1] ?? '';
    const controls = (JSON.parse(data) as { controls: Array<{ path: string }> }).controls.map((c) => c.path);
    expect(controls.length).toBeGreaterThan(0);
    expect(controls.filter((p) => /relative_effect|dose_months|dose_sessions|unit_value|price_year/.test(p))).toEqual([]);
  }, 60_000);
});

describe('report --interactive with options that differ (issue #28 item 2)', () => {
  const PAIR = ['scenarios/band4-permanent.yaml', 'scenarios/band3-fixed-term.yaml'];
  it('gives an input that differs a control per option, at each option’s own value, and offers a contract input only one option has', async () => {
    const out = join(tempDir(), 'pair.html');
    const r = await runCli(['report', ...PAIR, '--interactive', '--no-sensitivity', '--controls', 'supervision.workers_per_supervisor,workforce.contract.renewal_probability,finance.discount_rate', '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const page = readFileSync(out, 'utf8');
    const data = /<script type="application\/json" id="peerplan-data">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
    const controls = (JSON.parse(data) as { controls: Array<{ path: string; base: number; option?: number; optionName?: string }> }).controls;
    expect(controls.map((c) => [c.path, c.base, c.option ?? 'all'])).toEqual([
      ['supervision.workers_per_supervisor', 6, 0],
      ['supervision.workers_per_supervisor', 10, 1],
      ['workforce.contract.renewal_probability', 50, 1],
      ['finance.discount_rate', 3.5, 'all'],
    ]);
    expect(controls[1]?.optionName).toBe('Band 3 fixed-term (12-month grants)');
    expect(page).toContain('(Band 3 fixed-term (12-month grants) only)');
  }, 60_000);

  it('still refuses an input no option has, with a did-you-mean (exit 2)', async () => {
    const r = await runCli(['report', ...PAIR, '--interactive', '--no-sensitivity', '--controls', 'workforce.contract.renewal_probabilty', '--out', join(tempDir(), 'x.html')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is not a numeric input of any of the options (did you mean "workforce.contract.renewal_probability"?)');
  });
});
