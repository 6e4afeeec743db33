import { describe, expect, it } from 'vitest';
import { describeOrigin, renderHtml } from '../../src/render/html.js';
import { recommend } from '../../src/compare/recommend.js';
import type { ResultDocument } from '../../src/result/document.js';
import type { ReferenceData } from '../../src/reference/types.js';
import { fixtureDocument, fixtureTornado } from './fixture.js';

const doc = fixtureDocument();
const html = renderHtml(doc, { tornado: fixtureTornado() });

/** Each `<svg …>…</svg>` in the page. */
function svgs(page: string): string[] {
  return page.match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];
}

function section(page: string, id: string): string {
  const start = page.indexOf(`<section id="${id}"`);
  if (start < 0) return '';
  return page.slice(start, page.indexOf('</section>', start));
}

describe('renderHtml: structure', () => {
  it('is one complete HTML5 document with inline CSS', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).toContain('@media print');
    expect(html).toContain('<title>Peer support workforce options: cost, continuity and burnout risk</title>');
    expect(html.match(/<h1>/g)).toHaveLength(1);
  });

  it('has the sections in order, each with a heading', () => {
    const ids = [...html.matchAll(/<section id="([a-z]+)" aria-labelledby="([a-z]+-h)">/g)].map((m) => m[1]);
    expect(ids).toEqual(['summary', 'comparison', 'charts', 'sensitivity', 'years', 'assumptions']);
    for (const id of ids) expect(html).toContain(`<h2 id="${id}-h">`);
  });

  it('gives every table a caption and column headers', () => {
    const tables = html.match(/<table\b[\s\S]*?<\/table>/g) ?? [];
    expect(tables.length).toBeGreaterThan(8);
    for (const t of tables) {
      expect(t).toMatch(/<caption>[^<]+/);
      expect(t).toContain('<th scope="col">');
    }
  });

  it('names the recommended option, why, and the caveats in the summary', () => {
    const summary = section(html, 'summary');
    expect(summary).toContain('the recommended option is <strong>Band 4 permanent with peer supervision</strong>');
    expect(summary).toContain('On <strong>net present value</strong> (higher is better)');
    expect(summary).toMatch(/That is <span class="nb">£[\d,]+<\/span> more than the next best option/);
    // The fixture's baseline is only the first option given: it is not called "the baseline" (issue #28, 9).
    expect(summary).toContain('Compared with the first option given');
    for (const line of doc.comparison?.narrative ?? []) expect(summary).toContain(`<li>${line.replace(/&/g, '&amp;')}</li>`);
    expect(summary).toContain('Expected values, not forecasts');
    expect(summary).toContain('ENRICH');
    expect(summary).toContain('optimism bias');
    expect(summary).toContain('docs/MODEL.md');
  });

  it('shows the comparison with deltas, ranks and ★ best, and the inputs that differ', () => {
    const comparison = section(html, 'comparison');
    expect(comparison).toContain('<span class="star" aria-hidden="true">★</span>');
    expect(comparison).toContain('<span class="sr"> (best)</span>');
    expect(comparison).toMatch(/<span class="rank">#1<\/span>/);
    expect(comparison).toMatch(/\+£[\d,]+ \(\+[\d.]+%\)/);
    expect(comparison).toContain('<h3 id="differences">Inputs that differ</h3>');
    expect(comparison).toContain('<span class="input" title="workforce.contract.type">Contract type</span>');
    expect(comparison).toContain('fixed-term');
  });

  it('puts every chart in a figure with a caption', () => {
    const charts = section(html, 'charts');
    expect(charts.match(/<figure id="fig-/g)).toHaveLength(4);
    expect(charts.match(/<figcaption>/g)).toHaveLength(4);
    expect(section(html, 'sensitivity')).toContain('<figure id="fig-tornado">');
  });

  it('shows a year-by-year table for each option', () => {
    const years = section(html, 'years');
    for (const s of doc.scenarios) expect(years).toContain(`${s.name}: cost and delivery by financial year`);
    for (const y of ['2026/27', '2027/28', '2028/29', '2029/30', '2030/31']) expect(years).toContain(`<th scope="col">${y}</th>`);
  });
});

describe('renderHtml: charts', () => {
  const charts = svgs(html);

  it('draws the cost, WTE (one per option), burnout, continuity and tornado charts', () => {
    const ids = charts.map((svg) => /<svg [^>]*id="([^"]+)"/.exec(svg)?.[1]);
    expect(ids).toEqual(['chart-cost', 'chart-wte-1', 'chart-wte-2', 'chart-wte-3', 'chart-burnout', 'chart-continuity', 'chart-tornado']);
  });

  it('gives every chart role="img", a title and a real text alternative', () => {
    for (const svg of charts) {
      const id = /<svg [^>]*id="([^"]+)"/.exec(svg)?.[1] ?? '';
      expect(svg).toMatch(new RegExp(`^<svg [^>]*role="img" aria-labelledby="${id}-title ${id}-desc"`));
      const title = new RegExp(`<title id="${id}-title">([^<]+)</title>`).exec(svg)?.[1] ?? '';
      const desc = new RegExp(`<desc id="${id}-desc">([^<]+)</desc>`).exec(svg)?.[1] ?? '';
      expect(title.length, id).toBeGreaterThan(10);
      expect(desc.length, id).toBeGreaterThan(80);
    }
    const burnout = charts[4] ?? '';
    for (const s of doc.scenarios) expect(burnout).toContain(`${s.name}:`);
  });

  it('rounds every coordinate to 2 decimals and never writes NaN or Infinity', () => {
    for (const svg of charts) {
      const attrs = svg.match(/\s(?:x|y|x1|y1|x2|y2|cx|cy|r|width|height|d|transform|points)="[^"]*"/g) ?? [];
      for (const a of attrs) expect(a, a).not.toMatch(/\d\.\d{3,}/);
    }
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
  });
});

