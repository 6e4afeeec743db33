/**
 * Reading the scenario schema for friendly diagnostics: the schema node for a field,
 * the fields a mapping may have, plain-English "expected" text and a YAML example
 * taken from the schema's `examples`.
 */
import { normalise } from '../source/did-you-mean.js';
import { PERCENT_200_EXPECTED, PERCENT_EXPECTED } from './percent.js';
import { childPath, type PathSegment } from '../source/positions.js';

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  'x-unit'?: string;
  examples?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  $defs?: Record<string, JsonSchema>;
  [keyword: string]: unknown;
}

/** Plain-English expectations for the shared definitions. */
const DEF_EXPECTED: Record<string, string> = {
  percent: PERCENT_EXPECTED,
  percent_up_to_200: PERCENT_200_EXPECTED,
  month: 'a month written YYYY-MM from 2000-01 to 2100-12, such as 2026-04',
  band: 'an Agenda for Change band: 2, 3, 4, 5, 6, 7 or 8a',
  pay_point: "bottom, middle or top, or a 0-based index into the band's pay points (0 is the bottom)",
  weight: 'a number, 0 or more',
};

export type PercentKind = 'percent' | 'percent_up_to_200' | 'pension';

export class SchemaInfo {
  /** Normalised property name → every path where a property of that name exists. */
  private readonly byName = new Map<string, string[]>();

  constructor(readonly root: JsonSchema) {
    this.indexNames(root, '');
  }

  /** The definition name of a `#/$defs/<name>` reference. */
  static refName(node: JsonSchema | undefined): string | undefined {
    return node?.$ref?.startsWith('#/$defs/') ? node.$ref.slice('#/$defs/'.length) : undefined;
  }

  private def(name: string): JsonSchema | undefined {
    return this.root.$defs?.[name];
  }

  /** A node with its `$ref` followed (the node's own annotations win). */
  resolve(node: JsonSchema | undefined): JsonSchema | undefined {
    if (!node) return undefined;
    const name = SchemaInfo.refName(node);
    if (name === undefined) return node;
    const target = this.resolve(this.def(name));
    const { $ref: _ref, ...own } = node;
    return { ...target, ...own };
  }

  /** The schema node for a field path (numbers index into lists). */
  at(segments: readonly PathSegment[]): JsonSchema | undefined {
    let node: JsonSchema | undefined = this.root;
    for (const seg of segments) {
      const n = this.structural(node);
      if (!n) return undefined;
      node = typeof seg === 'number' ? n.items : n.properties?.[seg];
    }
    return node;
  }

  /** The branch of a node that has structure (properties or items), following refs and anyOf. */
  private structural(node: JsonSchema | undefined): JsonSchema | undefined {
    const n = this.resolve(node);
    if (!n) return undefined;
    if (n.properties || n.items) return n;
    return n.anyOf?.map((b) => this.resolve(b)).find((b) => b?.properties || b?.items);
  }

