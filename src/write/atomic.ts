/**
 * The one place peerplan writes files. Content goes to a temporary file in the
 * target's directory and is then renamed over the target, so a reader never sees a
 * half-written file and a failure leaves the old file (or nothing) in place.
 */
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export class WriteRefusedError extends Error {}

export interface WriteOptions {
  /** Files that must never be overwritten (the scenario inputs). */
  protect?: readonly string[];
  /** Never replace an existing file: refuse if the target exists, checked atomically when the file is moved into place (`init` without --force). */
  exclusive?: boolean;
  /** The content is a scenario meant to replace the target (`init --force`): skip the "looks like a scenario" guard. */
  replaceScenario?: boolean;
  /** The path as the user wrote it, for messages (default: `path`). */
  shown?: string;
}

function looksLikeScenario(path: string): boolean {
  try {
    const head = readFileSync(path, { encoding: 'utf8', flag: 'r' }).slice(0, 4096);
    return /^peerplan:\s*\d/m.test(head);
  } catch {
    return false;
  }
}

/** Refuses a directory, a scenario file or a missing folder as an output path; returns the target's current stat, if any. */
export function checkWritable(target: string, shown: string, protect: readonly string[] = [], replaceScenario = false): Stats | undefined {
  let existing: Stats | undefined;
  try {
    existing = statSync(target);
  } catch {
    existing = undefined;
  }
  if (existing?.isDirectory()) throw new WriteRefusedError(`${shown} is a directory; give a file name, e.g. ${join(shown, 'result.json')}`);
  if (protect.some((p) => resolve(p) === target) || (!replaceScenario && existing?.isFile() && looksLikeScenario(target))) {
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

export function writeFileAtomic(path: string, content: string | Uint8Array, options: WriteOptions = {}): void {
  const target = resolve(path);
  const shown = options.shown ?? path;
  const existing = checkWritable(target, shown, options.protect ?? [], options.replaceScenario === true);
  if (options.exclusive && existing) throw new WriteRefusedError(`${shown} already exists`);
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temp, 'w', existing ? existing.mode & 0o777 : 0o644);
    try {
      writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.exclusive) {
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
      rmSync(temp, { force: true });
    } else {
      renameSync(temp, target);
    }
  } catch (err) {
    rmSync(temp, { force: true });
    if (err instanceof WriteRefusedError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new WriteRefusedError(`could not write ${shown}${code ? ` (${code})` : ''}`);
  }
}

/** Creates an output folder (and its parents) if missing; refuses a path that is a file. */
export function ensureDirectory(path: string, shown = path): void {
  try {
    mkdirSync(resolve(path), { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new WriteRefusedError(`${shown} is a file, not a folder; give a folder for the outputs`);
    throw new WriteRefusedError(`could not create the folder ${shown}${code ? ` (${code})` : ''}`);
  }
}
