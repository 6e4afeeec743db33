import type { PerspectivesResult } from '../engine/perspectives.js';
/**
 * Terminal tables (cli-table3). Loaded only for `--format table`, so JSON and CSV
 * output never pay for cli-table3 or chalk. Tables are split into several blocks of
 * columns when they would not fit the width (100 columns by default).
 */
import { baselineReasonText } from '../compare/baseline.js';
import Table from 'cli-table3';
import { Chalk, type ChalkInstance } from 'chalk';
import type { ResultDocument, ScenarioDocument } from '../result/document.js';
import type { Comparison } from '../compare/compare.js';
import { formatMoney, formatNumber, formatPercent, withSign, wrapText } from '../text/format.js';
import { formatDelta, formatMetric, metricInfo, NO_BENEFITS_VALUED, noBenefitsValued, type MetricKey } from '../metrics/catalogue.js';
import { displayValue } from './values.js';
import { inputLabel } from '../metrics/labels.js';
import { runHeadlineMetrics, yearTableRows } from './run-layout.js';
import { terminalSafe } from './safe-text.js';
import { maxOf } from './extent.js';
import { appraisalBasisLines } from './appraisal-basis.js';
import { unverifiedCaveatParts, unverifiedCaveatText } from './unverified.js';
import { ledgerColumnLabel, ledgerLines, perspectiveComparisonRows } from '../metrics/perspectives.js';

/** The unverified figures that move a headline (the HTML report's caveat), as plain lines. */
function unverifiedLines(scenarios: readonly ScenarioDocument[]): string[] {
  const c = unverifiedCaveatParts(scenarios.map((s) => s.unverified));
  return c === null ? [] : [unverifiedCaveatText(c)];
}

export interface TableOptions {
  color: boolean;
  /** Maximum line width; tables wider than this are split into column blocks. */
  width: number;
  monthly: boolean;
}

type Align = 'left' | 'right';

function paint(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

const stripAnsi = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');

/** Widest line of a cell as shown (colour codes excluded). */
const cellWidth = (text: string): number => Math.max(0, maxOf(stripAnsi(text).split('\n').map((line) => [...line].length)));

/** Headers wrap onto several lines rather than widen a column past its values (within `headerCap`). */
function columnWidths(head: string[], rows: string[][], headerCap: number): number[] {
  return head.map((h, i) => {
    const body = Math.max(0, maxOf(rows.map((r) => cellWidth(r[i] ?? ''))));
    const longestWord = Math.max(0, maxOf(stripAnsi(h).split(/\s+/).map((w) => [...w].length)));
    const header = Math.min(cellWidth(h), Math.max(headerCap, longestWord));
    return Math.max(body, header) + 2;
  });
}

function draw(head: string[], rows: string[][], aligns: Align[], c: ChalkInstance, headerCap = 18, compact = false): string {
  const table = new Table({
    head: head.map((h) => c.bold(h)),
    colAligns: aligns,
    colWidths: columnWidths(head, rows, headerCap),
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1, compact },
  });
  for (const row of rows) table.push(row);
  return table.toString();
}


/**
 * Draws a table whose first `fixed` columns repeat in every block and whose other
 * columns are split into as few blocks as fit `width`.
 */
export function fitTable(
  head: string[],
  rows: string[][],
  aligns: Align[],
  fixed: number,
  width: number,
  c: ChalkInstance,
  compact = false,
  headerCap = 18,
): string {
  const total = head.length - fixed;
  for (let perBlock = total; perBlock >= 1; perBlock--) {
    const blocks: string[] = [];
    for (let start = fixed; start < head.length; start += perBlock) {
      const cols = [...Array(fixed).keys(), ...Array.from({ length: Math.min(perBlock, head.length - start) }, (_, k) => start + k)];
      const pickCols = <T>(xs: T[]): T[] => cols.map((i) => xs[i] as T);
      blocks.push(draw(pickCols(head), rows.map(pickCols), pickCols(aligns), c, headerCap, compact));
    }
    if (perBlock === 1 || blocks.every((b) => cellWidth(b) <= width)) return blocks.join('\n');
  }
  return '';
}

