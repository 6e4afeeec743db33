/**
 * `peerplan evidence`: the evidence library and its unit costs as a terminal table,
 * Markdown or one item in full. Effects are shown as the study reports them, with the
 * 95% interval where there is one; unverified figures say so on every line they appear.
 */
import Table from 'cli-table3';
import { Chalk } from 'chalk';
import type { Effect, EvidenceEntry, EvidenceLibrary, UnitCost } from '../evidence/types.js';
import { wrapText } from '../text/format.js';

const gbp = (n: number): string => `£${n.toLocaleString('en-GB', { maximumFractionDigits: 2 })}`;
const num = (n: number): string => String(n);

const SHORT: Record<string, string> = { 'odds ratio': 'OR', 'relative risk': 'RR', 'risk ratio': 'RR', 'standardised mean difference': 'SMD', 'benefit-cost ratio': 'BCR' };

/** One line: "OR 0.66 (95% CI 0.43 to 0.99)", "£17 to £35 per £1", "no overall effect". */
export function formatEffect(e: Effect): string {
  const money = e.measure === 'return per £1' || e.measure === 'cost per case';
  const f = money ? gbp : num;
  const interval = e.low !== undefined && e.high !== undefined ? `${f(e.low)} to ${f(e.high)}` : undefined;
  if (e.measure === 'cost per case' && e.intervention_value !== undefined && e.control_value !== undefined) {
    return `${gbp(e.intervention_value)} vs ${gbp(e.control_value)} per case`;
  }
  if (e.measure === 'return per £1') {
    return e.point !== undefined ? `${gbp(e.point)} per £1${interval ? ` (${interval})` : ''}` : `${interval ?? '?'} per £1`;
  }
  const label = SHORT[e.measure];
  if (!label) return e.measure;
  if (e.point === undefined) return `${label} ${interval ?? '?'}`;
  return `${label} ${num(e.point)}${interval ? ` (95% CI ${interval})` : ''}`;
}

function grade(lib: EvidenceLibrary, g: number): string {
  return `${g} ${lib.grades[String(g)]?.label ?? ''}`.trim();
}

const verified = (v: boolean): string => (v ? 'yes' : 'NO');

/** Source lines wrapped to 100 columns, continued under the text. */
const wrap = (line: string): string => {
  const lead = /^ */.exec(line)?.[0] ?? '';
  return lead + wrapText(line.slice(lead.length).replace(/\s+/g, ' '), 100 - lead.length, '      ').replace(/\n/g, `\n${lead}`);
};

function costValue(u: UnitCost): string {
  return u.low !== undefined && u.high !== undefined ? `${gbp(u.value)} (${gbp(u.low)} to ${gbp(u.high)})` : gbp(u.value);
}

export function renderEvidenceTable(lib: EvidenceLibrary, options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const table = new Table({
    head: ['Id', 'Outcome', 'Design', 'Effect (as reported)', 'Grade', 'Verified'].map((h) => c.bold(h)),
    colWidths: [25, 28, 15, 22, 12, 10],
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [] },
  });
  for (const e of lib.entries) table.push([e.id, e.outcome, e.design, formatEffect(e.effect), grade(lib, e.grade), verified(e.verified)]);
  const sources = lib.entries.map(
    (e, i) => `${wrap(`  [${i + 1}] ${e.id}: ${e.citation.trim()}`)}${e.verified ? '' : `\n${wrap(`      Unverified: ${e.unverified ?? 'see the library'}`)}`}`,
  );
  return (
    `${c.bold(`${lib.id}: ${lib.title}`)}\n` +
    `${table.toString()}\n\n` +
    `Grades (GMCA-style confidence; the design-to-grade mapping is peerplan's assumption): ${gradeLegend(lib)}\n` +
    `Scenarios name entries in benefits[].evidence: the engine takes a stream's relative effect, control rate, dose and grade haircut from its entry (docs/MODEL.md §5.2–5.4). Unit costs: peerplan evidence --unit-costs. One entry in full: peerplan evidence ID.\n\n` +
    `Sources\n${sources.join('\n')}\n`
  );
}

function gradeLegend(lib: EvidenceLibrary): string {
  return Object.entries(lib.grades)
    .map(([k, g]) => `${k} ${g.label}`)
    .join(', ');
}

export function renderUnitCostTable(lib: EvidenceLibrary, options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const table = new Table({
    head: ['Id', 'Value', 'Unit', 'Price year', 'Uprate with', 'Verified'].map((h) => c.bold(h)),
    colWidths: [29, 26, 20, 12, 20, 10],
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [] },
  });
  for (const u of lib.unit_costs) table.push([u.id, costValue(u), u.unit, u.price_year, u.uprate_with, verified(u.verified)]);
  const sources = lib.unit_costs.map(
    (u, i) => `${wrap(`  [${i + 1}] ${u.id}: ${u.source}. Licence: ${u.licence}.`)}${u.verified ? '' : `\n${wrap(`      Unverified: ${u.unverified ?? 'see the library'}`)}`}`,
  );
  const indices = Object.entries(lib.indices).map(([id, x]) => {
    const series = x.series ? ` ${Object.entries(x.series).map(([y, v]) => `${y} ${(v * 100).toFixed(2)}%`).join(', ')}.` : '';
    return wrap(`  ${id}: ${x.title}.${series}${x.note ? ` ${x.note}` : ''} Source: ${x.source}.`);
  });
  return (
    `${c.bold(`${lib.id}: unit costs`)}\n` +
    `${table.toString()}\n\n` +
    `Shipped only where the licence allows redistribution. Scenarios name them in benefits[].unit_cost; the engine uprates each from its price year to the scenario's price base (docs/MODEL.md §5.2).\n\n` +
    `Sources and licences\n${sources.join('\n')}\n\nPrice indices\n${indices.join('\n')}\n`
  );
}

