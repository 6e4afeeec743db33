/**
 * Tornado chart for one-way sensitivity analysis: one horizontal bar per input, from
 * the output at the input's low value to the output at its high value, around the
 * base case; widest swing at the top. Switching values (Green Book: the value an
 * input must reach for the decision to change) are marked where a bar crosses the
 * decision threshold and listed in a column on the right.
 */
import type { MetricKey } from '../../metrics/catalogue.js';
import { formatNumber } from '../../text/format.js';
import { fillStyle, fillSwatch, HALO, legend, legendHeight, marker, patternDef } from './style.js';
import type { ChartOptions } from './types.js';
import { escapeXml, linear, niceTicks, num, safeId, svgOpen, textLines, textWidth, wrapText } from './util.js';
import { maxOf, minOf } from '../extent.js';

export interface TornadoBar {
  /** The input varied, e.g. "Staff leaving each year". */
  label: string;
  /** Its path in the scenario (`turnover.annual_leaver_rate`), shown on hover in HTML. */
  path?: string;
  /** The output (e.g. NPV) with the input at its low value. */
  low: number;
  /** The output with the input at its high value. */
  high: number;
  /** The input's low value as a reader would write it, e.g. "10%". */
  lowValueLabel: string;
  /** The input's high value, e.g. "30%". */
  highValueLabel: string;
  /** The input value at which the decision switches, e.g. "23%"; omit when it does not switch within the range. */
  switchValue?: string;
  /**
   * Against another option: `both` when the input is an assumption the options share and
   * was moved in both (the threshold moves with it, so the dashed line does not apply to
   * its bar), `option` when it was moved in the option under study only.
   */
  movedIn?: 'both' | 'option';
}

export interface TornadoInput {
  /** The output at the base case. */
  base: number;
  bars: TornadoBar[];
  /** What the output measures, e.g. "Net present value"; shown on the axis. */
  measure?: string;
  /** The metric the output is, when it is one (the HTML report formats values with it). */
  metric?: MetricKey;
  /**
   * The output value at which the decision switches (e.g. 0 for NPV, or 0 for the
   * difference from the next-best option). Drawn as a dashed line; bars crossing it
   * get a switching-value marker at the crossing.
   */
  threshold?: number;
  /** Label of the threshold line, e.g. "NPV = £0". */
  thresholdLabel?: string;
  /** What was analysed, in a sentence (the HTML report prints it above the chart). */
  summary?: string;
  /** §7.6 The perspectives' NPVs at the base and their switching values in words (the HTML report lists them under the chart). */
  views?: Array<{ label: string; base: number; lines: string[] }>;
  /** How many inputs the analysis varied (the chart and table may show only the widest of them). */
  analysed?: number;
}

const LABEL_FONT = 12;
const END_FONT = 11;
const ROW_H = 38;
const BAR_H = 20;

/** Bars by swing, widest first; equal swings keep their order. */
export function sortTornadoBars(bars: readonly TornadoBar[]): TornadoBar[] {
  return bars
    .map((bar, i) => ({ bar, i, swing: Math.abs(bar.high - bar.low) }))
    .sort((a, b) => b.swing - a.swing || a.i - b.i)
    .map(({ bar }) => bar);
}

