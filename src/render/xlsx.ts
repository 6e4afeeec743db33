/**
 * The Excel workbooks. `--format xlsx` writes the live model (src/render/workbook/live.ts:
 * every figure a formula of the inputs). `--xlsx-values` writes the result document laid
 * out for a finance team to audit, figures as values, here. Its sheets:
 *
 * - Summary: the headline metrics side by side (with differences from the baseline,
 *   ranks and the inputs that differ when the document holds a comparison), the
 *   narrative, and what made the file (peerplan version, reference data).
 * - One sheet per scenario: financial years as columns, cost components, workforce,
 *   burnout, continuity, delivery and benefits as rows. Totals are Excel formulas
 *   (SUM of the cells they add up) with peerplan's own figure stored as the cached
 *   result, so the sheet shows the right number before any recalculation and an
 *   auditor can see what adds up to what.
 * - Monthly: one row per scenario and month, every key figure.
 * - Inputs: every resolved input with where it came from, in words.
 *
 * Real numbers in cells, with number formats for £, % and WTE; nothing is stored as
 * formatted text. Deterministic: the same document gives the same bytes (fixed
 * document dates and creator, zip entry times pinned to 1980-01-01 as Excel does).
 * exceljs is loaded only when a workbook is asked for.
 */
import type { Borders, Cell, Worksheet, Workbook } from 'exceljs';
import type { ResultDocument, ScenarioDocument } from '../result/document.js';
import type { ReferenceData } from '../reference/types.js';
import { COST_COMPONENTS, type MonthResult, type YearResult } from '../engine/result.js';
import { METRICS, NO_BENEFITS_VALUED, noBenefitsValued, type MetricKind } from '../metrics/catalogue.js';
import { costLabel } from './run-layout.js';
import { describeOrigin } from './origins.js';
import { isPercentPath } from '../scenario/fields.js';
import { pinZipTimestamps } from './zip-timestamps.js';
import { xmlChars, xmlSafe, xmlText } from './safe-text.js';
import { maxOf } from './extent.js';
import type { SimulationResult } from '../app/simulate.js';
import { UNCERTAINTY_SHEET, uncertaintySheet } from './xlsx-uncertainty.js';
import { columnLetter } from './workbook/formula.js';
import { inputLabel } from '../metrics/labels.js';
import { ledgerColumnLabel, ledgerLines } from '../metrics/perspectives.js';
import { coverCaveatRows } from './unverified.js';

export interface XlsxOptions {
  /** Reference data by id, for citations in the Inputs sheet. Default: the bundled data sets. */
  references?: (id: string) => ReferenceData;
  /** Title on the Summary sheet. */
  title?: string;
  /**
   * Values only (`--xlsx-values`): the figures laid out for audit, with only sums as
   * formulas. Default: the live model (src/render/workbook/live.ts), every figure a formula.
   */
  values?: boolean;
  /** A probabilistic analysis (`report --draws`): adds the Uncertainty sheet (src/render/xlsx-uncertainty.ts). */
  simulation?: SimulationResult;
}

/** Excel number formats used in the workbook (exported for tests and docs). */
export const NUMBER_FORMATS = {
  /** Whole pounds, negatives with a minus sign. */
  money: '"£"#,##0;-"£"#,##0',
  /** Pounds and pence. */
  pence: '"£"#,##0.00;-"£"#,##0.00',
  /** A fraction shown as a percentage (0.14 → 14.0%). */
  percent: '0.0%',
  /** An input percentage, to up to two decimals (0.1438 → 14.38%). */
  inputPercent: '0.0#%',
  wte: '0.00',
  index: '0.0',
  count: '#,##0',
  ratio: '0.00',
  probability: '0.0000',
  text: '@',
} as const;

const SUMMARY = 'Summary';
const MONTHLY = 'Monthly';
const INPUTS = 'Inputs';
/** Names Excel reserves or this workbook already uses (the Uncertainty sheet of report --draws too). */
const RESERVED = [SUMMARY, MONTHLY, INPUTS, UNCERTAINTY_SHEET, 'History'];

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

