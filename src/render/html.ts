/**
 * The self-contained HTML report (`peerplan report`): one file a commissioner can
 * open from an email attachment and print. Inline CSS and inline SVG charts only:
 * no scripts, no fonts, no images, no stylesheets or anything else fetched (a
 * Content-Security-Policy forbids it too). Pure and deterministic: the same
 * document renders to the same bytes; a time appears only if the document has one.
 */
import { baselineReasonText } from '../compare/baseline.js';
import { bestOptions, numeric, recommend } from '../compare/recommend.js';
import type { ResultDocument, ScenarioDocument, InputValue } from '../result/document.js';
import type { ReferenceData } from '../reference/types.js';
import { appraisalBasisLines } from './appraisal-basis.js';
import { loadReference } from '../reference/load.js';
import { COST_COMPONENTS, type YearResult } from '../engine/result.js';
import { formatMoney, formatNumber, formatPercent, withSign } from '../text/format.js';
import { formatDelta, formatMetric, metricInfo, NO_BENEFITS_VALUED, noBenefitsValued, type MetricInfo, type MetricKey, type MetricKind } from '../metrics/catalogue.js';
import { costLabel, runHeadlineMetrics, yearTableRows } from './run-layout.js';
import { displayValue } from './values.js';
import { INPUT_GROUPS, inputGroup, inputLabel } from '../metrics/labels.js';
import { citation } from '../reference/entries.js';
import type { Origin } from '../scenario/origin.js';
import { describeOrigin } from './origins.js';
import { html, joinHtml, raw, Html, type HtmlValue } from './html-template.js';
import { lineChart, type LineSeries } from './svg/line-chart.js';
import { stackedBarChart } from './svg/stacked-bar.js';
import { sortTornadoBars, tornadoChart, type TornadoInput } from './svg/tornado.js';
import { lineStyle } from './svg/style.js';
import { maxOf } from './extent.js';
import { CHANGED_IN_PAGE, type Control, type PageData } from '../interactive/page-data.js';
import type { SimulationResult } from '../app/simulate.js';
import { uncertaintyNotRecomputedSection, uncertaintySection } from './uncertainty-html.js';
import { unverifiedCaveatParts } from './unverified.js';
import { GAIN_KIND_LABELS, ledgerColumnLabel, ledgerLines, PAYER_LABELS, payerRows, perspectiveComparisonRows, perspectiveViewRows, viewsText } from '../metrics/perspectives.js';

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
  /**
   * Makes the report interactive (`report --interactive`): controls for `data.controls`,
   * the page data as JSON and the page script (src/interactive/page.ts, bundled), allowed
   * by its hash in the Content-Security-Policy. The caller computes the hash: this module
   * also runs in the page, where there is no crypto to compute it with.
   */
  interactive?: { data: PageData; script: string; scriptSha256: string };
  /** A probabilistic analysis (`report --draws`): adds the uncertainty section (src/render/uncertainty-html.ts). */
  simulation?: SimulationResult;
  /** The interactive page re-rendered after a control moved, on a page that had an uncertainty section: say it is not recomputed (issue #24 N10). */
  uncertaintyNotRecomputed?: boolean;
}

export const DEFAULT_TITLE = 'Peer support workforce options: cost, continuity and burnout risk';

// ---------------------------------------------------------------------------
// Recommendation

// The rule itself is the comparison's (src/compare/recommend.ts); the report only words it.

// ---------------------------------------------------------------------------
// Small helpers

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

/** An input by its plain-English name; its path (what JSON, CSV and --set use) on hover. */
function inputHtml(path: string): Html {
  return html`<span class="input" title="${path}">${inputLabel(path)}</span>`;
}

/** Text that must not break across lines (a figure such as "-£52,902"). */
function nb(text: string): Html {
  return html`<span class="nb">${text}</span>`;
}

/** "a", "a and b", "a, b and c". */
function list(items: readonly HtmlValue[]): Html {
  if (items.length <= 1) return joinHtml(items);
  return html`${joinHtml(items.slice(0, -1), ', ')} and ${items[items.length - 1]}`;
}

interface TableOptions {
  className?: string;
  id?: string;
  rowHeads?: boolean;
  note?: HtmlValue;
}

