/**
 * The self-contained HTML report (`peerplan report`): one file a commissioner can
 * open from an email attachment and print. Inline CSS and inline SVG charts only:
 * no scripts, no fonts, no images, no stylesheets or anything else fetched (a
 * Content-Security-Policy forbids it too). Pure and deterministic: the same
 * document renders to the same bytes; a time appears only if the document has one.
 */
import { baselineReasonText } from '../compare/baseline.js';
import type { ResultDocument, ScenarioDocument, InputValue } from './document.js';
import type { ReferenceData } from '../reference/types.js';
import { appraisalBasisLines } from './appraisal-basis.js';
import { loadReference } from '../reference/load.js';
import { COST_COMPONENTS, type YearResult } from '../engine/result.js';
import { formatMoney, formatNumber, formatPercent, withSign } from './format.js';
import { formatDelta, formatMetric, metricInfo, NO_BENEFITS_VALUED, noBenefitsValued, type MetricInfo, type MetricKey, type MetricKind } from './metrics.js';
import { costLabel, runHeadlineMetrics, yearTableRows } from './run-layout.js';
import { describeValue } from './values.js';
import { describeOrigin } from './origins.js';
import { escapeXml as esc } from './svg/util.js';
import { lineChart, type LineSeries } from './svg/line-chart.js';
import { stackedBarChart } from './svg/stacked-bar.js';
import { sortTornadoBars, tornadoChart, type TornadoInput } from './svg/tornado.js';
import { lineStyle } from './svg/style.js';
import { maxOf } from './extent.js';
import type { SimulationResult } from '../app/simulate.js';
import { uncertaintySection } from './uncertainty-html.js';

export type { TornadoInput, TornadoBar } from './svg/tornado.js';

export interface HtmlOptions {
  /** The report's title; default "Peer support workforce options: cost, continuity and burnout risk". */
  title?: string;
  /** One-way sensitivity results; the tornado section appears only when given. */
  tornado?: TornadoInput;
  /**
   * The metric the summary recommends on. Default `npv`; when it is not given and
   * every option's NPV is negative, the summary recommends on
   * `cost_per_completed_episode` instead and says so.
   */
  recommendMetric?: MetricKey;
  /** Reference data by id, for citations in the assumptions log. Default: the bundled data sets. */
  references?: (id: string) => ReferenceData;
  /** A probabilistic analysis (`report --draws`): adds the uncertainty section (src/render/uncertainty-html.ts). */
  simulation?: SimulationResult;
}

export const DEFAULT_TITLE = 'Peer support workforce options: cost, continuity and burnout risk';

// ---------------------------------------------------------------------------
// Recommendation

export interface Recommendation {
  /** The metric asked for (default `npv`). */
  requested: MetricKey;
  /** The metric actually used. */
  metric: MetricKey;
  /** Why `metric` differs from `requested`, in plain words; null when it does not. */
  fallback: string | null;
  /** Indices into `doc.scenarios` holding the best value (several when tied); empty for a single scenario. */
  best: number[];
  /** The best of the rest, for "ahead of" wording; null when there is none. */
  runnerUp: number | null;
}

/** Payback months compare by position in time; other metrics are numbers already. */
function numeric(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  return match ? Number(match[1]) * 12 + Number(match[2]) - 1 : null;
}

/**
 * Which option the summary recommends. Rule: the best value of the chosen metric
 * (default net present value, the Green Book's measure). When no metric was chosen
 * and every option's NPV is negative (no option's monetised benefits cover its cost
 * within the horizon), NPV only says which loses least on proxy benefits, so the
 * recommendation is made on cost per completed support relationship instead (a
 * cost-effectiveness measure that does not depend on monetised benefits).
 */
export function recommend(doc: ResultDocument, requested?: MetricKey): Recommendation {
  const asked: MetricKey = requested ?? 'npv';
  let metric: MetricKey = asked;
  let fallback: string | null = null;
  const scenarios = doc.scenarios;
  const info = metricInfo(asked);
  if (!info || info.better === null) {
    metric = 'npv';
    fallback = `${info?.label ?? asked} has no better direction, so the recommendation is made on net present value.`;
  } else if (requested === undefined && scenarios.length > 1 && scenarios.every((s) => s.metrics.npv < 0)) {
    if (scenarios.some((s) => s.metrics.cost_per_completed_episode !== null)) {
      metric = 'cost_per_completed_episode';
      fallback =
        'Every option has a negative net present value over the horizon: none of them has monetised benefits that cover its cost. ' +
        'NPV would only say which option loses least on proxy benefits, so the recommendation is made on cost per completed support relationship instead.';
    }
  }
  if (scenarios.length < 2) return { requested: asked, metric, fallback, best: [], runnerUp: null };
  const better = metricInfo(metric)?.better ?? 'higher';
  const values = scenarios.map((s) => numeric(s.metrics[metric]));
  const present = values.flatMap((v, i) => (v === null ? [] : [{ v, i }]));
  if (present.length === 0) return { requested: asked, metric, fallback, best: [], runnerUp: null };
  const ordered = [...present].sort((a, b) => (better === 'higher' ? b.v - a.v : a.v - b.v) || a.i - b.i);
  const top = ordered[0]?.v;
  const best = ordered.filter((o) => o.v === top).map((o) => o.i);
  const rest = ordered.find((o) => o.v !== top);
  return { requested: asked, metric, fallback, best, runnerUp: rest ? rest.i : null };
}