function formatFor(kind: MetricKind): string {
  switch (kind) {
    case 'money':
      return NUMBER_FORMATS.money;
    case 'fraction':
      return NUMBER_FORMATS.percent;
    case 'index':
    case 'share':
      return NUMBER_FORMATS.index;
    case 'count':
      return NUMBER_FORMATS.count;
    case 'wte':
      return NUMBER_FORMATS.wte;
    case 'ratio':
      return NUMBER_FORMATS.ratio;
    case 'month':
      return NUMBER_FORMATS.text;
  }
}

function unitFor(kind: MetricKind): string {
  switch (kind) {
    case 'money':
      return '£';
    case 'fraction':
      return '%';
    case 'index':
      return '0-100';
    case 'share':
      return '% of team';
    case 'count':
      return 'number';
    case 'wte':
      return 'WTE';
    case 'ratio':
      return 'ratio';
    case 'month':
      return 'month';
  }
}


/** Pounds to the penny: sums of pence-exact figures without binary noise. */
const pennies = (value: number): number => Math.round(value * 100) / 100;

/**
 * Sheet names for the scenarios: at most 31 characters, none of `[]:*?/\`, not
 * starting or ending with an apostrophe, not a reserved name, unique ignoring case.
 * Long or repeated names are cut and numbered (`Band 3 fixed-term (12-mon (2)`).
 */
export function sheetNames(names: readonly string[]): string[] {
  const used = new Set(RESERVED.map((n) => n.toLowerCase()));
  // At most `n` UTF-16 units (Excel's measure), never half a surrogate pair (not valid
  // XML), and no apostrophe left at the end by the cut.
  const cut = (text: string, n: number): string => text.slice(0, n).replace(/[\ud800-\udbff]$/, '').replace(/'+$/, '').trim();
  return names.map((name, i) => {
    let base = xmlChars(name)
      .replace(/[[\]:*?/\\]/g, '-')
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffd]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '')
      .trim();
    if (base === '') base = `Scenario ${i + 1}`;
    base = cut(base, 31);
    let candidate = base;
    for (let k = 2; used.has(candidate.toLowerCase()); k++) {
      const suffix = ` (${k})`;
      candidate = `${cut(base, 31 - suffix.length)}${suffix}`;
    }
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

// ---------------------------------------------------------------------------
// Styling helpers

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } } as const;
const THIN_BOTTOM: Partial<Borders> = { bottom: { style: 'thin', color: { argb: 'FF808080' } } };

function styleHeader(ws: Worksheet, rowNumber: number): void {
  const row = ws.getRow(rowNumber);
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = THIN_BOTTOM;
    cell.alignment = { vertical: 'bottom', wrapText: true };
  });
}

function title(ws: Worksheet, text: string): void {
  const cell = ws.getCell('A1');
  cell.value = text;
  cell.font = { bold: true, size: 14 };
}

function sectionRow(ws: Worksheet, label: string): number {
  const row = ws.addRow([label]);
  row.font = { bold: true };
  return row.number;
}

function setNumber(cell: Cell, value: number | null, numFmt: string): void {
  cell.value = value;
  cell.numFmt = numFmt;
}

// ---------------------------------------------------------------------------
// Summary

