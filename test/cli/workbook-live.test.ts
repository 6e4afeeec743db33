/**
 * The live workbook (`--format xlsx`) is the model: recalculated by a formula engine that
 * is not peerplan's (LibreOffice, headless), it gives the engine's figures to the penny
 * for every bundled scenario and for random ones (issue 16), on every cost component by
 * month and by year, the benefits, NPV and BCR; and changing an input cell gives what
 * `run --set` gives.
 *
 * The cached values written with the formulas (formula.ts evaluates the same trees) are
 * checked against the engine without LibreOffice, for more random scenarios.
 *
 * Skipped, with instructions, where LibreOffice is not installed; with CI=true it must
 * run (.ci/run installs it because test/cli/needs-libreoffice exists).
 */
import { optionSheets } from '../../src/render/workbook/live.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Workbook } from 'exceljs';
import { BUNDLED, runCli, suiteTempDir } from './run-cli.js';
import { cellNumber, cellText, readWorkbook } from './workbook.js';
import { HAVE_SOFFICE, SOFFICE, SOFFICE_INSTALL, sofficeConvert } from './libreoffice.js';
import { scenarioArb } from '../engine/arbitraries.js';
import { project } from '../../src/engine/project.js';
import { loadReference } from '../../src/reference/load.js';
import { scenarioDocument, type ResultDocument, type ScenarioDocument } from '../../src/result/document.js';
import type { LoadedScenario } from '../../src/scenario/origin.js';
import type { Scenario } from '../../src/scenario/types.js';
import { renderXlsx } from '../../src/render/xlsx.js';
import { MONTH_FIRST_COL, MONTHLY_FIRST_ROW, buildLiveBook, optionSlugs } from '../../src/render/workbook/live.js';
import { COST_COMPONENTS } from '../../src/engine/result.js';

const IN_CI = process.env.CI === 'true';
if (!HAVE_SOFFICE && !IN_CI) console.warn(`[live workbook recalculation skipped] ${SOFFICE} not found. Install LibreOffice to run it: ${SOFFICE_INSTALL}`);

/** A result document for scenarios made in the test (no files: random scenarios). */
function documentOf(scenarios: readonly Scenario[]): ResultDocument {
  return {
    peerplan_version: 'test',
    scenarios: scenarios.map((scenario, i) =>
      scenarioDocument({
        loaded: { file: `random-${i + 1}.yaml`, chain: [], scenario, origins: {}, hash: `random-${i + 1}` } as LoadedScenario,
        scenario,
        result: project(scenario, loadReference(scenario.reference)),
      }),
    ),
  };
}

const randomScenarios = (n: number, seed: number): Scenario[] => fc.sample(scenarioArb, { numRuns: n, seed });

// ---- Reading a recalculated workbook ------------------------------------------------------

/** The cell a defined name points at. */
function named(wb: Workbook, name: string): { sheet: string; address: string } {
  const model = (wb.definedNames as unknown as { model: Array<{ name: string; ranges: string[] }> }).model;
  const found = model.find((d) => d.name === name);
  const at = found?.ranges[0];
  if (!at) throw new Error(`no defined name ${name}`);
  const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(at);
  if (!m) throw new Error(`cannot read ${at}`);
  return { sheet: (m[1] as string).replace(/''/g, "'"), address: `${m[2]}${m[3]}` };
}

function namedValue(wb: Workbook, name: string): number | string | null {
  const { sheet, address } = named(wb, name);
  const cell = wb.getWorksheet(sheet)?.getCell(address);
  if (!cell) return null;
  const v = cell.value as unknown;
  if (typeof v === 'object' && v !== null && 'result' in v) return (v as { result: number | string }).result;
  if (typeof v === 'object' && v !== null && 'formula' in v) return 0;
  return v as number | string | null;
}