// ---------------------------------------------------------------------------
// Small helpers

const DEFAULT_REFERENCES = (id: string): ReferenceData => loadReference(id);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2027-03` → `Mar 2027`. */
function monthName(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  return `${MONTHS[Number(match[2]) - 1] ?? match[2]} ${match[1]}`;
}

/** £312k, £1.25m: chart ticks and labels. */
function compactMoney(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (abs >= 1_000_000) return `${sign}£${formatNumber(abs / 1_000_000, abs >= 10_000_000 ? 1 : 2).replace(/\.?0+$/, '')}m`;
  if (abs >= 1_000) return `${sign}£${formatNumber(abs / 1_000, abs >= 100_000 ? 0 : 1).replace(/\.0$/, '')}k`;
  return `${sign}£${formatNumber(abs, 0)}`;
}

function deltaText(kind: MetricKind, delta: number | null | undefined, ratio: number | null | undefined): string {
  if (delta === null || delta === undefined) return '';
  if (kind === 'month') return `${delta > 0 ? '+' : ''}${formatNumber(delta, 0)} months`;
  const abs = formatDelta(kind, delta);
  return ratio === null || ratio === undefined ? abs : `${abs} (${withSign(formatPercent(ratio), ratio)})`;
}

function shortYear(year: string): string {
  const match = /^\d{2}(\d{2})\/(\d{2})$/.exec(year);
  return match ? `${match[1]}/${match[2]}` : year;
}

function yearLabel(y: YearResult): string {
  return y.months < 12 ? `${y.year} (${y.months} months)` : y.year;
}

function slug(text: string, index: number): string {
  const s = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  return `s${index + 1}${s ? `-${s}` : ''}`;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function inputValue(s: ScenarioDocument, path: string): InputValue['value'] | undefined {
  return s.inputs.find((i) => i.path === path)?.value;
}

/** An input path that may break after each dot, never inside a name. */
function pathHtml(path: string): string {
  return `<code class="path">${esc(path).replace(/\./g, '.<wbr>')}</code>`;
}

/** Text that must not break across lines (a figure such as "-£52,902"). */
function nb(text: string): string {
  return `<span class="nb">${esc(text)}</span>`;
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

function table(caption: string, head: string[], rows: string[][], options: { className?: string; rowHeads?: boolean; note?: string } = {}): string {
  const cls = options.className ? ` class="${options.className}"` : '';
  const headRow = `<tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr>`;
  const body = rows
    .map((r) => `<tr>${r.map((cell, i) => (i === 0 && options.rowHeads !== false ? `<th scope="row">${cell}</th>` : `<td>${cell}</td>`)).join('')}</tr>`)
    .join('\n');
  return `<div class="scroll"><table${cls}>\n<caption>${caption}${options.note ? ` <span class="note">${options.note}</span>` : ''}</caption>\n<thead>${headRow}</thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}

// ---------------------------------------------------------------------------
// Origins, for the assumptions log (shared with the workbook: ./origins.ts)

export { describeOrigin } from './origins.js';

