/**
 * The live workbook (`--format xlsx`): the model itself, as spreadsheet formulas that
 * mirror docs/MODEL.md, laid out in the FAST standard's manner (inputs, calculations and
 * outputs apart; one formula per row across the months; no numbers in formulas
 * other than 0 and 1; every input a defined name). docs/OUTPUT.md, "The live workbook",
 * lists the sheets, the names and the check cell.
 *
 * Sheets: Cover (what this is, the check cells); Constants; per option `k NAME Inputs`,
 * `k Monthly`, `k Annual`; Appraisal (the headline metrics by formula, one column per
 * option); Comparison (differences from the baseline and ranks).
 *
 * Every formula is written with its cached value (computed by formula.ts in the
 * spreadsheet's order of operations), so a viewer that does not recalculate shows the
 * same figures.
 */
import type { Worksheet } from 'exceljs';
import type { ResultDocument, ScenarioDocument } from '../../result/document.js';
import type { ReferenceData, DiscountBand } from '../../reference/types.js';
import type { Scenario } from '../../scenario/types.js';
import { basicSalary } from '../../engine/pay.js';
import { formatYearMonth, fiscalYearLabel, horizonMonths, parseYearMonth } from '../../engine/calendar.js';
import { fyStart } from '../../engine/appraisal.js';
import { describeOrigin } from '../origins.js';
import { metricInfo, type MetricKind } from '../../metrics/catalogue.js';
import { costLabel } from '../run-layout.js';
import { COST_COMPONENTS } from '../../engine/result.js';
import { Book, type Role, type SheetData } from './book.js';
import { coverCaveats, ledgerSheet } from './ledger.js';
import { inputUnit, nameKey, unflatten } from './inputs.js';
import { inputLabel } from '../../metrics/labels.js';
import {
  ONE,
  ZERO,
  add,
  clamp01,
  div,
  eq,
  exp,
  fn,
  ge,
  gt,
  iff,
  le,
  ln,
  lt,
  max,
  min,
  mul,
  neg,
  nm,
  prod,
  range,
  ref as cellRef,
  str,
  sub,
  sum,
  type Expr,
} from './formula.js';

export const FORMATS = {
  money: '"£"#,##0;-"£"#,##0',
  pence: '"£"#,##0.00;-"£"#,##0.00',
  percent: '0.0%',
  inputPercent: '0.0#%',
  pp: '+0.0" pp";-0.0" pp";0.0" pp"',
  wte: '0.000',
  factor: '0.000000',
  ratio: '0.00',
  count: '#,##0.0',
  int: '0',
  exact: '#,##0.0000',
} as const;

export const COVER = 'Cover';
export const CONSTANTS = 'Constants';
export const APPRAISAL = 'Appraisal';
export const COMPARISON = 'Comparison';

/**
 * The sheets of option k (1-based), named after the option (issue #28 item 6): "2 Band 3
 * fixed-term (12 Inputs". The number keeps them unique and in order; the name is cut to
 * fit Excel's 31 characters, without the characters a sheet name may not hold (`[]:*?/\`,
 * control characters) or an apostrophe (print areas quote the name).
 */