function yearRows(doc: ScenarioDocument): { head: string[]; rows: string[][] } {
  return {
    head: ['Financial year', ...doc.years.map((y) => (y.months < 12 ? `${y.year} (${y.months}m)` : y.year)), 'Total'],
    rows: yearTableRows(doc).map((r) => [r.label, ...r.cells, r.total]),
  };
}

function monthRows(doc: ScenarioDocument): { head: string[]; rows: string[][] } {
  return {
    head: ['Month', 'Funded', 'In post', 'Leavers', 'Hires', 'Productive', 'Burnt out %', 'Contin.', 'Cost', 'Benefits'],
    rows: doc.months.map((mo) => [
      mo.month,
      formatNumber(mo.funded_wte, 2),
      formatNumber(mo.wte_in_post, 2),
      formatNumber(mo.leavers, 2),
      formatNumber(mo.hires, 2),
      formatNumber(mo.productive_wte, 2),
      formatNumber(mo.burnout_risk, 1),
      formatPercent(mo.continuity_probability),
      formatMoney(mo.cost.total),
      formatMoney(mo.benefits.total),
    ]),
  };
}

/** §7.7 Who pays, who saves: the ledger by organisation and financial year (PV, £; cost negative). */
function ledgerRows(s: ScenarioDocument): { head: string[]; rows: string[][] } | null {
  const l = s.ledger;
  if (!l || l.benefits.length === 0) return null;
  return {
    head: ['Who pays, who saves (PV, £)', ...l.columns.map(ledgerColumnLabel), 'Total'],
    rows: ledgerLines(l).map((x) => [
      x.category === 'cost' || x.category === 'total' ? x.label : `${x.label} (${x.category}${x.cashable ? ', cashable' : ''})`,
      ...x.values.map((v) => formatMoney(v)),
      formatMoney(x.total),
    ]),
  };
}

/** §7.6 The three perspectives as headline rows: NPV and BCR of each view. */
function perspectiveRows(p: PerspectivesResult | undefined): string[][] {
  if (!p) return [];
  const bcr = (x: number | null): string => (x === null ? 'n/a' : formatNumber(x, 2));
  return [
    ['Social NPV (transfers excluded)', formatMoney(p.social.npv)],
    ['Social BCR', bcr(p.social.bcr)],
    ['Commissioner NPV (cash-releasing)', formatMoney(p.commissioner.npv)],
    ['Commissioner BCR', bcr(p.commissioner.bcr)],
    ['Exchequer NPV', formatMoney(p.exchequer.npv)],
    ['Exchequer BCR', bcr(p.exchequer.bcr)],
  ];
}

export function renderRunTable(raw: ResultDocument, options: TableOptions): string {
  const doc = terminalSafe(raw);
  const c = paint(options.color);
  const parts: string[] = [];
  for (const s of doc.scenarios) {
    const first = s.months[0]?.month ?? '';
    const last = s.months[s.months.length - 1]?.month ?? '';
    parts.push(`${c.bold(s.name)}\n${c.dim(`${s.file} · reference ${s.reference} · ${first} to ${last} (${s.months.length} months)`)}`);
    parts.push(...[...appraisalBasisLines([s]), ...unverifiedLines([s])].map((line) => c.dim(wrapText(line, options.width, ''))), '');
    const headline = runHeadlineMetrics.map((key) => {
      const info = metricInfo(key);
      return [info?.label ?? key, noBenefitsValued(key, s.metrics) ? NO_BENEFITS_VALUED : formatMetric(info?.kind ?? 'count', s.metrics[key])];
    });
    // §7.6 The views' NPV and BCR after the headline's return on investment.
    const afterRoi = runHeadlineMetrics.indexOf('roi') + 1;
    headline.splice(afterRoi > 0 ? afterRoi : headline.length, 0, ...perspectiveRows(s.perspectives));
    // One-line cells: no rule between rows, so a screen shows the whole projection.
    parts.push(draw(['Headline', 'Value'], headline, ['left', 'right'], c, 18, true));
    const years = yearRows(s);
    parts.push('', fitTable(years.head, years.rows, ['left', ...years.head.slice(1).map((): Align => 'right')], 1, options.width, c, true));
    const ledger = ledgerRows(s);
    if (ledger) parts.push('', fitTable(ledger.head, ledger.rows, ['left', ...ledger.head.slice(1).map((): Align => 'right')], 1, options.width, c, true));
    if (options.monthly) {
      const months = monthRows(s);
      parts.push('', draw(months.head, months.rows, ['left', ...months.head.slice(1).map((): Align => 'right')], c, 18, true));
    }
    parts.push('');
  }
  return parts.join('\n');
}

