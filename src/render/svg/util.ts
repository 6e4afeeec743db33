/**
 * Shared helpers for the hand-written SVG charts: escaping, coordinate rounding,
 * text measurement (an estimate: there is no DOM) and "nice" axis ticks.
 * Everything here is pure and deterministic, so a chart is byte-identical for the
 * same input on any machine.
 */

const NEEDS_ESCAPE = /[&<>"']/;

/** Escapes text for XML/HTML content and double-quoted attribute values. */
export function escapeXml(text: string): string {
  // Most text (numbers, labels) has nothing to escape: five passes over it for nothing
  // were 3% of a large HTML batch (500 reports of 30 years).
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A coordinate rounded to 2 decimals, without trailing zeros or "-0". */
export function num(value: number): string {
  if (!Number.isFinite(value)) return '0';
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) || rounded === 0 ? '0' : String(rounded);
}

/** A safe id fragment: lower-case letters, digits and hyphens. */
export function safeId(id: string): string {
  const cleaned = id.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned === '' || /^[0-9-]/.test(cleaned) ? `c-${cleaned}` : cleaned;
}

const NARROW = new Set([...'iljtfrI.,:;\'|!()[]{} /-']);
const WIDE = new Set([...'mwMW@%']);

/**
 * Estimated width of `text` in a proportional sans-serif at `size` px. Deliberately
 * generous (about DejaVu Sans, the widest common system sans-serif) so labels laid
 * out with it do not collide in whatever font the reader's system substitutes.
 */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) em += 0.34;
    else if (WIDE.has(ch)) em += 0.95;
    else if (ch >= 'A' && ch <= 'Z') em += 0.74;
    else if (ch === '£' || (ch >= '0' && ch <= '9')) em += 0.64;
    else em += 0.61;
  }
  return em * size;
}

/**
 * Splits text into at most `maxLines` lines no wider than `maxWidth`; a word longer
 * than a line is cut, and text that does not fit ends with an ellipsis.
 */
export function wrapText(text: string, maxWidth: number, size: number, maxLines = 2): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const fits = (s: string): boolean => textWidth(s, size) <= maxWidth;
  const cut = (s: string): string => {
    let out = s;
    while (out.length > 1 && !fits(`${out}…`)) out = out.slice(0, -1);
    return `${out.trimEnd()}…`;
  };
  const lines: string[] = [];
  let current = '';
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i] as string;
    const candidate = current === '' ? word : `${current} ${word}`;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current !== '') {
      lines.push(current);
      current = '';
      if (lines.length === maxLines) break;
    }
    if (fits(word)) {
      current = word;
    } else {
      lines.push(cut(word));
      if (lines.length === maxLines) {
        i++;
        break;
      }
    }
  }
  if (current !== '' && lines.length < maxLines) {
    lines.push(current);
    i = words.length;
  }
  if (i < words.length && lines.length > 0) {
    const last = lines[lines.length - 1] as string;
    lines[lines.length - 1] = last.endsWith('…') ? last : cut(`${last} ${words[i] as string}`);
  }
  return lines.length > 0 ? lines : [''];
}

export interface Ticks {
  min: number;
  max: number;
  step: number;
  values: number[];
}

function niceNumber(range: number, round: boolean): number {
  const exponent = Math.floor(Math.log10(range));
  const fraction = range / 10 ** exponent;
  let nice: number;
  if (round) nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  else nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * 10 ** exponent;
}

/**
 * Round-number ticks covering [min, max] (1, 2 or 5 × 10^n steps), about `count` of
 * them. A flat or empty range still gets a sensible axis.
 */
export function niceTicks(min: number, max: number, count = 5): Ticks {
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (hi === lo) {
    const pad = hi === 0 ? 1 : Math.abs(hi) * 0.1;
    lo -= lo === 0 ? 0 : pad;
    hi += pad;
  }
  const step = niceNumber(niceNumber(hi - lo, false) / Math.max(1, count - 1), true);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const fix = (v: number): number => {
    const r = Number(v.toFixed(decimals));
    return Object.is(r, -0) ? 0 : r;
  };
  const niceMin = fix(Math.floor(lo / step + 1e-9) * step);
  const niceMax = fix(Math.ceil(hi / step - 1e-9) * step);
  const values: number[] = [];
  for (let v = niceMin, i = 0; v <= niceMax + step / 2 && i < 100; i++, v = fix(niceMin + i * step)) values.push(v);
  return { min: niceMin, max: niceMax, step, values };
}

/** A linear mapping from a domain to a pixel range. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0;
  return (v) => (span === 0 ? (r0 + r1) / 2 : r0 + ((v - d0) / span) * (r1 - r0));
}

/** `<text>` with one `<tspan>` per line. */
export function textLines(
  lines: readonly string[],
  x: number,
  y: number,
  attrs: string,
  lineHeight: number,
): string {
  if (lines.length === 1) return `<text x="${num(x)}" y="${num(y)}" ${attrs}>${escapeXml(lines[0] ?? '')}</text>`;
  const spans = lines.map((line, i) => `<tspan x="${num(x)}" dy="${i === 0 ? '0' : num(lineHeight)}">${escapeXml(line)}</tspan>`).join('');
  return `<text x="${num(x)}" y="${num(y)}" ${attrs}>${spans}</text>`;
}

/** System sans-serif stack: no web fonts, nothing fetched. */
export const FONT_STACK = 'system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, &quot;Helvetica Neue&quot;, Arial, &quot;Liberation Sans&quot;, sans-serif';

/** The opening `<svg>` with its accessible name (title) and description. */
export function svgOpen(id: string, width: number, height: number, title: string, desc: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" id="${id}" class="chart" role="img" aria-labelledby="${id}-title ${id}-desc" ` +
    `viewBox="0 0 ${num(width)} ${num(height)}" width="${num(width)}" height="${num(height)}" ` +
    `font-family="${FONT_STACK}" font-size="12" fill="#1a1a1a">` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(desc)}</desc>`
  );
}