function referenceTitle(id: string, references: (id: string) => ReferenceData): string {
  try {
    return references(id).title;
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------
// Sections

function header(doc: ResultDocument, title: string, references: (id: string) => ReferenceData): string {
  const first = doc.scenarios[0]?.months[0]?.month;
  const lastScenario = doc.scenarios[0];
  const last = lastScenario?.months[lastScenario.months.length - 1]?.month;
  const refs = unique(doc.scenarios.map((s) => s.reference));
  const rows: string[] = [
    `<dt>Options</dt><dd><ul>${doc.scenarios.map((s) => `<li>${esc(s.name)} <span class="file">(${esc(s.file)})</span></li>`).join('')}</ul></dd>`,
    ...(first && last ? [`<dt>Horizon</dt><dd>${esc(monthName(first))} to ${esc(monthName(last))} (${lastScenario?.months.length ?? 0} months)</dd>`] : []),
    `<dt>Reference data</dt><dd>${refs
      .map((id) => {
        const t = referenceTitle(id, references);
        return `${esc(id)}${t ? ` — ${esc(t)}` : ''}`;
      })
      .join('<br>')}</dd>`,
    `<dt>Produced by</dt><dd>peerplan ${esc(doc.peerplan_version)}</dd>`,
    ...(doc.generated_at ? [`<dt>Generated</dt><dd><time datetime="${esc(doc.generated_at)}">${esc(doc.generated_at)}</time></dd>`] : []),
  ];
  return `<header>\n<p class="kicker">peerplan report</p>\n<h1>${esc(title)}</h1>\n<dl class="meta">${rows.join('\n')}</dl>\n</header>`;
}

function toc(doc: ResultDocument, tornado: boolean, simulation = false): string {
  const items: Array<[string, string]> = [['summary', 'Summary']];
  if (doc.comparison) items.push(['comparison', 'Comparison']);
  items.push(['charts', 'Charts']);
  if (tornado) items.push(['sensitivity', 'Sensitivity']);
  if (simulation) items.push(['uncertainty', 'Uncertainty']);
  items.push(['years', 'Year by year'], ['assumptions', 'Assumptions log']);
  return `<nav class="toc" aria-label="Contents"><ol>${items.map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`).join('')}</ol></nav>`;
}

function metricText(key: MetricKey, value: number | string | null): string {
  return formatMetric(metricInfo(key)?.kind ?? 'count', value);
}

function caveats(doc: ResultDocument, hasTornado: boolean): string[] {
  const discount = unique(doc.scenarios.map((s) => inputValue(s, 'finance.discount_rate')).filter((v): v is number => typeof v === 'number'));
  const optimism = unique(doc.scenarios.map((s) => inputValue(s, 'finance.optimism_bias')).filter((v): v is number => typeof v === 'number'));
  const out: string[] = [
    '<strong>Expected values, not forecasts.</strong> peerplan models averages: expected leavers, expected hires, an expected burnout risk. ' +
      'A real team of a few people will vary around these figures, so small differences between options are not meaningful. ' +
      (hasTornado ? 'The sensitivity section shows which assumptions move the result most.' : 'Test the assumptions that matter with a sensitivity analysis before relying on a close result.'),
    '<strong>Benefits are monetised proxies, not cash.</strong> The trial evidence is mixed: CORE (Johnson et al., Lancet 2018) found fewer readmissions after peer support, ' +
      'ENRICH (Gillard et al., 2022) found no reduction. Net present value, benefit-cost ratio and payback depend on how much of that effect each scenario attributes to peer support; ' +
      'cost, continuity of relationships and burnout risk are the firmer results.',
  ];
  if (optimism.length === 0 || optimism.every((v) => v === 0)) {
    out.push(
      '<strong>No optimism bias is applied</strong> (<code>finance.optimism_bias</code> is 0%). The Green Book expects appraisals to adjust for the systematic tendency to underestimate costs; ' +
        'set an uplift and the headline NPV, BCR and ROI include it (the unadjusted figures are kept beside them).',
    );
  } else {
    out.push(
      `<strong>Optimism bias.</strong> The present value of cost is uplifted by ${esc(list(optimism.map((v) => formatPercent(v, 0))))} in the headline NPV, BCR, ROI and payback ` +
        '(Green Book); the unadjusted figures are in the JSON output (npv_unadjusted, bcr_unadjusted, roi_unadjusted).',
    );
  }
  if (discount.length > 0) {
    out.push(
      `<strong>Price base and discounting.</strong> ${esc(appraisalBasisLines(doc.scenarios).join(' '))} ` +
        'Totals marked nominal are cash: they include the annual pay uplift and are neither deflated nor discounted.',
    );
  }
  out.push('<strong>Method and limits.</strong> The formulas, their sources and what the model leaves out are documented in <code>docs/MODEL.md</code> in the peerplan package.');
  return out;
}

function summary(doc: ResultDocument, options: HtmlOptions): string {
  const parts: string[] = ['<section id="summary" aria-labelledby="summary-h">', '<h2 id="summary-h">Summary</h2>'];
  const scenarios = doc.scenarios;
  const rec = recommend(doc, options.recommendMetric);
  const info = metricInfo(rec.metric) as MetricInfo;
  const value = (i: number): string => nb(metricText(rec.metric, scenarios[i]?.metrics[rec.metric] ?? null));
  const name = (i: number): string => esc(scenarios[i]?.name ?? '');

  if (scenarios.length === 1) {
    const s = scenarios[0] as ScenarioDocument;
    const m = s.metrics;
    parts.push(
      `<p class="lead">One option was modelled, <strong>${esc(s.name)}</strong>, so there is nothing to choose between. Over the horizon it costs ${esc(formatMoney(m.total_cost))} ` +
        `(${esc(formatMoney(m.total_cost_discounted))} discounted), keeps ${esc(formatNumber(m.wte_in_post_mean, 2))} WTE in post on average, ` +
        `has a continuity score of ${esc(formatNumber(m.continuity, 1))} (0-100) and at worst ${esc(formatNumber(m.burnout_risk_peak, 1))}% of the team burnt out (NHS staff: 30.0%), ` +
        `and a net present value of ${esc(formatMoney(m.npv))}.</p>`,
    );
  } else if (rec.best.length > 0) {
    const bestNames = rec.best.map(name);
    const tied = rec.best.length > 1;
    parts.push(
      `<p class="lead recommendation">On <strong>${esc(info.label.toLowerCase())}</strong> (${info.better === 'higher' ? 'higher' : 'lower'} is better), ` +
        (tied ? `the options <strong>${list(bestNames)}</strong> are equal best` : `the recommended option is <strong>${bestNames[0] ?? ''}</strong>`) +
        `, at ${value(rec.best[0] as number)}.</p>`,
    );
    if (rec.fallback) {
      const npvBest = [...scenarios.keys()].reduce((a, b) => ((scenarios[b]?.metrics.npv ?? -Infinity) > (scenarios[a]?.metrics.npv ?? -Infinity) ? b : a), 0);
      parts.push(`<p class="fallback">${esc(rec.fallback)} The least negative NPV is ${name(npvBest)}'s (${nb(formatMoney(scenarios[npvBest]?.metrics.npv ?? 0))}).</p>`);
    }
    const why: string[] = [];
    const b = rec.best[0] as number;
    const c = doc.comparison;
    const baselineName = c ? c.names[c.baseline] : undefined;
    const baseline = baselineName === undefined ? -1 : scenarios.findIndex((s) => s.name === baselineName);
    if (rec.runnerUp !== null) {
      const gap = Math.abs((numeric(scenarios[b]?.metrics[rec.metric]) ?? 0) - (numeric(scenarios[rec.runnerUp]?.metrics[rec.metric]) ?? 0));
      const gapText = info.kind === 'month' ? `${formatNumber(gap, 0)} months` : formatMetric(info.kind, gap);
      const direction = info.kind === 'month' ? 'earlier than' : info.better === 'higher' ? 'more than' : 'less than';
      why.push(
        `That is ${nb(gapText)} ${direction} the next best option, ${rec.runnerUp === baseline ? 'the baseline, ' : ''}${name(rec.runnerUp)} (${value(rec.runnerUp)}).`,
      );
    }
    if (baseline >= 0 && !rec.best.includes(baseline)) {
      const bm = scenarios[baseline]?.metrics;
      const rm = scenarios[b]?.metrics;
      if (bm && rm) {
        /** "£1,234 more", "2.5 points lower", "the same". */
        const change = (delta: number, kind: MetricKind, up: string, down: string, unit = ''): string => {
          const text = formatMetric(kind, Math.abs(delta));
          if (Number(text.replace(/[^0-9.]/g, '')) === 0) return 'the same';
          return `${text}${unit} ${delta > 0 ? up : down}`;
        };
        const subject = tied ? 'they' : 'it';
        why.push(
          `Compared with the baseline${rec.runnerUp === baseline ? '' : `, ${name(baseline)}`}, ${subject} ${tied ? 'cost' : 'costs'} ${nb(change(rm.total_cost - bm.total_cost, 'money', 'more', 'less'))} over the horizon; ` +
            `net present value is ${nb(change(rm.npv - bm.npv, 'money', 'higher', 'lower'))}, ` +
            `continuity ${esc(change(rm.continuity - bm.continuity, 'index', 'higher', 'lower', ' points'))}, ` +
            `the peak share of the team burnt out ${esc(change(rm.burnout_risk_peak - bm.burnout_risk_peak, 'index', 'higher', 'lower', ' percentage points'))}, ` +
            `and ${esc(change(rm.completed_episodes - bm.completed_episodes, 'count', 'more', 'fewer'))} support relationships are completed with the same worker.`,
        );
      }
    } else if (baseline >= 0) {
      why.push(`${tied ? 'The baseline is among them' : 'It is the baseline'}: none of the alternatives does better on this measure.`);
    }
    if (why.length > 0) parts.push(`<p>${why.join(' ')}</p>`);
  } else {
    parts.push(`<p class="lead">No option has a value for ${esc(info.label.toLowerCase())}, so no recommendation is made on it.</p>`);
  }

  const narrative = doc.comparison?.narrative ?? [];
  if (narrative.length > 0) {
    parts.push(scenarios.length === 1 ? '<h3>What the projection shows</h3>' : '<h3>What the comparison shows</h3>', `<ul class="narrative">${narrative.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`);
  }
  parts.push(
    '<h3>Caveats</h3>',
    `<ul class="caveats">${caveats(doc, options.tornado !== undefined)
      .map((c) => `<li>${c}</li>`)
      .join('')}</ul>`,
    '</section>',
  );
  return parts.join('\n');
}

