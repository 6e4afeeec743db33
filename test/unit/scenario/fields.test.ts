// PERCENT_FIELDS (read, display and what-if treat these as percentages) must name exactly the
// scenario schema's percent fields: a field added to one and not the other would be read as
// "14%" in one place and 14 in another.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERCENT_FIELDS } from '../../../src/scenario/fields.js';

type Node = { $ref?: string; anyOf?: Node[]; oneOf?: Node[]; properties?: Record<string, Node>; items?: Node; $defs?: Record<string, Node> };
const schema = JSON.parse(readFileSync(new URL('../../../schemas/scenario.schema.json', import.meta.url), 'utf8')) as Node;

const isPercent = (node: Node): boolean =>
  node.$ref === '#/$defs/percent' || node.$ref === '#/$defs/percent_up_to_200' || [...(node.anyOf ?? []), ...(node.oneOf ?? [])].some(isPercent);

/** The names of every property, anywhere in the schema, whose value is a percent. */
function percentNames(node: Node, into = new Set<string>()): Set<string> {
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    if (isPercent(child)) into.add(name);
    percentNames(child, into);
  }
  for (const child of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.items ? [node.items] : []), ...Object.values(node.$defs ?? {})]) {
    percentNames(child, into);
  }
  return into;
}

describe('PERCENT_FIELDS', () => {
  it('names exactly the fields the scenario schema declares as percentages', () => {
    expect([...PERCENT_FIELDS].sort()).toEqual([...percentNames(schema)].sort());
  });
});
