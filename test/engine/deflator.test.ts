/**
 * The GDP deflator series (src/reference/appraisal/hmt-gdp-deflator-2026-03.yaml), worked by
 * hand from the cited releases: HM Treasury's March 2026 financial-year index (2024-25 = 100,
 * series L8GG) and its December 2025 calendar-year series (2024 = 100).
 */
import { describe, expect, it } from 'vitest';
import { deflatorIndex, deflatorVerified, priceFactor } from '../../src/engine/appraisal.js';
import { growthFromIndex } from '../../src/reference/deflator.js';
import { reference } from './fixtures.js';

const series = reference().gdp_deflator!;
const index = series.index!;

/** March 2026 release, financial years (2024-25 = 100), as quoted with the series id and vintage. */
const RELEASE_FY: Record<string, number> = {
  '2008/09': 66.8397,
  '2015/16': 74.5804,
  '2018/19': 78.7948,
  '2019/20': 80.8738,
  '2022/23': 91.2996,
  '2024/25': 100,
};

/** December 2025 release, calendar years (2024 = 100): greenbook's inst/extdata/gdp_deflator.csv. */
const RELEASE_CY: Record<number, number> = {
  2008: 66.89, 2009: 68.217, 2010: 69.1217, 2011: 70.834, 2012: 71.9294, 2013: 73.4795, 2014: 74.6524, 2015: 75.1536,
  2016: 76.4554, 2017: 77.6367, 2018: 79.1606, 2019: 81.1085, 2020: 85.2137, 2021: 85.6358, 2022: 90.5005, 2023: 96.2507, 2024: 100,
};

describe('GDP deflator, March 2026 (HM Treasury, financial years, 2024/25 = 100)', () => {
  it("holds the release's financial-year figures, marked verified", () => {
    for (const [label, value] of Object.entries(RELEASE_FY)) {
      expect(index[label], label).toEqual({ value, kind: 'outturn', verified: true });
    }
  });

  it('the deflator index by financial year, relative to a price base, is the ratio of the levels', () => {
    // To 2024/25 prices: 100 / 91.2996 = 1.095295 (2022/23), 100 / 78.7948 = 1.269119 (2018/19),
    // 100 / 66.8397 = 1.496117 (2008/09), 100 / 74.5804 = 1.340835 (2015/16).
    expect(1 / deflatorIndex(series, 2024, 2022)).toBeCloseTo(1.095295, 6);
    expect(1 / deflatorIndex(series, 2024, 2018)).toBeCloseTo(1.269119, 6);
    expect(1 / deflatorIndex(series, 2024, 2008)).toBeCloseTo(1.496117, 6);
    expect(1 / deflatorIndex(series, 2024, 2015)).toBeCloseTo(1.340835, 6);
    // 2019/20 at 2022/23 prices: 80.8738 / 91.2996 = 0.885807.
    expect(deflatorIndex(series, 2022, 2019)).toBeCloseTo(0.885807, 6);
    // Every figure between two verified years next to each other is verified; 2018/19 to 2019/20 is.
    expect(deflatorVerified(series, 2018, 2019)).toBe(true);
    expect(deflatorVerified(series, 2019, 2022)).toBe(false); // 2020/21 and 2021/22 are interpolated
  });

  it('derives each year’s growth from the levels, verified only when both levels are', () => {
    const g = growthFromIndex(index);
    expect(g['2019/20']!.value).toBeCloseTo(80.8738 / 78.7948 - 1, 15); // 2.6385%
    expect(g['2019/20']!.verified).toBe(true);
    expect(g['2022/23']!.verified).toBe(false); // over the interpolated 2021/22
    expect(g['2008/09']).toBeUndefined(); // the first year has no year before it
    expect(series.growth).toEqual(g);
  });

  it('interpolates the years the release copy did not quote from the calendar-year series, as documented', () => {
    // A financial year ≈ ¾ of its first calendar year + ¼ of the next, scaled to the
    // financial-year series by a ratio interpolated between the neighbouring verified years.
    const approx = (y: number): number => 0.75 * (RELEASE_CY[y] as number) + 0.25 * (RELEASE_CY[y + 1] as number);
    const ratio = (y: number): number => (RELEASE_FY[`${y}/${String((y + 1) % 100).padStart(2, '0')}`] as number) / approx(y);
    // 2020/21: (0.75 × 85.2137 + 0.25 × 85.6358) = 85.31923 × (r(2019) + (r(2022) − r(2019)) / 3).
    const r2020 = ratio(2019) + (ratio(2022) - ratio(2019)) / 3;
    expect(index['2020/21']!.value).toBeCloseTo(approx(2020) * r2020, 4);
    expect(index['2020/21']!.value).toBeCloseTo(84.2485, 4);
    // 2012/13: between 2008/09 and 2015/16, four sevenths of the way.
    const r2012 = ratio(2008) + ((ratio(2015) - ratio(2008)) * 4) / 7;
    expect(index['2012/13']!.value).toBeCloseTo(approx(2012) * r2012, 4);
    // 2023/24: 2022/23's ratio held (the December 2025 series has no 2025 outturn).
    expect(index['2023/24']!.value).toBeCloseTo(approx(2023) * ratio(2022), 4);
    for (const label of ['2020/21', '2012/13', '2023/24']) expect(index[label]!.verified, label).toBe(false);
    // The verified financial years agree with the calendar-year series within 1.6% (the base and the vintage differ).
    for (const y of [2008, 2015, 2018, 2019, 2022]) expect(Math.abs(ratio(y) - 1)).toBeLessThan(0.016);
  });

  it('forecast years are an assumption of 2.0% a year, marked unverified', () => {
    for (let y = 2025; y <= 2030; y++) {
      const label = `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
      expect(index[label]!.kind, label).toBe('forecast');
      expect(index[label]!.verified, label).toBe(false);
      expect(series.growth[label]!.value, label).toBeCloseTo(0.02, 12);
    }
  });

  it('a unit cost is uprated from its price year to the price base by the ratio of the levels', () => {
    // The bed day, £564 at 2024/25 prices, at 2026/27 prices: × 104.04 / 100 = £586.79.
    expect(564 * priceFactor(series, '2026/27', '2024/25')).toBeCloseTo(586.7856, 9);
    // An A&E attendance, £109 at 2011/12 prices (index 70.5141, interpolated): × 104.04 / 70.5141 = £160.82.
    expect(109 * priceFactor(series, '2026/27', '2011/12')).toBeCloseTo((109 * 104.04) / 70.5141, 9);
    expect(109 * priceFactor(series, '2026/27', '2011/12')).toBeCloseTo(160.82, 2);
    // The QALY, £70,000 at 2020/21 prices (84.2485): × 1.234918 = £86,444.27.
    expect(70000 * priceFactor(series, '2026/27', '2020/21')).toBeCloseTo(86444.27, 2);
  });
});
