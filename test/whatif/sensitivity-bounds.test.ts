/**
 * Sensitivity stays bounded: at most `maxInputs` inputs analysed (the rest listed as
 * left out, lowest screening priority first), switching values searched for the widest
 * swings only, and progress reported as the work advances.
 */
import { describe, expect, it } from 'vitest';
import { runSensitivity, screenInputs, SWITCH_SEARCH_EVALUATIONS, type Evaluator, type SensitivityParam } from '../../src/whatif/sensitivity.js';
import { leftOutPaths } from '../../src/render/sensitivity.js';
import { progressBar } from '../../src/cli/progress.js';
import type { CommandContext } from '../../src/cli/io.js';

const param = (path: string, base: number): SensitivityParam => ({
  path,
  base,
  low: base * 0.8,
  high: base * 1.2,
  range_source: 'plus_minus',
  reason: null,
  domain: [0, base * 10],
  integer: false,
  percent: false,
});

/** metric = Σ weight × value; weight i + 1 for input i, so later inputs swing more. */
function linear(params: readonly SensitivityParam[]): Evaluator & { calls: number } {
  const ev = {
    calls: 0,
    metric(path: string, value: number): number {
      ev.calls++;
      return params.reduce((acc, p, i) => acc + (i + 1) * (p.path === path ? value : p.base), 0);
    },
  };
  return ev;
}

describe('screening', () => {
  const params = ['a', 'benefits[0].quantity', 'benefits[0].unit_value', 'benefits[1].quantity', 'benefits[1].unit_value', 'b'].map((p) => param(p, 10));
  const priority = (p: SensitivityParam): number => (p.path.startsWith('benefits[0]') ? 5 : p.path.startsWith('benefits[1]') ? 50 : Infinity);

  it('keeps every input under the cap', () => {
    expect(screenInputs(params, 6, priority)).toEqual({ kept: params, leftOut: [] });
  });

  it('leaves out the lowest priority first, and keeps input order', () => {
    const { kept, leftOut } = screenInputs(params, 4, priority);
    expect(kept.map((p) => p.path)).toEqual(['a', 'benefits[1].quantity', 'benefits[1].unit_value', 'b']);
    expect(leftOut).toEqual(['benefits[0].quantity', 'benefits[0].unit_value']);
  });

  it('lists a stream left out whole as benefits[i].*', () => {
    const ev = linear(params);
    const r = runSensitivity(params, ev, 0, 'npv', null, { maxInputs: 3, priority });
    expect(r.left_out).toEqual(['benefits[0].quantity', 'benefits[0].unit_value', 'benefits[1].unit_value']);
    expect(leftOutPaths(r)).toEqual(['benefits[0].*', 'benefits[1].unit_value']);
    expect(r.rows).toHaveLength(3);
  });
});

describe('runSensitivity with limits', () => {
  const params = Array.from({ length: 100 }, (_, i) => param(`p${i}`, 10));
  const base = params.reduce((acc, p, i) => acc + (i + 1) * p.base, 0);
  // Favourable while the metric is above 99.9% of the base: the widest inputs can switch it alone.
  const decision = { fn: (m: number) => m - base * 0.999, description: 'metric above 99.9% of base' };

  it('without limits, analyses every input and searches every switching value (unchanged behaviour)', () => {
    const r = runSensitivity(params.slice(0, 5), linear(params.slice(0, 5)), 15 * 10, 'npv', decision);
    expect(r.left_out).toEqual([]);
    expect(r.rows.every((row) => row.switching.kind !== 'not_searched')).toBe(true);
  });

  it('searches switching values for the widest swings only, and costs about that much', () => {
    const ev = linear(params);
    const r = runSensitivity(params, ev, base, 'npv', decision, { maxSwitching: 12 });
    expect(r.rows.map((row) => row.param.path).slice(0, 3)).toEqual(['p99', 'p98', 'p97']);
    const searched = r.rows.filter((row) => row.switching.kind !== 'not_searched').map((row) => row.param.path);
    expect(searched).toEqual(r.rows.slice(0, 12).map((row) => row.param.path));
    expect(r.rows[0]?.switching.kind).toBe('switch');
    expect(ev.calls).toBeLessThan(100 * 2 + 12 * (SWITCH_SEARCH_EVALUATIONS + 10));
  });

  it('reports progress up to the total, never past it', () => {
    const seen: Array<[number, number]> = [];
    runSensitivity(params, linear(params), base, 'npv', decision, { maxInputs: 30, maxSwitching: 5, onProgress: (d, t) => seen.push([d, t]) });
    const total = 30 * 2 + 5 * SWITCH_SEARCH_EVALUATIONS;
    expect(seen.every(([d, t]) => t === total && d <= t)).toBe(true);
    expect(seen.at(-1)).toEqual([total, total]);
    expect(seen.map(([d]) => d)).toEqual([...seen.map(([d]) => d)].sort((a, b) => a - b));
  });
});

describe('progress bar', () => {
  const ctx = (isTTY: boolean): { ctx: CommandContext; text: () => string } => {
    let text = '';
    const stderr = { isTTY, write: (s: string) => ((text += s), true) };
    return { ctx: { io: { stderr } } as unknown as CommandContext, text: () => text };
  };

  it('draws on a terminal and clears itself at the end', () => {
    const { ctx: c, text } = ctx(true);
    const bar = progressBar(c, 'sensitivity', 200, true);
    bar.tick(100);
    bar.tick(101);
    bar.tick(200);
    bar.end();
    expect(text()).toBe('\rsensitivity [#############............]  50% 100/200\rsensitivity [#########################] 100% 200/200\r\x1b[K');
  });

  it('writes nothing when standard error is not a terminal, or when told not to show', () => {
    for (const [tty, show] of [
      [false, true],
      [true, false],
    ] as const) {
      const { ctx: c, text } = ctx(tty);
      const bar = progressBar(c, 'sensitivity', 200, show);
      bar.tick(100);
      bar.end();
      expect(text()).toBe('');
    }
  });
});
