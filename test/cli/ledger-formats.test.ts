/**
 * §7.7 Who pays, who saves in every format: the JSON's ledger adds up (rows to their totals,
 * columns to the year rows, the rows counted by each view to the view's benefit, the cost to
 * the cost with optimism bias); the tidy CSV carries the same figures by year and in total;
 * the table, Markdown and HTML report show the same rows (the HTML with its chart).
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempDir } from './run-cli.js';
import { cellFormula, cellNumber, readWorkbook, rowsByLabel } from './workbook.js';

interface Row {
  payer: string;
  category: string;
  kind: string;
  cashable: boolean;
  values: number[];
  total: number;
}
interface Doc {
  scenarios: Array<{
    name: string;
    perspective: string;
    metrics: { total_benefit_discounted: number; total_cost_optimism_adjusted: number; npv: number; benefits_after_horizon_discounted: number };
    years: Array<{ year: string; appraisal: { benefit_pv: number } }>;
    perspectives: Record<'social' | 'commissioner' | 'exchequer', { benefit: number; cost: number; npv: number }>;
    ledger: { columns: Array<{ year: string; after_horizon: boolean }>; cost: { payer: string; values: number[]; total: number }; benefits: Row[] };
  }>;
}

const OPTIONS = ['scenarios/baseline.yaml', 'scenarios/vcse-grant-funded.yaml'];
const p = (x: number): number => Math.round(x * 100);
const money = (x: number): string => `${x < 0 ? '-' : ''}£${Math.round(Math.abs(x)).toLocaleString('en-GB')}`;
const PUBLIC = new Set(['nhs_provider', 'icb', 'local_authority', 'dwp_hmt']);
const views = {
  social: (r: Row) => r.kind !== 'transfer',
  commissioner: (r: Row) => r.kind === 'cash_releasing' && (r.payer === 'nhs_provider' || r.payer === 'icb'),
  exchequer: (r: Row) => (r.kind === 'cash_releasing' || r.kind === 'transfer') && PUBLIC.has(r.payer),
};

async function json(file: string): Promise<Doc> {
  const r = await runCli(['run', file, '--format', 'json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Doc;
}

describe('who pays, who saves (the ledger) in every format', () => {
  it('JSON: rows add to their totals, columns to the year rows, the views to the perspectives, the cost to the cost with optimism bias', async () => {
    for (const file of OPTIONS) {
      const s = (await json(file)).scenarios[0]!;
      const l = s.ledger;
      expect(s.perspective).toMatch(/^Perspective: /);
      expect(l.cost.values.reduce((a, v) => a + p(v), 0)).toBe(p(s.metrics.total_cost_optimism_adjusted));
      for (const r of l.benefits) expect(r.values.reduce((a, v) => a + p(v), 0)).toBe(p(r.total));
      expect(l.benefits.reduce((a, r) => a + p(r.total), 0)).toBe(p(s.metrics.total_benefit_discounted));
      l.columns.forEach((c, j) => {
        if (c.after_horizon) return;
        expect(l.benefits.reduce((a, r) => a + p(r.values[j]!), 0), `${file} ${c.year}`).toBe(p(s.years.find((y) => y.year === c.year)!.appraisal.benefit_pv));
      });
      for (const [view, counts] of Object.entries(views) as Array<[keyof typeof views, (r: Row) => boolean]>) {
        expect(l.benefits.filter(counts).reduce((a, r) => a + p(r.total), 0), `${file} ${view}`).toBe(p(s.perspectives[view].benefit));
        expect(p(s.perspectives[view].cost)).toBe(p(l.cost.total));
      }
    }
  });

  it('tidy CSV: ledger.<payer>.<category>.<kind> by year and in total, equal to the JSON; the years add to the total', async () => {
    const s = (await json(OPTIONS[0]!)).scenarios[0]!;
    const r = await runCli(['run', OPTIONS[0]!, '--format', 'csv']);
    const rows = (parse(r.stdout, { columns: true, record_delimiter: '\r\n' }) as Array<Record<string, string>>).filter((x) => x.metric!.startsWith('ledger.'));
    const lines = [{ key: 'ledger.icb.cost', values: s.ledger.cost.values.map((v) => -v), total: -s.ledger.cost.total }, ...s.ledger.benefits.map((b) => ({ key: `ledger.${b.payer}.${b.category}.${b.kind}`, values: b.values, total: b.total }))];
    for (const line of lines) {
      const mine = rows.filter((x) => x.metric === line.key);
      const years = mine.filter((x) => x.period_type === 'year');
      expect(years.map((x) => Number(x.value))).toEqual(line.values.map((v) => v + 0));
      expect(years.map((x) => x.fiscal_year)).toEqual(s.ledger.columns.map((c) => c.year));
      expect(Number(mine.find((x) => x.period_type === 'total')!.value)).toBe(line.total);
      expect(years.reduce((a, x) => a + p(Number(x.value)), 0)).toBe(p(line.total));
      expect(mine[0]!.unit).toBe('GBP, 2026/27 prices, present value');
    }
    // The views from the CSV alone: social = every benefit row but transfers.
    const totals = rows.filter((x) => x.period_type === 'total' && x.metric !== 'ledger.icb.cost');
    expect(totals.filter((x) => !x.metric!.endsWith('.transfer')).reduce((a, x) => a + p(Number(x.value)), 0)).toBe(p(s.perspectives.social.benefit));
  });

  it('table, Markdown and HTML: the same rows, their totals, the benefit total and the net (the headline NPV)', async () => {
    const s = (await json(OPTIONS[1]!)).scenarios[0]!;
    const table = (await runCli(['run', OPTIONS[1]!], { env: { NO_COLOR: '1' } })).stdout;
    const md = (await runCli(['run', OPTIONS[1]!, '--format', 'markdown'])).stdout;
    const dir = tempDir();
    const rep = await runCli(['report', join(ROOT, OPTIONS[1]!), '--out', join(dir, 'r.html'), '--no-sensitivity']);
    expect(rep.status, rep.stderr).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    const mdLedger = md.slice(md.indexOf('Table: who pays, who saves'));
    const mdRow = (label: string): string[] => (mdLedger.split('\n').find((x) => x.startsWith(`| ${label} |`)) ?? '').split(' | ');
    expect(mdRow('ICB (commissioner): cost').at(-1)).toBe(`${money(-s.ledger.cost.total)} |`);
    expect(mdRow('Benefit, every row').at(-1)).toBe(`${money(s.metrics.total_benefit_discounted)} |`);
    expect(mdRow('Net (the headline NPV)').at(-1)).toBe(`${money(s.metrics.npv)} |`);
    for (const r of s.ledger.benefits) {
      const cells = mdLedger.split('\n').filter((x) => x.includes(`| ${r.category} | ${r.cashable ? 'yes' : 'no'} |`));
      expect(cells.some((x) => x.endsWith(`${money(r.total)} |`)), `${r.payer} ${r.kind}`).toBe(true);
      expect(table).toContain(money(r.total));
      expect(html).toContain(`<td>${money(r.total)}</td>`);
    }
    expect(table).toContain('Who pays, who saves (PV, £)');
    expect(html).toContain('class="num ledger"');
    expect(html).toMatch(/<svg [^>]*id="chart-ledger-/);
    // Every format states its perspective in one sentence.
    for (const text of [table, md, html]) expect(text).toContain('Perspective: costs are the employer');
  });

  it('values workbook: the ledger on the scenario sheet, each row by year with its total as a SUM formula', async () => {
    const s = (await json(OPTIONS[0]!)).scenarios[0]!;
    const dir = tempDir();
    const file = join(dir, 'v.xlsx');
    const r = await runCli(['run', OPTIONS[0]!, '--format', 'xlsx', '--xlsx-values', '--out', file, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const wb = await readWorkbook(file);
    const ws = wb.worksheets.find((w) => w.name.startsWith('Baseline'))!;
    const rows = rowsByLabel(ws);
    const head = rows.get('Who pays, who saves (PV, £; cost negative)')!;
    expect(head).toBeGreaterThan(0);
    const at = (label: string): number[] => s.ledger.columns.map((_, j) => cellNumber(ws.getCell(rows.get(label)!, 3 + j)) ?? Number.NaN);
    expect(at('ICB (commissioner): cost')).toEqual(s.ledger.cost.values.map((v) => (v === 0 ? 0 : -v)));
    expect(cellFormula(ws.getCell(rows.get('Net (the headline NPV)')!, 3 + s.ledger.columns.length))).toMatch(/^SUM\(/);
    expect(cellNumber(ws.getCell(rows.get('Net (the headline NPV)')!, 3 + s.ledger.columns.length))).toBe(s.metrics.npv);
    expect(cellNumber(ws.getCell(rows.get('Benefit, every row')!, 3 + s.ledger.columns.length))).toBe(s.metrics.total_benefit_discounted);
  });

  it('both workbooks\u2019 covers state the perspective and list every unverified figure the options use', async () => {
    const s = (await json(OPTIONS[0]!)).scenarios[0]! as Doc['scenarios'][number] & { unverified: Array<{ figure: string }> };
    expect(s.unverified.length).toBeGreaterThan(0);
    const dir = tempDir();
    for (const [args, sheet] of [
      [['--xlsx-values'], 'Summary'],
      [[], 'Cover'],
    ] as const) {
      const file = join(dir, `${sheet}.xlsx`);
      const r = await runCli(['run', OPTIONS[0]!, '--format', 'xlsx', ...args, '--out', file, '--quiet']);
      expect(r.status, r.stderr).toBe(0);
      const ws = (await readWorkbook(file)).getWorksheet(sheet)!;
      const texts: string[] = [];
      ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
      expect(texts, sheet).toContain(s.perspective);
      expect(texts, sheet).toContain('Unverified figure');
      for (const f of s.unverified) expect(texts, `${sheet}: ${f.figure}`).toContain(f.figure);
    }
  });
});