export function tornadoChart(data: TornadoInput, options: ChartOptions): string {
  const id = safeId(options.id);
  const width = options.width ?? 880;
  const formatTick = options.formatTick ?? ((v: number) => formatNumber(v));
  const formatValue = options.formatValue ?? formatTick;
  const bars = sortTornadoBars(data.bars);
  const lowStyle = fillStyle(0);
  const highStyle = { colour: '#E69F00', pattern: 'diagonal' as const };
  const hasSwitch = bars.some((b) => b.switchValue !== undefined);

  // Columns: input labels | plot | switching values.
  const labelW = Math.min(270, Math.max(80, maxOf(bars.map((b) => Math.min(270, textWidth(b.label, LABEL_FONT) + 4)))));
  const switchHead = 'Switching value';
  const switchW = hasSwitch ? Math.max(textWidth(switchHead, 11), maxOf(bars.map((b) => textWidth(b.switchValue ?? '-', 11) + 18))) + 16 : 0;
  const left = labelW + 14;
  const right = 14 + switchW;
  const plotW = width - left - right;

  const values = [data.base, ...bars.flatMap((b) => [b.low, b.high]), ...(data.threshold !== undefined ? [data.threshold] : [])];
  const endPad = Math.max(24, maxOf(bars.flatMap((b) => [textWidth(b.lowValueLabel, END_FONT), textWidth(b.highValueLabel, END_FONT)]))) + 8;
  const ticks = niceTicks(minOf(values), maxOf(values), 6);
  const x = linear(ticks.min, ticks.max, left + endPad, left + plotW - endPad);

  const legendItems = [
    { label: 'Input at its low value', swatch: fillSwatch(`url(#${id}-low)`) },
    { label: 'Input at its high value', swatch: fillSwatch(`url(#${id}-high)`) },
    ...(hasSwitch ? [{ label: 'Switching point', swatch: (sx: number, sy: number) => marker('diamond', sx + 12, sy + 6, '#000000', 9) }] : []),
  ];
  const legendTop = 6;
  const legendH = legendHeight(legendItems.map((i) => i.label), width - left - 14);
  const headerH = 34;
  const top = legendTop + legendH + headerH;
  const plotH = Math.max(1, bars.length) * ROW_H;
  const bottom = 28 + (options.xLabel || data.measure ? 20 : 0) + (data.threshold !== undefined ? 16 : 0);
  const height = top + plotH + bottom;

  const out: string[] = [];
  out.push(svgOpen(id, width, height, options.title, description(data, bars, options, formatValue)));
  out.push(`<defs>${patternDef(`${id}-low`, lowStyle)}${patternDef(`${id}-high`, highStyle)}</defs>`);

  // Grid and x axis.
  const axis: string[] = [];
  const axisY = top + plotH;
  for (const t of ticks.values) {
    const tx = x(t);
    axis.push(`<path d="M${num(tx)} ${num(top)}V${num(axisY)}" stroke="#e0e0e0" stroke-width="0.8"/>`);
    axis.push(`<path d="M${num(tx)} ${num(axisY)}V${num(axisY + 5)}" stroke="#333333" stroke-width="1"/>`);
    axis.push(`<text x="${num(tx)}" y="${num(axisY + 18)}" text-anchor="middle" font-size="11">${escapeXml(formatTick(t))}</text>`);
  }
  axis.push(`<path d="M${num(left)} ${num(axisY)}H${num(left + plotW)}" stroke="#333333" stroke-width="1.2"/>`);
  const xLabel = options.xLabel ?? data.measure;
  if (xLabel) axis.push(`<text x="${num(left + plotW / 2)}" y="${num(axisY + 38)}" text-anchor="middle" font-size="12">${escapeXml(xLabel)}</text>`);
  out.push(`<g class="axis">${axis.join('')}</g>`);

  // Bars.
  const marks: string[] = [];
  // Drawn last, over the bars and the dashed line, so neither cuts a label (issue #28).
  const valueLabels: string[] = [];
  const bx = x(data.base);
  bars.forEach((b, i) => {
    const rowTop = top + i * ROW_H;
    const cy = rowTop + ROW_H / 2;
    const by = cy - BAR_H / 2;
    const lines = wrapText(b.label, labelW, LABEL_FONT, 2);
    marks.push(textLines(lines, left - 10, cy + 4 - (lines.length - 1) * 7, `text-anchor="end" font-size="${LABEL_FONT}"`, 14));
    const segment = (value: number, fill: string, valueLabel: string, which: string): void => {
      const vx = x(value);
      const x0 = Math.min(bx, vx);
      const w = Math.abs(vx - bx);
      marks.push(
        `<rect x="${num(x0)}" y="${num(by)}" width="${num(Math.max(w, 1))}" height="${BAR_H}" fill="${fill}" stroke="#333333" stroke-width="0.6"><title>${escapeXml(`${b.label} at its ${which} value (${valueLabel}): ${formatValue(value)}`)}</title></rect>`,
      );
    };
    // The longer segment first, so a shorter one on the same side stays visible.
    const lowFirst = Math.abs(b.low - data.base) >= Math.abs(b.high - data.base);
    const drawLow = (): void => segment(b.low, `url(#${id}-low)`, b.lowValueLabel, 'low');
    const drawHigh = (): void => segment(b.high, `url(#${id}-high)`, b.highValueLabel, 'high');
    if (lowFirst) {
      drawLow();
      drawHigh();
    } else {
      drawHigh();
      drawLow();
    }
    valueLabels.push(...endLabels(b, x, bx, cy, lowFirst));
    if (hasSwitch) {
      const crosses = data.threshold !== undefined && Math.min(b.low, b.high) <= data.threshold && data.threshold <= Math.max(b.low, b.high);
      if (b.switchValue !== undefined && crosses && data.threshold !== undefined && b.movedIn !== 'both') marks.push(marker('diamond', x(data.threshold), cy, '#000000', 11));
      const sx = left + plotW + 14;
      marks.push(
        b.switchValue !== undefined
          ? `${marker('diamond', sx + 5, cy, '#000000', 9)}<text x="${num(sx + 16)}" y="${num(cy + 4)}" font-size="11">${escapeXml(b.switchValue)}</text>`
          : `<text x="${num(sx + 16)}" y="${num(cy + 4)}" font-size="11" fill="#555555">none in range</text>`,
      );
    }
  });
  out.push(`<g class="marks">${marks.join('')}</g>`);

  // Base line, threshold line and column headers.
  const header = top - 10;
  out.push(
    `<path d="M${num(bx)} ${num(top - 6)}V${num(axisY)}" stroke="#000000" stroke-width="1.6"/>` +
      `<text x="${num(bx)}" y="${num(header)}" text-anchor="middle" font-size="11" font-weight="600" ${HALO}>${escapeXml(`Base case ${formatValue(data.base)}`)}</text>`,
  );
  if (data.threshold !== undefined) {
    const tx = x(data.threshold);
    // An input moved in both options moves the runner-up too, so the fixed line is not
    // where its decision switches: the line skips its row (the table says the same).
    const line = bars.some((b) => b.movedIn === 'both')
      ? bars.map((b, i) => (b.movedIn === 'both' ? '' : `M${num(tx)} ${num(top + i * ROW_H)}V${num(top + (i + 1) * ROW_H)}`)).join('')
      : `M${num(tx)} ${num(top)}V${num(axisY)}`;
    out.push(
      (line ? `<path class="threshold" d="${line}" stroke="#000000" stroke-width="1.2" stroke-dasharray="5 3"/>` : '') +
        `<text x="${num(tx)}" y="${num(axisY + (xLabel ? 54 : 36))}" text-anchor="middle" font-size="11">${escapeXml(data.thresholdLabel ?? `Decision switches at ${formatValue(data.threshold)}`)}</text>`,
    );
  }
  out.push(`<g class="value-labels">${valueLabels.join('')}</g>`);
  out.push(`<text x="${num(left - 10)}" y="${num(header)}" text-anchor="end" font-size="11" font-weight="600">Input varied</text>`);
  if (hasSwitch) out.push(`<text x="${num(left + plotW + 14)}" y="${num(header)}" font-size="11" font-weight="600">${switchHead}</text>`);

  out.push(legend(legendItems, left, legendTop, width - left - 14).svg, '</svg>');
  return out.join('');
}

