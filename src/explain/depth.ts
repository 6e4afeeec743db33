/**
 * `explain --depth N`: the tree cut below depth N (the figure itself is depth 0), each
 * cut node saying how many steps were folded under it, so a 500-line tree can be read
 * top-down a level at a time. Pure.
 */
import type { ExplainDocument, ExplainNode } from './node.js';

function count(node: ExplainNode): number {
  let n = 0;
  for (const child of node.children) n += 1 + count(child);
  return n;
}

function collectIds(node: ExplainNode, into: Set<number>): void {
  if (node.id !== undefined) into.add(node.id);
  for (const child of node.children) collectIds(child, into);
}

function cut(node: ExplainNode, depth: number, limit: number): ExplainNode {
  if (depth < limit || node.children.length === 0) return { ...node, children: node.children.map((c) => cut(c, depth + 1, limit)) };
  return { ...node, children: [], folded: count(node) };
}

/** A `see [n]` whose step [n] was folded away points at nothing shown: it names the cut instead. */
function relink(node: ExplainNode, shown: ReadonlySet<number>): ExplainNode {
  const children = node.children.map((c) => relink(c, shown));
  if (node.see !== undefined && !shown.has(node.see)) {
    const { see: _hidden, ...rest } = node;
    return { ...rest, children, see_folded: true };
  }
  return { ...node, children };
}

/** The document with its tree cut below `limit`; `depth` records the limit and how many steps were folded. */
export function limitDepth(doc: ExplainDocument, limit: number): ExplainDocument {
  const before = count(doc.tree);
  const pruned = cut(doc.tree, 0, limit);
  const shown = new Set<number>();
  collectIds(pruned, shown);
  const tree = relink(pruned, shown);
  return { ...doc, tree, depth: { limit, folded: before - count(tree) } };
}
