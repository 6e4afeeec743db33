/**
 * The one place peerplan writes files. Content goes to a temporary file in the
 * target's directory and is then renamed over the target, so a reader never sees a
 * half-written file and a failure leaves the old file (or nothing) in place. The
 * temporary file is made safely in a shared folder (src/write/temp.ts). A character
 * device, a FIFO or /dev/stdout is written in place instead (replacing it with a file
 * would break it), so `--out /dev/full` fails as a full disk does.
 */
import { accessSync, closeSync, constants, existsSync, fsync, fsyncSync, linkSync, mkdirSync, openSync, readSync, renameSync, rmdirSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { classifyTarget, closeQuietly, createTemporary, discardTemporary, openDirect, untrack, writeFully, type TargetKind } from './temp.js';

export class WriteRefusedError extends Error {}

export interface WriteOptions {
  /** Files that must never be overwritten (the scenario inputs); a Set must hold absolute paths (checked without resolving each). */
  protect?: readonly string[] | ReadonlySet<string>;
  /** Never replace an existing file: refuse if the target exists, checked atomically when the file is moved into place (`init` without --force). */
  exclusive?: boolean;
  /** The content is a scenario meant to replace the target (`init --force`): skip the "looks like a scenario" guard. */
  replaceScenario?: boolean;
  /** The path as the user wrote it, for messages (default: `path`). */
  shown?: string;
  /**
   * Whether the user gave this name (default true): only such a name may be a device,
   * a FIFO or /dev/stdout, written in place. A batch's own file names are not.
   */
  named?: boolean;
}

/** Whether the file's first 4 KiB hold a `peerplan: N` line (only the head is read: the old output may be large). */
function looksLikeScenario(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.allocUnsafe(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    return /^peerplan:\s*\d/m.test(head.toString('utf8', 0, n));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether the user made `target` read-only: its owner's write bit is off (for the owner, root included), or we may not write it. */
function readOnly(target: string, st: Stats): boolean {
  if (process.geteuid?.() === st.uid) return (st.mode & 0o200) === 0;
  try {
    accessSync(target, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** Refuses a directory, a scenario file, a read-only file or a missing folder as an output path; returns the target's current stat, if any. */
export function checkWritable(target: string, shown: string, protect: readonly string[] | ReadonlySet<string> = [], replaceScenario = false, named = true): Stats | undefined {
  let existing: Stats | undefined;
  try {
    existing = statSync(target);
  } catch {
    existing = undefined;
  }
  if (existing?.isDirectory()) throw new WriteRefusedError(`${shown} is a directory; give a file name, e.g. ${join(shown, 'result.json')}`);
  const kind = classifyTarget(target, named);
  if ('refuse' in kind) throw new WriteRefusedError(`${shown} ${kind.refuse}`);
  if (existing?.isFile() && readOnly(target, existing)) {
    // A shell redirection would fail here; replacing the file would undo the user's chmod.
    throw new WriteRefusedError(`${shown} is read-only (mode ${(existing.mode & 0o777).toString(8).padStart(4, '0')}); make it writable (chmod u+w) or choose another output path`);
  }
  const isProtected = Array.isArray(protect) ? protect.some((p) => resolve(p) === target) : (protect as ReadonlySet<string>).has(target);
  if (isProtected || (!replaceScenario && existing?.isFile() && looksLikeScenario(target))) {
    throw new WriteRefusedError(`refusing to overwrite the scenario file ${shown}; choose another output path`);
  }
  const dir = dirname(target);
  try {
    if (!statSync(dir).isDirectory()) throw new WriteRefusedError(`${dirname(shown)} is not a directory`);
  } catch (err) {
    if (err instanceof WriteRefusedError) throw err;
    throw new WriteRefusedError(`the folder ${dirname(shown)} does not exist; create it first`);
  }
  return existing;
}

/** What a file is written from: text, bytes, or pieces of either written one after another (a large document need not be joined first). */
export type FileContent = string | Uint8Array | readonly (string | Uint8Array)[];

/** A temporary file holding the whole content, not yet flushed to disk or moved into place. */
interface Staged {
  /** The path as the user wrote it, for messages. */
  shown: string;
  target: string;
  /** The temporary file; for a direct write (a device, a FIFO), the target itself. */
  temp: string;
  fd: number;
  exclusive: boolean;
  kind: TargetKind;
  /** A descriptor the process already had (/dev/stdout): never closed. */
  borrowed: boolean;
}

/** What a system error code means, in words (the code itself is kept for searching). */
const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or folder',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  ENXIO: 'no reader on the other end',
  EPIPE: 'the reader closed the pipe',
  EAGAIN: 'the reader stopped reading',
  ELOOP: 'a symbolic link was put at that name',
  ECHANGED: 'the file changed while being opened',
};

/** A WriteRefusedError from any failure to write `path` (as shown to the user). */
export function refused(err: unknown, path: string): WriteRefusedError {
  if (err instanceof WriteRefusedError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const reason = code ? REASONS[code] : undefined;
  return new WriteRefusedError(`could not write ${path}${code ? ` (${reason ? `${reason}, ` : ''}${code})` : ''}`);
}

const writeBytes = writeFully;

const encoder = new TextEncoder();
/** One reused buffer for encoding text (batch writes hundreds of megabytes; a fresh buffer per file was page faults and copies). */
let encoded: Uint8Array | undefined;

function writeAll(fd: number, piece: string | Uint8Array): void {
  if (typeof piece !== 'string') return writeBytes(fd, piece);
  encoded ??= new Uint8Array(1 << 20);
  // encodeInto stops before a character that does not fit, never inside one.
  for (let rest = piece; rest.length > 0; ) {
    const { read, written } = encoder.encodeInto(rest, encoded);
    writeBytes(fd, encoded.subarray(0, written));
    rest = rest.slice(read);
  }
}

/** Checks the target and writes the content to a temporary file beside it. */
function stage(path: string, content: FileContent, options: WriteOptions): Staged {
  const target = resolve(path);
  const shown = options.shown ?? path;
  const named = options.named !== false;
  const existing = checkWritable(target, shown, options.protect ?? [], options.replaceScenario === true, named);
  if (options.exclusive && existing) throw new WriteRefusedError(`${shown} already exists`);
  const classified = classifyTarget(target, named);
  const kind = 'kind' in classified ? classified.kind : 'atomic';
  let fd: number | undefined;
  let borrowed = false;
  // Set only once a temporary file exists: a failure before that must never remove the target.
  let temp: string | undefined;
  try {
    if (kind === 'direct') ({ fd, borrowed } = openDirect(target));
    else ({ temp, fd } = createTemporary(target, existing?.isFile() ? existing.mode & 0o777 : 0o644));
    for (const piece of typeof content === 'string' || content instanceof Uint8Array ? [content] : content) writeAll(fd, piece);
    return { shown, target, temp: temp ?? target, fd, exclusive: options.exclusive === true, kind, borrowed };
  } catch (err) {
    if (fd !== undefined && !borrowed) closeQuietly(fd);
    if (temp !== undefined) discardTemporary(temp);
    throw refused(err, shown);
  }
}

/** After the content is on disk: closes the temporary file and moves it into place (or removes it on failure). */
function commit(staged: Staged, flushError: unknown): void {
  const { shown, target, temp } = staged;
  if (staged.kind === 'direct') {
    try {
      if (!staged.borrowed) closeSync(staged.fd);
    } catch (err) {
      flushError ??= err;
    }
    // A device or a pipe need not support fsync (EINVAL): only a failed write counts.
    const code = (flushError as NodeJS.ErrnoException | undefined)?.code;
    if (flushError !== undefined && code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EROFS') throw refused(flushError, shown);
    return;
  }
  try {
    closeSync(staged.fd);
    if (flushError !== undefined) throw flushError;
    if (staged.exclusive) {
      // link() fails if the target appeared meanwhile: no file is ever replaced.
      try {
        linkSync(temp, target);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new WriteRefusedError(`${shown} already exists`);
        // A file system without hard links: check, then move (not atomic against a race).
        if (statSync(target, { throwIfNoEntry: false })) throw new WriteRefusedError(`${shown} already exists`);
        renameSync(temp, target);
      }
      discardTemporary(temp);
    } else {
      renameSync(temp, target);
      untrack(temp);
    }
  } catch (err) {
    discardTemporary(temp);
    throw refused(err, shown);
  }
}

export function writeFileAtomic(path: string, content: FileContent, options: WriteOptions = {}): void {
  const staged = stage(path, content, options);
  let flushError: unknown;
  try {
    fsyncSync(staged.fd);
  } catch (err) {
    flushError = err;
  }
  commit(staged, flushError);
}

/**
 * `writeFileAtomic` with the wait for the disk (fsync) in the background, for a command
 * writing many files (batch), which goes on computing the next one meanwhile instead of
 * waiting for each flush in turn. Every guarantee is the same. The target is checked and
 * the content written at once: a refusal throws here, as from `writeFileAtomic`. The
 * promise settles when the file is in place, or rejects with a WriteRefusedError if the
 * flush or the move failed (the old file, or none, is left).
 */
export function writeFileAtomicInBackground(path: string, content: FileContent, options: WriteOptions = {}): Promise<void> {
  const staged = stage(path, content, options);
  return new Promise((done, fail) => {
    fsync(staged.fd, (err) => {
      try {
        commit(staged, err ?? undefined);
        done();
      } catch (refusal) {
        fail(refusal);
      }
    });
  });
}

/** Creates an output folder (and its parents) if missing; refuses a path that is a file. */
export function ensureDirectory(path: string, shown = path): void {
  try {
    mkdirSync(resolve(path), { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new WriteRefusedError(`${shown} is a file, not a folder; give a folder for the outputs`);
    // A recursive mkdir says ENOENT when a parent is on a read-only file system: find the
    // nearest existing folder and ask it for the real reason (issue #24 E8).
    const blocked = blockingFolder(resolve(path));
    if (blocked) throw folderRefusal(shown, blocked.folder, blocked.code);
    throw new WriteRefusedError(`could not create the folder ${shown}${code ? ` (${code})` : ''}`);
  }
}

/** The nearest existing folder above `path` that refuses a new folder, and why (EROFS, EACCES, EPERM). */
function blockingFolder(path: string): { folder: string; code: string } | undefined {
  let child = path;
  let parent = dirname(child);
  while (parent !== child && !existsSync(parent)) {
    child = parent;
    parent = dirname(child);
  }
  if (parent === child) return undefined;
  try {
    mkdirSync(child);
    rmdirSync(child);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? { folder: parent, code } : undefined;
  }
}

/** The refusal for a folder that could not be created because `folder` above it is read-only or not writable. */
export function folderRefusal(shown: string, folder: string, code: string): WriteRefusedError {
  const why = code === 'EROFS' ? `is on a read-only file system (EROFS)` : `is not writable (${REASONS[code] ?? 'refused'}, ${code})`;
  return new WriteRefusedError(`could not create the folder ${shown}: ${folder} ${why}`);
}
