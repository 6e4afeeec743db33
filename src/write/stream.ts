/**
 * Streaming output for long results (sweeps): chunks are buffered and written with
 * back-pressure to stdout, or to a temporary file renamed into place at the end, so
 * an interrupted run never leaves a half-written output file behind.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync, fsyncSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { checkWritable } from './atomic.js';

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

export function fileSink(path: string, protect: readonly string[], shown = path): Sink {
  const target = resolve(path);
  checkWritable(target, shown, protect);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  const fd = openSync(temp, 'w', 0o644);
  let buffer = '';
  let open = true;
  const flush = (): void => {
    if (buffer !== '') writeSync(fd, buffer);
    buffer = '';
  };
  return {
    async write(chunk) {
      buffer += chunk;
      if (buffer.length >= FLUSH_AT) flush();
    },
    async close() {
      flush();
      fsyncSync(fd);
      closeSync(fd);
      open = false;
      renameSync(temp, target);
    },
    abort() {
      if (open) closeSync(fd);
      open = false;
      rmSync(temp, { force: true });
    },
  };
}
