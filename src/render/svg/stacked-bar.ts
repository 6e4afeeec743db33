/**
 * Grouped, stacked bar chart: one group per scenario, one bar per period within the
 * group, each bar stacked by component. Each component has a colour AND a fill
 * pattern, so the stack reads in greyscale. Values must be non-negative (costs).
 */
import { formatNumber } from '../../text/format.js';
import { fillStyle, fillSwatch, HALO, legend, legendHeight, patternDef } from './style.js';
import type { ChartOptions } from './types.js';
import { escapeXml, linear, niceTicks, num, safeId, svgOpen, textLines, textWidth, wrapText } from './util.js';
import { maxOf } from '../extent.js';

export interface StackedBarSeries {
  key: string;
  label: string;
}

export interface StackedBar {
  /** e.g. "2026/27" */
  label: string;
  /** Used under the bar when `label` does not fit, e.g. "26/27". */
  shortLabel?: string;
  /** One value per series, in series order. */
  values: number[];
}

export interface StackedBarGroup {
  label: string;
  bars: StackedBar[];
}

export interface StackedBarInput {
  /** The stacked components, bottom of the stack first. */
  series: StackedBarSeries[];
  groups: StackedBarGroup[];
}

const TICK_FONT = 11;
const BAR_FONT = 11;
const GROUP_FONT = 12;

export function stackedBarChart(data: StackedBarInput, options: ChartOptions): string {
  const id = safeId(options.id);
  const width = options.width ?? 880;
  const height = options.height ?? 440;
  const formatTick = options.formatTick ?? ((v: number) => formatNumber(v));
  const formatValue = options.formatValue ?? formatTick;
  const value = (bar: StackedBar, i: number): number => Math.max(0, bar.values[i] ?? 0);
  const total = (bar: StackedBar): number => data.series.reduce((acc, _, i) => acc + value(bar, i), 0);

  // Components that are zero everywhere are left out of the stack and the legend.
  const shown = data.series.map((s, i) => ({ s, i })).filter(({ i }) => data.groups.some((g) => g.bars.some((b) => value(b, i) > 0)));
  const styles = new Map(shown.map(({ i }, k) => [i, fillStyle(k)]));

  const bars = data.groups.flatMap((g) => g.bars);
  const maxTotal = Math.max(0, maxOf(bars.map(total)));
  const ticks = niceTicks(0, maxTotal > 0 ? maxTotal : 1, 6);

  // Horizontal layout.
  const tickWidth = maxOf(ticks.values.map((t) => textWidth(formatTick(t), TICK_FONT)));
  const left = (options.yLabel ? 22 : 0) + tickWidth + 14;
  const right = 16;
  const plotW = width - left - right;
  const groupGap = data.groups.length > 1 ? 28 : 0;
  const slots = Math.max(1, bars.length);
  const slot = (plotW - groupGap * Math.max(0, data.groups.length - 1)) / slots;
  const barW = Math.min(56, slot * 0.72);

  // Bar labels: full, short, or rotated when neither fits the slot.
  const fullFits = bars.every((b) => textWidth(b.label, BAR_FONT) <= slot - 4);
  const shortFits = bars.every((b) => textWidth(b.shortLabel ?? b.label, BAR_FONT) <= slot - 4);
  const barLabel = (b: StackedBar): string => (fullFits ? b.label : (b.shortLabel ?? b.label));
  const rotate = !fullFits && !shortFits;
  const barLabelH = rotate ? maxOf(bars.map((b) => textWidth(barLabel(b), BAR_FONT))) * 0.72 + 10 : 18;

  const groupWidth = (g: StackedBarGroup): number => g.bars.length * slot;
  // Group labels may spill into half of each gap; bold text is measured about 8% wider. Up to four lines,
  // so six options' names still fit whole rather than cut ("Band 4 permanent, lived…").
  const groupLines = data.groups.map((g) => wrapText(g.label, Math.max(60, groupWidth(g) + groupGap / 2 - 4), GROUP_FONT * 1.08, 4));
  const groupLabelH = Math.max(1, maxOf(groupLines.map((l) => l.length))) * 15 + 6;

  // Vertical layout.
  const legendTop = 6;
  const legendH = legendHeight(shown.map(({ s }) => s.label), plotW);
  const top = legendTop + legendH + 16;
  const bottom = barLabelH + groupLabelH + (options.xLabel ? 20 : 0) + 10;
  const plotH = Math.max(80, height - top - bottom);
  const svgHeight = top + plotH + bottom;
  const y = linear(ticks.min, ticks.max, top + plotH, top);

  const out: string[] = [];
  out.push(svgOpen(id, width, svgHeight, options.title, description(data, options, shown.map(({ s }) => s.label), formatValue)));
  out.push(`<defs>${shown.map(({ i }) => patternDef(`${id}-p${i}`, styles.get(i) ?? fillStyle(0))).join('')}</defs>`);

  // Grid and y axis.
  const grid: string[] = [];
  for (const t of ticks.values) {
    const ty = y(t);
    grid.push(`<path d="M${num(left)} ${num(ty)}H${num(left + plotW)}" stroke="${t === 0 ? '#333333' : '#d4d4d4'}" stroke-width="${t === 0 ? '1.2' : '0.8'}"/>`);
    grid.push(`<text x="${num(left - 8)}" y="${num(ty + 4)}" text-anchor="end" font-size="${TICK_FONT}">${escapeXml(formatTick(t))}</text>`);
  }
  out.push(`<g class="axis y-axis">${grid.join('')}</g>`);
  if (options.yLabel) {
    const cy = top + plotH / 2;
    out.push(`<text transform="translate(14 ${num(cy)}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(options.yLabel)}</text>`);
  }

  // Bars.
  const marks: string[] = [];
  let x = left;
  data.groups.forEach((g, gi) => {
    const gx = x;
    g.bars.forEach((b) => {
      const bx = x + (slot - barW) / 2;
      let acc = 0;
      const segments: string[] = [];
      for (const { s, i } of shown) {
        const v = value(b, i);
        if (v <= 0) continue;
        const y0 = y(acc);
        const y1 = y(acc + v);
        segments.push(
          `<rect x="${num(bx)}" y="${num(y1)}" width="${num(barW)}" height="${num(Math.max(0, y0 - y1))}" fill="url(#${id}-p${i})" stroke="#ffffff" stroke-width="0.6"><title>${escapeXml(`${g.label}, ${b.label}, ${s.label}: ${formatValue(v)}`)}</title></rect>`,
        );
        acc += v;
      }
      marks.push(`<g class="bar">${segments.join('')}</g>`);
      const t = total(b);
      const totalText = formatValue(t);
      if (t > 0 && textWidth(totalText, 10) <= slot + 2) {
        marks.push(`<text x="${num(bx + barW / 2)}" y="${num(y(t) - 4)}" text-anchor="middle" font-size="10" fill="#333333" ${HALO}>${escapeXml(totalText)}</text>`);
      }
      const lx = bx + barW / 2;
      const ly = top + plotH + 14;
      marks.push(
        rotate
          ? `<text transform="translate(${num(lx + 3)} ${num(ly - 4)}) rotate(-45)" text-anchor="end" font-size="${BAR_FONT}">${escapeXml(barLabel(b))}</text>`
          : `<text x="${num(lx)}" y="${num(ly)}" text-anchor="middle" font-size="${BAR_FONT}">${escapeXml(barLabel(b))}</text>`,
      );
      x += slot;
    });
    const gw = x - gx;
    const by = top + plotH + barLabelH + 2;
    marks.push(`<path d="M${num(gx + 4)} ${num(by)}H${num(gx + gw - 4)}" stroke="#777777" stroke-width="1"/>`);
    marks.push(textLines(groupLines[gi] ?? [g.label], gx + gw / 2, by + 15, `text-anchor="middle" font-size="${GROUP_FONT}" font-weight="600"`, 15));
    x += groupGap;
  });
  out.push(`<g class="marks">${marks.join('')}</g>`);
  if (options.xLabel) {
    out.push(`<text x="${num(left + plotW / 2)}" y="${num(svgHeight - 8)}" text-anchor="middle" font-size="12">${escapeXml(options.xLabel)}</text>`);
  }

  const leg = legend(
    shown.map(({ s, i }) => ({ label: s.label, swatch: fillSwatch(`url(#${id}-p${i})`) })),
    left,
    legendTop,
    plotW,
  );
  out.push(leg.svg, '</svg>');
  return out.join('');
}

