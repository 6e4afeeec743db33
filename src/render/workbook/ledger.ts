/**
 * The live workbook's `k Ledger` sheet: who pays, who saves by financial year (docs/MODEL.md
 * §7.7), and the social, commissioner and Exchequer views (§7.6), by formula on the option's
 * Monthly and Annual sheets, as the engine computes them (src/engine/ledger.ts):
 *
 * - each stream's PV by column (a financial year, or the after-horizon part of one), whole
 *   pence: the stream's monthly PV row added up over the column's months (SUMIFS);
 * - each stream's parts (splitStream): the transfer share to DWP/HMT rounded to the penny, the
 *   rest to the stream's payer as its kind, a public body's capacity split by the cashable
 *   share (rounded to the penny);
 * - the ledger's rows (who gains, category, kind) as SUMIFS of the parts; the cost with
 *   optimism bias by year (each year's cost PV × (1 + optimism bias) to the penny, the last
 *   year taking the remainder);
 * - the views as sums of the parts, and a check against the engine's NPVs.
 *
 * The columns and rows are laid out from the run's ledger when the workbook is made: a payer,
 * kind or after-horizon rule changed in the Inputs sheet that needs a row or column the
 * ledger does not have shows in the check ("every part in a row").
 */
import type { ResultDocument, ScenarioDocument } from '../../result/document.js';
import { coverCaveatRows } from '../unverified.js';
import type { Book } from './book.js';
import { ONE, ZERO, add, div, eq, fn, gt, iff, lt, mul, range, ref as cellRef, str, sub, sum, type Expr } from './formula.js';
import { ledgerColumnLabel, PAYER_LABELS, GAIN_KIND_LABELS, PERSPECTIVE_LABELS, PERSPECTIVE_NAMES } from '../../metrics/perspectives.js';


/** What the Ledger sheet reads from its option's sheets. */
export interface LedgerHooks {
  book: Book;
  k: number;
  /** The sheet's name (`optionSheets(k, name).ledger`). */
  sheet: string;
  slug: string;
  doc: ScenarioDocument;
  /** `benefits[i].<field>`: the stream's input cell. */
  q: (i: number, field: string) => Expr;
  /** A Monthly row over every month laid out (the horizon and after it). */
  monthly: (key: string) => Expr;
  /** The Annual sheet's cell of a column in year k (0-based), and in its total row. */
  annual: (key: string, year: number) => Expr;
  annualTotal: (key: string) => Expr;
  /** The model's constants and the option's 1 + optimism bias. */
  pence: Expr;
  half: Expr;
  roundPence: (x: Expr) => Expr;
  optimism: Expr;
  formats: { pence: string; money: string; int: string; ratio: string };
}

const FIRST_COL = 6;
const KINDS = ['transfer', 'cash_releasing', 'capacity', 'social'] as const;
const PUBLIC = ['nhs_provider', 'icb', 'local_authority', 'dwp_hmt'] as const;

