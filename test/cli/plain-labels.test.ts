/**
 * #17: a board reads plain English. Every human-facing output of the bundled scenarios
 * (table, Markdown, the HTML report's visible text) names inputs by their label from
 * src/metrics/labels.ts, never by a raw input path such as `benefits[0].attribution`;
 * the paths stay in JSON (checked here too) and on hover in HTML.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED, runBinary, runCli, tempDir } from './run-cli.js';
import { hasInputLabel, inputLabel } from '../../src/metrics/labels.js';
import { displayValue } from '../../src/render/values.js';
import { cellText, readWorkbook } from './workbook.js';
import { optionSheets } from '../../src/render/workbook/live.js';

const ALL = ['scenarios/baseline.yaml', ...BUNDLED.filter((f) => f !== 'scenarios/baseline.yaml')];

/** Every input path of the bundled scenarios, from the JSON output (which keeps them). */
function inputPaths(): string[] {
  const r = runBinary(['compare', ...ALL, '--format', 'json']);
  expect(r.status, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout) as { scenarios: Array<{ inputs: Array<{ path: string }> }> };
  return [...new Set(doc.scenarios.flatMap((s) => s.inputs.map((i) => i.path)))];
}

/** Paths that could not be ordinary words: dotted or indexed. */
const pathLike = (paths: string[]): string[] => paths.filter((p) => /[.[]/.test(p));

/** The text a reader sees: no tags, no attributes (titles hold the paths on purpose), entities decoded. */
function visibleText(page: string): string {
  return page
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function expectNoPaths(output: string, paths: string[], where: string): void {
  const found = paths.filter((p) => output.includes(p));
  expect(found, `${where} shows raw input paths`).toEqual([]);
}

describe('plain-English labels (#17)', () => {
  const paths = inputPaths();

  it('has a label for every input of the bundled scenarios', () => {
    expect(paths.filter((p) => !hasInputLabel(p))).toEqual([]);
    expect(inputLabel('benefits[0].attribution')).toBe('Benefit 1: share due to peer support');
    expect(inputLabel('workforce.funding_changes[1].from')).toBe('Funding change 2: from month');
    expect(inputLabel('turnover.annual_leaver_rate')).toBe('Staff leaving each year');
  });

  it('shows money with £ and other values as a reader writes them', () => {
    expect(displayValue('benefits[0].unit_value', 11280)).toBe('£11,280');
    expect(displayValue('turnover.recruitment_cost_per_hire', 2500.5)).toBe('£2,500.50');
    expect(displayValue('turnover.annual_leaver_rate', 0.14)).toBe('14%');
    expect(displayValue('workforce.contract.type', 'fixed_term')).toBe('fixed-term');
    expect(displayValue('supervision.peer_group_supervision', true)).toBe('yes');
    expect(displayValue('workforce.salary', null)).toBe('-');
  });

  it('table and Markdown outputs of run and compare show no raw input path', async () => {
    const shown = pathLike(paths);
    for (const format of ['table', 'markdown']) {
      const compare = await runCli(['compare', ...ALL, '--format', format]);
      expect(compare.status, compare.stderr).toBe(0);
      expectNoPaths(compare.stdout, shown, `compare --format ${format}`);
      expect(compare.stdout).toContain("Employer's annual pay bill");
      expect(compare.stdout).toContain('£250,000,000');
      for (const file of BUNDLED) {
        const run = await runCli(['run', file, '--format', format]);
        expect(run.status, run.stderr).toBe(0);
        expectNoPaths(run.stdout, shown, `run ${file} --format ${format}`);
      }
    }
  }, 120_000);

  it('the HTML report shows labels, with the path on hover only', async () => {
    const out = join(tempDir(), 'report.html');
    const r = await runCli(['report', ...ALL, '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const page = readFileSync(out, 'utf8');
    expectNoPaths(visibleText(page), pathLike(paths), 'the HTML report');
    expect(page).toContain('<span class="input" title="turnover.annual_leaver_rate">Staff leaving each year</span>');
  }, 120_000);

  it('the live workbook labels its inputs from the same catalogue: "Benefit 1: …", never "Benefits 1: …" (#28 item 7)', async () => {
    const out = join(tempDir(), 'b.xlsx');
    const r = await runCli(['run', 'scenarios/baseline.yaml', '--format', 'xlsx', '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const ws = (await readWorkbook(out)).getWorksheet(optionSheets(1, 'Baseline (current team)').inputs);
    const texts: string[] = [];
    ws?.eachRow((row) => row.eachCell((cell) => void texts.push(cellText(cell))));
    expect(texts).toContain(inputLabel('benefits[0].attribution'));
    expect(texts).toContain(inputLabel('turnover.annual_leaver_rate'));
    expect(texts.filter((t) => /^Benefits \d/.test(t))).toEqual([]);
  });
});
