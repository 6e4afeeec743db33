/**
 * The questions `peerplan init` asks a commissioner, their defaults (from the reference
 * data where it has them) and how each answer is read. Prompting is behind `Prompter`,
 * so the same steps run with the real prompts in a terminal, with the real prompts on an
 * injected stream in tests, and without prompts for `--yes`.
 */
import type { ReferenceData } from '../reference/types.js';
import { BANDS, CONTRACT_TYPES, HIGH_COST_AREAS, type Band, type ContractType, type HighCostArea, type PensionPerspective } from '../scenario/types.js';
import { formatMoney, plainNumber } from '../text/format.js';
import { DEFAULT_BAND, DEFAULT_HORIZON_START, DEFAULT_HORIZON_YEARS } from '../validate/resolve.js';
import { formatPercent, parsePercent, percentProblem } from '../validate/percent.js';

export const ORG_TYPES = ['nhs', 'vcse', 'other'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ORG_LABELS: Record<OrgType, string> = {
  nhs: 'NHS trust',
  vcse: 'VCSE provider',
  other: 'Other employer',
};

export type SupervisorKind = 'peer' | 'clinical';

export interface Answers {
  org: OrgType;
  /** Funded posts, whole-time equivalents. */
  posts: number;
  band: Band;
  /** Local pay (£ a year at 1.0 WTE) instead of the band's, outside the NHS; null for the band's pay. */
  salary: number | null;
  /** High Cost Area Supplement zone (London and its fringe); paid on Agenda for Change pay only. */
  hcas: HighCostArea;
  contract: ContractType;
  /** Fixed-term contracts only. */
  termMonths: number;
  /** Fixed-term contracts only: a fraction. */
  renewal: number;
  supervisor: SupervisorKind;
  peerGroup: boolean;
  span: number;
  hours: number;
  /** Annual leaver rate, a fraction. */
  turnover: number;
  caseload: number;
  pension: PensionPerspective | number;
  /** First month of the projection, YYYY-MM. */
  start: string;
  /** Years projected. */
  years: number;
  name: string;
}

/** The fields the number of posts sets. */
export const POSTS_PATHS = ['workforce.funded_wte', 'workforce.starting_wte', 'workforce.team_size'] as const;

/** The team size the bundled baseline has: a default where the reference data has none. */
export const DEFAULT_POSTS = 6;

/** Every answer as `--yes` gives it for an organisation type. */
export function defaultAnswers(org: OrgType, ref: ReferenceData): Answers {
  const partial: Omit<Answers, 'name'> = {
    org,
    posts: DEFAULT_POSTS,
    band: DEFAULT_BAND,
    salary: null,
    hcas: 'none',
    // VCSE providers are mostly grant-funded: posts last as long as the grant.
    contract: org === 'vcse' ? 'fixed_term' : 'permanent',
    termMonths: ref.contracts.term_months.value,
    renewal: ref.contracts.renewal_probability.value,
    supervisor: 'peer',
    peerGroup: true,
    span: ref.supervision.workers_per_supervisor.value,
    hours: ref.supervision.hours_per_worker_per_month.value,
    turnover: ref.workforce.annual_leaver_rate.value,
    caseload: ref.workforce.caseload_per_wte.value,
    // NHS trusts pay the NHS Pension Scheme's local share; other employers at least the auto-enrolment minimum.
    pension: org === 'nhs' ? 'local' : ref.on_costs.pension_auto_enrolment_minimum.value,
    start: DEFAULT_HORIZON_START,
    years: DEFAULT_HORIZON_YEARS,
  };
  return { ...partial, name: '' };
}

export const CONTRACT_LABELS: Record<ContractType, string> = {
  permanent: 'permanent',
  fixed_term: 'fixed-term',
  sessional: 'sessional',
  voluntary: 'voluntary',
};

/** The name offered by default: who employs whom, on what. */
export function defaultName(a: Answers): string {
  const posts = `${plainNumber(a.posts)} Band ${a.band} ${CONTRACT_LABELS[a.contract]} post${a.posts === 1 ? '' : 's'}`;
  return `${ORG_LABELS[a.org]}, ${posts}`;
}

export function bandPay(ref: ReferenceData, band: Band): string {
  const points = ref.pay.bands.points[band];
  const low = formatMoney(points[0]!);
  const high = formatMoney(points[points.length - 1]!);
  return points.length === 1 ? `Band ${band}: ${low}` : `Band ${band}: ${low}–${high}`;
}

// ---------------------------------------------------------------------------------------------
// Reading answers

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function parseNumber(text: string): Parsed<number> {
  const t = text.trim().replace(/^£/, '').replace(/,(?=\d{3}\b)/g, '');
  if (!NUMBER.test(t)) return { ok: false, message: `"${text.trim()}" is not a number; type digits, such as 6 or 2.5` };
  return { ok: true, value: Number(t) };
}

export function parsePosts(text: string): Parsed<number> {
  const n = parseNumber(text);
  if (n.ok && !(n.value > 0)) return { ok: false, message: 'the number of posts must be more than 0 (whole-time equivalents, such as 6 or 4.5)' };
  return n;
}

export function parseSalary(text: string): Parsed<number | null> {
  return text.trim() === '' ? { ok: true, value: null } : parseNumber(text);
}

/** A whole number of years, 1 or more (the file's rules then bound it). */
export function parseYears(text: string): Parsed<number> {
  const n = parseNumber(text);
  if (n.ok && !(Number.isInteger(n.value) && n.value >= 1)) return { ok: false, message: 'the horizon is a whole number of years, such as 5 or 10' };
  return n;
}

/** A month, YYYY-MM (2026-04 is the start of the 2026/27 financial year). */
export function parseStart(text: string): Parsed<string> {
  const t = text.trim();
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(t)) return { ok: false, message: `"${t}" is not a month written YYYY-MM, such as 2026-04 (April 2026)` };
  return { ok: true, value: t };
}

