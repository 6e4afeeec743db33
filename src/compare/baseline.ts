/**
 * Which option the others are measured against, and why, so a board never reads a
 * baseline that was chosen by the order a shell or a folder listing happened to give.
 * Order of precedence: `--baseline FILE`, then the one scenario marked `baseline: true`,
 * then the first file as given on the command line.
 */
import { resolve } from 'node:path';
import type { BaselineMark } from '../scenario/origin.js';

export type { BaselineMark };

export type BaselineReason = 'option' | 'marked' | 'first';

export interface BaselineCandidate {
  file: string;
  marked?: BaselineMark | undefined;
}

export interface BaselineChoice {
  index: number;
  reason: BaselineReason;
}

/** Two or more scenarios marked `baseline: true` and no --baseline to settle it. */
export class BaselineConflictError extends Error {
  constructor(readonly marks: readonly BaselineMark[]) {
    super(
      `${marks.length} scenarios are marked baseline: true (${marks.map((m) => `${m.file}:${m.line}:${m.column}`).join(' and ')}); ` +
        'mark only one, or choose with --baseline FILE, e.g. --baseline ' + (marks[0]?.file ?? 'baseline.yaml'),
    );
  }
}

/** The words every output uses after the baseline's name. */
export function baselineReasonText(reason: BaselineReason): string {
  switch (reason) {
    case 'option':
      return '--baseline';
    case 'marked':
      return 'marked baseline: true';
    case 'first':
      return 'first file given';
  }
}

/**
 * @param option the --baseline file as given (already among the candidates), if any
 * @param cwd the folder --baseline and the candidates' paths are relative to
 */
export function chooseBaseline(candidates: readonly BaselineCandidate[], option: string | undefined, cwd: string): BaselineChoice {
  if (option !== undefined) {
    const wanted = resolve(cwd, option);
    const index = candidates.findIndex((c) => resolve(cwd, c.file) === wanted);
    if (index >= 0) return { index, reason: 'option' };
  }
  const marked = candidates.flatMap((c, index) => (c.marked ? [{ index, mark: c.marked }] : []));
  if (marked.length > 1) throw new BaselineConflictError(marked.map((m) => m.mark));
  if (marked.length === 1) return { index: (marked[0] as { index: number }).index, reason: 'marked' };
  return { index: 0, reason: 'first' };
}
