/**
 * The streams and environment a command sees. Commands never touch `process`
 * directly, so tests can run them in-process and the CLI stays one testable function.
 */
import { EXIT } from './exit-codes.js';

export interface Io {
  /** Where `init` reads its answers (a terminal, or a stream a test types into); absent means no input. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface GlobalOptions {
  color: boolean;
  quiet: boolean;
  debug: boolean;
  /** `--allow-extends-outside`: `extends` may name files outside the scenario's folder tree. */
  allowExtendsOutside: boolean;
  /** `--extends-root FOLDER`, absolute: `extends` may read scenario files anywhere under it. */
  extendsRoot?: string | undefined;
}

/** What every command is given: the streams and the global options (--no-color, --quiet, ...). */
export interface CommandContext {
  io: Io;
  global: GlobalOptions;
}

/** Colour only on a terminal, never with NO_COLOR or --no-color; FORCE_COLOR forces it on. */
export function colorEnabled(stream: Io['stdout'], env: Io['env'], flag: boolean): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/** The signals peerplan stops on, and the exit code for each: 128 + the signal's number, as shells report it. */
export const SIGNAL_EXIT = { SIGHUP: EXIT.HANGUP, SIGINT: EXIT.CANCELLED, SIGTERM: EXIT.TERMINATED } as const;
export type StopSignal = keyof typeof SIGNAL_EXIT;

let lastYield = Date.now();

/**
 * Lets a pending SIGINT or SIGTERM be handled during a long computation. Awaiting a
 * resolved promise never returns to the event loop, where Node runs signal handlers,
 * so a loop calls this between steps; it yields at most every 50 ms, so costs nothing.
 */
export async function signalCheckpoint(): Promise<void> {
  const now = Date.now();
  if (now - lastYield < 50) return;
  lastYield = now;
  await new Promise<void>((done) => setImmediate(done));
}
