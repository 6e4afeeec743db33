/**
 * Benefit streams from the evidence library (issue #12, docs/MODEL.md §5.2): a relative
 * effect reproduces its hand calculation to the penny, and the dose stops shorter
 * relationships from buying more benefit per funded WTE.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { project } from '../../src/engine/project.js';
import { loadScenario } from '../../src/read/load-scenario.js';
import { scenarioArb } from './arbitraries.js';
import { reference } from './fixtures.js';

/**
 * A team whose people supported are easy to count: 10 WTE in post all year, no leavers,
 * no induction, no supervision time, no sickness, caseload 12, 2-month relationships:
 * 10 × 12 / 2 = 60 people start support each month, 720 over the year (Little's law, §5.1).
 * 30 sessions a productive WTE-month; burnout's effect on effectiveness off (§3.4 has its own tests).
 */
const HAND = `
peerplan: 1
horizon: { start: 2026-04, years: 1 }
employer: { type: nhs_trust }
workforce: { funded_wte: 10, starting_wte: 10, band: 3, contract: { type: permanent } }
supervision: { hours_per_worker_per_month: 0 }
turnover: { annual_leaver_rate: 0% }
training: { induction_weeks: 0 }
delivery: { caseload_per_wte: 12, relationship_months: 2, sickness_absence: 0%, sessions_per_wte_month: 30 }
burnout: { effectiveness_loss: 0%, supervision_effect_loss: 0% }
benefits:
  - name: Readmissions avoided (bed days)
    evidence: core-2018-readmission
    base_rate: 25%
    quantity: 20
    unit_cost: mh-bed-day
    attribution: 50%
    deadweight: 10%
    category: fiscal
    source: hand calculation
`;

describe('a stream with a relative effect (docs/MODEL.md §5.2)', () => {
  it('reproduces its hand calculation to the penny, and records each factor', async () => {
    const { loaded, diagnostics } = await loadScenario('hand.yaml', { text: HAND, cwd: import.meta.dirname });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const r = project(loaded!.scenario, reference());
    const stream = r.benefit_streams[0]!;
    // By hand, from the cited facts:
    //   CORE (Johnson et al. 2018): 64/218 readmitted with peer support, 83/216 without:
    //     RR = (64/218) / (83/216) = 13824/18094 = 6912/9047 ≈ 0.764010; 1 − RR = 2135/9047.
    //   Base rate 25% (local): outcomes avoided per person = 0.25 × 2135/9047.
    //   Persons supported: 60 a month × 12 = 720.
    //   Dose share: CORE's dose is up to 10 sessions; each person receives 30 sessions a month
    //     / 12 people × 2 months = 5 sessions → 5/10 = 0.5.
    //   Attribution 50%, deadweight 10% → × 0.5 × 0.9.
    //   20 bed days per readmission × £564 a bed day (SNEE ICB, 2024/25 prices), uprated to
    //   2026/27 by the GDP deflator's 2% a year (2025/26, 2026/27) → × 1.02² = 1.0404.
    //   720 × 0.25 × 20 × 0.5 × 0.5 × 0.9 × 564 × 1.0404 = 475,296.336
    //   × 2135/9047 = 1,014,757,677.36 / 9047 = £112,165.1019… → £112,165.10.
    expect(stream.total).toBe(112165.1);
    // One financial year, no lag, undiscounted in year 0: real and PV equal the cash view.
    expect(stream.total_real).toBe(112165.1);
    expect(stream.total_discounted).toBe(112165.1);
    // Grade 1 (an RCT): no evidence haircut.
    expect(stream.evidence_haircut).toBe(0);
    expect(stream.total_discounted_evidence_adjusted).toBe(112165.1);
    const f = Object.fromEntries(stream.factors.map((x) => [x.label, x.value]));
    expect(f['relative effect (risk ratio)']).toBeCloseTo(6912 / 9047, 12);
    expect(f['base rate without peer support']).toBe(0.25);
    expect(f["evidence's dose"]).toBe(10);
    expect(f['sessions per person = sessions_per_wte_month / caseload_per_wte × relationship_months']).toBe(5);
    expect(f['dose share = min(1, sessions per person / dose_sessions)']).toBe(0.5);
    expect(f['unit value (2024/25 prices)']).toBe(564);
    expect(f['uprating to the price base (GDP deflator)']).toBeCloseTo(1.0404, 12);
    // The origins say where each came from.
    const o = loaded!.origins;
    expect(o['benefits[0].relative_effect']).toMatchObject({ kind: 'evidence', id: 'core-2018-readmission' });
    expect(o['benefits[0].dose_months']).toMatchObject({ kind: 'evidence', id: 'core-2018-readmission' });
    expect(o['benefits[0].dose_sessions']).toMatchObject({ kind: 'evidence', id: 'core-2018-readmission' });
    expect(o['benefits[0].unit_value']).toMatchObject({ kind: 'evidence', id: 'mh-bed-day' });
    expect(o['benefits[0].base_rate']).toMatchObject({ kind: 'file' });
  });

  it("defaults the base rate to the trial's control arm, with a transplant warning", async () => {
    const text = HAND.replace('    base_rate: 25%\n', '');
    const { loaded, diagnostics } = await loadScenario('hand.yaml', { text, cwd: import.meta.dirname });
    expect(diagnostics.map((d) => d.code)).toContain('TRANSPLANTED_BASE_RATE');
    expect(loaded!.scenario.benefits[0]!.base_rate).toBeCloseTo(83 / 216, 15);
  });
});