export function ledgerSheet(h: LedgerHooks): void {
  const l = h.doc.ledger;
  if (!l) return;
  const { book, slug } = h;
  const S = h.sheet;
  const cols = l.columns;
  const totalCol = FIRST_COL + cols.length;
  const sh = book.sheet(S);
  sh.widths.set(1, 52);
  sh.widths.set(2, 34);
  for (let c = 3; c <= 5; c++) sh.widths.set(c, 16);
  for (let c = FIRST_COL; c <= totalCol; c++) sh.widths.set(c, 15);
  sh.freeze = { x: 5, y: 4 };
  book.set(S, 1, 1, { value: `${h.doc.name}: who pays, who saves (present values by financial year)`, role: 'title' });
  book.set(S, 1, 2, {
    value:
      'docs/MODEL.md §7.7: each stream\u2019s PV by year split into parts (transfer share to DWP/HMT; the rest to its payer as its kind; public capacity split by the cashable share), each part rounded to the penny; the rows add the parts; the views (§7.6) are their sums. (pence) rows are exact pence, (£) rows pounds.',
    role: 'note',
  });
  ['Row', 'Key', 'Payer', 'Category', 'Kind'].forEach((t, i) => book.set(S, i + 1, 4, { value: t, role: 'header' }));
  cols.forEach((c, j) => book.set(S, FIRST_COL + j, 4, { value: ledgerColumnLabel(c), role: 'header' }));
  book.set(S, totalCol, 4, { value: 'Total', role: 'header' });
  let row = 5;
  const label = (text: string, key: string, payer?: Expr | string, category?: Expr | string, kind?: string): void => {
    book.set(S, 1, row, { value: text });
    book.set(S, 2, row, { value: key, role: 'note' });
    const put = (col: number, v: Expr | string | undefined): void => {
      if (v === undefined) return;
      book.set(S, col, row, typeof v === 'string' ? { value: v } : { expr: v, role: 'calc' });
    };
    put(3, payer);
    put(4, category);
    put(5, kind);
  };
  const cell = (j: number, r: number): Expr => cellRef(S, FIRST_COL + j, r);
  const rowTotal = (r: number, fmt: string): void => {
    book.set(S, totalCol, r, { expr: cols.length === 0 ? ZERO : sum(...cols.map((_, j) => cell(j, r))), fmt, role: 'output' });
  };

  // The columns: year index (0 = the horizon's first financial year) and after the horizon (1) or not (0).
  const yearRow = row;
  label('Financial year index (0 = the first)', 'year_index');
  cols.forEach((c, j) => book.set(S, FIRST_COL + j, row, { value: yearIndex(h.doc, c.year), fmt: h.formats.int, role: 'label' }));
  row++;
  const afterRow = row;
  label('After the horizon (1) or within it (0)', 'after_horizon');
  cols.forEach((c, j) => book.set(S, FIRST_COL + j, row, { value: c.after_horizon ? 1 : 0, fmt: h.formats.int, role: 'label' }));
  row += 2;

  // The cost: each year's cost PV (pence) × (1 + optimism bias) to the penny, the last horizon year taking the remainder.
  const costPvRow = row;
  label('Cost, discounted (pence)', 'cost_pv_pence');
  cols.forEach((c, j) => book.set(S, FIRST_COL + j, row, { expr: c.after_horizon ? ZERO : h.roundPence(mul(h.annual('cost_pv', yearIndex(h.doc, c.year)), h.pence)), fmt: h.formats.int, role: 'calc' }));
  rowTotal(row, h.formats.int);
  row++;
  const costObRow = row;
  const lastHorizon = cols.reduce((a, c, j) => (c.after_horizon ? a : j), -1);
  label('Cost, discounted, with optimism bias (pence): the commissioner pays', 'cost_ob_pence', 'icb', '', 'cost');
  cols.forEach((c, j) => {
    let e: Expr;
    if (c.after_horizon) e = ZERO;
    else if (j < lastHorizon) e = h.roundPence(mul(cell(j, costPvRow), h.optimism));
    else {
      const whole = h.roundPence(mul(h.roundPence(mul(h.annualTotal('cost_pv'), h.pence)), h.optimism));
      e = j === 0 ? whole : sub(whole, sum(...cols.slice(0, j).map((_, i) => cell(i, row))));
    }
    book.set(S, FIRST_COL + j, row, { expr: e, fmt: h.formats.int, role: 'calc' });
  });
  rowTotal(row, h.formats.int);
  row += 2;

  // Each stream's PV by column and its parts (pence).
  const partsFirst = row;
  h.doc.benefit_streams.forEach((st, i) => {
    const q = (f: string): Expr => h.q(i, f);
    const bucketRow = row;
    label(`${st.name}: PV in the column (pence)`, `b${i}.pv_pence`);
    cols.forEach((_, j) =>
      book.set(S, FIRST_COL + j, row, {
        expr: h.roundPence(mul(fn('SUMIFS', h.monthly(`b${i}_pv`), h.monthly('fy'), cell(j, yearRow), h.monthly('in_horizon'), sub(ONE, cell(j, afterRow))), h.pence)),
        fmt: h.formats.int,
        role: 'calc',
      }),
    );
    rowTotal(row, h.formats.int);
    row++;
    const transferRow = row;
    label(`${st.name}: transfer share to DWP / HM Treasury (pence)`, `b${i}.transfer`, 'dwp_hmt', q('category'), 'transfer');
    cols.forEach((_, j) => book.set(S, FIRST_COL + j, row, { expr: h.roundPence(mul(cell(j, bucketRow), q('transfer_share'))), fmt: h.formats.int, role: 'calc' }));
    rowTotal(row, h.formats.int);
    row++;
    const rest = (j: number): Expr => sub(cell(j, bucketRow), cell(j, transferRow));
    const isPublic = fn('OR', ...PUBLIC.map((p) => eq(q('payer'), str(p))));
    const cashRow = row + 1;
    for (const kind of KINDS) {
      label(`${st.name}: to its payer, ${GAIN_KIND_LABELS[kind].toLowerCase()} (pence)`, `b${i}.${kind}`, q('payer'), q('category'), kind);
      cols.forEach((_, j) => {
        const isKind = (k: string): Expr => eq(q('kind'), str(k));
        let e: Expr;
        if (kind === 'cash_releasing') e = iff(isKind('cash_releasing'), rest(j), iff(fn('AND', isKind('capacity'), isPublic, gt(q('cashable'), ZERO)), h.roundPence(mul(rest(j), q('cashable'))), ZERO));
        else if (kind === 'capacity') e = iff(isKind('capacity'), sub(rest(j), cell(j, cashRow)), ZERO);
        else e = iff(isKind(kind), rest(j), ZERO);
        book.set(S, FIRST_COL + j, row, { expr: e, fmt: h.formats.int, role: 'calc' });
      });
      rowTotal(row, h.formats.int);
      row++;
    }
    row++;
  });
  const partsLast = row - 2;
  const partsRange = (col: number): Expr => range(S, col, partsFirst, partsLast);
  // Only the part rows (payer and kind filled) count: the stream PV rows have neither.
  const sumParts = (col: number, ...criteria: Expr[]): Expr => (h.doc.benefit_streams.length === 0 ? ZERO : fn('SUMIFS', partsRange(col), ...criteria));
  const payerR = partsRange(3);
  const categoryR = partsRange(4);
  const kindR = partsRange(5);

  // The ledger: who pays, who saves (£; cost negative), each row the SUMIFS of its parts.
  book.set(S, 1, row, { value: 'Who pays, who saves (£, present values; cost negative)', role: 'header' });
  row++;
  const ledgerFirst = row;
  label(`${PAYER_LABELS.icb}: cost (PV) with optimism bias (£)`, 'cost.icb', 'icb', '', 'cost');
  cols.forEach((_, j) => book.set(S, FIRST_COL + j, row, { expr: div(sub(ZERO, cell(j, costObRow)), h.pence), fmt: h.formats.pence, role: 'output' }));
  rowTotal(row, h.formats.pence);
  row++;
  const benefitFirst = row;
  for (const r of l.benefits) {
    label(`${PAYER_LABELS[r.payer]}: ${GAIN_KIND_LABELS[r.kind].toLowerCase()} (${r.category}${r.cashable ? ', cashable' : ''}) (£)`, `${r.payer}.${r.category}.${r.kind}`, r.payer, r.category, r.kind);
    cols.forEach((_, j) =>
      book.set(S, FIRST_COL + j, row, { expr: div(sumParts(FIRST_COL + j, payerR, str(r.payer), categoryR, str(r.category), kindR, str(r.kind)), h.pence), fmt: h.formats.pence, role: 'output' }),
    );
    rowTotal(row, h.formats.pence);
    row++;
  }
  const benefitLast = row - 1;
  const benefitRow = row;
  label('Benefit, every row (£)', 'benefit_total');
  cols.forEach((_, j) => book.set(S, FIRST_COL + j, row, { expr: l.benefits.length === 0 ? ZERO : fn('SUM', range(S, FIRST_COL + j, benefitFirst, benefitLast)), fmt: h.formats.pence, role: 'output' }));
  rowTotal(row, h.formats.pence);
  row++;
  label('Net: the headline NPV by year (£)', 'net');
  cols.forEach((_, j) => book.set(S, FIRST_COL + j, row, { expr: add(cell(j, ledgerFirst), cell(j, benefitRow)), fmt: h.formats.pence, role: 'output' }));
  rowTotal(row, h.formats.pence);
  row += 2;

  // The views (§7.6): sums of the parts' totals (pence), against the cost with optimism bias.
  const T = totalCol;
  const allParts = sum(...KINDS.map((k) => sumParts(T, kindR, str(k))));
  const viewPence: Record<(typeof PERSPECTIVE_NAMES)[number], Expr> = {
    social: sub(allParts, sumParts(T, kindR, str('transfer'))),
    commissioner: add(sumParts(T, kindR, str('cash_releasing'), payerR, str('nhs_provider')), sumParts(T, kindR, str('cash_releasing'), payerR, str('icb'))),
    exchequer: sum(...PUBLIC.flatMap((p) => [sumParts(T, kindR, str('transfer'), payerR, str(p)), sumParts(T, kindR, str('cash_releasing'), payerR, str(p))])),
  };
  ['View', 'Benefit (£)', 'Cost (£)', 'NPV (£)', 'BCR', 'NPV computed by the engine (£, a value)'].forEach((t, i) => book.set(S, i === 0 ? 1 : FIRST_COL + i - 1, row, { value: t, role: 'header' }));
  row++;
  const costPence = cellRef(S, totalCol, costObRow);
  const diffs: Expr[] = [];
  for (const name of PERSPECTIVE_NAMES) {
    label(`${PERSPECTIVE_LABELS[name].label}: ${PERSPECTIVE_LABELS[name].counts}`, `view.${name}`);
    const c = (i: number): Expr => cellRef(S, FIRST_COL + i, row);
    book.set(S, FIRST_COL, row, { expr: div(viewPence[name], h.pence), fmt: h.formats.pence, role: 'output' });
    book.set(S, FIRST_COL + 1, row, { expr: div(costPence, h.pence), fmt: h.formats.pence, role: 'output' });
    book.set(S, FIRST_COL + 2, row, { expr: div(sub(mul(c(0), h.pence), costPence), h.pence), fmt: h.formats.pence, role: 'output' });
    book.set(S, FIRST_COL + 3, row, { expr: iff(eq(costPence, ZERO), str('n/a'), div(mul(c(0), h.pence), costPence)), fmt: h.formats.ratio, role: 'output' });
    book.set(S, FIRST_COL + 4, row, { value: h.doc.perspectives?.[name].npv ?? null, fmt: h.formats.pence, role: 'input' });
    book.define(`${slug}.${name}_benefit`, S, FIRST_COL, row);
    book.define(`${slug}.${name}_npv`, S, FIRST_COL + 2, row);
    book.define(`${slug}.${name}_bcr`, S, FIRST_COL + 3, row);
    diffs.push(fn('ABS', sub(c(2), c(4))));
    row++;
  }
  row++;
  // Every part is in a ledger row, and the parts add to the total benefit (PV).
  const inRows = l.benefits.length === 0 ? ZERO : fn('SUM', range(S, totalCol, benefitFirst, benefitLast));
  const totalBenefit = add(h.annualTotal('benefit_pv'), h.annualTotal('benefit_pv_after'));
  label('Check (OK: every part in a row, the parts add to the total benefit (PV), and the views\u2019 NPVs are the engine\u2019s to the penny)', 'ledger_check');
  const tolerance = div(h.half, h.pence);
  book.set(S, FIRST_COL, row, {
    expr: iff(
      fn('AND', lt(fn('ABS', sub(mul(inRows, h.pence), allParts)), h.half), lt(fn('ABS', sub(mul(totalBenefit, h.pence), allParts)), h.half), ...diffs.map((d) => lt(d, tolerance))),
      str('OK'),
      str('DIFFERS: the inputs were changed, or a part has no row (a payer or kind the run did not have: make a new workbook)'),
    ),
    role: 'check',
  });
  book.define(`${slug}.ledger_check`, S, FIRST_COL, row);
}