function summarySheet(wb: Workbook, doc: ResultDocument, sheets: readonly string[], options: XlsxOptions): void {
  const ws = wb.addWorksheet(SUMMARY, { views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }] });
  title(ws, options.title ?? 'Peer support workforce options: cost, continuity and burnout risk');
  ws.getCell('A2').value = 'Money in £, nominal unless marked PV (present value, discounted to the horizon start). Figures are to the penny; formats round them for display.';
  const comparison = doc.comparison;
  const names = comparison ? comparison.names : doc.scenarios.map((s) => s.name);
  const header = ws.getRow(3);
  header.values = ['Metric', 'Unit', ...names.map((n, i) => (comparison && i === comparison.baseline ? `${n} [baseline]` : n)), ...(comparison && names.length > 1 ? ['Best'] : [])];
  styleHeader(ws, 3);

  const rows = comparison
    ? comparison.rows.map((r) => ({ info: r.metric, values: r.values, deltas: r.deltas, ranks: r.ranks, best: r.best }))
    : METRICS.map((info) => ({ info, values: doc.scenarios.map((s) => s.metrics[info.key]), deltas: null, ranks: null, best: [] as number[] }));
  for (const r of rows) {
    const row = ws.addRow([r.info.label, unitFor(r.info.kind)]);
    r.values.forEach((v, i) => {
      const cell = row.getCell(3 + i);
      if (r.info.kind === 'month') cell.value = v === null ? 'never' : String(v);
      else if (noBenefitsValued(r.info.key, doc.scenarios[comparison ? doc.scenarios.findIndex((s) => s.name === names[i]) : i]?.metrics)) cell.value = NO_BENEFITS_VALUED;
      else setNumber(cell, typeof v === 'number' ? v : null, formatFor(r.info.kind));
      if (r.best.includes(i)) cell.font = { bold: true };
    });
    if (comparison && names.length > 1) row.getCell(3 + names.length).value = r.best.map((i) => names[i] ?? '').join('; ');
  }

  if (comparison && names.length > 1) {
    ws.addRow([]);
    const base = names[comparison.baseline] ?? '';
    const h = ws.addRow([`Difference from the baseline (${base})`, 'Unit', ...names]);
    styleHeader(ws, h.number);
    for (const r of rows) {
      const row = ws.addRow([r.info.label, r.info.kind === 'month' ? 'months' : unitFor(r.info.kind)]);
      (r.deltas ?? []).forEach((d, i) => {
        const fmt = r.info.kind === 'month' ? '+0;-0;0' : formatFor(r.info.kind);
        setNumber(row.getCell(3 + i), d, fmt);
      });
    }
    ws.addRow([]);
    const rh = ws.addRow(['Rank (1 = best)', '', ...names]);
    styleHeader(ws, rh.number);
    for (const r of rows) {
      if (r.info.better === null) continue;
      const row = ws.addRow([r.info.label, r.info.better === 'higher' ? 'higher is better' : 'lower is better']);
      (r.ranks ?? []).forEach((rank, i) => setNumber(row.getCell(3 + i), rank, '0'));
    }
    if (comparison.input_differences.length > 0) {
      ws.addRow([]);
      const dh = ws.addRow(['Inputs that differ', '', ...names]);
      styleHeader(ws, dh.number);
      for (const d of comparison.input_differences) {
        // Plain English for the reader; the path (for --set) on hover, as in the HTML report.
        const row = ws.addRow([inputLabel(d.path), '']);
        row.getCell(1).note = d.path;
        d.values.forEach((v, i) => {
          const cell = row.getCell(3 + i);
          if (typeof v === 'number') setNumber(cell, v, isPercentPath(d.path) ? NUMBER_FORMATS.inputPercent : 'General');
          else cell.value = v === null ? '-' : v;
        });
      }
    }
  }

  if (comparison && comparison.narrative.length > 0) {
    ws.addRow([]);
    sectionRow(ws, 'In brief');
    for (const line of comparison.narrative) ws.addRow([line]);
  }

  ws.addRow([]);
  const sh = ws.addRow(['Scenario', 'Sheet', 'File', 'Reference data', 'Scenario hash (sha256)']);
  styleHeader(ws, sh.number);
  doc.scenarios.forEach((s, i) => {
    const sheet = sheets[i] ?? '';
    const row = ws.addRow([s.name, sheet, s.file, s.reference, s.hash]);
    if (sheet) row.getCell(2).value = { text: sheet, hyperlink: `#'${sheet.replace(/'/g, "''")}'!A1` };
  });

  // Whose costs and savings, and every unverified figure the options use (issue 23).
  const cover = coverCaveatRows(doc.scenarios);
  ws.addRow([]);
  sectionRow(ws, 'Perspective and unverified figures');
  for (const line of cover.perspective) ws.addRow([line]);
  if (cover.caveat) ws.addRow([cover.caveat]);
  if (cover.figures.length > 0) {
    const uh = ws.addRow(['Unverified figure', 'Value', 'Used by', 'Why unverified', 'Stake (share of benefit PV)']);
    styleHeader(ws, uh.number);
    for (const f of cover.figures) ws.addRow(f);
  } else ws.addRow(['Every figure the results use is verified at source.']);

  ws.addRow([]);
  sectionRow(ws, 'About this workbook');
  ws.addRow(['peerplan version', doc.peerplan_version]);
  ws.addRow(['Generated', doc.generated_at ?? 'not recorded (peerplan --timestamp records it)']);
  ws.addRow(['Sheets', 'Summary; one sheet per scenario (financial years); Monthly; Inputs (every input and where it came from)']);

  ws.getColumn(1).width = 34;
  ws.getColumn(2).width = 12;
  for (let i = 0; i < Math.max(names.length + 1, 3); i++) ws.getColumn(3 + i).width = 22;
}

