/**
 * Issue #28 item 3 (and the tornado parts of item 6): the report's tornado chart is drawn
 * from the same switching-value result as its table. An input the options share is moved
 * in both, so the runner-up moves too: the dashed "decision switches" line does not cross
 * its bar and it gets no switching marker there, and the table says "both options" (the
 * CLI's "moved in both / this option only"). Value labels at the same end do not overprint,
 * and they are drawn over the dashed line, not cut by it.
 */
import { describe, expect, it } from 'vitest';
import { tornadoChart, type TornadoInput } from '../../src/render/svg/index.js';
import { runCli } from '../cli/run-cli.js';

/** The y ranges the dashed threshold path covers. */
function dashedSpans(svg: string): Array<[number, number]> {
  const d = /<path class="threshold" d="([^"]+)"/.exec(svg)?.[1] ?? '';
  return [...d.matchAll(/M[\d.]+ ([\d.]+)V([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** The y of each bar's rect (first rect per row). */
function barYs(svg: string): number[] {
  const marks = /<g class="marks">([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? '';
  return [...new Set([...marks.matchAll(/<rect x="[\d.]+" y="([\d.]+)"/g)].map((m) => Number(m[1])))];
}

const input: TornadoInput = {
  base: 1000,
  threshold: 1200,
  bars: [
    { label: 'Caseload', path: 'delivery.caseload_per_wte', low: 1500, high: 700, lowValueLabel: '4', highValueLabel: '12', movedIn: 'both' },
    { label: 'Leaver rate', path: 'turnover.annual_leaver_rate', low: 900, high: 1300, lowValueLabel: '10%', highValueLabel: '40%', switchValue: '30%', movedIn: 'option' },
  ],
};

describe('tornado chart and its table agree (issue #28 item 3)', () => {
  it('the dashed line crosses no bar of an input moved in both options', () => {
    const svg = tornadoChart(input, { id: 't', title: 'T' });
    const spans = dashedSpans(svg);
    expect(spans.length).toBeGreaterThan(0);
    const [both, option] = barYs(svg);
    expect(both).toBeDefined();
    const crosses = (y: number): boolean => spans.some(([a, b]) => a <= y + 10 && y + 10 <= b);
    expect(crosses(both as number)).toBe(false);
    expect(crosses(option as number)).toBe(true);
    expect(svg).toContain('moved in both options');
  });

  it('draws the value labels after the dashed line (not cut by it) and apart from each other', () => {
    const svg = tornadoChart({ base: 100, threshold: 60, bars: [{ label: 'Caseload', low: 58, high: 56, lowValueLabel: '4', highValueLabel: '12' }] }, { id: 'u', title: 'U' });
    expect(svg.indexOf('class="value-labels"')).toBeGreaterThan(svg.indexOf('class="threshold"'));
    const labels = /<g class="value-labels">([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? '';
    const texts = [...labels.matchAll(/<text x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), anchor: m[3], text: m[4] }));
    expect(texts.map((t) => t.text).sort()).toEqual(['12', '4']);
    const four = texts.find((t) => t.text === '4');
    const twelve = texts.find((t) => t.text === '12');
    // Before: "4" at its end +5 to the left of "12"'s end, anchored the same way, so they overprinted.
    const apart = four?.y !== twelve?.y || four?.anchor !== twelve?.anchor || Math.abs((four?.x ?? 0) - (twelve?.x ?? 0)) > 14;
    expect(apart).toBe(true);
  });

  it('the three-option report: a bar the table calls "none in range" is not crossed by the dashed line, and the table says where the input was moved', async () => {
    const r = await runCli(['report', 'scenarios/baseline.yaml', 'scenarios/band3-fixed-term.yaml', 'scenarios/band4-permanent.yaml', '--out', '-']);
    expect(r.status, r.stderr).toBe(0);
    const section = /<section id="sensitivity"[\s\S]*?<\/section>/.exec(r.stdout)?.[0] ?? '';
    expect(section).toContain('<th scope="col">Moved in</th>');
    expect(section).toContain('both options (a shared assumption)');
    const svg = /<svg[\s\S]*?<\/svg>/.exec(section)?.[0] ?? '';
    const spans = dashedSpans(svg);
    const ys = barYs(svg);
    const rows = [...section.matchAll(/<tr><th scope="row">[\s\S]*?<\/tr>/g)].map((m) => m[0]);
    expect(rows.length).toBe(ys.length);
    rows.forEach((row, i) => {
      const y = (ys[i] as number) + 10;
      const crossed = spans.some(([a, b]) => a <= y && y <= b);
      if (row.includes('both options')) expect(crossed, row).toBe(false);
    });
  });
});
