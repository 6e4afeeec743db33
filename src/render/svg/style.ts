/**
 * How chart series are told apart: always by two things at once, a colour from the
 * Okabe–Ito colour-blind-safe palette AND a shape (line dash and marker for lines,
 * fill pattern for bars), so charts still read when printed in greyscale.
 */
import { escapeXml, num, textWidth } from './util.js';

/** Okabe & Ito (2008), ordered for lines on white (yellow last: weak contrast). */
export const LINE_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#B8A800'] as const;

export const DASHES = ['', '8 4', '2 3', '10 3 2 3', '4 4', '14 4 3 4 3 4', '1 3', '16 5'] as const;

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'triangle-down' | 'plus' | 'bar';
export const MARKERS: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'cross', 'triangle-down', 'plus', 'bar'];

export interface LineStyle {
  colour: string;
  dash: string;
  marker: MarkerShape;
}

export function lineStyle(index: number): LineStyle {
  return {
    colour: LINE_COLOURS[index % LINE_COLOURS.length] as string,
    dash: DASHES[index % DASHES.length] as string,
    marker: MARKERS[index % MARKERS.length] as MarkerShape,
  };
}

/** A marker centred on (x, y), about `size` across, white-edged so it stands out on lines. */
export function marker(shape: MarkerShape, x: number, y: number, colour: string, size = 7): string {
  const r = size / 2;
  const edge = `stroke="#ffffff" stroke-width="1"`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${num(x)}" cy="${num(y)}" r="${num(r)}" fill="${colour}" ${edge}/>`;
    case 'square':
      return `<rect x="${num(x - r)}" y="${num(y - r)}" width="${num(size)}" height="${num(size)}" fill="${colour}" ${edge}/>`;
    case 'triangle':
      return `<path d="M${num(x)} ${num(y - r * 1.15)}L${num(x + r * 1.1)} ${num(y + r * 0.85)}L${num(x - r * 1.1)} ${num(y + r * 0.85)}Z" fill="${colour}" ${edge}/>`;
    case 'triangle-down':
      return `<path d="M${num(x)} ${num(y + r * 1.15)}L${num(x + r * 1.1)} ${num(y - r * 0.85)}L${num(x - r * 1.1)} ${num(y - r * 0.85)}Z" fill="${colour}" ${edge}/>`;
    case 'diamond':
      return `<path d="M${num(x)} ${num(y - r * 1.3)}L${num(x + r * 1.1)} ${num(y)}L${num(x)} ${num(y + r * 1.3)}L${num(x - r * 1.1)} ${num(y)}Z" fill="${colour}" ${edge}/>`;
    case 'cross':
      return `<path d="M${num(x - r)} ${num(y - r)}L${num(x + r)} ${num(y + r)}M${num(x + r)} ${num(y - r)}L${num(x - r)} ${num(y + r)}" stroke="${colour}" stroke-width="2.2" fill="none"/>`;
    case 'plus':
      return `<path d="M${num(x - r * 1.15)} ${num(y)}L${num(x + r * 1.15)} ${num(y)}M${num(x)} ${num(y - r * 1.15)}L${num(x)} ${num(y + r * 1.15)}" stroke="${colour}" stroke-width="2.2" fill="none"/>`;
    case 'bar':
      return `<rect x="${num(x - r * 0.45)}" y="${num(y - r * 1.2)}" width="${num(r * 0.9)}" height="${num(r * 2.4)}" fill="${colour}" ${edge}/>`;
  }
}

/** Fill styles for areas (stacked bars, tornado bars): colour plus a pattern. */
/** Okabe–Ito again, with a neutral grey in place of black so the last component does not dominate. */
export const FILL_COLOURS = ['#0072B2', '#56B4E9', '#009E73', '#F0E442', '#D55E00', '#CC79A7', '#E69F00', '#BBBBBB'] as const;
export type PatternKind = 'solid' | 'diagonal' | 'dots' | 'horizontal' | 'crosshatch' | 'backdiagonal' | 'vertical' | 'grid';
export const PATTERNS: readonly PatternKind[] = ['solid', 'diagonal', 'dots', 'horizontal', 'crosshatch', 'backdiagonal', 'vertical', 'grid'];

export interface FillStyle {
  colour: string;
  pattern: PatternKind;
}

export function fillStyle(index: number): FillStyle {
  return {
    colour: FILL_COLOURS[index % FILL_COLOURS.length] as string,
    pattern: PATTERNS[index % PATTERNS.length] as PatternKind,
  };
}

