import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/read/load-scenario.js';
import { canonicalJson, hashValue } from '../../../src/read/hash.js';
import { loadReference } from '../../../src/reference/load.js';
import { flattenLeaves } from '../../../src/scenario/flatten.js';
import type { Scenario } from '../../../src/scenario/types.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-load-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function loadText(name: string, text: string) {
  writeFileSync(join(dir, name), text);
  return loadScenario(name, { cwd: dir });
}

describe('defaults', () => {
  it('a minimal scenario resolves every field from the reference data and documented defaults', async () => {
    const { loaded, diagnostics } = await loadText('minimal.yaml', 'peerplan: 1\nworkforce:\n  funded_wte: 7.5\n');
    expect(diagnostics.filter((d) => d.code !== 'NO_BENEFITS')).toEqual([]); // these files value no benefits: not the subject here
    const ref = loadReference('afc-2025-26');
    const expected: Scenario = {
      peerplan: 1,
      name: 'minimal',
      description: '',
      reference: 'afc-2025-26',
      horizon: { start: '2026-04', years: 5 },
      workforce: {
        funded_wte: 7.5,
        starting_wte: 7.5,
        band: '3',
        pay_point: 'middle',
        salary: null,
        high_cost_area: 'none',
        contract: { type: 'permanent', term_months: null, renewal_probability: null },
        team_size: 7.5, // funded_wte, not rounded up (no step in burnout)
        funding_changes: [],
      },
      employer: {
        type: 'nhs_trust',
        annual_paybill: ref.employers.types.nhs_trust.annual_paybill.value,
        employment_allowance_available: 0,
        employment_allowance_unused_elsewhere: false,
      },
      supervision: {
        workers_per_supervisor: ref.supervision.workers_per_supervisor.value,
        hours_per_worker_per_month: ref.supervision.hours_per_worker_per_month.value,
        supervisor: { band: ref.supervision.supervisor_band.value, pay_point: 'middle', lived_experience: false },
        peer_group_supervision: false,
      },
      volunteers: {
        hours_per_week: ref.volunteers.hours_per_week.value,
        expenses_per_volunteer_per_year: ref.volunteers.expenses_per_volunteer_per_year.value,
        coordinator_hours_per_volunteer_per_month: ref.volunteers.coordinator_hours_per_volunteer_per_month.value,
        annual_leaver_rate: ref.volunteers.annual_leaver_rate.value,
        evidence: '',
      },
      turnover: {
        annual_leaver_rate: ref.workforce.annual_leaver_rate.value,
        months_to_fill: ref.workforce.months_to_fill.value,
        recruitment_cost_per_hire: ref.workforce.recruitment_cost_per_hire.value,
        pay_leaving_elasticity: ref.workforce.pay_leaving_elasticity.value,
      },
      training: {
        induction_course_cost_per_starter: ref.workforce.induction_course_cost_per_starter.value,
        induction_weeks: ref.workforce.induction_weeks.value,
        cpd_cost_per_wte_per_year: ref.workforce.cpd_cost_per_wte_per_year.value,
        backfill_share: 0,
      },
      delivery: {
        caseload_per_wte: ref.workforce.caseload_per_wte.value,
        relationship_months: ref.workforce.relationship_months.value,
        sickness_absence: ref.workforce.sickness_absence.value,
        sessions_per_wte_month: ref.workforce.sessions_per_wte_month.value,
      },
      benefits: [],
      finance: {
        discount_rate: ref.appraisal.discount_rate.value,
        pay_uplift: ref.pay.next_award.value,
        pension: 'local',
        overhead_rate: ref.appraisal.overhead_rate.value,
        optimism_bias: ref.appraisal.optimism_bias.value,
        discounting: 'annual',
        health_discount_rate: ref.appraisal.health_discount_rate.value,
        price_base: '2026/27',
        benefits_after_horizon: 'credit',
      },
      burnout: {
        odds_ratios: {
          supervision: ref.burnout.odds_ratios.supervision.value,
          lived_experience_supervisor: ref.burnout.odds_ratios.lived_experience_supervisor.value,
          peer_group_supervision: ref.burnout.odds_ratios.peer_group_supervision.value,
          isolation: ref.burnout.odds_ratios.isolation.value,
          insecurity: ref.burnout.odds_ratios.insecurity.value,
          pay: ref.burnout.odds_ratios.pay.value,
          caseload: ref.burnout.odds_ratios.caseload.value,
          training: ref.burnout.odds_ratios.training.value,
        },
        leaving_hazard_ratio: ref.burnout.leaving_hazard_ratio.value,
        absence_ratio: ref.burnout.absence_ratio.value,
        effectiveness_loss: ref.burnout.effectiveness_loss.value,
        isolation_effect_loss: ref.burnout.isolation_effect_loss.value,
        supervision_effect_loss: ref.burnout.supervision_effect_loss.value,
      },
    };
    expect(loaded!.scenario).toEqual(expected);
    expect(loaded!.origins['workforce.funded_wte']).toEqual({ kind: 'file', file: 'minimal.yaml', line: 3, column: 15, inherited: false });
    expect(loaded!.origins['supervision.supervisor.band']).toEqual({ kind: 'reference', dataset: 'afc-2025-26', key: 'supervision.supervisor_band', source: 'assumption' });
    expect(loaded!.origins['finance.pay_uplift']).toEqual({ kind: 'reference', dataset: 'afc-2025-26', key: 'pay.next_award', source: 'wms_2026_27_pay' });
    expect(loaded!.origins['burnout.odds_ratios.caseload']).toMatchObject({ kind: 'reference', key: 'burnout.odds_ratios.caseload' });
    expect(loaded!.origins['finance.pension']).toMatchObject({ kind: 'reference', key: 'employers.types.nhs_trust.pension' });
    expect(loaded!.origins['workforce.team_size']).toMatchObject({ kind: 'default' });
  });

  it('percentages resolve to fractions, bands to strings', async () => {
    const { loaded, diagnostics } = await loadText(
      'percent.yaml',
      'peerplan: 1\nworkforce: { funded_wte: 2, band: 8a }\nsupervision: { supervisor: { band: 7 } }\nturnover: { annual_leaver_rate: "3.3%" }\nfinance: { discount_rate: 0.035, optimism_bias: 150%, pension: 5% }\n',
    );
    expect(diagnostics.filter((d) => d.code !== 'NO_BENEFITS')).toEqual([]); // these files value no benefits: not the subject here
    const s = loaded!.scenario;
    expect(s.turnover.annual_leaver_rate).toBe(0.033);
    expect(s.finance).toMatchObject({ discount_rate: 0.035, optimism_bias: 1.5, pension: 0.05 });
    expect(s.workforce.band).toBe('8a');
    expect(s.supervision.supervisor.band).toBe('7');
  });

  it('an empty value means the default', async () => {
    const { loaded, diagnostics } = await loadText('empty-values.yaml', 'peerplan: 1\nworkforce:\n  funded_wte: 3\n  band:\n  salary: null\nsupervision:\n');
    expect(diagnostics.filter((d) => d.code !== 'NO_BENEFITS')).toEqual([]); // these files value no benefits: not the subject here
    expect(loaded!.scenario.workforce).toMatchObject({ band: '3', salary: null });
  });

  it('a fixed-term contract keeps its term and renewal probability', async () => {
    const { loaded } = await loadText('ft.yaml', 'peerplan: 1\nworkforce:\n  funded_wte: 3\n  contract: { type: fixed_term, term_months: 24, renewal_probability: 0.5 }\n');
    expect(loaded!.scenario.workforce.contract).toEqual({ type: 'fixed_term', term_months: 24, renewal_probability: 0.5 });
  });

  it('a missing funded_wte is an error, with no knock-on warnings', async () => {
    const { loaded, diagnostics } = await loadText('nofunded.yaml', 'peerplan: 1\nname: No posts\n');
    expect(loaded).toBeNull();
    // Nothing of workforce is written, so it points at the start of the scenario.
    expect(diagnostics.map((d) => [d.code, d.path, d.line])).toEqual([['MISSING_FIELD', 'workforce.funded_wte', 1]]);
  });

  it('reports every problem in one pass, not just the first', async () => {
    const { diagnostics } = await loadText(
      'many.yaml',
      'peerplan: 1\nworkforce:\n  funded_wte: 4\n  starting_wte: 9\n  band: 9\n  contract: { type: fixed_term }\nturnover: { annual_leaver_rate: 14, months_to_fil: 3 }\n',
    );
    expect(diagnostics.map((d) => d.code)).toEqual([
      'STARTING_ABOVE_FUNDED',
      'INVALID_VALUE',
      'FIXED_TERM_REQUIRED',
      'FIXED_TERM_REQUIRED',
      'PERCENT_AS_NUMBER',
      'UNKNOWN_FIELD',
    ]);
  });
});

