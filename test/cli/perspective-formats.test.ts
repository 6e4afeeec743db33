/**
 * §7.6 The perspective views in every format: the tidy and wide CSV carry the JSON's
 * figures as total-period metrics, Markdown and the HTML report show "whose costs and whose
 * savings" and the benefit by who gains; the table and Markdown name the same unverified
 * figures as the HTML report's caveats.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './run-cli.js';

interface View {
  benefit: number;
  cost: number;
  npv: number;
  bcr: number | null;
}
interface Doc {
  scenarios: Array<{
    name: string;
    metrics: { total_benefit_discounted: number; total_cost_optimism_adjusted: number; npv: number };
    perspectives: { benefit_by_kind: Record<string, number>; benefit_by_payer: Record<string, number>; social: View; commissioner: View; exchequer: View };
  }>;
}

const BASELINE = 'scenarios/baseline.yaml';

async function json(): Promise<Doc> {
  const r = await runCli(['run', BASELINE, '--format', 'json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Doc;
}

describe('perspective views in the other formats', () => {
  it('tidy CSV: each view, the benefit by payer and by kind as total-period metrics equal to the JSON, with units', async () => {
    const doc = await json();
    const p = doc.scenarios[0]!.perspectives;
    const r = await runCli(['run', BASELINE, '--format', 'csv']);
    expect(r.status, r.stderr).toBe(0);
    const rows = parse(r.stdout, { columns: true, record_delimiter: '\r\n' }) as Array<Record<string, string>>;
    const total = new Map(rows.filter((x) => x.period_type === 'total').map((x) => [x.metric, x]));
    for (const view of ['social', 'commissioner', 'exchequer'] as const) {
      for (const f of ['benefit', 'cost', 'npv', 'bcr'] as const) {
        const row = total.get(`${view}_${f}`);
        expect(row, `${view}_${f}`).toBeDefined();
        // Ratios are written to six decimals, as the headline BCR is.
        if (f === 'bcr') expect(Number(row!.value)).toBeCloseTo(p[view][f]!, 6);
        else expect(Number(row!.value)).toBe(p[view][f]);
        expect(row!.unit).toBe(f === 'bcr' ? 'ratio' : 'GBP, 2026/27 prices, present value');
      }
    }
    // The views add up to the documented totals: social = total − transfers, cost = the headline's.
    const m = doc.scenarios[0]!.metrics;
    expect(Number(total.get('social_cost')!.value)).toBe(m.total_cost_optimism_adjusted);
    expect(Number(total.get('social_benefit')!.value)).toBeCloseTo(m.total_benefit_discounted - p.benefit_by_kind.transfer!, 2);
    let payers = 0;
    for (const [k, v] of Object.entries(p.benefit_by_payer)) {
      expect(Number(total.get(`benefit_by_payer.${k}`)!.value)).toBe(v);
      payers += v;
    }
    expect(payers).toBeCloseTo(m.total_benefit_discounted, 2);
    for (const [k, v] of Object.entries(p.benefit_by_kind)) expect(Number(total.get(`benefit_by_kind.${k}`)!.value)).toBe(v);
  });

  it('wide comparison CSV: the views as columns after the metrics', async () => {
    const r = await runCli(['compare', BASELINE, 'scenarios/vcse-grant-funded.yaml', '--format', 'csv', '--wide']);
    expect(r.status, r.stderr).toBe(0);
    const rows = parse(r.stdout, { columns: true, record_delimiter: '\r\n' }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['social_npv', 'commissioner_bcr', 'exchequer_npv', 'benefit_by_payer.dwp_hmt']));
    const doc = await json();
    expect(Number(rows[0]!.social_npv)).toBe(doc.scenarios[0]!.perspectives.social.npv);
  });

  it('Markdown and the HTML report: whose costs and whose savings, and the benefit by who gains', async () => {
    const doc = await json();
    const p = doc.scenarios[0]!.perspectives;
    const money = (x: number): string => `${x < 0 ? '-' : ''}£${Math.round(Math.abs(x)).toLocaleString('en-GB')}`;
    const md = (await runCli(['run', BASELINE, '--format', 'markdown'])).stdout;
    expect(md).toContain('Table: whose costs and whose savings');
    expect(md).toMatch(new RegExp(`\\| Social \\(Green Book\\) \\| all benefits except transfers \\| [^|]+ \\| [^|]+ \\| ${money(p.social.npv).replace('£', '£')} \\|`));
    expect(md).toContain('Table: benefit (PV) by who gains.');
    expect(md).toContain('| DWP / HM Treasury |');
    const dir = tempDir();
    const r = await runCli(['report', join(ROOT, BASELINE), '--out', join(dir, 'r.html'), '--no-sensitivity']);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('whose costs and whose savings (present values).');
    expect(html).toContain('<th scope="row">Commissioner (NHS/ICB)</th>');
    expect(html).toContain(money(p.commissioner.npv).replace('-', '-'));
    expect(html).toContain('benefit (PV) by who gains.');
    expect(html).toContain('the social view (Green Book: transfers excluded), the commissioner&#39;s');
  });

  it('table and Markdown name the unverified figures the HTML caveats name', async () => {
    const table = (await runCli(['run', BASELINE, '--format', 'table'])).stdout;
    const md = (await runCli(['run', BASELINE, '--format', 'markdown'])).stdout;
    // The table wraps its lines to the terminal: compared with single spaces.
    for (const out of [table, md].map((x) => x.replace(/\s+/g, ' '))) {
      expect(out).toContain('Unverified figures. Not yet confirmed at source, and under benefit streams carrying 1% or more of the total benefit:');
      expect(out).toContain('evidence peer-support-2025 qaly (under streams carrying up to 56% of the benefit)');
      expect(out).toMatch(/interpolated or assumed years [^)]*2020\/21/);
    }
    expect(md).toContain('`peerplan reference --unverified FILE`');
  });

  it('compare: the views\' NPV and BCR as rows after the metrics, ranked with differences from the baseline; the JSON rows unchanged', async () => {
    const files = [BASELINE, 'scenarios/band4-permanent.yaml'];
    const doc = JSON.parse((await runCli(['compare', ...files, '--format', 'json'])).stdout) as Doc & { comparison: { rows: Array<{ metric: { key: string } }> } };
    expect(doc.comparison.rows.map((r) => r.metric.key)).not.toContain('social_npv');
    const social = doc.scenarios.map((s) => s.perspectives.social.npv);
    const money = (x: number): string => `${x < 0 ? '-' : ''}£${Math.round(Math.abs(x)).toLocaleString('en-GB')}`;
    const md = (await runCli(['compare', ...files, '--format', 'markdown'])).stdout;
    const row = md.split('\n').find((l) => l.startsWith('| Social NPV |'));
    expect(row).toBeDefined();
    expect(row).toContain(`★ ${money(social[0]!)} (baseline)`);
    expect(row).toContain(`${money(social[1]!)} (${social[1]! - social[0]! < 0 ? '-' : '+'}${money(Math.abs(social[1]! - social[0]!))}`);
    for (const label of ['Social BCR', 'Commissioner NPV', 'Commissioner BCR', 'Exchequer NPV', 'Exchequer BCR']) expect(md).toContain(`| ${label} |`);
    const table = (await runCli(['compare', ...files])).stdout;
    expect(table).toMatch(/│ Exchequer BCR +│/);
  });

  it('an option that values no benefit: its views\' BCRs are no figure (CSV empty with the reason, compare n/a)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'baseline.yaml'), readFileSync(join(ROOT, BASELINE), 'utf8'));
    writeFileSync(join(dir, 'none.yaml'), 'peerplan: 1\nextends: baseline.yaml\nname: none\nbenefits: []\n');
    const csv = (await runCli(['run', join(dir, 'none.yaml'), '--format', 'csv'])).stdout;
    expect(csv).toMatch(/,social_bcr,,"ratio; no benefits valued"\r\n/);
    const md = (await runCli(['compare', join(dir, 'baseline.yaml'), join(dir, 'none.yaml'), '--format', 'markdown'])).stdout;
    expect(md).toMatch(/\| Social BCR \| ★ [0-9.]+ \(baseline\) \| n\/a \|/);
  });
});
