/**
 * The live workbook as data: sheets of cells, each a value or a formula tree, and the
 * defined names. Formulas are evaluated here for their cached values (formula.ts), then
 * the whole book is written with exceljs.
 */
import type { Workbook, Worksheet } from 'exceljs';
import { columnLetter, evaluate, formulaText, nm, quoteSheet, type Expr, type Place, type Value } from './formula.js';

/** FAST-style roles: inputs, calculations and outputs look different (docs/OUTPUT.md). */
export type Role = 'input' | 'calc' | 'output' | 'label' | 'header' | 'title' | 'note' | 'check';

export interface CellSpec {
  value?: Value;
  expr?: Expr;
  fmt?: string;
  role?: Role;
  /** Long text wrapped within its column (the Cover's paragraphs), not run across the page. */
  wrap?: boolean;
}

interface CellData extends CellSpec {
  cached?: Value;
  busy?: boolean;
}

export interface SheetData {
  name: string;
  cells: Map<number, Map<number, CellData>>;
  widths: Map<number, number>;
  /** Row heights (points), e.g. for wrapped headers. */
  heights: Map<number, number>;
  freeze?: { x: number; y: number };
  order: Array<[number, number]>;
  /**
   * Where a cell set at (col, row) is written, when the sheet is written in another layout
   * than it is built in (the Monthly sheets: built one column per quantity, written with
   * the months across the columns). Widths, heights and freeze are of the written sheet.
   */
  layout?: (col: number, row: number) => Place;
}

export class Book {
  readonly sheets: SheetData[] = [];
  private readonly byName = new Map<string, SheetData>();
  readonly names = new Map<string, { sheet: string; col: number; row: number }>();

  sheet(name: string): SheetData {
    let s = this.byName.get(name);
    if (!s) {
      s = { name, cells: new Map(), widths: new Map(), heights: new Map(), order: [] };
      this.byName.set(name, s);
      this.sheets.push(s);
    }
    return s;
  }

  set(sheet: string, col: number, row: number, spec: CellSpec): void {
    const s = this.sheet(sheet);
    let r = s.cells.get(row);
    if (!r) s.cells.set(row, (r = new Map()));
    if (!r.has(col)) s.order.push([col, row]);
    r.set(col, { ...spec });
  }

  /** A global defined name for a cell; returns the name as an expression. */
  define(name: string, sheet: string, col: number, row: number): Expr {
    if (this.names.has(name)) throw new Error(`defined name ${name} used twice`);
    this.names.set(name, { sheet, col, row });
    return nm(name);
  }

  private data(sheet: string, col: number, row: number): CellData | undefined {
    return this.byName.get(sheet)?.cells.get(row)?.get(col);
  }

  value(sheet: string, col: number, row: number): Value {
    const c = this.data(sheet, col, row);
    if (!c) return null;
    if (c.expr === undefined) return c.value ?? null;
    if (c.cached !== undefined) return c.cached;
    if (c.busy) throw new Error(`circular reference at ${sheet} column ${col} row ${row}`);
    c.busy = true;
    const v = evaluate(c.expr, {
      cell: (s, x, y) => this.value(s, x, y),
      name: (n) => {
        const at = this.names.get(n);
        if (!at) throw new Error(`unknown defined name ${n}`);
        return this.value(at.sheet, at.col, at.row);
      },
    });
    c.busy = false;
    c.cached = v;
    return v;
  }

  /** Evaluates every formula, sheet by sheet in the order cells were set (rows top to bottom keep recursion shallow). */
  evaluateAll(): void {
    for (const s of this.sheets) for (const [col, row] of s.order) this.value(s.name, col, row);
  }

  /** The value of a defined name (after evaluation). */
  named(name: string): Value {
    const at = this.names.get(name);
    return at ? this.value(at.sheet, at.col, at.row) : null;
  }

  /** Where a cell is written (its sheet's layout). */
  readonly place = (sheet: string, col: number, row: number): Place => (this.byName.get(sheet)?.layout ?? this.layouts.get(sheet))?.(col, row) ?? { col, row };
  /** Layouts of sheets written from another book, which formulas here refer to (adopt). */
  private readonly layouts = new Map<string, NonNullable<SheetData['layout']>>();

  write(wb: Workbook): void {
    for (const s of this.sheets) this.writeSheet(wb.addWorksheet(s.name, this.sheetOptions(s.name)), s.name);
    for (const [name, ref] of this.nameRefs()) wb.definedNames.add(ref, name);
  }

  /** The options exceljs's addWorksheet takes for a sheet: its frozen panes and its page set-up. */
  sheetOptions(sheet: string): { views?: Array<{ state: 'frozen'; xSplit: number; ySplit: number }>; pageSetup?: object; headerFooter?: object } {
    const s = this.byName.get(sheet);
    if (!s) return {};
    return {
      ...(s.freeze ? { views: [{ state: 'frozen', xSplit: s.freeze.x, ySplit: s.freeze.y }] } : {}),
      pageSetup: this.pageSetup(s),
      // The sheet's name and the page on every printed page, so a loose page says where it belongs.
      headerFooter: { oddHeader: '&L&A', oddFooter: '&RPage &P of &N' },
    };
  }

