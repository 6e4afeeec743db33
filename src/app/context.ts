/**
 * What a use case is given besides its request: where files are (no `process`), and a
 * listener for what it finds on the way. Nothing here writes to a stream or exits.
 */
import type { Diagnostic } from '../source/diagnostics.js';

export interface Sources {
  /** The folder relative file names are read from. */
  cwd: string;
  /** `--allow-extends-outside`: `extends` may name files outside the scenario's folder tree. */
  allowExtendsOutside: boolean;
  /** `--extends-root FOLDER` (absolute): `extends` may read scenario files anywhere under it. */
  extendsRoot?: string | undefined;
  /** The bytes of standard input, for a file named `-` (read once, however often it is named). */
  stdin(): Promise<Uint8Array>;
}

export interface Listener {
  /** The diagnostics of one file (or one varied value), every one found, errors and warnings. */
  diagnostics?(diagnostics: readonly Diagnostic[]): void;
  /** Long work: `done` of `total` steps of the work called `label` (e.g. `sensitivity`). */
  progress?(label: string, done: number, total: number): void;
  /** The long work is over (a progress view clears itself). */
  progressEnd?(): void;
  /** A warning about the request as a whole, not one file (options that value different benefits): lines of plain text. */
  warning?(lines: readonly string[]): void;
  /** A note about how figures were made (inputs given as ranges use their central values). */
  note?(text: string): void;
  /** Awaited between steps of long work: the CLI returns to the event loop there now and then, so a signal stops it. */
  checkpoint?(): Promise<void>;
}
