/**
 * Exit codes, documented in `peerplan --help` and the README. Scripts rely on them:
 * never renumber, only add.
 */
export const EXIT = {
  /** Success (warnings allowed). */
  OK: 0,
  /** Invalid input: a scenario failed to read or validate. */
  INVALID_INPUT: 1,
  /** Usage error: unknown command or option, bad option value. */
  USAGE: 2,
  /** Output could not be written (permissions, refusing to overwrite a scenario). */
  OUTPUT: 3,
  /** A --fail-on threshold was breached (batch). */
  THRESHOLD: 4,
  /** An internal error: a bug in peerplan. */
  INTERNAL: 70,
  /** peerplan is not built or not installed completely: a build output is missing (sysexits' EX_CONFIG). */
  NOT_BUILT: 78,
  /** Cancelled by the user (Ctrl-C, SIGINT; at a prompt of `peerplan init` nothing is written). 128 + SIGINT, as shells report it. */
  CANCELLED: 130,
  /** Stopped by SIGHUP (the terminal closed): temporary files removed, nothing half written. */
  HANGUP: 129,
  /** Stopped by SIGTERM: temporary files removed, nothing half written. 128 + 15. */
  TERMINATED: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `Exit codes:
  0   success (warnings allowed)
  1   invalid input: a scenario could not be read or failed validation, or gave a non-finite figure
  2   usage error: unknown command or option, a bad option value, or a --set path the scenario lacks
  3   output error: the output file could not be written
  4   a --fail-on threshold was breached
  70  internal error (a bug: please report it with --debug output)
  78  peerplan is not built or not installed completely (run npm run build, or reinstall)
  130 cancelled with Ctrl-C (SIGINT): no output left half written
  143 stopped by SIGTERM (129 by SIGHUP): no output left half written`;
