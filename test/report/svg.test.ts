import { describe, expect, it } from 'vitest';
import { escapeXml, lineChart, niceTicks, num, sortTornadoBars, stackedBarChart, textWidth, tornadoChart, wrapText } from '../../src/render/svg/index.js';
import { DASHES, MARKERS, PATTERNS } from '../../src/render/svg/style.js';
import { fixtureTornado } from './fixture.js';

describe('svg helpers', () => {
  it('escapes text for XML', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });

  it('rounds coordinates to 2 decimals without -0', () => {
    expect(num(1.23456)).toBe('1.23');
    expect(num(-0.001)).toBe('0');
    expect(num(12)).toBe('12');
    expect(num(0.1 + 0.2)).toBe('0.3');
    expect(num(Number.NaN)).toBe('0');
  });

  it('picks round-number ticks', () => {
    expect(niceTicks(0, 495_000, 6)).toMatchObject({ min: 0, max: 500_000, step: 100_000 });
    expect(niceTicks(0, 10, 6).values).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(20.4, 69.2, 6).values).toEqual([20, 30, 40, 50, 60, 70]);
    expect(niceTicks(0.55, 0.93, 5).values).toEqual([0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(niceTicks(-119_500, 382_000, 6).values).toEqual([-200_000, 0, 200_000, 400_000]);
    expect(niceTicks(5, 5).values.length).toBeGreaterThan(1);
    expect(niceTicks(0, 0).values).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('wraps text to a width, with an ellipsis when it does not fit', () => {
    const lines = wrapText('Band 3 fixed-term (12-month grants) with thin supervision', 120, 12, 2);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(120);
    expect(lines[1]?.endsWith('…')).toBe(true);
    expect(wrapText('Short', 100, 12)).toEqual(['Short']);
    expect(wrapText('', 100, 12)).toEqual(['']);
    expect(wrapText('Supercalifragilisticexpialidocious', 60, 12, 1)[0]?.endsWith('…')).toBe(true);
  });

  it('tells series apart by shape as well as colour', () => {
    expect(new Set(DASHES).size).toBe(DASHES.length);
    expect(new Set(MARKERS).size).toBe(MARKERS.length);
    expect(new Set(PATTERNS).size).toBe(PATTERNS.length);
  });
});

describe('stackedBarChart', () => {
  const data = {
    series: [
      { key: 'pay', label: 'Pay' },
      { key: 'levy', label: 'Levy' },
      { key: 'other', label: 'Other <costs>' },
    ],
    groups: [
      { label: 'Option A', bars: [{ label: '2026/27', values: [100, 0, 20] }, { label: '2027/28', values: [110, 0, 25] }] },
      { label: 'Option B', bars: [{ label: '2026/27', values: [150, 0, 10] }] },
    ],
  };
  const svg = stackedBarChart(data, { id: 'test', title: 'Cost <by> year' });

  it('is an accessible svg with title and a data summary', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="test-title test-desc"/);
    expect(svg).toContain('<title id="test-title">Cost &lt;by&gt; year</title>');
    expect(svg).toContain('Option A: total 120 in 2026/27 to 135 in 2027/28; largest component Pay (82%).');
  });

  it('leaves out components that are zero everywhere and gives each a pattern', () => {
    expect(svg).not.toContain('>Levy<');
    expect(svg).toContain('>Other &lt;costs&gt;<');
    expect(svg.match(/<pattern /g)).toHaveLength(2);
    expect(svg.match(/class="bar"/g)).toHaveLength(3);
  });

  it('is byte-identical for the same input', () => {
    expect(stackedBarChart(data, { id: 'test', title: 'Cost <by> year' })).toBe(svg);
  });

  it('wraps six long option names whole under their groups, without cutting them', () => {
    const names = [
      'Baseline (current team)',
      'Band 3 fixed-term (12-month grants)',
      'Band 4 permanent, lived-experience supervision',
      'Lone peer worker in a CMHT',
      'Scale-up to 12 posts with a senior peer role',
      'VCSE provider, 3-year grant',
    ];
    const years = ['2026/27', '2027/28', '2028/29', '2029/30', '2030/31'];
    const six = stackedBarChart(
      { series: data.series, groups: names.map((label) => ({ label, bars: years.map((y) => ({ label: y, values: [100, 0, 20] })) })) },
      { id: 'six', title: 'Cost' },
    );
    expect(six).not.toContain('…');
  });
});

describe('lineChart', () => {
  const series = [0, 1, 2].map((k) => ({ label: `S${k}`, points: Array.from({ length: 24 }, (_, i) => ({ x: i, y: 10 + k * 5 + Math.sin(i / 3) })) }));

  it('draws one path per series with distinct dashes and markers, and a legend', () => {
    const svg = lineChart({ series }, { id: 'l', title: 'Lines' });
    expect(svg.match(/class="series"/g)).toHaveLength(3);
    const dashes = [...svg.matchAll(/class="series"[^>]*?(?:stroke-dasharray="([^"]+)")?>/g)].map((m) => m[1] ?? '');
    expect(new Set(dashes).size).toBe(3);
    expect(svg).toContain('<circle');
    expect(svg).toContain('<rect');
    expect(svg.match(/class="legend-item"/g)).toHaveLength(3);
    expect(svg).toMatch(/S0: 10 at 0/);
  });

  it('copes with empty and single-point series', () => {
    const svg = lineChart({ series: [{ label: 'Empty', points: [] }, { label: 'One', points: [{ x: 3, y: 4 }] }] }, { id: 'e', title: 'Edge cases' });
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(svg).toContain('Empty: no data.');
    expect(lineChart({ series: [] }, { id: 'none', title: 'Nothing' })).not.toMatch(/NaN|Infinity/);
  });

  it('shades a band between two series', () => {
    const svg = lineChart({ series: series.slice(0, 2), band: { lower: 0, upper: 1, label: 'Gap' } }, { id: 'b', title: 'Band' });
    expect(svg).toContain('class="band"');
    expect(svg).toContain('shows gap');
  });
});

describe('tornadoChart', () => {
  const input = fixtureTornado();
  const svg = tornadoChart(input, { id: 'tornado', title: 'Tornado' });

  it('orders bars by swing, widest first', () => {
    const labels = sortTornadoBars(input.bars).map((b) => b.label);
    expect(labels[0]).toBe('Readmissions avoided per completed relationship');
    expect(labels[labels.length - 1]).toBe('Discount rate');
    expect(svg.indexOf('Discount rate')).toBeGreaterThan(svg.indexOf('Annual leaver rate'));
  });

  it('marks switching values where bars cross the threshold and lists them', () => {
    expect(svg).toContain('Switching value');
    expect(svg).toContain('>0.049<');
    expect(svg).toContain('>21%<');
    expect(svg.match(/none in range/g)).toHaveLength(4);
    expect(svg).toContain('NPV = £0: the decision switches');
    expect(svg).toContain('Attribution to peer support (CORE vs ENRICH): 0% gives -119,500, 75% gives 298,000; switching value 21%.');
  });

  it('works without switching values or threshold', () => {
    const plain = tornadoChart({ base: 10, bars: [{ label: 'A', low: 8, high: 13, lowValueLabel: 'lo', highValueLabel: 'hi' }] }, { id: 't2', title: 'Plain' });
    expect(plain).not.toContain('Switching value');
    expect(plain).not.toMatch(/NaN|Infinity/);
    expect(tornadoChart({ base: 0, bars: [] }, { id: 't3', title: 'Empty' })).toContain('No inputs were varied.');
  });
});
