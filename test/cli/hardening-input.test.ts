/**
 * Issue #18, input side, through the real CLI: `extends` confinement and its flag, `--set`
 * paths that lead nowhere, input bounds, `--vary` and `--years` parsing. Each case here
 * failed before its fix (exit 0 with a silently ignored value, exit 70, or a secret quoted).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.js';

const SCENARIO = 'peerplan: 1\nname: Outside test\nworkforce:\n  funded_wte: 8\n';

function project(): string {
  const dir = tempDir('peerplan-s3-');
  mkdirSync(join(dir, 'team', 'in'), { recursive: true });
  writeFileSync(join(dir, '.env'), 'DB_PASSWORD: hunter2-very-secret\n');
  writeFileSync(join(dir, 'parent.yaml'), SCENARIO);
  writeFileSync(join(dir, 'team', 'in', 'leak.yaml'), 'peerplan: 1\nextends: ../../.env\n');
  writeFileSync(join(dir, 'team', 'in', 'child.yaml'), 'peerplan: 1\nextends: ../../parent.yaml\n');
  return dir;
}

describe('S3: extends outside the scenario folder', () => {
  it('is refused by default, on every command, without quoting the file', async () => {
    const dir = project();
    for (const args of [['validate'], ['run'], ['explain'], ['sensitivity'], ['sweep', '--vary', 'workforce.funded_wte=4,8']]) {
      const [command, ...rest] = args;
      const r = await runCli([command!, 'team/in/leak.yaml', ...rest], { cwd: dir });
      expect(r.status, `${command}: ${r.stderr}`).toBe(1);
      expect(r.stdout + r.stderr).toContain('EXTENDS_OUTSIDE_FOLDER');
      expect(r.stdout + r.stderr).not.toContain('hunter2');
    }
  });

  it('--allow-extends-outside reads a scenario outside, on every command', async () => {
    const dir = project();
    for (const command of ['validate', 'run', 'compare', 'explain']) {
      const r = await runCli([command, 'team/in/child.yaml', '--allow-extends-outside', '--quiet'], { cwd: dir });
      expect(r.status, `${command}: ${r.stderr}`).toBe(0);
    }
  });

  it('with --allow-extends-outside, a file that is not a scenario is named, never quoted, in batch summary.json too', async () => {
    const dir = project();
    const r = await runCli(['batch', 'team/in/', '--out', 'out', '--format', 'json', '--allow-extends-outside'], { cwd: dir });
    expect(r.status).toBe(1);
    const summary = readFileSync(join(dir, 'out', 'summary.json'), 'utf8');
    expect(summary).toContain('NOT_A_SCENARIO');
    expect(summary + r.stderr + r.stdout).not.toContain('hunter2');
    expect(summary + r.stderr).not.toContain('DB_PASSWORD');
  });
});

describe('D5: --set paths that lead nowhere are usage errors', () => {
  it.each([
    ['benefits[4294967295].quantity=999', 'did you mean: benefits[2].quantity'],
    ['benefits[1000000].quantity=999', 'did you mean: benefits[2].quantity'],
    ['benefits[4].quantity=999', 'did you mean: benefits[2].quantity'],
    ['turnover.anual_leaver_rate=25%', 'did you mean: turnover.annual_leaver_rate'],
  ])('run --set %s', async (set, hint) => {
    const started = Date.now();
    const r = await runCli(['run', 'scenarios/band4-permanent.yaml', '--set', set]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('SET_PATH_NOT_FOUND');
    expect(r.stderr).toContain(hint);
  });

  it('a --vary path that leads nowhere is a usage error too', async () => {
    const r = await runCli(['sweep', 'scenarios/band4-permanent.yaml', '--vary', 'benefits[9].quantity=1,2']);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('SET_PATH_NOT_FOUND');
  });
});

describe('D6: inputs bounded to what the model supports', () => {
  it.each([
    ['horizon.start=9999-04', 'INVALID_FORMAT'],
    ['horizon.start=0000-04', 'INVALID_FORMAT'],
    ['delivery.relationship_months=5e-324', 'OUT_OF_RANGE'],
    ['delivery.caseload_per_wte=1e-300', 'OUT_OF_RANGE'],
    ['supervision.workers_per_supervisor=5e-324', 'OUT_OF_RANGE'],
  ])('--set %s is refused (was £NaN with exit 0)', async (set, code) => {
    const r = await runCli(['run', 'scenarios/baseline.yaml', '--set', set, '--format', 'json']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain(code);
    expect(r.stdout).toBe('');
  });

  it('a huge bare number for a percentage does not claim it "would mean Infinity%"', async () => {
    const r = await runCli(['run', 'scenarios/baseline.yaml', '--set', 'turnover.annual_leaver_rate=1e308']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PERCENT_AS_NUMBER');
    expect(r.stderr).not.toContain('Infinity');
  });

  it.each(['0x1E', '3e1', '30.0', ' 30'])('--years %j is a usage error', async (years) => {
    const r = await runCli(['run', 'scenarios/baseline.yaml', '--years', years]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--years must be a whole number of years from 1 to 30');
  });
});

describe('--vary limits', () => {
  it('eight axes of a million values are refused from their sizes, at once (was 24 s)', async () => {
    const paths = ['supervision', 'insecurity', 'isolation', 'pay', 'caseload', 'training'].map((w) => `burnout.weights.${w}`);
    paths.push('turnover.recruitment_cost_per_hire', 'training.cpd_cost_per_wte_per_year');
    const vary = paths.flatMap((p) => ['--vary', `${p}=0..999999`]);
    const started = Date.now();
    const r = await runCli(['sweep', 'scenarios/baseline.yaml', ...vary]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the grid has about 1\.0 × 10\^48 combinations, more than --max-runs 10000/);
  });

  it('more than 10 decimal places is a usage error, not exit 70', async () => {
    const r = await runCli(['sweep', 'scenarios/baseline.yaml', '--vary', `turnover.annual_leaver_rate=0.1..0.2:0.${'0'.repeat(120)}1`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/has 121 decimal places; peerplan steps through at most 10/);
  });
});
