/**
 * Issue #18, D6: a figure that is not a finite number never reaches a reader, and a
 * `--fail-on` gate fails closed on it. The inputs are bounded so the engine should not
 * produce one; these tests feed a result that has one, as a bug elsewhere would.
 */
import { describe, expect, it } from 'vitest';
import { assertFinite, projectOne } from '../../../src/app/project.js';
import { AppError } from '../../../src/app/errors.js';
import { nonFinitePaths } from '../../../src/engine/preconditions.js';
import { checkThreshold, parseThreshold } from '../../../src/batch/thresholds.js';
import { loadScenario } from '../../../src/read/load-scenario.js';
import type { Metrics } from '../../../src/engine/result.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

describe('nonFinitePaths', () => {
  it('names every NaN and Infinity by path, up to a limit', () => {
    expect(nonFinitePaths({ a: 1, b: [2, Number.NaN, { c: Infinity }], d: { e: -Infinity } })).toEqual(['b[1]', 'b[2].c', 'd.e']);
    expect(nonFinitePaths({ a: [Number.NaN, Number.NaN, Number.NaN] }, 2)).toEqual(['a[0]', 'a[1]']);
    expect(nonFinitePaths({ a: 'NaN', b: null, c: 0 })).toEqual([]);
  });
});

describe('assertFinite', () => {
  it('passes a real result and refuses one with a NaN, naming the figure and the inputs (exit 1)', async () => {
    const { loaded } = await loadScenario('scenarios/band4-permanent.yaml', { cwd: ROOT });
    const projected = projectOne(loaded!, undefined);
    expect(() => assertFinite(projected)).not.toThrow();
    const broken = { ...projected, result: { ...projected.result, metrics: { ...projected.result.metrics, npv: Number.NaN } } };
    let error: unknown;
    try {
      assertFinite(broken);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).failure).toBe('invalid-input');
    expect((error as AppError).message).toMatch(/^scenarios\/band4-permanent\.yaml: metrics\.npv is not a finite number/);
    expect((error as AppError).message).toContain('the inputs it sets are horizon.years, workforce.funded_wte,');
  });
});

describe('--fail-on fails closed', () => {
  const metrics = (npv: number | null): Metrics => ({ npv } as unknown as Metrics);
  it.each([Number.NaN, Infinity, -Infinity, null])('npv %s breaches npv<0 and npv>=0 alike', (npv) => {
    for (const expr of ['npv<0', 'npv>=0']) {
      expect(checkThreshold(parseThreshold(expr), metrics(npv))).toMatchObject({ expression: expr, value: null });
    }
  });

  it('a finite value that meets no condition breaches nothing', () => {
    expect(checkThreshold(parseThreshold('npv<0'), metrics(5))).toBeNull();
  });

  it('a payback month of "never" is still later than any month, not missing', () => {
    expect(checkThreshold(parseThreshold('payback_month<2030-01'), { payback_month: null } as unknown as Metrics)).toBeNull();
    expect(checkThreshold(parseThreshold('payback_month>2030-01'), { payback_month: null } as unknown as Metrics)).not.toBeNull();
  });
});