/** "14%" or 0.14, read as a scenario file reads a percentage (src/validate/percent.ts). */
export function parsePercentAnswer(text: string, path: string): Parsed<number> {
  const t = text.trim();
  const value: unknown = NUMBER.test(t) ? Number(t) : t;
  const fraction = parsePercent(value);
  if (fraction !== undefined) return { ok: true, value: fraction };
  const field = path.split('.').pop() ?? path;
  const problem = percentProblem(value, path, field);
  const message = problem?.message ?? `"${t}" is not a percentage`;
  return { ok: false, message: problem?.did_you_mean ? `${message}: did you mean ${problem.did_you_mean}?` : `${message}; type a percentage such as 14%, or a fraction such as 0.14` };
}

// ---------------------------------------------------------------------------------------------
// Asking

export interface Choice<T> {
  value: T;
  name: string;
  /** Shown once chosen, when shorter than the name. */
  short?: string;
  description?: string;
}

export interface Prompter {
  select<T>(q: { message: string; help: string; choices: Choice<T>[]; default: T }): Promise<T>;
  /** `validate` returns true, or the message to show under the prompt. */
  input(q: { message: string; help: string; default: string; validate: (text: string) => Promise<true | string> }): Promise<string>;
  confirm(q: { message: string; help: string; default: boolean }): Promise<boolean>;
}

/**
 * Checks a candidate set of answers as the scenario file they make, returning the
 * first error on one of `paths` (or true): each answer is held to exactly the rules
 * `peerplan validate` applies to the file.
 */
export type AnswerCheck = (candidate: Answers, paths: readonly string[]) => Promise<true | string>;

type Key = keyof Answers;

interface Step {
  key: Key;
  when?: (a: Answers) => boolean;
  ask: (p: Prompter, a: Answers, check: AnswerCheck) => Promise<unknown>;
}

