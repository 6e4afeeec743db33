/** Issue #28 item 6: the assumptions log and "Inputs that differ" show labels, not codes. */
import { describe, expect, it } from 'vitest';
import { displayValue } from '../../src/render/values.js';

describe('values a board reads (issue #28 item 6)', () => {
  it('names a High Cost Area zone and an evidence library item in words', () => {
    expect(displayValue('workforce.high_cost_area', 'outer_london')).toBe('Outer London');
    expect(displayValue('workforce.high_cost_area', 'inner_london')).toBe('Inner London');
    expect(displayValue('benefits[0].unit_cost', 'mh-bed-day')).toBe('Mental health inpatient bed day (mh-bed-day)');
    expect(displayValue('benefits[2].evidence', 'core-2018-readmission')).toMatch(/^.+ \(core-2018-readmission\)$/);
    // An id the library does not have stays as written.
    expect(displayValue('benefits[0].unit_cost', 'my-own-cost')).toBe('my-own-cost');
  });
});
