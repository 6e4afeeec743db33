/**
 * Fan chart: for each option, the 5–95% and 10–90% bands of a quantity over time across
 * the draws of a probabilistic analysis, and the median as a line (colour, dash and
 * marker per option, as in the line chart, so options are told apart without colour).
 */
import { maxOf, minOf } from '../extent.js';
import { formatNumber } from '../../text/format.js';
import { legend, legendHeight, lineStyle, lineSwatch, marker, fillSwatch } from './style.js';
import type { ChartOptions } from './types.js';
import { escapeXml, linear, niceTicks, num, safeId, svgOpen, textWidth } from './util.js';

export interface FanSeries {
  label: string;
  p5: readonly number[];
  p10: readonly number[];
  p50: readonly number[];
  p90: readonly number[];
  p95: readonly number[];
}

export interface FanChartInput {
  series: FanSeries[];
  xTicks: Array<{ value: number; label: string }>;
  /** Label of x index i, for the text alternative. */
  xLabelOf: (i: number) => string;
}

const TICK_FONT = 11;

export function fanChart(data: FanChartInput, options: ChartOptions): string {
  const id = safeId(options.id);
  const width = options.width ?? 880;
  const height = options.height ?? 380;
  const formatTick = options.formatTick ?? ((v: number) => formatNumber(v));
  const formatValue = options.formatValue ?? formatTick;
  // Extents without spreading every month as an argument (render/extent.ts).
  const n = Math.max(0, maxOf(data.series.map((s) => s.p50.length)));
  const all = data.series.flatMap((s) => [...s.p5, ...s.p95]);
  const yTicks = niceTicks(all.length ? minOf(all) : 0, all.length ? maxOf(all) : 1, 6);
  const labels = [...data.series.map((s) => `${s.label}: median`), 'Band: 10–90% (darker), 5–95% (lighter)'];
  const tickWidth = maxOf(yTicks.values.map((t) => textWidth(formatTick(t), TICK_FONT)));
  const left = (options.yLabel ? 22 : 0) + tickWidth + 14;
  const right = 24;
  const plotW = width - left - right;
  const legendH = legendHeight(labels, plotW);
  const top = 6 + legendH + 14;
  const bottom = 26 + (options.xLabel ? 20 : 0);
  const plotH = Math.max(60, height - top - bottom);
  const svgHeight = top + plotH + bottom;
  const x = linear(0, Math.max(1, n - 1), left, left + plotW);
  const y = linear(yTicks.min, yTicks.max, top + plotH, top);

  const desc: string[] = [];
  if (options.description) desc.push(options.description.trim());
  desc.push(`Fan chart of ${data.series.length} option${data.series.length === 1 ? '' : 's'} over ${n} points.`);
  for (const s of data.series) {
    const last = s.p50.length - 1;
    if (last < 0) continue;
    desc.push(`${s.label}: median ${formatValue(s.p50[last]!)} at ${data.xLabelOf(last)}, 90% of draws between ${formatValue(s.p5[last]!)} and ${formatValue(s.p95[last]!)}.`);
  }
  const out: string[] = [svgOpen(id, width, svgHeight, options.title, desc.join(' '))];
  const axis: string[] = [];
  for (const t of yTicks.values) {
    const ty = y(t);
    axis.push(`<path d="M${num(left)} ${num(ty)}H${num(left + plotW)}" stroke="${t === 0 ? '#333333' : '#d4d4d4'}" stroke-width="${t === 0 ? '1.2' : '0.8'}"/>`);
    axis.push(`<text x="${num(left - 8)}" y="${num(ty + 4)}" text-anchor="end" font-size="${TICK_FONT}">${escapeXml(formatTick(t))}</text>`);
  }
  for (const t of data.xTicks) {
    const tx = x(t.value);
    axis.push(`<path d="M${num(tx)} ${num(top + plotH)}V${num(top + plotH + 5)}" stroke="#333333" stroke-width="1"/>`);
    axis.push(`<text x="${num(tx)}" y="${num(top + plotH + 18)}" text-anchor="middle" font-size="${TICK_FONT}">${escapeXml(t.label)}</text>`);
  }
  axis.push(`<path d="M${num(left)} ${num(top)}V${num(top + plotH)}M${num(left)} ${num(top + plotH)}H${num(left + plotW)}" stroke="#333333" stroke-width="1.2"/>`);
  out.push(`<g class="axis">${axis.join('')}</g>`);
  if (options.yLabel) out.push(`<text transform="translate(14 ${num(top + plotH / 2)}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(options.yLabel)}</text>`);
  if (options.xLabel) out.push(`<text x="${num(left + plotW / 2)}" y="${num(svgHeight - 6)}" text-anchor="middle" font-size="12">${escapeXml(options.xLabel)}</text>`);

  const band = (lo: readonly number[], hi: readonly number[]): string =>
    `M${[...hi.map((v, i) => `${num(x(i))} ${num(y(v))}`), ...[...lo].map((v, i) => `${num(x(i))} ${num(y(v))}`).reverse()].join('L')}Z`;
  const marks: string[] = [];
  const lines: string[] = [];
  const markers: string[] = [];
  data.series.forEach((s, k) => {
    const st = lineStyle(k);
    marks.push(`<path class="band outer" d="${band(s.p5, s.p95)}" fill="${st.colour}" fill-opacity="0.12" stroke="none"><title>${escapeXml(`${s.label}: 5–95%`)}</title></path>`);
    marks.push(`<path class="band inner" d="${band(s.p10, s.p90)}" fill="${st.colour}" fill-opacity="0.22" stroke="none"><title>${escapeXml(`${s.label}: 10–90%`)}</title></path>`);
    lines.push(
      `<path class="series" d="${s.p50.map((v, i) => `${i === 0 ? 'M' : 'L'}${num(x(i))} ${num(y(v))}`).join('')}" fill="none" stroke="${st.colour}" stroke-width="2.5"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}><title>${escapeXml(`${s.label}: median`)}</title></path>`,
    );
    const every = Math.max(1, Math.round(s.p50.length / 8));
    s.p50.forEach((v, i) => {
      if (i % every === (k * 2) % every) markers.push(marker(st.marker, x(i), y(v), st.colour));
    });
  });
  out.push(`<g class="marks">${marks.join('')}</g><g class="lines">${lines.join('')}</g><g class="markers">${markers.join('')}</g>`);
  const items = data.series.map((s, k) => ({ label: `${s.label}: median`, swatch: lineSwatch(lineStyle(k)) }));
  items.push({ label: labels[labels.length - 1]!, swatch: fillSwatch('#c8c8c8') });
  out.push(legend(items, left, 6, plotW).svg, '</svg>');
  return out.join('');
}
