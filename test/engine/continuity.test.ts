import { describe, expect, it } from 'vitest';
import { completionProbability } from '../../src/engine/continuity.js';
import { project } from '../../src/engine/project.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario, reference } from './fixtures.js';

const ref = reference();
/** The scenario with burnout's effect on leaving turned off (hazard ratio 1). */
const noFeedback = (s: Scenario): Scenario => ({ ...s, burnout: { ...s.burnout, leaving_hazard_ratio: 1 } });

describe('continuity (MODEL.md §4)', () => {
  it('multiplies monthly survival over the relationship, the last part month by exponent', () => {
    const H = [0.1, 0.2, 0.3, 0.4, 0.5];
    expect(completionProbability(H, 0, 2)).toBeCloseTo(0.9 * 0.8, 15);
    expect(completionProbability(H, 1, 2.5)).toBeCloseTo(0.8 * 0.7 * Math.sqrt(0.6), 14);
    expect(completionProbability(H, 0, 0.5)).toBeCloseTo(Math.sqrt(0.9), 15);
  });

  it('worked example: 14% a year, 4-month relationships → 0.86^(4/12) = 95.10%', () => {
    const s = baseScenario();
    s.workforce = { ...s.workforce, starting_wte: 6 };
    const r = project(noFeedback(s), ref);
    for (const m of r.months) expect(m.continuity_probability).toBeCloseTo(0.950968541306, 11);
    expect(r.metrics.continuity_probability).toBeCloseTo(0.950968541306, 11);
    expect(r.metrics.continuity).toBeCloseTo(95.0968541306, 9);
    expect(r.years[0]!.continuity).toBeCloseTo(95.0968541306, 9);
    s.delivery.relationship_months = 4.5;
    expect(project(noFeedback(s), ref).metrics.continuity_probability).toBeCloseTo(0.945011120672, 11); // 0.86^(4.5/12)
  });

  it('completed episodes = episodes × completion probability', () => {
    const r = project(noFeedback(baseScenario()), ref);
    for (const m of r.months) expect(m.completed_episodes).toBeCloseTo(m.episodes * m.continuity_probability, 12);
  });

  it('service-user months lost = vacant WTE × caseload', () => {
    const s = baseScenario(); // 6 funded, 5 in post
    const r = project(noFeedback(s), ref);
    expect(r.months[0]!.vacancies_wte).toBe(1);
    expect(r.months[0]!.service_user_months_lost).toBe(12);
    const sum = r.months.reduce((a, m) => a + m.service_user_months_lost, 0);
    expect(r.metrics.service_user_months_lost).toBeCloseTo(sum, 9);
  });
});