function deltaText(kind: string, delta: number | null, ratio: number | null): string {
  if (delta === null) return '';
  const abs =
    kind === 'month'
      ? `${formatNumber(delta, 0)} mo`
      : formatDelta(kind as never, delta);
  const absSigned = kind === 'month' && delta > 0 ? `+${abs}` : abs;
  return ratio === null || kind === 'month' ? absSigned : `${absSigned} (${withSign(formatPercent(ratio), ratio)})`;
}

export function renderComparisonTable(raw: ResultDocument, options: TableOptions): string {
  const doc = terminalSafe(raw);
  const c = paint(options.color);
  const comparison = doc.comparison as Comparison & { narrative: string[] };
  const names = comparison.names;
  const head = ['Metric', ...names.map((n, i) => (i === comparison.baseline ? `${n} [baseline]` : n))];
  const rows = [...comparison.rows, ...perspectiveComparisonRows(doc.scenarios, comparison.baseline)].map((row) => [
    row.metric.label,
    ...row.values.map((value, i) => {
      const shown = noBenefitsValued(row.metric.key, doc.scenarios[i]?.metrics) ? NO_BENEFITS_VALUED : formatMetric(row.metric.kind, value);
      const rank = row.ranks[i];
      const isBest = row.best.includes(i);
      const line1 = `${isBest ? '★ ' : ''}${shown}${rank !== null && names.length > 1 ? ` #${rank}` : ''}`;
      const line2 = i === comparison.baseline ? c.dim('baseline') : deltaText(row.metric.kind, row.deltas[i] ?? null, row.delta_ratios[i] ?? null);
      return `${isBest ? c.green.bold(line1) : line1}\n${c.dim(line2)}`;
    }),
  ]);
  const aligns: Align[] = ['left', ...names.map((): Align => 'right')];
  const why = comparison.baseline_reason ? ` (${baselineReasonText(comparison.baseline_reason)})` : '';
  const parts = [
    c.bold(`Comparison of ${names.length} scenarios`) + c.dim(' (★ best, #rank; second line: difference from the baseline)'),
    `Baseline: ${names[comparison.baseline] ?? ''}${why}`,
    fitTable(head, rows, aligns, 1, options.width, c),
  ];

  if (comparison.input_differences.length > 0) {
    const diffRows = comparison.input_differences.map((d) => [inputLabel(d.path), ...d.values.map((v) => displayValue(d.path, v))]);
    parts.push('', c.bold('Inputs that differ'), fitTable(['Input', ...names], diffRows, ['left', ...names.map((): Align => 'left')], 1, options.width, c, true, 14));
  } else {
    parts.push('', c.dim('The scenarios have identical inputs.'));
  }
  parts.push('', c.bold('Summary'), ...comparison.narrative.map((line) => wrapText(`- ${line}`, options.width, '  ')));
  parts.push(...[...appraisalBasisLines(doc.scenarios), ...unverifiedLines(doc.scenarios)].map((line) => c.dim(wrapText(line, options.width, ''))), '');
  return parts.join('\n');
}

