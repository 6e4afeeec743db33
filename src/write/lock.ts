/**
 * A lock on an output folder, so two batches writing into one folder at once cannot
 * mix one run's summary with the other's comparison. The lock is a file,
 * `.peerplan.lock`, created exclusively (O_EXCL: of two processes exactly one
 * succeeds) holding the holder's PID, host and start time. A lock whose holder no
 * longer runs on this machine (killed with SIGKILL, a power cut) is taken over; one
 * held from another machine (a network folder) is never taken over, since its PID
 * cannot be checked from here: the error names the file to delete if it is stale.
 */
import { constants, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync, closeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { processAlive, thisHost, track, untrack } from './temp.js';
import { WriteRefusedError, refused } from './atomic.js';

export const LOCK_NAME = '.peerplan.lock';

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export interface FolderLock {
  path: string;
  /** A stale lock taken over from a process that no longer runs, if any (to mention). */
  tookOver: LockHolder | null;
  release(): void;
}

function readHolder(path: string): LockHolder | null {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof data.pid !== 'number' || typeof data.host !== 'string') return null;
    return { pid: data.pid, host: data.host, since: typeof data.since === 'string' ? data.since : 'an unknown time' };
  } catch {
    return null;
  }
}

const CREATE_EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

function tryCreate(path: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(path, CREATE_EXCLUSIVE, 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  track(path);
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Moves a stale lock aside and removes it, unless another process replaced it
 * meanwhile (then it is put back). Returns whether the stale lock is gone.
 */
function removeStale(path: string, stale: LockHolder): boolean {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return true; // Already gone: someone else took it over, or it was released; try again.
  }
  const moved = readHolder(aside);
  if (moved === null || (moved.pid === stale.pid && moved.host === stale.host && moved.since === stale.since)) {
    rmSync(aside, { force: true });
    return true;
  }
  // Another process's fresh lock was moved by mistake: put it back (link fails if a third made one meanwhile).
  try {
    linkSync(aside, path);
  } catch {
    // Nothing more to do safely.
  }
  rmSync(aside, { force: true });
  return false;
}

/** Takes the lock on `dir` (shown as `shown`), or throws a WriteRefusedError naming the holder and the lock file. */
export function lockFolder(dir: string, shown: string): FolderLock {
  const path = join(dir, LOCK_NAME);
  const shownPath = `${shown.replace(/\/+$/, '')}/${LOCK_NAME}`;
  const me: LockHolder = { pid: process.pid, host: thisHost(), since: new Date().toISOString() };
  let tookOver: LockHolder | null = null;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      if (tryCreate(path, me)) {
        return {
          path,
          tookOver,
          release() {
            untrack(path);
            // Only our own lock: never one a later process took over.
            if (readHolder(path)?.pid === me.pid) rmSync(path, { force: true });
          },
        };
      }
    } catch (err) {
      throw refused(err, shownPath);
    }
    const holder = readHolder(path);
    if (holder === null) {
      // Created but not yet written this instant (or not a lock of ours): look again shortly, then do not guess.
      if (attempt < 4) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
        continue;
      }
      throw new WriteRefusedError(`the output folder ${shown} is locked (${shownPath} exists); another peerplan batch may be writing there. If none is, delete ${shownPath} and try again`);
    }
    const stale = holder.host === thisHost() && !processAlive(holder.pid);
    if (!stale) {
      const where = holder.host === thisHost() ? '' : ` on ${holder.host}`;
      throw new WriteRefusedError(
        `the output folder ${shown} is in use by another peerplan batch (process ${holder.pid}${where}, since ${holder.since}; lock file ${shownPath}). ` +
          `Wait for it to finish or choose another --out folder${where ? `; if that process is no longer running, delete ${shownPath}` : ''}`,
      );
    }
    if (removeStale(path, holder)) tookOver = holder;
  }
  throw new WriteRefusedError(`could not lock the output folder ${shown}: ${shownPath} keeps changing; another peerplan batch may be starting there`);
}
