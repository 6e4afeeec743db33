/**
 * Spreadsheet formulas as small expression trees, for the live workbook (docs/OUTPUT.md,
 * "The live workbook").
 *
 * Each tree is written to the workbook as formula text and evaluated here, in the same
 * order of operations a spreadsheet uses, for the cached value stored beside it: a viewer
 * that does not recalculate (a file preview, a mail client) then shows the figures the
 * formulas give, and the check cell can compare the workbook's own NPV with the engine's.
 * The trees are a second, independent statement of docs/MODEL.md; the test recalculates
 * them with LibreOffice and compares the result with the engine to the penny.
 */

export type Value = number | string | boolean | null;

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'ref'; sheet: string; col: number; row: number }
  | { k: 'name'; name: string }
  | { k: 'range'; sheet: string; col: number; r1: number; r2: number }
  | { k: 'op'; op: Op; a: Expr; b: Expr }
  | { k: 'neg'; a: Expr }
  | { k: 'fn'; f: Fn; args: Expr[] };

type Op = '+' | '-' | '*' | '/' | '=' | '<' | '<=' | '>' | '>=';
type Fn = 'IF' | 'MIN' | 'MAX' | 'EXP' | 'LN' | 'INT' | 'ABS' | 'SIGN' | 'MOD' | 'AND' | 'OR' | 'INDEX' | 'SUMIFS' | 'SUM' | 'AVERAGE' | 'MATCH' | 'IFERROR' | 'COUNTIFS' | 'ROUND';

// ---- Builders --------------------------------------------------------------------------

export const num = (v: number): Expr => ({ k: 'num', v });
export const str = (v: string): Expr => ({ k: 'str', v });
export const nm = (name: string): Expr => ({ k: 'name', name });
export const ref = (sheet: string, col: number, row: number): Expr => ({ k: 'ref', sheet, col, row });
export const range = (sheet: string, col: number, r1: number, r2: number): Expr => ({ k: 'range', sheet, col, r1, r2 });
const op =
  (o: Op) =>
  (a: Expr, b: Expr): Expr => ({ k: 'op', op: o, a, b });
export const add = op('+');
export const sub = op('-');
export const mul = op('*');
export const div = op('/');
export const eq = op('=');
export const lt = op('<');
export const le = op('<=');
export const gt = op('>');
export const ge = op('>=');
export const neg = (a: Expr): Expr => ({ k: 'neg', a });
export const fn = (f: Fn, ...args: Expr[]): Expr => ({ k: 'fn', f, args });
export const iff = (c: Expr, a: Expr, b: Expr): Expr => fn('IF', c, a, b);
export const min = (...a: Expr[]): Expr => fn('MIN', ...a);
export const max = (...a: Expr[]): Expr => fn('MAX', ...a);
export const exp = (a: Expr): Expr => fn('EXP', a);
export const ln = (a: Expr): Expr => fn('LN', a);
/** a + b + c …, left to right (the engine's order of addition). */
export const sum = (...xs: Expr[]): Expr => xs.reduce((acc, x) => add(acc, x));
/** a × b × c …, left to right. */
export const prod = (...xs: Expr[]): Expr => xs.reduce((acc, x) => mul(acc, x));
export const ZERO = num(0);
export const ONE = num(1);
/** clamp(x, 0, 1). */
export const clamp01 = (x: Expr): Expr => min(ONE, max(ZERO, x));

// ---- Printing --------------------------------------------------------------------------

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  let x = n;
  while (x > 0) {
    const r = (x - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    x = Math.floor((x - 1) / 26);
  }
  return s;
}

export const quoteSheet = (sheet: string): string => `'${sheet.replace(/'/g, "''")}'`;

/** A cell's position on the written sheet (column, row), 1-based. */
export interface Place {
  col: number;
  row: number;
}

/**
 * Where each sheet's cells are written: formula trees address cells where the model lays
 * them out (book.ts), and a sheet may be written with another layout (the Monthly sheets,
 * months across the columns). Identity when not given.
 */
export type Placement = (sheet: string, col: number, row: number) => Place;

const asLaidOut: Placement = (_, col, row) => ({ col, row });

const address = (p: Place): string => `${columnLetter(p.col)}${p.row}`;

/** Formula text (without the leading `=`), references to `home` written without a sheet name. */
export function print(e: Expr, home: string, place: Placement = asLaidOut): string {
  const at = (sheet: string): string => (sheet === home ? '' : `${quoteSheet(sheet)}!`);
  switch (e.k) {
    case 'num':
      return String(e.v);
    case 'str':
      return `"${e.v.replace(/"/g, '""')}"`;
    case 'name':
      return e.name;
    case 'ref':
      return `${at(e.sheet)}${address(place(e.sheet, e.col, e.row))}`;
    case 'range': {
      const a = place(e.sheet, e.col, e.r1);
      const b = place(e.sheet, e.col, e.r2);
      return `${at(e.sheet)}$${columnLetter(a.col)}$${a.row}:$${columnLetter(b.col)}$${b.row}`;
    }
    case 'op':
      return `(${print(e.a, home, place)}${e.op}${print(e.b, home, place)})`;
    case 'neg':
      return `-(${print(e.a, home, place)})`;
    case 'fn':
      return `${e.f}(${e.args.map((a) => print(a, home, place)).join(',')})`;
  }
}

/** Formula text with the outermost parentheses dropped, for readability. */
export function formulaText(e: Expr, home: string, place: Placement = asLaidOut): string {
  const text = print(e, home, place);
  return e.k === 'op' ? text.slice(1, -1) : text;
}

// ---- Evaluation --------------------------------------------------------------------------

