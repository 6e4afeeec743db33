/**
 * A FIFO named as an output has no reader until someone opens it for reading, and
 * opening it for writing would block until then, deaf to Ctrl-C (issue #24, N5). So the
 * FIFO is opened without blocking, again every 100 ms while the event loop stays free
 * (a signal stops the wait), for at most READER_WAIT_MS; once a reader is there, the
 * descriptor is kept for the write (src/write/temp.ts, `holdOpen`).
 */
import { constants, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { refused } from './atomic.js';
import { classifyTarget, holdOpen, statOrUndefined } from './temp.js';

/** How long an output FIFO is waited for a reader. */
export const READER_WAIT_MS = 60_000;

const OPEN_FOR_READER = constants.O_WRONLY | constants.O_APPEND | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/**
 * If `path` is a FIFO the user named, waits (asynchronously) until it has a reader;
 * `onWait` is called once if it has none yet. Anything else returns at once, and the
 * write decides. Fails with a WriteRefusedError (ENXIO) after `waitMs` without a reader.
 */
export async function awaitReader(path: string, shown: string, onWait: () => void, waitMs = READER_WAIT_MS): Promise<void> {
  const target = resolve(path);
  const classified = classifyTarget(target);
  if (!('kind' in classified) || classified.kind !== 'direct' || target.startsWith('/proc/') || target.startsWith('/dev/')) return;
  if (!statOrUndefined(target)?.isFIFO()) return;
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      holdOpen(target, openSync(target, OPEN_FOR_READER));
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENXIO' || Date.now() >= deadline) throw refused(err, shown);
    }
    if (!told) onWait();
    told = true;
    await new Promise((done) => setTimeout(done, 100));
  }
}
