/**
 * Temporary files beside an output, and the rules for which targets get one.
 *
 * An output folder may be shared with other people (docs/SECURITY.md), so a temporary
 * file is never opened through a name someone else could have prepared: its name has
 * 64 random bits, and it is created exclusively without following a symbolic link
 * (O_CREAT | O_EXCL | O_NOFOLLOW); a name that already exists is never used, another is
 * drawn. Every temporary file this process holds is listed here, so a SIGINT or SIGTERM
 * can remove them (`removeTemporaryFiles`, called from bin through src/cli/main.ts), and
 * one left by a process that no longer runs (SIGKILL, power loss) is removed on the next
 * write into its folder.
 */
import { closeSync, constants, lstatSync, openSync, readdirSync, readlinkSync, rmSync, statSync, type Stats } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { removeTemporaryFiles, shared } from './registry.js';

/** 8 random bytes as hex, from the Web Crypto global (loaded only when first used, unlike node:crypto). */
const cryptoHex = (): string => Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(8))).toString('hex');

/** Replaceable in tests, to plant a file at the name that will be drawn. */
let randomHex = cryptoHex;

/** Test hook: use `source` for the random part of temporary names (undefined restores crypto). */
export function setTemporaryNameSource(source: (() => string) | undefined): void {
  randomHex = source ?? cryptoHex;
}

/** `.NAME.PID.RANDOM.tmp`: hidden, beside the target (so the final rename stays on one file system), with its owner's PID. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.([0-9a-f]{16})\.tmp$/;

const live = shared.live;
const swept = shared.swept;

export { removeTemporaryFiles };

export function track(path: string): void {
  live.add(path);
}

export function untrack(path: string): void {
  live.delete(path);
}

/** Whether a process with this PID runs on this machine (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This machine's name, as recorded in a batch lock. */
export function thisHost(): string {
  return hostname();
}

/**
 * A temporary file is taken for abandoned only when its owner is not running here and it
 * has not changed for this long: a folder shared over a network may hold another
 * machine's live temporary file, whose PID means nothing here, and a writer keeps its
 * file's modification time fresh.
 */
export const STALE_AFTER_MS = 10 * 60 * 1000;

/** Removes our own abandoned temporary files in `dir` (see STALE_AFTER_MS); never throws. */
export function sweepStaleTemporaries(dir: string, now = Date.now()): void {
  if (swept.has(dir)) return;
  swept.add(dir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match) continue;
    const pid = Number(match[2]);
    if (pid === process.pid || processAlive(pid)) continue;
    const path = join(dir, name);
    try {
      const st = lstatSync(path);
      // Only a plain file of ours: never a link someone planted, never a folder.
      if (st.isFile() && now - st.mtimeMs > STALE_AFTER_MS) rmSync(path, { force: true });
    } catch {
      // Gone meanwhile, or not ours to remove.
    }
  }
}

/** Forget which folders were swept (tests). */
export function resetSweptFolders(): void {
  swept.clear();
}

const CREATE_EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** Creates a fresh temporary file beside `target`; returns its path and descriptor. Throws the system error if none can be made. */
export function createTemporary(target: string, mode: number): { temp: string; fd: number } {
  const dir = dirname(target);
  sweepStaleTemporaries(dir);
  for (let attempt = 0; ; attempt++) {
    const temp = join(dir, `.${basename(target)}.${process.pid}.${randomHex()}.tmp`);
    try {
      const fd = openSync(temp, CREATE_EXCLUSIVE, mode);
      track(temp);
      return { temp, fd };
    } catch (err) {
      // The name exists (a file or a link someone put there): leave it alone and draw another.
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 100) continue;
      throw err;
    }
  }
}

/** Removes a temporary file (after a failure) and forgets it. */
export function discardTemporary(temp: string): void {
  untrack(temp);
  rmSync(temp, { force: true });
}

/** How an output path is written. */
export type TargetKind =
  /** A new path or a regular file: a temporary file moved into place. */
  | 'atomic'
  /** A character device (`/dev/null`, a terminal), a FIFO, or a link into /proc or /dev (`/dev/stdout`): opened and written as it is. */
  | 'direct';

const SYSTEM_PATH = /^\/(proc|dev)\//;

/**
 * Whether `path` is, or links through, a link in /proc or /dev (as /dev/stdout, /dev/fd/N
 * and /proc/self/fd/N are) or a file of /proc: a redirection's file, which is written
 * where it is. A regular file that merely sits under /dev (a tmpfs such as /dev/shm) is
 * an ordinary file, replaced atomically: written in place, it kept the end of its old
 * content after a shorter new one.
 */
function linksIntoSystem(path: string): boolean {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!lstatSync(current).isSymbolicLink()) return current.startsWith('/proc/');
      if (SYSTEM_PATH.test(current)) return true;
      link = readlinkSync(current);
    } catch {
      return false;
    }
    current = isAbsolute(link) ? link : resolve(dirname(current), link);
  }
  return false;
}

/**
 * Decides how `target` (absolute) is written, from what is there now (`existing`, its
 * stat following links). Replacing a device or a FIFO with a regular file would break
 * it for everyone (root may rename over /dev/full), so those are written in place; a
 * block device or a socket is refused by the caller (`kindError`).
 */
export function targetKind(target: string, existing: Stats | undefined): TargetKind | 'refuse' {
  if (existing === undefined) return 'atomic';
  if (existing.isCharacterDevice() || existing.isFIFO()) return 'direct';
  if (existing.isBlockDevice() || existing.isSocket()) return 'refuse';
  if (existing.isFile() && linksIntoSystem(target)) return 'direct';
  return 'atomic';
}

/** Stat following links, or undefined if nothing is there. */
export function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Opens a device, FIFO or /dev/stdout-style path for writing as it is: never created, never truncated (appending keeps a `>>` redirection's content). */
export function openDirect(target: string): number {
  return openSync(target, constants.O_WRONLY | constants.O_APPEND);
}

/** Closes a descriptor, ignoring a failure (after another error). */
export function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already failing: the first error is the one to report.
  }
}
