/**
 * The values workbook (`--xlsx-values`) of `run`, `compare` and `report`, read back with exceljs and checked
 * figure by figure against the JSON result of the same command: the Summary, one
 * sheet per scenario by financial year, Monthly, and Inputs with origins; number
 * formats for £ and %; byte-identical files; --format xlsx needs --out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workbook, Worksheet } from 'exceljs';
import { COST_COMPONENTS } from '../../src/engine/result.js';
import { METRICS } from '../../src/metrics/catalogue.js';
import { costLabel } from '../../src/metrics/costs.js';
import { describeOrigin } from '../../src/render/origins.js';
import { isPercentPath } from '../../src/scenario/fields.js';
import type { ResultDocument, ScenarioDocument } from '../../src/result/document.js';
import { TRIO, runBinary, runCli, suiteTempDir, tempDir } from './run-cli.js';
import { inputLabel } from '../../src/metrics/labels.js';
import { cellFormula, cellNumber, cellText, readWorkbook, rowsByLabel } from './workbook.js';

const MONEY = '"£"#,##0;-"£"#,##0';
const PENCE = '"£"#,##0.00;-"£"#,##0.00';
const PERCENT = '0.0%';
const INPUT_PERCENT = '0.0#%';
const BAND4 = 'scenarios/band4-permanent.yaml';

const formatOfKind: Record<string, string> = { money: MONEY, fraction: PERCENT, index: '0.0', share: '0.0', count: '#,##0', wte: '0.00', ratio: '0.00' };

/** Runs a command twice, as xlsx and as JSON, and reads both back. */
async function both(args: string[], dir: string): Promise<{ wb: Workbook; doc: ResultDocument; bytes: Buffer }> {
  const out = join(dir, 'out.xlsx');
  const x = runBinary([...args, '--format', 'xlsx', '--xlsx-values', '--out', out, '--quiet']);
  expect(x.status, x.stderr).toBe(0);
  expect(x.stdout).toBe('');
  const json = await runCli([...args, '--format', 'json', '--quiet']);
  expect(json.status, json.stderr).toBe(0);
  return { wb: await readWorkbook(out), doc: JSON.parse(json.stdout), bytes: readFileSync(out) };
}

