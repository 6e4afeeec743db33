/**
 * CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, semicolon, quote
 * or line break; text that a spreadsheet would run as a formula is neutralised).
 *
 * The long form is "tidy" for pandas and R: one row per option, period and metric, with
 * typed columns — `value` holds numbers only (never a month or a year), the unit says
 * what the number is, and a metric has the same name in every period (the horizon total
 * of `cost.total` is `cost.total`, not `total_cost`). `wide` gives one row per option and
 * period (or per option, for a comparison).
 */
import type { ResultDocument, ScenarioDocument } from '../result/document.js';
import { flattenLeaves, type LeafValue } from '../scenario/flatten.js';
import { csvField } from '../text/csv-field.js';
import { parseYearMonth } from '../engine/calendar.js';
import { metricInfo, NO_BENEFITS_VALUED, noBenefitsValued, PERIOD_NAME_OF, type MetricKind } from '../metrics/catalogue.js';
import { ledgerColumnLabel, ledgerLines, perspectiveMetrics } from '../metrics/perspectives.js';

export interface CsvOptions {
  wide: boolean;
  monthly: boolean;
}

const line = (fields: LeafValue[]): string => `${fields.map(csvField).join(',')}\r\n`;

export type PeriodType = 'year' | 'month' | 'total';

/** The columns of the long (tidy) CSV, in order. */
export const TIDY_COLUMNS = ['option', 'file', 'period_type', 'period', 'fiscal_year', 'month', 'metric', 'value', 'unit'] as const;

/**
 * Horizon totals named as the per-period figure they add up (or average): one name per
 * quantity across periods. The JSON keeps the engine's names (`metrics.total_cost`).
 */
export const TOTAL_AS_PERIOD_METRIC: Readonly<Record<string, string>> = PERIOD_NAME_OF as Readonly<Record<string, string>>;

/**
 * Units of the per-period figures (years and months). Money is `GBP` (cash), `GBP, <base>
 * prices` (real terms) or `GBP, <base> prices, present value` (discounted).
 */
type Unit = 'cash' | 'real' | 'pv' | 'proportion' | 'percent' | 'wte' | 'count' | 'months' | 'factor' | 'odds ratio' | 'index' | 'ratio';
const PERIOD_UNITS: ReadonlyArray<[RegExp, Unit]> = [
  [/^(cost|benefits)\.[a-z_]+$/, 'cash'],
  [/^(funded_budget|net)$/, 'cash'],
  [/^(cost_discounted|benefits_discounted)$/, 'pv'],
  [/^ledger\./, 'pv'],
  [/^appraisal\.(cost_real|benefit_real)$/, 'real'],
  [/^appraisal\.(cost_pv|benefit_pv)$/, 'pv'],
  [/^(appraisal\.)?(deflator|discount_factor|health_discount_factor)$/, 'factor'],
  [/^pay_uplift_factor$/, 'factor'],
  [/^burnout_drivers\.[a-z_]+$/, 'odds ratio'],
  [/^(funded_wte|wte_in_post|vacancies_wte|wte_in_induction|productive_wte|leavers|hires)$/, 'wte'],
  [/^(vacancy_rate|leaver_hazard|continuity_probability)$/, 'proportion'],
  [/^burnout_risk$/, 'percent'],
  [/^continuity$/, 'index'],
  [/^(episodes|completed_episodes|service_user_months_lost)$/, 'count'],
  [/^(months|contract_months_remaining)$/, 'months'],
];

const UNIT_OF_KIND: Readonly<Record<MetricKind, Unit>> = {
  money: 'cash',
  fraction: 'proportion',
  index: 'index',
  share: 'percent',
  count: 'count',
  wte: 'wte',
  ratio: 'ratio',
  month: 'months',
};