const md = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

export function renderEvidenceMarkdown(lib: EvidenceLibrary, unitCosts: boolean): string {
  if (unitCosts) {
    const rows = lib.unit_costs.map((u) => `| ${u.id} | ${md(costValue(u))} | ${md(u.unit)} | ${u.price_year} | ${u.uprate_with} | ${md(u.source)} | ${md(u.licence)} | ${verified(u.verified)} |`);
    return `## ${lib.id}: unit costs\n\n| Id | Value | Unit | Price year | Uprate with | Source | Licence | Verified |\n|---|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`;
  }
  const rows = lib.entries.map((e) => `| ${e.id} | ${md(e.outcome)} | ${e.design} | ${md(formatEffect(e.effect))} | ${grade(lib, e.grade)} | ${verified(e.verified)} |`);
  const sources = lib.entries.map((e) => `- **${e.id}**: ${md(e.citation)}${e.verified ? '' : ` *Unverified: ${md(e.unverified ?? '')}*`}`);
  return `## ${lib.id}: ${lib.title}\n\n| Id | Outcome | Design | Effect (as reported) | Grade | Verified |\n|---|---|---|---|---|---|\n${rows.join('\n')}\n\n### Sources\n\n${sources.join('\n')}\n`;
}

/** One evidence entry or unit cost in full, one labelled line per field. */
export function renderLibraryItem(lib: EvidenceLibrary, item: { kind: 'evidence'; entry: EvidenceEntry } | { kind: 'unit cost'; entry: UnitCost }, format: 'table' | 'md'): string {
  const lines: [string, string][] = [];
  if (item.kind === 'evidence') {
    const e = item.entry;
    const x = e.effect;
    lines.push(['Outcome', e.outcome], ['Population', e.population], ['Setting', e.setting], ['Design', e.design], ['Effect', formatEffect(x)]);
    if (x.point !== undefined) lines.push(['Point estimate', `${x.point} (${x.measure})`]);
    if (x.low !== undefined && x.high !== undefined) lines.push(['95% interval', `${x.low} to ${x.high}`]);
    for (const [arm, counts] of [['Intervention arm', x.intervention], ['Control arm', x.control]] as const) {
      if (counts) lines.push([arm, `${counts.events}/${counts.total} (${((100 * counts.events) / counts.total).toFixed(1)}%)`]);
    }
    if (x.note) lines.push(['Effect note', x.note.trim()]);
    if (e.dose) lines.push(['Dose', [e.dose.sessions !== undefined ? `up to ${e.dose.sessions} sessions` : '', e.dose.months !== undefined ? `over ${e.dose.months} months` : '', e.dose.note ? `(${e.dose.note.charAt(0).toLowerCase()}${e.dose.note.slice(1)})` : ''].filter(Boolean).join(' ')]);
    lines.push(['Follow-up', e.follow_up_months ? `${e.follow_up_months} months` : 'not recorded']);
    lines.push(['Grade', `${grade(lib, e.grade)}: ${lib.grades[String(e.grade)]?.description ?? ''}`]);
    lines.push(['Verified', e.verified ? `yes${e.verified_note ? ` (${e.verified_note})` : ''}` : `NO: ${e.unverified ?? 'not confirmed at source'}`]);
    lines.push(['Citation', e.citation.trim()]);
    if (e.url) lines.push(['Link', e.url]);
  } else {
    const u = item.entry;
    lines.push(['Value', `${costValue(u)} ${u.unit}`], ['Price year', u.price_year], ['Uprate with', u.uprate_with], ['Source', u.source], ['Licence', u.licence]);
    lines.push(['Verified', u.verified ? 'yes' : `NO: ${u.unverified ?? 'not confirmed at source'}`]);
  }
  const head = `${item.entry.id}: ${item.entry.title} (${item.kind}, library ${lib.id})`;
  if (format === 'md') return `## ${head}\n\n${lines.map(([k, v]) => `- **${k}**: ${md(v)}`).join('\n')}\n`;
  const width = Math.max(...lines.map(([k]) => k.length)) + 2;
  // Wrapped to 100 columns under the value column, so a terminal or README shows it whole.
  return `${head}\n\n${lines.map(([k, v]) => wrapText(`${`${k}:`.padEnd(width)}${v.replace(/\s+/g, ' ')}`, 100, ' '.repeat(width))).join('\n')}\n`;
}