  /**
   * How a sheet prints (issue #28 item 6): A4 landscape, its used range as the print area,
   * the rows and columns frozen on screen repeated on every page; fitted to one page wide,
   * except a sheet written with the months across (Monthly), which runs across pages at a
   * readable size with its labels repeated.
   */
  private pageSetup(s: SheetData): object {
    let lastCol = 1;
    let lastRow = 1;
    for (const [row, cols] of s.cells) {
      for (const col of cols.keys()) {
        const at = this.place(s.name, col, row);
        lastCol = Math.max(lastCol, at.col);
        lastRow = Math.max(lastRow, at.row);
      }
    }
    const across = s.layout !== undefined;
    return {
      paperSize: 9,
      orientation: 'landscape',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printArea: `A1:${columnLetter(lastCol)}${lastRow}`,
      ...(across ? { fitToWidth: 0, fitToHeight: 1, fitToPage: false, scale: 70 } : { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }),
      ...(s.freeze && s.freeze.y > 0 ? { printTitlesRow: `1:${s.freeze.y}` } : {}),
      ...(s.freeze && s.freeze.x > 0 ? { printTitlesColumn: `A:${columnLetter(s.freeze.x)}` } : {}),
    };
  }

  /** Writes a sheet's widths, heights and cells (in the order of the written rows) to a worksheet. */
  writeSheet(ws: Worksheet, sheet: string): void {
    const s = this.byName.get(sheet);
    if (!s) return;
    for (const [col, width] of this.fittedWidths(s)) ws.getColumn(col).width = width;
    for (const [row, height] of s.heights) ws.getRow(row).height = height;
    const cells: Array<{ at: Place; c: CellData }> = [];
    for (const [row, cols] of s.cells) for (const [col, c] of cols) cells.push({ at: this.place(s.name, col, row), c });
    cells.sort((a, b) => a.at.row - b.at.row || a.at.col - b.at.col);
    for (const { at, c } of cells) writeCell(ws, s.name, at, c, this.place);
  }

  /**
   * Column widths, each value column (B onwards) widened to its longest text value, up to
   * 60 characters, so an identifier such as `core-2018-readmission` is not cut off in print
   * (issue #28 item 6). Titles, notes, headers and wrapped text keep the width they were given.
   */
  private fittedWidths(s: SheetData): Map<number, number> {
    const widths = new Map(s.widths);
    for (const [row, cols] of s.cells) {
      for (const [col, c] of cols) {
        if (typeof c.value !== 'string' || c.wrap || c.role === 'title' || c.role === 'note' || c.role === 'header') continue;
        const at = this.place(s.name, col, row);
        if (at.col < 2 || !widths.has(at.col)) continue;
        const need = Math.min(60, c.value.length + 2);
        if (need > (widths.get(at.col) ?? 0)) widths.set(at.col, need);
      }
    }
    return widths;
  }

  /** The defined names as [name, reference] sorted by name, of the sheets `only` accepts. */
  nameRefs(only: (sheet: string) => boolean = () => true): Array<[string, string]> {
    return [...this.names]
      .filter(([, at]) => only(at.sheet))
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([name, at]) => {
        const p = this.place(at.sheet, at.col, at.row);
        return [name, `${quoteSheet(at.sheet)}!$${columnLetter(p.col)}$${p.row}`];
      });
  }

  /**
   * Takes column `col` of `sheet` from another book, cells (with their cached values) and
   * the names on them: how the live workbook keeps each option's Appraisal column once the
   * option's own sheets are written and dropped.
   */
  adopt(from: Book, sheet: string, col: number): void {
    const s = from.byName.get(sheet);
    if (!s) return;
    const target = this.sheet(sheet);
    for (const [row, cols] of s.cells) {
      const c = cols.get(col);
      if (!c) continue;
      let r = target.cells.get(row);
      if (!r) target.cells.set(row, (r = new Map()));
      if (!r.has(col)) target.order.push([col, row]);
      r.set(col, c);
    }
    const width = s.widths.get(col);
    if (width !== undefined) target.widths.set(col, width);
    for (const [name, at] of from.names) if (at.sheet === sheet && at.col === col) this.define(name, at.sheet, at.col, at.row);
    for (const other of from.sheets) if (other.layout) this.layouts.set(other.name, other.layout);
  }
}

const FILL = (argb: string) => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } }) as const;
const STYLE: Record<Role, { font?: object; fill?: ReturnType<typeof FILL> }> = {
  // FAST: inputs stand out (blue on pale yellow); calculations are plain black; outputs bold.
  input: { font: { color: { argb: 'FF0000C0' } }, fill: FILL('FFFFF2CC') },
  calc: {},
  output: { font: { bold: true } },
  label: {},
  header: { font: { bold: true }, fill: FILL('FFE7E6E6') },
  title: { font: { bold: true, size: 14 } },
  note: { font: { italic: true, color: { argb: 'FF595959' } } },
  check: { font: { bold: true }, fill: FILL('FFE2EFDA') },
};

function writeCell(ws: Worksheet, sheet: string, at: Place, c: CellData, place: Book['place']): void {
  const cell = ws.getCell(at.row, at.col);
  if (c.expr !== undefined) {
    const result = c.cached;
    const formula = formulaText(c.expr, sheet, place);
    cell.value = (result === null || result === undefined || (typeof result === 'number' && !Number.isFinite(result)) ? { formula } : { formula, result }) as never;
  } else {
    cell.value = c.value ?? null;
  }
  if (c.fmt) cell.numFmt = c.fmt;
  const style = STYLE[c.role ?? (c.expr ? 'calc' : 'label')];
  if (style.font) cell.font = style.font;
  if (style.fill) cell.fill = style.fill;
  if (c.role === 'header') cell.alignment = { vertical: 'bottom', wrapText: true };
  if (c.wrap) cell.alignment = { vertical: 'top', wrapText: true };
  // Text results (OK, never, n/a) line up with the numbers beside them.
  if ((c.role === 'output' || c.role === 'check') && typeof c.cached === 'string') cell.alignment = { horizontal: 'right' };
}
