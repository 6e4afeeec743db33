/**
 * Issue #28 item 4: the interactive page checks a changed value with the rules `--set`
 * applies (src/interactive/check.ts), over each option's merged files: the same messages,
 * and nothing refused that the CLI accepts.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/read/load-scenario.js';
import { overrideErrors, overrideOf } from '../../../src/interactive/check.js';
import { pageValidateDeps } from '../../../src/interactive/page-deps.js';
import { ROOT } from '../../cli/run-cli.js';

const BUNDLED = ['baseline', 'band3-fixed-term', 'band4-permanent', 'lone-peer-worker', 'scale-up', 'vcse-grant-funded'];

describe('the page’s check of a changed value (issue #28 item 4)', () => {
  it('refuses what --set refuses, with its message, and accepts what it accepts, for every bundled option', async () => {
    const deps = await pageValidateDeps();
    for (const name of BUNDLED) {
      const { loaded } = await loadScenario(`scenarios/${name}.yaml`, { cwd: ROOT });
      const merged = loaded?.merged?.();
      expect(merged, name).toBeDefined();
      const check = (path: string, shown: number, percent = false): string[] => overrideErrors(merged as Record<string, unknown>, name, [overrideOf(path, shown, percent)], deps);
      expect(check('delivery.relationship_months', 4), name).toEqual([]);
      expect(check('delivery.relationship_months', 100), name).toEqual([]);
      expect(check('finance.discount_rate', 5, true), name).toEqual([]);
      expect(check('delivery.relationship_months', 0)[0], name).toMatch(/^--set delivery\.relationship_months=0 on [\w-]+: error OUT_OF_RANGE: delivery\.relationship_months is 0, but must be at least 0\.25\n/);
      expect(check('delivery.relationship_months', -5)[0], name).toContain('OUT_OF_RANGE');
      expect(check('delivery.caseload_per_wte', 0)[0], name).toContain('must be at least 1');
      expect(check('finance.discount_rate', 150, true)[0], name).toContain('finance.discount_rate');
      if (name === 'band3-fixed-term') {
        // Two errors, in the order compare --set prints them.
        const both = check('workforce.contract.renewal_probability', 150, true);
        expect(both.map((m) => /error (\w+)/.exec(m)?.[1])).toEqual(['FIXED_TERM_REQUIRED', 'OUT_OF_RANGE']);
      }
    }
  });
});