function expectScenarioSheet(ws: Worksheet, s: ScenarioDocument): void {
  expect(cellText(ws.getCell('A1'))).toBe(s.name);
  const header = ws.getRow(3);
  const years = s.years.map((y) => (y.months < 12 ? `${y.year} (${y.months} months)` : y.year));
  expect(s.years.map((_, i) => cellText(header.getCell(3 + i)))).toEqual(years);
  const totalCol = 3 + s.years.length;
  expect(cellText(header.getCell(totalCol))).toBe('Total');
  const rows = rowsByLabel(ws);
  const yearly: Array<[string, (y: ScenarioDocument['years'][number]) => number, number | null, string]> = [
    ...COST_COMPONENTS.map((c): [string, (y: ScenarioDocument['years'][number]) => number, number | null, string] => [costLabel(c), (y) => y.cost[c], null, MONEY]),
    ['Total cost', (y) => y.cost.total, s.metrics.total_cost, MONEY],
    ['Total cost (PV)', (y) => y.cost_discounted, s.metrics.total_cost_discounted, MONEY],
    ['Funded budget (posts always filled)', (y) => y.funded_budget, s.metrics.funded_budget, MONEY],
    ['WTE in post (mean)', (y) => y.wte_in_post, s.metrics.wte_in_post_mean, '0.00'],
    ['Vacancy rate', (y) => y.vacancy_rate, s.metrics.vacancy_rate, PERCENT],
    ['Leavers (WTE)', (y) => y.leavers, s.metrics.leavers, '0.00'],
    ['Hires (WTE)', (y) => y.hires, s.metrics.hires, '0.00'],
    ['Burnt out, mean', (y) => y.burnout_risk, s.metrics.burnout_risk_mean, '0.0'],
    ['Continuity score', (y) => y.continuity, s.metrics.continuity, '0.0'],
    ['Support episodes started', (y) => y.episodes, s.metrics.episodes, '#,##0.0'],
    ['Completed with the same worker', (y) => y.completed_episodes, s.metrics.completed_episodes, '#,##0.0'],
    ['Fiscal benefit', (y) => y.benefits.fiscal, null, MONEY],
    ['Economic benefit', (y) => y.benefits.economic, null, MONEY],
    ['Social benefit', (y) => y.benefits.social, null, MONEY],
    ['Total benefit', (y) => y.benefits.total, s.metrics.total_benefit, MONEY],
    ['of which cashable', (y) => y.benefits.cashable, null, MONEY],
    // The year columns cover the horizon; the appraisal's lagged benefits after it are in the metrics only.
    ['Total benefit (PV)', (y) => y.benefits_discounted, s.metrics.total_benefit_discounted - s.metrics.benefits_after_horizon_discounted, MONEY],
    ['Net, cash (benefit − cost)', (y) => y.net, s.metrics.total_benefit - s.metrics.total_cost, MONEY],
  ];
  for (const [label, value, total, numFmt] of yearly) {
    const n = rows.get(label);
    expect(n, label).toBeDefined();
    const row = ws.getRow(n as number);
    s.years.forEach((y, i) => {
      expect(cellNumber(row.getCell(3 + i)), `${label} ${y.year}`).toBeCloseTo(value(y), 6);
      expect(row.getCell(3 + i).numFmt, `${label} ${y.year}`).toBe(numFmt);
    });
    if (total !== null) expect(cellNumber(row.getCell(totalCol)), `${label} total`).toBeCloseTo(total, 2);
    expect(row.getCell(totalCol).numFmt, label).toBe(numFmt);
  }
  // Totals an auditor can trace: the components add up in Excel too.
  const totalRow = ws.getRow(rows.get('Total cost') as number);
  expect(cellFormula(totalRow.getCell(3))).toBe(`SUM(${COST_COMPONENTS.map((c) => `C${rows.get(costLabel(c))}`).join(',')})`);
  expect(cellFormula(totalRow.getCell(totalCol))).toMatch(/^SUM\(C\d+:[A-Z]+\d+\)$/);

  // The headline metrics, as in the JSON `metrics` object.
  const headline = rowsByLabel(ws, rows.get('Headline metric (whole horizon)'));
  for (const info of METRICS) {
    const cell = ws.getRow(headline.get(info.label) as number).getCell(3);
    const value = s.metrics[info.key];
    if (info.kind === 'month') expect(cellText(cell), info.key).toBe(value === null ? 'never' : String(value));
    else {
      expect(cellNumber(cell), info.key).toBe(value);
      expect(cell.numFmt, info.key).toBe(formatOfKind[info.kind]);
    }
  }
}

function expectMonthly(ws: Worksheet, doc: ResultDocument): void {
  const head = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const col = (name: string): number => head.indexOf(name) + 1;
  const months = doc.scenarios.flatMap((s) => s.months.map((m) => ({ name: s.name, m })));
  expect(ws.rowCount).toBe(months.length + 1);
  months.forEach(({ name, m }, i) => {
    const row = ws.getRow(i + 2);
    expect(cellText(row.getCell(1))).toBe(name);
    expect(cellText(row.getCell(col('Month')))).toBe(m.month);
    expect(cellText(row.getCell(col('Financial year')))).toBe(m.fiscal_year);
    expect(cellNumber(row.getCell(col('WTE in post')))).toBe(m.wte_in_post);
    expect(cellNumber(row.getCell(col('Burnt out (% of team)')))).toBe(m.burnout_risk);
    expect(cellNumber(row.getCell(col('Continuity probability')))).toBe(m.continuity_probability);
    expect(cellNumber(row.getCell(col('Total cost')))).toBe(m.cost.total);
    expect(cellNumber(row.getCell(col('Total cost (PV)')))).toBe(m.cost_discounted);
    expect(cellNumber(row.getCell(col('Total benefit')))).toBe(m.benefits.total);
    for (const c of COST_COMPONENTS) expect(cellNumber(row.getCell(col(costLabel(c))))).toBe(m.cost[c]);
  });
  const first = ws.getRow(2);
  expect(first.getCell(col('Total cost')).numFmt).toBe(PENCE);
  expect(first.getCell(col('Continuity probability')).numFmt).toBe(PERCENT);
  expect(first.getCell(col('Leaver hazard (monthly)')).numFmt).toBe('0.00%');
}