  /** The node at a JSON pointer into the schema (`#/properties/workforce`). */
  pointer(pointer: string): JsonSchema | undefined {
    let node: unknown = this.root;
    for (const raw of pointer.replace(/^#\/?/, '').split('/')) {
      if (raw === '') continue;
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (typeof node !== 'object' || node === null) return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    return node as JsonSchema | undefined;
  }

  /** The fields a mapping at this path may have, in schema order. */
  knownKeys(segments: readonly PathSegment[]): string[] {
    return Object.keys(this.structural(this.at(segments))?.properties ?? {});
  }

  /** Paths elsewhere in the format where a field of this name (normalised) exists. */
  whereElse(key: string): string[] {
    return this.byName.get(normalise(key)) ?? [];
  }

  private indexNames(node: JsonSchema | undefined, path: string): void {
    const n = this.structural(node);
    if (!n) return;
    if (n.items) this.indexNames(n.items, `${path}[0]`);
    for (const [key, child] of Object.entries(n.properties ?? {})) {
      const p = childPath(path, key);
      const list = this.byName.get(normalise(key)) ?? [];
      list.push(p);
      this.byName.set(normalise(key), list);
      this.indexNames(child, p);
    }
  }

  /** Whether a field holds a percentage (and which kind). */
  percentKind(node: JsonSchema | undefined): PercentKind | undefined {
    const name = SchemaInfo.refName(node);
    if (name === 'percent' || name === 'percent_up_to_200') return name;
    const branches = node?.anyOf ?? [];
    const hasPercent = branches.some((b) => SchemaInfo.refName(b) === 'percent');
    if (!hasPercent) return undefined;
    return branches.some((b) => Array.isArray(b.enum)) ? 'pension' : 'percent';
  }

  /** What a node expects, in plain English. */
  expected(node: JsonSchema | undefined): string {
    if (!node) return 'a field of the scenario format (docs/SCENARIO.md)';
    const name = SchemaInfo.refName(node);
    if (name !== undefined) return DEF_EXPECTED[name] ?? this.expected(this.def(name));
    if (node.anyOf) {
      return node.anyOf
        .filter((b) => !(b.type === 'null'))
        .map((b) => this.expected(b))
        .join(', or ');
    }
    if (node.const !== undefined) return String(node.const);
    if (Array.isArray(node.enum)) return `one of: ${[...new Set(node.enum.map(String))].join(', ')}`;
    const types = (Array.isArray(node.type) ? node.type : node.type ? [node.type] : []).filter((t) => t !== 'null');
    const unit = node['x-unit'];
    const unitText = unit && !['mapping', 'list', 'text', 'yes/no'].includes(unit) ? ` (${unit})` : '';
    if (types.includes('object')) return `a mapping of fields (${this.knownKeysOf(node).join(', ')})`;
    if (types.includes('array')) return 'a list';
    if (types.includes('boolean')) return 'true or false';
    if (types.includes('string')) return node.pattern ? 'text in the documented format' : 'text';
    if (types.includes('integer') || types.includes('number')) {
      const what = types.includes('integer') ? 'a whole number' : 'a number';
      return `${what}${rangeText(node)}${unitText}`;
    }
    return 'a value as documented in docs/SCENARIO.md';
  }

  private knownKeysOf(node: JsonSchema): string[] {
    return Object.keys(node.properties ?? {});
  }

  /** A YAML example for a field: `key: <first example>` (or `- <example>` for a list item). */
  example(segments: readonly PathSegment[], node: JsonSchema | undefined = this.at(segments)): string | undefined {
    const resolved = this.resolve(node);
    const examples = node?.examples ?? resolved?.examples;
    if (!examples || examples.length === 0) return undefined;
    const last = segments[segments.length - 1];
    const value = yamlInline(examples[0]);
    if (last === undefined) return value;
    return typeof last === 'number' ? `- ${value}` : `${last}: ${value}`;
  }
}

function rangeText(node: JsonSchema): string {
  const lo = node.minimum;
  const hi = node.maximum;
  const xlo = node.exclusiveMinimum;
  if (xlo !== undefined) return ` more than ${xlo}${hi !== undefined ? ` and at most ${fmt(hi)}` : ''}`;
  if (lo !== undefined && hi !== undefined) return ` from ${fmt(lo)} to ${fmt(hi)}`;
  if (lo !== undefined) return lo === 0 ? ', 0 or more' : `, ${fmt(lo)} or more`;
  if (hi !== undefined) return `, at most ${fmt(hi)}`;
  return '';
}

const fmt = (n: number): string => (Math.abs(n) >= 10000 ? n.toLocaleString('en-GB') : String(n));

/** A value as inline (flow) YAML; inside a flow collection, text with a comma is quoted. */
export function yamlInline(value: unknown, inFlow = false): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    const plain = inFlow ? /^[A-Za-z0-9_%£.][A-Za-z0-9 _%£.()/'-]*$/ : /^[A-Za-z0-9_%£.][A-Za-z0-9 _%£.,()/'-]*$/;
    return plain.test(value) && !/^(true|false|null|yes|no|~)$/i.test(value) && value.trim() === value ? value : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => yamlInline(v, true)).join(', ')}]`;
  if (typeof value === 'object') {
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${yamlInline(v, true)}`)
      .join(', ')} }`;
  }
  return String(value);
}
