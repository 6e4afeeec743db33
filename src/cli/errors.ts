import { EXIT, type ExitCode } from './exit-codes.js';

/**
 * An error the user can act on. Commands throw it; `main` prints its message
 * (never a stack trace) and returns its exit code.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Already printed (e.g. diagnostics written to stderr): just exit. */
    readonly reported = false,
  ) {
    super(message);
  }
}

export const usageError = (message: string): CliError => new CliError(message, EXIT.USAGE);
export const outputError = (message: string): CliError => new CliError(message, EXIT.OUTPUT);
