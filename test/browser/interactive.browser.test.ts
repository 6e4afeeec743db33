/**
 * #17 "interactive report": `report --interactive` in Chromium. Three controls are moved,
 * one of them an evidence-based benefit stream's risk ratio (#12: the page recomputes the
 * resolved streams, library values included); the figures the page then shows (and the
 * document it rendered them from) equal `compare --set` of the same values to the penny,
 * for every option and every headline metric. The page makes no network request, has a Content-Security-Policy that allows
 * its one inline script by hash only, resets, says what changed, and prints that line
 * (not the controls).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BUNDLED, runCli } from '../cli/run-cli.js';
import { launchChromium, RUN_IN_CHROMIUM } from './chromium.js';
import { formatMetric, metricInfo } from '../../src/metrics/catalogue.js';

const ALL = ['scenarios/baseline.yaml', ...BUNDLED.filter((f) => f !== 'scenarios/baseline.yaml')];

interface Doc {
  scenarios: Array<{ name: string; metrics: Record<string, number | string | null> }>;
  comparison?: { rows: Array<{ metric: { key: string } }> };
}

const numberInput = (path: string): string => `.control:has(span.input[title="${path}"]) input[type=number]`;

/**
 * `peerplan report ARGS --out page.html --quiet`, opened offline in a fresh Chromium; `use`
 * gets the page and the page errors logged so far. Everything is closed and removed after.
 */