describe('renderHtml: safety', () => {
  it('escapes scenario names: <script> in a name renders as text', () => {
    const evil = fixtureDocument({ names: ['<script>alert("x")</script>', 'Tom & Jerry\'s "plan"', '<img src=x onerror=alert(1)>'] });
    const page = renderHtml(evil, { tornado: { ...fixtureTornado(), bars: [{ label: '<b>leavers</b>', low: 1, high: 2, lowValueLabel: '<1', highValueLabel: '>2' }] } });
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    expect(page).not.toContain('<b>leavers</b>');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page).toContain('Tom &amp; Jerry&#39;s &quot;plan&quot;');
    for (const svg of svgs(page)) expect(svg).not.toMatch(/<script|<img/i);
  });

  it('loads nothing from outside the file: no scripts, links, images, fonts or remote url()', () => {
    for (const page of [html, renderHtml(fixtureDocument({ count: 1 }))]) {
      expect(page).not.toMatch(/<script/i);
      expect(page).not.toMatch(/<link\b/i);
      expect(page).not.toMatch(/<img\b/i);
      expect(page).not.toMatch(/<(iframe|object|embed|video|audio|source)\b/i);
      expect(page).not.toMatch(/@import|@font-face/i);
      expect(page).not.toMatch(/\ssrc=/i);
      for (const m of page.matchAll(/\shref="([^"]*)"/g)) expect(m[1]).toMatch(/^#/);
      for (const m of page.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).toMatch(/^#[a-z0-9-]+$/);
      expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    }
  });
});

