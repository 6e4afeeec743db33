// `explain --depth N` (src/explain/depth.ts): the cut keeps N levels below the figure,
// counts what it folds, and never leaves a `see [n]` pointing at a step that is not shown.
import { describe, expect, it } from 'vitest';
import { limitDepth } from '../../src/explain/depth.js';
import type { ExplainDocument, ExplainNode } from '../../src/explain/node.js';

const n = (label: string, children: ExplainNode[] = [], extra: Partial<ExplainNode> = {}): ExplainNode => ({ label, value: 1, unit: '£', children, ...extra });

const doc = (tree: ExplainNode): ExplainDocument => ({
  peerplan_version: 'test',
  scenario: { name: 's', file: 's.yaml', hash: 'h', reference: 'afc-2025-26' },
  metric: 'total_cost',
  scope: { kind: 'horizon', label: 'all', from: '2026-04', to: '2031-03' },
  tree,
});

describe('limitDepth', () => {
  // root ─ a ─ a1 ─ [1] a11      (7 nodes below the root)
  //      │    └ a2
  //      └ b ─ see [1]
  //           └ b1 ─ b11
  const tree = n('root', [n('a', [n('a1', [n('a11', [], { id: 1 })]), n('a2')]), n('b', [n('see', [], { see: 1 }), n('b1', [n('b11')])])]);

  it('folds every step below the cut and counts them per node and in all', () => {
    const cut = limitDepth(doc(tree), 1);
    expect(cut.tree.children.map((c) => [c.label, c.children.length, c.folded])).toEqual([
      ['a', 0, 3],
      ['b', 0, 3],
    ]);
    expect(cut.depth).toEqual({ limit: 1, folded: 6 });
  });

  it('turns a see [n] whose step was folded into a note, and keeps one whose step is shown', () => {
    const cut = limitDepth(doc(tree), 2);
    const b = cut.tree.children[1] as ExplainNode;
    expect(b.children[0]).toMatchObject({ label: 'see', see_folded: true });
    expect(b.children[0]?.see).toBeUndefined();
    expect(cut.depth).toEqual({ limit: 2, folded: 2 });
    const deep = limitDepth(doc(tree), 3);
    expect(deep.tree.children[1]?.children[0]?.see).toBe(1);
    expect(deep.depth).toEqual({ limit: 3, folded: 0 });
  });
});
