/**
 * `--fail-on` in the unit the breach lines print: burnout shares read "47.9% > 40.0%", so
 * `burnout_risk_peak>40%` is the same check as `>40` (it was refused as "not a percentage",
 * with a suggestion that flipped the operator to `<`).
 */
import { describe, expect, it } from 'vitest';
import { parseThreshold, ThresholdSyntaxError } from '../../../src/batch/thresholds.js';

describe('--fail-on percentages', () => {
  it('a burnout share takes 40% as 40 (a percentage of the team)', () => {
    expect(parseThreshold('burnout_risk_peak>40%')).toMatchObject({ metric: 'burnout_risk_peak', op: '>', value: 40 });
    expect(parseThreshold('burnout_risk_mean <= 32.5%').value).toBe(32.5);
    expect(parseThreshold('burnout_risk_peak>40%').value).toBe(parseThreshold('burnout_risk_peak>40').value);
  });

  it('rates still take 15% as 0.15', () => {
    expect(parseThreshold('vacancy_rate>15%').value).toBeCloseTo(0.15, 12);
  });

  it.each(['>', '>=', '<', '<=', '==', '!='])('a refused %% keeps the operator %s in its suggestion', (op) => {
    const expression = `continuity${op}70%`;
    expect(() => parseThreshold(expression)).toThrow(ThresholdSyntaxError);
    expect(() => parseThreshold(expression)).toThrow(`write e.g. continuity${op}70`);
    expect(() => parseThreshold(`total_cost${op}5%`)).toThrow(`write e.g. total_cost${op}5`);
  });
});