async function onPage(args: readonly string[], use: (page: Page, errors: string[]) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'peerplan-interactive-page-'));
  const browser = await launchChromium();
  try {
    const out = join(dir, 'page.html');
    const r = await runCli(['report', ...args, '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(pathToFileURL(out).href, { waitUntil: 'load' });
    await use(page, errors);
    await context.close();
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.runIf(RUN_IN_CHROMIUM)('report --interactive in Chromium', () => {
  let dir = '';
  let html = '';
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];
  let fileUrl = '';
  let loaded = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peerplan-interactive-'));
    const out = join(dir, 'board.html');
    const r = await runCli(['report', ...ALL, '--interactive', '--controls', 'finance.discount_rate,benefits[0].attribution,benefits[0].relative_effect', '--out', out, '--quiet']);
    if (r.status !== 0) throw new Error(`peerplan report --interactive failed (${r.status}): ${r.stderr}`);
    html = readFileSync(out, 'utf8');
    fileUrl = pathToFileURL(out).href;
    browser = await launchChromium();
    context = await browser.newContext({ offline: true });
    context.on('request', (req) => requests.push(req.url()));
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(fileUrl, { waitUntil: 'load' });
    loaded = await page.locator('#report-main').innerHTML();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has a Content-Security-Policy that allows only its own inline script, by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]{44}'/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('offers controls for the widest swings and the ones named', async () => {
    expect(await page.locator('.control').count()).toBeGreaterThanOrEqual(4);
    // One of the widest swings since #26: the caseload, which sets the dose each person receives.
    expect(await page.locator('.control', { has: page.locator('span.input[title="delivery.caseload_per_wte"]') }).textContent()).toContain('(wide swing)');
    expect(await page.locator(numberInput('finance.discount_rate')).inputValue()).toBe('3.5');
    expect(await page.locator(numberInput('benefits[0].attribution')).inputValue()).toBe('50');
    // Named: the CORE stream's risk ratio, from the evidence library (64/218 ÷ 83/216). Since the
    // dose mechanisms (#26) it is no longer among the widest swings, so it is asked for by name.
    const rr = page.locator(numberInput('benefits[0].relative_effect'));
    expect(Number(await rr.inputValue())).toBeCloseTo(0.764, 3);
    // The slider starts above 0; the box takes any number and --set's rules judge it (issue #28 item 4).
    expect(Number(await page.locator('.control:has(span.input[title="benefits[0].relative_effect"]) input[type=range]').getAttribute('min'))).toBeGreaterThan(0);
    expect(await page.locator('.control', { has: page.locator('span.input[title="benefits[0].relative_effect"]') }).textContent()).toContain('Benefit 1: risk ratio with peer support');
  });

  it('moving controls gives the figures of compare --set, to the penny', async () => {
    await page.locator(numberInput('benefits[0].attribution')).fill('40');
    await page.locator(numberInput('finance.discount_rate')).fill('5');
    await page.locator(numberInput('benefits[0].relative_effect')).fill('0.7');
    await page.locator(numberInput('delivery.caseload_per_wte')).fill('30');
    const shown = (await page.evaluate('globalThis.peerplanDocument')) as Doc;
    const r = await runCli(['compare', ...ALL, '--set', 'benefits[0].attribution=40%', '--set', 'finance.discount_rate=5%', '--set', 'benefits[0].relative_effect=0.7', '--set', 'delivery.caseload_per_wte=30', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const expected = JSON.parse(r.stdout) as Doc;
    const keys = (expected.comparison?.rows ?? []).map((row) => row.metric.key);
    expect(keys).toContain('npv');
    const penny = (v: number | string | null | undefined): number | string | null | undefined => (typeof v === 'number' ? Math.round(v * 100) : v);
    expected.scenarios.forEach((s, i) => {
      for (const key of [...keys, 'npv', 'total_cost', 'total_benefit_discounted', 'bcr']) {
        expect(penny(shown.scenarios[i]?.metrics[key]), `${s.name}: ${key}`).toBe(penny(s.metrics[key]));
      }
    });
    // And the table on screen shows those figures.
    const npvRow = await page.locator('#comparison tbody tr', { hasText: 'Net present value' }).first().locator('td .value').allTextContents();
    expect(npvRow.map((t) => t.replace('★', '').replace(' (best)', '').trim())).toEqual(expected.scenarios.map((s) => formatMetric(metricInfo('npv')?.kind ?? 'money', s.metrics.npv ?? null)));
    expect(await page.locator('#changed-inputs').textContent()).toContain('Discount rate 3.5% → 5%');
    expect(await page.locator('#changed-inputs').textContent()).toContain('Benefit 1: share due to peer support 50% → 40%');
  });

  it('prints the current state and says what changed; the controls do not print', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#changed-inputs').isVisible()).toBe(true);
    expect(await page.locator('aside.controls').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });

  it('resets to the scenario files’ values', async () => {
    const before = await page.locator('#report-main').innerHTML();
    await page.locator('#controls-reset').click();
    expect(await page.locator('#changed-inputs').textContent()).toContain('No values changed');
    const after = await page.locator('#report-main').innerHTML();
    expect(after !== before).toBe(true);
    expect(after === loaded).toBe(true);
  });

  it('makes no network request and logs no error', () => {
    expect(errors).toEqual([]);
    expect(requests).toEqual([fileUrl]);
  });
});

describe.runIf(RUN_IN_CHROMIUM)('report --interactive --draws in Chromium (issue #24 N10)', () => {
  it('moving a control keeps an Uncertainty section that says it is not recomputed; resetting brings the analysis back', async () => {
    await onPage(['scenarios/baseline.yaml', 'scenarios/band4-permanent.yaml', '--interactive', '--draws', '50', '--controls', 'finance.discount_rate'], async (page) => {
      const headings = await page.locator('#report-main h2').count();
      expect(await page.locator('#uncertainty table').count()).toBeGreaterThan(0);
      await page.locator(numberInput('finance.discount_rate')).fill('5');
      const section = page.locator('#uncertainty');
      expect(await section.count()).toBe(1);
      expect(await section.textContent()).toContain('The uncertainty analysis is for the inputs as written in the scenario files; it is not recomputed when a control moves.');
      expect(await page.locator('#report-main h2').count()).toBe(headings);
      expect(await page.locator('#changed-inputs').textContent()).toContain('it is not recomputed when a control moves');
      await page.locator('#controls-reset').click();
      expect(await page.locator('#uncertainty table').count()).toBeGreaterThan(0);
    });
  }, 120_000);
});

describe.runIf(RUN_IN_CHROMIUM)('report --interactive with two options that differ in supervision span and renewal (issue #28 item 2)', () => {
  const PAIR = ['scenarios/band4-permanent.yaml', 'scenarios/band3-fixed-term.yaml'];
  const optionInput = (path: string, option: number): string => `.control[data-option="${option}"]:has(span.input[title="${path}"]) input[type=number]`;

  it('each option’s control starts at its own value and moves that option only: the figures equal compare --set of that option, to the penny', async () => {
    await onPage([...PAIR, '--interactive', '--no-sensitivity', '--controls', 'supervision.workers_per_supervisor,workforce.contract.renewal_probability'], async (page, errors) => {
      expect(await page.locator(optionInput('supervision.workers_per_supervisor', 0)).inputValue()).toBe('6');
      expect(await page.locator(optionInput('supervision.workers_per_supervisor', 1)).inputValue()).toBe('10');
      expect(await page.locator(optionInput('workforce.contract.renewal_probability', 1)).inputValue()).toBe('50');
      await page.locator(optionInput('supervision.workers_per_supervisor', 1)).fill('8');
      await page.locator(optionInput('workforce.contract.renewal_probability', 1)).fill('70');
      const shown = (await page.evaluate('globalThis.peerplanDocument')) as Doc;
      const penny = (v: number | string | null | undefined): number | string | null | undefined => (typeof v === 'number' ? Math.round(v * 100) : v);
      const own = async (file: string, sets: string[]): Promise<Doc['scenarios'][number]> => {
        const c = await runCli(['compare', file, ...sets.flatMap((s) => ['--set', s]), '--format', 'json']);
        expect(c.status, c.stderr).toBe(0);
        return (JSON.parse(c.stdout) as Doc).scenarios[0] as Doc['scenarios'][number];
      };
      const expected = [await own(PAIR[0] as string, []), await own(PAIR[1] as string, ['supervision.workers_per_supervisor=8', 'workforce.contract.renewal_probability=70%'])];
      const keys = Object.keys(expected[0]?.metrics ?? {}).filter((k) => typeof expected[0]?.metrics[k] === 'number');
      expect(keys).toContain('npv');
      expected.forEach((s, i) => {
        for (const key of keys) expect(penny(shown.scenarios[i]?.metrics[key]), `${s.name}: ${key}`).toBe(penny(s.metrics[key]));
      });
      // The status names the option and its own value; "Inputs that differ" keeps the row, with each option's value.
      const status = (await page.locator('#changed-inputs').textContent()) ?? '';
      expect(status).toContain('(Band 3 fixed-term (12-month grants)) 10 → 8');
      expect(status).toContain('(Band 3 fixed-term (12-month grants)) 50% → 70%');
      expect(status).not.toContain('every option');
      const row = page.locator('#report-main table.differences tbody tr', { has: page.locator('span.input[title="supervision.workers_per_supervisor"]') });
      expect(await row.count()).toBe(1);
      const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
      expect(cells.join(' ')).toMatch(/6[\s\S]*8/);
      expect(errors).toEqual([]);
    });
  }, 120_000);
});

describe.runIf(RUN_IN_CHROMIUM)('report --interactive: values --set would refuse (issue #28 item 4)', () => {
  it('shows the CLI’s message, raises no page error and recomputes nothing; a value the CLI accepts beyond the slider is computed as --set computes it', async () => {
    await onPage(['scenarios/baseline.yaml', 'scenarios/band4-permanent.yaml', '--interactive', '--no-sensitivity', '--controls', 'delivery.relationship_months,delivery.caseload_per_wte'], async (page, errors) => {
      const loaded = await page.locator('#report-main').innerHTML();
      const cli = async (set: string): Promise<string> => {
        const c = await runCli(['compare', 'scenarios/baseline.yaml', 'scenarios/band4-permanent.yaml', '--set', set]);
        expect(c.status).toBe(1);
        return c.stderr;
      };
      for (const [path, value] of [['delivery.relationship_months', '0'], ['delivery.relationship_months', '-5'], ['delivery.caseload_per_wte', '0']] as const) {
        await page.locator(numberInput(path)).fill(value);
        const shown = (await page.locator('#control-problems').textContent()) ?? '';
        const message = (await cli(`${path}=${value}`)).split('\n\n')[0]?.trim() ?? '';
        expect(message).toContain('OUT_OF_RANGE');
        expect(shown, `${path}=${value}`).toContain(message.split('\n')[0] as string);
        expect(shown).toContain('Not recalculated');
        expect(await page.locator(numberInput(path)).getAttribute('aria-invalid')).toBe('true');
        expect(await page.locator('#report-main').innerHTML(), 'nothing recomputed').toBe(loaded);
        expect(await page.evaluate('globalThis.peerplanDocument')).toBeUndefined();
        expect(await page.locator('#changed-inputs').textContent()).toContain('No values changed');
        await page.locator(numberInput(path)).fill(path === 'delivery.caseload_per_wte' ? '12' : '4');
      }
      // 100 months: above the slider's 12, but a value the CLI accepts (up to 120): computed as compare --set does.
      await page.locator(numberInput('delivery.relationship_months')).fill('100');
      expect(await page.locator('#control-problems').textContent()).toBe('');
      const doc = (await page.evaluate('globalThis.peerplanDocument')) as Doc;
      const c = await runCli(['compare', 'scenarios/baseline.yaml', 'scenarios/band4-permanent.yaml', '--set', 'delivery.relationship_months=100', '--format', 'json']);
      expect(c.status, c.stderr).toBe(0);
      const expected = JSON.parse(c.stdout) as Doc;
      expected.scenarios.forEach((s, i) => expect(Math.round((doc.scenarios[i]?.metrics.npv as number) * 100), s.name).toBe(Math.round((s.metrics.npv as number) * 100)));
      // 200 months: beyond what the CLI accepts.
      await page.locator(numberInput('delivery.relationship_months')).fill('200');
      expect(await page.locator('#control-problems').textContent()).toContain('must be at most 120');
      expect(errors).toEqual([]);
    });
  }, 120_000);
});
