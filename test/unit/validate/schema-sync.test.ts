/**
 * Keeps schemas/scenario.schema.json, the TypeScript types (src/scenario/types.ts) and
 * the precompiled validator in step, and checks the schema's own conventions: a
 * description, a unit and examples on every field, no additional properties anywhere,
 * and examples that are valid.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { AJV_OPTIONS, EXTRA_KEYWORDS } from '../../../src/build/compile-validators.js';
import { flattenLeaves } from '../../../src/scenario/flatten.js';
import {
  BANDS,
  BENEFIT_BASES,
  BENEFIT_CATEGORIES,
  BURNOUT_ODDS_RATIOS,
  CONTRACT_TYPES,
  EMPLOYER_TYPES,
  HIGH_COST_AREAS,
  NAMED_PAY_POINTS,
  PENSION_PERSPECTIVES,
  type Scenario,
} from '../../../src/scenario/types.js';
import type { JsonSchema } from '../../../src/validate/schema-info.js';
import { loadGeneratedValidator } from '../../../src/validate/schema-validate.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SCHEMA_FILE = join(ROOT, 'schemas', 'scenario.schema.json');
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as JsonSchema;
const defs = schema.$defs ?? {};

/** A resolved scenario with every field present (lists with one item). */
const FULL = {
  peerplan: 1,
  name: 'n',
  description: 'd',
  reference: 'afc-2025-26',
  horizon: { start: '2026-04', years: 5 },
  employer: { type: 'vcse', annual_paybill: 400000, employment_allowance_available: 10500, employment_allowance_unused_elsewhere: false },
  workforce: {
    funded_wte: 8,
    starting_wte: 8,
    band: '4',
    pay_point: 'top',
    salary: null,
    high_cost_area: 'none',
    contract: { type: 'fixed_term', term_months: 12, renewal_probability: 0.6 },
    team_size: 8,
    funding_changes: [{ from: '2027-04', funded_wte: 10 }],
  },
  supervision: {
    workers_per_supervisor: 6,
    hours_per_worker_per_month: 4,
    supervisor: { band: '6', pay_point: 'middle', lived_experience: true },
    peer_group_supervision: true,
  },
  volunteers: { hours_per_week: 4, expenses_per_volunteer_per_year: 300, coordinator_hours_per_volunteer_per_month: 2, annual_leaver_rate: 0.3, evidence: 'e' },
  turnover: { annual_leaver_rate: 0.14, months_to_fill: 3.5, recruitment_cost_per_hire: 2500, pay_leaving_elasticity: 0.5 },
  training: { induction_course_cost_per_starter: 1000, induction_weeks: 7, cpd_cost_per_wte_per_year: 500, backfill_share: 0 },
  delivery: { caseload_per_wte: 12, relationship_months: 4, sickness_absence: 0.056, sessions_per_wte_month: 32 },
  benefits: [
    {
      name: 'b',
      basis: 'completed_episode',
      quantity: 0.09,
      unit_value: 5000,
      attribution: 1,
      deadweight: 0,
      lag_months: 3,
      drop_off: 0,
      cashable: 0.5,
      category: 'fiscal',
      payer: 'nhs_provider',
      kind: 'capacity',
      transfer_share: 0,
      health: false,
      price_year: '2026/27',
      evidence: 'core-2018-readmission',
      base_rate: 0.38,
      relative_effect: 0.76,
      dose_months: 4,
      dose_sessions: 10,
      unit_cost: 'mh-bed-day',
      evidence_haircut: 0,
      source: 's',
    },
  ],
  finance: { discount_rate: 0.035, pay_uplift: 0.033, pension: 'local', overhead_rate: 0.12, optimism_bias: 0, discounting: 'annual', health_discount_rate: 0.015, price_base: '2026/27', benefits_after_horizon: 'credit' },
  burnout: {
    odds_ratios: { supervision: 2, lived_experience_supervisor: 0.8, peer_group_supervision: 0.85, isolation: 1.8, insecurity: 1.52, pay: 1.3, caseload: 1.8, training: 1.2 },
    leaving_hazard_ratio: 2,
    absence_ratio: 2,
    effectiveness_loss: 0.2,
    isolation_effect_loss: 0.1,
    supervision_effect_loss: 0.1,
  },
} satisfies Scenario;

const deref = (node: JsonSchema): JsonSchema => {
  const name = node.$ref?.replace('#/$defs/', '');
  return name ? { ...deref(defs[name]!), ...node, $ref: undefined } : node;
};

