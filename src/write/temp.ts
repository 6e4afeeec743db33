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
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
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
  /** A character device (`/dev/null`, a terminal), a FIFO, or a descriptor's name (`/dev/stdout`): opened and written as it is. */
  | 'direct';

/** Why an output path is refused, completing "<the path as shown> ..." in the message. */
export interface Refusal {
  refuse: string;
}

const SYSTEM_PATH = /^\/(proc|dev)\//;

/**
 * A name for one of this process's own descriptors, as a shell redirection gives it
 * (`--out /dev/stdout`, `3>>log --out /dev/fd/3`): written to that descriptor itself,
 * which also works where reopening it cannot (a socket, a pipe from a parent process).
 */
function ownDescriptor(target: string): number | undefined {
  const m = /^\/(?:dev\/(?:(stdout)|(stderr)|fd\/(\d+))|proc\/(?:self|thread-self|(\d+))\/fd\/(\d+))$/.exec(target);
  if (!m) return undefined;
  if (m[4] !== undefined && Number(m[4]) !== process.pid) return undefined;
  return m[1] ? 1 : m[2] ? 2 : Number(m[3] ?? m[5]);
}

/** Another process's descriptor (`/proc/PID/fd/N`), named by the user: reopened where its link leads. */
const OTHER_DESCRIPTOR = /^\/proc\/\d+\/fd\/\d+$/;

/**
 * Whether the link at `path` leads, at any step after the first, through /proc or /dev
 * (`/proc/self/root/...`, `/dev/stdout`, `/dev/fd/N`): a way to reach a file or a
 * descriptor that a link someone planted must never be followed to.
 */
function linksIntoSystem(path: string): boolean {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (hops > 0 && SYSTEM_PATH.test(current)) return true;
      if (!lstatSync(current).isSymbolicLink()) return false;
      link = readlinkSync(current);
    } catch {
      return false;
    }
    current = isAbsolute(link) ? link : resolve(dirname(current), link);
  }
  return true;
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

const whatItIs = (st: Stats): string => (st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : st.isBlockDevice() ? 'a block device' : 'a device');

/**
 * Decides how `target` (absolute) is written, from what is at that name now. Only the
 * name the user gave (`named`; a batch's own file names are not) may be a device, a
 * FIFO or a descriptor's name, written in place as a shell redirection would be:
 * replacing a device or a FIFO with a regular file would break it for everyone. A
 * symbolic link at the name is never followed into one (nor through /proc or /dev):
 * someone who can write in a shared output folder could plant it there to send the
 * output into their FIFO, or append it to a file of yours. A link to a regular file is
 * replaced by the new file, which leaves the file it pointed to alone.
 */
export function classifyTarget(target: string, named = true): { kind: TargetKind } | Refusal {
  const followed = statOrUndefined(target);
  if (named && (ownDescriptor(target) !== undefined || OTHER_DESCRIPTOR.test(target) || target === '/dev/stdin')) {
    if (followed?.isBlockDevice()) return { refuse: 'is a block device, not a file; give a file name, e.g. result.json' };
    return { kind: followed === undefined ? 'atomic' : 'direct' };
  }
  const own = lstatOrUndefined(target);
  if (own === undefined) return { kind: 'atomic' };
  if (own.isSymbolicLink()) {
    if ((followed !== undefined && !followed.isFile() && !followed.isDirectory()) || linksIntoSystem(target)) {
      return {
        refuse:
          'is a symbolic link into /proc or /dev, or to a device or FIFO; peerplan writes through such a link only when given its own name (as /dev/stdout): give the device\'s own name, or remove the link',
      };
    }
    return { kind: 'atomic' };
  }
  if (own.isBlockDevice() || own.isSocket()) return { refuse: `is ${whatItIs(own)}, not a file; give a file name, e.g. result.json` };
  if (own.isFIFO() || own.isCharacterDevice()) {
    if (!named) return { refuse: `is ${whatItIs(own)}, not a file; peerplan writes its own file names only as regular files` };
    // As the kernel's protected_fifos does for files created in shared folders.
    const me = process.geteuid?.();
    if (own.isFIFO() && me !== undefined && own.uid !== me && !target.startsWith('/dev/')) {
      return { refuse: 'is a FIFO owned by another user; peerplan writes only into a FIFO of your own' };
    }
    return { kind: 'direct' };
  }
  if (named && own.isFile() && target.startsWith('/proc/')) return { kind: 'direct' };
  return { kind: 'atomic' };
}

/** `classifyTarget` as one word (`existing` is no longer needed: the name is looked at again). */
export function targetKind(target: string, _existing?: Stats, named = true): TargetKind | 'refuse' {
  const c = classifyTarget(target, named);
  return 'refuse' in c ? 'refuse' : c.kind;
}

/** Stat following links, or undefined if nothing is there. */
export function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** FIFOs held open by `awaitReader` (src/write/reader.ts) until the write opens them. */
const heldOpen = new Map<string, number>();

/** Keeps `fd`, open on the FIFO `target`, for `openDirect` (a reader that came would see end of file if it were closed). */
export function holdOpen(target: string, fd: number): void {
  const old = heldOpen.get(target);
  if (old !== undefined) closeQuietly(old);
  heldOpen.set(target, fd);
}

/** What a direct write writes to: a descriptor, and whether it is ours to close. */
export interface DirectTarget {
  fd: number;
  /** A descriptor the process already had (/dev/stdout): written, never closed. */
  borrowed: boolean;
}

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

/**
 * Opens a device, a FIFO or a descriptor's name for writing as it is: never created,
 * never truncated (appending keeps a `>>` redirection's content). Never blocks: a FIFO
 * without a reader fails with ENXIO (src/write/reader.ts waits for one first), and a
 * full pipe is waited for by `writeFully`. A name that is not a descriptor's is opened
 * without following a link, and must still be a device or a FIFO once open (nothing
 * was swapped in meanwhile).
 */
export function openDirect(target: string): DirectTarget {
  const own = ownDescriptor(target);
  if (own !== undefined) return { fd: own, borrowed: true };
  const held = heldOpen.get(target);
  if (held !== undefined) {
    heldOpen.delete(target);
    return { fd: held, borrowed: false };
  }
  const descriptor = OTHER_DESCRIPTOR.test(target);
  const fd = openSync(target, constants.O_WRONLY | constants.O_APPEND | O_NONBLOCK | (descriptor ? 0 : O_NOFOLLOW));
  if (!descriptor) {
    const st = fstatSync(fd);
    if (!st.isFIFO() && !st.isCharacterDevice() && !(st.isFile() && target.startsWith('/proc/'))) {
      closeQuietly(fd);
      throw Object.assign(new Error('changed while being opened'), { code: 'ECHANGED' });
    }
  }
  return { fd, borrowed: false };
}

/** How long a write waits for a full pipe's reader to read before giving up. */
export const STALLED_AFTER_MS = 60_000;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `bytes`: write(2) may write less than asked (signals, large pieces), and
 * a non-blocking pipe or terminal says EAGAIN while full; that is waited for, up to
 * STALLED_AFTER_MS without progress (a reader that stopped reading), then EAGAIN is thrown.
 */
export function writeFully(fd: number, bytes: Uint8Array): void {
  let stalledSince: number | undefined;
  for (let done = 0; done < bytes.length; ) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
      stalledSince = undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      const now = Date.now();
      stalledSince ??= now;
      if (now - stalledSince > STALLED_AFTER_MS) throw err;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}

/** Closes a descriptor, ignoring a failure (after another error). */
export function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already failing: the first error is the one to report.
  }
}
