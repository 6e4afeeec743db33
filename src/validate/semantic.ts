/**
 * Rules about meaning that a schema cannot express. Each rule is a pure function of
 * the resolved scenario that returns diagnostics (errors, or warnings for choices that
 * are legal but risky). A rule never looks at a value that broke the schema or is a
 * placeholder for a missing one (`usable`), so one mistake is reported once.
 */
import type { ReferenceData } from '../reference/types.js';
import type { Scenario } from '../scenario/types.js';
import { getAt, type DiagnosticDraft } from '../source/positions.js';
import { fieldName, isPercentPath } from '../scenario/fields.js';

export interface RuleContext {
  scenario: Scenario;
  reference: ReferenceData;
  /** The value at this path was written in a scenario file (and is valid). */
  given(path: string): boolean;
  /** Every path holds a real value: valid as written, or a documented default. */
  usable(...paths: string[]): boolean;
}

export type Rule = (ctx: RuleContext) => DiagnosticDraft[];

const gbp = (n: number): string => `£${n.toLocaleString('en-GB')}`;

/** YYYY-MM → months since year 0 (no Date: time-zone proof). */
export function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return (y ?? 0) * 12 + ((m ?? 1) - 1);
}

export function monthLabel(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const FIXED_TERM_EXAMPLE = 'contract:\n  type: fixed_term\n  term_months: 12\n  renewal_probability: 60%';

export const fixedTermFields: Rule = ({ scenario, given, usable }) => {
  const out: DiagnosticDraft[] = [];
  if (!usable('workforce.contract.type')) return out;
  const type = scenario.workforce.contract.type;
  const fields = [
    ['term_months', 'the length of each term in months'],
    ['renewal_probability', 'the share of post holders renewed at each term end'],
  ] as const;
  for (const [field, meaning] of fields) {
    const path = `workforce.contract.${field}`;
    if (type === 'fixed_term' && !given(path)) {
      out.push({
        code: 'FIXED_TERM_REQUIRED',
        path,
        at: 'key',
        message: `a fixed_term contract needs ${field}: ${meaning}`,
        expected: `workforce.contract.${field} for a fixed-term contract`,
        example: FIXED_TERM_EXAMPLE,
      });
    } else if (type !== 'fixed_term' && given(path)) {
      out.push({
        code: 'FIXED_TERM_ONLY',
        path,
        at: 'key',
        message: `${field} applies only to fixed_term contracts, but the contract type is ${type}${given('workforce.contract.type') ? '' : ' (the default)'}`,
        expected: `no ${field}, or contract type fixed_term`,
        example: FIXED_TERM_EXAMPLE,
      });
    }
  }
  return out;
};

export const payPointInBand: Rule = ({ scenario, reference, usable }) => {
  const out: DiagnosticDraft[] = [];
  const posts = [
    ['workforce', scenario.workforce.band, scenario.workforce.pay_point],
    ['supervision.supervisor', scenario.supervision.supervisor.band, scenario.supervision.supervisor.pay_point],
  ] as const;
  for (const [prefix, band, point] of posts) {
    if (!usable(`${prefix}.band`, `${prefix}.pay_point`) || typeof point !== 'number') continue;
    const points = reference.pay.bands.points[band] ?? [];
    if (point < points.length) continue;
    const last = points.length - 1;
    out.push({
      code: 'PAY_POINT_NOT_IN_BAND',
      path: `${prefix}.pay_point`,
      message: `${prefix}.pay_point is ${point}, but band ${band} has ${points.length} pay point${points.length === 1 ? '' : 's'} in ${reference.id} (${points.map(gbp).join(', ')})`,
      expected: last === 0 ? 'bottom, middle, top or 0 (the band has one pay point)' : `bottom, middle, top, or an index from 0 to ${last}`,
      example: `pay_point: ${last}`,
      did_you_mean: 'top',
    });
  }
  return out;
};

export const startingWithinFunded: Rule = ({ scenario, given, usable }) => {
  const { starting_wte, funded_wte } = scenario.workforce;
  if (!given('workforce.starting_wte') || !usable('workforce.funded_wte', 'workforce.starting_wte')) return [];
  if (starting_wte <= funded_wte) return [];
  return [
    {
      code: 'STARTING_ABOVE_FUNDED',
      path: 'workforce.starting_wte',
      message: `workforce.starting_wte is ${starting_wte}, more than the ${funded_wte} funded WTE`,
      expected: `a starting WTE of at most workforce.funded_wte (${funded_wte})`,
      example: `starting_wte: ${funded_wte}`,
    },
  ];
};

export const fundingChangesInHorizon: Rule = ({ scenario, usable }) => {
  const out: DiagnosticDraft[] = [];
  const changes = scenario.workforce.funding_changes;
  if (changes.length === 0 || !usable('horizon.start', 'horizon.years')) return out;
  const start = monthIndex(scenario.horizon.start);
  const end = start + scenario.horizon.years * 12 - 1;
  let previous: number | undefined;
  changes.forEach((change, i) => {
    const path = `workforce.funding_changes[${i}].from`;
    if (!usable(path)) {
      previous = undefined;
      return;
    }
    const at = monthIndex(change.from);
    if (at < start || at > end) {
      out.push({
        code: 'FUNDING_CHANGE_OUTSIDE_HORIZON',
        path,
        message: `funding change ${i + 1} starts in ${change.from}, ${at < start ? 'before' : 'after'} the horizon (${scenario.horizon.start} to ${monthLabel(end)})`,
        expected: `a month from ${scenario.horizon.start} to ${monthLabel(end)}`,
        example: `- { from: ${monthLabel(Math.min(end, start + 12))}, funded_wte: ${change.funded_wte} }`,
      });
    }
    if (previous !== undefined && at <= previous) {
      out.push({
        code: 'FUNDING_CHANGES_NOT_IN_ORDER',
        path,
        message: `funding change ${i + 1} (${change.from}) is ${at === previous ? 'in the same month as' : 'earlier than'} the one before it (${monthLabel(previous)})`,
        expected: 'funding changes in increasing month order, one per month at most',
        example: 'funding_changes:\n  - { from: 2027-04, funded_wte: 8 }\n  - { from: 2028-04, funded_wte: 12 }',
      });
    }
    previous = at;
  });
  return out;
};

export const uniqueBenefitNames: Rule = ({ scenario, usable }) => {
  const out: DiagnosticDraft[] = [];
  const seen = new Map<string, number>();
  scenario.benefits.forEach((b, i) => {
    const path = `benefits[${i}].name`;
    if (!usable(path)) return;
    const key = b.name.trim().toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    out.push({
      code: 'DUPLICATE_BENEFIT_NAME',
      path,
      message: `benefit ${i + 1} is named "${b.name}", like benefit ${first + 1}`,
      expected: 'a different name for each benefit stream (results are reported by name)',
      example: `name: ${b.name} (second stream)`,
    });
  });
  return out;
};

export const lonePeerWorker: Rule = ({ scenario, usable }) => {
  const { team_size } = scenario.workforce;
  const { peer_group_supervision, supervisor } = scenario.supervision;
  if (!usable('workforce.team_size', 'supervision.peer_group_supervision', 'supervision.supervisor.lived_experience')) return [];
  if (team_size > 1 || peer_group_supervision || supervisor.lived_experience) return [];
  return [
    {
      code: 'LONE_PEER_WORKER',
      path: 'workforce.team_size',
      message:
        'a lone peer worker (team_size 1) with no peer supervision: isolation and the lack of supervision from someone with lived experience are known causes of peer worker burnout',
      expected: 'a peer team of 2 or more, a supervisor with lived experience, or peer group supervision',
      example: 'supervision:\n  peer_group_supervision: true',
    },
  ];
};

export const voluntaryWithSalary: Rule = ({ scenario, given, usable }) => {
  const { contract, salary } = scenario.workforce;
  if (!usable('workforce.contract.type') || contract.type !== 'voluntary' || !given('workforce.salary') || salary === null) return [];
  return [
    {
      code: 'VOLUNTARY_WITH_SALARY',
      path: 'workforce.salary',
      message: `the contract is voluntary (unpaid) but workforce.salary is ${gbp(salary)}; volunteers are not paid a salary`,
      expected: 'no salary for a voluntary role, or a paid contract type (permanent, fixed_term or sessional)',
      example: 'contract:\n  type: sessional',
    },
  ];
};

export const supervisionHours: Rule = ({ scenario, given, usable }) => {
  if (!given('supervision.hours_per_worker_per_month') || !usable('supervision.hours_per_worker_per_month')) return [];
  if (scenario.supervision.hours_per_worker_per_month > 0) return [];
  return [
    {
      code: 'NO_SUPERVISION',
      path: 'supervision.hours_per_worker_per_month',
      message: 'supervision.hours_per_worker_per_month is 0: the peer workers get no supervision, the most cited protection against burnout',
      expected: 'supervision hours for each worker (guidance: about 4 hours a month)',
      example: 'hours_per_worker_per_month: 4',
    },
  ];
};

export const supervisionSpan: Rule = ({ scenario, reference, given, usable }) => {
  const recommended = reference.supervision.workers_per_supervisor.value;
  const span = scenario.supervision.workers_per_supervisor;
  if (!given('supervision.workers_per_supervisor') || !usable('supervision.workers_per_supervisor')) return [];
  if (span <= recommended * 2) return [];
  return [
    {
      code: 'WIDE_SUPERVISION_SPAN',
      path: 'supervision.workers_per_supervisor',
      message: `each supervisor has ${span} supervisees, more than twice the ${recommended} that guidance recommends`,
      expected: `about ${recommended} supervisees per supervisor (roughly 5 to 6 for peer supervision)`,
      example: `workers_per_supervisor: ${recommended}`,
    },
  ];
};

export const volunteerPaidAssumptions: Rule = ({ scenario, given, usable }) => {
  if (!usable('workforce.contract.type') || scenario.workforce.contract.type !== 'voluntary') return [];
  if (given('volunteers.evidence') && scenario.volunteers.evidence.trim() !== '') return [];
  const caseload = scenario.delivery.caseload_per_wte;
  const streams = scenario.benefits.length;
  const what = [
    `a caseload of ${caseload} per WTE-equivalent (the paid peer worker figure${given('delivery.caseload_per_wte') ? '' : ', the default'})`,
    ...(streams > 0 ? [`${streams} benefit stream${streams === 1 ? '' : 's'} whose effects come from studies of paid peer workers (such as CORE)`] : []),
  ];
  return [
    {
      code: 'VOLUNTEER_PAID_ASSUMPTIONS',
      path: 'workforce.contract.type',
      message: `a volunteer team is given ${what.join(' and ')}, with no source saying volunteers achieve the same`,
      expected: 'volunteers.evidence naming where the caseload and effects come from, or a volunteer caseload and scaled benefits',
      example: 'volunteers:\n  evidence: "Local volunteer befriending evaluation, 2024: caseload 3 per volunteer, effect half of CORE"',
    },
  ];
};

export const volunteersNotVoluntary: Rule = ({ scenario, given, usable }) => {
  if (!usable('workforce.contract.type') || scenario.workforce.contract.type === 'voluntary') return [];
  const fields = ['hours_per_week', 'expenses_per_volunteer_per_year', 'coordinator_hours_per_volunteer_per_month', 'annual_leaver_rate', 'evidence'];
  const first = fields.find((f) => given(`volunteers.${f}`));
  if (!first) return [];
  return [
    {
      code: 'VOLUNTEERS_NOT_VOLUNTARY',
      path: `volunteers.${first}`,
      at: 'key',
      message: `volunteers.${first} is set, but the contract type is ${scenario.workforce.contract.type}: volunteers settings apply only to a voluntary team and are not used`,
      expected: 'no volunteers section, or workforce.contract.type voluntary',
      example: 'workforce:\n  contract:\n    type: voluntary',
    },
  ];
};

export const employmentAllowance: Rule = ({ scenario, reference, given, usable }) => {
  const path = 'employer.employment_allowance_available';
  if (!given(path) || !usable(path, 'employer.type')) return [];
  const available = scenario.employer.employment_allowance_available;
  const max = reference.on_costs.employment_allowance.value;
  const type = scenario.employer.type;
  const eligible = reference.employers.types[type].employment_allowance_eligible.value;
  if (available > max) {
    return [
      {
        code: 'EMPLOYMENT_ALLOWANCE_CHECK',
        path,
        message: `${path} is ${gbp(available)}, more than the ${gbp(max)} a year an employer can claim (and the allowance is per employer, shared by all its teams)`,
        expected: `at most ${gbp(max)}: the part of the employer's allowance left for this team`,
        example: `employment_allowance_available: ${max}`,
      },
    ];
  }
  if (!eligible && available > 0) {
    return [
      {
        code: 'EMPLOYMENT_ALLOWANCE_CHECK',
        path,
        message: `${path} is ${gbp(available)} for a ${type} employer, a type that usually cannot claim the Employment Allowance (public bodies and businesses doing more than half their work in the public sector, unless charities)`,
        expected: 'an allowance only where HMRC eligibility has been checked',
        example: 'employment_allowance_available: 0',
      },
    ];
  }
  return [];
};

/**
 * No benefit stream: BCR and ROI would read 0 and -100% as if peer support had been shown
 * to return nothing, when nothing was valued. A warning, not an error: a cost-only
 * scenario (a budget) is legitimate, and the outputs then say "no benefits valued".
 */
// The example is the bundled baseline's stream: half CORE's 9-point readmission reduction (0.045), each
// readmission 20 bed days at £564 (SNEE ICB 2024) = £11,280.
export const noBenefits: Rule = ({ scenario, usable }) => {
  if (!usable('benefits') || scenario.benefits.length > 0) return [];
  return [
    {
      code: 'NO_BENEFITS',
      path: 'benefits',
      message: 'no benefit streams: the scenario values costs only, so BCR and ROI are reported as "no benefits valued"',
      expected: 'one or more benefit streams from cited evidence (see "peerplan evidence" for the library)',
      example: 'benefits:\n  - name: Readmissions avoided (bed days)\n    evidence: core-2018-readmission\n    base_rate: 25%\n    quantity: 20\n    unit_cost: mh-bed-day\n    category: fiscal\n    source: trust readmission audit',
    },
  ];
};

/**
 * The reference data's reach (issue 23): a horizon that starts before the pay tables are
 * valid is costed with later pay, NI and levy rules, and one that runs past the GDP
 * deflator's last year (its forecasts) is deflated at an assumed long-run growth. Both are
 * legal (a what-if), but the output must not look like a costing of those years.
 */
export const staleReference: Rule = ({ scenario, reference, usable }) => {
  if (!usable('horizon.start', 'horizon.years')) return [];
  const out: DiagnosticDraft[] = [];
  const start = monthIndex(scenario.horizon.start);
  const validFrom = monthIndex(String(reference.valid_from));
  if (start < validFrom) {
    out.push({
      code: 'STALE_REFERENCE',
      path: 'horizon.start',
      message: `the horizon starts in ${scenario.horizon.start}, before reference ${reference.id}'s tables are valid (${reference.valid_from}): those months are costed with its pay points, NI and levy rules, not the ones in force then`,
      expected: `a start from ${reference.valid_from}, or a reference data set valid for ${scenario.horizon.start}`,
      example: `horizon:
  start: ${reference.valid_from}`,
    });
  }
  const years = Object.keys(reference.gdp_deflator?.index ?? reference.gdp_deflator?.growth ?? {}).sort();
  const last = years[years.length - 1];
  const endMonth = start + scenario.horizon.years * 12 - 1;
  // Financial year of the last month (April starts one): 2031-03 is in 2030/31.
  const endFy = Math.floor((endMonth - 3) / 12);
  if (last !== undefined && reference.gdp_deflator && endFy > Number(last.slice(0, 4))) {
    const g = reference.gdp_deflator.long_run_growth;
    out.push({
      code: 'STALE_REFERENCE',
      path: 'horizon.years',
      message: `the horizon runs to ${monthLabel(endMonth)}, past the GDP deflator's last year (${last}, ${reference.gdp_deflator.id}): later years are deflated at an assumed ${(100 * g.value).toFixed(1)}% a year${g.verified ? '' : ' (unverified)'}`,
      expected: `a horizon ending by ${Number(last.slice(0, 4)) + 1}-03, or a deflator series that reaches ${monthLabel(endMonth)}`,
      example: `horizon:
  years: ${Math.max(1, Number(last.slice(0, 4)) + 1 - Math.floor((start - 3) / 12))}`,
    });
  }
  return out;
};

/** A fraction as a percentage for a message: 0.0014 → "0.14%", 0.14 → "14%". */
const percentText = (x: number): string => `${Number((x * 100).toPrecision(6))}%`;

/**
 * #28 item 5. A percentage written a hundred times too small — `annual_leaver_rate: 0.14%`
 * for 14%, or a fraction typed as a percentage — is valid (0% to 100%) but far below the
 * reference data's plausible range. When the value is below the range and a hundred times
 * it falls inside, it is almost certainly that slip: warn, with the value it probably meant.
 */
export const percentageSlip: Rule = ({ scenario, reference, given, usable }) => {
  const out: DiagnosticDraft[] = [];
  const ranges = reference.sensitivity_ranges?.ranges ?? {};
  for (const [path, range] of Object.entries(ranges)) {
    if (!isPercentPath(path) || !(range.low > 0) || !given(path) || !usable(path)) continue;
    const value = getAt(scenario, path);
    if (typeof value !== 'number' || !(value > 0) || value >= range.low) continue;
    const meant = value * 100;
    if (meant < range.low || meant > range.high) continue;
    out.push({
      code: 'PERCENTAGE_SLIP',
      path,
      message: `${path} is ${percentText(value)}, a hundred times below its plausible range of ${percentText(range.low)} to ${percentText(range.high)} (reference data): did you mean ${percentText(meant)}?`,
      expected: `a percentage such as ${percentText(meant)} (or the fraction ${Number(meant.toPrecision(6))}); ${percentText(value)} is the fraction ${Number(value.toPrecision(6))}`,
      example: `${fieldName(path)}: ${percentText(meant)}`,
    });
  }
  return out;
};

/** Every rule, in reporting order. */
export const RULES: readonly Rule[] = [
  fixedTermFields,
  payPointInBand,
  startingWithinFunded,
  fundingChangesInHorizon,
  uniqueBenefitNames,
  lonePeerWorker,
  voluntaryWithSalary,
  supervisionHours,
  supervisionSpan,
  volunteerPaidAssumptions,
  volunteersNotVoluntary,
  employmentAllowance,
  noBenefits,
  staleReference,
  percentageSlip,
];

export function checkSemantics(ctx: RuleContext): DiagnosticDraft[] {
  return RULES.flatMap((rule) => rule(ctx));
}
