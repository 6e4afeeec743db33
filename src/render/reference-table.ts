/** `peerplan reference ID` as a terminal table: every value with its unit, meaning and numbered source. */
import Table from 'cli-table3';
import { Chalk } from 'chalk';
import type { ReferenceData } from '../reference/types.js';
import { citation, referenceEntries } from '../reference/entries.js';

export function renderReferenceTable(data: ReferenceData, options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const entries = referenceEntries(data);
  const sourceKeys = [...new Set(entries.map((e) => e.source))];
  const table = new Table({
    head: ['Key', 'Value', 'Unit', 'What it is [source]'].map((h) => c.bold(h)),
    colWidths: [30, 16, 14, 38],
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [] },
  });
  for (const e of entries) {
    const value = Array.isArray(e.value) ? e.value.join(', ') : String(e.value);
    table.push([e.key, value, e.unit, `${e.description} [${sourceKeys.indexOf(e.source) + 1}]`]);
  }
  const sources = sourceKeys.map((key, i) => `  [${i + 1}] ${citation(data, key)}`);
  return `${c.bold(`${data.id}: ${data.title}`)}\nValid from ${data.valid_from}. ${data.notes}\n\n${table.toString()}\n\nSources\n${sources.join('\n')}\n`;
}
