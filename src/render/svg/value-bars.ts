/**
 * Horizontal bar chart of non-negative values with a label per bar (the value of
 * information of each input). Bars are drawn longest first as given; each bar's value is
 * written at its end.
 */
import { formatNumber } from '../../text/format.js';
import type { ChartOptions } from './types.js';
import { escapeXml, linear, niceTicks, num, safeId, svgOpen, textWidth } from './util.js';
import { HALO } from './style.js';

export interface ValueBar {
  label: string;
  value: number;
  /** Drawn hatched (e.g. the total the others are part of). */
  emphasis?: boolean;
}

const FONT = 11;
const ROW = 24;

export function valueBarChart(bars: readonly ValueBar[], options: ChartOptions): string {
  const id = safeId(options.id);
  const width = options.width ?? 880;
  const formatTick = options.formatTick ?? ((v: number) => formatNumber(v));
  const formatValue = options.formatValue ?? formatTick;
  const ticks = niceTicks(0, Math.max(1e-9, ...bars.map((b) => b.value)), 5);
  const labelW = Math.min(380, Math.max(60, ...bars.map((b) => textWidth(b.label, FONT)))) + 12;
  const valueW = Math.max(...bars.map((b) => textWidth(formatValue(b.value), FONT)), 40) + 12;
  const left = labelW;
  const plotW = width - left - valueW;
  const top = 10;
  const plotH = bars.length * ROW;
  const bottom = 30 + (options.xLabel ? 18 : 0);
  const height = top + plotH + bottom;
  const x = linear(0, ticks.max, left, left + plotW);
  const desc = [options.description?.trim() ?? '', `Bar chart of ${bars.length} values.`, ...bars.map((b) => `${b.label}: ${formatValue(b.value)}.`)].filter((s) => s !== '');
  const out: string[] = [svgOpen(id, width, height, options.title, desc.join(' '))];
  out.push(`<defs><pattern id="${id}-hatch" patternUnits="userSpaceOnUse" width="6" height="6"><rect width="6" height="6" fill="#9ecae1"/><path d="M-1 1L1 -1M0 6L6 0M5 7L7 5" stroke="#0072B2" stroke-width="1.2"/></pattern></defs>`);
  const axis: string[] = [];
  for (const t of ticks.values) {
    axis.push(`<path d="M${num(x(t))} ${num(top)}V${num(top + plotH)}" stroke="#e0e0e0" stroke-width="0.8"/>`);
    axis.push(`<text x="${num(x(t))}" y="${num(top + plotH + 16)}" text-anchor="middle" font-size="${FONT}">${escapeXml(formatTick(t))}</text>`);
  }
  axis.push(`<path d="M${num(left)} ${num(top)}V${num(top + plotH)}" stroke="#333333" stroke-width="1.2"/>`);
  out.push(`<g class="axis">${axis.join('')}</g>`);
  if (options.xLabel) out.push(`<text x="${num(left + plotW / 2)}" y="${num(height - 6)}" text-anchor="middle" font-size="12">${escapeXml(options.xLabel)}</text>`);
  const marks: string[] = [];
  const labels: string[] = [];
  bars.forEach((b, i) => {
    const yTop = top + i * ROW + 4;
    const w = Math.max(0, x(b.value) - left);
    marks.push(`<rect x="${num(left)}" y="${num(yTop)}" width="${num(Math.max(w, 1))}" height="${ROW - 8}" fill="${b.emphasis ? `url(#${id}-hatch)` : '#0072B2'}" stroke="#1a1a1a" stroke-width="0.6"><title>${escapeXml(`${b.label}: ${formatValue(b.value)}`)}</title></rect>`);
    labels.push(`<text x="${num(left - 6)}" y="${num(yTop + ROW / 2)}" text-anchor="end" font-size="${FONT}">${escapeXml(b.label)}</text>`);
    labels.push(`<text x="${num(left + Math.max(w, 1) + 4)}" y="${num(yTop + ROW / 2)}" font-size="${FONT}" ${HALO}>${escapeXml(formatValue(b.value))}</text>`);
  });
  out.push(`<g class="marks">${marks.join('')}</g><g class="labels">${labels.join('')}</g>`, '</svg>');
  return out.join('');
}