/** An answer typed as text: read it, then hold the scenario it makes to the file's rules. */
function typed<K extends Key>(
  key: K,
  message: string,
  help: (a: Answers) => string,
  paths: readonly string[],
  read: (text: string) => Parsed<Answers[K]>,
  show: (value: Answers[K]) => string,
): Step {
  return {
    key,
    ask: async (p, a, check) => {
      const text = await p.input({
        message,
        help: help(a),
        default: show(a[key]),
        validate: async (t) => {
          const parsed = read(t);
          if (!parsed.ok) return parsed.message;
          return check({ ...a, [key]: parsed.value }, paths);
        },
      });
      const parsed = read(text);
      if (!parsed.ok) throw new Error(`the answer "${text}" passed validation but could not be read`);
      return parsed.value;
    },
  };
}

/** An answer picked from a list. */
function chosen<K extends Key>(key: K, message: string, help: string, choices: Choice<Answers[K]>[]): Step {
  return { key, ask: (p, a) => p.select<Answers[K]>({ message, help, default: a[key], choices }) };
}

const pct = (f: number): string => formatPercent(f);

/** Who employs the workers, how many posts, and their pay. */
function employerSteps(r: ReferenceData): Step[] {
  return [
    chosen(
      'org',
      'Who employs the peer support workers?',
      'The employer sets the pension cost and the usual contract; you can change both below.',
      [
        { value: 'nhs', name: 'An NHS trust', short: 'an NHS trust', description: `NHS Pension Scheme: the trust pays ${pct(r.on_costs.pension_local.value)} (the local share); permanent posts` },
        {
          value: 'vcse',
          name: 'A voluntary, community or social enterprise (VCSE) provider',
          short: 'a VCSE provider',
          description: `A workplace pension at the ${pct(r.on_costs.pension_auto_enrolment_minimum.value)} auto-enrolment minimum; fixed-term posts as long as the grant`,
        },
        { value: 'other', name: 'Another employer (a local authority, a social enterprise...)', short: 'another employer', description: 'You give the employer pension rate; permanent posts' },
      ],
    ),
    typed(
      'posts',
      'How many peer support posts are funded (whole-time equivalents)?',
      () => 'Full-time equivalents: two half-time posts are 1. Decimals are fine (4.5).',
      POSTS_PATHS,
      parsePosts,
      plainNumber,
    ),
    chosen(
      'band',
      'Which Agenda for Change band are the posts?',
      `Most peer support worker posts are advertised at Band 3; peerplan counts Band ${r.burnout.fair_band.value} and above as fair pay for the role (the pay driver of burnout).`,
      BANDS.map((b) => ({ value: b, name: `Band ${b}`, description: `${bandPay(r, b)} a year at 1.0 WTE (${r.id})` })),
    ),
    {
      ...typed(
        'salary',
        'Local salary, £ a year at 1.0 WTE (leave empty to pay the band)',
        (a) => `Employers outside Agenda for Change set their own pay; the band then only measures fairness. ${bandPay(r, a.band)}.`,
        ['workforce.salary'],
        parseSalary,
        (v) => (v === null ? '' : plainNumber(v)),
      ),
      when: (a) => a.org !== 'nhs',
    },
    {
      ...chosen(
        'hcas',
        'Are the posts in a High Cost Area (London or its fringe)?',
        `NHS staff in and around London are paid a High Cost Area Supplement on top of their band (${r.id}, 2025/26 rates; checked against a secondary source only).`,
        HIGH_COST_AREAS.map((zone) => ({ value: zone, name: HCAS_LABELS[zone], description: hcasHelp(r, zone) })),
      ),
      when: (a) => a.salary === null,
    },
  ];
}