/** Column numbers by the key row (row 3) of an Annual sheet. */
function keyColumns(wb: Workbook, sheet: string): Map<string, number> {
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const cols = new Map<string, number>();
  ws.getRow(3).eachCell((cell, c) => cols.set(cellText(cell), c));
  return cols;
}

/** Row numbers by the key column (B) of a Monthly sheet: months run across the columns. */
function keyRows(wb: Workbook, sheet: string): Map<string, number> {
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const rows = new Map<string, number>();
  ws.getColumn(2).eachCell((cell, r) => {
    if (r >= MONTHLY_FIRST_ROW) rows.set(cellText(cell), r);
  });
  return rows;
}

const PENNY = 0.005;
const close = (a: number, b: number, relative = 1e-9): boolean => Math.abs(a - b) <= relative * Math.max(1, Math.abs(b));

/**
 * Every monthly and annual figure of option k against the engine's: money to the penny,
 * quantities to 1e-9 relative. Returns the differences found (empty when all agree).
 */
function differences(wb: Workbook, k: number, slug: string, s: ScenarioDocument): string[] {
  const out: string[] = [];
  const sheets = optionSheets(k, s.name);
  const monthly = wb.getWorksheet(sheets.monthly);
  const annual = wb.getWorksheet(sheets.annual);
  if (!monthly || !annual) return [`option ${k}: sheets missing`];
  const mc = keyRows(wb, sheets.monthly);
  const ac = keyColumns(wb, sheets.annual);
  const get = (ws: typeof monthly, cols: Map<string, number>, row: number, key: string): number => {
    const c = cols.get(key);
    if (c === undefined) throw new Error(`no column ${key}`);
    return cellNumber(ws === monthly ? ws.getCell(c, MONTH_FIRST_COL + row - 5) : ws.getCell(row, c)) ?? Number.NaN;
  };
  const money = (where: string, got: number, want: number): void => {
    if (!(Math.abs(got - want) < PENNY)) out.push(`${s.name} ${where}: workbook ${got}, engine ${want}`);
  };
  const quantity = (where: string, got: number, want: number): void => {
    if (!close(got, want)) out.push(`${s.name} ${where}: workbook ${got}, engine ${want}`);
  };
  s.months.forEach((m, t) => {
    const row = 5 + t;
    for (const c of COST_COMPONENTS) money(`${m.month} ${c}`, get(monthly, mc, row, c), m.cost[c]);
    money(`${m.month} funded budget`, get(monthly, mc, row, 'budget'), m.funded_budget);
    money(`${m.month} cost PV`, get(monthly, mc, row, 'cost_pv'), m.cost_discounted);
    money(`${m.month} benefit`, get(monthly, mc, row, 'benefit'), m.benefits.total);
    money(`${m.month} cashable`, get(monthly, mc, row, 'cashable'), m.benefits.cashable);
    for (const cat of ['fiscal', 'economic', 'social'] as const) money(`${m.month} ${cat}`, get(monthly, mc, row, cat), m.benefits[cat]);
    money(`${m.month} benefit PV`, get(monthly, mc, row, 'benefit_pv'), m.benefits_discounted);
    quantity(`${m.month} WTE in post`, get(monthly, mc, row, 'P'), m.wte_in_post);
    quantity(`${m.month} hires`, get(monthly, mc, row, 'hires'), m.hires);
    quantity(`${m.month} leavers`, get(monthly, mc, row, 'leavers'), m.leavers);
    quantity(`${m.month} in induction`, get(monthly, mc, row, 'I'), m.wte_in_induction);
    quantity(`${m.month} hazard`, get(monthly, mc, row, 'H'), m.leaver_hazard);
    quantity(`${m.month} burnout`, 100 * get(monthly, mc, row, 'burnout'), m.burnout_risk);
    quantity(`${m.month} continuity`, get(monthly, mc, row, 'continuity'), m.continuity_probability);
    quantity(`${m.month} episodes`, get(monthly, mc, row, 'episodes'), m.episodes);
    quantity(`${m.month} completed`, get(monthly, mc, row, 'completed'), m.completed_episodes);
  });
  s.years.forEach((y, i) => {
    const row = 5 + i;
    const label = cellText(annual.getCell(row, 1));
    if (label !== y.year) out.push(`${s.name} year ${i}: workbook ${label}, engine ${y.year}`);
    for (const c of COST_COMPONENTS) money(`${y.year} ${c}`, get(annual, ac, row, c), y.cost[c]);
    money(`${y.year} funded budget`, get(annual, ac, row, 'budget'), y.funded_budget);
    money(`${y.year} cost real`, get(annual, ac, row, 'cost_real'), y.appraisal.cost_real);
    money(`${y.year} cost PV`, get(annual, ac, row, 'cost_pv'), y.appraisal.cost_pv);
    money(`${y.year} benefit`, get(annual, ac, row, 'benefit'), y.benefits.total);
    money(`${y.year} benefit real`, get(annual, ac, row, 'benefit_real'), y.appraisal.benefit_real);
    money(`${y.year} benefit PV`, get(annual, ac, row, 'benefit_pv'), y.appraisal.benefit_pv);
    money(`${y.year} net`, get(annual, ac, row, 'net'), y.net);
  });
  const metric = (key: keyof ScenarioDocument['metrics']): number | string | null => namedValue(wb, `${slug}.${key}`);
  const moneyMetrics = [
    'total_cost',
    'total_cost_real',
    'total_cost_discounted',
    'total_cost_optimism_adjusted',
    'funded_budget',
    'underspend',
    'total_benefit',
    'total_benefit_real',
    'total_benefit_discounted',
    'benefits_after_horizon_discounted',
    'cashable_benefit_discounted',
    'npv',
    'npv_unadjusted',
    'total_benefit_discounted_evidence_adjusted',
    'npv_evidence_adjusted',
  ] as const;
  for (const key of moneyMetrics) money(key, Number(metric(key)), s.metrics[key]);
  for (const key of ['bcr', 'bcr_unadjusted', 'roi', 'roi_unadjusted', 'bcr_evidence_adjusted'] as const) {
    const want = s.metrics[key];
    const got = metric(key);
    if (want === null ? got !== 'n/a' : !close(Number(got), want, 1e-12)) out.push(`${s.name} ${key}: workbook ${String(got)}, engine ${String(want)}`);
  }
  const payback = metric('payback_month');
  if ((s.metrics.payback_month ?? 'never') !== payback) out.push(`${s.name} payback: workbook ${String(payback)}, engine ${String(s.metrics.payback_month)}`);
  for (const key of ['episodes', 'completed_episodes', 'wte_in_post_mean', 'vacancy_rate', 'leavers', 'hires', 'continuity_probability', 'service_user_months_lost'] as const) {
    quantity(key, Number(metric(key)), s.metrics[key]);
  }
  quantity('burnout_risk_mean', 100 * Number(metric('burnout_risk_mean')), s.metrics.burnout_risk_mean);
  // §7.7 The Ledger sheet: every row and column of who pays, who saves, and the three views, to the penny.
  const ledger = wb.getWorksheet(optionSheets(k, s.name).ledger);
  if (s.ledger && s.ledger.benefits.length > 0) {
    if (!ledger) return [...out, `option ${k}: Ledger sheet missing`];
    const rowOfKey = new Map<string, number>();
    ledger.getColumn(2).eachCell((c, r) => rowOfKey.set(cellText(c), r));
    const lines = [{ key: 'cost.icb', values: s.ledger.cost.values.map((v) => -v) }, ...s.ledger.benefits.map((b) => ({ key: `${b.payer}.${b.category}.${b.kind}`, values: b.values }))];
    for (const line of lines) {
      const r = rowOfKey.get(line.key);
      if (r === undefined) out.push(`${s.name} ledger row ${line.key} missing`);
      else line.values.forEach((v, j) => money(`ledger ${line.key} ${j}`, cellNumber(ledger.getCell(r, 6 + j)) ?? Number.NaN, v));
    }
    for (const view of ['social', 'commissioner', 'exchequer'] as const) {
      const p = s.perspectives;
      if (!p) continue;
      money(`${view} benefit`, Number(metric(`${view}_benefit` as never)), p[view].benefit);
      money(`${view} NPV`, Number(metric(`${view}_npv` as never)), p[view].npv);
      const bcr = metric(`${view}_bcr` as never);
      if (p[view].bcr === null ? bcr !== 'n/a' : !close(Number(bcr), p[view].bcr as number, 1e-12)) out.push(`${s.name} ${view} BCR: workbook ${String(bcr)}, engine ${String(p[view].bcr)}`);
    }
    if (metric('ledger_check' as never) !== 'OK') out.push(`${s.name} ledger check: ${String(metric('ledger_check' as never))}`);
  }
  return out;
}