/** A financial year's index from the horizon's first (the year rows of the document, then the years after). */
function yearIndex(doc: ScenarioDocument, year: string): number {
  const first = doc.years[0]?.year ?? doc.ledger?.columns[0]?.year ?? year;
  return Number(year.slice(0, 4)) - Number(first.slice(0, 4));
}

/** The Cover's perspective sentence and unverified figures (issue 23), from row `r`; returns the next free row. */
export function coverCaveats(book: Book, S: string, doc: ResultDocument, r: number): number {
  const cover = coverCaveatRows(doc.scenarios);
  let row = r + 1;
  book.set(S, 1, row++, { value: 'Perspective and unverified figures', role: 'header' });
  for (const line of cover.perspective) book.set(S, 1, row++, { value: line });
  if (cover.caveat) book.set(S, 1, row++, { value: cover.caveat });
  if (cover.figures.length === 0) {
    book.set(S, 1, row++, { value: 'Every figure the results use is verified at source.' });
    return row;
  }
  ['Unverified figure', 'Value', 'Used by', 'Why unverified', 'Stake (share of benefit PV)'].forEach((t, i) => book.set(S, 1 + i, row, { value: t, role: 'header' }));
  row++;
  for (const f of cover.figures) {
    f.forEach((v, i) => book.set(S, 1 + i, row, { value: v }));
    row++;
  }
  return row;
}