/** A captioned table; every cell is text (escaped) unless it is an `Html` fragment. */
function table(caption: HtmlValue, head: readonly HtmlValue[], rows: readonly (readonly HtmlValue[])[], options: TableOptions = {}): Html {
  const attrs = html`${options.className ? html` class="${options.className}"` : ''}${options.id ? html` id="${options.id}"` : ''}`;
  const headRow = html`<tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr>`;
  const body = joinHtml(
    rows.map((r) => html`<tr>${r.map((cell, i) => (i === 0 && options.rowHeads !== false ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}</tr>`),
    raw('\n'),
  );
  const note = options.note ? html` <span class="note">${options.note}</span>` : '';
  return html`<div class="scroll"><table${attrs}>\n<caption>${caption}${note}</caption>\n<thead>${headRow}</thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}

/** Lines of markup joined by line breaks. */
function lines(items: readonly HtmlValue[]): Html {
  return joinHtml(items, raw('\n'));
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

function header(doc: ResultDocument, title: string, references: (id: string) => ReferenceData): Html {
  const first = doc.scenarios[0]?.months[0]?.month;
  const lastScenario = doc.scenarios[0];
  const last = lastScenario?.months[lastScenario.months.length - 1]?.month;
  const refs = unique(doc.scenarios.map((s) => s.reference));
  const rows: Html[] = [
    html`<dt>Options</dt><dd><ul>${doc.scenarios.map((s) => html`<li>${s.name} <span class="file">(${s.file})</span></li>`)}</ul></dd>`,
    ...(first && last ? [html`<dt>Horizon</dt><dd>${monthName(first)} to ${monthName(last)} (${lastScenario?.months.length ?? 0} months)</dd>`] : []),
    html`<dt>Reference data</dt><dd>${joinHtml(
      refs.map((id) => {
        const t = referenceTitle(id, references);
        return html`${id}${t ? ` — ${t}` : ''}`;
      }),
      raw('<br>'),
    )}</dd>`,
    html`<dt>Produced by</dt><dd>peerplan ${doc.peerplan_version}</dd>`,
    ...(doc.generated_at ? [html`<dt>Generated</dt><dd><time datetime="${doc.generated_at}">${doc.generated_at}</time></dd>`] : []),
  ];
  return html`<header>\n<p class="kicker">peerplan report</p>\n<h1>${title}</h1>\n<dl class="meta">${lines(rows)}</dl>\n</header>`;
}

function toc(doc: ResultDocument, tornado: boolean, simulation = false): Html {
  const items: Array<[string, string]> = [['summary', 'Summary']];
  if (doc.comparison) items.push(['comparison', 'Comparison']);
  items.push(['charts', 'Charts']);
  if (tornado) items.push(['sensitivity', 'Sensitivity']);
  if (simulation) items.push(['uncertainty', 'Uncertainty']);
  items.push(['years', 'Year by year'], ['assumptions', 'Assumptions log']);
  return html`<nav class="toc" aria-label="Contents"><ol>${items.map(([id, label]) => html`<li><a href="#${id}">${label}</a></li>`)}</ol></nav>`;
}

function metricText(key: MetricKey, value: number | string | null): string {
  return formatMetric(metricInfo(key)?.kind ?? 'count', value);
}

function caveats(doc: ResultDocument, hasTornado: boolean): Html[] {
  const discount = unique(doc.scenarios.map((s) => inputValue(s, 'finance.discount_rate')).filter((v): v is number => typeof v === 'number'));
  const optimism = unique(doc.scenarios.map((s) => inputValue(s, 'finance.optimism_bias')).filter((v): v is number => typeof v === 'number'));
  const out: Html[] = [
    raw(
      '<strong>Expected values, not forecasts.</strong> peerplan models averages: expected leavers, expected hires, an expected burnout risk. ' +
        'A real team of a few people will vary around these figures, so small differences between options are not meaningful. ' +
        (hasTornado ? 'The sensitivity section shows which assumptions move the result most.' : 'Test the assumptions that matter with a sensitivity analysis before relying on a close result.'),
    ),
    raw(
      '<strong>Benefits are monetised proxies, not cash.</strong> The trial evidence is mixed: CORE (Johnson et al., Lancet 2018) found fewer readmissions after peer support, ' +
        'ENRICH (Gillard et al., 2022) found no reduction. Net present value, benefit-cost ratio and payback depend on how much of that effect each scenario attributes to peer support; ' +
        'cost, continuity of relationships and burnout risk are the firmer results.',
    ),
  ];
  if (optimism.length === 0 || optimism.every((v) => v === 0)) {
    out.push(
      raw(
        '<strong>No optimism bias is applied</strong> (<span class="input" title="finance.optimism_bias">optimism bias</span> is 0%). The Green Book expects appraisals to adjust for the systematic tendency to underestimate costs; ' +
          'set an uplift and the headline NPV, BCR and ROI include it (the unadjusted figures are kept beside them).',
      ),
    );
  } else {
    out.push(
      html`<strong>Optimism bias.</strong> The present value of cost is uplifted by ${list(optimism.map((v) => formatPercent(v, 0)))} in the headline NPV, BCR, ROI and payback (Green Book); the unadjusted figures are in the JSON output (npv_unadjusted, bcr_unadjusted, roi_unadjusted).`,
    );
  }
  if (discount.length > 0) {
    out.push(
      html`<strong>Price base and discounting.</strong> ${appraisalBasisLines(doc.scenarios).join(' ')} Totals marked nominal are cash: they include the annual pay uplift and are neither deflated nor discounted.`,
    );
  }
  const unverified = unverifiedCaveat(doc);
  if (unverified) out.push(unverified);
  out.push(raw('<strong>Method and limits.</strong> The formulas, their sources and what the model leaves out are documented in <code>docs/MODEL.md</code> in the peerplan package.'));
  return out;
}

/**
 * The unverified figures that value a benefit stream carrying 1% or more of an option's total
 * benefit (PV), named; the others counted. The same list as `peerplan reference --unverified`.
 */
function unverifiedCaveat(doc: ResultDocument): Html | null {
  const c = unverifiedCaveatParts(doc.scenarios.map((s) => s.unverified));
  if (c === null) return null;
  return html`<strong>Unverified figures.</strong> ${
    c.named.length > 0 ? `Not yet confirmed at source, and under benefit streams carrying 1% or more of the total benefit: ${c.named.join('; ')}. ` : ''
  }${c.count} figure${c.count === 1 ? '' : 's'} in all ${c.count === 1 ? 'is' : 'are'} unverified (interpolated or assumed deflator years among them); <code>peerplan reference --unverified FILE</code> lists each with the inputs that use it.`;
}


function summary(doc: ResultDocument, options: HtmlOptions): Html {
  const parts: HtmlValue[] = [raw('<section id="summary" aria-labelledby="summary-h">'), raw('<h2 id="summary-h">Summary</h2>')];
  const scenarios = doc.scenarios;
  // The comparison's own recommendation; a document made without one (batch) is read by the same rule.
  const rec = doc.comparison?.recommendation ?? recommend(doc, options.recommendMetric);
  const info = metricInfo(rec.metric) as MetricInfo;
  const value = (i: number): Html => nb(metricText(rec.metric, scenarios[i]?.metrics[rec.metric] ?? null));
  const name = (i: number): string => scenarios[i]?.name ?? '';

  if (scenarios.length === 1) {
    const s = scenarios[0] as ScenarioDocument;
    const m = s.metrics;
    parts.push(
      joinHtml([
        html`<p class="lead">One option was modelled, <strong>${s.name}</strong>, so there is nothing to choose between. Over the horizon it costs ${formatMoney(m.total_cost)} `,
        html`(${formatMoney(m.total_cost_discounted)} discounted), keeps ${formatNumber(m.wte_in_post_mean, 2)} WTE in post on average, `,
        html`has a continuity score of ${formatNumber(m.continuity, 1)} (0-100) and at worst ${formatNumber(m.burnout_risk_peak, 1)}% of the team burnt out (NHS staff: 30.0%), `,
        html`and a net present value of ${formatMoney(m.npv)}.</p>`,
      ]),
    );
  } else if (rec.best.length > 0) {
    const bestNames = rec.best.map(name);
    const tied = rec.best.length > 1;
    parts.push(
      html`<p class="lead recommendation">On <strong>${info.label.toLowerCase()}</strong> (${info.better === 'higher' ? 'higher' : 'lower'} is better), ${
        tied ? html`the options <strong>${list(bestNames)}</strong> are equal best` : html`the recommended option is <strong>${bestNames[0] ?? ''}</strong>`
      }, at ${value(rec.best[0] as number)}.</p>`,
    );
    if (rec.fallback) {
      const npvBest = bestOptions(scenarios.map((s) => s.metrics.npv), 'higher').best[0] ?? 0;
      parts.push(html`<p class="fallback">${rec.fallback} The least negative NPV is that of ${name(npvBest)}: ${nb(formatMoney(scenarios[npvBest]?.metrics.npv ?? 0))}.</p>`);
    }
    const why: Html[] = [];
    const b = rec.best[0] as number;
    const c = doc.comparison;
    const baselineName = c ? c.names[c.baseline] : undefined;
    const baseline = baselineName === undefined ? -1 : scenarios.findIndex((s) => s.name === baselineName);
    // "The baseline" only for a declared one (--baseline or baseline: true); else it is just the first file given.
    const declared = c?.baseline_reason === 'option' || c?.baseline_reason === 'marked';
    const reference = declared ? 'the baseline' : 'the first option given';
    if (rec.runnerUp !== null) {
      const gap = Math.abs((numeric(scenarios[b]?.metrics[rec.metric]) ?? 0) - (numeric(scenarios[rec.runnerUp]?.metrics[rec.metric]) ?? 0));
      const gapText = info.kind === 'month' ? `${formatNumber(gap, 0)} months` : formatMetric(info.kind, gap);
      const direction = info.kind === 'month' ? 'earlier than' : info.better === 'higher' ? 'more than' : 'less than';
      why.push(html`That is ${nb(gapText)} ${direction} the next best option, ${rec.runnerUp === baseline ? `${reference}, ` : ''}${name(rec.runnerUp)} (${value(rec.runnerUp)}).`);
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
          joinHtml([
            html`Compared with ${reference}${rec.runnerUp === baseline ? '' : `, ${name(baseline)}`}, ${subject} ${tied ? 'cost' : 'costs'} ${nb(change(rm.total_cost - bm.total_cost, 'money', 'more', 'less'))} over the horizon; `,
            html`net present value is ${nb(change(rm.npv - bm.npv, 'money', 'higher', 'lower'))}, `,
            html`continuity ${change(rm.continuity - bm.continuity, 'index', 'higher', 'lower', ' points')}, `,
            html`the peak share of the team burnt out ${change(rm.burnout_risk_peak - bm.burnout_risk_peak, 'index', 'higher', 'lower', ' percentage points')}, `,
            html`and ${change(rm.completed_episodes - bm.completed_episodes, 'count', 'more', 'fewer')} support relationships are completed with the same worker.`,
          ]),
        );
      }
    } else if (baseline >= 0) {
      why.push(
        declared
          ? html`${tied ? 'The baseline is among them' : 'It is the baseline'}: none of the alternatives does better on this measure.`
          : html`${tied ? 'The first option given is among them' : 'It is the first option given'}: none of the others does better on this measure.`,
      );
    }
    if (why.length > 0) parts.push(html`<p>${joinHtml(why, ' ')}</p>`);
  } else {
    parts.push(html`<p class="lead">No option has a value for ${info.label.toLowerCase()}, so no recommendation is made on it.</p>`);
  }

  const narrative = doc.comparison?.narrative ?? [];
  if (narrative.length > 0) {
    parts.push(
      raw(scenarios.length === 1 ? '<h3>What the projection shows</h3>' : '<h3>What the comparison shows</h3>'),
      html`<ul class="narrative">${narrative.map((l) => html`<li>${l}</li>`)}</ul>`,
    );
  }
  parts.push(raw('<h3>Caveats</h3>'), html`<ul class="caveats">${caveats(doc, options.tornado !== undefined).map((c) => html`<li>${c}</li>`)}</ul>`, raw('</section>'));
  return lines(parts);
}

function comparisonSection(doc: ResultDocument): Html {
  const c = doc.comparison;
  if (!c) return raw('');
  const head = ['Metric', ...c.names.map((n, i) => html`${n}${i === c.baseline ? raw(' <span class="tag">baseline</span>') : ''}`)];
  const rows = [...c.rows, ...perspectiveComparisonRows(doc.scenarios, c.baseline)].map((row) => [
    html`${row.metric.label}<span class="desc">${row.metric.description}</span>`,
    ...row.values.map((value, i) => {
      const isBest = row.best.includes(i);
      const rank = row.ranks[i];
      const text = noBenefitsValued(row.metric.key, doc.scenarios[i]?.metrics) ? NO_BENEFITS_VALUED : formatMetric(row.metric.kind, value);
      const shown = html`<span class="value">${isBest ? raw('<span class="star" aria-hidden="true">★</span> ') : ''}${text}${isBest ? raw('<span class="sr"> (best)</span>') : ''}</span>`;
      const rankText = rank !== null && rank !== undefined && c.names.length > 1 ? html` <span class="rank">#${rank}</span>` : '';
      const delta = i === c.baseline ? 'baseline' : deltaText(row.metric.kind, row.deltas[i], row.delta_ratios[i]);
      return html`<div class="${isBest ? 'best' : ''}">${shown}${rankText}</div><div class="delta">${delta}</div>`;
    }),
  ]);
  const parts: HtmlValue[] = [
    raw('<section id="comparison" aria-labelledby="comparison-h">'),
    raw('<h2 id="comparison-h">Comparison</h2>'),
    table(
      html`Each option against the baseline, ${c.names[c.baseline] ?? ''}${c.baseline_reason ? ` (${baselineReasonText(c.baseline_reason)})` : ''}.`,
      head,
      rows,
      { className: 'compare num', note: '★ marks the best value and #n the rank (1 = best); the second line is the difference from the baseline, with the percentage difference in brackets. PV = discounted to the start of the horizon.' },
    ),
  ];
  if (c.input_differences.length > 0) {
    parts.push(
      raw('<h3 id="differences">Inputs that differ</h3>'),
      table(
        'Inputs whose values differ between the options (all other inputs are the same; see the assumptions log).',
        ['Input', ...c.names],
        c.input_differences.map((d) => [inputHtml(d.path), ...d.values.map((v) => displayValue(d.path, v))]),
        { className: 'differences' },
      ),
    );
  } else {
    parts.push(raw('<p>The options have identical inputs.</p>'));
  }
  parts.push(raw('</section>'));
  return lines(parts);
}