/** A headline metric's unit from the catalogue; money is real or discounted by its name. */
function headlineUnit(key: string): Unit | undefined {
  // §7.6 The perspective views (src/metrics/perspectives.ts): present values, and their BCRs.
  if (/^(social|commissioner|exchequer)_bcr$/.test(key)) return 'ratio';
  if (/^(social|commissioner|exchequer)_(benefit|cost|npv)$|^benefit_by_(payer|kind)\.|^ledger\./.test(key)) return 'pv';
  const info = metricInfo(key);
  if (info && info.kind !== 'money') return UNIT_OF_KIND[info.kind];
  if (!info && !/(cost|benefit|budget|underspend|_value$)/.test(key)) return undefined;
  if (/_real$/.test(key)) return 'real';
  if (/(discounted|optimism_adjusted|^npv)/.test(key)) return 'pv';
  return 'cash';
}

function unitText(unit: Unit | undefined, priceBase: string): string {
  if (unit === undefined) return '';
  if (unit === 'cash') return 'GBP';
  if (unit === 'real') return `GBP, ${priceBase} prices`;
  if (unit === 'pv') return `GBP, ${priceBase} prices, present value`;
  return unit;
}

/** The unit of a metric in the tidy CSV, or '' for one the catalogue does not know (a test keeps this empty). */
export function tidyUnit(periodType: PeriodType, metric: string, priceBase: string): string {
  const unit = periodType === 'total' ? headlineUnit(metric) ?? PERIOD_UNITS.find(([re]) => re.test(metric))?.[1] : PERIOD_UNITS.find(([re]) => re.test(metric))?.[1];
  return unitText(unit, priceBase);
}

interface PeriodRows {
  type: PeriodType;
  period: string;
  fiscalYear: string;
  month: string;
  values: Array<[string, LeafValue]>;
}

/** Fields of a period that name it rather than measure it. */
const PERIOD_KEYS = new Set(['year', 'month', 'index', 'fiscal_year']);

function periodRows(s: ScenarioDocument, monthly: boolean): PeriodRows[] {
  const measures = (row: object): Array<[string, LeafValue]> => flattenLeaves(row).filter(([k]) => !PERIOD_KEYS.has(k));
  const rows: PeriodRows[] = s.years.map((y) => ({ type: 'year', period: y.year, fiscalYear: y.year, month: '', values: measures(y) }));
  if (monthly) {
    for (const mo of s.months) rows.push({ type: 'month', period: mo.month, fiscalYear: mo.fiscal_year, month: mo.month, values: measures(mo) });
  }
  return rows;
}

/** The wide comparison's column holding the payback month as a date (YYYY-MM), beside `payback_month` (a number). */
export const PAYBACK_DATE = 'payback_date';

/** Months from the first month of the horizon to `month` (YYYY-MM), counting both: the first month is 1. */
const monthNumber = (first: string, month: string): number => parseYearMonth(month) - parseYearMonth(first) + 1;

