/**
 * Scripting with several options (issue #28, 8): `--set FILE:PATH=VALUE` changes one
 * option only; a --set one option refuses names that option's file; `--fail-on` takes a
 * burnout share as the breach lines print it (`40%`).
 */
import { describe, expect, it } from 'vitest';
import { runBinary, runCli, suiteTempDir } from './run-cli.js';

const PAIR = ['scenarios/baseline.yaml', 'scenarios/band3-fixed-term.yaml'];

describe('--set FILE:PATH=VALUE', () => {
  it('sets the value in the named file only (by its name without .yaml, or as given)', async () => {
    const plain = await runCli(['compare', ...PAIR, '--format', 'json']);
    const one = await runCli(['compare', ...PAIR, '--format', 'json', '--set', 'band3-fixed-term:workforce.contract.renewal_probability=90%']);
    const given = await runCli(['compare', ...PAIR, '--format', 'json', '--set', 'scenarios/band3-fixed-term.yaml:workforce.contract.renewal_probability=90%']);
    expect(one.status).toBe(0);
    expect(JSON.parse(given.stdout).scenarios[1].metrics).toEqual(JSON.parse(one.stdout).scenarios[1].metrics);
    const [b0, f0] = JSON.parse(plain.stdout).scenarios;
    const [b1, f1] = JSON.parse(one.stdout).scenarios;
    expect(b1.metrics).toEqual(b0.metrics); // the baseline is untouched (it has no renewal to set)
    expect(f1.metrics.npv).not.toBe(f0.metrics.npv);
  });

  it('the same --set without FILE: is refused by the permanent option, and the message names its file', async () => {
    const r = await runCli(['compare', ...PAIR, '--set', 'workforce.contract.renewal_probability=50%']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--set workforce.contract.renewal_probability=50% on scenarios/baseline.yaml: error FIXED_TERM_ONLY');
  });

  it('a FILE: naming none of the files is a usage error with a did-you-mean, before anything runs', async () => {
    const r = await runCli(['compare', ...PAIR, '--set', 'band3-fixed:workforce.contract.renewal_probability=50%']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('band3-fixed is none of the scenario files given (baseline, band3-fixed-term)');
    expect(r.stderr).toContain('did you mean "band3-fixed-term:workforce.contract.renewal_probability=50%"');
  });

  it('works in sweep, sensitivity and batch too (one file each: the named one)', async () => {
    const sweep = await runCli(['sweep', PAIR[1]!, '--vary', 'supervision.workers_per_supervisor=6..8:2', '--set', 'band3-fixed-term:workforce.contract.renewal_probability=50%', '--format', 'csv', '--metrics', 'npv']);
    expect(sweep.status).toBe(0);
    const other = await runCli(['sweep', PAIR[1]!, '--vary', 'supervision.workers_per_supervisor=6..8:2', '--set', 'baseline:workforce.funded_wte=3', '--format', 'csv']);
    expect(other.status).toBe(2);
    const dir = suiteTempDir();
    const batch = await runCli(['batch', ...PAIR, '--out', dir, '--format', 'json', '--set', 'band3-fixed-term:workforce.contract.renewal_probability=50%', '--quiet']);
    expect(batch.status).toBe(0);
  });
});

describe('--fail-on with a burnout share as a percentage', () => {
  it("batch --fail-on 'burnout_risk_peak>40%' is the check >40 (it was a usage error)", () => {
    const dir = suiteTempDir();
    const pct = runBinary(['batch', ...PAIR, '--out', dir, '--format', 'json', '--fail-on', 'burnout_risk_peak>40%']);
    expect(pct.status).toBe(4);
    expect(pct.stderr).toMatch(/burnout_risk_peak \d+\.\d% > 40\.0%/);
    const plain = runBinary(['batch', ...PAIR, '--out', suiteTempDir(), '--format', 'json', '--fail-on', 'burnout_risk_peak>40']);
    expect(plain.status).toBe(4);
  });
});