/**
 * The value labels at a bar's two ends. Where both ends are on the same side of the base
 * case and the inner label would run into the outer one ("4" and "12" reading "42"), the
 * inner label goes inside its own segment, or above the bar when that is too short.
 */
function endLabels(b: TornadoBar, x: (v: number) => number, bx: number, cy: number, lowFirst: boolean): string[] {
  const outer = lowFirst ? { v: b.low, label: b.lowValueLabel } : { v: b.high, label: b.highValueLabel };
  const inner = lowFirst ? { v: b.high, label: b.highValueLabel } : { v: b.low, label: b.lowValueLabel };
  const text = (tx: number, y: number, anchor: string, label: string, size = END_FONT): string =>
    `<text x="${num(tx)}" y="${num(y)}" text-anchor="${anchor}" font-size="${size}" ${HALO}>${escapeXml(label)}</text>`;
  const ox = x(outer.v);
  const ix = x(inner.v);
  const outerAfter = ox >= bx;
  const innerAfter = ix >= bx;
  const out = [text(outerAfter ? ox + 5 : ox - 5, cy + 4, outerAfter ? 'start' : 'end', outer.label)];
  const w = textWidth(inner.label, END_FONT);
  if (outerAfter !== innerAfter || Math.abs(ox - ix) >= w + 8) {
    out.push(text(innerAfter ? ix + 5 : ix - 5, cy + 4, innerAfter ? 'start' : 'end', inner.label));
  } else if (Math.abs(ix - bx) >= w + 10) {
    out.push(text(innerAfter ? ix - 5 : ix + 5, cy + 4, innerAfter ? 'end' : 'start', inner.label));
  } else {
    out.push(text(ix, cy - BAR_H / 2 - 2, 'middle', inner.label, END_FONT - 2));
  }
  return out;
}

function description(data: TornadoInput, bars: readonly TornadoBar[], options: ChartOptions, fmt: (v: number) => string): string {
  const parts: string[] = [];
  if (options.description) parts.push(options.description.trim());
  const measure = data.measure ?? 'the output';
  parts.push(`Tornado chart of ${measure} around the base case of ${fmt(data.base)}, inputs ordered by the size of their effect.`);
  if (data.threshold !== undefined) {
    const both = bars.some((b) => b.movedIn === 'both');
    parts.push(`The decision switches where ${measure} reaches ${fmt(data.threshold)}${both ? ' for an input moved in this option only; an input moved in both options moves that point too' : ''}.`);
  }
  for (const b of bars) {
    parts.push(
      `${b.label}: ${b.lowValueLabel} gives ${fmt(b.low)}, ${b.highValueLabel} gives ${fmt(b.high)}` +
        (b.movedIn === 'both' ? ' (moved in both options)' : '') +
        (b.switchValue !== undefined ? `; switching value ${b.switchValue}.` : '.'),
    );
  }
  if (bars.length === 0) parts.push('No inputs were varied.');
  return parts.join(' ');
}