// ---------------------------------------------------------------------------
// One sheet per scenario

interface YearRow {
  label: string;
  unit: string;
  numFmt: string;
  value: (y: YearResult, i: number) => number;
  /** The Total column: a SUM of the years, a horizon figure, or nothing. */
  total: 'sum' | ((s: ScenarioDocument) => number | null);
  /** Year cells computed in Excel from other rows of this sheet (labels of the rows they add up). */
  formula?: { sumOf: string[] } | { minus: [string, string] };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function monthsByYear(s: ScenarioDocument): Map<string, MonthResult[]> {
  const map = new Map<string, MonthResult[]>();
  for (const m of s.months) {
    const list = map.get(m.fiscal_year);
    if (list) list.push(m);
    else map.set(m.fiscal_year, [m]);
  }
  return map;
}

function scenarioSheet(wb: Workbook, s: ScenarioDocument, name: string): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }] });
  title(ws, s.name);
  ws.getCell('A2').value = `${s.file} · reference ${s.reference} · £ nominal unless marked PV`;
  const years = s.years;
  const byYear = monthsByYear(s);
  const peak = (y: YearResult): number => maxOf((byYear.get(y.year) ?? []).map((m) => m.burnout_risk));
  const firstYearCol = 3;
  const totalCol = firstYearCol + years.length;
  ws.getRow(3).values = ['Item', 'Unit', ...years.map((y) => (y.months < 12 ? `${y.year} (${y.months} months)` : y.year)), 'Total'];
  styleHeader(ws, 3);

  const money = NUMBER_FORMATS.money;
  const costRows: YearRow[] = COST_COMPONENTS.map((c) => ({ label: costLabel(c), unit: '£', numFmt: money, value: (y) => y.cost[c], total: 'sum' }));
  const sections: Array<[string, YearRow[]]> = [
    [
      'Cost (£, nominal)',
      [
        ...costRows,
        { label: 'Total cost', unit: '£', numFmt: money, value: (y) => y.cost.total, total: 'sum', formula: { sumOf: costRows.map((r) => r.label) } },
        { label: 'Total cost (PV)', unit: '£', numFmt: money, value: (y) => y.cost_discounted, total: 'sum' },
        { label: 'Funded budget (posts always filled)', unit: '£', numFmt: money, value: (y) => y.funded_budget, total: 'sum' },
      ],
    ],
    [
      'Workforce',
      [
        { label: 'Months in the year', unit: 'months', numFmt: '0', value: (y) => y.months, total: 'sum' },
        { label: 'Funded WTE (mean)', unit: 'WTE', numFmt: NUMBER_FORMATS.wte, value: (y) => y.funded_wte, total: (d) => mean(d.months.map((m) => m.funded_wte)) },
        { label: 'WTE in post (mean)', unit: 'WTE', numFmt: NUMBER_FORMATS.wte, value: (y) => y.wte_in_post, total: (d) => d.metrics.wte_in_post_mean },
        { label: 'Vacancy rate', unit: '%', numFmt: NUMBER_FORMATS.percent, value: (y) => y.vacancy_rate, total: (d) => d.metrics.vacancy_rate },
        { label: 'Leavers (WTE)', unit: 'WTE', numFmt: NUMBER_FORMATS.wte, value: (y) => y.leavers, total: 'sum' },
        { label: 'Hires (WTE)', unit: 'WTE', numFmt: NUMBER_FORMATS.wte, value: (y) => y.hires, total: 'sum' },
      ],
    ],
    [
      'Burnout and continuity',
      [
        { label: 'Burnt out, mean', unit: '% of team', numFmt: NUMBER_FORMATS.index, value: (y) => y.burnout_risk, total: (d) => d.metrics.burnout_risk_mean },
        { label: 'Burnt out, peak month', unit: '% of team', numFmt: NUMBER_FORMATS.index, value: peak, total: (d) => d.metrics.burnout_risk_peak },
        { label: 'Continuity score', unit: '0-100', numFmt: NUMBER_FORMATS.index, value: (y) => y.continuity, total: (d) => d.metrics.continuity },
      ],
    ],
    [
      'Delivery',
      [
        { label: 'Support episodes started', unit: 'episodes', numFmt: '#,##0.0', value: (y) => y.episodes, total: 'sum' },
        { label: 'Completed with the same worker', unit: 'episodes', numFmt: '#,##0.0', value: (y) => y.completed_episodes, total: 'sum' },
      ],
    ],
    [
      'Benefits (£, nominal)',
      [
        { label: 'Fiscal benefit', unit: '£', numFmt: money, value: (y) => y.benefits.fiscal, total: 'sum' },
        { label: 'Economic benefit', unit: '£', numFmt: money, value: (y) => y.benefits.economic, total: 'sum' },
        { label: 'Social benefit', unit: '£', numFmt: money, value: (y) => y.benefits.social, total: 'sum' },
        {
          label: 'Total benefit',
          unit: '£',
          numFmt: money,
          value: (y) => y.benefits.total,
          total: 'sum',
          formula: { sumOf: ['Fiscal benefit', 'Economic benefit', 'Social benefit'] },
        },
        { label: 'of which cashable', unit: '£', numFmt: money, value: (y) => y.benefits.cashable, total: 'sum' },
        { label: 'Total benefit (PV)', unit: '£', numFmt: money, value: (y) => y.benefits_discounted, total: 'sum' },
        { label: 'Net, cash (benefit − cost)', unit: '£', numFmt: money, value: (y) => y.net, total: 'sum', formula: { minus: ['Total benefit', 'Total cost'] } },
      ],
    ],
  ];

  const rowOf = new Map<string, number>();
  for (const [heading, rows] of sections) {
    sectionRow(ws, heading);
    for (const r of rows) {
      const row = ws.addRow([r.label, r.unit]);
      rowOf.set(r.label, row.number);
      const isSum = r.total === 'sum';
      years.forEach((y, i) => {
        const cell = row.getCell(firstYearCol + i);
        const value = r.value(y, i);
        const col = columnLetter(firstYearCol + i);
        if (r.formula && 'sumOf' in r.formula) {
          const refs = r.formula.sumOf.map((label) => `${col}${rowOf.get(label) ?? 0}`);
          cell.value = { formula: `SUM(${refs.join(',')})`, result: value };
        } else if (r.formula) {
          const [a, b] = r.formula.minus;
          cell.value = { formula: `${col}${rowOf.get(a) ?? 0}-${col}${rowOf.get(b) ?? 0}`, result: value };
        } else {
          cell.value = value;
        }
        cell.numFmt = r.numFmt;
      });
      const totalCell = row.getCell(totalCol);
      if (isSum) {
        const sum = years.reduce((acc, y, i) => acc + r.value(y, i), 0);
        const result = r.unit === '£' ? pennies(sum) : sum;
        totalCell.value = years.length > 0 ? { formula: `SUM(${columnLetter(firstYearCol)}${row.number}:${columnLetter(totalCol - 1)}${row.number})`, result } : 0;
      } else {
        totalCell.value = (r.total as (d: ScenarioDocument) => number | null)(s);
      }
      totalCell.numFmt = r.numFmt;
      totalCell.font = { bold: true };
    }
  }
  ws.addRow([]);
  ws.addRow(['Total column: sums over the horizon; for means, rates and indices, the horizon figure (e.g. the mean over all months).']);

  // Headline metrics, as in the JSON `metrics` object.
  ws.addRow([]);
  const mh = ws.addRow(['Headline metric (whole horizon)', 'Unit', 'Value']);
  styleHeader(ws, mh.number);
  for (const info of METRICS) {
    const value = s.metrics[info.key];
    const row = ws.addRow([info.label, unitFor(info.kind)]);
    const cell = row.getCell(3);
    if (info.kind === 'month') cell.value = value === null ? 'never' : String(value);
    else setNumber(cell, typeof value === 'number' ? value : null, formatFor(info.kind));
  }
  const memo = ws.addRow(['Memo: workers’ own time in supervision (inside pay)', '£']);
  setNumber(memo.getCell(3), s.metrics.worker_supervision_time_value, money);

  if (s.benefit_streams.length > 0) {
    ws.addRow([]);
    const bh = ws.addRow(['Benefit stream', 'Category', 'Total', 'Total (PV)', 'Cashable (PV)']);
    styleHeader(ws, bh.number);
    for (const b of s.benefit_streams) {
      const row = ws.addRow([b.name, b.category]);
      setNumber(row.getCell(3), b.total, money);
      setNumber(row.getCell(4), b.total_discounted, money);
      setNumber(row.getCell(5), b.cashable_discounted, money);
    }
  }

  ledgerSection(ws, s);

  ws.getColumn(1).width = 40;
  ws.getColumn(2).width = 10;
  for (let c = firstYearCol; c <= Math.max(totalCol, firstYearCol + (s.ledger?.columns.length ?? 0)); c++) ws.getColumn(c).width = 15;
}