function figure(id: string, caption: HtmlValue, svg: HtmlValue): Html {
  return html`<figure id="${id}">\n${svg}\n<figcaption>${caption}</figcaption>\n</figure>`;
}


function monthTicks(s: ScenarioDocument | undefined): Array<{ value: number; label: string }> {
  if (!s) return [];
  const ticks = s.months.filter((m, i) => m.month.endsWith('-04') || i === 0).map((m) => ({ value: m.index, label: monthName(m.month) }));
  // Keep the ticks readable on long horizons: at most about 10.
  const every = Math.max(1, Math.ceil(ticks.length / 10));
  return ticks.filter((_, i) => i % every === 0);
}

/** The reference NHS team's burnout share (NHS Staff Survey), as a line on the burnout chart. */
function burnoutReference(id: string | undefined, references: (id: string) => ReferenceData): Array<{ y: number; label: string }> {
  try {
    const share = id ? references(id).burnout.baseline_share.value : undefined;
    return typeof share === 'number' ? [{ y: share * 100, label: `Reference NHS team ${formatNumber(share * 100, 0)}%` }] : [];
  } catch {
    return [];
  }
}

function charts(doc: ResultDocument, references: (id: string) => ReferenceData = loadReference): Html {
  const scenarios = doc.scenarios;
  const first = scenarios[0];
  const monthOf = (x: number): string => monthName(first?.months.find((m) => m.index === x)?.month ?? String(x));
  const ticks = monthTicks(first);
  const parts: HtmlValue[] = [raw('<section id="charts" aria-labelledby="charts-h">'), raw('<h2 id="charts-h">Charts</h2>')];

  // 1. Cost per financial year, stacked by component.
  parts.push(
    figure(
      'fig-cost',
      raw('<strong>Figure 1. Cost per financial year by component</strong> (nominal £, including the pay uplift). One group of bars per option; each bar is one financial year (April to March), stacked from pay at the bottom. The year-by-year tables give the exact figures.'),
      raw(stackedBarChart(
        {
          series: COST_COMPONENTS.map((k) => ({ key: k, label: costLabel(k) })),
          groups: scenarios.map((s) => ({
            label: s.name,
            bars: s.years.map((y) => ({ label: y.months < 12 ? `${y.year}*` : y.year, shortLabel: shortYear(y.year), values: COST_COMPONENTS.map((k) => y.cost[k]) })),
          })),
        },
        { id: 'chart-cost', title: 'Cost per financial year by component, by option', yLabel: 'Cost per year (£, nominal)', formatTick: compactMoney, formatValue: compactMoney },
      )),
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
    return html`<div class="multiple"><p class="multiple-title" aria-hidden="true">${s.name}</p>${raw(lineChart(
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
    ))}</div>`;
  });
  parts.push(
    figure(
      'fig-wte',
      raw('<strong>Figure 2. Funded and in-post whole-time equivalents (WTE) by month</strong>, one chart per option on the same scale. The dashed black line is the funded establishment, the solid line the WTE in post; the hatched gap between them is vacant posts.'),
      html`<div class="multiples">${joinHtml(wteCharts, raw('\n'))}</div>`,
    ),
  );

  // 3 and 4. Burnout and continuity: one line per option.
  const perScenario = (f: (m: ScenarioDocument['months'][number]) => number): LineSeries[] =>
    scenarios.map((s) => ({ label: s.name, points: s.months.map((m) => ({ x: m.index, y: f(m) })) }));
  parts.push(
    figure(
      'fig-burnout',
      raw('<strong>Figure 3. Burnout by month</strong>, one line per option: the expected percentage of the team burnt out (0-100%, shown on its full scale; higher is worse; a reference NHS team scores 30%, the NHS Staff Survey 2024 figure, drawn as a dotted line). Lines differ by colour, dash pattern and marker shape.'),
      raw(lineChart(
        { series: perScenario((m) => m.burnout_risk), xTicks: ticks, references: burnoutReference(first?.reference, references) },
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
      )),
    ),
  );
  parts.push(
    figure(
      'fig-continuity',
      raw('<strong>Figure 4. Continuity by month</strong>, one line per option: the chance (0-100, shown on its full scale) that a support relationship starting that month is completed with the same worker. Higher is better.'),
      raw(lineChart(
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
      )),
    ),
  );
  parts.push(raw('</section>'));
  return lines(parts);
}

