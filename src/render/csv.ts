/**
 * CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, semicolon, quote
 * or line break; text that a spreadsheet would run as a formula is neutralised). Long
 * form `scenario,year,metric,value` for pandas and pivot tables; `wide` gives one row
 * per scenario and year (or per scenario, for a comparison).
 */
import type { ResultDocument, ScenarioDocument } from '../result/document.js';
import { flattenLeaves, type LeafValue } from '../scenario/flatten.js';
import { csvField } from '../text/csv-field.js';
import { plainNumber } from '../text/format.js';
import { NO_BENEFITS_VALUED, noBenefitsValued } from '../metrics/catalogue.js';

export interface CsvOptions {
  wide: boolean;
  monthly: boolean;
}

const line = (fields: LeafValue[]): string => `${fields.map(csvField).join(',')}\r\n`;

/** Period rows as [period label, flattened metrics]. */
function periods(s: ScenarioDocument, monthly: boolean): Array<[string, Array<[string, LeafValue]>]> {
  const omit = new Set(['year', 'month', 'index', 'fiscal_year']);
  const rows: Array<[string, Array<[string, LeafValue]>]> = s.years.map((y) => [
    y.year,
    flattenLeaves(y).filter(([k]) => !omit.has(k)),
  ]);
  if (monthly) {
    for (const mo of s.months) rows.push([mo.month, flattenLeaves(mo).filter(([k]) => !omit.has(k))]);
  }
  rows.push(['total', flattenLeaves(s.metrics).map(([k, v]) => [k, noBenefitsValued(k, s.metrics) ? NO_BENEFITS_VALUED : v])]);
  return rows;
}

export function renderCsv(doc: ResultDocument, options: CsvOptions): string {
  let out = '';
  if (!options.wide) {
    out += line(['scenario', 'year', 'metric', 'value']);
    for (const s of doc.scenarios) {
      for (const [period, values] of periods(s, options.monthly)) {
        for (const [metric, value] of values) out += line([s.name, period, metric, value]);
      }
    }
    return out;
  }
  if (doc.comparison) {
    const keys = Object.keys(doc.scenarios[0]?.metrics ?? {});
    out += line(['scenario', 'file', ...keys]);
    for (const s of doc.scenarios) {
      out += line([s.name, s.file, ...keys.map((k) => (noBenefitsValued(k, s.metrics) ? NO_BENEFITS_VALUED : ((s.metrics as unknown as Record<string, LeafValue>)[k] ?? null)))]);
    }
    return out;
  }
  for (const s of doc.scenarios) {
    const rows = periods(s, options.monthly).filter(([period]) => period !== 'total');
    const columns = rows[0]?.[1].map(([k]) => k) ?? [];
    if (s === doc.scenarios[0]) out += line(['scenario', 'period', ...columns]);
    for (const [period, values] of rows) {
      const byKey = new Map(values);
      out += line([s.name, period, ...columns.map((k) => byKey.get(k) ?? null)]);
    }
  }
  return out;
}
