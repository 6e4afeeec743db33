/** `peerplan reference --unverified FILE` as text: one block per unverified figure. */
import type { UnverifiedDocument } from '../app/unverified.js';
import { wrapText } from '../text/format.js';

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

export function renderUnverified(doc: UnverifiedDocument): string {
  const head = `Unverified figures in ${doc.file} (${doc.name}), reference ${doc.reference}: ${doc.figures.length}\n`;
  if (doc.figures.length === 0) return `${head}Every figure the result uses is verified at source.\n`;
  const blocks = doc.figures.map((f, i) => {
    const stake = f.benefit_share === null ? '' : `\n    stake:   the benefit stream(s) using it carry ${pct(f.benefit_share)} of the total benefit (PV)`;
    const line = (k: string, v: string): string => wrapText(`${k.padEnd(8)} ${v}`, 96, ' '.repeat(9)).replace(/^/gm, '    ');
    return `[${i + 1}] ${f.figure}\n${line('value:', f.value)}\n${line('used by:', f.used_by)}\n${line('why:', f.why)}${stake}`;
  });
  return `${head}\n${blocks.join('\n')}\n`;
}
