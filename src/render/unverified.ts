/** `peerplan reference --unverified FILE` as text: one block per unverified figure. */
import type { UnverifiedDocument } from '../app/unverified.js';
import type { UnverifiedFigure } from '../result/unverified.js';
import { formatPercent, wrapText } from '../text/format.js';

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

/** The caveat on unverified figures, as parts each format words and marks up its own way. */
export interface UnverifiedCaveat {
  /** Figures under benefit streams carrying 1% or more of the total benefit (PV), each with that share. */
  named: string[];
  /** Every unverified figure, counted once across the options. */
  count: number;
}

/**
 * The unverified figures that value a benefit stream carrying 1% or more of an option's total
 * benefit (PV), named; the others counted. The same list as `peerplan reference --unverified`.
 * One function for the HTML report, the table and the Markdown.
 */
export function unverifiedCaveatParts(lists: ReadonlyArray<readonly UnverifiedFigure[] | undefined>): UnverifiedCaveat | null {
  const all = lists.flatMap((l) => l ?? []);
  if (all.length === 0) return null;
  const named = new Map<string, number>();
  // A deflator year of the horizon (or the price base) deflates every year's cost: it moves
  // the headline whatever the benefit (test/cli/unverified-impact.test.ts measures it).
  const costs = (f: UnverifiedFigure): boolean => f.figure.startsWith('GDP deflator ') && /\b(a horizon year|the price base)\b/.test(f.used_by);
  let deflatesCost = false;
  for (const f of all) {
    if ((f.benefit_share ?? 0) >= 0.01 || costs(f)) named.set(f.figure, Math.max(named.get(f.figure) ?? 0, f.benefit_share ?? 0));
    if (costs(f)) deflatesCost = true;
  }
  const figures = [...new Set(all.map((f) => f.figure))];
  // Deflator years as one item: "GDP deflator 2020/21, 2021/22 (series)".
  const deflatorYears = [...named.keys()].map((f) => /^GDP deflator (\S+) \((.+)\)$/.exec(f)).filter((m): m is RegExpExecArray => m !== null);
  const items = [...named].filter(([f]) => !f.startsWith('GDP deflator ')).map(([figure, share]) => `${figure} (under streams carrying up to ${formatPercent(share, 0)} of the benefit)`);
  if (deflatorYears.length > 0) {
    const share = Math.max(...deflatorYears.map((m) => named.get(m[0]) ?? 0));
    items.push(`the GDP deflator's interpolated or assumed years ${deflatorYears.map((m) => m[1]).join(', ')} (${deflatorYears[0]?.[2] ?? ''}; ${deflatesCost ? 'deflating the horizon\u2019s costs, and ' : ''}under streams carrying up to ${formatPercent(share, 0)} of the benefit)`);
  }
  return { named: items, count: figures.length };
}

/** The caveat as plain text (table, Markdown): `command` is how the format shows the command. */
export function unverifiedCaveatText(c: UnverifiedCaveat, command = (x: string): string => x): string {
  return `Unverified figures. ${
    c.named.length > 0 ? `Not yet confirmed at source, and under benefit streams carrying 1% or more of the total benefit: ${c.named.join('; ')}. ` : ''
  }${c.count} figure${c.count === 1 ? '' : 's'} in all ${c.count === 1 ? 'is' : 'are'} unverified (interpolated or assumed deflator years among them); ${command('peerplan reference --unverified FILE')} lists each with the inputs that use it.`;
}

/**
 * The workbooks' covers: whose costs and savings (the perspective sentence), the caveat, and
 * every unverified figure the options use, once each (the options that use it named), as rows
 * of text: figure, value, used by, why, and the largest share of the benefit under it.
 */
export function coverCaveatRows(
  scenarios: ReadonlyArray<{ name: string; perspective?: string | undefined; unverified?: readonly UnverifiedFigure[] | undefined }>,
): { perspective: string[]; caveat: string | null; figures: Array<[string, string, string, string, string]> } {
  const perspective = [...new Set(scenarios.flatMap((s) => (s.perspective ? [s.perspective] : [])))];
  const c = unverifiedCaveatParts(scenarios.map((s) => s.unverified));
  const byFigure = new Map<string, { f: UnverifiedFigure; options: string[]; share: number | null }>();
  for (const s of scenarios) {
    for (const f of s.unverified ?? []) {
      const had = byFigure.get(f.figure);
      if (had) {
        had.options.push(s.name);
        if (f.benefit_share !== null) had.share = Math.max(had.share ?? 0, f.benefit_share);
      } else byFigure.set(f.figure, { f, options: [s.name], share: f.benefit_share });
    }
  }
  const figures = [...byFigure.values()].map(({ f, options, share }): [string, string, string, string, string] => [
    f.figure,
    f.value,
    scenarios.length > 1 ? `${f.used_by} (${options.join('; ')})` : f.used_by,
    f.why,
    share === null ? '' : pct(share),
  ]);
  return { perspective, caveat: c === null ? null : unverifiedCaveatText(c), figures };
}