/** The contract the posts are on. */
function contractSteps(r: ReferenceData): Step[] {
  return [
    chosen(
      'contract',
      'What contract are the posts on?',
      'Fixed-term and sessional posts are insecure: holders leave faster, most in the last months of a term.',
      CONTRACT_TYPES.map((c) => ({ value: c, name: CONTRACT_LABELS[c], description: CONTRACT_HELP[c] })),
    ),
    {
      ...typed(
        'termMonths',
        'How long is each fixed term, in months?',
        () => `Usually the length of the grant or contract funding the post (reference: ${r.contracts.term_months.value} months).`,
        ['workforce.contract.term_months'],
        parseNumber,
        plainNumber,
      ),
      when: (a) => a.contract === 'fixed_term',
    },
    {
      ...typed(
        'renewal',
        'What share of post holders are offered a new term when one ends?',
        () => `Type 60% or 0.6 (reference: ${pct(r.contracts.renewal_probability.value)}, an assumption). The others leave.`,
        ['workforce.contract.renewal_probability'],
        (t) => parsePercentAnswer(t, 'workforce.contract.renewal_probability'),
        pct,
      ),
      when: (a) => a.contract === 'fixed_term',
    },
  ];
}

/** Who supervises, how many each, and for how long. */
function supervisionSteps(r: ReferenceData): Step[] {
  return [
    chosen(
      'supervisor',
      'Who supervises the peer workers?',
      `Supervision, ideally from someone with lived experience, is the most cited protection against burnout. The supervisor is at Band ${r.supervision.supervisor_band.value}.`,
      [
        { value: 'peer', name: 'A peer supervisor with lived experience', description: 'A senior peer worker or peer lead' },
        { value: 'clinical', name: 'A clinical supervisor without lived experience', description: 'For example a team manager or clinical lead; a lived-experience supervisor lowers burnout more' },
      ],
    ),
    {
      key: 'peerGroup',
      ask: (p, a) =>
        p.confirm({
          message: 'Do they also meet in a regular peer group supervision?',
          help: 'A peer network outside the immediate team halves the isolation a small team feels.',
          default: a.peerGroup,
        }),
    },
    typed(
      'span',
      'How many peer workers does each supervisor supervise?',
      () => `Guidance: 5 to 6 supervisees per peer supervisor (reference: ${r.supervision.workers_per_supervisor.value}).`,
      ['supervision.workers_per_supervisor'],
      parseNumber,
      plainNumber,
    ),
    typed(
      'hours',
      'Hours of supervision per worker per month?',
      () => `About 1.5 hours one-to-one a fortnight plus group reflective practice (reference: ${r.supervision.hours_per_worker_per_month.value}).`,
      ['supervision.hours_per_worker_per_month'],
      parseNumber,
      plainNumber,
    ),
  ];
}

/** Turnover and caseload. */
function deliverySteps(r: ReferenceData): Step[] {
  return [
    typed(
      'turnover',
      'Expected turnover: what share of post holders leave in a year?',
      () =>
        `Type 14% or 0.14. Reference: ${pct(r.workforce.annual_leaver_rate.value)}, as healthcare assistants; the NHS-wide rate is ${pct(r.workforce.nhs_leaver_rate.value)}. Contracts and burnout add to it.`,
      ['turnover.annual_leaver_rate'],
      (t) => parsePercentAnswer(t, 'turnover.annual_leaver_rate'),
      pct,
    ),
    typed(
      'caseload',
      'Caseload: how many people does a full-time worker support at a time?',
      () => `Reference: ${r.workforce.caseload_per_wte.value} (an assumption). Each support relationship lasts about ${r.workforce.relationship_months.value} months.`,
      ['delivery.caseload_per_wte'],
      parseNumber,
      plainNumber,
    ),
  ];
}

/** Whose pension cost the costs include. */
function pensionSteps(r: ReferenceData): Step[] {
  return [
    {
      ...chosen('pension', 'Whose pension cost should the costs include?', 'A trust pays part of the NHS Pension Scheme contribution; the rest is paid centrally.', [
        { value: 'local', name: `The trust's (${pct(r.on_costs.pension_local.value)})`, description: 'What the trust pays from its own budget' },
        { value: 'whole_system', name: `The whole system's (${pct(r.on_costs.pension_whole_system.value)})`, description: `Including the ${pct(r.on_costs.pension_whole_system.value - r.on_costs.pension_local.value)} paid centrally` },
      ]),
      when: (a) => a.org === 'nhs',
    },
    {
      ...typed(
        'pension',
        'Employer pension contribution?',
        () => `Type 5% or 0.05. Reference: ${pct(r.on_costs.pension_auto_enrolment_minimum.value)}, the auto-enrolment minimum; a local authority's pension fund rate is usually much higher.`,
        ['finance.pension'],
        (t) => parsePercentAnswer(t, 'finance.pension') as Parsed<Answers['pension']>,
        (v) => (typeof v === 'number' ? pct(v) : v),
      ),
      when: (a) => a.org !== 'nhs',
    },
  ];
}