describe('renderHtml: assumptions log', () => {
  it('logs every input once: those set in full, grouped, the defaults summarised with their evidence', () => {
    const log = section(html, 'assumptions');
    const paths = new Set(doc.scenarios.flatMap((s) => s.inputs.map((i) => i.path)));
    const setRows = [...log.matchAll(/<table class="assumptions" id="assumptions-(?!defaults)[^"]+">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/g)].reduce((n, m) => n + (m[1]?.match(/<tr>/g)?.length ?? 0), 0);
    const defaults = /<table class="assumptions defaults" id="assumptions-defaults">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(log)?.[1] ?? '';
    const summarised = [...defaults.matchAll(/<tr><th scope="row">[^<]*<\/th><td>([^<]*)<\/td>/g)].reduce((n, m) => n + (m[1] ?? '').split(', ').length, 0);
    expect(setRows + summarised).toBe(paths.size);
    expect(log).toContain('<caption>Turnover and recruitment');
    expect(log).toContain('<td>differs by option (see Inputs that differ)</td><td>scenarios/baseline.yaml line 31; scenarios/band4-permanent.yaml line 27</td>');
    // The evidence, not a data set key, is the source of a reference value.
    expect(log).toContain('NHS Sickness Absence Rates, 2022, NHS England Digital (reference data afc-2025-26)');
    expect(log).not.toContain('afc-2025-26: workforce.sickness_absence');
    expect(log).toContain('peerplan default (docs/SCENARIO.md)');
    expect(log).toContain('command line: --set finance.health_discount_rate=1.5%');
  });

  it('describes each kind of origin in words', () => {
    const refs = (id: string): ReferenceData => {
      if (id !== 'demo') throw new Error('unknown');
      return { sources: { src: { title: 'A Source', publisher: 'Pub', date: '2024', url: 'https://example.org/x' } } } as unknown as ReferenceData;
    };
    expect(describeOrigin({ kind: 'file', file: 'scenarios/a.yaml', line: 12, column: 3, inherited: false }, refs)).toBe('scenarios/a.yaml line 12');
    expect(describeOrigin({ kind: 'file', file: 'baseline.yaml', line: 30, column: 3, inherited: true }, refs)).toBe('inherited from baseline.yaml line 30');
    expect(describeOrigin({ kind: 'set', expression: 'workforce.band=4' }, refs)).toBe('command line: --set workforce.band=4');
    expect(describeOrigin({ kind: 'set', expression: '--years 10' }, refs)).toBe('command line: --years 10');
    expect(describeOrigin({ kind: 'default', note: 'no backfill' }, refs)).toBe('peerplan default: no backfill');
    expect(describeOrigin({ kind: 'reference', dataset: 'demo', key: 'a.b', source: 'src' }, refs)).toBe('reference demo: a.b — A Source, Pub, 2024, https://example.org/x');
    expect(describeOrigin({ kind: 'reference', dataset: 'gone', key: 'a.b', source: 'src' }, refs)).toBe('reference gone: a.b — src');
    expect(describeOrigin(null, refs)).toBe('not recorded');
  });
});

describe('renderHtml: options and variants', () => {
  it('is deterministic: the same document renders to the same bytes', () => {
    expect(renderHtml(fixtureDocument(), { tornado: fixtureTornado() })).toBe(html);
    expect(html).not.toContain('<time');
  });

  it('shows the time only when the document has one', () => {
    const page = renderHtml({ ...doc, generated_at: '2026-03-01T09:30:00Z' });
    expect(page).toContain('<dt>Generated</dt><dd><time datetime="2026-03-01T09:30:00Z">2026-03-01T09:30:00Z</time></dd>');
  });

  it('renders a single scenario without a comparison', () => {
    const single = fixtureDocument({ count: 1 });
    const page = renderHtml(single);
    expect(page).toContain('One option was modelled, <strong>Baseline (current team)</strong>');
    expect(page).not.toContain('<section id="comparison"');
    expect(page).not.toContain('<section id="sensitivity"');
    expect(page).toContain('Baseline (current team): headline figures over the horizon.');
    expect(svgs(page).map((s) => /id="([^"]+)"/.exec(s)?.[1])).toEqual(['chart-cost', 'chart-wte-1', 'chart-burnout', 'chart-continuity']);
    expect(page).toContain('<h3>Inputs set by Baseline (current team)');
  });

  it('renders several scenarios without a comparison (plain run)', () => {
    const page = renderHtml(fixtureDocument({ comparison: false }));
    expect(page).toContain('the recommended option is <strong>Band 4 permanent with peer supervision</strong>');
    expect(page).not.toContain('<section id="comparison"');
  });

  it('takes a title', () => {
    expect(renderHtml(doc, { title: 'North ICB <draft>' })).toContain('<h1>North ICB &lt;draft&gt;</h1>');
  });
});

describe('recommend', () => {
  it('recommends on NPV by default', () => {
    const rec = recommend(doc);
    expect(rec).toMatchObject({ requested: 'npv', metric: 'npv', fallback: null });
    expect(rec.best.map((i) => doc.scenarios[i]?.name)).toEqual(['Band 4 permanent with peer supervision']);
    expect(rec.runnerUp).toBe(0);
  });

  it('falls back to cost per completed episode when every NPV is negative and no metric was chosen', () => {
    const negative: ResultDocument = { ...doc, scenarios: doc.scenarios.map((s) => ({ ...s, metrics: { ...s.metrics, npv: -1000 - s.metrics.total_cost } })) };
    const rec = recommend(negative);
    expect(rec.metric).toBe('cost_per_completed_episode');
    expect(rec.fallback).toMatch(/negative net present value/);
    expect(rec.best.map((i) => negative.scenarios[i]?.name)).toEqual(['Band 4 permanent with peer supervision']);
    const page = renderHtml(negative);
    expect(page).toContain('On <strong>cost per completed episode</strong> (lower is better)');
    expect(page).toContain('<p class="fallback">Every option has a negative net present value');
    // An explicit choice is respected.
    expect(recommend(negative, 'npv').metric).toBe('npv');
  });

  it('uses the metric asked for, and NPV when that metric has no better direction', () => {
    const cheapest = recommend(doc, 'total_cost');
    expect(cheapest.best.map((i) => doc.scenarios[i]?.name)).toEqual(['Baseline (current team)']);
    expect(renderHtml(doc, { recommendMetric: 'total_cost' })).toContain('It is the first option given: none of the others does better on this measure.');
    // Only a declared baseline (baseline: true, or --baseline) is called the baseline.
    for (const reason of ['marked', 'option'] as const) {
      const declared: ResultDocument = { ...doc, comparison: { ...doc.comparison!, baseline_reason: reason } };
      expect(renderHtml(declared, { recommendMetric: 'total_cost' })).toContain('It is the baseline: none of the alternatives does better on this measure.');
    }
    const first: ResultDocument = { ...doc, comparison: { ...doc.comparison!, baseline_reason: 'first' } };
    expect(renderHtml(first, { recommendMetric: 'total_cost' })).not.toContain('It is the baseline');
    const undirected = recommend(doc, 'funded_budget');
    expect(undirected.metric).toBe('npv');
    expect(undirected.fallback).toMatch(/no better direction/);
  });

  it('names ties', () => {
    const tied: ResultDocument = { ...doc, scenarios: doc.scenarios.map((s) => ({ ...s, metrics: { ...s.metrics, npv: s.name.startsWith('Band') ? 5000 : -5000 } })) };
    expect(recommend(tied).best).toEqual([1, 2]);
    expect(renderHtml(tied)).toContain('are equal best');
  });

  it('compares payback months in time', () => {
    const rec = recommend(doc, 'payback_month');
    expect(rec.best.map((i) => doc.scenarios[i]?.name)).toEqual(['Band 4 permanent with peer supervision']);
  });
});
