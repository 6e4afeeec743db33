/**
 * What every command does around its use case (src/app/): give it the sources
 * (files, standard input), and emit what it made (stdout or an atomic --out).
 */
import { resolve } from 'node:path';
import type { CommandContext } from '../io.js';
import { outputError, usageError } from '../errors.js';
import { checkOut } from '../options.js';
import type { Sources } from '../../app/context.js';
import type { RenderOptions } from '../../render/registry.js';
import { MAX_FILE_BYTES } from '../../read/read-file.js';
import { liveWorkbookRefusal, valuesWorkbookRefusal } from '../../render/workbook/limits.js';
import { writeFileAtomic, WriteRefusedError } from '../../write/atomic.js';
import { awaitReader } from '../../write/reader.js';

/** Standard input, read once per command however many times `-` is named (a stream can be read only once). */
const stdinRead = new WeakMap<object, Promise<Uint8Array>>();

/**
 * The bytes of standard input, for a scenario file named `-`. A terminal there is a
 * usage error (exit 2): waiting for typed YAML would look like a hang.
 */
export function readStdin(ctx: CommandContext): Promise<Uint8Array> {
  const stdin = ctx.io.stdin;
  if (stdin === undefined || stdin.isTTY === true) {
    return Promise.reject(usageError('- reads a scenario from standard input, but nothing is piped in; e.g. cat option.yaml | peerplan run -'));
  }
  let read = stdinRead.get(ctx.io);
  if (read === undefined) {
    read = (async () => {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of stdin) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
        chunks.push(buf);
        size += buf.length;
        if (size > MAX_FILE_BYTES) break; // enough to say it is too large, without holding all of it
      }
      return Buffer.concat(chunks);
    })();
    stdinRead.set(ctx.io, read);
  }
  return read;
}

/** Where a use case reads its files from: the command's folder and standard input. */
export function sources(ctx: CommandContext): Sources {
  return { cwd: ctx.io.cwd, allowExtendsOutside: ctx.global.allowExtendsOutside, extendsRoot: ctx.global.extendsRoot, stdin: () => readStdin(ctx) };
}

/** Data goes to stdout (also for `--out -`), or atomically to --out (never over a scenario file). */
/**
 * For a `catch`: a refused write (a full disk, a protected input, a folder in the way) is
 * an output error, exit 3, like every command's; anything else goes on as it was.
 */
export function rethrowRefused(err: unknown): never {
  if (err instanceof WriteRefusedError) throw outputError(err.message);
  throw err;
}

export async function emit(ctx: CommandContext, content: string | Uint8Array, out: string | undefined, protect: readonly string[]): Promise<void> {
  checkOut(out);
  if (out === '-' && typeof content !== 'string') {
    // Bytes (a workbook) go out as they are: `--out - > book.xlsx`.
    (ctx.io.stdout as { write(chunk: string | Uint8Array): unknown }).write(content);
    return;
  }
  if (out === undefined || out === '-') {
    ctx.io.stdout.write(typeof content === 'string' ? content : Buffer.from(content).toString('utf8'));
    return;
  }
  try {
    await awaitOutputReader(ctx, out);
    writeFileAtomic(resolve(ctx.io.cwd, out), content, { protect: protect.map((p) => resolve(ctx.io.cwd, p)), shown: out });
  } catch (err) {
    rethrowRefused(err);
  }
  if (!ctx.global.quiet) ctx.io.stderr.write(`Wrote ${out}\n`);
}

/** If `out` is a FIFO without a reader yet, says so and waits for one (Ctrl-C stops the wait; src/write/reader.ts). */
export async function awaitOutputReader(ctx: CommandContext, out: string): Promise<void> {
  await awaitReader(resolve(ctx.io.cwd, out), out, () => {
    if (!ctx.global.quiet) ctx.io.stderr.write(`peerplan: waiting for a reader on ${out} (a FIFO; Ctrl-C to stop)\n`);
  });
}

export function outputWidth(ctx: CommandContext): number {
  const columns = ctx.io.stdout.isTTY ? ctx.io.stdout.columns : undefined;
  return columns && columns > 40 ? columns : 100;
}

/** What a renderer needs from the command line: colour only on a terminal (never into a file), its width, and the layout switches. */
export function renderOptions(
  ctx: CommandContext,
  opts: { out?: string | undefined; monthly?: boolean | undefined; wide?: boolean | undefined; xlsxValues?: boolean | undefined },
): RenderOptions {
  return {
    color: ctx.global.color && opts.out === undefined,
    width: outputWidth(ctx),
    monthly: opts.monthly === true,
    wide: opts.wide === true,
    ...(opts.xlsxValues === true ? { xlsxValues: true } : {}),
  };
}

/** Refuses, before any file is read, a live workbook of more options than one can hold (src/render/workbook/limits.ts). */
export function refuseOversizedWorkbook(format: string, xlsxValues: boolean | undefined, options: number): void {
  if (format !== 'xlsx') return;
  const why = xlsxValues === true ? valuesWorkbookRefusal(options) : liveWorkbookRefusal(options);
  if (why !== null) throw usageError(why);
}