/** When the option starts, for how long, and its name. */
function horizonSteps(): Step[] {
  return [
    typed(
      'start',
      'When does the option start (the first month projected, YYYY-MM)?',
      () => 'Financial years run April to March: 2026-04 starts the 2026/27 year.',
      ['horizon.start'],
      parseStart,
      (v) => v,
    ),
    typed(
      'years',
      'How many years should the projection cover?',
      () => `Long enough for the funding you are deciding on and for turnover to settle (peerplan default: ${DEFAULT_HORIZON_YEARS}). Benefits are appraised over the same horizon.`,
      ['horizon.years'],
      parseYears,
      plainNumber,
    ),
    {
      key: 'name',
      ask: (p, a, check) =>
        p.input({
          message: 'A name for this option',
          help: 'Shown in reports and comparisons.',
          default: defaultName(a),
          validate: async (t) => (t.trim() === '' ? 'type a name, or press Enter for the one offered' : check({ ...a, name: t.trim() }, ['name'])),
        }).then((t) => t.trim()),
    },
  ];
}

/** The questions in the order they are asked; a step's `when` skips it for answers it does not apply to. */
function steps(r: ReferenceData): Step[] {
  return [...employerSteps(r), ...contractSteps(r), ...supervisionSteps(r), ...deliverySteps(r), ...pensionSteps(r), ...horizonSteps()];
}

export const HCAS_LABELS: Record<HighCostArea, string> = {
  none: 'No',
  fringe: 'Fringe (the zone around outer London)',
  outer_london: 'Outer London',
  inner_london: 'Inner London',
};

function hcasHelp(r: ReferenceData, zone: HighCostArea): string {
  if (zone === 'none') return 'No supplement';
  const a = r.hcas.areas[zone];
  return `${pct(a.rate)} of basic pay, at least ${formatMoney(a.min)} and at most ${formatMoney(a.max)} a year at 1.0 WTE`;
}

const CONTRACT_HELP: Record<ContractType, string> = {
  permanent: 'No end date: the most secure',
  fixed_term: 'Ends after a term (a grant cycle, say); some holders are renewed',
  sessional: 'Zero or low hours, paid by the session: insecure all the time',
  voluntary: 'Unpaid volunteer roles',
};

/**
 * Asks every question that applies, in order. `fixed` holds answers given as options
 * (`--posts 8`): those questions are skipped. Defaults follow the organisation type.
 */
export async function askAll(p: Prompter, ref: ReferenceData, fixed: Partial<Answers>, check: AnswerCheck): Promise<Answers> {
  let a = completeAnswers(fixed, ref);
  for (const step of steps(ref)) {
    if (fixed[step.key] !== undefined || (step.when && !step.when(a))) continue;
    const value = await step.ask(p, a, check);
    a = step.key === 'org' ? completeAnswers({ ...fixed, org: value as OrgType }, ref) : { ...a, [step.key]: value };
  }
  return a;
}

/** The answers `--yes` writes: the options given, the defaults for the rest. */
export function completeAnswers(fixed: Partial<Answers>, ref: ReferenceData): Answers {
  const a: Answers = { ...defaultAnswers(fixed.org ?? 'nhs', ref) };
  for (const [k, v] of Object.entries(fixed)) if (v !== undefined) (a as unknown as Record<string, unknown>)[k] = v;
  return a;
}