function sensitivity(tornado: TornadoInput): Html {
  const kind: MetricKind = tornado.metric ? (metricInfo(tornado.metric)?.kind ?? 'count') : 'count';
  const fmt = (v: number): string => formatMetric(kind, v);
  const tick = kind === 'money' ? compactMoney : fmt;
  const measure = tornado.measure ?? (tornado.metric ? metricInfo(tornado.metric)?.label : undefined) ?? 'Output';
  const bars = sortTornadoBars(tornado.bars);
  const moved = bars.some((b) => b.movedIn !== undefined);
  const rows = bars.map((b) => [
    b.path ? html`<span class="input" title="${b.path}">${b.label}</span>` : b.label,
    `${b.lowValueLabel} → ${fmt(b.low)}`,
    `${b.highValueLabel} → ${fmt(b.high)}`,
    fmt(Math.abs(b.high - b.low)),
    b.switchValue ?? 'none in range',
    ...(moved ? [b.movedIn === 'both' ? 'both options (a shared assumption)' : 'this option only'] : []),
  ]);
  const shown = tornado.analysed !== undefined && tornado.analysed > bars.length ? ` It shows the ${bars.length} inputs with the widest swings of the ${tornado.analysed} analysed.` : '';
  return lines([
    raw('<section id="sensitivity" aria-labelledby="sensitivity-h">'),
    raw('<h2 id="sensitivity-h">Sensitivity</h2>'),
    tornado.summary ? html`<p class="lead">${tornado.summary}</p>` : '',
    html`<p class="lead">Each input was varied on its own between a low and a high value, everything else held at the base case. The widest bars are the assumptions the result depends on most. A switching value is the value at which the input would change the decision${tornado.threshold !== undefined ? html` (where ${measure.toLowerCase()} reaches ${fmt(tornado.threshold)}${moved ? ' for an input moved in this option only: an assumption the options share moves in both, so the runner-up moves too and its switching value, if any, is where the two meet; the dashed line does not apply to its bar' : ''})` : ''}.${shown}</p>`,
    figure(
      'fig-tornado',
      html`<strong>Figure 5. Tornado chart: ${measure.toLowerCase()}</strong> as each input moves from its low to its high value, around the base case of ${fmt(tornado.base)}. Solid bars: input at its low value; hatched bars: at its high value; ◆ switching point.`,
      raw(tornadoChart({ ...tornado, measure }, { id: 'chart-tornado', title: `Sensitivity of ${measure.toLowerCase()} to each input (tornado chart)`, formatTick: tick, formatValue: fmt })),
    ),
    table(`${measure} when each input is at its low and high value.${shown}`, ['Input', 'Low value → result', 'High value → result', 'Swing', 'Switching value', ...(moved ? ['Moved in'] : [])], rows, { className: 'num' }),
    tornado.views && tornado.views.length > 0
      ? lines([
          html`<h3>Switching values per perspective</h3>`,
          html`<p>Each view’s NPV (the benefits it counts less the cost with optimism bias, docs/MODEL.md §7.6) against zero, for the inputs searched above: the value at which one input alone changes its sign.</p>`,
          html`<ul class="view-switching">${tornado.views.map((v) => html`<li><strong>${v.label}</strong> ${formatMoney(v.base)} at the base (${v.base > 0 ? 'positive' : 'not positive'}). ${v.lines.length === 0 ? 'No input changes that alone.' : html`${v.base > 0 ? 'It stays positive' : 'It turns positive'}: ${v.lines.join('; ')}.`}</li>`)}</ul>`,
        ])
      : '',
    raw('</section>'),
  ]);
}

