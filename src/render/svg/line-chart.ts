/**
 * Multi-line time-series chart: one line per series, each with its own colour, dash
 * pattern and marker shape (markers at regular intervals, staggered between series
 * so overlapping lines stay distinguishable), and optionally a hatched band between
 * two series (e.g. the vacancy gap between funded and in-post WTE).
 */
import { formatNumber } from '../../text/format.js';
import { fillSwatch, HALO, legend, legendHeight, lineStyle, lineSwatch, marker, type LineStyle } from './style.js';
import type { ChartOptions } from './types.js';
import { escapeXml, linear, niceTicks, num, safeId, svgOpen, textWidth } from './util.js';
import { maxOf, minOf } from '../extent.js';

export interface LinePoint {
  x: number;
  y: number;
}

export interface LineSeries {
  label: string;
  points: LinePoint[];
  /** Overrides the style picked by the series' position. */
  style?: Partial<LineStyle> & { width?: number; markers?: boolean };
}

export interface LineChartInput {
  series: LineSeries[];
  /** Ticks on the x axis; round-number ticks when omitted. */
  xTicks?: Array<{ value: number; label: string }>;
  /** A hatched band between two series (by index), drawn under the lines and listed in the legend. */
  band?: { lower: number; upper: number; label: string };
  /** Horizontal reference lines (e.g. the reference NHS team's 30% burnout), dotted, labelled at the right. */
  references?: Array<{ y: number; label: string }>;
}

export interface LineChartOptions extends ChartOptions {
  /** Fix the y range (e.g. 0 for WTE, or the same range for small multiples). */
  yMin?: number;
  yMax?: number;
  /** x values in the text alternative (e.g. month index → "2027-03"). */
  formatX?: (x: number) => string;
}

const TICK_FONT = 11;

