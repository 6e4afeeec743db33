/**
 * Streaming output for long results (sweeps): chunks are buffered and written with
 * back-pressure to stdout, or to a temporary file renamed into place at the end, so
 * an interrupted run never leaves a half-written output file behind. The temporary
 * file is made as src/write/temp.ts says; a device, FIFO or /dev/stdout is written in
 * place, as in src/write/atomic.ts.
 */
import { closeSync, fsyncSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkWritable, refused } from './atomic.js';
import { classifyTarget, closeQuietly, createTemporary, discardTemporary, openDirect, untrack, writeFully } from './temp.js';

export interface Sink {
  write(chunk: string): Promise<void>;
  /** Flushes and, for a file, moves it into place. */
  close(): Promise<void>;
  /** Discards a partly written file. */
  abort(): void;
}

interface Writable {
  write(chunk: string): unknown;
  once?(event: 'drain', listener: () => void): unknown;
}

const FLUSH_AT = 1 << 16;

export function streamSink(stream: Writable): Sink {
  let buffer = '';
  const flush = async (): Promise<void> => {
    if (buffer === '') return;
    const chunk = buffer;
    buffer = '';
    const ok = stream.write(chunk);
    if (ok === false && stream.once) await new Promise<void>((done) => stream.once?.('drain', done));
  };
  return {
    async write(chunk) {
      buffer += chunk;
      if (buffer.length >= FLUSH_AT) await flush();
    },
    close: flush,
    abort() {
      buffer = '';
    },
  };
}

/** A file sink; every failure (opening, writing, flushing, moving) is a WriteRefusedError naming `shown`. */
export function fileSink(path: string, protect: readonly string[], shown = path): Sink {
  const target = resolve(path);
  const existing = checkWritable(target, shown, protect);
  const classified = classifyTarget(target);
  const direct = 'kind' in classified && classified.kind === 'direct';
  let temp = target;
  let fd: number;
  let borrowed = false;
  try {
    if (direct) ({ fd, borrowed } = openDirect(target));
    else ({ temp, fd } = createTemporary(target, existing?.isFile() ? existing.mode & 0o777 : 0o644));
  } catch (err) {
    throw refused(err, shown);
  }
  let buffer = '';
  let open = true;
  const flush = (): void => {
    if (buffer === '') return;
    const bytes = Buffer.from(buffer, 'utf8');
    buffer = '';
    writeFully(fd, bytes);
  };
  const fail = (err: unknown): never => {
    if (open && !borrowed) closeQuietly(fd);
    open = false;
    if (!direct) discardTemporary(temp);
    throw refused(err, shown);
  };
  return {
    async write(chunk) {
      buffer += chunk;
      if (buffer.length >= FLUSH_AT) {
        try {
          flush();
        } catch (err) {
          fail(err);
        }
      }
    },
    async close() {
      try {
        flush();
        if (!direct) fsyncSync(fd);
        open = false;
        if (!borrowed) closeSync(fd);
        if (!direct) {
          renameSync(temp, target);
          untrack(temp);
        }
      } catch (err) {
        fail(err);
      }
    },
    abort() {
      if (open && !borrowed) closeQuietly(fd);
      open = false;
      if (!direct) discardTemporary(temp);
    },
  };
}
