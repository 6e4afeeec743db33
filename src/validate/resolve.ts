/**
 * Defaults and origins: merged scenario data → the full resolved `Scenario`, recording
 * for every leaf value where it came from (a file line, the reference data, or a
 * documented peerplan default). Pure: the reference data is passed in.
 *
 * Values that broke the schema (`bad`) are replaced by their default so that the
 * remaining checks can still run; the scenario is not returned to callers then, as
 * there are errors.
 */
import type { Origin, OriginMap } from '../scenario/origin.js';
import {
  BANDS,
  AFTER_HORIZON_RULES,
  BURNOUT_ODDS_RATIOS,
  CONTRACT_TYPES,
  DISCOUNTING_CONVENTIONS,
  EMPLOYER_TYPES,
  HIGH_COST_AREAS,
  NAMED_PAY_POINTS,
  type Band,
  type FundingChange,
  type PayPoint,
  type Scenario,
} from '../scenario/types.js';
import type { ReferenceData, RefValue } from '../reference/types.js';
import { didYouMean } from '../source/did-you-mean.js';
import type { EvidenceLibrary } from '../evidence/types.js';
import { resolveBenefit } from './resolve-benefit.js';
import { apportionedAllowance } from './employment-allowance.js';
import { basicSalary, hcasAmount } from '../engine/pay.js';
import { bool, int, num, oneOf, pct, str, type Convert, type Take } from './convert.js';
import { parsePercent } from './percent.js';
import { DEFAULT_REFERENCE } from '../reference/default.js';
import { childPath, getAt, type DiagnosticDraft, type SourceFile } from '../source/positions.js';

export const DEFAULT_HORIZON_START = '2026-04';
export const DEFAULT_HORIZON_YEARS = 5;
/** Band 3, the band most NHS peer support worker posts are advertised at. */
export const DEFAULT_BAND: Band = '3';

export interface ResolveInput {
  /** Merged data of the whole `extends` chain (nulls removed). */
  merged: Record<string, unknown>;
  /** The chain, child first, for file origins. */
  chain: readonly SourceFile[];
  /** Whether a path (or an ancestor) broke the schema. */
  bad: (path: string) => boolean;
  referenceIds: readonly string[];
  getReference: (id: string) => ReferenceData;
  /** The evidence library `benefits[].evidence` and `unit_cost` name (absent: no library, every id is unknown). */
  getEvidence?: () => EvidenceLibrary;
}

export interface Resolved {
  scenario: Scenario;
  origins: OriginMap;
  /** Paths whose value was written in a file (and is valid). */
  given: Set<string>;
  /** Paths holding a placeholder because a required value is missing or invalid; rules skip them. */
  unresolved: Set<string>;
  reference: ReferenceData;
  drafts: DiagnosticDraft[];
}

const band: Convert<Band> = (v) => {
  const s = typeof v === 'number' ? String(v) : v;
  return BANDS.includes(s as Band) ? (s as Band) : undefined;
};
const payPoint: Convert<PayPoint> = (v) =>
  NAMED_PAY_POINTS.includes(v as never) ? (v as PayPoint) : Number.isInteger(v) && (v as number) >= 0 ? (v as number) : undefined;

/** The file name without directory or extension: the default scenario name. */
export function baseName(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.replace(/\.(ya?ml)$/i, '') || name;
}

