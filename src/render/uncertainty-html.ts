/**
 * The HTML report's uncertainty section (`report --draws N`): what the probabilistic
 * analysis says, with a fan chart of cumulative net cost, the acceptability curve and an
 * EVPPI bar chart. Kept apart from html.ts, which only calls `uncertaintySection`.
 */
import type { SimulationResult } from '../app/simulate.js';
import { fanChart } from './svg/fan-chart.js';
import { lineChart } from './svg/line-chart.js';
import { valueBarChart } from './svg/value-bars.js';
import { escapeXml as esc } from './svg/util.js';
import { formatMoney, formatNumber, formatPercent } from '../text/format.js';

const compact = (v: number): string => {
  const a = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  if (a >= 1e6) return `${sign}£${formatNumber(a / 1e6, a >= 1e7 ? 0 : 1)}m`;
  if (a >= 1e3) return `${sign}£${formatNumber(a / 1e3, 0)}k`;
  return `${sign}£${formatNumber(a, 0)}`;
};

const figure = (id: string, caption: string, svg: string): string => `<figure id="${id}">\n${svg}\n<figcaption>${caption}</figcaption>\n</figure>`;

/** Bars in the EVPPI chart: the inputs worth most, after EVPI itself. */
const EVPPI_BARS = 12;

/** What an interactive page says about the uncertainty section (issue #24 N10): it is not recomputed. */
export const UNCERTAINTY_NOT_RECOMPUTED = 'The uncertainty analysis is for the inputs as written in the scenario files; it is not recomputed when a control moves.';

/**
 * What an interactive page shows where the uncertainty section was once a control has
 * moved: the section is not recomputed in the page, and says so rather than vanishing.
 */
export function uncertaintyNotRecomputedSection(): string {
  return [
    '<section id="uncertainty" aria-labelledby="uncertainty-h">',
    '<h2 id="uncertainty-h">Uncertainty</h2>',
    `<p class="note">${UNCERTAINTY_NOT_RECOMPUTED} Reset the controls to see it again, or run <code>peerplan report --draws</code> with the changed values set in the scenario files.</p>`,
    '</section>',
  ].join('\n');
}

export function uncertaintySection(sim: SimulationResult, interactive = false): string {
  const parts = ['<section id="uncertainty" aria-labelledby="uncertainty-h">', '<h2 id="uncertainty-h">Uncertainty</h2>'];
  if (interactive) parts.push(`<p class="note">${UNCERTAINTY_NOT_RECOMPUTED}</p>`);
  const v = sim.value_of_information;
  const best = [...sim.options].sort((a, b) => b.probability_best - a.probability_best)[0];
  parts.push(
    `<p>${formatNumber(sim.draws)} draws (seed ${sim.seed}) of every uncertain input: the ranges written in the scenarios and the reference data's plausible ranges. ` +
      'An assumption the options share takes the same value in each option in a draw, so the differences between options are like for like. ' +
      `${best ? `${esc(best.name)} has the highest NPV in ${formatPercent(best.probability_best)} of draws. ` : ''}` +
      `Deciding with every uncertainty resolved would be worth up to ${esc(formatMoney(v.evpi_per_decision))} for this decision (the expected value of perfect information).</p>`,
  );
  parts.push(
    '<table><caption>Net present value across the draws</caption><thead><tr><th scope="col">Option</th><th scope="col">Mean</th><th scope="col">P5</th><th scope="col">P50</th><th scope="col">P95</th><th scope="col">Probability best</th><th scope="col">Probability NPV &gt; 0</th></tr></thead><tbody>' +
      sim.options
        .map((o) => {
          const s = o.metrics.npv;
          return `<tr><th scope="row">${esc(o.name)}</th><td>${esc(formatMoney(s.mean))}</td><td>${esc(formatMoney(s.p5))}</td><td>${esc(formatMoney(s.p50))}</td><td>${esc(formatMoney(s.p95))}</td><td>${esc(formatPercent(o.probability_best))}</td><td>${esc(formatPercent(o.probability_npv_positive))}</td></tr>`;
        })
        .join('') +
      '</tbody></table>',
  );
  if (sim.fan) {
    const months = sim.fan.months;
    const ticks = months
      .map((m, i) => ({ value: i, label: m }))
      .filter((t, i) => i === 0 || t.label.endsWith('-04'))
      .map((t) => ({ value: t.value, label: t.label }));
    parts.push(
      figure(
        'fig-fan',
        '<strong>Figure 6. Cumulative net cost across the draws</strong> (nominal £: cost less monetised benefits, month by month). The line is the median draw; the darker band holds 80% of draws, the lighter 90%.',
        fanChart(
          { series: sim.fan.options.map((o) => ({ label: o.name, p5: o.p5, p10: o.p10, p50: o.p50, p90: o.p90, p95: o.p95 })), xTicks: ticks, xLabelOf: (i) => months[i] ?? String(i) },
          { id: 'chart-fan', title: 'Cumulative net cost by month: median and 80% and 90% bands, by option', yLabel: 'Cumulative net cost (£)', formatTick: compact, formatValue: formatMoney },
        ),
      ),
    );
  }
  const curve = sim.acceptability.find((c) => c.per === 'completed_episode');
  if (curve) {
    parts.push(
      figure(
        'fig-ceac',
        '<strong>Figure 7. Cost-effectiveness acceptability curve</strong>: the probability that each option gives the most net benefit (willingness to pay × completed episodes − cost, present value with optimism bias), against what a commissioner is willing to pay per completed support episode.',
        lineChart(
          { series: sim.options.map((o, k) => ({ label: o.name, points: curve.wtp.map((w, i) => ({ x: w, y: curve.probability_best[i]![k]! })) })) },
          {
            id: 'chart-ceac',
            title: 'Probability each option is best, against willingness to pay per completed episode',
            yMin: 0,
            yMax: 1,
            xLabel: 'Willingness to pay per completed episode (£)',
            yLabel: 'Probability best',
            formatTick: (p) => formatPercent(p, 0),
            formatValue: (p) => formatPercent(p, 0),
            formatX: (x) => formatMoney(x),
          },
        ),
      ),
    );
  }
  const bars = [
    { label: 'All inputs (EVPI)', value: v.evpi_per_decision, emphasis: true },
    ...[...v.evppi].sort((a, b) => b.per_decision - a.per_decision || (a.name < b.name ? -1 : 1)).slice(0, EVPPI_BARS).map((e) => ({ label: e.name, value: e.per_decision })),
  ];
  parts.push(
    figure(
      'fig-evppi',
      `<strong>Figure 8. What better evidence is worth</strong>: the expected value of perfect information on all inputs (hatched) and of partial perfect information on each input (EVPPI, per decision; the ${EVPPI_BARS} largest). ` +
        `An input whose bar is near zero would not change the decision however it turned out. Population value (×${formatNumber(v.population.factor, 2)}): EVPI ${esc(formatMoney(v.population.evpi))}. ` +
        `Noise floor (what an irrelevant input scores on these draws): ${esc(formatMoney(v.noise_floor))}; each EVPPI's standard error is in the JSON and the workbook.` +
        v.warnings.map((w) => ` Warning: ${esc(w)}.`).join(''),
      valueBarChart(bars, { id: 'chart-evppi', title: 'Expected value of perfect information, overall and per input (£ per decision)', xLabel: '£ per decision', formatTick: compact, formatValue: formatMoney }),
    ),
  );
  parts.push(`<p class="note">Method: docs/MODEL.md, "Uncertainty" (${esc(v.method)}).</p>`, '</section>');
  return parts.join('\n');
}
