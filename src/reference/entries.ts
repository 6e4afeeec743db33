/**
 * Reference data as a flat list of cited values, for `peerplan reference`, the
 * assumptions log and explain traces.
 */
import type { ReferenceData, Source } from './types.js';

export interface ReferenceEntry {
  key: string;
  value: unknown;
  unit: string;
  description: string;
  source: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function referenceEntries(data: ReferenceData): ReferenceEntry[] {
  const out: ReferenceEntry[] = [];
  const visit = (node: unknown, path: string, inherited: { unit: string; description: string; source: string }): void => {
    if (!isRecord(node)) return;
    const own = {
      unit: typeof node.unit === 'string' ? node.unit : inherited.unit,
      description: typeof node.description === 'string' ? node.description : inherited.description,
      source: typeof node.source === 'string' ? node.source : inherited.source,
    };
    if ('value' in node) {
      const reason = typeof node.reason === 'string' ? node.reason : '';
      out.push({ key: path, value: node.value, unit: own.unit, description: reason || own.description, source: own.source });
      return;
    }
    for (const [k, child] of Object.entries(node)) {
      if (['unit', 'description', 'source', 'reason'].includes(k)) continue;
      const childPath = path ? `${path}.${k}` : k;
      if (isRecord(child)) visit(child, childPath, own);
      else if (Array.isArray(child) || typeof child === 'number') {
        out.push({ key: childPath, value: child, unit: own.unit, description: own.description, source: own.source });
      }
    }
  };
  for (const section of ['pay', 'on_costs', 'employers', 'hcas', 'workforce', 'contracts', 'volunteers', 'supervision', 'burnout', 'appraisal', 'unit_costs'] as const) {
    visit(data[section], section, { unit: '', description: '', source: '' });
  }
  return out;
}

/**
 * A source in words. `brief` (for one-line traces): the title without its parenthesised
 * gloss, and the publisher unless the title already names it.
 */
export function citation(data: ReferenceData, key: string, brief = false): string {
  const source: Source | undefined = data.sources[key];
  if (!source) return key;
  if (!brief) return [source.title, source.publisher, source.date, source.url].filter(Boolean).join(', ');
  const title = source.title.replace(/\s*\(.*$/, '');
  const named = source.publisher !== undefined && title.toLowerCase().includes(source.publisher.toLowerCase());
  return [title, named ? undefined : source.publisher].filter(Boolean).join(', ');
}