/** Leaf paths of the schema, lists as [0]. */
function schemaLeaves(node: JsonSchema, path = ''): string[] {
  const n = deref(node);
  if (n.properties) return Object.entries(n.properties).flatMap(([k, child]) => schemaLeaves(child, path ? `${path}.${k}` : k));
  if (n.items) return schemaLeaves(n.items, `${path}[0]`);
  return [path];
}

/** Every field node: [path, node]. */
function fields(node: JsonSchema, path = ''): Array<[string, JsonSchema]> {
  const n = deref(node);
  const out: Array<[string, JsonSchema]> = [];
  for (const [k, child] of Object.entries(n.properties ?? {})) {
    const p = path ? `${path}.${k}` : k;
    out.push([p, child], ...fields(child, p));
  }
  if (n.items) out.push([`${path}[0]`, n.items], ...fields(n.items, `${path}[0]`));
  return out;
}

const enumAt = (path: string): string[] => {
  let node: JsonSchema = schema;
  for (const key of path.split('.')) node = deref(deref(node).properties![key]!);
  const values = node.enum ?? node.anyOf?.flatMap((b) => deref(b).enum ?? []) ?? [];
  return [...new Set(values.map(String))];
};

describe('schema and TypeScript types', () => {
  it('every field of the resolved Scenario is in the schema, and every schema field in the Scenario', () => {
    const typeLeaves = flattenLeaves(FULL).map(([p]) => p);
    // `extends` and `baseline` say how files relate, not what an option is: never resolved into the Scenario.
    const inSchema = schemaLeaves(schema).filter((p) => p !== 'extends' && p !== 'baseline');
    expect([...inSchema].sort()).toEqual([...typeLeaves].sort());
  });

  it('enumerations match the TypeScript constants', () => {
    expect(enumAt('workforce.band')).toEqual([...BANDS]);
    expect(enumAt('workforce.pay_point')).toEqual([...NAMED_PAY_POINTS]);
    expect(enumAt('workforce.high_cost_area')).toEqual([...HIGH_COST_AREAS]);
    expect(enumAt('workforce.contract.type')).toEqual([...CONTRACT_TYPES]);
    expect(enumAt('finance.pension')).toEqual([...PENSION_PERSPECTIVES]);
    expect(Object.keys(deref(schema.properties!.burnout!).properties!.odds_ratios!.properties!)).toEqual([...BURNOUT_ODDS_RATIOS]);
    expect(enumAt('employer.type')).toEqual([...EMPLOYER_TYPES]);
    const benefit = deref(schema.properties!.benefits!).items!;
    expect(benefit.properties!.basis!.enum).toEqual([...BENEFIT_BASES]);
    expect(benefit.properties!.category!.enum).toEqual([...BENEFIT_CATEGORIES]);
  });

  it('the fully populated scenario is valid against the schema', async () => {
    const { validate } = await loadGeneratedValidator();
    expect(validate(FULL), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('schema conventions', () => {
  it('is JSON Schema 2020-12 and compiles under strict ajv', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const ajv = new Ajv2020Module.default({ ...AJV_OPTIONS, code: {} });
    ajv.addVocabulary(EXTRA_KEYWORDS);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it.each(fields(schema).map(([p, n]) => [p, n] as const))('%s has a description, a unit and examples', (_path, node) => {
    const n = deref(node);
    expect(node.description ?? n.description).toMatch(/\w{3}/);
    expect(n['x-unit']).toMatch(/\w/);
    expect((node.examples ?? n.examples ?? []).length).toBeGreaterThan(0);
  });

  it('every mapping forbids additional properties', () => {
    for (const [path, node] of [['', schema] as [string, JsonSchema], ...fields(schema)]) {
      const n = deref(node);
      if (n.type === 'object' || n.properties) expect(n.additionalProperties, path || '(root)').toBe(false);
    }
  });

  it("every field's examples are valid for that field", () => {
    const ajv = new Ajv2020Module.default({ ...AJV_OPTIONS, code: {} });
    ajv.addVocabulary(EXTRA_KEYWORDS);
    for (const [path, node] of fields(schema)) {
      const validate = ajv.compile({ $defs: defs, ...node });
      for (const example of node.examples ?? deref(node).examples ?? []) {
        expect(validate(example), `${path}: ${JSON.stringify(example)} ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
  });

  it('the precompiled validator is newer than the schema (run npm run build after editing it)', () => {
    const generated = join(ROOT, 'dist', 'generated', 'scenario-validator.js');
    expect(existsSync(generated)).toBe(true);
    expect(statSync(generated).mtimeMs).toBeGreaterThanOrEqual(statSync(SCHEMA_FILE).mtimeMs);
  });
});