describe('dose (docs/MODEL.md §5.2)', () => {
  it('halving relationship_months below the evidence dose does not raise benefit per funded WTE (within 2%)', () => {
    const ref = reference();
    fc.assert(
      fc.property(scenarioArb, fc.double({ min: 1, max: 12, noNaN: true }), (s, dose) => {
        // Every stream per person supported with the same dose; relationships at or below it.
        s.delivery.relationship_months = Math.min(s.delivery.relationship_months, dose);
        s.benefits = s.benefits.map((b) => ({ ...b, basis: 'person_supported' as const, dose_months: dose, dose_sessions: null, drop_off: 0 }));
        const full = project(s, ref, { detail: 'metrics' }).metrics.total_benefit_real;
        const half = project({ ...s, delivery: { ...s.delivery, relationship_months: s.delivery.relationship_months / 2 } }, ref, { detail: 'metrics' })
          .metrics.total_benefit_real;
        // Funded WTE does not depend on relationship length, so benefit per funded WTE compares as the totals do.
        return Math.abs(half) <= Math.abs(full) * 1.02 + 0.01;
      }),
      { numRuns: 60 },
    );
  });
});

describe('library ids and local overrides (docs/SCENARIO.md benefits)', () => {
  it('an unknown evidence id is refused with a did-you-mean; a unit cost id in its place says so', async () => {
    const typo = await loadScenario('hand.yaml', { text: HAND.replace('core-2018-readmission', 'core-2018-readmissions'), cwd: import.meta.dirname });
    const d = typo.diagnostics.find((x) => x.code === 'UNKNOWN_EVIDENCE');
    expect(d?.did_you_mean).toBe('core-2018-readmission');
    const swapped = await loadScenario('hand.yaml', { text: HAND.replace('evidence: core-2018-readmission', 'evidence: mh-bed-day'), cwd: import.meta.dirname });
    expect(swapped.diagnostics.find((x) => x.code === 'UNKNOWN_EVIDENCE')?.message).toContain('is a unit cost');
  });

  it('a local value over the library needs a source; with one it is used and its origin is the file', async () => {
    const unsourced = HAND.replace('    source: hand calculation\n', '').replace('    base_rate: 25%\n', '    base_rate: 25%\n    relative_effect: 0.8\n');
    expect((await loadScenario('hand.yaml', { text: unsourced, cwd: import.meta.dirname })).diagnostics.map((d) => d.code)).toContain('OVERRIDE_WITHOUT_SOURCE');
    const sourced = HAND.replace('    base_rate: 25%\n', '    base_rate: 25%\n    relative_effect: 0.8\n');
    const { loaded, diagnostics } = await loadScenario('hand.yaml', { text: sourced, cwd: import.meta.dirname });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded!.scenario.benefits[0]!.relative_effect).toBe(0.8);
    expect(loaded!.origins['benefits[0].relative_effect']).toMatchObject({ kind: 'file' });
  });
});
