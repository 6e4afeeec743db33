/**
 * `peerplan explain` as text: the calculation tree, one step a line — name = value, then
 * the step's formula and docs/MODEL.md section, or for an input where it came from — fitted
 * to the width (100 columns unless the terminal says otherwise).
 */
import { Chalk } from 'chalk';
import type { ExplainDocument, ExplainNode } from '../explain/node.js';
import type { LeafValue } from '../scenario/flatten.js';
import { formatMoney, formatNumber, wrapText } from '../text/format.js';
import { describeOrigin } from './origins.js';
import { describeValue } from './values.js';
import { terminalSafe } from './safe-text.js';

export interface ExplainTextOptions {
  color: boolean;
  width: number;
}

/** Units shown after the number; other units (multiplier, index, score) go without. */
const SUFFIXED = new Set(['WTE', 'people', 'person-months', 'months', 'weeks', 'years', 'hours/week', 'weeks/year', 'days/year', 'people/WTE', 'workers/supervisor', 'hours/worker/month']);

/** Up to `decimals` decimals, trailing zeros dropped: 7.8400 → 7.84, 8.0000 → 8. */
function trimmed(value: number, decimals: number): string {
  const s = formatNumber(value, decimals);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

function formatAmount(value: number, unit: string): string {
  if (unit.startsWith('fraction')) return `${trimmed(value * 100, 3)}%`;
  if (unit === '£') return formatMoney(value, true);
  if (unit.startsWith('£')) {
    const money = formatMoney(value, !Number.isInteger(value));
    const per = unit.slice(1);
    return per === '/year' ? `${money} a year` : per === '/hour' ? `${money} an hour` : `${money}${per}`;
  }
  if (unit === 'index 0-100') return trimmed(value, 2);
  if (unit === '% of team') return `${trimmed(value, 2)}%`;
  if (SUFFIXED.has(unit)) return `${trimmed(value, 4)} ${unit}`;
  return trimmed(value, 6);
}

export function formatExplainValue(node: ExplainNode): string {
  const v = node.value;
  if (node.input !== undefined && !Array.isArray(v)) return describeValue(node.input, v as LeafValue);
  if (v === null) return node.unit === 'month' ? 'never' : 'n/a';
  if (Array.isArray(v)) {
    if (node.unit.startsWith('£')) return `${v.map((x) => formatMoney(x, !Number.isInteger(x))).join(', ')}${node.unit === '£/year' ? ' a year' : ''}`;
    return v.map((x) => formatAmount(x, node.unit)).join(', ');
  }
  if (typeof v === 'number') return formatAmount(v, node.unit);
  return String(v);
}

export function renderExplainText(raw: ExplainDocument, options: ExplainTextOptions): string {
  const doc = terminalSafe(raw);
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const width = options.width;
  const lines: string[] = [c.bold(doc.scenario.name), `${doc.scenario.file} · reference ${doc.scenario.reference} · ${doc.metric} · ${doc.scope.label}`, ''];
  const referenced = new Set<number>();
  const collect = (n: ExplainNode): void => {
    if (n.see !== undefined) referenced.add(n.see);
    n.children.forEach(collect);
  };
  collect(doc.tree);

  /** `first` prefixes the node's own line; `rest` its continuation lines and (with a connector) its children. */
  const visit = (n: ExplainNode, first: string, rest: string, depth: number): void => {
    const mark = n.id !== undefined && referenced.has(n.id) ? `[${n.id}] ` : '';
    const head = `${mark}${n.label} = ${formatExplainValue(n)}${n.folded !== undefined ? `  [+${formatNumber(n.folded, 0)} folded]` : ''}`;
    const note =
      n.see !== undefined
        ? `see [${n.see}]`
        : n.see_folded
          ? 'worked out in a folded step above'
        : n.origin
          ? describeOrigin(n.origin, undefined, 'brief')
          : n.formula
            ? `${n.formula}${n.section ? ` (${n.section})` : ''}`
            : '';
    const headText = depth === 0 ? c.bold(head) : head;
    const oneLine = `${first}${head}${note ? `  ${note}` : ''}`;
    const under = `${rest}${n.children.length > 0 ? '│  ' : '   '}`;
    if (note === '' || [...oneLine].length <= width) {
      lines.push(`${first}${headText}${note ? `  ${n.see !== undefined ? note : c.dim(note)}` : ''}`);
    } else {
      lines.push(...wrapText(head, width - [...first].length, ' '.repeat(2)).split('\n').map((l, i) => (i === 0 ? `${first}${depth === 0 ? c.bold(l) : l}` : `${under}${l}`)));
      for (const l of wrapText(note, width - [...under].length, '  ').split('\n')) lines.push(`${under}${c.dim(l)}`);
    }
    n.children.forEach((child, i) => {
      const last = i === n.children.length - 1;
      visit(child, `${rest}${last ? '└─ ' : '├─ '}`, `${rest}${last ? '   ' : '│  '}`, depth + 1);
    });
  };
  visit(doc.tree, '', '', 0);
  if (doc.depth !== undefined) {
    const d = doc.depth;
    lines.push(
      '',
      ...wrapText(
        d.folded === 0
          ? `--depth ${d.limit}: the whole tree fits; nothing was folded.`
          : `--depth ${d.limit}: ${formatNumber(d.folded, 0)} step${d.folded === 1 ? '' : 's'} below depth ${d.limit} folded ("[+n folded]" marks where); run with a larger --depth, or without it, to see them.`,
        width,
        '',
      ).split('\n'),
    );
  }

  lines.push(
    '',
    ...wrapText(
      'Each line is one step: name = value, then its formula (section of docs/MODEL.md) or, for an input, where the value came from. "see [n]" marks a step worked out at [n] above.',
      width,
      '',
    ).split('\n'),
  );
  return `${lines.join('\n')}\n`;
}