// ---- Cached values (no LibreOffice) ---------------------------------------------------------

describe('the live workbook\u2019s cached values', () => {
  it('agree with the engine for random scenarios (the check cell says OK)', () => {
    const doc = documentOf(randomScenarios(25, 16));
    const book = buildLiveBook(doc, { references: loadReference });
    const slugs = optionSlugs(doc.scenarios);
    const bad: string[] = [];
    doc.scenarios.forEach((s, i) => {
      const slug = slugs[i] as string;
      const npv = book.named(`${slug}.npv`);
      if (!(Math.abs(Number(npv) - s.metrics.npv) < PENNY)) bad.push(`${s.name}: NPV ${String(npv)} vs ${s.metrics.npv}`);
      const bcr = book.named(`${slug}.bcr`);
      if (s.metrics.bcr === null ? bcr !== 'n/a' : !close(Number(bcr), s.metrics.bcr, 1e-12)) bad.push(`${s.name}: BCR ${String(bcr)} vs ${String(s.metrics.bcr)}`);
      for (const key of ['total_benefit_discounted_evidence_adjusted', 'npv_evidence_adjusted', 'npv_unadjusted', 'total_benefit', 'cashable_benefit_discounted'] as const) {
        const got = book.named(`${slug}.${key}`);
        if (!(Math.abs(Number(got) - s.metrics[key]) < PENNY)) bad.push(`${s.name}: ${key} ${String(got)} vs ${s.metrics[key]}`);
      }
      const bcrE = book.named(`${slug}.bcr_evidence_adjusted`);
      if (s.metrics.bcr_evidence_adjusted === null ? bcrE !== 'n/a' : !close(Number(bcrE), s.metrics.bcr_evidence_adjusted, 1e-12)) bad.push(`${s.name}: BCR (evidence-adjusted) ${String(bcrE)} vs ${String(s.metrics.bcr_evidence_adjusted)}`);
      if (book.named(`${slug}.check`) !== 'OK') bad.push(`${s.name}: check ${String(book.named(`${slug}.check`))}`);
      if (s.ledger && s.ledger.benefits.length > 0 && book.named(`${slug}.ledger_check`) !== 'OK') bad.push(`${s.name}: ledger check ${String(book.named(`${slug}.ledger_check`))}`);
    });
    expect(bad).toEqual([]);
  });
});