function description(data: StackedBarInput, options: ChartOptions, shownLabels: string[], fmt: (v: number) => string): string {
  const parts: string[] = [];
  if (options.description) parts.push(options.description.trim());
  parts.push(`Stacked bar chart, components from the bottom: ${shownLabels.join(', ')}.`);
  for (const g of data.groups) {
    const totals = g.bars.map((b) => b.values.reduce((acc, v) => acc + Math.max(0, v), 0));
    const first = g.bars[0];
    const last = g.bars[g.bars.length - 1];
    if (!first || !last) continue;
    const sums = data.series.map((_, i) => g.bars.reduce((acc, b) => acc + Math.max(0, b.values[i] ?? 0), 0));
    const all = sums.reduce((a, b) => a + b, 0);
    let largest = 0;
    sums.forEach((s, i) => {
      if (s > (sums[largest] ?? 0)) largest = i;
    });
    const share = all > 0 ? `${formatNumber(((sums[largest] ?? 0) / all) * 100, 0)}%` : '0%';
    const range = g.bars.length === 1 ? `${fmt(totals[0] ?? 0)} in ${first.label}` : `${fmt(totals[0] ?? 0)} in ${first.label} to ${fmt(totals[totals.length - 1] ?? 0)} in ${last.label}`;
    parts.push(`${g.label}: total ${range}; largest component ${data.series[largest]?.label ?? ''} (${share}).`);
  }
  return parts.join(' ');
}