function comparisonSection(doc: ResultDocument): string {
  const c = doc.comparison;
  if (!c) return '';
  const head = ['Metric', ...c.names.map((n, i) => `${esc(n)}${i === c.baseline ? ' <span class="tag">baseline</span>' : ''}`)];
  const rows = c.rows.map((row) => [
    `${esc(row.metric.label)}<span class="desc">${esc(row.metric.description)}</span>`,
    ...row.values.map((value, i) => {
      const isBest = row.best.includes(i);
      const rank = row.ranks[i];
      const shown = `<span class="value">${isBest ? '<span class="star" aria-hidden="true">★</span> ' : ''}${esc(noBenefitsValued(row.metric.key, doc.scenarios[i]?.metrics) ? NO_BENEFITS_VALUED : formatMetric(row.metric.kind, value))}${isBest ? '<span class="sr"> (best)</span>' : ''}</span>`;
      const rankText = rank !== null && rank !== undefined && c.names.length > 1 ? ` <span class="rank">#${rank}</span>` : '';
      const delta = i === c.baseline ? 'baseline' : esc(deltaText(row.metric.kind, row.deltas[i], row.delta_ratios[i]));
      return `<div class="${isBest ? 'best' : ''}">${shown}${rankText}</div><div class="delta">${delta}</div>`;
    }),
  ]);
  const parts = [
    '<section id="comparison" aria-labelledby="comparison-h">',
    '<h2 id="comparison-h">Comparison</h2>',
    table(
      `Each option against the baseline, ${esc(c.names[c.baseline] ?? '')}${c.baseline_reason ? ` (${esc(baselineReasonText(c.baseline_reason))})` : ''}.`,
      head,
      rows,
      { className: 'compare num', note: '★ marks the best value and #n the rank (1 = best); the second line is the difference from the baseline, with the percentage difference in brackets. PV = discounted to the start of the horizon.' },
    ),
  ];
  if (c.input_differences.length > 0) {
    parts.push(
      '<h3 id="differences">Inputs that differ</h3>',
      table(
        'Inputs whose values differ between the options (all other inputs are the same; see the assumptions log).',
        ['Input', ...c.names.map(esc)],
        c.input_differences.map((d) => [pathHtml(d.path), ...d.values.map((v) => esc(describeValue(d.path, v)))]),
        { className: 'differences' },
      ),
    );
  } else {
    parts.push('<p>The options have identical inputs.</p>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

function figure(id: string, caption: string, svg: string): string {
  return `<figure id="${id}">\n${svg}\n<figcaption>${caption}</figcaption>\n</figure>`;
}

function monthTicks(s: ScenarioDocument | undefined): Array<{ value: number; label: string }> {
  if (!s) return [];
  const ticks = s.months.filter((m, i) => m.month.endsWith('-04') || i === 0).map((m) => ({ value: m.index, label: monthName(m.month) }));
  // Keep the ticks readable on long horizons: at most about 10.
  const every = Math.max(1, Math.ceil(ticks.length / 10));
  return ticks.filter((_, i) => i % every === 0);
}

function charts(doc: ResultDocument): string {
  const scenarios = doc.scenarios;
  const first = scenarios[0];
  const monthOf = (x: number): string => monthName(first?.months.find((m) => m.index === x)?.month ?? String(x));
  const ticks = monthTicks(first);
  const parts = ['<section id="charts" aria-labelledby="charts-h">', '<h2 id="charts-h">Charts</h2>'];

  // 1. Cost per financial year, stacked by component.
  parts.push(
    figure(
      'fig-cost',
      '<strong>Figure 1. Cost per financial year by component</strong> (nominal £, including the pay uplift). One group of bars per option; each bar is one financial year (April to March), stacked from pay at the bottom. The year-by-year tables give the exact figures.',
      stackedBarChart(
        {
          series: COST_COMPONENTS.map((k) => ({ key: k, label: costLabel(k) })),
          groups: scenarios.map((s) => ({
            label: s.name,
            bars: s.years.map((y) => ({ label: y.months < 12 ? `${y.year}*` : y.year, shortLabel: shortYear(y.year), values: COST_COMPONENTS.map((k) => y.cost[k]) })),
          })),
        },
        { id: 'chart-cost', title: 'Cost per financial year by component, by option', yLabel: 'Cost per year (£, nominal)', formatTick: compactMoney, formatValue: compactMoney },
      ),
    ),
  );

  // 2. Funded vs in-post WTE: one small chart per option, on the same scale.
  const wteMax = Math.max(1, maxOf(scenarios.flatMap((s) => s.months.flatMap((m) => [m.funded_wte, m.wte_in_post]))));
  const wteCharts = scenarios.map((s, i) => {
    const style = lineStyle(i);
    const series: LineSeries[] = [
      { label: 'Funded WTE', points: s.months.map((m) => ({ x: m.index, y: m.funded_wte })), style: { colour: '#000000', dash: '6 4', width: 1.8, markers: false } },
      { label: 'WTE in post', points: s.months.map((m) => ({ x: m.index, y: m.wte_in_post })), style: { ...style, dash: '' } },
    ];
    return `<div class="multiple"><p class="multiple-title" aria-hidden="true">${esc(s.name)}</p>${lineChart(
      { series, xTicks: monthTicks(s).filter((_, k) => k % 2 === 0), band: { lower: 1, upper: 0, label: 'Vacant posts' } },
      {
        id: `chart-wte-${i + 1}`,
        title: `${s.name}: funded and in-post WTE by month`,
        description: `Whole-time equivalents funded and in post each month for ${s.name}.`,
        width: 460,
        height: 280,
        yMin: 0,
        yMax: wteMax,
        yLabel: 'WTE',
        formatTick: (v) => formatNumber(v, v % 1 === 0 ? 0 : 1),
        formatValue: (v) => `${formatNumber(v, 2)} WTE`,
        formatX: monthOf,
      },
    )}</div>`;
  });
  parts.push(
    figure(
      'fig-wte',
      '<strong>Figure 2. Funded and in-post whole-time equivalents (WTE) by month</strong>, one chart per option on the same scale. The dashed black line is the funded establishment, the solid line the WTE in post; the hatched gap between them is vacant posts.',
      `<div class="multiples">${wteCharts.join('\n')}</div>`,
    ),
  );

  // 3 and 4. Burnout and continuity: one line per option.
  const perScenario = (f: (m: ScenarioDocument['months'][number]) => number): LineSeries[] =>
    scenarios.map((s) => ({ label: s.name, points: s.months.map((m) => ({ x: m.index, y: f(m) })) }));
  parts.push(
    figure(
      'fig-burnout',
      '<strong>Figure 3. Burnout by month</strong>, one line per option: the expected percentage of the team burnt out (0-100%, shown on its full scale; higher is worse; a reference NHS team scores 30%, the NHS Staff Survey 2024 figure). Lines differ by colour, dash pattern and marker shape.',
      lineChart(
        { series: perScenario((m) => m.burnout_risk), xTicks: ticks },
        {
          id: 'chart-burnout',
          title: 'Expected share of the team burnt out by month, by option',
          description: 'Expected percentage of the team burnt out (0 to 100, higher is worse) each month.',
          yLabel: 'Burnt out (% of team)',
          yMin: 0,
          yMax: 100,
          formatTick: (v) => formatNumber(v, 0),
          formatValue: (v) => formatNumber(v, 1),
          formatX: monthOf,
        },
      ),
    ),
  );
  parts.push(
    figure(
      'fig-continuity',
      '<strong>Figure 4. Continuity by month</strong>, one line per option: the chance (0-100, shown on its full scale) that a support relationship starting that month is completed with the same worker. Higher is better.',
      lineChart(
        { series: perScenario((m) => m.continuity_probability * 100), xTicks: ticks },
        {
          id: 'chart-continuity',
          title: 'Continuity of support relationships by month, by option',
          description: 'Chance (0 to 100) that a relationship starting each month completes with the same worker.',
          yLabel: 'Continuity (0-100)',
          yMin: 0,
          yMax: 100,
          formatTick: (v) => formatNumber(v, 0),
          formatValue: (v) => formatNumber(v, 1),
          formatX: monthOf,
        },
      ),
    ),
  );
  parts.push('</section>');
  return parts.join('\n');
}

function sensitivity(tornado: TornadoInput): string {
  const kind: MetricKind = tornado.metric ? (metricInfo(tornado.metric)?.kind ?? 'count') : 'count';
  const fmt = (v: number): string => formatMetric(kind, v);
  const tick = kind === 'money' ? compactMoney : fmt;
  const measure = tornado.measure ?? (tornado.metric ? metricInfo(tornado.metric)?.label : undefined) ?? 'Output';
  const bars = sortTornadoBars(tornado.bars);
  const rows = bars.map((b) => [
    esc(b.label),
    `${esc(b.lowValueLabel)} → ${esc(fmt(b.low))}`,
    `${esc(b.highValueLabel)} → ${esc(fmt(b.high))}`,
    esc(fmt(Math.abs(b.high - b.low))),
    esc(b.switchValue ?? 'none in range'),
  ]);
  return [
    '<section id="sensitivity" aria-labelledby="sensitivity-h">',
    '<h2 id="sensitivity-h">Sensitivity</h2>',
    tornado.summary ? `<p>${esc(tornado.summary)}</p>` : '',
    `<p>Each input was varied on its own between a low and a high value, everything else held at the base case. The widest bars are the assumptions the result depends on most. A switching value is the value at which the input would change the decision${tornado.threshold !== undefined ? ` (where ${esc(measure.toLowerCase())} reaches ${esc(fmt(tornado.threshold))})` : ''}.</p>`,
    figure(
      'fig-tornado',
      `<strong>Figure 5. Tornado chart: ${esc(measure.toLowerCase())}</strong> as each input moves from its low to its high value, around the base case of ${esc(fmt(tornado.base))}. Solid bars: input at its low value; hatched bars: at its high value; ◆ switching point.`,
      tornadoChart({ ...tornado, measure }, { id: 'chart-tornado', title: `Sensitivity of ${measure.toLowerCase()} to each input (tornado chart)`, formatTick: tick, formatValue: fmt }),
    ),
    table(`${esc(measure)} when each input is at its low and high value.`, ['Input', 'Low value → result', 'High value → result', 'Swing', 'Switching value'], rows, { className: 'num' }),
    '</section>',
  ].join('\n');
}

function yearTable(s: ScenarioDocument): string {
  const years = s.years;
  const rows = yearTableRows(s).map((r) => [r.emphasis ? `<strong>${esc(r.label)}</strong>` : esc(r.label), ...r.cells.map(esc), esc(r.total)]);
  return table(
    `${esc(s.name)}: cost and delivery by financial year (April to March).`,
    ['', ...years.map((y) => esc(yearLabel(y))), 'Total'],
    rows,
    { className: 'num years', note: 'Money is nominal unless marked PV; WTE, burnout and continuity are means over the year; the total column for those is the mean over the horizon.' },
  );
}

function scenarioYears(doc: ResultDocument): string {
  const parts = ['<section id="years" aria-labelledby="years-h">', '<h2 id="years-h">Year by year</h2>'];
  doc.scenarios.forEach((s, i) => {
    const first = s.months[0]?.month ?? '';
    const last = s.months[s.months.length - 1]?.month ?? '';
    parts.push(
      `<article class="scenario" id="${slug(s.name, i)}" aria-labelledby="${slug(s.name, i)}-h">`,
      `<h3 id="${slug(s.name, i)}-h">${esc(s.name)}</h3>`,
      `<p class="file">Scenario file <code>${esc(s.file)}</code>, reference data <code>${esc(s.reference)}</code>, ${esc(monthName(first))} to ${esc(monthName(last))}. Resolved scenario hash <code>${esc(s.hash.slice(0, 12))}</code>.</p>`,
    );
    if (!doc.comparison) {
      parts.push(
        table(
          `${esc(s.name)}: headline figures over the horizon.`,
          ['Metric', 'Value'],
          runHeadlineMetrics.map((key) => [esc(metricInfo(key)?.label ?? key), esc(noBenefitsValued(key, s.metrics) ? NO_BENEFITS_VALUED : metricText(key, s.metrics[key]))]),
          { className: 'num headline' },
        ),
      );
    }
    parts.push(yearTable(s));
    if (s.benefit_streams.length > 0) {
      parts.push(
        table(
          `${esc(s.name)}: benefit streams over the horizon.`,
          ['Benefit', 'Category', 'Total (nominal)', 'Total (PV)', 'Cashable (PV)'],
          s.benefit_streams.map((b) => [esc(b.name), esc(b.category), esc(formatMoney(b.total)), esc(formatMoney(b.total_discounted)), esc(formatMoney(b.cashable_discounted))]),
          { className: 'num streams' },
        ),
      );
    }
    parts.push('</article>');
  });
  parts.push('</section>');
  return parts.join('\n');
}

function assumptions(doc: ResultDocument, references: (id: string) => ReferenceData): string {
  const parts = [
    '<section id="assumptions" aria-labelledby="assumptions-h">',
    '<h2 id="assumptions-h">Assumptions log</h2>',
    '<p>Every input to every option, with its value and where it came from: a line of a scenario file (or of the file it extends), ' +
      'a cited reference data value, a documented peerplan default, or a change given on the command line. ' +
      'This is the assumptions log the HM Treasury Green Book and Aqua Book expect; percentages are shown as entered.</p>',
  ];
  doc.scenarios.forEach((s, i) => {
    parts.push(
      table(
        `Assumptions for ${esc(s.name)} (${s.inputs.length} inputs).`,
        ['Input', 'Value', 'Source'],
        s.inputs.map((input) => [pathHtml(input.path), esc(describeValue(input.path, input.value)), esc(describeOrigin(input.origin, references))]),
        { className: 'assumptions', note: `From <code>${esc(s.file)}</code>.` },
      ).replace('<table class="assumptions">', `<table class="assumptions" id="assumptions-${i + 1}">`),
    );
  });
  parts.push('</section>');
  return parts.join('\n');
}

// ---------------------------------------------------------------------------
// Styles

const STYLE = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #c8c8c8; --band: #f3f3f3; --accent: #0b4f8a; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 70rem; padding: 1.5rem 1.5rem 4rem; color: var(--ink); background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
h1, h2, h3 { line-height: 1.25; }
h1 { font-size: 1.9rem; margin: 0.2rem 0 1rem; }
h2 { font-size: 1.45rem; margin: 2.5rem 0 0.75rem; padding-top: 0.5rem; border-top: 3px solid var(--ink); }
h3 { font-size: 1.15rem; margin: 1.75rem 0 0.5rem; }
p, li { max-width: 48rem; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.88em; overflow-wrap: anywhere; }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.8rem; color: var(--muted); }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 1rem; font-size: 0.95rem; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; }
.meta ul { margin: 0; padding-left: 1.1rem; }
.file { color: var(--muted); }
.toc ol { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; list-style: none; padding: 0.5rem 0; margin: 0; border-top: 1px solid var(--rule); border-bottom: 1px solid var(--rule); }
.toc a { color: var(--accent); }
.lead { font-size: 1.1rem; }
.recommendation { border-left: 6px solid var(--ink); padding: 0.5rem 0.75rem; background: var(--band); max-width: 48rem; }
.fallback { font-style: italic; }
.nb { white-space: nowrap; }
.scroll { overflow-x: auto; margin: 0.5rem 0 1.5rem; }
table { border-collapse: collapse; font-size: 0.9rem; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 0.4rem; max-width: 60rem; }
caption .note { display: block; font-weight: 400; color: var(--muted); font-size: 0.92em; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.35rem 0.6rem; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); text-align: left; vertical-align: bottom; }
tbody tr:nth-child(even) { background: var(--band); }
tbody th { text-align: left; font-weight: 400; }
table.num td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.num thead th:not(:first-child) { text-align: right; }
table.compare td { min-width: 9rem; }
table.compare th .desc { display: block; font-size: 0.85em; color: var(--muted); max-width: 18rem; }
table.compare .best { font-weight: 700; }
table.compare .rank { color: var(--muted); font-size: 0.85em; }
table.compare .delta { font-size: 0.88em; color: var(--muted); }
.tag { font-weight: 400; font-size: 0.8em; border: 1px solid var(--ink); border-radius: 3px; padding: 0 0.3rem; white-space: nowrap; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
table.differences td { white-space: nowrap; }
table.streams td:nth-child(2), table.streams thead th:nth-child(2) { text-align: left; }
code.path { overflow-wrap: normal; word-break: normal; }
table.assumptions { width: 100%; table-layout: fixed; font-size: 0.85rem; }
table.assumptions code { font-size: 0.95em; }
table.assumptions th, table.assumptions td { padding: 0.25rem 0.5rem; overflow-wrap: break-word; }
table.assumptions thead th:nth-child(1) { width: 32%; }
table.assumptions thead th:nth-child(2) { width: 20%; }
figure { margin: 1.5rem 0 2rem; }
figure svg.chart { display: block; width: 100%; max-width: 880px; height: auto; }
figcaption { font-size: 0.9rem; margin-top: 0.5rem; max-width: 48rem; }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(24rem, 1fr)); gap: 1rem 1.5rem; }
.multiple { margin: 0; }
.multiple svg.chart { max-width: 560px; }
.multiple-title { margin: 0 0 0.2rem; font-weight: 600; font-size: 0.95rem; }
article.scenario { margin-bottom: 2rem; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; font-size: 1rem; color: #000; }
  .toc { display: none; }
  h2 { border-top: 0; margin-top: 0; }
  main > section { break-before: page; }
  main > section:first-child { break-before: auto; }
  h2, h3, caption { break-after: avoid; }
  figure, .multiple, tr, .recommendation { break-inside: avoid; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; }
  table, table.assumptions { font-size: 8.5pt; }
  th, td { padding: 0.2rem 0.4rem; }
  tbody tr:nth-child(even) { background: none; }
  .recommendation { background: none; border-left-width: 4px; }
  a { color: inherit; text-decoration: none; }
  figure svg.chart { max-width: 100%; }
  .multiples { grid-template-columns: 1fr 1fr; }
}
`;

// ---------------------------------------------------------------------------

/** Renders the whole report: one complete, self-contained HTML5 document. */
export function renderHtml(doc: ResultDocument, options: HtmlOptions = {}): string {
  const title = options.title ?? DEFAULT_TITLE;
  const references = options.references ?? DEFAULT_REFERENCES;
  const body = [
    header(doc, title, references),
    toc(doc, options.tornado !== undefined, options.simulation !== undefined),
    '<main>',
    summary(doc, options),
    comparisonSection(doc),
    charts(doc),
    options.tornado ? sensitivity(options.tornado) : '',
    options.simulation ? uncertaintySection(options.simulation) : '',
    scenarioYears(doc),
    assumptions(doc, references),
    '</main>',
    `<footer><p class="file">Produced by peerplan ${esc(doc.peerplan_version)}. Figures are expected values from a model; see the caveats in the summary.</p></footer>`,
  ].filter((p) => p !== '');
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing may be fetched: the report must open offline, from an email attachment.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="peerplan ${esc(doc.peerplan_version)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
