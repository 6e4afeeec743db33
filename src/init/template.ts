/**
 * The scenario file `peerplan init` writes: the answers as YAML, each value with a
 * comment saying what it is and where it came from (the answer, the reference data or
 * a peerplan default). Pure: the caller passes the reference data and the benefit
 * streams, and validates the text with the real loader before writing it.
 */
import { parseDocument, stringify } from 'yaml';
import type { ReferenceData } from '../reference/types.js';
import { plainNumber, wrapText } from '../text/format.js';
import { formatPercent } from '../validate/percent.js';
import { DEFAULT_HORIZON_START, DEFAULT_HORIZON_YEARS } from '../validate/resolve.js';
import { bandPay, CONTRACT_LABELS, defaultAnswers, defaultName, type Answers, type OrgType } from './questions.js';

export interface TemplateInput {
  answers: Answers;
  reference: ReferenceData;
  /** The `$schema` path for editors, as seen from the file written. */
  schemaPath: string;
  /** The `benefits:` section to include (YAML text, comments kept), or '' for none. */
  benefits: string;
  /** Where the benefits came from, for the comment above them. */
  benefitsFrom: string;
}

/** Trailing comments start at this column (or two spaces after a longer line). */
const COMMENT_COLUMN = 31;

type Line = [text: string, comment?: string];

function aligned(lines: readonly Line[]): string {
  return lines
    .map(([text, comment]) => (comment === undefined ? text : `${text.padEnd(Math.max(COMMENT_COLUMN - 1, text.length + 1))} # ${comment}`))
    .join('\n');
}

