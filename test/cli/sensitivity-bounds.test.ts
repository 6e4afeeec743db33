/**
 * A scenario with 100 benefit streams (about 730 numeric inputs) took 501 s in
 * `sensitivity`, which `report` runs by default. Now at most --max-inputs inputs are
 * analysed, the smallest streams' inputs left out and listed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, runCli, suiteTempDir } from './run-cli.js';
import { renderSensitivityCsv, renderSensitivityText } from '../../src/render/sensitivity.js';

/** 100 benefit streams; stream i is worth more as i grows (quantity and unit value rise). */
function hundredStreams(): string {
  const lines = [
    'peerplan: 1',
    'name: Hundred streams',
    'reference: afc-2025-26',
    'horizon: { start: 2026-04, years: 3 }',
    'workforce: { funded_wte: 6, starting_wte: 5, band: 3, pay_point: middle, contract: { type: permanent }, team_size: 6 }',
    'benefits:',
  ];
  for (let i = 0; i < 100; i++) {
    lines.push(
      `  - { name: Stream ${i + 1}, basis: completed_episode, quantity: ${(0.01 + i * 0.001).toFixed(3)}, unit_value: ${1000 + i * 37}, ` +
        `attribution: 50%, deadweight: 10%, lag_months: ${i % 12}, drop_off: 5%, cashable: 25%, category: ${['fiscal', 'economic', 'social'][i % 3]} }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('sensitivity of a scenario with 100 benefit streams', () => {
  const dir = suiteTempDir('peerplan-s100-');
  const file = join(dir, 'hundred.yaml');
  writeFileSync(file, hundredStreams());

  it('analyses at most 50 inputs, the largest streams first, and says which it left out', { timeout: 120_000 }, async () => {
    const r = await runCli(['sensitivity', file, '--metric', 'total_cost', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const rows: string[] = doc.result.rows.map((row: { param: { path: string } }) => row.param.path);
    const leftOut: string[] = doc.result.left_out;
    expect(rows).toHaveLength(50);
    expect(leftOut.length).toBeGreaterThan(600);
    expect(new Set([...rows, ...leftOut]).size).toBe(rows.length + leftOut.length);
    // The most valuable stream is analysed; the least valuable is left out.
    expect(rows).toContain('benefits[99].quantity');
    expect(leftOut).toContain('benefits[0].quantity');
    // Every input that is not a benefit stream's is analysed.
    expect(leftOut.every((p) => p.startsWith('benefits['))).toBe(true);

    // The same document as text and CSV (rendered here: one run of the binary is enough).
    const text = renderSensitivityText(doc, { width: 100 });
    expect(text).toMatch(/Left out, to bound the run time: \d+ of \d+ inputs/);
    expect(text).toContain('benefits[0].*');
    const csv = parseCsv(renderSensitivityCsv(doc));
    expect(csv.filter((row) => row[9] === 'left_out')).toHaveLength(leftOut.length);
  });

  it('finds switching values with a smaller --max-inputs', { timeout: 120_000 }, async () => {
    const r = await runCli(['sensitivity', file, '--max-inputs', '6', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.result.rows).toHaveLength(6);
    expect(doc.result.rows.every((row: { switching: { kind: string } }) => row.switching.kind !== 'not_searched')).toBe(true);
  });

  it('--max-inputs must be a whole number', async () => {
    const r = await runCli(['sensitivity', file, '--max-inputs', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--max-inputs must be a whole number');
  });
});