/** The headline figures of `compare --summary`: what a first look needs, one option a row. */
export const SUMMARY_METRICS: readonly MetricKey[] = ['total_cost', 'npv', 'bcr', 'continuity', 'burnout_risk_peak', 'vacancy_rate'];
/** Short headings, so six columns and the option names fit 100 columns; the key under the table says what each is. */
const SUMMARY_HEADINGS: Readonly<Partial<Record<MetricKey, string>>> = {
  total_cost: 'Cost',
  npv: 'NPV',
  bcr: 'BCR',
  continuity: 'Continuity',
  burnout_risk_peak: 'Burnt out',
  vacancy_rate: 'Vacancies',
};
const SUMMARY_KEY =
  'Cost: cash over the horizon. NPV, BCR: present values, Green Book. Continuity: relationships completing with the same worker (0-100). ' +
  'Burnt out: the peak expected share of the team. Vacancies: the mean vacancy rate.';
const SUMMARY_NAME_WIDTH = 22;

/**
 * One screen: each option's headline figures in a row (★ the best in each column), the
 * narrative, and where to find the rest. `npm start` shows this.
 */
export function renderComparisonSummary(raw: ResultDocument, options: TableOptions): string {
  const doc = terminalSafe(raw);
  const c = paint(options.color);
  const comparison = doc.comparison as Comparison & { narrative: string[] };
  const byKey = new Map(comparison.rows.map((row) => [row.metric.key, row]));
  const head = ['Option', ...SUMMARY_METRICS.map((key) => SUMMARY_HEADINGS[key] ?? metricInfo(key)?.label ?? key)];
  const rows = comparison.names.map((name, i) => [
    wrapText(i === comparison.baseline ? `${name} [baseline]` : name, SUMMARY_NAME_WIDTH, ''),
    ...SUMMARY_METRICS.map((key) => {
      const info = metricInfo(key)!;
      const row = byKey.get(key);
      const scenario = doc.scenarios[i];
      const value = row ? (row.values[i] ?? null) : ((scenario?.metrics as unknown as Record<string, number | string | null>)[key] ?? null);
      const shown = noBenefitsValued(key, scenario?.metrics) ? NO_BENEFITS_VALUED : formatMetric(info.kind, value);
      return row?.best.includes(i) && comparison.names.length > 1 ? c.green.bold(`★ ${shown}`) : shown;
    }),
  ]);
  const aligns: Align[] = ['left', ...SUMMARY_METRICS.map((): Align => 'right')];
  return [
    c.bold(`${comparison.names.length} options at a glance`) + c.dim(' (★ best in the column)'),
    fitTable(head, rows, aligns, 1, options.width, c, true, 12),
    c.dim(wrapText(SUMMARY_KEY, options.width, '')),
    '',
    ...comparison.narrative.map((line) => wrapText(`- ${line}`, options.width, '  ')),
    '',
    c.dim(wrapText(`Every metric, the differences from the baseline and the inputs that differ: the same command without --summary. A report for a board: the same files with \`peerplan report … --out report.html\`.`, options.width, '')),
    '',
  ].join('\n');
}

/** A compact table: the first `leftColumns` columns left-aligned, the rest right-aligned. */
/** The first `leftColumns` columns (and any listed in `leftAlso`, e.g. text) are left-aligned, the rest right-aligned. */
export function simpleTable(
  head: string[],
  rows: string[][],
  leftColumns: number,
  color: boolean,
  leftAlso: readonly number[] = [],
  width = Infinity,
): string {
  const aligns = head.map((_, i): Align => (i < leftColumns || leftAlso.includes(i) ? 'left' : 'right'));
  // Wider than `width`: the first `leftColumns` columns repeat in each block of the others.
  // Cells are plain text (values, error messages), made terminal-safe here.
  return fitTable(terminalSafe(head), terminalSafe(rows), aligns, leftColumns, width, paint(color), true, 10);
}

export type { MetricKey };