export const optionSheets = (k: number, name = ''): { inputs: string; monthly: string; annual: string; ledger: string } => {
  const room = 31 - `${k}  Monthly`.length;
  const short = name
    .replace(/[[\]:*?/\\']/g, '-')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffd]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, room)
    .replace(/[\ud800-\udbff]$/, '')
    .trim();
  const stem = short === '' ? `${k}` : `${k} ${short}`;
  return { inputs: `${stem} Inputs`, monthly: `${stem} Monthly`, annual: `${stem} Annual`, ledger: `${stem} Ledger` };
};

/** First data row of the Monthly and Annual sheets (rows above: title, note, header). */
export const FIRST_ROW = 5;

/**
 * The Monthly sheets are built one column per quantity and one row per month (FIRST_ROW
 * + t), and written with the months across the columns: quantity column c on row
 * MONTHLY_FIRST_ROW − 1 + c (its label in column A, its key in column B), month t in column
 * MONTH_FIRST_COL + t. A spreadsheet recalculates column by column, top to bottom: so it
 * finishes each month before the next, and every carry from one month to the next
 * (WTE in post, running totals, the Employment Allowance left) reads a cell it has already
 * calculated. Laid out the other way, LibreOffice calculates each column's cells as one
 * formula group (in parallel threads by default), follows the month-to-month chain across
 * the whole column at once, and past about a hundred months gives up with Err:522
 * (circular reference) on most cells (issue 24, N8). Across the columns no two cells of a
 * quantity are stacked, so no formula groups form, and the recursion never goes deeper
 * than a month's own chain (or, for continuity, the relationship's months ahead).
 */
export const MONTH_FIRST_COL = 3;
export const MONTHLY_FIRST_ROW = 3;

function monthsAcross(sheet: SheetData, months: number): void {
  sheet.layout = (col, row) => {
    if (row < FIRST_ROW - 2) return { col, row };
    const at = MONTHLY_FIRST_ROW - 1 + col;
    if (row === FIRST_ROW - 1) return { col: 1, row: at };
    if (row === FIRST_ROW - 2) return { col: 2, row: at };
    return { col: MONTH_FIRST_COL + row - FIRST_ROW, row: at };
  };
  sheet.freeze = { x: MONTH_FIRST_COL - 1, y: MONTHLY_FIRST_ROW + 1 };
  sheet.widths.set(1, 52);
  sheet.widths.set(2, 20);
  for (let t = 0; t < months; t++) sheet.widths.set(MONTH_FIRST_COL + t, 14);
}

// ---- Constants (sheet Constants): named so that no formula holds a bare number -----------

const C = {
  months: nm('months_per_year'),
  pence: nm('pence_per_pound'),
  half: nm('half'),
  tolerance: nm('rounding_tolerance'),
  april: nm('april_month_of_year'),
  noCap: nm('no_cap'),
  points: nm('percentage_points'),
};

// ---- Employment mechanisms (docs/MODEL.md §3.4, §5.2): formulas kept apart from buildOption ----

/**
 * §5.2 Sessions each person receives and the sessions-based dose share, as in
 * src/engine/benefits.ts (sessionsPerPerson, doseShare), in the engine's order of operations.
 */
function sessionsDose(S: Expr, caseload: Expr, relationship: Expr, doseSessions: Expr, basis: Expr): { sessions: Expr; share: (sessions: Expr) => Expr } {
  return {
    sessions: iff(le(caseload, ZERO), ZERO, mul(div(S, caseload), max(ZERO, relationship))),
    share: (sessions) => iff(eq(basis, str('worker_year')), ONE, min(ONE, div(sessions, doseSessions))),
  };
}

/** §3.4 Sickness absence s(t) from burnout B(t): min(1, s × (1 + k × B) / (1 + k × B_ref)), k = RA − 1 (burnout.ts sicknessAbsence). */
function sicknessFromBurnout(rate: Expr, excess: Expr, burnout: Expr, baseline: Expr): Expr {
  return min(ONE, mul(rate, div(add(ONE, mul(excess, burnout)), add(ONE, mul(excess, baseline)))));
}

/** §3.4 Effectiveness E(t) = (1 − φ × B) / (1 − φ × B_ref), 1 when φ ≤ 0 (burnout.ts effectiveness). */
function effectivenessFromBurnout(loss: Expr, burnout: Expr, baseline: Expr): Expr {
  return iff(le(loss, ZERO), ONE, div(sub(ONE, mul(loss, burnout)), sub(ONE, mul(loss, baseline))));
}

/** §2.2 Leaver hazard multiplier from the pay gap: (F / basic)^ε, 1 for volunteers or ε 0 (workforce.ts payLeavingMultiplier). */
function payLeavingFromGap(paid: Expr, basic: Expr, fair: Expr, elasticity: Expr): Expr {
  return iff(fn('OR', eq(paid, ZERO), le(basic, ZERO), le(fair, ZERO), eq(elasticity, ZERO)), ONE, exp(mul(elasticity, ln(div(fair, basic)))));
}

function constantsSheet(book: Book): void {
  const s = CONSTANTS;
  book.set(s, 1, 1, { value: 'Model constants (not inputs: the units of the model)', role: 'title' });
  const rows: Array<[string, string, number, string]> = [
    ['months_per_year', 'Months in a year', 12, 'calendar'],
    ['pence_per_pound', 'Pence in a pound: money is worked in exact pence and shown in £', 100, 'docs/MODEL.md §1.4'],
    ['half', 'A half: rounding to the nearest penny adds a half and takes the whole part', 0.5, 'docs/MODEL.md §1.4'],
    ['rounding_tolerance', 'Tolerance for binary noise when rounding half pennies, in pence', 1e-7, 'src/engine/money.ts'],
    ['april_month_of_year', 'April as a month of the year counted from 0 (January): the financial year starts', 3, 'docs/MODEL.md §1.1'],
    ['no_cap', 'Stands for "no cap" on pensionable pay (£)', 1e15, 'docs/MODEL.md §1.3'],
    ['percentage_points', 'Percentage points in a fraction of 1: differences of rates are shown in pp', 100, 'docs/OUTPUT.md'],
  ];
  ['Constant', 'Value', 'Defined name', 'Why'].forEach((h, i) => book.set(s, i + 1, 3, { value: h, role: 'header' }));
  rows.forEach(([name, label, value, why], i) => {
    const row = 4 + i;
    book.set(s, 1, row, { value: label });
    book.set(s, 2, row, { value, role: 'input', fmt: 'General' });
    book.set(s, 3, row, { value: name });
    book.set(s, 4, row, { value: why });
    book.define(name, s, 2, row);
  });
  const sh = book.sheet(s);
  sh.widths.set(1, 80);
  sh.widths.set(2, 12);
  sh.widths.set(3, 22);
  sh.widths.set(4, 30);
}

/** Round to the penny, halves away from zero, as the engine does (src/engine/money.ts). */
const roundPenceExpr = (x: Expr): Expr => mul(fn('SIGN', x), fn('INT', add(add(fn('ABS', x), C.half), C.tolerance)));

// ---- Names --------------------------------------------------------------------------------

/** A defined-name prefix per option, from its file name: `scenarios/band4-permanent.yaml` → `band4_permanent`. */
export function optionSlugs(docs: readonly ScenarioDocument[]): string[] {
  const used = new Set<string>();
  return docs.map((d, i) => {
    const base = (d.file.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '');
    let slug = base.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase();
    // A name must not start with a digit nor read as a cell reference (A1, R1C1).
    if (slug === '' || /^[0-9]/.test(slug) || /^[a-z]{1,3}[0-9]+$/.test(slug) || /^[rc][0-9]*$/.test(slug)) slug = `option${i + 1}${slug ? `_${slug}` : ''}`;
    let candidate = slug;
    for (let k = 2; used.has(candidate); k++) candidate = `${slug}_${k}`;
    used.add(candidate);
    return candidate;
  });
}

// ---- One option ------------------------------------------------------------------------

interface OptionModel {
  sheets: ReturnType<typeof optionSheets>;
  slug: string;
  N: number;
  /** Rows of the Monthly sheet: N months, then the rows beyond the horizon. */
  rows: number;
  /** Monthly column number by key. */
  col: Map<string, number>;
  years: number;
  /** Annual column number by key, and the row of the totals. */
  annualCol: Map<string, number>;
  annualTotalRow: number;
  streams: number;
  notes: string[];
}

interface Ctx {
  book: Book;
  doc: ScenarioDocument;
  s: Scenario;
  ref: ReferenceData;
  references: (id: string) => ReferenceData;
}

function buildOption(ctx: Ctx, k: number, slug: string): OptionModel {
  const { book, doc, s, ref } = ctx;
  const sheets = optionSheets(k, doc.name);
  const I = sheets.inputs;
  const notes: string[] = [];

  // ---- Inputs sheet ----
  book.set(I, 1, 1, { value: `${doc.name}: inputs`, role: 'title' });
  book.set(I, 1, 2, {
    value: 'Blue cells on yellow are inputs: change one and recalculate (F9 in Excel; Data ▸ Calculate ▸ Recalculate Hard in LibreOffice) to rerun the model. Plain cells are calculations.',
    role: 'note',
  });
  ['Input', 'Value', 'Unit', 'Defined name', 'Where the value came from'].forEach((h, i) => book.set(I, i + 1, 4, { value: h, role: 'header' }));
  const sh = book.sheet(I);
  sh.widths.set(1, 58);
  sh.widths.set(2, 16);
  sh.widths.set(3, 10);
  sh.widths.set(4, 46);
  sh.widths.set(5, 90);
  sh.freeze = { x: 1, y: 4 };
  let row = 5;
  const section = (text: string): void => {
    row++;
    book.set(I, 1, row, { value: text, role: 'header' });
    for (let c = 2; c <= 5; c++) book.set(I, c, row, { value: null, role: 'header' });
    row++;
  };
  const line = (key: string, label: string, content: { value?: unknown; expr?: Expr }, unit: string, origin: string, role: Role, fmt?: string): Expr => {
    const name = `${slug}.${key}`;
    book.set(I, 1, row, { value: label });
    const value = content.value;
    book.set(I, 2, row, {
      ...(content.expr ? { expr: content.expr } : { value: value === null || value === undefined ? '-' : (value as string | number | boolean) }),
      role,
      fmt: fmt ?? (unit === '%' ? FORMATS.inputPercent : unit === '£' ? FORMATS.pence : 'General'),
    });
    book.set(I, 3, row, { value: unit });
    book.set(I, 4, row, { value: name });
    book.set(I, 5, row, { value: origin });
    const e = book.define(name, I, 2, row);
    row++;
    return e;
  };

  // Scenario inputs: every one, as the run resolved it.
  section('Scenario inputs (this option, as resolved: defaults applied, percentages as fractions)');
  const P = new Map<string, Expr>();
  for (const input of doc.inputs) {
    if (input.value === null) continue;
    P.set(input.path, line(nameKey(input.path), inputLabel(input.path), { value: input.value }, inputUnit(input.path, input.value), describeOrigin(input.origin, ctx.references), 'input'));
  }
  const p = (path: string): Expr => {
    const e = P.get(path);
    if (!e) throw new Error(`input ${path} is missing from the result document`);
    return e;
  };

  // Reference values the formulas use.
  section(`Reference values (data set ${ref.id}) and values looked up from its tables`);
  const cite = (key: string, source: string): string => `reference ${ref.id}: ${key} — ${ref.sources[source]?.title ?? source}`;
  const R = (key: string, label: string, v: { value: number; unit: string; source: string }, unit: string): Expr => line(`ref.${key}`, label, { value: v.value }, unit, cite(key, v.source), 'input');
  const oc = ref.on_costs;
  const niRate = R('on_costs.employer_ni_rate', 'Employer National Insurance rate', oc.employer_ni_rate, '%');
  const niThreshold = R('on_costs.employer_ni_threshold', 'Employer NI threshold per employee (£ a year)', oc.employer_ni_threshold, '£');
  const levyRateRef = R('on_costs.apprenticeship_levy_rate', 'Apprenticeship levy rate', oc.apprenticeship_levy_rate, '%');
  const levyThreshold = R('on_costs.apprenticeship_levy_threshold', 'Apprenticeship levy pay-bill threshold (£)', oc.apprenticeship_levy_threshold, '£');
  const hoursWeek = R('pay.hours_per_week', 'Paid hours a week (1.0 WTE)', ref.pay.hours_per_week, 'hours');
  const weeksYear = R('pay.weeks_per_year', 'Weeks in a year', ref.pay.weeks_per_year, 'weeks');
  line('ref.valid_from', 'Pay tables valid from (first uplift the April after)', { value: ref.valid_from }, 'month', `reference ${ref.id}: valid_from`, 'input');

  // Values looked up from the reference tables by a choice (band, point, area, pension scheme).
  const wf = s.workforce;
  const basic = basicSalary(ref, wf.band, wf.pay_point, wf.salary);
  const basicE = line('lookup.basic_salary', `Basic salary at 1.0 WTE (${wf.salary !== null ? 'workforce.salary' : `Band ${wf.band}, ${String(wf.pay_point)} point`}), 2025/26 prices`, { value: basic }, '£',
    wf.salary !== null ? 'workforce.salary' : cite('pay.bands', ref.pay.bands.source), 'input');
  const supBasic = basicSalary(ref, s.supervision.supervisor.band, s.supervision.supervisor.pay_point, null);
  const supBasicE = line('lookup.supervisor_basic_salary', `Supervisor's basic salary (Band ${s.supervision.supervisor.band}, ${String(s.supervision.supervisor.pay_point)} point)`, { value: supBasic }, '£', cite('pay.bands', ref.pay.bands.source), 'input');
  const area = wf.high_cost_area === 'none' ? null : ref.hcas.areas[wf.high_cost_area];
  const hcasRate = line('lookup.hcas_rate', `High Cost Area Supplement rate (${wf.high_cost_area})`, { value: area?.rate ?? 0 }, '%', area ? cite(`hcas.areas.${wf.high_cost_area}`, ref.hcas.source) : 'no supplement outside London and its fringe', 'input');
  const hcasMin = line('lookup.hcas_min', 'HCAS minimum (£ a year)', { value: area?.min ?? 0 }, '£', area ? cite(`hcas.areas.${wf.high_cost_area}`, ref.hcas.source) : '-', 'input');
  const hcasMax = line('lookup.hcas_max', 'HCAS maximum (£ a year)', { value: area?.max ?? 0 }, '£', area ? cite(`hcas.areas.${wf.high_cost_area}`, ref.hcas.source) : '-', 'input');
  const pension = s.finance.pension;
  const pensionRate =
    pension === 'local' ? oc.pension_local : pension === 'whole_system' ? oc.pension_whole_system : pension === 'lgps' ? oc.pension_lgps : pension === 'auto_enrolment' ? oc.pension_auto_enrolment_minimum : null;
  const penRate = pensionRate ? R(`on_costs.pension_${String(pension) === 'auto_enrolment' ? 'auto_enrolment_minimum' : String(pension)}`, `Employer pension rate (${String(pension)})`, pensionRate, '%') : line('lookup.pension_rate', 'Employer pension rate (finance.pension)', { expr: p('finance.pension') }, '%', 'finance.pension', 'calc', FORMATS.inputPercent);
  const ae = pension === 'auto_enrolment';
  const penFloor = ae ? R('on_costs.qualifying_earnings_lower', 'Qualifying earnings lower limit (£)', oc.qualifying_earnings_lower, '£') : line('lookup.pension_floor', 'Pensionable pay floor (£): none for this scheme', { value: 0 }, '£', 'docs/MODEL.md §1.3', 'input');
  const penCap = ae ? R('on_costs.qualifying_earnings_upper', 'Qualifying earnings upper limit (£)', oc.qualifying_earnings_upper, '£') : line('lookup.pension_cap', 'Pensionable pay cap (£): none for this scheme', { expr: C.noCap }, '£', 'docs/MODEL.md §1.3', 'calc');
  const c = ref.contracts;
  const termRef = R('contracts.term_months', 'Fixed term length if not stated (months)', c.term_months, 'months');
  const renewalRef = R('contracts.renewal_probability', 'Share renewed at a term end if not stated', c.renewal_probability, '%');
  const windowRef = R('contracts.insecurity_window_months', 'Insecurity window before a term end (months)', c.insecurity_window_months, 'months');
  const windowMultRef = R('contracts.insecurity_hazard_multiplier', 'Leaver hazard multiplier inside the insecurity window', c.insecurity_hazard_multiplier, 'ratio');
  const sessionalMultRef = R('contracts.sessional_hazard_multiplier', 'Leaver hazard multiplier for sessional contracts', c.sessional_hazard_multiplier, 'ratio');
  const b = ref.burnout;
  const baseline = R('burnout.baseline_share', 'Reference NHS team: share burnt out', b.baseline_share, '%');
  const refTeamHours = R('burnout.reference_team.supervision_hours', 'Reference team: supervision hours a month', b.reference_team.supervision_hours, 'hours');
  const refTeamSize = R('burnout.reference_team.team_size', 'Reference team: team size', b.reference_team.team_size, 'number');
  const recHours = R('supervision.hours_per_worker_per_month', 'Recommended supervision hours a month', ref.supervision.hours_per_worker_per_month, 'hours');
  const recSpan = R('supervision.workers_per_supervisor', 'Recommended span: workers per supervisor', ref.supervision.workers_per_supervisor, 'number');
  const fairPoints = ref.pay.bands.points[b.fair_band.value];
  const fair = line('lookup.fair_salary', `Fair pay: first point of Band ${b.fair_band.value}`, { value: fairPoints?.[0] ?? 0 }, '£', cite('burnout.fair_band', b.fair_band.source), 'input');
  let floor = Infinity;
  for (const pts of Object.values(ref.pay.bands.points)) for (const x of pts) floor = Math.min(floor, x);
  const floorE = line('lookup.floor_salary', 'Lowest pay point in the tables', { value: Number.isFinite(floor) ? floor : 0 }, '£', cite('pay.bands', ref.pay.bands.source), 'input');
  const insFixed = R('burnout.drivers.insecurity_fixed_term', 'Insecurity score: fixed term outside the window', b.drivers.insecurity_fixed_term, 'number');
  const insSessional = R('burnout.drivers.insecurity_sessional', 'Insecurity score: sessional', b.drivers.insecurity_sessional, 'number');
  const insVoluntary = R('burnout.drivers.insecurity_voluntary', 'Insecurity score: voluntary', b.drivers.insecurity_voluntary, 'number');
  const overloadFull = R('burnout.drivers.caseload_overload_full', 'Caseload score is 1 at this multiple of the planned caseload', b.drivers.caseload_overload_full, 'ratio');
  const plannedCaseload = R('workforce.caseload_per_wte', 'Planned caseload per WTE (burnout reference)', ref.workforce.caseload_per_wte, 'number');
  const refInductionWeeks = R('workforce.induction_weeks', 'Reference induction (weeks)', ref.workforce.induction_weeks, 'weeks');
  const refCpd = R('workforce.cpd_cost_per_wte_per_year', 'Reference CPD (£ per WTE a year)', ref.workforce.cpd_cost_per_wte_per_year, '£');

  // ---- Derived constants (calculations on the inputs) ----
  section('Derived constants (calculations: each a formula of the inputs above, docs/MODEL.md)');
  const D = (key: string, label: string, expr: Expr, unit: string, where: string, fmt?: string): Expr => line(key, label, { expr }, unit, where, 'calc', fmt);
  const N = horizonMonths(s.horizon.years);
  const startMonth = parseYearMonth(s.horizon.start);
  const fyOf = (m: Expr): Expr => fn('INT', div(sub(m, C.april), C.months));
  const startM = line('start_month', 'Horizon start as a month number (12 × year + month − 1)', { value: startMonth }, 'month', `horizon.start ${s.horizon.start}: the timeline is laid out for it when the workbook is made`, 'label', FORMATS.int);
  const horizon = D('horizon_months', 'Months in the horizon', fn('ROUND', mul(p('horizon.years'), C.months), ZERO), 'months', 'docs/MODEL.md conventions; changing horizon.years needs a new workbook (the monthly rows are laid out for it)', FORMATS.int);
  const fyOffset = D('fy_offset', 'Months from the April before the start to the start', fn('MOD', sub(startM, C.april), C.months), 'months', '§7.2', FORMATS.int);
  const vf = parseYearMonth(ref.valid_from);
  const validM = line('valid_month', 'Pay tables valid from, as a month number', { value: vf }, 'month', `reference ${ref.id}: valid_from ${ref.valid_from}`, 'label', FORMATS.int);
  const validFy = D('valid_fy', 'Financial year of the pay tables (its start year)', fyOf(validM), 'year', '§1.1', FORMATS.int);
  const paidE = D('paid', 'Paid staff (1) or volunteers (0)', iff(eq(p('workforce.contract.type'), str('voluntary')), ZERO, ONE), '1/0', '§2.7');
  const capacity = D('capacity', 'Capacity per head (WTE)', iff(eq(paidE, ONE), ONE, div(max(ZERO, p('volunteers.hours_per_week')), hoursWeek)), 'WTE', '§2.7', FORMATS.factor);
  const hoursYear = D('hours_per_year', 'Paid hours a year at 1.0 WTE', mul(hoursWeek, weeksYear), 'hours', '§1.3', FORMATS.exact);
  const hoursMonth = D('hours_per_month', 'Paid hours a month at 1.0 WTE', div(hoursYear, C.months), 'hours', '§1.3', FORMATS.exact);
  const supHours = p('supervision.hours_per_worker_per_month');
  const workShare = D('work_share', 'Share of a head\u2019s time delivering (capacity less own supervision)', max(ZERO, sub(capacity, div(supHours, hoursMonth))), 'share', '§5.1', FORMATS.factor);
  const hcas = D('hcas', 'High Cost Area Supplement (£ a year, 2025/26)', iff(eq(p('workforce.high_cost_area'), str('none')), ZERO, min(hcasMax, max(hcasMin, mul(hcasRate, basicE)))), '£', '§1.2', FORMATS.pence);
  const workerPay0 = D('worker_pay', 'Annual pay per WTE at 2025/26 prices (basic + HCAS; 0 for volunteers)', iff(eq(paidE, ONE), add(basicE, hcas), ZERO), '£', '§1.2', FORMATS.pence);
  const supPay0 = D('supervisor_pay', 'Supervisor\u2019s annual pay at 2025/26 prices (basic + HCAS)', add(supBasicE, iff(eq(p('workforce.high_cost_area'), str('none')), ZERO, min(hcasMax, max(hcasMin, mul(hcasRate, supBasicE))))), '£', '§1.3', FORMATS.pence);
  const levyRate = D('levy_rate', 'Apprenticeship levy rate charged (0 under the pay-bill threshold)', iff(gt(p('employer.annual_paybill'), levyThreshold), levyRateRef, ZERO), '%', '§1.3', FORMATS.inputPercent);
  const allowancePence = D('allowance_pence', 'Employment Allowance each tax year (pence)', mul(max(ZERO, p('employer.employment_allowance_available')), C.pence), 'pence', '§1.3', FORMATS.int);
  const expensesMonth = D('expenses_month', 'Volunteers\u2019 expenses per volunteer a month (£; 0 for paid staff)', iff(eq(paidE, ONE), ZERO, div(p('volunteers.expenses_per_volunteer_per_year'), C.months)), '£', '§2.7', FORMATS.pence);
  const coordHours = D('coordinator_hours', 'Coordinator hours per volunteer a month (0 for paid staff)', iff(eq(paidE, ONE), ZERO, p('volunteers.coordinator_hours_per_volunteer_per_month')), 'hours', '§2.7', FORMATS.exact);
  const leaverRate = D('leaver_rate', 'Annual leaver rate under reference conditions', iff(eq(paidE, ONE), p('turnover.annual_leaver_rate'), p('volunteers.annual_leaver_rate')), '%', '§2.2', FORMATS.inputPercent);
  const logSurvival = D('log_survival', 'ln(1 − leaver rate)', iff(ge(leaverRate, ONE), ZERO, ln(sub(ONE, max(ZERO, leaverRate)))), 'number', '§2.2', FORMATS.factor);
  const fill = D('fill_rate', 'Share of open vacancies filled each month: 1 / (1 + months to fill)', div(ONE, add(ONE, max(ZERO, p('turnover.months_to_fill')))), 'share', '§2.4', FORMATS.factor);
  const inductionMonthsE = D('induction_months', 'Induction length (months)', div(mul(max(ZERO, p('training.induction_weeks')), C.months), weeksYear), 'months', '§2.4', FORMATS.factor);
  const kInduction = (Math.max(0, s.training.induction_weeks) * 12) / ref.pay.weeks_per_year.value;
  const J = Math.ceil(kInduction);
  const weights: Expr[] = [];
  for (let j = 0; j < J; j++) {
    weights.push(D(`induction_weight_${j}`, `Share of a hiring cohort still in induction in its month ${j + 1}`, min(ONE, max(ZERO, sub(inductionMonthsE, nm(`${slug}.index_${j}`)))), 'share', '§2.4', FORMATS.factor));
  }
  if (J > 0) notes.push(`the induction stock adds ${J} earlier months of hires (induction of ${s.training.induction_weeks} weeks); a longer induction needs a new workbook`);
  const type = p('workforce.contract.type');
  const isFixed = eq(type, str('fixed_term'));
  const term = D('term', 'Fixed term (months; 0 without a term)', iff(isFixed, max(ONE, fn('ROUND', P.has('workforce.contract.term_months') ? p('workforce.contract.term_months') : termRef, ZERO)), ZERO), 'months', '§2.3', FORMATS.int);
  const renewal = D('renewal', 'Share renewed at a term end', iff(isFixed, P.has('workforce.contract.renewal_probability') ? p('workforce.contract.renewal_probability') : renewalRef, ONE), '%', '§2.3', FORMATS.inputPercent);
  const window = D('window', 'Insecurity window (months; 0 without a term)', iff(isFixed, max(ZERO, windowRef), ZERO), 'months', '§2.3', FORMATS.int);
  const baseMult = D('base_multiplier', 'Contract hazard multiplier outside the window', iff(eq(type, str('sessional')), sessionalMultRef, ONE), 'ratio', '§2.3', FORMATS.factor);
  const windowMult = D('window_multiplier', 'Contract hazard multiplier inside the window', iff(isFixed, windowMultRef, ONE), 'ratio', '§2.3', FORMATS.factor);
  const insBase = D('insecurity_base', 'Insecurity score of a fixed term outside the window', clamp01(insFixed), 'score', '§3.1', FORMATS.factor);
  const insOther = D('insecurity_other', 'Insecurity score of other contracts', iff(eq(type, str('sessional')), clamp01(insSessional), iff(eq(type, str('voluntary')), clamp01(insVoluntary), ZERO)), 'score', '§3.1', FORMATS.factor);
  const or = (key: string): Expr => p(`burnout.odds_ratios.${key}`);
  const adequacy = (actual: Expr, bench: Expr): Expr => iff(le(bench, ZERO), ONE, clamp01(div(actual, bench)));
  const spanAdequacy = (span: Expr): Expr => iff(le(span, ZERO), ONE, clamp01(div(recSpan, span)));
  const aRef = D('adequacy_reference', 'Supervision adequacy of the reference team', mul(adequacy(refTeamHours, recHours), spanAdequacy(recSpan)), 'share', '§3.1', FORMATS.factor);
  const aNow = D('adequacy', 'Supervision adequacy of this team', mul(adequacy(supHours, recHours), spanAdequacy(p('supervision.workers_per_supervisor'))), 'share', '§3.1', FORMATS.factor);
  const orSup = D(
    'or_supervision',
    'Odds ratio: supervision (with the lived-experience factor)',
    exp(add(mul(ln(or('supervision')), sub(aRef, aNow)), iff(p('supervision.supervisor.lived_experience'), mul(ln(or('lived_experience_supervisor')), aNow), ZERO))),
    'ratio',
    '§3.1',
    FORMATS.factor,
  );
  const isolation = D('isolation_score', 'Isolation score', iff(le(refTeamSize, ONE), ZERO, clamp01(div(sub(refTeamSize, p('workforce.team_size')), sub(refTeamSize, ONE)))), 'score', '§3.1', FORMATS.factor);
  const supEffect = D('supervision_effect', 'Supervision factor: effect kept through supervision besides burnout ((1 − loss × (1 − adequacy)) / (1 − loss × (1 − reference adequacy)))', div(sub(ONE, mul(p('burnout.supervision_effect_loss'), sub(ONE, aNow))), sub(ONE, mul(p('burnout.supervision_effect_loss'), sub(ONE, aRef)))), 'ratio', '§3.4', FORMATS.factor);
  const teamEffect = D('team_effect', 'Team factor: effect kept by the peer team besides burnout (1 − lone-worker loss × isolation score)', sub(ONE, mul(p('burnout.isolation_effect_loss'), isolation)), 'ratio', '§3.4', FORMATS.factor);
  const orIso = D('or_isolation', 'Odds ratio: isolation (with the peer group factor)', exp(add(mul(ln(or('isolation')), isolation), iff(p('supervision.peer_group_supervision'), ln(or('peer_group_supervision')), ZERO))), 'ratio', '§3.1', FORMATS.factor);
  const payScore = D(
    'pay_score',
    'Pay score',
    iff(eq(paidE, ZERO), ZERO, iff(le(fair, floorE), iff(lt(basicE, fair), ONE, ZERO), clamp01(div(sub(fair, basicE), sub(fair, floorE))))),
    'score',
    '§3.1',
    FORMATS.factor,
  );
  const scoreOr = (orE: Expr, score: Expr): Expr => iff(eq(score, ZERO), ONE, exp(mul(ln(orE), score)));
  const orPay = D('or_pay', 'Odds ratio: pay', scoreOr(or('pay'), payScore), 'ratio', '§3.1', FORMATS.factor);
  const trainingScore = D('training_score', 'Training score', clamp01(sub(ONE, div(add(adequacy(p('training.induction_weeks'), refInductionWeeks), adequacy(p('training.cpd_cost_per_wte_per_year'), refCpd)), nm(`${slug}.two`)))), 'score', '§3.1', FORMATS.factor);
  const orTraining = D('or_training', 'Odds ratio: training', scoreOr(or('training'), trainingScore), 'ratio', '§3.1', FORMATS.factor);
  const orStatic = D('or_static', 'Product of the constant odds ratios', prod(orSup, orIso, orPay, orTraining), 'ratio', '§3', FORMATS.factor);
  const lnOrIns = D('ln_or_insecurity', 'ln(odds ratio: insecurity)', ln(or('insecurity')), 'number', '§3', FORMATS.factor);
  const lnOrCase = D('ln_or_caseload', 'ln(odds ratio: caseload)', ln(or('caseload')), 'number', '§3', FORMATS.factor);
  const baselineOdds = D('baseline_odds', 'Reference team\u2019s odds of burnout', div(baseline, sub(ONE, baseline)), 'ratio', '§3', FORMATS.factor);
  const caseScale = D('caseload_scale', 'Caseload per WTE / planned caseload', iff(le(p('delivery.caseload_per_wte'), ZERO), ZERO, div(p('delivery.caseload_per_wte'), plannedCaseload)), 'ratio', '§3.1', FORMATS.factor);
  const overloadSlope = D('overload_slope', '1 / (overload multiple − 1)', div(ONE, sub(overloadFull, ONE)), 'number', '§3.1', FORMATS.factor);
  const plannedOverload = D('planned_overload_score', 'Caseload score from the planned caseload: max(0, caseload scale − 1) / (overload multiple − 1), no upper bound', mul(max(ZERO, sub(caseScale, ONE)), overloadSlope), 'score', '§3.1', FORMATS.factor);
  const hrK = D('hazard_ratio_excess', 'Burnout hazard ratio − 1', max(ZERO, sub(p('burnout.leaving_hazard_ratio'), ONE)), 'ratio', '§3.3', FORMATS.factor);
  const payLeave = D('pay_leaving_multiplier', 'Leaver hazard multiplier from the pay gap: (fair pay / basic)^elasticity', payLeavingFromGap(paidE, basicE, fair, p('turnover.pay_leaving_elasticity')), 'ratio', '§2.2', FORMATS.factor);
  const absenceK = D('absence_ratio_excess', 'Burnout absence ratio − 1', max(ZERO, sub(p('burnout.absence_ratio'), ONE)), 'ratio', '§3.4', FORMATS.factor);
  const R0 = s.delivery.relationship_months;
  const W = Math.floor(R0);
  const part = D('relationship_part', 'Fractional last month of a relationship', sub(p('delivery.relationship_months'), fn('INT', p('delivery.relationship_months'))), 'months', '§4.1', FORMATS.factor);
  notes.push(`continuity multiplies ${W} whole months of survival (relationships of ${R0} months); a relationship length with another whole part needs a new workbook`);
  const cpdMonth = D('cpd_month', 'CPD per WTE a month (£)', div(p('training.cpd_cost_per_wte_per_year'), C.months), '£', '§6', FORMATS.pence);
  const ob = D('optimism_factor', '1 + optimism bias', add(ONE, p('finance.optimism_bias')), 'ratio', '§7.2', FORMATS.factor);

  // Small integers the formulas need, as named cells (FAST: no numbers in formulas).
  const idx = (j: number): void => {
    line(`index_${j}`, `Counting number ${j}`, { value: j }, 'number', 'layout', 'input', FORMATS.int);
  };
  for (let j = 0; j < J; j++) idx(j);
  line('two', 'Two (the training score averages two adequacies)', { value: 2 }, 'number', '§3.1', 'input', FORMATS.int);

  // Funding changes: each from month as a month index from the start.
  const changes = s.workforce.funding_changes.map((ch, i) => ({ i, at: parseYearMonth(ch.from) - startMonth }));
  const changeAt = changes.map((ch) => {
    const from = line(`funding_change_${ch.i}_month`, `Funding change ${ch.i + 1}: its from month as a month number`, { value: parseYearMonth(s.workforce.funding_changes[ch.i]?.from ?? '2000-01') }, 'month', `workforce.funding_changes[${ch.i}].from`, 'label', FORMATS.int);
    return D(`funding_change_${ch.i}_at`, `Funding change ${ch.i + 1} starts at month index`, sub(from, startM), 'month', '§2.5', FORMATS.int);
  });
  const sorted = [...changes].sort((a, b2) => a.at - b2.at || a.i - b2.i);
  if (changes.length > 0) notes.push('funding changes are applied in the order of their start months when the workbook is made');

  // Appraisal years: deflator and discount factors by financial year index.
  const maxLag = s.benefits.reduce((m, st) => Math.max(m, Math.max(0, Math.round(st.lag_months))), 0);
  const X = Math.max(W + 1, maxLag);
  const rows = N + X;
  const fyOff = (((startMonth % 12) - 3) + 12) % 12;
  const years = Math.floor((rows - 1 + fyOff) / 12) + 1;
  const firstFy = Math.floor((startMonth - 3) / 12);
  const pb = fyStart(s.finance.price_base);
  const green = ref.green_book;
  const deflator = ref.gdp_deflator;
  if (!green || !deflator) throw new Error(`reference data set ${ref.id} names no appraisal data`);
  const priceYears = s.benefits.map((st) => fyStart(st.price_year));
  const y0 = Math.min(firstFy, pb, ...priceYears);
  const y1 = Math.max(firstFy + years - 1, pb, ...priceYears);
  const band0 = (bands: readonly DiscountBand[]): number => bands[0]?.to_year ?? 1000;
  const laterRate = (bands: readonly DiscountBand[]): number | undefined => (bands.length > 1 ? bands[bands.length - 1]?.rate : undefined);
  const std = green.schedules.standard.bands;
  const hl = green.schedules.health.bands;
  const bandTo = line('ref.green_book.first_band_to_year', 'Green Book: the scenario\u2019s discount rates apply to year indices up to', { value: band0(std) }, 'year', `${green.title}, ${green.section}`, 'input', FORMATS.int);
  const laterStd = line('ref.green_book.standard_later_rate', 'Green Book: standard discount rate after that', { value: laterRate(std) ?? s.finance.discount_rate }, '%', `${green.title}, ${green.section}`, 'input');
  const laterHealth = line('ref.green_book.health_later_rate', 'Green Book: health discount rate after that', { value: laterRate(hl) ?? s.finance.health_discount_rate }, '%', `${green.title}, ${green.section}`, 'input');
  if (std.length > 2 || hl.length > 2) notes.push('discount schedules with more than two bands are shown as their first and last band');
  section(`Financial years: GDP deflator (${deflator.title}, ${deflator.vintage}) and Green Book discount factors`);
  ['Financial year', 'Deflator growth', 'Index (first row = 1)', 'Index at the price base (D)', 'Standard discount factor', 'Health discount factor', 'Year index', 'Deflator figure'].forEach((h, i) =>
    book.set(I, i + 1, row, { value: h, role: 'header' }),
  );
  row++;
  const tFirst = row;
  const yearRow = (y: number): number => tFirst + (y - y0);
  for (let y = y0; y <= y1; y++) {
    const r = yearRow(y);
    const label = `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
    const g = deflator.growth[label];
    book.set(I, 1, r, { value: label });
    book.set(I, 2, r, { value: g?.value ?? deflator.long_run_growth.value, role: 'input', fmt: FORMATS.inputPercent });
    book.set(I, 3, r, { expr: y === y0 ? ONE : mul(cellRef(I, 3, r - 1), add(ONE, cellRef(I, 2, r))), fmt: FORMATS.factor });
    book.set(I, 4, r, { expr: div(cellRef(I, 3, r), cellRef(I, 3, yearRow(pb))), fmt: FORMATS.factor });
    const kk = y - firstFy;
    if (kk >= 0 && kk < years) {
      book.set(I, 7, r, { value: kk, fmt: FORMATS.int });
      const rate = (first: Expr, later: Expr): Expr => iff(le(cellRef(I, 7, r), bandTo), first, later);
      book.set(I, 5, r, { expr: kk === 0 ? ONE : div(cellRef(I, 5, r - 1), add(ONE, rate(p('finance.discount_rate'), laterStd))), fmt: FORMATS.factor });
      book.set(I, 6, r, { expr: kk === 0 ? ONE : div(cellRef(I, 6, r - 1), add(ONE, rate(p('finance.health_discount_rate'), laterHealth))), fmt: FORMATS.factor });
    }
    book.set(I, 8, r, { value: g ? `${g.kind}${g.verified ? '' : ', unverified'}` : `long-run growth (${deflator.long_run_growth.verified ? 'verified' : 'unverified'})`, role: 'note' });
    row++;
  }
  const fyRange = (col: number): Expr => range(I, col, yearRow(firstFy), yearRow(firstFy + years - 1));
  const deflatorAt = (yearIndex: Expr): Expr => fn('INDEX', fyRange(4), add(yearIndex, ONE));
  const dfStdAt = (yearIndex: Expr): Expr => fn('INDEX', fyRange(5), add(yearIndex, ONE));
  const dfHealthAt = (yearIndex: Expr): Expr => fn('INDEX', fyRange(6), add(yearIndex, ONE));
  const priceFactor = (y: number): Expr => div(ONE, cellRef(I, 4, yearRow(y)));

  // Benefit streams: the value per basis unit, a product of the resolved stream's factors
  // (src/engine/benefits.ts streamValuation; docs/MODEL.md §5.2), in the engine's order of
  // multiplication so that it agrees to the last bit.
  const relationship = p('delivery.relationship_months');
  const streamE = s.benefits.map((st, i) => {
    const q = (f: string): Expr => p(`benefits[${i}].${f}`);
    const named = `${st.name || `stream ${i + 1}`}`;
    const relative = st.base_rate !== null && st.relative_effect !== null;
    const effect = relative
      ? D(`benefits_${i}.outcomes_avoided`, `${named}: outcomes avoided per person = base rate × (1 − relative effect)`, mul(q('base_rate'), sub(ONE, q('relative_effect'))), 'per person', '§5.2', FORMATS.factor)
      : D(`benefits_${i}.outcomes_avoided`, `${named}: effect per basis unit (1: an absolute stream, its quantity is per basis unit)`, ONE, 'per person', '§5.2', FORMATS.factor);
    const dose =
      st.dose_sessions !== null
        ? (() => {
            const sd = sessionsDose(p('delivery.sessions_per_wte_month'), p('delivery.caseload_per_wte'), relationship, q('dose_sessions'), q('basis'));
            const sessions = D(`benefits_${i}.sessions_per_person`, `${named}: sessions per person = sessions per WTE-month / caseload × relationship months`, sd.sessions, 'sessions', '§5.2', FORMATS.factor);
            return D(`benefits_${i}.dose_share`, `${named}: dose share = min(1, sessions per person / dose sessions); 1 for a worker_year stream`, sd.share(sessions), 'share', '§5.2', FORMATS.factor);
          })()
        : st.dose_months === null
        ? D(`benefits_${i}.dose_share`, `${named}: dose share (1: the stream has no dose)`, ONE, 'share', '§5.2', FORMATS.factor)
        : D(
            `benefits_${i}.dose_share`,
            `${named}: dose share = min(1, relationship months / dose months); 1 for a worker_year stream`,
            iff(fn('OR', eq(q('basis'), str('worker_year')), le(q('dose_months'), ZERO)), ONE, min(ONE, div(max(ZERO, relationship), q('dose_months')))),
            'share',
            '§5.2',
            FORMATS.factor,
          );
    const units = D(
      `benefits_${i}.units_per_basis`,
      `${named}: net outcome units per basis unit = outcomes avoided × quantity × dose share × attribution × (1 − deadweight)`,
      prod(effect, q('quantity'), dose, q('attribution'), sub(ONE, q('deadweight'))),
      'units',
      '§5.2',
      FORMATS.factor,
    );
    const uprate = D(`benefits_${i}.uprating`, `${named}: uprating of the unit value from its price year (${st.price_year}) to the price base (GDP deflator)`, priceFactor(fyStart(st.price_year)), 'ratio', '§5.2, §7.1', FORMATS.factor);
    const perMonth = D(`benefits_${i}.per_month`, `${named}: per month of the basis (1/12 for worker_year: a WTE-year counts a twelfth a month in post)`, iff(eq(q('basis'), str('worker_year')), div(ONE, C.months), ONE), 'factor', '§5.2', FORMATS.factor);
    const valuePerBasis = D(
      `benefits_${i}.value_per_basis`,
      `${named}: value per basis unit at the price base (£) = units × unit value × uprating × per month`,
      prod(units, q('unit_value'), uprate, perMonth),
      '£',
      '§5.2',
      FORMATS.exact,
    );
    const engineFactors = ctx.doc.benefit_streams[i]?.factors;
    const engineValue = engineFactors?.[engineFactors.length - 1]?.value;
    if (engineValue !== undefined) {
      line(`benefits_${i}.value_per_basis_engine`, `${named}: value per basis unit computed by the peerplan engine (£, a value to compare)`, { value: engineValue }, '£', 'benefit_streams[].factors of the run: the last factor', 'label', FORMATS.exact);
    }
    return {
      st,
      perEpisode: D(`benefits_${i}.value_per_basis_pence`, `${named}: value per basis unit (pence)`, mul(valuePerBasis, C.pence), 'pence', '§5.2', FORMATS.exact),
      lag: D(`benefits_${i}.lag`, `${named}: lag (whole months)`, max(ZERO, fn('ROUND', q('lag_months'), ZERO)), 'months', '§5.2', FORMATS.int),
      q,
    };
  });
  if (s.benefits.some((st) => st.base_rate === null || st.relative_effect === null || st.dose_months === null || st.dose_sessions === null)) {
    notes.push('a benefit stream without a base rate and relative effect (an absolute stream), or without a dose in months or sessions, has no input cell for them: giving one needs a new workbook');
  }

  // ---- Monthly sheet ----
  const M = sheets.monthly;
  const col = new Map<string, number>();
  interface Column {
    key: string;
    header: string;
    fmt: string;
    width?: number;
    /** The formula of month t (row `r`), or a plain value; null leaves the cell empty. */
    f: (t: number, r: number) => Expr | string | number | null;
    /** Also computed on the rows beyond the horizon. */
    beyond?: boolean;
  }
  const cols: Column[] = [];
  const rowOf = (t: number): number => FIRST_ROW + t;
  const at = (key: string, t: number): Expr => {
    const cn = col.get(key);
    if (cn === undefined) throw new Error(`no monthly column ${key}`);
    return cellRef(M, cn, rowOf(t));
  };
  const colRange = (key: string, t0: number, t1: number): Expr => range(M, col.get(key) as number, rowOf(t0), rowOf(t1));
  const add1 = (key: string, header: string, fmt: string, f: Column['f'], beyond = false): void => {
    col.set(key, cols.length + 1);
    cols.push({ key, header, fmt, f, beyond });
  };
  const prev = (key: string, t: number): Expr => at(key, t - 1);
  const sameYear = (t: number): Expr => eq(at('fy', t), prev('fy', t));
  /** Cumulative rounding: the month's whole-pence amount, in £ (docs/MODEL.md §1.4). */
  const rounded = (cum: string, t: number): Expr => div(t === 0 ? roundPenceExpr(at(cum, t)) : sub(roundPenceExpr(at(cum, t)), roundPenceExpr(prev(cum, t))), C.pence);
  /** Cumulative rounding restarted each financial year (the appraisal's year figures). */
  const roundedInYear = (cum: string, t: number, split: boolean): Expr => {
    if (t === 0) return div(roundPenceExpr(at(cum, t)), C.pence);
    const same = split ? fn('AND', sameYear(t), eq(at('in_horizon', t), prev('in_horizon', t))) : sameYear(t);
    return div(sub(roundPenceExpr(at(cum, t)), iff(same, roundPenceExpr(prev(cum, t)), ZERO)), C.pence);
  };
  const cumulative = (key: string, amount: (t: number) => Expr) => (t: number): Expr => (t === 0 ? amount(t) : add(prev(key, t), amount(t)));
  const cumulativeInYear = (key: string, amount: (t: number) => Expr, split: boolean) => (t: number): Expr => {
    if (t === 0) return amount(t);
    const same = split ? fn('AND', sameYear(t), eq(at('in_horizon', t), prev('in_horizon', t))) : sameYear(t);
    return add(iff(same, prev(key, t), ZERO), amount(t));
  };

  // Timeline.
  add1('t', 'Month index t', FORMATS.int, (t) => (t === 0 ? 0 : add(prev('t', t), ONE)), true);
  add1('month', 'Month', '@', (t) => formatYearMonth(startMonth + t), true);
  add1('in_horizon', 'In the horizon (1) or after it (0)', FORMATS.int, (t) => iff(lt(at('t', t), horizon), ONE, ZERO), true);
  add1('fy', 'Financial year index (0 = first)', FORMATS.int, (t) => fn('INT', div(add(at('t', t), fyOffset), C.months)), true);
  add1('moy', 'Month of the year (0 = January)', FORMATS.int, (t) => fn('MOD', add(startM, at('t', t)), C.months), true);
  // §1 Pay.
  add1('uplifts', 'Pay uplifts in effect', FORMATS.int, (t) => max(ZERO, sub(fyOf(add(startM, at('t', t))), validFy)));
  add1('U', 'Pay uplift factor', FORMATS.factor, (t) => iff(eq(at('uplifts', t), ZERO), ONE, exp(mul(at('uplifts', t), ln(add(ONE, p('finance.pay_uplift')))))));
  add1('A', 'Annual pay per WTE (£)', FORMATS.pence, (t) => mul(workerPay0, at('U', t)));
  add1('ni_a', 'Employer NI per WTE-year (£)', FORMATS.pence, (t) => mul(niRate, max(ZERO, sub(at('A', t), niThreshold))));
  add1('pen_a', 'Employer pension per WTE-year (£)', FORMATS.pence, (t) => mul(penRate, max(ZERO, sub(min(at('A', t), penCap), penFloor))));
  add1('wte_year', 'Employment cost per WTE-year (£)', FORMATS.pence, (t) => add(add(add(at('A', t), at('ni_a', t)), at('pen_a', t)), mul(levyRate, at('A', t))));
  add1('S', 'Supervisor\u2019s annual pay (£)', FORMATS.pence, (t) => mul(supPay0, at('U', t)));
  add1('sup_hourly', 'Supervisor\u2019s hourly cost (£)', FORMATS.pence, (t) => {
    const S = at('S', t);
    return div(add(add(add(S, mul(niRate, max(ZERO, sub(S, niThreshold)))), mul(penRate, max(ZERO, sub(min(S, penCap), penFloor)))), mul(levyRate, S)), hoursYear);
  });
  // §2 Workforce.
  const funded = (tExpr: Expr): Expr => {
    let e: Expr = p('workforce.funded_wte');
    for (const ch of sorted) e = iff(ge(tExpr, changeAt[ch.i] as Expr), p(`workforce.funding_changes[${ch.i}].funded_wte`), e);
    return e;
  };
  add1('F', 'Funded WTE', FORMATS.wte, (t) => funded(at('t', t)));
  add1('F_next', 'Funded WTE next month', FORMATS.wte, (t) => funded(add(at('t', t), ONE)));
  add1('P', 'WTE in post (start of month)', FORMATS.wte, (t) => (t === 0 ? p('workforce.starting_wte') : prev('P_next', t)));
  add1('I', 'WTE in induction', FORMATS.wte, (t) => {
    const terms: Expr[] = [];
    for (let j = 0; j < J && j < t; j++) terms.push(mul(weights[j] as Expr, at('hires', t - 1 - j)));
    return min(at('P', t), terms.length === 0 ? ZERO : sum(...terms));
  });
  add1('carrying', 'WTE carrying a caseload (in post − in induction)', FORMATS.wte, (t) => sub(at('P', t), at('I', t)));
  add1('m_left', 'Months left in the fixed term', FORMATS.int, (t) => iff(gt(term, ZERO), sub(term, fn('MOD', at('t', t), term)), ZERO), true);
  // §3 Burnout.
  add1('insecurity', 'Insecurity score', FORMATS.factor, (t) =>
    iff(isFixed, iff(fn('OR', le(window, ZERO), gt(at('m_left', t), window)), insBase, clamp01(add(insBase, div(mul(sub(ONE, insBase), add(sub(window, at('m_left', t)), ONE)), window)))), insOther),
  );
  add1('or_insecurity', 'Odds ratio: insecurity', FORMATS.factor, (t) => iff(eq(at('insecurity', t), ZERO), ONE, exp(mul(lnOrIns, at('insecurity', t)))));
  add1('caseload_score', 'Caseload score', FORMATS.factor, (t) =>
    iff(fn('OR', le(at('F', t), ZERO), le(caseScale, ZERO)), ZERO, add(plannedOverload, iff(le(at('carrying', t), ZERO), ONE, min(ONE, max(ZERO, mul(sub(div(mul(caseScale, at('F', t)), at('carrying', t)), max(ONE, caseScale)), overloadSlope)))))),
  );
  add1('or_caseload', 'Odds ratio: caseload', FORMATS.factor, (t) => iff(eq(at('caseload_score', t), ZERO), ONE, exp(mul(lnOrCase, at('caseload_score', t)))));
  add1('odds', 'Odds of burnout', FORMATS.factor, (t) => mul(baselineOdds, mul(mul(orStatic, at('or_insecurity', t)), at('or_caseload', t))));
  add1('burnout', 'Burnt out (share of team)', FORMATS.percent, (t) => div(at('odds', t), add(ONE, at('odds', t))));
  add1('burnout_mult', 'Burnout multiplier on the leaver hazard', FORMATS.factor, (t) =>
    t < N ? div(add(ONE, mul(hrK, at('burnout', t))), add(ONE, mul(hrK, baseline))) : cellRef(M, col.get('burnout_mult') as number, rowOf(N - 1)),
  true);
  add1('sickness', 'Sickness absence (burnout-adjusted)', FORMATS.percent, (t) => sicknessFromBurnout(p('delivery.sickness_absence'), absenceK, at('burnout', t), baseline));
  add1('effectiveness', 'Effectiveness of support (burnout-adjusted)', FORMATS.factor, (t) => mul(mul(effectivenessFromBurnout(p('burnout.effectiveness_loss'), at('burnout', t), baseline), teamEffect), supEffect));
  add1('contract_mult', 'Contract multiplier on the leaver hazard', FORMATS.factor, (t) => iff(eq(term, ZERO), baseMult, iff(le(at('m_left', t), window), windowMult, baseMult)), true);
  add1('mult', 'Hazard multiplier', FORMATS.factor, (t) => mul(mul(at('contract_mult', t), at('burnout_mult', t)), payLeave), true);
  add1('h', 'Leaver hazard, not at a term end', FORMATS.factor, (t) =>
    iff(ge(leaverRate, ONE), ONE, iff(fn('OR', eq(logSurvival, ZERO), le(at('mult', t), ZERO)), ZERO, sub(ONE, exp(mul(div(at('mult', t), C.months), logSurvival))))),
  true);
  add1('e', 'Separation at a term end (not renewed)', FORMATS.factor, (t) => iff(eq(term, ZERO), ZERO, iff(eq(fn('MOD', add(at('t', t), ONE), term), ZERO), sub(ONE, renewal), ZERO)), true);
  add1('H', 'All-cause separation probability', FORMATS.factor, (t) => sub(ONE, mul(sub(ONE, at('h', t)), sub(ONE, at('e', t)))), true);
  add1('leavers', 'Leavers (WTE)', FORMATS.wte, (t) => mul(at('P', t), at('H', t)));
  add1('remaining', 'In post after leavers (WTE)', FORMATS.wte, (t) => sub(at('P', t), at('leavers', t)));
  add1('hires', 'Hires (WTE)', FORMATS.wte, (t) => iff(gt(at('F_next', t), at('remaining', t)), mul(fill, sub(at('F_next', t), at('remaining', t))), ZERO));
  add1('P_next', 'WTE in post next month', FORMATS.wte, (t) => add(at('remaining', t), at('hires', t)));
  add1('vacancies', 'Vacancies (WTE)', FORMATS.wte, (t) => iff(gt(at('F', t), at('P', t)), sub(at('F', t), at('P', t)), ZERO));
  // §4–5 Delivery and continuity.
  add1('productive', 'Productive WTE', FORMATS.wte, (t) =>
    mul(add(mul(at('carrying', t), workShare), mul(mul(at('I', t), p('training.backfill_share')), capacity)), sub(ONE, at('sickness', t))),
  );
  add1('episodes', 'Support episodes started', FORMATS.count, (t) => div(mul(at('productive', t), p('delivery.caseload_per_wte')), p('delivery.relationship_months')));
  add1('continuity', 'Probability a relationship completes with the same worker', FORMATS.percent, (t) => {
    const factors: Expr[] = [];
    for (let j = 0; j < W; j++) factors.push(sub(ONE, at('H', t + j)));
    const last = iff(gt(part, ZERO), iff(ge(at('H', t + W), ONE), ZERO, exp(mul(part, ln(sub(ONE, at('H', t + W)))))), ONE);
    return factors.length === 0 ? last : mul(prod(...factors), last);
  });
  add1('completed', 'Episodes completed with the same worker', FORMATS.count, (t) => mul(at('episodes', t), at('continuity', t)));
  add1('months_lost', 'Service-user months lost to vacancies', FORMATS.count, (t) => mul(at('vacancies', t), p('delivery.caseload_per_wte')));
  // §6 Costs, exact pence, then whole pence by cumulative rounding.
  add1('ni_gross', 'Employer NI before the allowance (pence)', FORMATS.exact, (t) => div(mul(mul(at('P', t), at('ni_a', t)), C.pence), C.months));
  add1('ea_left', 'Employment Allowance left (pence)', FORMATS.exact, (t) => (t === 0 ? allowancePence : iff(eq(at('moy', t), C.april), allowancePence, sub(prev('ea_left', t), prev('ea_offset', t)))));
  add1('ea_offset', 'Employment Allowance used (pence)', FORMATS.exact, (t) => max(ZERO, min(at('ni_gross', t), at('ea_left', t))));
  const costX: Record<(typeof COST_COMPONENTS)[number], (t: number) => Expr> = {
    pay: (t) => add(div(mul(mul(at('P', t), at('A', t)), C.pence), C.months), mul(mul(at('P', t), expensesMonth), C.pence)),
    employer_ni: (t) => sub(at('ni_gross', t), at('ea_offset', t)),
    pension: (t) => div(mul(mul(at('P', t), at('pen_a', t)), C.pence), C.months),
    levy: (t) => div(mul(mul(mul(at('P', t), levyRate), at('A', t)), C.pence), C.months),
    supervision: (t) => mul(mul(mul(at('P', t), add(supHours, coordHours)), at('sup_hourly', t)), C.pence),
    training: (t) =>
      mul(add(add(mul(at('hires', t), p('training.induction_course_cost_per_starter')), div(mul(mul(at('I', t), p('training.backfill_share')), at('wte_year', t)), C.months)), mul(at('P', t), cpdMonth)), C.pence),
    recruitment: (t) => mul(mul(at('hires', t), p('turnover.recruitment_cost_per_hire')), C.pence),
    overheads: (t) =>
      mul(p('finance.overhead_rate'), sum(...(['pay', 'employer_ni', 'pension', 'levy', 'supervision', 'training', 'recruitment'] as const).map((k2) => at(`x_${k2}`, t)))),
  };
  const components = [...COST_COMPONENTS];
  for (const c2 of components) {
    add1(`x_${c2}`, `${costLabel(c2)}: exact (pence)`, FORMATS.exact, costX[c2]);
    add1(`cum_${c2}`, `${costLabel(c2)}: running total (pence)`, FORMATS.exact, cumulative(`cum_${c2}`, (t) => at(`x_${c2}`, t)));
    add1(c2, `${costLabel(c2)} (£)`, FORMATS.pence, (t) => rounded(`cum_${c2}`, t));
  }
  add1('total', 'Total cost (£)', FORMATS.pence, (t) => sum(...components.map((c2) => at(c2, t))));
  add1('x_total', 'Total cost: exact (pence)', FORMATS.exact, (t) => sum(...components.map((c2) => at(`x_${c2}`, t))));
  add1('x_budget', 'Funded budget: exact (pence)', FORMATS.exact, (t) =>
    mul(mul(mul(at('F', t), sum(div(at('wte_year', t), C.months), expensesMonth, mul(add(supHours, coordHours), at('sup_hourly', t)), cpdMonth)), add(ONE, p('finance.overhead_rate'))), C.pence),
  );
  add1('cum_budget', 'Funded budget: running total (pence)', FORMATS.exact, cumulative('cum_budget', (t) => at('x_budget', t)));
  add1('budget', 'Funded budget (£)', FORMATS.pence, (t) => rounded('cum_budget', t));
  // §7 Appraisal.
  const monthlyDf = (rate: Expr, t: number): Expr => {
    const L = ln(add(ONE, rate));
    const yearsE = fn('INT', div(at('t', t), C.months));
    const partE = fn('MOD', at('t', t), C.months);
    const within = iff(eq(partE, ZERO), ONE, exp(mul(neg(div(partE, C.months)), L)));
    return iff(lt(at('t', t), C.months), within, mul(exp(mul(neg(yearsE), L)), within));
  };
  const monthly = eq(p('finance.discounting'), str('monthly'));
  add1('real_factor', 'Real-terms factor (1 / deflator index)', FORMATS.factor, (t) => div(ONE, deflatorAt(at('fy', t))), true);
  add1('df', 'Discount factor', FORMATS.factor, (t) => iff(monthly, monthlyDf(p('finance.discount_rate'), t), dfStdAt(at('fy', t))), true);
  add1('df_health', 'Health discount factor', FORMATS.factor, (t) => iff(monthly, monthlyDf(p('finance.health_discount_rate'), t), dfHealthAt(at('fy', t))), true);
  add1('x_cost_real', 'Cost in real terms: exact (pence)', FORMATS.exact, (t) => mul(at('x_total', t), at('real_factor', t)));
  add1('x_cost_pv', 'Cost discounted: exact (pence)', FORMATS.exact, (t) => mul(at('x_cost_real', t), at('df', t)));
  add1('ycum_cost_real', 'Cost real: running total in the year (pence)', FORMATS.exact, cumulativeInYear('ycum_cost_real', (t) => at('x_cost_real', t), false));
  add1('cost_real', 'Cost in real terms (£)', FORMATS.pence, (t) => roundedInYear('ycum_cost_real', t, false));
  add1('ycum_cost_pv', 'Cost PV: running total in the year (pence)', FORMATS.exact, cumulativeInYear('ycum_cost_pv', (t) => at('x_cost_pv', t), false));
  add1('cost_pv', 'Cost discounted (£)', FORMATS.pence, (t) => roundedInYear('ycum_cost_pv', t, false));
  // §5.2 Benefit streams (generic: each stream's columns are driven by its own inputs).
  const credit = eq(p('finance.benefits_after_horizon'), str('credit'));
  streamE.forEach(({ st, perEpisode, lag, q }, i) => {
    const key = (k2: string): string => `b${i}_${k2}`;
    const name = st.name;
    add1(key('x'), `${name}: value (pence)`, FORMATS.exact, (t) => {
      const u = at('t', t);
      const idxE = add(sub(u, lag), ONE);
      // §5.2 The basis: people supported (episodes started), completed episodes, or WTE in post.
      const basisOf = (key: string): Expr => fn('INDEX', colRange(key, 0, N - 1), idxE);
      // §3.4 Support given by a burnt-out team achieves less (E); WTE-years in post are not support.
      const basis = iff(eq(q('basis'), str('completed_episode')), mul(basisOf('completed'), basisOf('effectiveness')), iff(eq(q('basis'), str('worker_year')), basisOf('P'), mul(basisOf('episodes'), basisOf('effectiveness'))));
      const years2 = fn('INT', div(u, C.months));
      const drop = iff(fn('OR', eq(years2, ZERO), eq(q('drop_off'), ZERO)), ONE, iff(ge(q('drop_off'), ONE), ZERO, exp(mul(years2, ln(sub(ONE, q('drop_off')))))));
      return iff(fn('AND', ge(u, lag), lt(sub(u, lag), horizon)), mul(mul(basis, perEpisode), drop), ZERO);
    }, true);
    add1(key('cum'), `${name}: running total (pence)`, FORMATS.exact, (t) => (t < N ? cumulative(key('cum'), (t2) => at(key('x'), t2))(t) : null));
    add1(key('cash'), `${name} (£)`, FORMATS.pence, (t) => (t < N ? rounded(key('cum'), t) : null));
    add1(key('cum_cashable'), `${name}: cashable running total (pence)`, FORMATS.exact, (t) => (t < N ? cumulative(key('cum_cashable'), (t2) => mul(at(key('x'), t2), q('cashable')))(t) : null));
    add1(key('cashable'), `${name}: cashable (£)`, FORMATS.pence, (t) => (t < N ? rounded(key('cum_cashable'), t) : null));
    const counted = (t: number): Expr => iff(eq(at('in_horizon', t), ONE), ONE, iff(credit, ONE, ZERO));
    // The value is already at price-base prices (uprated in the value per basis unit): real terms are the value, counted.
    add1(key('x_real'), `${name}: real terms, counted (pence)`, FORMATS.exact, (t) => mul(at(key('x'), t), counted(t)), true);
    add1(key('x_pv'), `${name}: discounted (pence)`, FORMATS.exact, (t) => mul(at(key('x_real'), t), iff(q('health'), at('df_health', t), at('df', t))), true);
    add1(key('ycum_real'), `${name}: real, running total in the year (pence)`, FORMATS.exact, cumulativeInYear(key('ycum_real'), (t) => at(key('x_real'), t), true), true);
    add1(key('real'), `${name}: real terms (£)`, FORMATS.pence, (t) => roundedInYear(key('ycum_real'), t, true), true);
    add1(key('ycum_pv'), `${name}: PV, running total in the year (pence)`, FORMATS.exact, cumulativeInYear(key('ycum_pv'), (t) => at(key('x_pv'), t), true), true);
    add1(key('pv'), `${name}: discounted (£)`, FORMATS.pence, (t) => roundedInYear(key('ycum_pv'), t, true), true);
    add1(key('x_cash_pv'), `${name}: cashable discounted, exact (pence)`, FORMATS.exact, (t) => mul(mul(at(key('x_real'), t), q('cashable')), iff(q('health'), at('df_health', t), at('df', t))), true);
  });
  const streamSum = (k2: string, t: number, only?: string): Expr => {
    if (streamE.length === 0) return ZERO;
    return sum(...streamE.map((_, i) => (only ? iff(eq(p(`benefits[${i}].category`), str(only)), at(`b${i}_${k2}`, t), ZERO) : at(`b${i}_${k2}`, t))));
  };
  add1('benefit', 'Total benefit (£)', FORMATS.pence, (t) => streamSum('cash', t));
  add1('fiscal', 'Fiscal benefit (£)', FORMATS.pence, (t) => streamSum('cash', t, 'fiscal'));
  add1('economic', 'Economic benefit (£)', FORMATS.pence, (t) => streamSum('cash', t, 'economic'));
  add1('social', 'Social benefit (£)', FORMATS.pence, (t) => streamSum('cash', t, 'social'));
  add1('cashable', 'Cashable benefit (£)', FORMATS.pence, (t) => streamSum('cashable', t));
  add1('benefit_real', 'Benefit in real terms (£)', FORMATS.pence, (t) => streamSum('real', t), true);
  add1('benefit_pv', 'Benefit discounted (£)', FORMATS.pence, (t) => streamSum('pv', t), true);
  add1('x_benefit_pv', 'Benefit discounted in the horizon: exact (pence)', FORMATS.exact, (t) => streamSum('x_pv', t));
  add1('net', 'Net: benefit − cost (£)', FORMATS.pence, (t) => sub(at('benefit', t), at('total', t)));
  // Payback: cumulative discounted benefit against cumulative discounted cost × (1 + optimism bias).
  add1('cum_cost_ob', 'Cumulative cost PV × (1 + optimism bias) (pence)', FORMATS.exact, cumulative('cum_cost_ob', (t) => mul(at('x_cost_pv', t), ob)));
  add1('cum_benefit_pv', 'Cumulative benefit PV (pence)', FORMATS.exact, cumulative('cum_benefit_pv', (t) => at('x_benefit_pv', t)));
  add1('paid_back', 'Paid back (1) or not (0)', FORMATS.int, (t) => iff(fn('AND', gt(at('cum_benefit_pv', t), ZERO), ge(at('cum_benefit_pv', t), at('cum_cost_ob', t))), ONE, ZERO));

  book.set(M, 1, 1, { value: `${doc.name}: monthly model`, role: 'title' });
  book.set(M, 1, 2, { value: `One column per month from ${s.horizon.start}; the ${X} columns after the horizon carry the leaver hazard (for continuity) and lagged benefits. Each row is one formula across the months (docs/MODEL.md); (pence) rows are exact, (£) rows whole pence by cumulative rounding.`, role: 'note' });
  const ms = book.sheet(M);
  monthsAcross(ms, rows);
  cols.forEach((c2, i) => {
    book.set(M, i + 1, FIRST_ROW - 1, { value: c2.header, role: 'header' });
    book.set(M, i + 1, FIRST_ROW - 2, { value: c2.key, role: 'note' });
  });
  for (let t = 0; t < rows; t++) {
    const r = rowOf(t);
    cols.forEach((c2, i) => {
      if (t >= N && !c2.beyond) return;
      const v = c2.f(t, r);
      if (v === null) return;
      if (typeof v === 'object') book.set(M, i + 1, r, { expr: v, fmt: c2.fmt, role: c2.fmt === FORMATS.pence ? 'output' : 'calc' });
      else book.set(M, i + 1, r, { value: v, fmt: c2.fmt });
    });
  }

  // ---- Annual sheet ----
  const A = sheets.annual;
  const annualCol = new Map<string, number>();
  const acols: Array<{ key: string; header: string; fmt: string; f: (k2: number, r: number) => Expr | string | number }> = [];
  const addA = (key: string, header: string, fmt: string, f: (k2: number, r: number) => Expr | string | number): void => {
    annualCol.set(key, acols.length + 1);
    acols.push({ key, header, fmt, f });
  };
  const fyRangeM = (t1: number): Expr => colRange('fy', 0, t1 - 1);
  const inhRange = colRange('in_horizon', 0, rows - 1);
  const yearIndexCell = (r: number): Expr => cellRef(A, 2, r);
  const sumIfs = (key: string, r: number, within: boolean): Expr => (within ? fn('SUMIFS', colRange(key, 0, N - 1), fyRangeM(N), yearIndexCell(r)) : fn('SUMIFS', colRange(key, 0, rows - 1), colRange('fy', 0, rows - 1), yearIndexCell(r), inhRange, ZERO));
  addA('year', 'Financial year', '@', (k2) => fiscalYearLabel(startMonth - fyOff + 12 * k2));
  addA('k', 'Year index', FORMATS.int, (k2) => k2);
  addA('months', 'Months in the horizon', FORMATS.int, (_, r) => fn('COUNTIFS', fyRangeM(N), yearIndexCell(r)));
  for (const c2 of components) addA(c2, `${costLabel(c2)} (£)`, FORMATS.pence, (_, r) => sumIfs(c2, r, true));
  addA('total', 'Total cost (£)', FORMATS.pence, (_, r) => sumIfs('total', r, true));
  addA('budget', 'Funded budget (£)', FORMATS.pence, (_, r) => sumIfs('budget', r, true));
  addA('cost_real', 'Cost, real terms (£)', FORMATS.pence, (_, r) => sumIfs('cost_real', r, true));
  addA('cost_pv', 'Cost, discounted (£)', FORMATS.pence, (_, r) => sumIfs('cost_pv', r, true));
  addA('benefit', 'Total benefit (£)', FORMATS.pence, (_, r) => sumIfs('benefit', r, true));
  addA('fiscal', 'Fiscal benefit (£)', FORMATS.pence, (_, r) => sumIfs('fiscal', r, true));
  addA('economic', 'Economic benefit (£)', FORMATS.pence, (_, r) => sumIfs('economic', r, true));
  addA('social', 'Social benefit (£)', FORMATS.pence, (_, r) => sumIfs('social', r, true));
  addA('cashable', 'Cashable benefit (£)', FORMATS.pence, (_, r) => sumIfs('cashable', r, true));
  addA('benefit_real', 'Benefit, real terms (£)', FORMATS.pence, (_, r) => sumIfs('benefit_real', r, true));
  addA('benefit_pv', 'Benefit, discounted (£)', FORMATS.pence, (_, r) => sumIfs('benefit_pv', r, true));
  addA('benefit_real_after', 'Benefit after the horizon, real terms (£)', FORMATS.pence, (_, r) => sumIfs('benefit_real', r, false));
  addA('benefit_pv_after', 'Benefit after the horizon, discounted (£)', FORMATS.pence, (_, r) => sumIfs('benefit_pv', r, false));
  addA('net', 'Net: benefit − cost (£)', FORMATS.pence, (_, r) => sub(cellRef(A, annualCol.get('benefit') as number, r), cellRef(A, annualCol.get('total') as number, r)));
  addA('deflator', 'Deflator index at the price base', FORMATS.factor, (_, r) => deflatorAt(yearIndexCell(r)));
  addA('df', 'Discount factor', FORMATS.factor, (_, r) => dfStdAt(yearIndexCell(r)));
  book.set(A, 1, 1, { value: `${doc.name}: by financial year`, role: 'title' });
  book.set(A, 1, 2, { value: 'Each figure adds up the monthly rows of its year (SUMIFS on the Monthly sheet); the appraisal figures are rounded per year as the engine does. The last row is the total.', role: 'note' });
  const as = book.sheet(A);
  as.freeze = { x: 1, y: FIRST_ROW - 1 };
  as.heights.set(FIRST_ROW - 1, 45);
  acols.forEach((c2, i) => {
    book.set(A, i + 1, FIRST_ROW - 1, { value: c2.header, role: 'header' });
    book.set(A, i + 1, FIRST_ROW - 2, { value: c2.key, role: 'note' });
    as.widths.set(i + 1, i === 0 ? 12 : 15);
  });
  for (let k2 = 0; k2 < years; k2++) {
    const r = FIRST_ROW + k2;
    acols.forEach((c2, i) => {
      const v = c2.f(k2, r);
      if (typeof v === 'object') book.set(A, i + 1, r, { expr: v, fmt: c2.fmt, role: 'calc' });
      else book.set(A, i + 1, r, { value: v, fmt: c2.fmt });
    });
  }
  const totalRow = FIRST_ROW + years;
  book.set(A, 1, totalRow, { value: 'Total', role: 'output' });
  acols.forEach((c2, i) => {
    if (i < 2 || c2.key === 'deflator' || c2.key === 'df') return;
    book.set(A, i + 1, totalRow, { expr: fn('SUM', range(A, i + 1, FIRST_ROW, totalRow - 1)), fmt: c2.fmt, role: 'output' });
  });

  // §7.7 Who pays, who saves, and the three views, by formula (workbook/ledger.ts).
  ledgerSheet({
    book, k, slug, doc, sheet: sheets.ledger,
    q: (i, f) => p(`benefits[${i}].${f}`),
    monthly: (key) => colRange(key, 0, rows - 1),
    annual: (key, y) => cellRef(A, annualCol.get(key) as number, FIRST_ROW + y),
    annualTotal: (key) => cellRef(A, annualCol.get(key) as number, totalRow),
    pence: C.pence, half: C.half, roundPence: roundPenceExpr, optimism: ob,
    formats: { pence: FORMATS.pence, money: FORMATS.money, int: FORMATS.int, ratio: FORMATS.ratio },
  });

  // What is fixed for this option when the workbook is made, at the foot of its Inputs sheet.
  if (notes.length > 0) {
    section('Fixed when this workbook was made (a change needs a new workbook: peerplan run … --format xlsx)');
    for (const n of notes) {
      book.set(I, 1, row, { value: `${n.charAt(0).toUpperCase()}${n.slice(1)}.`, role: 'note' });
      row++;
    }
  }

  return { sheets, slug, N, rows, col, years, annualCol, annualTotalRow: totalRow, streams: streamE.length, notes };
}

// ---- Appraisal, Comparison and Cover --------------------------------------------------------

interface MetricRow {
  key: string;
  label: string;
  kind: MetricKind;
  fmt: string;
  /** The formula for option `o`; `cell(key)` is another metric of the same option. */
  f: (o: OptionModel, cell: (key: string) => Expr) => Expr;
}

function appraisalRows(): MetricRow[] {
  const total = (o: OptionModel, key: string): Expr => cellRef(o.sheets.annual, o.annualCol.get(key) as number, o.annualTotalRow);
  const monthlyRange = (o: OptionModel, key: string, n = o.N): Expr => range(o.sheets.monthly, o.col.get(key) as number, FIRST_ROW, FIRST_ROW + n - 1);
  const pence = (e: Expr): Expr => roundPenceExpr(mul(e, C.pence));
  const pounds = (e: Expr): Expr => div(e, C.pence);
  const info = (key: string): { label: string; kind: MetricKind } => {
    const i = metricInfo(key);
    return { label: i?.label ?? key, kind: i?.kind ?? 'money' };
  };
  const fmtOf = (kind: MetricKind): string =>
    kind === 'money' ? FORMATS.pence : kind === 'fraction' ? FORMATS.percent : kind === 'ratio' ? FORMATS.ratio : kind === 'wte' ? FORMATS.wte : kind === 'month' ? '@' : kind === 'share' ? FORMATS.percent : FORMATS.count;
  const m = (key: string, f: MetricRow['f'], kind?: MetricKind, label?: string): MetricRow => {
    const i = info(key);
    const k = kind ?? i.kind;
    return { key, label: label ?? i.label, kind: k, fmt: fmtOf(k), f };
  };
  const ratio = (a: Expr, b: Expr): Expr => iff(eq(b, ZERO), str('n/a'), div(a, b));
  const streamsCashPv = (o: OptionModel): Expr => {
    if (o.streams === 0) return ZERO;
    return sum(...Array.from({ length: o.streams }, (_, i) => pounds(roundPenceExpr(fn('SUM', monthlyRange(o, `b${i}_x_cash_pv`, o.rows))))));
  };
  // §5.4 Each stream's PV (whole pence by year, after-horizon months included) × (1 − its evidence haircut), to the penny.
  const streamsEvidencePv = (o: OptionModel): Expr => {
    if (o.streams === 0) return ZERO;
    return sum(
      ...Array.from({ length: o.streams }, (_, i) =>
        pounds(roundPenceExpr(mul(roundPenceExpr(mul(fn('SUM', monthlyRange(o, `b${i}_pv`, o.rows)), C.pence)), sub(ONE, nm(`${o.slug}.benefits_${i}.evidence_haircut`))))),
      ),
    );
  };
  return [
    m('total_cost', (o) => total(o, 'total')),
    m('total_cost_real', (o) => total(o, 'cost_real')),
    m('total_cost_discounted', (o) => total(o, 'cost_pv')),
    m('total_cost_optimism_adjusted', (o, c) => pounds(roundPenceExpr(mul(pence(c('total_cost_discounted')), nm(`${o.slug}.optimism_factor`))))),
    m('funded_budget', (o) => total(o, 'budget')),
    m('underspend', (_, c) => sub(c('funded_budget'), c('total_cost'))),
    m('total_benefit', (o) => total(o, 'benefit')),
    m('total_benefit_real', (o) => add(total(o, 'benefit_real'), total(o, 'benefit_real_after'))),
    m('total_benefit_discounted', (o) => add(total(o, 'benefit_pv'), total(o, 'benefit_pv_after'))),
    m('benefits_after_horizon_discounted', (o) => total(o, 'benefit_pv_after')),
    m('cashable_benefit_discounted', (o) => streamsCashPv(o)),
    m('npv', (_, c) => pounds(sub(pence(c('total_benefit_discounted')), pence(c('total_cost_optimism_adjusted'))))),
    m('npv_unadjusted', (_, c) => pounds(sub(pence(c('total_benefit_discounted')), pence(c('total_cost_discounted'))))),
    m('bcr', (_, c) => ratio(pence(c('total_benefit_discounted')), pence(c('total_cost_optimism_adjusted')))),
    m('bcr_unadjusted', (_, c) => ratio(pence(c('total_benefit_discounted')), pence(c('total_cost_discounted')))),
    m('roi', (_, c) => ratio(sub(pence(c('total_benefit_discounted')), pence(c('total_cost_optimism_adjusted'))), pence(c('total_cost_optimism_adjusted')))),
    m('roi_unadjusted', (_, c) => ratio(sub(pence(c('total_benefit_discounted')), pence(c('total_cost_discounted'))), pence(c('total_cost_discounted')))),
    m('total_benefit_discounted_evidence_adjusted', (o) => streamsEvidencePv(o), 'money', 'Total benefit (PV, evidence-adjusted)'),
    m('npv_evidence_adjusted', (_, c) => pounds(sub(pence(c('total_benefit_discounted_evidence_adjusted')), pence(c('total_cost_optimism_adjusted'))))),
    m('bcr_evidence_adjusted', (_, c) => ratio(pence(c('total_benefit_discounted_evidence_adjusted')), pence(c('total_cost_optimism_adjusted')))),
    m('payback_month', (o) => fn('IFERROR', fn('INDEX', monthlyRange(o, 'month'), fn('MATCH', ONE, monthlyRange(o, 'paid_back'), ZERO)), str('never'))),
    m('episodes', (o) => fn('SUM', monthlyRange(o, 'episodes'))),
    m('completed_episodes', (o) => fn('SUM', monthlyRange(o, 'completed'))),
    m('cost_per_episode', (_, c) => iff(gt(c('episodes'), ZERO), pounds(roundPenceExpr(div(pence(c('total_cost')), c('episodes')))), str('n/a'))),
    m('cost_per_completed_episode', (_, c) => iff(gt(c('completed_episodes'), ZERO), pounds(roundPenceExpr(div(pence(c('total_cost')), c('completed_episodes')))), str('n/a'))),
    m('wte_in_post_mean', (o) => fn('AVERAGE', monthlyRange(o, 'P'))),
    m('vacancy_rate', (o) => iff(gt(fn('AVERAGE', monthlyRange(o, 'F')), ZERO), div(div(fn('SUM', monthlyRange(o, 'vacancies')), nm(`${o.slug}.horizon_months`)), fn('AVERAGE', monthlyRange(o, 'F'))), ZERO)),
    m('leavers', (o) => fn('SUM', monthlyRange(o, 'leavers'))),
    m('hires', (o) => fn('SUM', monthlyRange(o, 'hires'))),
    m('burnout_risk_mean', (o) => fn('AVERAGE', monthlyRange(o, 'burnout')), 'share', 'Burnt out, mean (share of team)'),
    m('burnout_risk_peak', (o) => fn('MAX', monthlyRange(o, 'burnout')), 'share', 'Burnt out, peak month (share of team)'),
    m('continuity_probability', (o) => fn('AVERAGE', monthlyRange(o, 'continuity')), 'fraction'),
    m('service_user_months_lost', (o) => fn('SUM', monthlyRange(o, 'months_lost'))),
  ];
}

/** Row of each metric on the Appraisal sheet. */
export const APPRAISAL_FIRST_ROW = 5;

interface AppraisalFrame {
  rowOf: Map<string, number>;
  rows: MetricRow[];
  engineRow: number;
  diffRow: number;
  checkRow: number;
}

/** The Appraisal sheet's title, labels and check rows (the same for any options). */
function appraisalFrame(book: Book): AppraisalFrame {
  const S = APPRAISAL;
  const rows = appraisalRows();
  const rowOf = new Map<string, number>();
  rows.forEach((r, i) => rowOf.set(r.key, APPRAISAL_FIRST_ROW + i));
  book.set(S, 1, 1, { value: 'Appraisal: the headline metrics, by formula on each option\u2019s Annual and Monthly sheets', role: 'title' });
  book.set(S, 1, 2, { value: 'Money in £ (PV: real terms at the price base, discounted, Green Book); optimism bias uplifts the PV of cost in NPV, BCR and ROI.', role: 'note' });
  book.set(S, 1, 4, { value: 'Metric', role: 'header' });
  book.sheet(S).widths.set(1, 44);
  book.sheet(S).heights.set(4, 45);
  book.sheet(S).freeze = { x: 1, y: 4 };
  rows.forEach((r) => book.set(S, 1, rowOf.get(r.key) as number, { value: r.label }));
  // The check: the workbook's own NPV against the engine's.
  let r = APPRAISAL_FIRST_ROW + rows.length + 1;
  book.set(S, 1, r, { value: 'Check', role: 'header' });
  r++;
  const engineRow = r;
  book.set(S, 1, engineRow, { value: 'NPV computed by the peerplan engine (£, a value)' });
  const diffRow = engineRow + 1;
  book.set(S, 1, diffRow, { value: 'Workbook NPV − engine NPV (£)' });
  const checkRow = diffRow + 1;
  book.set(S, 1, checkRow, { value: 'Check (OK: the same NPV to the penny)' });
  return { rowOf, rows, engineRow, diffRow, checkRow };
}

/** Option j's column of the Appraisal sheet: its metrics by formula, and its check. */
function appraisalColumn(book: Book, frame: AppraisalFrame, o: OptionModel, j: number, doc: ScenarioDocument | undefined): void {
  const S = APPRAISAL;
  const { rowOf, engineRow, diffRow, checkRow } = frame;
  book.set(S, 2 + j, 4, { value: doc?.name ?? o.slug, role: 'header' });
  book.sheet(S).widths.set(2 + j, 22);
  frame.rows.forEach((r) => {
    const rr = rowOf.get(r.key) as number;
    const cell = (key: string): Expr => cellRef(S, 2 + j, rowOf.get(key) as number);
    book.set(S, 2 + j, rr, { expr: r.f(o, cell), fmt: r.fmt, role: 'output' });
    book.define(`${o.slug}.${r.key}`, S, 2 + j, rr);
  });
  book.set(S, 2 + j, engineRow, { value: doc?.metrics.npv ?? null, fmt: FORMATS.pence, role: 'input' });
  book.set(S, 2 + j, diffRow, { expr: sub(cellRef(S, 2 + j, rowOf.get('npv') as number), cellRef(S, 2 + j, engineRow)), fmt: FORMATS.pence });
  book.set(S, 2 + j, checkRow, {
    expr: iff(lt(fn('ABS', cellRef(S, 2 + j, diffRow)), div(C.half, C.pence)), str('OK'), str('DIFFERS: the inputs were changed, or see the note on the Cover')),
    role: 'check',
  });
  book.define(`${o.slug}.check`, S, 2 + j, checkRow);
}

function appraisalSheet(book: Book, options: OptionModel[], docs: readonly ScenarioDocument[]): { rowOf: Map<string, number>; rows: MetricRow[]; checkRow: number } {
  const frame = appraisalFrame(book);
  options.forEach((o, j) => appraisalColumn(book, frame, o, j, docs[j]));
  return frame;
}

function comparisonSheet(book: Book, options: OptionModel[], docs: readonly ScenarioDocument[], baseline: number, rowOf: Map<string, number>, rows: MetricRow[]): void {
  const S = COMPARISON;
  const keys = ['npv', 'bcr', 'npv_evidence_adjusted', 'total_cost_discounted', 'total_benefit_discounted', 'total_cost', 'vacancy_rate', 'burnout_risk_mean', 'continuity_probability', 'completed_episodes', 'cost_per_completed_episode', 'leavers'];
  const shown = rows.filter((r) => keys.includes(r.key));
  book.set(S, 1, 1, { value: `Comparison: difference from the baseline (${docs[baseline]?.name ?? ''}) and ranks`, role: 'title' });
  book.set(S, 1, 2, { value: 'Differences of money in £; differences of rates and shares in percentage points (pp), never as a relative change. Rank 1 is best.', role: 'note' });
  book.sheet(S).widths.set(1, 44);
  let r = 4;
  const header = (text: string): void => {
    book.sheet(S).heights.set(r, 45);
    book.set(S, 1, r, { value: text, role: 'header' });
    options.forEach((_, j) => book.set(S, 2 + j, r, { value: docs[j]?.name ?? '', role: 'header' }));
    r++;
  };
  const valueAt = (key: string, j: number): Expr => cellRef(APPRAISAL, 2 + j, rowOf.get(key) as number);
  header(`Difference from the baseline`);
  for (const m of shown) {
    const points = m.kind === 'fraction' || m.kind === 'share';
    book.set(S, 1, r, { value: `${m.label}${points ? ' (pp)' : ''}` });
    options.forEach((_, j) => {
      const d = sub(valueAt(m.key, j), valueAt(m.key, baseline));
      book.set(S, 2 + j, r, { expr: points ? mul(d, C.points) : d, fmt: points ? FORMATS.pp : m.kind === 'money' ? FORMATS.pence : m.kind === 'ratio' ? '+0.00;-0.00;0.00' : '+#,##0.0;-#,##0.0;0.0', role: 'output' });
    });
    r++;
  }
  r++;
  header('Rank (1 = best)');
  for (const m of shown) {
    const info = metricInfo(m.key);
    if (!info?.better) continue;
    book.set(S, 1, r, { value: `${m.label} (${info.better} is better)` });
    options.forEach((_, j) => {
      // RANK over a row: spelled as a comparison count so it works on a row of cells.
      const others = options.map((__, i) => iff(info.better === 'higher' ? gt(valueAt(m.key, i), valueAt(m.key, j)) : lt(valueAt(m.key, i), valueAt(m.key, j)), ONE, ZERO));
      book.set(S, 2 + j, r, { expr: add(ONE, sum(...others)), fmt: FORMATS.int, role: 'output' });
    });
    r++;
  }
  options.forEach((_, j) => book.sheet(S).widths.set(2 + j, 22));
}

function coverSheet(book: Book, doc: ResultDocument, options: ReadonlyArray<Pick<OptionModel, 'sheets' | 'slug'>>, checkRow: number, title: string): void {
  const S = COVER;
  let r = 1;
  // A paragraph wraps within column A (60 characters wide), its row tall enough to show it all:
  // printed to the page's width, text run across empty columns would be cut (issue #28 item 6).
  const line = (value: string, role: Role = 'label'): void => {
    const long = role !== 'title' && value.length > COVER_WIDTH;
    book.set(S, 1, r, { value, role, ...(long ? { wrap: true } : {}) });
    if (long) book.sheet(S).heights.set(r, 15 * Math.ceil(value.length / (COVER_WIDTH - 8)));
    r++;
  };
  line(title, 'title');
  line('A live cost-benefit model of the peer support workforce options below, made by peerplan. Every figure on the Monthly, Annual, Appraisal and Comparison sheets is a formula of the Inputs sheets; the workbook recalculates when an input changes.');
  line(`peerplan ${doc.peerplan_version}${doc.generated_at ? `, ${doc.generated_at}` : ''}. Cached values are stored with every formula, so a viewer that does not recalculate shows the same figures.`);
  r++;
  line('How to use it', 'header');
  line('1. Change a blue cell on a yellow background on an option\u2019s Inputs sheet (e.g. its turnover annual leaver rate).');
  line('2. Recalculate (F9 in Excel; Data ▸ Calculate ▸ Recalculate Hard in LibreOffice; Google Sheets recalculates by itself).');
  line('3. Read the result on the Appraisal and Comparison sheets; follow any figure back through the Annual and Monthly sheets to the inputs (docs/MODEL.md gives each formula).');
  r++;
  book.set(S, 1, r, { value: 'Option', role: 'header' });
  ['Inputs sheet', 'Defined-name prefix', 'File', 'Scenario hash (sha256)'].forEach((h, i) => book.set(S, 2 + i, r, { value: h, role: 'header' }));
  r++;
  options.forEach((o, j) => {
    const d = doc.scenarios[j];
    book.set(S, 1, r, { value: d?.name ?? '' });
    book.set(S, 2, r, { value: o.sheets.inputs });
    book.set(S, 3, r, { value: `${o.slug}.` });
    book.set(S, 4, r, { value: d?.file ?? '' });
    book.set(S, 5, r, { value: d?.hash ?? '' });
    r++;
  });
  r++;
  line(`The check: the Appraisal sheet, row ${checkRow} (defined names <prefix>.check).`, 'header');
  line('The check compares the workbook\u2019s NPV, recalculated from the inputs through every monthly formula (workforce, burnout, hazards, continuity, each cost component, benefits, deflator and discounting, optimism bias), with the NPV the engine computed for the same inputs. OK means they agree to the penny; after an input is changed it shows the difference from the engine\u2019s run.');
  r++;
  line('Limits: what is a value, not a formula', 'header');
  line('Values looked up from the reference tables by a choice (basic salary from band and pay point, HCAS bounds of the area, the pension scheme\u2019s rate and limits) are shown as values with their source; changing the band, point, area or scheme needs a new workbook (peerplan run … --format xlsx).');
  line('Benefit streams: each stream\u2019s value per basis unit is a formula of its input cells (base rate × (1 − relative effect), quantity, dose share, attribution, deadweight, unit value, uprating by the GDP deflator from its price year). The evidence entry and unit cost a stream names are looked up when the workbook is made: the values they supply are the stream\u2019s input cells, with the library entry as their origin; changing benefits.evidence or benefits.unit_cost needs a new workbook.');
  line('The timeline is fixed when the workbook is made: the horizon start and length, the induction months added up, the whole months of a relationship, and the order of funding changes. The foot of each option’s Inputs sheet says what is fixed for that option.');
  line('The Cover holds no formulas: a spreadsheet recalculates sheets in tab order, and a first sheet that depended on the last month would make it follow the whole chain of months at once (LibreOffice gives up on chains that deep).', 'note');
  r = coverCaveats(book, S, doc, r);
  book.sheet(S).widths.set(1, COVER_WIDTH);
  for (let c = 2; c <= 5; c++) book.sheet(S).widths.set(c, 24);
}

/** Width of the Cover's column A, in characters. */
const COVER_WIDTH = 60;

export interface LiveOptions {
  references: (id: string) => ReferenceData;
  title?: string;
}

/** Builds the live workbook's cells and names, and evaluates every formula for its cached value. */
export function buildLiveBook(doc: ResultDocument, options: LiveOptions): Book {
  const book = new Book();
  book.sheet(COVER);
  constantsSheet(book);
  const slugs = optionSlugs(doc.scenarios);
  const models = doc.scenarios.map((d, i) => {
    const s = unflatten(d.inputs);
    return buildOption({ book, doc: d, s, ref: options.references(d.reference), references: options.references }, i + 1, slugs[i] as string);
  });
  const { rowOf, rows, checkRow } = appraisalSheet(book, models, doc.scenarios);
  if (models.length > 1) comparisonSheet(book, models, doc.scenarios, doc.comparison?.baseline ?? 0, rowOf, rows);
  coverSheet(book, doc, models, checkRow, options.title ?? 'Peer support workforce options: a live cost-benefit model');
  book.evaluateAll();
  return book;
}

/** A worksheet of exceljs's streaming writer: written out (and its rows dropped) by commit. */
export type StreamedSheet = Worksheet & { commit(): void };

/** What writing the live workbook sheet by sheet needs: exceljs's streaming WorkbookWriter. */
export interface LiveSink {
  addWorksheet(name: string, options?: object): StreamedSheet;
  definedNames: { add(ref: string, name: string): void };
  /** Commits a worksheet and resolves once it is compressed into the file. */
  commit(ws: StreamedSheet): Promise<void>;
}

/**
 * The live workbook of buildLiveBook, written sheet by sheet and option by option so that
 * memory holds one option's cells at a time (issue 24, N7: the whole book held 12–22 MB per
 * option until it was written): the Cover and Constants first; then each option's Inputs,
 * Monthly and Annual sheets, built with the constants and the option's Appraisal column in
 * a book of their own, evaluated, written and dropped, keeping only that column (formulas
 * and cached values); then the Appraisal and Comparison sheets; the defined names last.
 * A sheet added to buildLiveBook outside buildOption must be added here too.
 */
export async function writeLiveBook(doc: ResultDocument, options: LiveOptions, sink: LiveSink): Promise<void> {
  const slugs = optionSlugs(doc.scenarios);
  const book = new Book();
  book.sheet(COVER);
  constantsSheet(book);
  const frame = appraisalFrame(book);
  const light = doc.scenarios.map((d, i) => ({ sheets: optionSheets(i + 1, d.name), slug: slugs[i] as string }));
  coverSheet(book, doc, light, frame.checkRow, options.title ?? 'Peer support workforce options: a live cost-benefit model');
  const names: Array<[string, string]> = [];
  const write = async (from: Book, sheet: string): Promise<void> => {
    const ws = sink.addWorksheet(sheet, from.sheetOptions(sheet));
    from.writeSheet(ws, sheet);
    await sink.commit(ws);
  };
  await write(book, COVER);
  await write(book, CONSTANTS);
  const models: OptionModel[] = [];
  for (const [i, d] of doc.scenarios.entries()) {
    const own = new Book();
    constantsSheet(own);
    const model = buildOption({ book: own, doc: d, s: unflatten(d.inputs), ref: options.references(d.reference), references: options.references }, i + 1, slugs[i] as string);
    appraisalColumn(own, frame, model, i, d);
    own.evaluateAll();
    // Every sheet the option built (Inputs, Monthly, Annual, and any added there), in order.
    const sheets = own.sheets.map((sh) => sh.name).filter((name) => name !== CONSTANTS && name !== APPRAISAL);
    for (const sheet of sheets) await write(own, sheet);
    names.push(...own.nameRefs((sheet) => sheets.includes(sheet)));
    book.adopt(own, APPRAISAL, 2 + i);
    models.push(model);
  }
  if (models.length > 1) comparisonSheet(book, models, doc.scenarios, doc.comparison?.baseline ?? 0, frame.rowOf, frame.rows);
  book.evaluateAll();
  await write(book, APPRAISAL);
  if (models.length > 1) await write(book, COMPARISON);
  names.push(...book.nameRefs());
  names.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (const [name, ref] of names) sink.definedNames.add(ref, name);
}
