/**
 * The calculation tree `peerplan explain` prints (docs/OUTPUT.md, "explain"). One shape
 * serves the text and JSON renderers.
 */
import type { Origin } from '../scenario/origin.js';

export type ExplainValue = number | string | boolean | null | number[];

/** An input's origin; reference values carry their citation in words as well. */
export type ExplainOrigin = Exclude<Origin, { kind: 'reference' }> | (Extract<Origin, { kind: 'reference' }> & { citation: string });

export interface ExplainNode {
  /** Set on nodes that another node points to with `see`; numbered in print order. */
  id?: number;
  label: string;
  value: ExplainValue;
  /** '£', '£/year', 'WTE', 'fraction' (shown as %), 'index 0-100', … or an input's schema unit. */
  unit: string;
  /** The step's formula as docs/MODEL.md writes it. */
  formula?: string;
  /** The docs/MODEL.md section, e.g. '§6'. */
  section?: string;
  /**
   * `sum`: value = Σ children values exactly (money to the penny); `difference`: value =
   * first child − second. Other nodes show the inputs of their formula.
   */
  op?: 'sum' | 'difference';
  /** Scenario input: its dot path. */
  input?: string;
  /** Reference value: its key in the data set. */
  reference?: string;
  /** Leaves (inputs and reference values): where the value came from. */
  origin?: ExplainOrigin;
  /** This step is explained at the node with this id (earlier in the tree); it has no children here. */
  see?: number;
  /** `explain --depth`: how many steps below this node were folded at the cut. */
  folded?: number;
  /** `explain --depth`: the step this one repeats was worked out below the cut, so it is not shown. */
  see_folded?: true;
  children: ExplainNode[];
}

export type ScopeKind = 'horizon' | 'year' | 'month';

export interface ExplainDocument {
  peerplan_version: string;
  scenario: { name: string; file: string; hash: string; reference: string };
  metric: string;
  scope: { kind: ScopeKind; label: string; from: string; to: string };
  tree: ExplainNode;
  /** Present with `explain --depth N`: the depth kept (the figure is depth 0) and the number of steps folded below it. */
  depth?: { limit: number; folded: number };
}