// ---- Recalculated by LibreOffice ------------------------------------------------------------

describe.skipIf(!HAVE_SOFFICE && !IN_CI)('the live workbook, recalculated by LibreOffice', () => {
  const dir = suiteTempDir('peerplan-live-');
  const LEAVER_RATE = 0.2;
  const BENEFIT_EDIT = { base_rate: 0.25, relative_effect: 0.8, basis: 'worker_year' } as const;
  let bundledDoc: ResultDocument;
  let randomDoc: ResultDocument;
  let bundled: Workbook;
  let random: Workbook;
  let changed: Workbook;
  let benefitChanged: Workbook;
  let long: Workbook;
  let longDoc: ResultDocument;
  const LONG_YEARS = 30;
  let slugs: string[];
  /** The option's name in the workbook of the first bundled scenario alone, which the analyst edits. */
  let oneSlug: string;

  beforeAll(async () => {
    if (!HAVE_SOFFICE) throw new Error(`LibreOffice is needed with CI=true and was not found at ${SOFFICE}: ${SOFFICE_INSTALL}`);
    const bundledFile = join(dir, 'bundled.xlsx');
    const x = await runCli(['run', ...BUNDLED, '--format', 'xlsx', '--out', bundledFile, '--quiet']);
    if (x.status !== 0) throw new Error(x.stderr);
    const j = await runCli(['run', ...BUNDLED, '--format', 'json']);
    bundledDoc = JSON.parse(j.stdout) as ResultDocument;
    slugs = optionSlugs(bundledDoc.scenarios);

    randomDoc = documentOf(randomScenarios(6, 2026));
    const randomFile = join(dir, 'random.xlsx');
    writeFileSync(randomFile, await renderXlsx(randomDoc));

    // The workbook of the first bundled scenario with one input cell changed, as an analyst
    // would (one option, not six: LibreOffice recalculates a sixth of the formulas).
    const oneFile = join(dir, 'one.xlsx');
    const one = await runCli(['run', BUNDLED[0] as string, '--format', 'xlsx', '--out', oneFile, '--quiet']);
    if (one.status !== 0) throw new Error(one.stderr);
    oneSlug = optionSlugs(bundledDoc.scenarios.slice(0, 1))[0] as string;
    const edited = await readWorkbook(oneFile);
    const at = named(edited, `${oneSlug}.turnover.annual_leaver_rate`);
    const sheet = edited.getWorksheet(at.sheet);
    if (!sheet) throw new Error(`no sheet ${at.sheet}`);
    sheet.getCell(at.address).value = LEAVER_RATE;
    const changedFile = join(dir, 'changed.xlsx');
    await edited.xlsx.writeFile(changedFile);

    // The first stream's base rate, relative effect and basis changed (the basis to worker_year).
    const editedB = await readWorkbook(oneFile);
    for (const [key, value] of Object.entries(BENEFIT_EDIT)) {
      const at2 = named(editedB, `${oneSlug}.benefits_0.${key}`);
      const sheet2 = editedB.getWorksheet(at2.sheet);
      if (!sheet2) throw new Error(`no sheet ${at2.sheet}`);
      sheet2.getCell(at2.address).value = value;
    }
    const benefitFile = join(dir, 'benefit-changed.xlsx');
    await editedB.xlsx.writeFile(benefitFile);

    // The longest horizon allowed, with a fixed term and relationships of twenty months:
    // the longest month-to-month chains a workbook can hold (issue 24, N8).
    const longFile = join(dir, 'thirty-years.xlsx');
    const longArgs = ['run', 'scenarios/band3-fixed-term.yaml', '--set', `horizon.years=${LONG_YEARS}`, '--set', 'delivery.relationship_months=20'];
    const lx = await runCli([...longArgs, '--format', 'xlsx', '--out', longFile, '--quiet']);
    if (lx.status !== 0) throw new Error(lx.stderr);
    longDoc = JSON.parse((await runCli([...longArgs, '--format', 'json'])).stdout) as ResultDocument;

    // Every workbook through one LibreOffice as installed (multi-threaded calculation on).
    const outDir = join(dir, 'recalculated');
    const [b, c, bc, r, l] = sofficeConvert([bundledFile, changedFile, benefitFile, randomFile, longFile], outDir);
    bundled = await readWorkbook(b as string);
    random = await readWorkbook(r as string);
    changed = await readWorkbook(c as string);
    benefitChanged = await readWorkbook(bc as string);
    long = await readWorkbook(l as string);
  }, 600_000);

  it(`recalculates a ${LONG_YEARS}-year horizon with no error cell and the engine's figures to the penny`, () => {
    expect(longDoc.scenarios[0]?.months.length).toBe(LONG_YEARS * 12);
    const errors: string[] = [];
    let formulas = 0;
    long.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value as unknown;
          if (typeof v === 'object' && v !== null && 'formula' in v) formulas++;
          if (typeof v === 'object' && v !== null && ('error' in v || ('result' in v && typeof (v as { result: unknown }).result === 'object'))) errors.push(`${ws.name}!${cell.address}`);
        }),
      ),
    );
    expect(formulas).toBeGreaterThan(40_000);
    expect(errors.slice(0, 10)).toEqual([]);
    const slug = optionSlugs(longDoc.scenarios)[0] as string;
    expect(differences(long, 1, slug, longDoc.scenarios[0] as ScenarioDocument).slice(0, 20)).toEqual([]);
    expect(namedValue(long, `${slug}.check`)).toBe('OK');
  });

  it('matches `run --format json` to the penny for every bundled scenario: every cost component by month and year, benefits, NPV and BCR', () => {
    expect(bundledDoc.scenarios.length).toBe(BUNDLED.length);
    const bad = bundledDoc.scenarios.flatMap((s, i) => differences(bundled, i + 1, slugs[i] as string, s));
    expect(bad.slice(0, 20)).toEqual([]);
    bundledDoc.scenarios.forEach((_, i) => expect(namedValue(bundled, `${slugs[i]}.check`)).toBe('OK'));
  });

  it('matches the engine for random scenarios', () => {
    const randomSlugs = optionSlugs(randomDoc.scenarios);
    const bad = randomDoc.scenarios.flatMap((s, i) => differences(random, i + 1, randomSlugs[i] as string, s));
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it('changing annual_leaver_rate in the Inputs sheet gives the NPV of run --set turnover.annual_leaver_rate', async () => {
    const base = BUNDLED[0] as string;
    const r = await runCli(['run', base, '--set', `turnover.annual_leaver_rate=${LEAVER_RATE * 100}%`, '--format', 'json']);
    const want = (JSON.parse(r.stdout) as ResultDocument).scenarios[0]?.metrics;
    if (!want) throw new Error(r.stderr);
    const npv = Number(namedValue(changed, `${oneSlug}.npv`));
    expect(Math.abs(npv - want.npv)).toBeLessThan(PENNY);
    expect(Number(namedValue(changed, `${oneSlug}.bcr`))).toBeCloseTo(want.bcr as number, 12);
    // The change moved the NPV, and the check cell says so.
    expect(Math.abs(npv - (bundledDoc.scenarios[0]?.metrics.npv ?? 0))).toBeGreaterThan(1);
    expect(String(namedValue(changed, `${oneSlug}.check`))).toMatch(/^DIFFERS/);
  });

  it('changing a benefit stream\u2019s base rate, relative effect and basis gives the NPVs of run --set', async () => {
    const base = BUNDLED[0] as string;
    const sets = ['base_rate=25%', 'relative_effect=0.8', 'basis=worker_year'].flatMap((x) => ['--set', `benefits[0].${x}`]);
    const r = await runCli(['run', base, ...sets, '--format', 'json']);
    const want = (JSON.parse(r.stdout) as ResultDocument).scenarios[0]?.metrics;
    if (!want) throw new Error(r.stderr);
    for (const key of ['npv', 'npv_evidence_adjusted', 'total_benefit', 'cashable_benefit_discounted'] as const) {
      expect(Math.abs(Number(namedValue(benefitChanged, `${oneSlug}.${key}`)) - want[key]), key).toBeLessThan(PENNY);
    }
    expect(String(namedValue(benefitChanged, `${oneSlug}.check`))).toMatch(/^DIFFERS/);
  });
});
