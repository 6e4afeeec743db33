/**
 * Number formatting for display. Hand-written rather than `toLocaleString` so output
 * is byte-identical whatever the machine's locale or ICU data: £ with thousands
 * separators, negative money with a leading minus sign, percentages to one decimal.
 */

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Fixed-point with thousands separators; never "-0". */
export function formatNumber(value: number, decimals = 0): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = '0', fraction] = fixed.split('.');
  const body = fraction === undefined ? groupThousands(whole) : `${groupThousands(whole)}.${fraction}`;
  const isZero = Number(fixed) === 0;
  return value < 0 && !isZero ? `-${body}` : body;
}

/** £1,234,567 (whole pounds) or £1,234.56 with `pence`. */
export function formatMoney(value: number, pence = false): string {
  const body = formatNumber(value, pence ? 2 : 0);
  return body.startsWith('-') ? `-£${body.slice(1)}` : `£${body}`;
}

/** A fraction as a percentage: 0.1234 → "12.3%". */
export function formatPercent(fraction: number, decimals = 1): string {
  return `${formatNumber(fraction * 100, decimals)}%`;
}

/** A signed difference, e.g. "+£12,000", "-3.2%", "+0.5". */
export function withSign(formatted: string, value: number): string {
  if (formatted.startsWith('-')) return formatted;
  return value > 0 && !/^[£]?0(\.0+)?%?$/.test(formatted) ? `+${formatted}` : formatted;
}

/** A plain machine-readable number for CSV/JSON-like text: integers as is, others to at most 6 decimals. */
export function plainNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const rounded = Number(value.toFixed(6));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** Word-wraps prose to `width` columns, continuing lines with `indent`. */
export function wrapText(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}