function expectInputs(ws: Worksheet, doc: ResultDocument): void {
  const inputs = doc.scenarios.flatMap((s) => s.inputs.map((input) => ({ name: s.name, input })));
  expect(ws.rowCount).toBe(inputs.length + 1);
  expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['Scenario', 'Input', 'Value', 'Where the value came from']);
  inputs.forEach(({ name, input }, i) => {
    const row = ws.getRow(i + 2);
    expect(cellText(row.getCell(1))).toBe(name);
    // Plain English in the cell, the path (for --set) in its note.
    expect(cellText(row.getCell(2))).toBe(inputLabel(input.path));
    expect(row.getCell(2).note).toBe(input.path);
    const cell = row.getCell(3);
    if (typeof input.value === 'number') {
      expect(cellNumber(cell), input.path).toBe(input.value);
      // 'General' is Excel's default and reads back as no format.
      expect(cell.numFmt ?? 'General', input.path).toBe(isPercentPath(input.path) ? INPUT_PERCENT : 'General');
    } else expect(cell.value, input.path).toBe(input.value === null ? '-' : input.value);
    expect(cellText(row.getCell(4)), input.path).toBe(describeOrigin(input.origin));
  });
}

describe('run --format xlsx', () => {
  let wb: Workbook;
  let doc: ResultDocument;
  const dir = suiteTempDir();
  beforeAll(async () => {
    ({ wb, doc } = await both(['run', BAND4], dir));
  });

  it('has a Summary, a sheet for the scenario, Monthly and Inputs', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Band 4 permanent, lived-experie', 'Monthly', 'Inputs']);
  });

  it('lists every headline metric on the Summary with the JSON value and a £ or % format', () => {
    const ws = wb.getWorksheet('Summary') as Worksheet;
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['Metric', 'Unit', doc.scenarios[0]?.name]);
    const metrics = doc.scenarios[0]!.metrics;
    METRICS.forEach((info, i) => {
      const row = ws.getRow(4 + i);
      expect(cellText(row.getCell(1))).toBe(info.label);
      const cell = row.getCell(3);
      if (info.kind === 'month') expect(cellText(cell)).toBe(metrics.payback_month ?? 'never');
      else {
        expect(cellNumber(cell), info.key).toBe(metrics[info.key]);
        expect(cell.numFmt, info.key).toBe(formatOfKind[info.kind]);
      }
    });
    expect(cellText(ws.getRow(4).getCell(2))).toBe('£');
    expect(cellText(ws.getRow(4 + METRICS.findIndex((m) => m.key === 'vacancy_rate')).getCell(2))).toBe('%');
  });

  it('has the yearly figures, their totals and the headline metrics on the scenario sheet', () => {
    expectScenarioSheet(wb.worksheets[1] as Worksheet, doc.scenarios[0]!);
  });

  it('has every month on the Monthly sheet', () => expectMonthly(wb.getWorksheet('Monthly') as Worksheet, doc));

  it('has every input with its value and origin on the Inputs sheet', () => {
    const ws = wb.getWorksheet('Inputs') as Worksheet;
    expectInputs(ws, doc);
    // Keyed by the path in each input cell's note.
    const origins = new Map(Array.from({ length: ws.rowCount - 1 }, (_, i) => [String(ws.getRow(i + 2).getCell(2).note), cellText(ws.getRow(i + 2).getCell(4))]));
    expect(origins.get('workforce.band')).toMatch(/^scenarios\/band4-permanent\.yaml line \d+$/);
    expect(origins.get('finance.discount_rate')).toMatch(/^inherited from scenarios\/baseline\.yaml line \d+$/);
    expect(origins.get('burnout.odds_ratios.pay')).toMatch(/^reference afc-2025-26: burnout\.odds_ratios\.pay — /);
  });
});

