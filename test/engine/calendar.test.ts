import { describe, expect, it } from 'vitest';
import {
  CalendarError,
  fiscalYearLabel,
  fiscalYearStart,
  formatYearMonth,
  horizonMonths,
  parseYearMonth,
  upliftsInEffect,
} from '../../src/engine/calendar.js';
import { project } from '../../src/engine/project.js';
import { baseScenario, reference } from './fixtures.js';

describe('calendar (MODEL.md §1.1)', () => {
  it('parses and formats YYYY-MM as integers', () => {
    expect(parseYearMonth('2026-04')).toBe(2026 * 12 + 3);
    expect(formatYearMonth(parseYearMonth('2026-04'))).toBe('2026-04');
    expect(formatYearMonth(parseYearMonth('2026-12') + 1)).toBe('2027-01');
    for (const bad of ['2026-4', '2026-13', '2026-00', '26-04', '2026/04', '2026-04-01', '']) {
      expect(() => parseYearMonth(bad)).toThrow(CalendarError);
    }
  });

  it('labels UK financial years April to March', () => {
    expect(fiscalYearLabel(parseYearMonth('2026-03'))).toBe('2025/26');
    expect(fiscalYearLabel(parseYearMonth('2026-04'))).toBe('2026/27');
    expect(fiscalYearLabel(parseYearMonth('2027-03'))).toBe('2026/27');
    expect(fiscalYearLabel(parseYearMonth('1999-04'))).toBe('1999/00');
    expect(fiscalYearStart(parseYearMonth('2030-01'))).toBe(2029);
  });

  it('counts April uplifts after the reference valid_from (2025-04)', () => {
    const vf = parseYearMonth('2025-04');
    const at = (m: string) => upliftsInEffect(parseYearMonth(m), vf);
    expect(at('2025-04')).toBe(0); // the tables' own month
    expect(at('2026-03')).toBe(0);
    expect(at('2026-04')).toBe(1); // 2026/27 pay from April 2026
    expect(at('2027-03')).toBe(1);
    expect(at('2027-04')).toBe(2);
    expect(at('2030-03')).toBe(4);
    expect(at('2024-10')).toBe(0); // before the tables: tables unchanged
  });

  it('rounds horizon years to whole months', () => {
    expect(horizonMonths(5)).toBe(60);
    expect(horizonMonths(2.5)).toBe(30);
  });

  it('applies the first uplift in the first month of a horizon starting 2026-04', () => {
    const s = baseScenario();
    const r = project(s, reference());
    expect(r.months[0]!.pay_uplift_factor).toBeCloseTo(1.033, 12);
    expect(r.months[12]!.pay_uplift_factor).toBeCloseTo(1.033 ** 2, 12);
    s.horizon.start = '2026-01';
    const r2 = project(s, reference());
    expect(r2.months.slice(0, 3).map((m) => m.pay_uplift_factor)).toEqual([1, 1, 1]);
    expect(r2.months[3]!.month).toBe('2026-04');
    expect(r2.months[3]!.pay_uplift_factor).toBeCloseTo(1.033, 12);
    expect(r2.years.map((y) => [y.year, y.months])).toEqual([
      ['2025/26', 3],
      ['2026/27', 12],
      ['2027/28', 12],
      ['2028/29', 12],
      ['2029/30', 12],
      ['2030/31', 9],
    ]);
  });
});
