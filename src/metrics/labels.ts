/**
 * Plain-English names for every scenario input and headline metric: one catalogue
 * for the human-facing outputs (table, Markdown, HTML, workbook). A board reads
 * "Benefit 1: share due to peer support", not `benefits[0].attribution`; the path
 * stays in JSON and CSV (machines and `--set` use it) and on hover in HTML.
 * The metric labels themselves live in the metric catalogue; `metricLabel` is here
 * so a renderer asks one module for every label.
 */
import { metricInfo } from './catalogue.js';

interface InputEntry {
  label: string;
  /** Shown with £ (whole pounds; pence when the value has them). */
  money?: boolean;
}

/** Groups of the assumptions log, in reading order, by the path's first key. */
export const INPUT_GROUPS: ReadonlyArray<readonly [string, string]> = [
  ['option', 'The option'],
  ['horizon', 'Horizon'],
  ['employer', 'Employer'],
  ['workforce', 'Workforce'],
  ['supervision', 'Supervision'],
  ['turnover', 'Turnover and recruitment'],
  ['training', 'Training'],
  ['delivery', 'Delivery'],
  ['volunteers', 'Volunteers'],
  ['benefits', 'Benefits'],
  ['finance', 'Finance and appraisal'],
  ['burnout', 'Burnout model'],
];

const e = (label: string, money = false): InputEntry => (money ? { label, money } : { label });

/** Keyed by path with list indices written `[]`. */
const INPUTS: Readonly<Record<string, InputEntry>> = {
  peerplan: e('Scenario format version'),
  name: e('Option name'),
  description: e('Description'),
  reference: e('Reference data set'),
  'horizon.start': e('First month'),
  'horizon.years': e('Years modelled'),
  'employer.type': e('Employer type'),
  'employer.annual_paybill': e("Employer's annual pay bill", true),
  'employer.employment_allowance_available': e('Employment Allowance available', true),
  'employer.employment_allowance_unused_elsewhere': e('Employment Allowance unused by the employer\'s other staff'),
  'workforce.funded_wte': e('Funded posts (WTE)'),
  'workforce.starting_wte': e('WTE in post at the start'),
  'workforce.band': e('Pay band (Agenda for Change)'),
  'workforce.pay_point': e('Pay point in the band'),
  'workforce.salary': e('Salary at 1.0 WTE (overrides the band)', true),
  'workforce.high_cost_area': e('High Cost Area Supplement zone'),
  'workforce.contract.type': e('Contract type'),
  'workforce.contract.term_months': e('Contract term (months)'),
  'workforce.contract.renewal_probability': e('Contracts renewed at each term end'),
  'workforce.team_size': e('Peer workers in the team'),
  'workforce.funding_changes': e('Changes to funded posts'),
  'workforce.funding_changes[].from': e('from month'),
  'workforce.funding_changes[].funded_wte': e('funded posts (WTE)'),
  'supervision.workers_per_supervisor': e('Workers per supervisor'),
  'supervision.hours_per_worker_per_month': e('Supervision hours per worker a month'),
  'supervision.supervisor.band': e("Supervisor's pay band"),
  'supervision.supervisor.pay_point': e("Supervisor's pay point"),
  'supervision.supervisor.lived_experience': e('Supervisor has lived experience'),
  'supervision.peer_group_supervision': e('Peer group supervision'),
  'turnover.annual_leaver_rate': e('Staff leaving each year'),
  'turnover.months_to_fill': e('Months to fill a vacancy'),
  'turnover.recruitment_cost_per_hire': e('Recruitment cost per hire', true),
  'turnover.pay_leaving_elasticity': e('Leaving response to the pay gap (elasticity)'),
  'training.induction_course_cost_per_starter': e('Induction course cost per starter', true),
  'training.induction_weeks': e('Induction (weeks not delivering)'),
  'training.cpd_cost_per_wte_per_year': e('Development (CPD) cost per WTE a year', true),
  'training.backfill_share': e('Induction time covered by backfill'),
  'delivery.caseload_per_wte': e('Caseload per full-time worker'),
  'delivery.relationship_months': e('Length of a support relationship (months)'),
  'delivery.sickness_absence': e('Time lost to sickness absence'),
  'delivery.sessions_per_wte_month': e('Support sessions a full-time worker delivers a month'),
  'volunteers.hours_per_week': e('Hours each volunteer gives a week'),
  'volunteers.expenses_per_volunteer_per_year': e('Expenses per volunteer a year', true),
  'volunteers.coordinator_hours_per_volunteer_per_month': e('Coordinator hours per volunteer a month'),
  'volunteers.annual_leaver_rate': e('Volunteers stopping each year'),
  'volunteers.evidence': e('Evidence for the volunteer assumptions'),
  benefits: e('Benefit streams'),
  'benefits[].name': e('name'),
  'benefits[].basis': e('counted per'),
  'benefits[].evidence': e('evidence it rests on'),
  'benefits[].base_rate': e('local rate without peer support'),
  'benefits[].relative_effect': e('risk ratio with peer support'),
  'benefits[].dose_months': e('months of support the effect was measured at'),
  'benefits[].dose_sessions': e('sessions of support the effect was measured at'),
  'benefits[].quantity': e('units per count'),
  'benefits[].unit_cost': e('unit cost it is valued at'),
  'benefits[].unit_value': e('value of one unit', true),
  'benefits[].attribution': e('share due to peer support'),
  'benefits[].deadweight': e('share that would happen anyway'),
  'benefits[].lag_months': e('months until the benefit'),
  'benefits[].drop_off': e('drop-off each year'),
  'benefits[].cashable': e('cashable share'),
  'benefits[].category': e('category'),
  'benefits[].payer': e('who gains'),
  'benefits[].kind': e('kind of gain'),
  'benefits[].transfer_share': e('share that is a DWP/HMT transfer'),
  'benefits[].health': e('health effect (health discount rate)'),
  'benefits[].price_year': e('price year of the unit value'),
  'benefits[].evidence_haircut': e('haircut for the strength of evidence'),
  'benefits[].source': e('source of its local values'),
  'finance.discount_rate': e('Discount rate'),
  'finance.pay_uplift': e('Annual pay award'),
  'finance.pension': e('Employer pension'),
  'finance.overhead_rate': e('Overheads (share of direct cost)'),
  'finance.optimism_bias': e('Optimism bias'),
  'finance.discounting': e('Discounting convention'),
  'finance.health_discount_rate': e('Health discount rate'),
  'finance.price_base': e('Price base year'),
  'finance.benefits_after_horizon': e('Benefits after the horizon'),
  'burnout.odds_ratios.supervision': e('Burnout odds ratio: too little supervision'),
  'burnout.odds_ratios.lived_experience_supervisor': e('Burnout odds ratio: supervisor with lived experience'),
  'burnout.odds_ratios.peer_group_supervision': e('Burnout odds ratio: peer group supervision'),
  'burnout.odds_ratios.isolation': e('Burnout odds ratio: working alone'),
  'burnout.odds_ratios.insecurity': e('Burnout odds ratio: insecure contract'),
  'burnout.odds_ratios.pay': e('Burnout odds ratio: low pay'),
  'burnout.odds_ratios.caseload': e('Burnout odds ratio: high caseload'),
  'burnout.odds_ratios.training': e('Burnout odds ratio: too little training'),
  'burnout.leaving_hazard_ratio': e('Leaving rate when burnt out (× usual)'),
  'burnout.absence_ratio': e('Sickness absence when burnt out (× usual)'),
  'burnout.effectiveness_loss': e('Share of the effect lost when the worker is burnt out'),
  'burnout.isolation_effect_loss': e('Share of the effect lost by a lone peer worker (no peer team)'),
  'burnout.supervision_effect_loss': e('Share of the effect lost by a peer worker with no supervision'),
};

