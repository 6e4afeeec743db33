/** `peerplan evidence`: the library as a table (golden), Markdown, JSON, one entry in full, and unknown ids. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectGolden, runCli, tempDir } from './run-cli.js';

describe('peerplan evidence', () => {
  it('lists every entry with its effect, grade, verification and sources (golden)', async () => {
    const r = await runCli(['evidence'], { env: { NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expectGolden('evidence-list.txt', r.stdout);
    expect(r.stdout).toContain('OR 0.66 (95% CI 0.43');
  });

  it('shows one entry in full with its 2×2 counts and interval (golden)', async () => {
    const r = await runCli(['evidence', 'core-2018-readmission'], { env: { NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    expectGolden('evidence-core.txt', r.stdout);
    expect(r.stdout).toContain('Intervention arm: 64/218 (29.4%)');
    expect(r.stdout).toContain('Control arm:      83/216 (38.4%)');
    expect(r.stdout).toContain('95% interval:     0.43 to 0.99');
  });

  it('lists unit costs with licences and the NHS cost inflation series (golden)', async () => {
    const r = await runCli(['evidence', '--unit-costs'], { env: { NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    expectGolden('evidence-unit-costs.txt', r.stdout);
    expect(r.stdout).toContain('CC BY 4.0');
    expect(r.stdout).toContain('2022/23 7.32%');
  });

  it('gives JSON and Markdown', async () => {
    const json = JSON.parse((await runCli(['evidence', '--format', 'json'])).stdout);
    expect(json.entries.length).toBeGreaterThanOrEqual(8);
    const one = JSON.parse((await runCli(['evidence', 'wellby', '--format', 'json'])).stdout);
    expect(one).toMatchObject({ kind: 'unit cost', value: 13000, low: 10000, high: 16000 });
    const md = (await runCli(['evidence', '--format', 'md'])).stdout;
    expect(md).toContain('| core-2018-readmission |');
    expect(md).toContain('### Sources');
  });

  it('refuses an unknown id with a did-you-mean, exit 2', async () => {
    const r = await runCli(['evidence', 'core-2018']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('did you mean "core-2018-readmission"');
  });
});

describe('no benefits valued', () => {
  it('validate warns NO_BENEFITS; run says "no benefits valued" for BCR and ROI, JSON keeps numbers', async () => {
    const fixture = 'test/fixtures/warnings/NO_BENEFITS.yaml';
    const v = await runCli(['validate', fixture]);
    expect(v.status).toBe(0);
    expect(v.stdout).toContain('warning NO_BENEFITS');
    const t = (await runCli(['run', fixture], { env: { NO_COLOR: '1' } })).stdout;
    expect(t).toMatch(/Benefit-cost ratio\s+│ no benefits valued/);
    expect(t).toMatch(/Return on investment\s+│ no benefits valued/);
    expect((await runCli(['run', fixture, '--format', 'markdown'])).stdout).toContain('| Benefit-cost ratio | no benefits valued |');
    const json = JSON.parse((await runCli(['run', fixture, '--format', 'json'])).stdout);
    expect(typeof json.scenarios[0].metrics.bcr).toBe('number');
    const out = join(tempDir(), 'report.html');
    expect((await runCli(['report', fixture, '--out', out])).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('no benefits valued');
  });
});
