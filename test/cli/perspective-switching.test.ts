/**
 * §7.5, §7.6 Switching values per perspective: with --metric npv and no baseline,
 * `sensitivity` finds, for each input whose headline switching value it searched, the value
 * at which the social, commissioner and Exchequer NPVs change sign, verified as the
 * headline's are; the JSON, the table, the CSV and the report carry them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './run-cli.js';

const BASELINE = 'scenarios/baseline.yaml';
const QALY = 'benefits[1].unit_value';

interface Switch {
  kind: string;
  value?: number;
  verification?: { below: { decision: number }; above: { decision: number } };
}

describe('switching values per perspective', () => {
  it('hand-checked: the QALY value at which the social NPV and the headline NPV turn', async () => {
    const run = JSON.parse((await runCli(['run', BASELINE, '--format', 'json'])).stdout);
    const s = run.scenarios[0];
    const qalyPv: number = s.benefit_streams[1].total_discounted;
    // The QALY stream's PV is proportional to its unit value (£70,000), and all of it is social
    // value to the person: the social NPV crosses 0 at 70,000 × (1 − social NPV ÷ QALY PV),
    // the headline NPV at 70,000 × (1 − NPV ÷ QALY PV).
    const social = 70000 * (1 - s.perspectives.social.npv / qalyPv); // 70,000 × (1 + 43,477.31 / 604,456.14) ≈ 75,034.96
    const headline = 70000 * (1 - s.metrics.npv / qalyPv); // 70,000 × (1 + 7,899.07 / 604,456.14) ≈ 70,914.76
    expect(social).toBeCloseTo(75034.96, 0);
    const r = await runCli(['sensitivity', BASELINE, '--params', QALY, '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const headlineRow = doc.result.rows[0];
    expect(headlineRow.switching.kind).toBe('switch');
    // Within the reported step (0.01% of the value).
    expect(Math.abs(headlineRow.switching.value - headline)).toBeLessThan(7);
    const views = new Map<string, { base: number; rows: Array<{ path: string; switching: Switch }> }>(doc.perspectives.map((v: { view: string }) => [v.view, v]));
    expect([...views.keys()]).toEqual(['social', 'commissioner', 'exchequer']);
    expect(views.get('social')!.base).toBe(s.perspectives.social.npv);
    const sw = views.get('social')!.rows.find((x) => x.path === QALY)!.switching;
    expect(sw.kind).toBe('switch');
    expect(Math.abs(sw.value! - social)).toBeLessThan(7.4);
    // Verified: the social NPV is negative one step below and positive one step above.
    expect(sw.verification!.below.decision).toBeLessThanOrEqual(0);
    expect(sw.verification!.above.decision).toBeGreaterThan(0);
    // The QALY is social value to the person: no value of it makes the commissioner's or the Exchequer's cash view positive.
    for (const view of ['commissioner', 'exchequer']) expect(views.get(view)!.rows.find((x) => x.path === QALY)!.switching.kind).toBe('none');
  });

  it('the table, CSV and report show them; a comparison against a baseline has none', async () => {
    const text = (await runCli(['sensitivity', BASELINE, '--params', QALY], { env: { NO_COLOR: '1' } })).stdout;
    expect(text).toContain('SWITCHING VALUES PER PERSPECTIVE');
    expect(text).toMatch(/Social \(Green Book\) NPV -£43,477 at the base \(not positive\)\. It turns positive:/);
    const csv = parse((await runCli(['sensitivity', BASELINE, '--params', QALY, '--format', 'csv'])).stdout, { columns: true, record_delimiter: '\r\n' }) as Array<Record<string, string>>;
    expect(Number(csv[0]!.social_npv_switch_value)).toBeCloseTo(75034.96, -1);
    expect(csv[0]!.commissioner_npv_switch_value).toBe('');
    const dir = tempDir();
    const rep = await runCli(['report', join(ROOT, BASELINE), '--out', join(dir, 'r.html')]);
    expect(rep.status, rep.stderr).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('<h3>Switching values per perspective</h3>');
    expect(html).toContain('<strong>Social (Green Book) NPV</strong>');
    const vs = JSON.parse((await runCli(['sensitivity', BASELINE, '--baseline', 'scenarios/band4-permanent.yaml', '--params', QALY, '--format', 'json'])).stdout);
    expect(vs.perspectives).toBeUndefined();
  });
});
