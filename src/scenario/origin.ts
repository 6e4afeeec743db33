/**
 * Where each resolved input value came from. Later commands (`explain`, the
 * assumptions log in reports) use this to trace every number to its source.
 */
export type Origin =
  /** Written in a scenario file (the file itself or an `extends` parent). */
  | { kind: 'file'; file: string; line: number; column: number; inherited: boolean }
  /** Given on the command line with `--set PATH=VALUE`. */
  | { kind: 'set'; expression: string }
  /** Taken from a reference data set value. */
  | { kind: 'reference'; dataset: string; key: string; source: string }
  /** Taken from an evidence library entry or unit cost (`peerplan evidence`); `note` says how, and whether it is unverified. */
  | { kind: 'evidence'; library: string; id: string; note: string }
  /** A documented peerplan default (docs/SCENARIO.md). */
  | { kind: 'default'; note: string };

/** Resolved input values keyed by dot path (`workforce.contract.type`, `benefits[0].quantity`). */
export type OriginMap = Record<string, Origin>;

export interface LoadedScenario {
  /** Path as the user gave it. */
  file: string;
  /** Files read, child first: the file, then each `extends` parent. */
  chain: string[];
  scenario: import('./types.js').Scenario;
  origins: OriginMap;
  /** sha256 (hex) of the resolved scenario's canonical JSON. */
  hash: string;
  /** Where the file itself says `baseline: true` (never inherited); absent otherwise. */
  baseline_mark?: BaselineMark;
  /** Inputs given as ranges (src/uncertainty/ranges.ts); the scenario holds their central values. Absent when none. */
  ranges?: import('./ranges.js').RangedInput[];
  /**
   * The files (and any `--set` layer) merged as written, before defaults: what the
   * interactive page validates a changed value against, with the same rules (issue #28
   * item 4). A function, so the many resolves of a sweep or sensitivity pay nothing for it.
   */
  merged?: () => Record<string, unknown>;
}

/** Where a scenario says `baseline: true` (its own file, not inherited through `extends`). */
export interface BaselineMark {
  file: string;
  line: number;
  column: number;
}
