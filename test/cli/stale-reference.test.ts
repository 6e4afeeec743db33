// STALE_REFERENCE: a horizon before the reference data's valid_from, or past the GDP deflator's
// last (forecast) year, is costed but said to be so (issue 23).
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('stale reference data', () => {
  it('warns when the horizon starts before the pay tables are valid (--set horizon.start=2012-04)', async () => {
    const r = await runCli(['run', 'scenarios/baseline.yaml', '--set', 'horizon.start=2012-04', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("warning STALE_REFERENCE: the horizon starts in 2012-04, before reference afc-2025-26's tables are valid (2025-04)");
  });

  it("warns when the horizon runs past the deflator's last year (--set horizon.years=30)", async () => {
    const set = await runCli(['run', 'scenarios/baseline.yaml', '--set', 'horizon.years=30', '--format', 'json']);
    expect(set.status).toBe(0);
    expect(set.stderr).toContain("warning STALE_REFERENCE: the horizon runs to 2056-03, past the GDP deflator's last year (2030/31, hmt-gdp-deflator-2026-03)");
  });

  it("warns when --years runs the horizon past the deflator's last year (run, compare and sensitivity), not before", async () => {
    const message = /STALE_REFERENCE \(--years 30, scenarios\/baseline\.yaml( \(and 1 more option\))?\): the horizon runs to 2056-03, past the GDP deflator's last year \(2030\/31/;
    for (const args of [
      ['run', 'scenarios/baseline.yaml', '--years', '30', '--format', 'json'],
      ['compare', 'scenarios/baseline.yaml', 'scenarios/band4-permanent.yaml', '--years', '30', '--format', 'json'],
      ['sensitivity', 'scenarios/baseline.yaml', '--years', '30', '--params', 'finance.discount_rate', '--format', 'json'],
    ]) {
      const r = await runCli(args);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(message);
    }
    // 2026-04 + 5 years ends in 2031-03, inside 2030/31: nothing said.
    expect((await runCli(['run', 'scenarios/baseline.yaml', '--years', '5', '--format', 'json'])).stderr).not.toContain('STALE_REFERENCE');
    expect((await runCli(['run', 'scenarios/baseline.yaml', '--years', '6', '--format', 'json'])).stderr).toContain('the horizon runs to 2032-03');
  });

  it('says nothing for the bundled five-year horizons, which end in 2030/31', async () => {
    const r = await runCli(['run', 'scenarios/baseline.yaml', '--years', '5', '--format', 'json']);
    expect(r.stderr).not.toContain('STALE_REFERENCE');
    expect(r.stderr).not.toContain('deflator');
  });
});