function tidy(doc: ResultDocument, monthly: boolean): string {
  let out = line([...TIDY_COLUMNS]);
  for (const s of doc.scenarios) {
    const base = s.appraisal.price_base;
    const row = (type: PeriodType, period: string, fiscalYear: string, month: string, metric: string, value: LeafValue): void => {
      out += line([s.name, s.file, type, period, fiscalYear, month, metric, value, tidyUnit(type, metric, base)]);
    };
    for (const p of periodRows(s, monthly)) {
      // Text fields (the price base year) are not measurements: they are in the unit.
      for (const [metric, value] of p.values) if (typeof value !== 'string') row(p.type, p.period, p.fiscalYear, p.month, metric, value);
    }
    for (const [key, value] of flattenLeaves(s.metrics)) {
      if (key === 'payback_month') {
        // The payback month is a date: it goes in the month column, its distance from the start in value.
        const month = typeof value === 'string' ? value : '';
        row('total', 'total', '', month, key, month === '' ? null : monthNumber(s.months[0]?.month ?? month, month));
      } else if (noBenefitsValued(key, s.metrics)) {
        // A BCR or ROI with no benefit valued is no figure: the value is empty and the unit says why.
        out += line([s.name, s.file, 'total', 'total', '', '', key, null, `${tidyUnit('total', key, base)}; ${NO_BENEFITS_VALUED}`]);
      } else {
        row('total', 'total', '', '', TOTAL_AS_PERIOD_METRIC[key] ?? key, value);
      }
    }
    // §7.6 The social, commissioner and Exchequer views, and the benefit by who gains and by kind.
    for (const pm of s.perspectives ? perspectiveMetrics(s.perspectives) : []) {
      if (pm.kind === 'ratio' && noBenefitsValued('bcr', s.metrics)) {
        out += line([s.name, s.file, 'total', 'total', '', '', pm.key, null, `${tidyUnit('total', pm.key, base)}; ${NO_BENEFITS_VALUED}`]);
      } else {
        row('total', 'total', '', '', pm.key, pm.value);
      }
    }
    // §7.7 Who pays, who saves: `ledger.<payer>.<category>.<kind>` (the cost `ledger.icb.cost`, negative) by year, then the total.
    if (s.ledger) {
      const l = s.ledger;
      for (const x of ledgerLines(l)) {
        if (x.category === 'total') continue;
        const metric = x.category === 'cost' ? 'ledger.icb.cost' : `ledger.${x.key}`;
        l.columns.forEach((c, j) => row('year', ledgerColumnLabel(c), c.year, '', metric, x.values[j] ?? 0));
        row('total', 'total', '', '', metric, x.total);
      }
    }
  }
  return out;
}

export function renderCsv(doc: ResultDocument, options: CsvOptions): string {
  if (!options.wide) return tidy(doc, options.monthly);
  let out = '';
  if (doc.comparison) {
    const keys = Object.keys(doc.scenarios[0]?.metrics ?? {});
    // §7.6 The perspective views after the engine's metrics, as the tidy form names them.
    const first = doc.scenarios.find((s) => s.perspectives)?.perspectives;
    const views = first ? perspectiveMetrics(first).map((pm) => pm.key) : [];
    // The payback month is a number as in the long form (months from the start, the first is 1), its date beside it.
    const heads = keys.flatMap((k) => (k === 'payback_month' ? [k, PAYBACK_DATE] : [k]));
    out += line(['option', 'file', ...heads, ...views]);
    for (const s of doc.scenarios) {
      const pv = new Map(s.perspectives ? perspectiveMetrics(s.perspectives).map((pm) => [pm.key, pm] as const) : []);
      out += line([
        s.name,
        s.file,
        ...keys.flatMap((k): LeafValue[] => {
          const value = (s.metrics as unknown as Record<string, LeafValue>)[k] ?? null;
          if (k === 'payback_month') return typeof value === 'string' ? [monthNumber(s.months[0]?.month ?? value, value), value] : [null, null];
          return [noBenefitsValued(k, s.metrics) ? NO_BENEFITS_VALUED : value];
        }),
        ...views.map((k) => (pv.get(k)?.kind === 'ratio' && noBenefitsValued('bcr', s.metrics) ? NO_BENEFITS_VALUED : (pv.get(k)?.value ?? null))),
      ]);
    }
    return out;
  }
  // Years and months have different figures: the columns are their union, in order of first appearance.
  const all = doc.scenarios.flatMap((s) => periodRows(s, options.monthly).map((p) => ({ s, p })));
  const columns = [...new Set(all.flatMap(({ p }) => p.values.map(([k]) => k)))];
  out += line(['option', 'file', 'period_type', 'period', 'fiscal_year', 'month', ...columns]);
  for (const { s, p } of all) {
    const byKey = new Map(p.values);
    out += line([s.name, s.file, p.type, p.period, p.fiscalYear, p.month, ...columns.map((k) => byKey.get(k) ?? null)]);
  }
  return out;
}
