/** The evidence library as written (src/evidence/*.yaml): complete, cited and internally consistent. */
import { describe, expect, it } from 'vitest';
import { findLibraryItem, libraryIds, loadEvidenceLibrary } from '../../../src/evidence/load.js';

const lib = loadEvidenceLibrary();

describe('evidence library peer-support-2025', () => {
  it('has at least 8 entries, each with an outcome, design, grade and a full citation', () => {
    expect(lib.entries.length).toBeGreaterThanOrEqual(8);
    for (const e of lib.entries) {
      expect(e.citation.length, e.id).toBeGreaterThan(40);
      expect(e.outcome, e.id).toBeTruthy();
      expect(e.design, e.id).toBeTruthy();
      expect(lib.grades[String(e.grade)], `${e.id} grade ${e.grade}`).toBeDefined();
      expect(typeof e.verified, e.id).toBe('boolean');
      // An unverified entry says what could not be confirmed.
      if (!e.verified) expect(e.unverified, e.id).toBeTruthy();
    }
  });

  it('orders every interval low ≤ point ≤ high', () => {
    for (const e of lib.entries) {
      const { point, low, high } = e.effect;
      if (low !== undefined && high !== undefined) expect(low, e.id).toBeLessThanOrEqual(high);
      if (point !== undefined && low !== undefined) expect(low, e.id).toBeLessThanOrEqual(point);
      if (point !== undefined && high !== undefined) expect(point, e.id).toBeLessThanOrEqual(high);
    }
    for (const u of lib.unit_costs) {
      if (u.low !== undefined && u.high !== undefined) {
        expect(u.low, u.id).toBeLessThanOrEqual(u.value);
        expect(u.value, u.id).toBeLessThanOrEqual(u.high);
      }
    }
  });

  it('records CORE as published: 64/218 vs 83/216, OR 0.66 (0.43–0.99), up to 10 sessions over 4 months', () => {
    const core = findLibraryItem(lib, 'core-2018-readmission');
    expect(core?.kind).toBe('evidence');
    if (core?.kind !== 'evidence') return;
    const x = core.entry.effect;
    expect([x.point, x.low, x.high]).toEqual([0.66, 0.43, 0.99]);
    expect(x.intervention).toEqual({ events: 64, total: 218 });
    expect(x.control).toEqual({ events: 83, total: 216 });
    // The odds ratio from the counts, worked by hand: (64/154) / (83/133) = 0.4156 / 0.6241 = 0.666.
    expect((64 / 154) / (83 / 133)).toBeCloseTo(0.666, 3);
    expect(core.entry.dose).toMatchObject({ sessions: 10, months: 4 });
  });

  it('has unique ids across entries and unit costs, and unit costs with price year, source, licence and index', () => {
    const ids = libraryIds(lib);
    expect(new Set(ids).size).toBe(ids.length);
    for (const u of lib.unit_costs) {
      expect(u.price_year, u.id).toBeTruthy();
      expect(u.source, u.id).toBeTruthy();
      expect(u.licence, u.id).toBeTruthy();
      expect(lib.indices[u.uprate_with], `${u.id} uprate_with ${u.uprate_with}`).toBeDefined();
    }
    expect(lib.indices['nhs-cost-inflation']?.series).toEqual({ '2021/22': 0.0258, '2022/23': 0.0732, '2023/24': 0.0431 });
  });
});
