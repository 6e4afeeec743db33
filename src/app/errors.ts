/**
 * How a use case fails: not an exit code (that is the CLI's word for it, src/cli/errors.ts)
 * but what kind of failure it is. A use case throws AppError; the CLI maps the kind to
 * its exit code in one place (src/cli/main.ts, handleError).
 */
import type { Diagnostic } from '../source/diagnostics.js';

/**
 * `usage`: the request itself is wrong (an unknown metric, a bad option value);
 * `invalid-input`: a scenario cannot be modelled; `output`: a result could not be written.
 */
export type Failure = 'usage' | 'invalid-input' | 'output';

/** Marks an AppError across the bundles' copies of this module (as src/cli/errors.ts does for CliError). */
const APP_ERROR = Symbol.for('peerplan.AppError');

export class AppError extends Error {
  readonly [APP_ERROR] = true;

  constructor(
    message: string,
    readonly failure: Failure,
    /** Already reported through the listener (e.g. the diagnostics of an invalid file): nothing more to say. */
    readonly reported = false,
  ) {
    super(message);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== AppError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as { [APP_ERROR]?: unknown })[APP_ERROR] === true;
  }
}

export const usageFailure = (message: string): AppError => new AppError(message, 'usage');

/**
 * A scenario that failed to load: a `--set` (or `--vary`) path the scenario does not
 * have is a mistake in the request (usage), anything else bad input.
 */
export const loadFailure = (diagnostics: readonly { code: Diagnostic['code'] | string }[]): Failure =>
  diagnostics.some((d) => d.code === 'SET_PATH_NOT_FOUND') ? 'usage' : 'invalid-input';