/** Item lists and the word for one of their items: `benefits[0]` → "Benefit 1". */
const ITEMS: Readonly<Record<string, string>> = { benefits: 'Benefit', 'workforce.funding_changes': 'Funding change' };

/** Enumerated values as a reader would say them; anything else is shown as written. */
const VALUE_WORDS: Readonly<Record<string, string>> = {
  nhs_trust: 'NHS trust',
  vcse: 'VCSE',
  local_authority: 'local authority',
  primary_care: 'primary care',
  fixed_term: 'fixed-term',
  completed_episode: 'completed support relationship',
  person_supported: 'person supported',
  worker_year: 'worker-year in post',
  local: 'NHS Pension Scheme (local)',
  whole_system: 'NHS Pension Scheme (whole system)',
  lgps: 'Local Government Pension Scheme',
  auto_enrolment: 'auto-enrolment',
  fringe: 'Fringe (around outer London)',
  outer_london: 'Outer London',
  inner_london: 'Inner London',
};
const ENUM_FIELDS: ReadonlySet<string> = new Set(['employer.type', 'workforce.contract.type', 'benefits[].basis', 'finance.pension', 'workforce.high_cost_area']);

/** `benefits[3].attribution` → `benefits[].attribution`. */
export function pathPattern(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

function entry(path: string): InputEntry | undefined {
  return INPUTS[pathPattern(path)];
}

/**
 * The plain-English name of an input: "Turnover: staff leaving each year" style, with
 * list items numbered from 1 ("Benefit 2: cashable share"). An unknown path (a field
 * added without a label; the catalogue test catches it) falls back to its words.
 */
export function inputLabel(path: string): string {
  const item = /^(.*?)\[(\d+)\](?:\.(.*))?$/.exec(path);
  const label = entry(path)?.label ?? fallbackLabel(path);
  if (item) {
    const [, list = '', index = '0'] = item;
    const word = ITEMS[list] ?? list;
    return `${word} ${Number(index) + 1}: ${label}`;
  }
  return label;
}

function fallbackLabel(path: string): string {
  const last = (path.split('.').pop() ?? path).replace(/\[\d+\]$/, '').replace(/_/g, ' ');
  return last.charAt(0).toUpperCase() + last.slice(1);
}

/** Whether the catalogue has a label for this input (tests check every bundled input has one). */
export function hasInputLabel(path: string): boolean {
  return entry(path) !== undefined;
}

/** Which group of the assumptions log an input belongs to (`INPUT_GROUPS` keys). */
export function inputGroup(path: string): string {
  const first = /^[a-z_]+/.exec(path)?.[0] ?? '';
  return INPUT_GROUPS.some(([key]) => key === first) ? first : 'option';
}

/** Whether an input is an amount of money (shown with £ in human outputs). */
export function isMoneyInput(path: string): boolean {
  return entry(path)?.money === true;
}

/** An enumerated input value as a reader would say it ("fixed-term", "NHS trust"); other text as written. */
export function valueWords(path: string, text: string): string {
  return ENUM_FIELDS.has(pathPattern(path)) ? (VALUE_WORDS[text] ?? text.replace(/_/g, ' ')) : text;
}

/** A headline metric's label, from the metric catalogue. */
export function metricLabel(key: string): string {
  return metricInfo(key)?.label ?? key;
}