/** A YAML scalar for text: plain when YAML reads it back as the same text, quoted otherwise. */
function text(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

export function scenarioYaml(input: TemplateInput): string {
  const { answers: a, reference: r } = input;
  const d = defaultAnswers(a.org, r);
  const pct = (f: number): string => formatPercent(f);
  /** The comment on an answer: where the value came from, or "your answer" and the default offered when it differs. */
  const mark = (key: keyof Answers, shown: (v: Answers) => string, kept: string, changed = ''): string =>
    a[key] === d[key] ? kept : `your answer (default ${shown(d)})${changed === '' ? '' : `; ${changed}`}`;
  const w = r.workforce;
  const name = a.name || defaultName(a);
  const description = describe(a);
  const teamSize = Math.max(1, Math.ceil(a.posts));
  const fixed = a.contract === 'fixed_term';
  const pension = typeof a.pension === 'number' ? pct(a.pension) : a.pension;

  const lines: Line[] = [
    [`# yaml-language-server: $schema=${input.schemaPath}`],
    ['#'],
    ...wrapText(`Written by \`peerplan init\` for ${EMPLOYER[a.org]}: ${description}.`, 86, '').split('\n').map((l): Line => [`# ${l}`]),
    ['# Each comment says where the value came from: your answer, the reference data'],
    [`# ${r.id} (\`peerplan reference ${r.id}\` lists each value with its source) or a`],
    ['# peerplan default. docs/SCENARIO.md explains every field; `peerplan validate` checks it.'],
    ['peerplan: 1'],
    [`name: ${text(name)}`],
    [`description: ${text(description)}`],
    [`reference: ${r.id}`, 'the reference data set: pay tables, on-costs, the defaults below'],
    [
      `horizon: { start: ${a.start}, years: ${plainNumber(a.years)} }`,
      a.start === DEFAULT_HORIZON_START && a.years === DEFAULT_HORIZON_YEARS ? 'peerplan default: five financial years from April 2026' : 'your answer (default: five financial years from April 2026)',
    ],
    [''],
    ['employer:'],
    [`  type: ${EMPLOYER_TYPE[a.org]}`, 'your answer: sets the apprenticeship levy, Employment Allowance and pension defaults'],
    [''],
    ['workforce:'],
    [`  funded_wte: ${plainNumber(a.posts)}`, mark('posts', (v) => plainNumber(v.posts), 'init default, the size of the bundled baseline team')],
    [`  starting_wte: ${plainNumber(a.posts)}`, 'in post at the start: lower it if posts are vacant today'],
    [`  band: ${a.band}`, mark('band', (v) => v.band, `peerplan default; ${bandPay(r, a.band)} a year (${r.id})`, `${bandPay(r, a.band)} a year (${r.id})`)],
    ...(a.salary === null ? [] : ([[`  salary: ${plainNumber(a.salary)}`, 'your answer: local pay, £ a year at 1.0 WTE (the band then only measures fairness)']] as Line[])),
    ['  pay_point: middle', 'peerplan default: bottom | middle | top of the band'],
    [`  high_cost_area: ${a.hcas}`, mark('hcas', (v) => v.hcas, 'none | fringe | outer_london | inner_london (High Cost Area Supplement)', `High Cost Area Supplement, reference hcas (${r.id})`)],
    ['  contract:'],
    [`    type: ${a.contract}`, mark('contract', (v) => v.contract, `${a.org === 'vcse' ? 'default for a grant-funded VCSE provider' : 'peerplan default'}: permanent | fixed_term | sessional | voluntary`)],
    ...(fixed
      ? ([
          [`    term_months: ${plainNumber(a.termMonths)}`, mark('termMonths', (v) => plainNumber(v.termMonths), 'reference contracts.term_months: a typical one-year grant')],
          [`    renewal_probability: ${pct(a.renewal)}`, mark('renewal', (v) => pct(v.renewal), 'reference contracts.renewal_probability (assumption)')],
        ] as Line[])
      : []),
    [`  team_size: ${teamSize}`, 'peer workers working together: the posts, rounded up (1 = a lone peer worker)'],
    [''],
    ['supervision:'],
    [`  workers_per_supervisor: ${plainNumber(a.span)}`, mark('span', (v) => plainNumber(v.span), 'reference supervision.workers_per_supervisor: guidance is 5 to 6', 'guidance is 5 to 6')],
    [`  hours_per_worker_per_month: ${plainNumber(a.hours)}`, mark('hours', (v) => plainNumber(v.hours), 'reference supervision.hours_per_worker_per_month')],
    ['  supervisor:'],
    [`    band: ${r.supervision.supervisor_band.value}`, 'reference supervision.supervisor_band'],
    ['    pay_point: middle', 'peerplan default'],
    [
      `    lived_experience: ${a.supervisor === 'peer'}`,
      mark('supervisor', (v) => String(v.supervisor === 'peer'), 'recommended: a peer supervisor with lived experience', a.supervisor === 'peer' ? 'a peer supervisor' : 'a clinical supervisor'),
    ],
    [`  peer_group_supervision: ${a.peerGroup}`, mark('peerGroup', (v) => String(v.peerGroup), 'recommended: a regular peer group outside the immediate team')],
    [''],
    ['turnover:'],
    [`  annual_leaver_rate: ${pct(a.turnover)}`, mark('turnover', (v) => pct(v.turnover), `reference workforce.annual_leaver_rate: healthcare assistants; NHS-wide ${pct(w.nhs_leaver_rate.value)}`, `NHS-wide ${pct(w.nhs_leaver_rate.value)}`)],
    [`  months_to_fill: ${plainNumber(w.months_to_fill.value)}`, 'reference workforce.months_to_fill: NHS time to hire, over 14 weeks'],
    [`  recruitment_cost_per_hire: ${plainNumber(w.recruitment_cost_per_hire.value)}`, 'reference workforce.recruitment_cost_per_hire (assumption), £'],
    [''],
    ['training:'],
    [`  induction_course_cost_per_starter: ${plainNumber(w.induction_course_cost_per_starter.value)}`, 'reference (assumption): course fee and materials, £; paid time is payroll'],
    [`  induction_weeks: ${plainNumber(w.induction_weeks.value)}`, 'reference workforce.induction_weeks: not yet delivering support'],
    [`  cpd_cost_per_wte_per_year: ${plainNumber(w.cpd_cost_per_wte_per_year.value)}`, 'reference workforce.cpd_cost_per_wte_per_year (assumption), £'],
    ['  backfill_share: 0%', 'peerplan default: no paid cover during induction'],
    [''],
    ['delivery:'],
    [`  caseload_per_wte: ${plainNumber(a.caseload)}`, mark('caseload', (v) => plainNumber(v.caseload), 'reference workforce.caseload_per_wte (assumption): people at a time')],
    [`  relationship_months: ${plainNumber(w.relationship_months.value)}`, 'reference workforce.relationship_months: CORE, about 4 months'],
    [`  sickness_absence: ${pct(w.sickness_absence.value)}`, 'reference workforce.sickness_absence: the NHS rate'],
    [''],
  ];
  if (input.benefits !== '') {
    lines.push([`# What the support is worth: the benefit streams of ${input.benefitsFrom}, with their evidence.`]);
    lines.push(['# Edit them to match the outcomes you expect; docs/SCENARIO.md explains each field.']);
    lines.push([input.benefits.trimEnd()], ['']);
  }
  lines.push(
    ['finance:'],
    [`  discount_rate: ${pct(r.appraisal.discount_rate.value)}`, 'reference appraisal.discount_rate: HM Treasury Green Book'],
    [`  pay_uplift: ${pct(r.pay.next_award.value)}`, 'reference pay.next_award: the 2026/27 award, applied each April'],
    [`  pension: ${pension}`, mark('pension', (v) => (typeof v.pension === 'number' ? pct(v.pension) : v.pension), pensionNote(a, r), pensionNote(a, r))],
    [`  overhead_rate: ${pct(r.appraisal.overhead_rate.value)}`, 'reference appraisal.overhead_rate (assumption): management and estates'],
    [`  optimism_bias: ${pct(r.appraisal.optimism_bias.value)}`, 'reference appraisal.optimism_bias: raise it for an early-stage appraisal'],
  );
  return `${aligned(lines)}\n`;
}

function pensionNote(a: Answers, r: ReferenceData): string {
  const local = formatPercent(r.on_costs.pension_local.value);
  const whole = formatPercent(r.on_costs.pension_whole_system.value);
  if (a.pension === 'local') return `the trust's ${local} of the NHS Pension Scheme (whole_system: ${whole})`;
  if (a.pension === 'whole_system') return `the NHS Pension Scheme's full ${whole} (local: the trust's ${local})`;
  return a.org === 'nhs' ? 'employer contribution, of pay' : 'reference on_costs.pension_auto_enrolment_minimum: the legal minimum';
}

/** One line about the option, for `description` and the header. */
export function describe(a: Answers): string {
  const posts = `${plainNumber(a.posts)} Band ${a.band} ${CONTRACT_LABELS[a.contract]} post${a.posts === 1 ? '' : 's'}`;
  const term = a.contract === 'fixed_term' ? ` of ${plainNumber(a.termMonths)} months` : '';
  const who = a.supervisor === 'peer' ? 'a lived-experience peer supervisor' : 'a clinical supervisor';
  const group = a.peerGroup ? ', with peer group supervision' : '';
  return `${posts}${term}, supervised by ${who}${group}`;
}

/** The scenario's employer.type for each kind of organisation `init` asks about. */
const EMPLOYER_TYPE: Record<OrgType, string> = { nhs: 'nhs_trust', vcse: 'vcse', other: 'other' };

const EMPLOYER: Record<OrgType, string> = { nhs: 'an NHS trust', vcse: 'a VCSE provider', other: 'an employer outside the NHS' };

/**
 * A top-level section of a YAML document, as written (comments and layout kept), or
 * '' when the document has no such key.
 */
export function yamlSection(source: string, key: string): string {
  const doc = parseDocument(source);
  const top = doc.contents;
  if (top === null || !('items' in top) || !Array.isArray(top.items)) return '';
  const items = top.items as Array<{ key: { value?: unknown; range?: [number, number, number] }; value: { range?: [number, number, number] } | null }>;
  const index = items.findIndex((pair) => pair.key?.value === key);
  const pair = items[index];
  if (!pair?.key.range || !pair.value?.range) return '';
  const start = source.lastIndexOf('\n', pair.key.range[0]) + 1;
  const end = source.indexOf('\n', pair.value.range[1] - 1);
  return source.slice(start, end === -1 ? source.length : end).trimEnd();
}
