import { EXIT, type ExitCode } from './exit-codes.js';
import { loadFailure, type Failure } from '../app/errors.js';

/**
 * Marks a CliError. The bundled CLI holds two copies of this module (the shell in
 * dist/peerplan.js and the commands' chunks, src/build/bundle.ts), so `instanceof`
 * goes by this mark rather than by which copy's class made the error.
 */
const CLI_ERROR = Symbol.for('peerplan.CliError');

/**
 * An error the user can act on. Commands throw it; `main` prints its message
 * (never a stack trace) and returns its exit code.
 */
export class CliError extends Error {
  readonly [CLI_ERROR] = true;

  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Already printed (e.g. diagnostics written to stderr): just exit. */
    readonly reported = false,
  ) {
    super(message);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // A subclass keeps the ordinary prototype check.
    if (this !== CliError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as { [CLI_ERROR]?: unknown })[CLI_ERROR] === true;
  }
}

/**
 * The exit code for a scenario that failed to load: a `--set` (or `--vary`) path the
 * scenario does not have is a mistake on the command line (2), anything else bad input (1).
 */
export const loadFailureExit = (diagnostics: readonly { code: string }[]): ExitCode => EXIT_FOR_FAILURE[loadFailure(diagnostics)];

/** The exit code of each kind of use-case failure (src/app/errors.ts). */
export const EXIT_FOR_FAILURE: Record<Failure, ExitCode> = { usage: EXIT.USAGE, 'invalid-input': EXIT.INVALID_INPUT, output: EXIT.OUTPUT };

export const usageError = (message: string): CliError => new CliError(message, EXIT.USAGE);
export const outputError = (message: string): CliError => new CliError(message, EXIT.OUTPUT);