function yearTable(s: ScenarioDocument): Html {
  const years = s.years;
  const rows = yearTableRows(s).map((r) => [r.emphasis ? html`<strong>${r.label}</strong>` : r.label, ...r.cells, r.total]);
  return table(`${s.name}: cost and delivery by financial year (April to March).`, ['', ...years.map((y) => yearLabel(y)), 'Total'], rows, {
    className: 'num years',
    note: 'Money is nominal (cash) unless marked PV; net cash is benefit minus cost as paid, not the NPV (which discounts, adds optimism bias and credits benefits after the horizon). WTE, burnout and continuity are means over the year; the total column for those is the mean over the horizon.',
  });
}

/** §7.6 "Whose costs and whose savings": the social, commissioner and Exchequer views, then the benefit by who gains. */
function whoseTables(s: ScenarioDocument, index: number): Html | null {
  const p = s.perspectives;
  if (!p) return null;
  const bcr = (x: number | null): string => (noBenefitsValued('bcr', s.metrics) ? NO_BENEFITS_VALUED : x === null ? 'n/a' : formatNumber(x, 2));
  const views = table(
    `${s.name}: whose costs and whose savings (present values).`,
    ['View', 'Counts', 'Benefit (PV)', 'Cost (PV)', 'NPV', 'BCR'],
    perspectiveViewRows(p).map((r) => [r.label, r.counts, formatMoney(r.view.benefit), formatMoney(r.view.cost), formatMoney(r.view.npv), bcr(r.view.bcr)]),
    { className: 'num perspectives', note: 'Cost is the cost (PV) with optimism bias in every view; the headline NPV counts every benefit, transfers included.' },
  );
  const payers = payerRows(p);
  if (payers.length === 0) return views;
  const byPayer = table(
    `${s.name}: benefit (PV) by who gains.`,
    ['Who gains', 'Benefit (PV)', 'Share'],
    payers.map((r) => [r.label, formatMoney(r.benefit), r.share === null ? 'n/a' : formatPercent(r.share, 1)]),
    { className: 'num payers' },
  );
  return lines([views, byPayer, ...ledgerParts(s, index)]);
}