/** Relative luminance (0 dark – 1 light) of a #rrggbb colour, for choosing the ink of pattern marks. */
function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const channel = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** A `<pattern>` definition for a fill style; reference it as `url(#id)` (a same-document fragment, nothing fetched). */
export function patternDef(id: string, style: FillStyle): string {
  const ink = luminance(style.colour) > 0.3 ? '#000000' : '#ffffff';
  const inkOpacity = ink === '#000000' ? '0.55' : '0.8';
  const mark = `stroke="${ink}" stroke-opacity="${inkOpacity}" stroke-width="1.4"`;
  const size = 7;
  const marks: Record<PatternKind, string> = {
    solid: '',
    diagonal: `<path d="M-1 1L1 -1M0 7L7 0M6 8L8 6" ${mark}/>`,
    backdiagonal: `<path d="M-1 6L1 8M0 0L7 7M6 -1L8 1" ${mark}/>`,
    horizontal: `<path d="M0 3.5H7" ${mark}/>`,
    vertical: `<path d="M3.5 0V7" ${mark}/>`,
    crosshatch: `<path d="M0 0L7 7M7 0L0 7" ${mark} stroke-width="1"/>`,
    grid: `<path d="M0 0.5H7M0.5 0V7" ${mark} stroke-width="1"/>`,
    dots: `<circle cx="3.5" cy="3.5" r="1.3" fill="${ink}" fill-opacity="${inkOpacity}"/>`,
  };
  return (
    `<pattern id="${id}" patternUnits="userSpaceOnUse" width="${size}" height="${size}">` +
    `<rect width="${size}" height="${size}" fill="${style.colour}"/>${marks[style.pattern]}</pattern>`
  );
}

export interface LegendItem {
  label: string;
  /** Draws the swatch in a 24 × 12 box whose top-left corner is (x, y). */
  swatch: (x: number, y: number) => string;
}

const SWATCH_W = 24;
const SWATCH_GAP = 6;
const ITEM_GAP = 22;
const LEGEND_FONT = 12;
const LEGEND_ROW = 20;

/** Lays legend items out in rows across `width`; returns the markup and the height used. */
export function legend(items: readonly LegendItem[], x: number, y: number, width: number): { svg: string; height: number } {
  if (items.length === 0) return { svg: '', height: 0 };
  const parts: string[] = [];
  let cx = x;
  let row = 0;
  for (const item of items) {
    const itemWidth = SWATCH_W + SWATCH_GAP + textWidth(item.label, LEGEND_FONT);
    if (cx > x && cx + itemWidth > x + width) {
      row++;
      cx = x;
    }
    const top = y + row * LEGEND_ROW;
    parts.push(
      `<g class="legend-item">${item.swatch(cx, top)}<text x="${num(cx + SWATCH_W + SWATCH_GAP)}" y="${num(top + 10)}" font-size="${LEGEND_FONT}">${escapeXml(item.label)}</text></g>`,
    );
    cx += itemWidth + ITEM_GAP;
  }
  return { svg: `<g class="legend">${parts.join('')}</g>`, height: (row + 1) * LEGEND_ROW };
}

/** Height a legend would take, without drawing it. */
export function legendHeight(labels: readonly string[], width: number): number {
  if (labels.length === 0) return 0;
  let cx = 0;
  let rows = 1;
  for (const label of labels) {
    const itemWidth = SWATCH_W + SWATCH_GAP + textWidth(label, LEGEND_FONT);
    if (cx > 0 && cx + itemWidth > width) {
      rows++;
      cx = 0;
    }
    cx += itemWidth + ITEM_GAP;
  }
  return rows * LEGEND_ROW;
}

/** Legend swatch for a line style: a short dashed line with its marker. */
export function lineSwatch(style: LineStyle, width = 2.5, withMarker = true): (x: number, y: number) => string {
  return (x, y) =>
    `<path d="M${num(x)} ${num(y + 6)}H${num(x + SWATCH_W)}" stroke="${style.colour}" stroke-width="${num(width)}" fill="none"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>` +
    (withMarker ? marker(style.marker, x + SWATCH_W / 2, y + 6, style.colour) : '');
}

/** Attributes giving text a white halo, so it stays legible where it crosses lines or bars. */
export const HALO = 'paint-order="stroke" stroke="#ffffff" stroke-width="3" stroke-linejoin="round"';

/** Legend swatch for a filled area. */
export function fillSwatch(fill: string): (x: number, y: number) => string {
  return (x, y) => `<rect x="${num(x + 2)}" y="${num(y)}" width="${num(SWATCH_W - 4)}" height="12" fill="${fill}" stroke="#333333" stroke-width="0.8"/>`;
}