/** §7.7 Who pays, who saves by financial year (PV; cost negative): each row's total, the benefit total and the net by formula. */
function ledgerSection(ws: Worksheet, s: ScenarioDocument): void {
  const l = s.ledger;
  if (!l || l.benefits.length === 0) return;
  ws.addRow([]);
  const first = 3;
  const last = first + l.columns.length - 1;
  const head = ws.addRow(['Who pays, who saves (PV, £; cost negative)', 'Category', ...l.columns.map(ledgerColumnLabel), 'Total']);
  styleHeader(ws, head.number);
  const lines = ledgerLines(l);
  const rows: number[] = [];
  for (const x of lines) {
    const row = ws.addRow([x.label, x.category === 'total' ? '' : `${x.category}${x.cashable ? ', cashable' : ''}`]);
    const isSum = x.category === 'total';
    x.values.forEach((v, j) => {
      const col = columnLetter(first + j);
      const cell = row.getCell(first + j);
      // The benefit total adds the benefit rows; the net adds the cost row too.
      const from = x.key === 'net' ? rows : rows.slice(1);
      cell.value = isSum ? { formula: `SUM(${from.map((r) => `${col}${r}`).join(',')})`, result: v } : v;
      cell.numFmt = NUMBER_FORMATS.money;
    });
    const total = row.getCell(last + 1);
    total.value = { formula: `SUM(${columnLetter(first)}${row.number}:${columnLetter(last)}${row.number})`, result: x.total };
    total.numFmt = NUMBER_FORMATS.money;
    total.font = { bold: true };
    if (!isSum) rows.push(row.number);
  }
  ws.addRow(['Cashable: money a budget no longer pays out (cash-releasing savings and transfers). The social view counts every benefit row but transfers; the commissioner, cash-releasing rows of the NHS provider and ICB; the Exchequer, transfers and cash-releasing rows of public bodies.']);
}