/** §7.7 Who pays, who saves by financial year: a chart (the cost beside the savings, stacked by who gains) and the ledger's table. */
function ledgerParts(s: ScenarioDocument, index: number): Html[] {
  const l = s.ledger;
  if (!l || l.benefits.length === 0) return [];
  const rows = ledgerLines(l);
  const chart = figure(
    `fig-ledger-${slug(s.name, index)}`,
    html`<strong>Who pays and who saves, by financial year</strong> (present values, £). For each year, the left bar is the cost (with optimism bias), paid by the commissioner; the right bar is the benefit, stacked by who gains and the kind of gain. Bars marked “after” are lagged benefits credited after the horizon. The table below gives the exact figures.`,
    raw(stackedBarChart(
      {
        series: [{ key: 'cost', label: 'Cost (commissioner)' }, ...l.benefits.map((r) => ({ key: `${r.payer}.${r.category}.${r.kind}`, label: `${PAYER_LABELS[r.payer]}: ${GAIN_KIND_LABELS[r.kind].toLowerCase()}` }))],
        groups: l.columns.map((c, j) => ({
          label: ledgerColumnLabel(c),
          bars: [
            { label: 'pays', values: [l.cost.values[j] ?? 0, ...l.benefits.map(() => 0)] },
            { label: 'saves', values: [0, ...l.benefits.map((r) => r.values[j] ?? 0)] },
          ],
        })),
      },
      { id: `chart-ledger-${slug(s.name, index)}`, title: `${s.name}: who pays and who saves by financial year`, yLabel: 'Present value (£)', formatTick: compactMoney, formatValue: compactMoney },
    )),
  );
  const ledger = table(
    `${s.name}: who pays, who saves, by financial year (present values; cost negative).`,
    ['Who pays / who saves', 'Category', 'Cashable', 'Counts in', ...l.columns.map(ledgerColumnLabel), 'Total'],
    rows.map((x) => [x.label, x.category === 'total' ? '' : x.category, x.cashable === null ? '' : x.cashable ? 'yes' : 'no', viewsText(x.views), ...x.values.map((v) => formatMoney(v)), formatMoney(x.total)]),
    { className: 'num ledger', note: 'GMCA-style: fiscal, economic and social value; cashable rows are money a budget no longer pays out (cash-releasing savings and transfers). Each view in the table above is the sum of the rows that count in it, against the cost.' },
  );
  return [chart, ledger];
}

function scenarioYears(doc: ResultDocument): Html {
  const parts: HtmlValue[] = [raw('<section id="years" aria-labelledby="years-h">'), raw('<h2 id="years-h">Year by year</h2>')];
  doc.scenarios.forEach((s, i) => {
    const first = s.months[0]?.month ?? '';
    const last = s.months[s.months.length - 1]?.month ?? '';
    const id = slug(s.name, i);
    parts.push(
      html`<article class="scenario" id="${id}" aria-labelledby="${id}-h">`,
      html`<h3 id="${id}-h">${s.name}</h3>`,
      html`<p class="file">Scenario file <code>${s.file}</code>, reference data <code>${s.reference}</code>, ${monthName(first)} to ${monthName(last)}. Resolved scenario hash <code>${s.hash.slice(0, 12)}</code>.</p>`,
    );
    if (!doc.comparison) {
      parts.push(
        table(
          `${s.name}: headline figures over the horizon.`,
          ['Metric', 'Value'],
          runHeadlineMetrics.map((key) => [metricInfo(key)?.label ?? key, noBenefitsValued(key, s.metrics) ? NO_BENEFITS_VALUED : metricText(key, s.metrics[key])]),
          { className: 'num headline' },
        ),
      );
    }
    parts.push(yearTable(s));
    const whose = whoseTables(s, i);
    if (whose) parts.push(whose);
    if (s.benefit_streams.length > 0) {
      parts.push(
        table(
          `${s.name}: benefit streams over the horizon.`,
          ['Benefit', 'Category', 'Total (nominal)', 'Total (PV)', 'Cashable (PV)'],
          s.benefit_streams.map((b) => [b.name, b.category, formatMoney(b.total), formatMoney(b.total_discounted), formatMoney(b.cashable_discounted)]),
          { className: 'num streams' },
        ),
      );
    }
    parts.push(raw('</article>'));
  });
  parts.push(raw('</section>'));
  return lines(parts);
}

/** Where a value came from, for the log: the evidence (a reference citation) rather than a data set key. */
function sourceText(origin: Origin | null, references: (id: string) => ReferenceData): string {
  if (origin?.kind === 'reference') {
    try {
      return `${citation(references(origin.dataset), origin.source, true)} (reference data ${origin.dataset})`;
    } catch {
      return `reference data ${origin.dataset}`;
    }
  }
  if (origin?.kind === 'file') return `${origin.file} line ${origin.line}`;
  if (origin?.kind === 'set' && origin.expression.startsWith(CHANGED_IN_PAGE)) return origin.expression;
  return describeOrigin(origin, references);
}

/**
 * The labels of inputs at their defaults, short enough to read (issue #28 item 6): a field
 * every benefit stream leaves at its default is named once with the streams,
 * "risk ratio with peer support (benefits 1 to 3)", not once per stream.
 */
function compactLabels(labels: readonly string[]): string {
  const streams = new Map<string, number[]>();
  const out: string[] = [];
  for (const label of labels) {
    const m = /^Benefit (\d+): (.*)$/.exec(label);
    if (!m) {
      out.push(label);
      continue;
    }
    const field = m[2] as string;
    if (!streams.has(field)) out.push(`\u0000${field}`);
    streams.set(field, [...(streams.get(field) ?? []), Number(m[1])]);
  }
  const which = (ns: readonly number[]): string => {
    const sorted = [...new Set(ns)].sort((a, b) => a - b);
    const run = sorted.every((n, i) => i === 0 || n === (sorted[i - 1] as number) + 1);
    if (sorted.length === 1) return `benefit ${sorted[0]}`;
    return run && sorted.length > 2 ? `benefits ${sorted[0]} to ${sorted[sorted.length - 1]}` : `benefits ${sorted.join(', ')}`;
  };
  return out.map((l) => (l.startsWith('\u0000') ? `${l.slice(1)} (${which(streams.get(l.slice(1)) ?? [])})` : l)).join(', ');
}

/**
 * The sources of the inputs at their defaults as a list, one item per source: the many
 * fields an evidence entry supplies ("mh-bed-day — the unit cost's beneficiary", "… kind
 * of gain") share one item.
 */
function sourceList(sources: readonly string[]): Html {
  const grouped = new Map<string, string[]>();
  for (const source of sources) {
    const cut = source.indexOf(' — ');
    const head = cut > 0 ? source.slice(0, cut) : source;
    const tail = cut > 0 ? source.slice(cut + 3) : undefined;
    const list = grouped.get(head) ?? [];
    if (tail !== undefined) list.push(tail);
    grouped.set(head, list);
  }
  return html`<ul class="sources">${[...grouped].map(([head, tails]) => html`<li>${head}${tails.length > 0 ? ` — ${tails.join('; ')}` : ''}</li>`)}</ul>`;
}