/** What evaluation needs from the workbook: the value of a cell and of a defined name. */
export interface Cells {
  cell(sheet: string, col: number, row: number): Value;
  name(name: string): Value;
}

const asNumber = (v: Value): number => (typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : v === null ? 0 : Number.NaN);
const truthy = (v: Value): boolean => (typeof v === 'string' ? v.length > 0 : asNumber(v) !== 0);

function compare(a: Value, b: Value): number {
  if (typeof a === 'string' || typeof b === 'string') {
    const x = String(a ?? '').toLowerCase();
    const y = String(b ?? '').toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = asNumber(a);
  const y = asNumber(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function rangeValues(e: Expr, c: Cells): Value[] {
  if (e.k !== 'range') throw new Error('a range was expected');
  const out: Value[] = [];
  for (let r = e.r1; r <= e.r2; r++) out.push(c.cell(e.sheet, e.col, r));
  return out;
}

/** A spreadsheet criterion: a plain value means equality. */
function matches(v: Value, criterion: Value): boolean {
  return compare(v, criterion) === 0 && (typeof v === 'string') === (typeof criterion === 'string');
}

export function evaluate(e: Expr, c: Cells): Value {
  switch (e.k) {
    case 'num':
    case 'str':
      return e.v;
    case 'name':
      return c.name(e.name);
    case 'ref':
      return c.cell(e.sheet, e.col, e.row);
    case 'range':
      throw new Error('a range is not a value');
    case 'neg':
      return -asNumber(evaluate(e.a, c));
    case 'op': {
      const a = evaluate(e.a, c);
      const b = evaluate(e.b, c);
      switch (e.op) {
        case '+':
          return asNumber(a) + asNumber(b);
        case '-':
          return asNumber(a) - asNumber(b);
        case '*':
          return asNumber(a) * asNumber(b);
        case '/':
          return asNumber(a) / asNumber(b);
        case '=':
          return compare(a, b) === 0;
        case '<':
          return compare(a, b) < 0;
        case '<=':
          return compare(a, b) <= 0;
        case '>':
          return compare(a, b) > 0;
        case '>=':
          return compare(a, b) >= 0;
      }
      break;
    }
    case 'fn':
      return call(e.f, e.args, c);
  }
  throw new Error('unreachable');
}

/** The numbers of a list of arguments, ranges spread. */
function numbers(args: readonly Expr[], c: Cells): number[] {
  return args.flatMap((a) => (a.k === 'range' ? rangeValues(a, c).filter((x) => typeof x === 'number') : [evaluate(a, c)]).map(asNumber));
}

function call(f: Fn, args: Expr[], c: Cells): Value {
  const v = (i: number): Value => evaluate(args[i] as Expr, c);
  const n = (i: number): number => asNumber(v(i));
  switch (f) {
    case 'IF':
      return truthy(v(0)) ? v(1) : args.length > 2 ? v(2) : false;
    case 'MIN':
      return Math.min(...numbers(args, c));
    case 'MAX':
      return Math.max(...numbers(args, c));
    case 'EXP':
      return Math.exp(n(0));
    case 'LN':
      return Math.log(n(0));
    case 'INT':
      return Math.floor(n(0));
    case 'ABS':
      return Math.abs(n(0));
    case 'SIGN':
      return Math.sign(n(0));
    case 'ROUND': {
      const x = n(0);
      const p = 10 ** n(1);
      return (Math.sign(x) * Math.floor(Math.abs(x) * p + 0.5)) / p;
    }
    case 'MOD': {
      const a = n(0);
      const b = n(1);
      return a - b * Math.floor(a / b);
    }
    case 'AND':
      return args.every((_, i) => truthy(v(i)));
    case 'OR':
      return args.some((_, i) => truthy(v(i)));
    case 'INDEX': {
      const values = rangeValues(args[0] as Expr, c);
      const i = n(1);
      return Number.isFinite(i) ? (values[i - 1] ?? null) : '#N/A';
    }
    case 'SUM':
      return args.reduce((acc, a) => acc + (a.k === 'range' ? rangeValues(a, c).reduce<number>((s, x) => s + asNumber(x), 0) : asNumber(evaluate(a, c))), 0);
    case 'AVERAGE': {
      const values = rangeValues(args[0] as Expr, c).map(asNumber);
      return values.reduce((s, x) => s + x, 0) / values.length;
    }
    case 'SUMIFS':
    case 'COUNTIFS': {
      const sumValues = f === 'SUMIFS' ? rangeValues(args[0] as Expr, c) : null;
      const first = f === 'SUMIFS' ? 1 : 0;
      const pairs: Array<[Value[], Value]> = [];
      for (let i = first; i < args.length; i += 2) pairs.push([rangeValues(args[i] as Expr, c), v(i + 1)]);
      let total = 0;
      const length = (pairs[0]?.[0] ?? []).length;
      for (let r = 0; r < length; r++) {
        if (!pairs.every(([values, criterion]) => matches(values[r] ?? null, criterion))) continue;
        total += sumValues ? asNumber(sumValues[r] ?? null) : 1;
      }
      return total;
    }
    case 'MATCH': {
      const target = v(0);
      const values = rangeValues(args[1] as Expr, c);
      const i = values.findIndex((x) => compare(x, target) === 0 && x !== null);
      return i < 0 ? '#N/A' : i + 1;
    }
    case 'IFERROR': {
      const x = v(0);
      const failed = (typeof x === 'number' && !Number.isFinite(x)) || (typeof x === 'string' && x.startsWith('#'));
      return failed ? v(1) : x;
    }
  }
}