// ---------------------------------------------------------------------------
// Monthly

interface MonthlyColumn {
  header: string;
  numFmt: string;
  width: number;
  value: (m: MonthResult) => number | string | null;
}

const MONTHLY_COLUMNS: MonthlyColumn[] = [
  { header: 'Month', numFmt: NUMBER_FORMATS.text, width: 9, value: (m) => m.month },
  { header: 'Financial year', numFmt: NUMBER_FORMATS.text, width: 10, value: (m) => m.fiscal_year },
  { header: 'Funded WTE', numFmt: NUMBER_FORMATS.wte, width: 10, value: (m) => m.funded_wte },
  { header: 'WTE in post', numFmt: NUMBER_FORMATS.wte, width: 10, value: (m) => m.wte_in_post },
  { header: 'Vacancies (WTE)', numFmt: NUMBER_FORMATS.wte, width: 10, value: (m) => m.vacancies_wte },
  { header: 'In induction (WTE)', numFmt: NUMBER_FORMATS.wte, width: 10, value: (m) => m.wte_in_induction },
  { header: 'Productive WTE', numFmt: NUMBER_FORMATS.wte, width: 10, value: (m) => m.productive_wte },
  { header: 'Leavers (WTE)', numFmt: '0.000', width: 10, value: (m) => m.leavers },
  { header: 'Hires (WTE)', numFmt: '0.000', width: 10, value: (m) => m.hires },
  { header: 'Leaver hazard (monthly)', numFmt: '0.00%', width: 11, value: (m) => m.leaver_hazard },
  { header: 'Burnt out (% of team)', numFmt: NUMBER_FORMATS.index, width: 10, value: (m) => m.burnout_risk },
  { header: 'Continuity probability', numFmt: NUMBER_FORMATS.percent, width: 11, value: (m) => m.continuity_probability },
  { header: 'Episodes started', numFmt: '0.00', width: 10, value: (m) => m.episodes },
  { header: 'Episodes completed', numFmt: '0.00', width: 10, value: (m) => m.completed_episodes },
  { header: 'Support months lost', numFmt: '0.00', width: 10, value: (m) => m.service_user_months_lost },
  ...COST_COMPONENTS.map((c) => ({ header: costLabel(c), numFmt: NUMBER_FORMATS.pence, width: 13, value: (m: MonthResult) => m.cost[c] })),
  { header: 'Total cost', numFmt: NUMBER_FORMATS.pence, width: 13, value: (m) => m.cost.total },
  { header: 'Total cost (PV)', numFmt: NUMBER_FORMATS.pence, width: 13, value: (m) => m.cost_discounted },
  { header: 'Funded budget', numFmt: NUMBER_FORMATS.pence, width: 13, value: (m) => m.funded_budget },
  { header: 'Total benefit', numFmt: NUMBER_FORMATS.pence, width: 13, value: (m) => m.benefits.total },
  { header: 'Cashable benefit', numFmt: NUMBER_FORMATS.pence, width: 13, value: (m) => m.benefits.cashable },
  { header: 'Total benefit (PV)', numFmt: NUMBER_FORMATS.pence, width: 13, value: (m) => m.benefits_discounted },
  { header: 'Discount factor', numFmt: '0.0000', width: 10, value: (m) => m.discount_factor },
  { header: 'Pay uplift factor', numFmt: '0.0000', width: 10, value: (m) => m.pay_uplift_factor },
  { header: 'Contract months left', numFmt: '0', width: 10, value: (m) => m.contract_months_remaining },
];