/** Set by a person (in a scenario file or on the command line), not taken from a default. */
const isSet = (origin: Origin | null): boolean => origin?.kind === 'file' || origin?.kind === 'set';

/**
 * The assumptions log, compact: inputs grouped as the scenario file groups them; every
 * input that any option sets (in its file or on the command line) in full, with its
 * value and source; the inputs left at their defaults summarised per group, with the
 * evidence they come from (the reference data's citations, peerplan's documented defaults).
 */
function assumptions(doc: ResultDocument, references: (id: string) => ReferenceData): Html {
  const scenarios = doc.scenarios;
  const paths = unique(scenarios.flatMap((s) => s.inputs.map((i) => i.path)));
  const lookup = scenarios.map((s) => new Map(s.inputs.map((i) => [i.path, i])));
  const many = scenarios.length > 1;
  const setTables: Html[] = [];
  const defaults = new Map<string, { labels: string[]; sources: string[] }>();
  for (const [group, groupLabel] of INPUT_GROUPS) {
    const inGroup = paths.filter((p) => inputGroup(p) === group);
    const rows: HtmlValue[][] = [];
    for (const path of inGroup) {
      const inputs = lookup.map((m) => m.get(path));
      const origins = inputs.map((i) => i?.origin ?? null);
      if (origins.some(isSet)) {
        const values = unique(inputs.map((i) => (i ? displayValue(path, i.value) : '-')));
        const value = values.length === 1 ? (values[0] ?? '-') : many ? 'differs by option (see Inputs that differ)' : (values[0] ?? '-');
        const sources = unique(origins.map((o) => sourceText(o, references)));
        const source = sources.length > 2 ? `${sources.slice(0, 2).join('; ')} and ${sources.length - 2} more` : sources.join('; ');
        rows.push([inputHtml(path), value, source]);
      } else {
        const entry = defaults.get(groupLabel) ?? { labels: [], sources: [] };
        entry.labels.push(inputLabel(path));
        entry.sources.push(...origins.map((o) => (o?.kind === 'default' ? 'peerplan default (docs/SCENARIO.md)' : sourceText(o, references))));
        defaults.set(groupLabel, entry);
      }
    }
    if (rows.length > 0) {
      // One small table per group: a group prints whole, and the log can flow between pages.
      setTables.push(table(groupLabel, ['Input', 'Value', 'Source'], rows, { className: 'assumptions', id: `assumptions-${group}` }));
    }
  }
  const defaultRows = [...defaults].map(([group, d]) => [group, compactLabels(d.labels), sourceList(unique(d.sources))]);
  const defaultCount = [...defaults.values()].reduce((n, d) => n + d.labels.length, 0);
  return lines([
    raw('<section id="assumptions" aria-labelledby="assumptions-h">'),
    raw('<div class="keep-together">'),
    raw('<h2 id="assumptions-h">Assumptions log</h2>'),
    html`<p>Every input to ${many ? 'every option' : 'the option'}, grouped as a scenario file groups them. The ${paths.length - defaultCount} inputs set in a scenario file or on the command line are listed with their values and where they were set${many ? ' (values that differ between options are in the comparison’s “Inputs that differ”)' : ''}; the other ${defaultCount} take their documented defaults and are summarised with the evidence behind them. This is the assumptions log the HM Treasury Green Book and Aqua Book expect; percentages are shown as entered.</p>`,
    // The headings, their lines and the first table print together: Chromium may leave a
    // heading whose next table does not fit at a page foot despite break-after: avoid.
    html`<h3>Inputs set by ${many ? 'the options' : (scenarios[0]?.name ?? 'the option')} (${paths.length - defaultCount} of ${paths.length})</h3>`,
    html`<p class="file">From ${list(unique(scenarios.map((s) => s.file)).map((f) => html`<code>${f}</code>`))}.</p>`,
    ...setTables.slice(0, 1),
    raw('</div>'),
    ...setTables.slice(1),
    raw('<h3>Inputs at their defaults</h3>'),
    table(`Inputs at their defaults (${defaultCount} of ${paths.length}).`, ['Group', 'Inputs', 'Source'], defaultRows, { className: 'assumptions defaults', id: 'assumptions-defaults' }),
    raw('</section>'),
  ]);
}