describe('compare --format xlsx and report --out .xlsx', () => {
  let wb: Workbook;
  let doc: ResultDocument;
  let bytes: Buffer;
  const dir = suiteTempDir();
  beforeAll(async () => {
    ({ wb, doc, bytes } = await both(['compare', ...TRIO], dir));
  });

  it('has one sheet per scenario', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Baseline (current team)', 'Band 3 fixed-term (12-month gra', 'Band 4 permanent, lived-experie', 'Monthly', 'Inputs']);
  });

  it('puts the comparison on the Summary: values, differences, ranks and the inputs that differ', () => {
    const c = doc.comparison!;
    const ws = wb.getWorksheet('Summary') as Worksheet;
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['Metric', 'Unit', `${c.names[0]} [baseline]`, c.names[1], c.names[2], 'Best']);
    c.rows.forEach((r, i) => {
      const row = ws.getRow(4 + i);
      expect(cellText(row.getCell(1))).toBe(r.metric.label);
      r.values.forEach((v, k) => {
        const cell = row.getCell(3 + k);
        if (r.metric.kind === 'month') expect(cellText(cell)).toBe(v === null ? 'never' : String(v));
        else expect(cellNumber(cell), `${r.metric.key} ${k}`).toBe(v);
      });
      expect(cellText(row.getCell(6))).toBe(r.best.map((k) => c.names[k]).join('; '));
    });
    const diffs = rowsByLabel(ws, 4 + c.rows.length + 1);
    const deltaStart = (diffs.get(`Difference from the baseline (${c.names[0]})`) as number) + 1;
    c.rows.forEach((r, i) => r.deltas.forEach((d, k) => expect(cellNumber(ws.getRow(deltaStart + i).getCell(3 + k)), `delta ${r.metric.key}`).toBe(d)));
    const rankStart = (diffs.get('Rank (1 = best)') as number) + 1;
    c.rows.filter((r) => r.metric.better !== null).forEach((r, i) => r.ranks.forEach((rank, k) => expect(cellNumber(ws.getRow(rankStart + i).getCell(3 + k))).toBe(rank)));
    const inputStart = (diffs.get('Inputs that differ') as number) + 1;
    c.input_differences.forEach((d, i) => {
      const row = ws.getRow(inputStart + i);
      expect(cellText(row.getCell(1))).toBe(inputLabel(d.path));
      expect(row.getCell(1).note).toBe(d.path);
      d.values.forEach((v, k) => expect(row.getCell(3 + k).value, `${d.path} ${k}`).toBe(v === null ? '-' : v));
    });
    expect(c.input_differences.map((d) => d.path)).toContain('workforce.contract.type');
  });

  it('has each scenario\'s yearly figures on its own sheet', () => {
    doc.scenarios.forEach((s, i) => expectScenarioSheet(wb.worksheets[1 + i] as Worksheet, s));
  });

  it('has every month of every scenario, and every input with its origin', () => {
    expectMonthly(wb.getWorksheet('Monthly') as Worksheet, doc);
    expectInputs(wb.getWorksheet('Inputs') as Worksheet, doc);
  });

  it('is byte-identical across runs, time zones and locales, and report writes the same workbook', async () => {
    const dir = tempDir();
    const again = join(dir, 'again.xlsx');
    // JSZip stamps entries with local time, so a different zone would show up if the times were not pinned.
    const r = runBinary(['compare', ...TRIO, '--format', 'xlsx', '--xlsx-values', '--out', again], { env: { TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' } });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(again).equals(bytes)).toBe(true);
    const report = join(dir, 'report.xlsx');
    const rep = await runCli(['report', ...TRIO, '--xlsx-values', '--out', report]);
    expect(rep.status, rep.stderr).toBe(0);
    expect(rep.stderr).toBe(`Wrote ${report}\n`);
    expect(readFileSync(report).equals(bytes)).toBe(true);
  });

  it('records the time only with --timestamp', async () => {
    const dir = tempDir();
    const out = join(dir, 'stamped.xlsx');
    expect((await runCli(['report', ...TRIO, '--xlsx-values', '--out', out, '--timestamp'])).status).toBe(0);
    const stamped = await readWorkbook(out);
    const generated = rowsByLabel(stamped.getWorksheet('Summary') as Worksheet).get('Generated') as number;
    expect(cellText((stamped.getWorksheet('Summary') as Worksheet).getRow(generated).getCell(2))).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    const plain = rowsByLabel(wb.getWorksheet('Summary') as Worksheet).get('Generated') as number;
    expect(cellText((wb.getWorksheet('Summary') as Worksheet).getRow(plain).getCell(2))).toBe('not recorded (peerplan --timestamp records it)');
  });
});

describe('--format xlsx without --out', () => {
  it.each([
    ['run', [BAND4]],
    ['compare', TRIO],
  ])('is a usage error for %s', async (command, files) => {
    const r = await runCli([command, ...files, '--format', 'xlsx']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`peerplan: --format xlsx writes an Excel workbook and needs --out, e.g. peerplan ${command} ... --format xlsx --out options.xlsx\n`);
  });

  it('is a usage error for report', async () => {
    const r = await runCli(['report', ...TRIO, '--format', 'xlsx']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('report writes a file: give --out');
  });
});