function monthlySheet(wb: Workbook, doc: ResultDocument): void {
  const ws = wb.addWorksheet(MONTHLY, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  ws.columns = [
    { header: 'Scenario', width: 30 },
    ...MONTHLY_COLUMNS.map((c) => ({ header: c.header, width: c.width, style: { numFmt: c.numFmt } })),
  ];
  styleHeader(ws, 1);
  for (const s of doc.scenarios) {
    for (const m of s.months) ws.addRow([s.name, ...MONTHLY_COLUMNS.map((c) => c.value(m))]);
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: MONTHLY_COLUMNS.length + 1 } };
}

// ---------------------------------------------------------------------------
// Inputs

function inputsSheet(wb: Workbook, doc: ResultDocument, references: XlsxOptions['references']): void {
  const ws = wb.addWorksheet(INPUTS, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  ws.columns = [
    { header: 'Scenario', width: 30 },
    { header: 'Input', width: 56 },
    { header: 'Value', width: 16 },
    { header: 'Where the value came from', width: 90 },
  ];
  styleHeader(ws, 1);
  for (const s of doc.scenarios) {
    for (const input of s.inputs) {
      const row = ws.addRow([s.name, inputLabel(input.path), null, describeOrigin(input.origin, references)]);
      row.getCell(2).note = input.path;
      const cell = row.getCell(3);
      const v = input.value;
      if (typeof v === 'number') setNumber(cell, v, isPercentPath(input.path) ? NUMBER_FORMATS.inputPercent : 'General');
      else cell.value = v === null ? '-' : v;
    }
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 4 } };
}

