/**
 * Scenario values as a flat list of leaf paths (`workforce.contract.type`,
 * `benefits[0].quantity`), in the scenario's own key order. One definition of
 * "path" shared by origins, input diffs, the assumptions log and CSV output.
 */
export type LeafValue = string | number | boolean | null;

export function flattenLeaves(value: unknown, prefix = ''): Array<[string, LeafValue]> {
  const out: Array<[string, LeafValue]> = [];
  walk(value, prefix, out);
  return out;
}

function walk(value: unknown, path: string, out: Array<[string, LeafValue]>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.push([path, null]);
    value.forEach((item, i) => walk(item, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key, out);
  } else {
    out.push([path, value as LeafValue]);
  }
}
