/**
 * Issue 23, done-when: `peerplan reference --unverified` on the bundled scenarios lists
 * nothing that moves a headline by more than 1%, or each such figure is named in the
 * report's caveats. Measured here: each unverified figure moved by ±10% (a GDP deflator
 * year's index level; a benefit stream's evidence or unit value, i.e. the stream's value),
 * the BCR recomputed by the engine; a figure that moves the BCR by more than 1% must be named
 * in the caveat (unverifiedCaveatParts, the list the HTML report, table and Markdown share).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { BUNDLED, ROOT, runCli } from './run-cli.js';
import { loadScenario } from '../../src/read/load-scenario.js';
import { loadReference } from '../../src/reference/load.js';
import { project } from '../../src/engine/project.js';
import { unverifiedCaveatParts } from '../../src/render/unverified.js';
import type { ReferenceData } from '../../src/reference/types.js';
import type { Scenario } from '../../src/scenario/types.js';
import type { UnverifiedFigure } from '../../src/result/unverified.js';

/** The reference with financial year `label`'s deflator index level × f (its growth, and the next year's, adjusted). */
function deflatorMoved(ref: ReferenceData, label: string, f: number): ReferenceData {
  const d = ref.gdp_deflator!;
  const growth = { ...d.growth };
  const start = Number(label.slice(0, 4));
  const next = `${start + 1}/${String((start + 2) % 100).padStart(2, '0')}`;
  const g = (k: string): number => growth[k]?.value ?? d.long_run_growth.value;
  const gy = g(label);
  const gn = g(next);
  growth[label] = { value: (1 + gy) * f - 1, kind: 'forecast', verified: false };
  growth[next] = { value: (1 + gn) / f - 1, kind: 'forecast', verified: false };
  return { ...ref, gdp_deflator: { ...d, growth } };
}

const bcrOf = (s: Scenario, ref: ReferenceData): number => project(s, ref, { detail: 'metrics' }).metrics.bcr as number;

describe('unverified figures that move a headline are named in the caveats', () => {
  it('every bundled scenario: each unverified figure ±10%, BCR moved ≤ 1% or the figure named', async () => {
    const report: string[] = [];
    for (const file of BUNDLED) {
      const r = await runCli(['reference', '--unverified', file, '--format', 'json']);
      expect(r.status, r.stderr).toBe(0);
      const figures = JSON.parse(r.stdout).figures as UnverifiedFigure[];
      const named = unverifiedCaveatParts([figures])?.named.join('; ') ?? '';
      const { loaded } = await loadScenario(join(ROOT, file));
      const s = loaded!.scenario;
      const ref = loadReference(s.reference);
      const base = bcrOf(s, ref);
      for (const f of figures) {
        let moved: number;
        const deflator = /^GDP deflator (\d{4}\/\d{2}) /.exec(f.figure);
        const stream = /benefits\[(\d+)\]/.exec(f.used_by);
        if (deflator) {
          moved = Math.max(...[1.1, 0.9].map((k) => Math.abs(bcrOf(s, deflatorMoved(ref, deflator[1] as string, k)) / base - 1)));
        } else if (stream) {
          const i = Number(stream[1]);
          moved = Math.max(
            ...[1.1, 0.9].map((k) => {
              const t = structuredClone(s);
              const b = t.benefits[i]!;
              b.unit_value = (b.unit_value ?? 0) * k;
              return Math.abs(bcrOf(t, ref) / base - 1);
            }),
          );
        } else {
          throw new Error(`${file}: no perturbation for ${f.figure} (${f.used_by})`);
        }
        const isNamed = deflator ? named.includes(deflator[1] as string) : named.includes(f.figure);
        report.push(`${file} ${f.figure}: BCR ±${(100 * moved).toFixed(2)}%${isNamed ? ', named' : ''}`);
        if (moved > 0.01) expect(isNamed, `${file}: ${f.figure} moves the BCR by ${(100 * moved).toFixed(2)}% and is not named in the caveats`).toBe(true);
      }
    }
    if (process.env.PEERPLAN_UNVERIFIED_REPORT) console.log(report.join('\n'));
    expect(report.length).toBeGreaterThan(0);
  }, 120_000);
});