// ---------------------------------------------------------------------------

export async function renderXlsx(raw: ResultDocument, rawOptions: XlsxOptions = {}): Promise<Uint8Array> {
  // Every string that reaches the workbook's XML comes from these two: made XML-safe once.
  const doc = xmlSafe(raw);
  const options: XlsxOptions = { ...rawOptions, ...(rawOptions.title !== undefined ? { title: xmlText(rawOptions.title) } : {}) };
  // exceljs is CommonJS: under Node's ESM loader its exports arrive as `default`.
  const loaded = (await import('exceljs')) as unknown as typeof import('exceljs') & { default?: typeof import('exceljs') };
  const ExcelJS = loaded.default ?? loaded;
  const when = doc.generated_at ? new Date(doc.generated_at) : FIXED_DATE;
  const properties = { creator: 'peerplan', lastModifiedBy: 'peerplan', created: when, modified: when, title: options.title ?? 'Peer support workforce options', company: '' };
  if (!options.values) return pinZipTimestamps(await streamLive(ExcelJS, doc, options, properties));

  const wb = new ExcelJS.Workbook();
  Object.assign(wb, properties);
  const names = sheetNames(raw.scenarios.map((s) => s.name));
  summarySheet(wb, doc, names, options);
  doc.scenarios.forEach((s, i) => scenarioSheet(wb, s, names[i] ?? `Scenario ${i + 1}`));
  monthlySheet(wb, doc);
  inputsSheet(wb, doc, options.references);
  if (options.simulation) uncertaintySheet(wb, options.simulation);

  const buffer = await wb.xlsx.writeBuffer();
  const bytes = new Uint8Array(buffer as ArrayBuffer);
  return pinZipTimestamps(bytes);
}

/**
 * The live model through exceljs's streaming writer, one option's sheets in memory at a
 * time (src/render/workbook/live.ts, writeLiveBook); the file's bytes are gathered as the
 * zip is written.
 */
async function streamLive(ExcelJS: typeof import('exceljs'), doc: ResultDocument, options: XlsxOptions, properties: object): Promise<Uint8Array> {
  const { writeLiveBook } = await import('./workbook/live.js');
  const { Writable } = await import('node:stream');
  const references = options.references ?? (await import('../reference/load.js')).loadReference;
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  Object.assign(wb, properties);
  const internals = wb as unknown as { zip: import('node:events').EventEmitter; _definedNames: unknown };
  const zip = internals.zip;
  // The defined names as the workbook's XML lists them. exceljs's own table keeps a sparse
  // grid of the sheet per name (about 1.5 MB an option, for all of the file's life).
  const definedNames: Array<{ name: string; ranges: string[] }> = [];
  internals._definedNames = { model: definedNames };
  await writeLiveBook(doc, { references, ...(options.title !== undefined ? { title: options.title } : {}) }, {
    addWorksheet: (name, opts) => wb.addWorksheet(name, opts) as never,
    definedNames: { add: (ref, name) => definedNames.push({ name, ranges: [ref] }) },
    // Resolves once the archive has taken the sheet in, so that its rows are compressed
    // before the next option is built.
    commit: (ws) =>
      new Promise<void>((resolve) => {
        const path = `xl/worksheets/sheet${String((ws as unknown as { id: number }).id)}.xml`;
        const taken = (entry: { name: string }): void => {
          if (!entry.name.endsWith(path)) return;
          zip.off('entry', taken);
          resolve();
        };
        zip.on('entry', taken);
        ws.commit();
        // exceljs keeps every formula of a committed sheet by address (for shared formulas,
        // which this workbook does not use): about 3 MB an option otherwise.
        (ws as unknown as { _formulae: object })._formulae = {};
      }),
  });
  if (options.simulation) uncertaintySheet(wb as unknown as Workbook, options.simulation);
  await wb.commit();
  return new Uint8Array(Buffer.concat(chunks));
}