describe('origins and hash', () => {
  it('every leaf of the resolved scenario has an origin, and so does each list', async () => {
    for (const file of ['test/fixtures/extends/child.yaml', 'scenarios/scale-up.yaml', 'test/fixtures/extends/deep/d9.yaml']) {
      if (!existsSync(join(ROOT, file))) continue;
      const { loaded } = await loadScenario(file, { cwd: ROOT });
      const leaves = flattenLeaves(loaded!.scenario).map(([path]) => path);
      const lists = ['benefits', 'workforce.funding_changes'];
      for (const path of leaves) expect(loaded!.origins[path], path).toBeDefined();
      expect(Object.keys(loaded!.origins).sort()).toEqual([...new Set([...leaves, ...lists])].sort());
    }
  });

  it('the hash is the sha256 of canonical JSON and ignores formatting and key order', async () => {
    const a = await loadText('a.yaml', 'peerplan: 1\nname: X\nworkforce: { funded_wte: 4, band: 4 }\nturnover: { annual_leaver_rate: 14% }\n');
    const b = await loadText('b.yaml', '# same scenario, written differently\nturnover:\n  annual_leaver_rate: 0.14\nworkforce:\n  band: "4"\n  funded_wte: 4\nname: X\npeerplan: 1\n');
    expect(a.loaded!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.loaded!.hash).toBe(b.loaded!.hash);
    expect(a.loaded!.hash).toBe(hashValue(a.loaded!.scenario));
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe('{"a":{"c":[3,{"e":2,"f":1}],"d":2},"b":1}');
  });
});

describe('bundled scenarios', () => {
  const scenarioDir = join(ROOT, 'scenarios');
  const files = existsSync(scenarioDir) ? readdirSync(scenarioDir).filter((f) => f.endsWith('.yaml')).sort() : [];

  it.skipIf(files.length === 0).each(files)('scenarios/%s loads without errors', async (file) => {
    const { loaded, diagnostics } = await loadScenario(`scenarios/${file}`, { cwd: ROOT });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded).not.toBeNull();
  });

  it.skipIf(files.length === 0).each(files)('scenarios/%s starts with the yaml-language-server schema line', async (file) => {
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(scenarioDir, file), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/scenario.schema.json');
  });
});
