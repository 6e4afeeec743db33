/**
 * Reading peerplan's Excel workbooks back with exceljs, for tests that check the
 * figures against the JSON result.
 */
import type { Cell, Workbook, Worksheet } from 'exceljs';

export async function readWorkbook(path: string): Promise<Workbook> {
  // exceljs is CommonJS: under Node's ESM loader its exports arrive as `default`.
  const loaded = (await import('exceljs')) as unknown as typeof import('exceljs') & { default?: typeof import('exceljs') };
  const ExcelJS = loaded.default ?? loaded;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/**
 * A cell's number: its value, or a formula's cached result. exceljs reads a cached
 * result of 0 (`<f>…</f><v>0</v>`) back as no result, so a formula without one is 0.
 */
export function cellNumber(cell: Cell): number | null {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null && 'formula' in v) return ((v as { result?: number }).result ?? 0) as number;
  throw new Error(`${cell.address} holds ${JSON.stringify(v)}, not a number`);
}

export function cellFormula(cell: Cell): string | null {
  const v = cell.value as unknown;
  return typeof v === 'object' && v !== null && 'formula' in v ? (v as { formula: string }).formula : null;
}

export function cellText(cell: Cell): string {
  const v = cell.value as unknown;
  if (typeof v === 'object' && v !== null && 'text' in v) return String((v as { text: string }).text);
  return v === null || v === undefined ? '' : String(v);
}

/** Row numbers by the text in column A (the first occurrence of each label at or after row `from`). */
export function rowsByLabel(ws: Worksheet, from = 1): Map<string, number> {
  const rows = new Map<string, number>();
  ws.eachRow((row, n) => {
    const label = cellText(row.getCell(1));
    if (n >= from && label !== '' && !rows.has(label)) rows.set(label, n);
  });
  return rows;
}
