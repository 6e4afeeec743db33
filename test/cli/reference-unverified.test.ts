// `peerplan reference --unverified FILE`: every unverified figure a scenario's result uses.
import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempDir } from './run-cli.js';

interface Figure {
  figure: string;
  value: string;
  used_by: string;
  why: string;
  benefit_share: number | null;
}

async function figures(file: string, cwd?: string): Promise<Figure[]> {
  const r = await runCli(['reference', '--unverified', file, '--format', 'json'], cwd === undefined ? {} : { cwd });
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { figures: Figure[] }).figures;
}

describe('peerplan reference --unverified', () => {
  it("lists the baseline's unverified evidence, unit costs and deflator years, with each benefit stream's stake", async () => {
    const f = await figures('scenarios/baseline.yaml');
    const names = f.map((x) => x.figure);
    expect(names).toContain('evidence peer-support-2025 qaly'); // the £70,000's price year
    expect(names).toContain('evidence peer-support-2025 white-2020-recovery');
    expect(names).toContain('GDP deflator 2020/21 (hmt-gdp-deflator-2026-03)'); // the QALY's price year, interpolated
    expect(names).toContain('GDP deflator 2026/27 (hmt-gdp-deflator-2026-03)'); // the price base, an assumed forecast
    // Verified figures are not listed: the release's own 2024/25 and 2022/23 levels, the verified CPFT SROI.
    expect(names).not.toContain('GDP deflator 2024/25 (hmt-gdp-deflator-2026-03)');
    expect(names).not.toContain('GDP deflator 2022/23 (hmt-gdp-deflator-2026-03)');
    expect(names.some((n) => n.includes('cpft-2018-sroi'))).toBe(false);
    const qaly = f.find((x) => x.figure === 'evidence peer-support-2025 qaly')!;
    expect(qaly.used_by).toContain('benefits[1].unit_value');
    expect(qaly.benefit_share).toBeGreaterThan(0.5); // the QALY stream is over half the benefit
    expect(qaly.benefit_share).toBeLessThan(0.6);
    const y2020 = f.find((x) => x.figure.startsWith('GDP deflator 2020/21'))!;
    expect(y2020).toMatchObject({ value: '84.2485', why: 'interpolated from the calendar-year series' });
  });

  it('lists the HCAS bounds only when the scenario is in a high cost area', async () => {
    expect((await figures('scenarios/baseline.yaml')).some((x) => x.figure.includes('hcas'))).toBe(false);
    const dir = tempDir();
    copyFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), join(dir, 'baseline.yaml'));
    writeFileSync(join(dir, 'london.yaml'), 'peerplan: 1\nextends: baseline.yaml\nworkforce:\n  high_cost_area: outer_london\n');
    const hcas = (await figures('london.yaml', dir)).find((x) => x.figure === 'reference afc-2025-26 hcas.areas.outer_london');
    expect(hcas).toMatchObject({ value: '15%, £4,714–£5,941', used_by: 'workforce.high_cost_area' });
    const r = await runCli(['reference', '--unverified', 'scenarios/baseline.yaml']);
    expect(r.stdout).toMatch(/^Unverified figures in scenarios\/baseline\.yaml \(Baseline \(current team\)\), reference afc-2025-26: \d+\n/);
    expect(r.stdout).toContain('stake:   the benefit stream(s) using it carry');
  });

  it('needs a scenario file (exit 2), and reports an invalid one (exit 1)', async () => {
    const none = await runCli(['reference', '--unverified']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--unverified needs a scenario file');
    const bad = await runCli(['reference', '--unverified', 'test/fixtures/invalid/OUT_OF_RANGE.yaml']);
    expect(bad.status).toBe(1);
  });

  it('run --format json carries the same list per scenario, and the HTML report names those under 1% or more of the benefit in its caveats', async () => {
    const run = await runCli(['run', 'scenarios/baseline.yaml', '--format', 'json']);
    const doc = JSON.parse(run.stdout) as { scenarios: { unverified: Figure[] }[] };
    expect(doc.scenarios[0]!.unverified).toEqual(await figures('scenarios/baseline.yaml'));
    const dir = tempDir();
    const r = await runCli(['report', join(ROOT, 'scenarios', 'baseline.yaml'), '--out', join(dir, 'r.html'), '--no-sensitivity']);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('<strong>Unverified figures.</strong>');
    expect(html).toContain('evidence peer-support-2025 qaly (under streams carrying up to 56% of the benefit)');
    expect(html).toMatch(/interpolated or assumed years [^)]*2020\/21/);
  });
});