/** The controls of an interactive report, and the line that says what was changed (it prints; the controls do not). */
function controlsSection(controls: readonly Control[]): Html {
  const unit = (c: Control): string => (c.percent ? '%' : c.money ? '£' : '');
  const rows = controls.map((c, i) => {
    const id = `control-${i + 1}`;
    const which = c.option !== undefined ? html` <span class="option">(${c.optionName ?? `option ${c.option + 1}`} only)</span>` : '';
    return html`<div class="control"${c.option !== undefined ? html` data-option="${String(c.option)}"` : ''}><label for="${id}"><span class="input" title="${c.path}">${c.label}</span>${which}${c.reason === 'swing' ? raw(' <span class="why">(wide swing)</span>') : ''}</label> <input type="range" id="${id}-range" aria-label="${c.label}${c.optionName !== undefined ? ` (${c.optionName})` : ''}" min="${c.min}" max="${c.max}" step="${c.step}" value="${c.base}"> <input type="number" id="${id}" step="any" value="${c.base}" aria-describedby="control-problems"> <span class="unit">${unit(c)}</span></div>`;
  });
  return lines([
    raw('<aside class="controls" aria-labelledby="controls-h">'),
    raw('<h2 id="controls-h">Try other values</h2>'),
    raw(
      '<p>Move an assumption and every option, the summary and recommendation, the comparison, the charts and the year tables are calculated again in this page (nothing is sent anywhere). A change applies to every option, as <code>peerplan compare --set</code> would apply it; an input whose value differs between the options has a control for each option that has it, marked with the option’s name, which moves that option only. A value <code>--set</code> would refuse gets its message here, and nothing is recalculated from it. The assumptions offered are those the result depends on most (the widest bars of the sensitivity analysis) and any named with <code>--controls</code>.</p>',
    ),
    ...rows,
    raw('<pre class="control-problems" id="control-problems" role="alert"></pre>'),
    raw('<p><button type="button" id="controls-reset">Reset to the scenario files’ values</button></p>'),
    raw('</aside>'),
    raw('<p class="changed-inputs" id="changed-inputs" aria-live="polite">No values changed: the figures are those of the scenario files.</p>'),
  ]);
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
ul.sources { margin: 0; padding-left: 1rem; }
ul.sources li { margin: 0; }
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
.controls { border: 2px solid var(--accent); padding: 0.5rem 1rem; margin: 1rem 0; }
.controls h2 { border-top: 0; margin-top: 0.5rem; }
.control { display: grid; grid-template-columns: minmax(14rem, 22rem) minmax(8rem, 1fr) 7rem 1.5rem; gap: 0.75rem; align-items: center; margin: 0.3rem 0; }
.control .why, .control .option { color: var(--muted); font-size: 0.85em; }
.control-problems { color: #a00; white-space: pre-wrap; font-family: inherit; margin: 0.3rem 0; }
.control-problems:empty { display: none; }
.control input[aria-invalid="true"] { outline: 2px solid #a00; }
.changed-inputs { font-weight: 600; border-left: 6px solid var(--accent); padding: 0.3rem 0.75rem; }
article.scenario { margin-bottom: 2rem; }
@page { size: A4; margin: 12mm 11mm; }
/* A4 print: sections flow on (a page per section wasted half the paper); no table,
   chart or chart grid is split across pages, and headings stay with what follows. */
@media print {
  html { font-size: 9pt; }
  body { max-width: none; padding: 0; font-size: 1rem; color: #000; }
  .toc, .controls, .changed-inputs button { display: none; }
  h1 { font-size: 1.6rem; }
  h2 { border-top: 0; margin: 1.2rem 0 0.4rem; }
  h3 { margin: 0.9rem 0 0.3rem; }
  h2, h3, caption, .multiple-title, p.file, p.lead, h2 + p, .scenario > h3 + p { break-after: avoid; }
  table.defaults th[scope="row"] { width: 7rem; }
  table.defaults td:nth-child(2) { width: 38%; }
  h2, h3 { break-inside: avoid; }
  figure, .multiples, .multiple, .scroll, table, tr, .recommendation, .print-state, .keep-together { break-inside: avoid; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; margin: 0.3rem 0 0.8rem; }
  table, table.assumptions { font-size: 7.5pt; line-height: 1.3; }
  th, td { padding: 0.05rem 0.35rem; }
  caption { padding-bottom: 0.2rem; }
  caption .note { display: inline; }
  table.compare th .desc { display: none; }
  table.differences tbody th, table.years tbody th { white-space: nowrap; }
  table.compare td, table.compare th { line-height: 1.2; }
  p.file { margin: 0.2rem 0; }
  table.compare td { min-width: 0; }
  tbody tr:nth-child(even) { background: none; }
  .recommendation { background: none; border-left-width: 4px; }
  a { color: inherit; text-decoration: none; }
  figure { margin: 0.6rem 0 1rem; }
  figure svg.chart { max-width: 150mm; }
  figcaption { font-size: 8pt; margin-top: 0.2rem; max-width: none; }
  .multiples { grid-template-columns: 1fr 1fr 1fr; gap: 0.3rem 0.8rem; }
  .multiple svg.chart { max-width: 100%; }
  article.scenario { margin-bottom: 0.6rem; }
  p, li { max-width: none; }
}
`;

// ---------------------------------------------------------------------------
// ---------------------------------------------------------------------------

/** Renders the whole report: one complete, self-contained HTML5 document. */
export function renderHtml(doc: ResultDocument, options: HtmlOptions = {}): string {
  const title = options.title ?? DEFAULT_TITLE;
  const references = options.references ?? loadReference;
  const body = [
    header(doc, title, references),
    toc(doc, options.tornado !== undefined),
    options.interactive ? controlsSection(options.interactive.data.controls) : raw(''),
    raw(options.interactive ? '<main id="report-main">' : '<main>'),
    summary(doc, options),
    comparisonSection(doc),
    charts(doc, references),
    options.tornado ? sensitivity(options.tornado) : raw(''),
    options.simulation
      ? raw(uncertaintySection(options.simulation, options.interactive !== undefined))
      : options.uncertaintyNotRecomputed
        ? raw(uncertaintyNotRecomputedSection())
        : raw(''),
    scenarioYears(doc),
    assumptions(doc, references),
    raw('</main>'),
    html`<footer><p class="file">Produced by peerplan ${doc.peerplan_version}. Figures are expected values from a model; see the caveats in the summary.</p></footer>`,
  ].filter((p) => p.text !== '');
  return lines([
    raw('<!DOCTYPE html>'),
    raw('<html lang="en-GB">'),
    raw('<head>'),
    raw('<meta charset="utf-8">'),
    // Nothing may be fetched: the report must open offline, from an email attachment.
    // An interactive report runs its one inline script, allowed by hash; it too fetches nothing.
    html`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; ${options.interactive ? raw(`script-src 'sha256-${options.interactive.scriptSha256}'; `) : ''}style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    raw('<meta name="viewport" content="width=device-width, initial-scale=1">'),
    html`<meta name="generator" content="peerplan ${doc.peerplan_version}">`,
    html`<title>${title}</title>`,
    html`<style>${raw(STYLE)}</style>`,
    raw('</head>'),
    raw('<body>'),
    ...body,
    ...(options.interactive
      ? [
          // JSON in a data block is never run; `<` is escaped so no value can close the element.
          raw(`<script type="application/json" id="peerplan-data">${JSON.stringify(options.interactive.data).replace(/</g, '\\u003c')}</script>`),
          raw(`<script>${options.interactive.script}</script>`),
        ]
      : []),
    raw('</body>'),
    raw('</html>'),
    '',
  ]).text;
}