export function lineChart(data: LineChartInput, options: LineChartOptions): string {
  const id = safeId(options.id);
  const width = options.width ?? 880;
  const height = options.height ?? 360;
  const formatTick = options.formatTick ?? ((v: number) => formatNumber(v));
  const formatValue = options.formatValue ?? formatTick;
  const formatX = options.formatX ?? ((x: number) => formatNumber(x));

  const all = data.series.flatMap((s) => s.points);
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const xMin = xs.length > 0 ? minOf(xs) : 0;
  const xMax = xs.length > 0 ? maxOf(xs) : 1;
  const yTicks = niceTicks(options.yMin ?? (ys.length > 0 ? minOf(ys) : 0), options.yMax ?? (ys.length > 0 ? maxOf(ys) : 1), 6);
  const xTicks = data.xTicks ?? niceTicks(xMin, xMax, 8).values.filter((v) => v >= xMin && v <= xMax).map((v) => ({ value: v, label: formatNumber(v) }));

  const styles = data.series.map((s, i) => ({ ...lineStyle(i), ...s.style }) as LineStyle & { width?: number; markers?: boolean });
  const legendLabels = [...data.series.map((s) => s.label), ...(data.band ? [data.band.label] : [])];

  const tickWidth = maxOf(yTicks.values.map((t) => textWidth(formatTick(t), TICK_FONT)));
  const left = (options.yLabel ? 22 : 0) + tickWidth + 14;
  const lastTick = xTicks[xTicks.length - 1];
  const right = Math.max(16, lastTick ? textWidth(lastTick.label, TICK_FONT) / 2 + 6 : 16);
  const plotW = width - left - right;
  const legendTop = 6;
  const legendH = legendHeight(legendLabels, plotW);
  const top = legendTop + legendH + 14;
  const bottom = 26 + (options.xLabel ? 20 : 0);
  const plotH = Math.max(60, height - top - bottom);
  const svgHeight = top + plotH + bottom;
  const x = linear(xMin, xMax, left, left + plotW);
  const y = linear(yTicks.min, yTicks.max, top + plotH, top);

  const out: string[] = [];
  out.push(svgOpen(id, width, svgHeight, options.title, description(data, options, formatValue, formatX)));
  const bandFill = `url(#${id}-band)`;
  if (data.band) {
    out.push(
      `<defs><pattern id="${id}-band" patternUnits="userSpaceOnUse" width="6" height="6"><rect width="6" height="6" fill="#ececec"/><path d="M-1 1L1 -1M0 6L6 0M5 7L7 5" stroke="#8a8a8a" stroke-width="1"/></pattern></defs>`,
    );
  }

  // Axes and grid.
  const axis: string[] = [];
  for (const t of yTicks.values) {
    const ty = y(t);
    axis.push(`<path d="M${num(left)} ${num(ty)}H${num(left + plotW)}" stroke="${t === yTicks.min ? '#333333' : '#d4d4d4'}" stroke-width="${t === yTicks.min ? '1.2' : '0.8'}"/>`);
    axis.push(`<text x="${num(left - 8)}" y="${num(ty + 4)}" text-anchor="end" font-size="${TICK_FONT}">${escapeXml(formatTick(t))}</text>`);
  }
  for (const t of xTicks) {
    const tx = x(t.value);
    axis.push(`<path d="M${num(tx)} ${num(top + plotH)}V${num(top + plotH + 5)}" stroke="#333333" stroke-width="1"/>`);
    axis.push(`<path d="M${num(tx)} ${num(top)}V${num(top + plotH)}" stroke="#ececec" stroke-width="0.8"/>`);
    axis.push(`<text x="${num(tx)}" y="${num(top + plotH + 18)}" text-anchor="middle" font-size="${TICK_FONT}">${escapeXml(t.label)}</text>`);
  }
  axis.push(`<path d="M${num(left)} ${num(top)}V${num(top + plotH)}" stroke="#333333" stroke-width="1.2"/>`);
  out.push(`<g class="axis">${axis.join('')}</g>`);
  if (options.yLabel) {
    out.push(`<text transform="translate(14 ${num(top + plotH / 2)}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(options.yLabel)}</text>`);
  }
  if (options.xLabel) {
    out.push(`<text x="${num(left + plotW / 2)}" y="${num(svgHeight - 6)}" text-anchor="middle" font-size="12">${escapeXml(options.xLabel)}</text>`);
  }

  for (const r of data.references ?? []) {
    if (r.y < yTicks.min || r.y > yTicks.max) continue;
    const ry = y(r.y);
    out.push(
      `<g class="reference"><path d="M${num(left)} ${num(ry)}H${num(left + plotW)}" stroke="#555555" stroke-width="1.2" stroke-dasharray="2 3"/>` +
        `<text x="${num(left + plotW - 4)}" y="${num(ry - 5)}" text-anchor="end" font-size="${TICK_FONT}" fill="#333333" ${HALO}>${escapeXml(r.label)}</text></g>`,
    );
  }

  // Band between two series.
  const lower = data.band ? data.series[data.band.lower] : undefined;
  const upper = data.band ? data.series[data.band.upper] : undefined;
  if (lower && upper && lower.points.length > 0 && upper.points.length > 0) {
    const pts = [...upper.points.map((p) => `${num(x(p.x))} ${num(y(p.y))}`), ...[...lower.points].reverse().map((p) => `${num(x(p.x))} ${num(y(p.y))}`)];
    out.push(`<path class="band" d="M${pts.join('L')}Z" fill="${bandFill}" stroke="none"/>`);
  }

  // Lines, then markers on top.
  const lines: string[] = [];
  const markers: string[] = [];
  data.series.forEach((s, i) => {
    const st = styles[i] as LineStyle & { width?: number; markers?: boolean };
    if (s.points.length > 1) {
      const d = s.points.map((p, k) => `${k === 0 ? 'M' : 'L'}${num(x(p.x))} ${num(y(p.y))}`).join('');
      lines.push(
        `<path class="series" d="${d}" fill="none" stroke="${st.colour}" stroke-width="${num(st.width ?? 2.5)}" stroke-linejoin="round" stroke-linecap="round"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}><title>${escapeXml(s.label)}</title></path>`,
      );
    }
    if (st.markers === false && s.points.length > 1) return;
    const every = Math.max(1, Math.round(s.points.length / 10));
    const offset = data.series.length > 1 ? (i * Math.max(1, Math.round(every / data.series.length))) % every : 0;
    s.points.forEach((p, k) => {
      if (k % every === offset || s.points.length === 1) markers.push(marker(st.marker, x(p.x), y(p.y), st.colour));
    });
  });
  out.push(`<g class="lines">${lines.join('')}</g><g class="markers">${markers.join('')}</g>`);

  const items = data.series.map((s, i) => ({ label: s.label, swatch: lineSwatch(styles[i] as LineStyle, styles[i]?.width ?? 2.5, styles[i]?.markers !== false) }));
  if (data.band) items.push({ label: data.band.label, swatch: fillSwatch(bandFill) });
  out.push(legend(items, left, legendTop, plotW).svg, '</svg>');
  return out.join('');
}

function description(data: LineChartInput, options: LineChartOptions, fmt: (v: number) => string, fx: (x: number) => string): string {
  const parts: string[] = [];
  if (options.description) parts.push(options.description.trim());
  parts.push(`Line chart with ${data.series.length} ${data.series.length === 1 ? 'line' : 'lines'}.`);
  for (const s of data.series) {
    const first = s.points[0];
    const last = s.points[s.points.length - 1];
    if (!first || !last) {
      parts.push(`${s.label}: no data.`);
      continue;
    }
    let lo = first;
    let hi = first;
    for (const p of s.points) {
      if (p.y < lo.y) lo = p;
      if (p.y > hi.y) hi = p;
    }
    parts.push(
      lo.y === hi.y
        ? `${s.label}: ${fmt(first.y)} throughout.`
        : `${s.label}: ${fmt(first.y)} at ${fx(first.x)}, ${fmt(last.y)} at ${fx(last.x)}; lowest ${fmt(lo.y)} (${fx(lo.x)}), highest ${fmt(hi.y)} (${fx(hi.x)}).`,
    );
  }
  if (data.band) parts.push(`The hatched band between ${data.series[data.band.lower]?.label ?? ''} and ${data.series[data.band.upper]?.label ?? ''} shows ${data.band.label.toLowerCase()}.`);
  return parts.join(' ');
}