export function resolveScenario(input: ResolveInput): Resolved {
  const { merged, chain, bad } = input;
  const origins: OriginMap = {};
  const given = new Set<string>();
  const unresolved = new Set<string>();
  const drafts: DiagnosticDraft[] = [];

  const fileOrigin = (path: string): Origin => {
    for (let i = 0; i < chain.length; i++) {
      const loc = chain[i]!.locations.get(path);
      if (loc) return { kind: 'file', file: chain[i]!.file, line: loc.value.line, column: loc.value.column, inherited: i > 0 };
    }
    return { kind: 'default', note: 'set in the scenario' };
  };
  const present = (path: string): boolean => getAt(merged, path) !== undefined;

  /** The written value when valid, else the fallback (value and origin). */
  const take: Take = <T>(path: string, convert: Convert<T>, fallback: () => [T, Origin]): T => {
    if (!bad(path)) {
      const raw = getAt(merged, path);
      if (raw !== undefined) {
        const value = convert(raw);
        if (value !== undefined) {
          origins[path] = fileOrigin(path);
          given.add(path);
          return value;
        }
      }
    }
    const [value, origin] = fallback();
    origins[path] = origin;
    return value;
  };
  const dflt = <T>(value: T, note: string): (() => [T, Origin]) => () => [value, { kind: 'default', note }];

  // Reference data first: other defaults come from it.
  const referenceId = take('reference', str, dflt(DEFAULT_REFERENCE, 'peerplan default reference data set'));
  let datasetId = referenceId;
  if (!input.referenceIds.includes(referenceId)) {
    unresolved.add('reference');
    drafts.push({
      code: 'UNKNOWN_REFERENCE',
      path: 'reference',
      message: `there is no reference data set "${referenceId}"`,
      expected: `one of: ${input.referenceIds.join(', ')} (see \`peerplan reference\`)`,
      example: `reference: ${DEFAULT_REFERENCE}`,
      did_you_mean: didYouMean(referenceId, input.referenceIds),
    });
    datasetId = input.referenceIds.includes(DEFAULT_REFERENCE) ? DEFAULT_REFERENCE : input.referenceIds[0]!;
  }
  const ref = input.getReference(datasetId);
  const fromRef =
    <T>(key: string, rv: RefValue<T>): (() => [T, Origin]) =>
    () => [rv.value, { kind: 'reference', dataset: ref.id, key, source: rv.source }];

  const peerplan = take('peerplan', (v) => (v === 1 ? (1 as const) : undefined), dflt(1 as const, 'format version'));
  const name = take('name', str, dflt(baseName(chain[0]?.file ?? 'scenario'), 'peerplan default: the file name without its extension'));
  const description = take('description', str, dflt('', 'peerplan default: no description'));

  const horizon = {
    start: take('horizon.start', str, dflt(DEFAULT_HORIZON_START, 'peerplan default: April 2026, the start of the 2026/27 financial year')),
    years: take('horizon.years', int, dflt(DEFAULT_HORIZON_YEARS, 'peerplan default: a five-year projection')),
  };

  // Employer: its type sets the defaults of the levy, the Employment Allowance and the pension.
  const employerType = take('employer.type', oneOf(EMPLOYER_TYPES), dflt('nhs_trust' as const, 'peerplan default: an NHS trust'));
  const typeRef = ref.employers.types[employerType];
  const typeKey = `employers.types.${employerType}`;
  const annualPaybill = take('employer.annual_paybill', num, fromRef(`${typeKey}.annual_paybill`, typeRef.annual_paybill));
  // The allowance's default is the team's share of the pay bill, so it is resolved after the
  // workforce; its origin keeps its place in the inputs' order.
  const allowancePath = 'employer.employment_allowance_available';
  origins[allowancePath] = { kind: 'default', note: 'resolved with the workforce' };
  const unusedElsewhere = take(
    'employer.employment_allowance_unused_elsewhere',
    bool,
    dflt(false, "peerplan default: the employer's other staff use the Employment Allowance too, so the team's default is its share of the pay bill"),
  );

  // Workforce
  const fundedPath = 'workforce.funded_wte';
  const funded = take(fundedPath, num, () => {
    unresolved.add(fundedPath);
    if (!present(fundedPath) && !bad('workforce')) {
      drafts.push({
        code: 'MISSING_FIELD',
        path: fundedPath,
        at: 'key',
        message: 'workforce.funded_wte is missing: every scenario needs the number of funded posts (here or in a file it extends)',
        expected: 'the funded whole-time equivalents, a number 0 or more (WTE)',
        example: 'workforce:\n  funded_wte: 8',
      });
    }
    return [0, { kind: 'default', note: 'missing: workforce.funded_wte is required' }];
  });
  const starting = take('workforce.starting_wte', num, dflt(funded, 'peerplan default: equal to workforce.funded_wte (fully staffed at the start)'));
  if (unresolved.has(fundedPath) && !given.has('workforce.starting_wte')) unresolved.add('workforce.starting_wte');
  const wfBand = take('workforce.band', band, dflt<Band>(DEFAULT_BAND, 'peerplan default: Band 3, the band most NHS peer support worker posts are advertised at'));
  const wfPayPoint = take('workforce.pay_point', payPoint, dflt<PayPoint>('middle', 'peerplan default: the middle pay point of the band'));
  const salary = take<number | null>('workforce.salary', num, dflt(null, 'peerplan default: no override, pay comes from the band and pay point'));
  const hca = take('workforce.high_cost_area', oneOf(HIGH_COST_AREAS), dflt('none' as const, 'peerplan default: no High Cost Area Supplement'));
  const contractType = take('workforce.contract.type', oneOf(CONTRACT_TYPES), dflt('permanent' as const, 'peerplan default: a permanent contract'));
  const fixedTerm = contractType === 'fixed_term';
  const notFixed = 'peerplan default: none, as the contract is not fixed_term';
  const termMonths = fixedTerm
    ? take<number | null>('workforce.contract.term_months', int, () => {
        unresolved.add('workforce.contract.term_months');
        return fromRef('contracts.term_months', ref.contracts.term_months)();
      })
    : nullFor('workforce.contract.term_months', notFixed);
  const renewal = fixedTerm
    ? take<number | null>('workforce.contract.renewal_probability', pct(), () => {
        unresolved.add('workforce.contract.renewal_probability');
        return fromRef('contracts.renewal_probability', ref.contracts.renewal_probability)();
      })
    : nullFor('workforce.contract.renewal_probability', notFixed);
  /** A fixed-term-only field of another contract type: null (if written anyway, a rule reports it). */
  function nullFor(path: string, note: string): null {
    if (present(path) && !bad(path)) given.add(path);
    origins[path] = { kind: 'default', note };
    return null;
  }
  // Not rounded: the isolation driver is smooth in team size, so 1.0 and 1.1 WTE differ by a little, not a step.
  const teamSize = take('workforce.team_size', num, dflt(Math.max(1, funded), 'peerplan default: workforce.funded_wte, at least 1'));
  if (unresolved.has(fundedPath) && !given.has('workforce.team_size')) unresolved.add('workforce.team_size');

  const employer = {
    type: employerType,
    annual_paybill: annualPaybill,
    employment_allowance_available: take(allowancePath, num, (): [number, Origin] => {
      if (!typeRef.employment_allowance_eligible.value) {
        return [0, { kind: 'reference', dataset: ref.id, key: `${typeKey}.employment_allowance_eligible`, source: typeRef.employment_allowance_eligible.source }];
      }
      const allowance = ref.on_costs.employment_allowance;
      const teamPay = contractType === 'voluntary' ? 0 : funded * teamSalary(ref, wfBand, wfPayPoint, salary, hca);
      const a = apportionedAllowance(allowance.value, teamPay, annualPaybill, unusedElsewhere);
      const pounds = (n: number): string => `£${n.toLocaleString('en-GB', { maximumFractionDigits: 2 })}`;
      const whole = `the Employment Allowance, ${pounds(allowance.value)} a year (reference ${ref.id} on_costs.employment_allowance)`;
      const note = unusedElsewhere
        ? `peerplan default: all of ${whole}, as employer.employment_allowance_unused_elsewhere says the employer's other staff leave it unused`
        : `peerplan default: ${whole} × this team's share of the employer's pay bill, ${pounds(a.teamPay)} of ${pounds(annualPaybill)} (${(100 * a.share).toFixed(1)}%) = ${pounds(a.value)}: the employer's other staff use it too`;
      return [a.value, { kind: 'default', note }];
    }),
    employment_allowance_unused_elsewhere: unusedElsewhere,
  };

  const fundingChanges = list('workforce.funding_changes', 'peerplan default: no funding changes', (path): FundingChange => ({
    from: take(`${path}.from`, str, dflt('', 'missing')),
    funded_wte: take(`${path}.funded_wte`, num, dflt(0, 'missing')),
  }));

  function list<T>(path: string, note: string, item: (itemPath: string) => T): T[] {
    const raw = bad(path) ? undefined : getAt(merged, path);
    if (!Array.isArray(raw)) {
      origins[path] = { kind: 'default', note };
      return [];
    }
    origins[path] = fileOrigin(path);
    given.add(path);
    return raw.map((_, i) => item(childPath(path, i)));
  }

  // Supervision
  const supervision = {
    workers_per_supervisor: take('supervision.workers_per_supervisor', num, fromRef('supervision.workers_per_supervisor', ref.supervision.workers_per_supervisor)),
    hours_per_worker_per_month: take('supervision.hours_per_worker_per_month', num, fromRef('supervision.hours_per_worker_per_month', ref.supervision.hours_per_worker_per_month)),
    supervisor: {
      band: take('supervision.supervisor.band', band, fromRef('supervision.supervisor_band', ref.supervision.supervisor_band)),
      pay_point: take('supervision.supervisor.pay_point', payPoint, dflt<PayPoint>('middle', 'peerplan default: the middle pay point of the band')),
      lived_experience: take('supervision.supervisor.lived_experience', bool, dflt(false, 'peerplan default: a supervisor without lived experience')),
    },
    peer_group_supervision: take('supervision.peer_group_supervision', bool, dflt(false, 'peerplan default: no peer group supervision')),
  };

  const v = ref.volunteers;
  const volunteers = {
    hours_per_week: take('volunteers.hours_per_week', num, fromRef('volunteers.hours_per_week', v.hours_per_week)),
    expenses_per_volunteer_per_year: take('volunteers.expenses_per_volunteer_per_year', num, fromRef('volunteers.expenses_per_volunteer_per_year', v.expenses_per_volunteer_per_year)),
    coordinator_hours_per_volunteer_per_month: take(
      'volunteers.coordinator_hours_per_volunteer_per_month',
      num,
      fromRef('volunteers.coordinator_hours_per_volunteer_per_month', v.coordinator_hours_per_volunteer_per_month),
    ),
    annual_leaver_rate: take('volunteers.annual_leaver_rate', pct(), fromRef('volunteers.annual_leaver_rate', v.annual_leaver_rate)),
    evidence: take('volunteers.evidence', str, dflt('', 'peerplan default: no source given')),
  };

  const w = ref.workforce;
  const turnover = {
    annual_leaver_rate: take('turnover.annual_leaver_rate', pct(), fromRef('workforce.annual_leaver_rate', w.annual_leaver_rate)),
    months_to_fill: take('turnover.months_to_fill', num, fromRef('workforce.months_to_fill', w.months_to_fill)),
    recruitment_cost_per_hire: take('turnover.recruitment_cost_per_hire', num, fromRef('workforce.recruitment_cost_per_hire', w.recruitment_cost_per_hire)),
    pay_leaving_elasticity: take('turnover.pay_leaving_elasticity', num, fromRef('workforce.pay_leaving_elasticity', w.pay_leaving_elasticity)),
  };
  const training = {
    induction_course_cost_per_starter: take(
      'training.induction_course_cost_per_starter',
      num,
      fromRef('workforce.induction_course_cost_per_starter', w.induction_course_cost_per_starter),
    ),
    induction_weeks: take('training.induction_weeks', num, fromRef('workforce.induction_weeks', w.induction_weeks)),
    cpd_cost_per_wte_per_year: take('training.cpd_cost_per_wte_per_year', num, fromRef('workforce.cpd_cost_per_wte_per_year', w.cpd_cost_per_wte_per_year)),
    backfill_share: take('training.backfill_share', pct(), dflt(0, 'peerplan default: 0%, no paid backfill during induction')),
  };
  const delivery = {
    caseload_per_wte: take('delivery.caseload_per_wte', num, fromRef('workforce.caseload_per_wte', w.caseload_per_wte)),
    relationship_months: take('delivery.relationship_months', num, fromRef('workforce.relationship_months', w.relationship_months)),
    sickness_absence: take('delivery.sickness_absence', pct(), fromRef('workforce.sickness_absence', w.sickness_absence)),
    sessions_per_wte_month: take('delivery.sessions_per_wte_month', num, fromRef('workforce.sessions_per_wte_month', w.sessions_per_wte_month)),
  };

  // The price base defaults to the financial year the horizon starts in (Green Book: the appraisal's own base year).
  const startFy = /^\d{4}-\d{2}$/.test(horizon.start)
    ? (() => {
        const y = Number(horizon.start.slice(0, 4));
        const fy = Number(horizon.start.slice(5, 7)) >= 4 ? y : y - 1;
        return `${fy}/${String((fy + 1) % 100).padStart(2, '0')}`;
      })()
    : '2026/27';
  const fyLabel: Convert<string> = (v) => {
    if (typeof v !== 'string' || !/^\d{4}\/\d{2}$/.test(v)) return undefined;
    return (Number(v.slice(0, 4)) + 1) % 100 === Number(v.slice(5, 7)) ? v : undefined;
  };
  /** A financial year the schema let through (YYYY/YY) but whose years do not follow on: an error, not a silent default. */
  const checkFy = (path: string): void => {
    const raw = getAt(merged, path);
    if (bad(path) || typeof raw !== 'string' || fyLabel(raw) !== undefined || !/^\d{4}\/\d{2}$/.test(raw)) return;
    const next = `${raw.slice(0, 4)}/${String((Number(raw.slice(0, 4)) + 1) % 100).padStart(2, '0')}`;
    unresolved.add(path);
    drafts.push({
      code: 'FINANCIAL_YEAR_NOT_CONSECUTIVE',
      path,
      message: `"${raw}" is not a financial year: its two years do not follow on`,
      expected: 'a UK financial year written YYYY/YY, the second year one after the first',
      example: `${path.split('.').pop()}: ${next}`,
      did_you_mean: next,
    });
  };
  checkFy('finance.price_base');
  const priceBase = take('finance.price_base', fyLabel, dflt(startFy, 'peerplan default: the financial year the horizon starts in'));

  const benefits = list('benefits', 'peerplan default: no benefit streams', (path) =>
    resolveBenefit(path, { take, dflt, given, unresolved, drafts, present, bad, library: input.getEvidence?.() ?? null, priceBase, checkFy, fyLabel }),
  );

  const a = ref.appraisal;
  const finance = {
    discount_rate: take('finance.discount_rate', pct(), fromRef('appraisal.discount_rate', a.discount_rate)),
    pay_uplift: take('finance.pay_uplift', pct(), fromRef('pay.next_award', ref.pay.next_award)),
    pension: take<Scenario['finance']['pension']>(
      'finance.pension',
      (v) => (v === 'local' || v === 'whole_system' || v === 'lgps' || v === 'auto_enrolment' ? v : parsePercent(v)),
      fromRef(`${typeKey}.pension`, typeRef.pension),
    ),
    overhead_rate: take('finance.overhead_rate', pct(), fromRef('appraisal.overhead_rate', a.overhead_rate)),
    optimism_bias: take('finance.optimism_bias', pct(2), fromRef('appraisal.optimism_bias', a.optimism_bias)),
    discounting: take('finance.discounting', oneOf(DISCOUNTING_CONVENTIONS), dflt('annual' as const, 'peerplan default: the Green Book annual convention')),
    health_discount_rate: take('finance.health_discount_rate', pct(), fromRef('appraisal.health_discount_rate', a.health_discount_rate)),
    price_base: priceBase,
    benefits_after_horizon: take(
      'finance.benefits_after_horizon',
      oneOf(AFTER_HORIZON_RULES),
      dflt('credit' as const, 'peerplan default: lagged benefits of support given inside the horizon are credited'),
    ),
  };

  const refOr = ref.burnout.odds_ratios;
  const odds_ratios = Object.fromEntries(
    BURNOUT_ODDS_RATIOS.map((k) => [k, take(`burnout.odds_ratios.${k}`, num, fromRef(`burnout.odds_ratios.${k}`, refOr[k]))]),
  ) as Scenario['burnout']['odds_ratios'];
  const leaving_hazard_ratio = take('burnout.leaving_hazard_ratio', num, fromRef('burnout.leaving_hazard_ratio', ref.burnout.leaving_hazard_ratio));
  const absence_ratio = take('burnout.absence_ratio', num, fromRef('burnout.absence_ratio', ref.burnout.absence_ratio));
  const effectiveness_loss = take('burnout.effectiveness_loss', pct(), fromRef('burnout.effectiveness_loss', ref.burnout.effectiveness_loss));
  const isolation_effect_loss = take('burnout.isolation_effect_loss', pct(), fromRef('burnout.isolation_effect_loss', ref.burnout.isolation_effect_loss));
  const supervision_effect_loss = take('burnout.supervision_effect_loss', pct(), fromRef('burnout.supervision_effect_loss', ref.burnout.supervision_effect_loss));

  const scenario: Scenario = {
    peerplan,
    name,
    description,
    reference: referenceId,
    horizon,
    employer,
    workforce: {
      funded_wte: funded,
      starting_wte: starting,
      band: wfBand,
      pay_point: wfPayPoint,
      salary,
      high_cost_area: hca,
      contract: { type: contractType, term_months: termMonths, renewal_probability: renewal },
      team_size: teamSize,
      funding_changes: fundingChanges,
    },
    supervision,
    volunteers,
    turnover,
    training,
    delivery,
    benefits,
    finance,
    burnout: { odds_ratios, leaving_hazard_ratio, absence_ratio, effectiveness_loss, isolation_effect_loss, supervision_effect_loss },
  };
  return { scenario, origins: sortOrigins(scenario, origins), given, unresolved, reference: ref, drafts };
}

/** Origins in the order of the scenario's own fields (stable output for `explain` and JSON). */
function sortOrigins(scenario: Scenario, origins: OriginMap): OriginMap {
  const order: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (Object.prototype.hasOwnProperty.call(origins, path)) order.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(scenario, '');
  const out: OriginMap = {};
  for (const p of order) out[p] = origins[p]!;
  for (const p of Object.keys(origins).sort()) if (!Object.prototype.hasOwnProperty.call(out, p)) out[p] = origins[p]!;
  return out;
}

/** A post's annual pay at 1.0 WTE (basic + HCAS) at reference-table prices, for the Employment Allowance's share; 0 for a pay point the band lacks (a rule reports it). */
function teamSalary(ref: ReferenceData, band: Band, point: PayPoint, override: number | null, area: (typeof HIGH_COST_AREAS)[number]): number {
  try {
    const basic = basicSalary(ref, band, point, override);
    return basic + hcasAmount(ref, area, basic);
  } catch {
    return 0;
  }
}
