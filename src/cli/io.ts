/**
 * The streams and environment a command sees. Commands never touch `process`
 * directly, so tests can run them in-process and the CLI stays one testable function.
 */
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
}

/** Colour only on a terminal, never with NO_COLOR or --no-color; FORCE_COLOR forces it on. */
export function colorEnabled(stream: Io['stdout'], env: Io['env'], flag: boolean): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}
