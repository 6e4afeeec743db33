/**
 * Reading a scenario file into text (the only file I/O of loading, with `extends`).
 * Refuses what is not a small UTF-8 text file, with a diagnostic rather than a throw.
 *
 * The reads are synchronous: a scenario is a few kilobytes, and a round trip through the
 * thread pool per file cost more than the read itself (`batch` reads thousands).
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { didYouMean } from '../source/did-you-mean.js';
import { fileDiagnostic } from '../source/positions.js';
import type { Diagnostic } from '../source/diagnostics.js';

/** Largest scenario file read: 1 MiB (real scenarios are a few kilobytes). */
export const MAX_FILE_BYTES = 1024 * 1024;

export type ReadOutcome = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

const READ_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links: a link points back to itself',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

const SAVE_AS_UTF8 = 'Save the file as UTF-8 text (in most editors: "Save with encoding" → UTF-8).';

export async function readScenarioText(absPath: string, file: string): Promise<ReadOutcome> {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // stat before open: opening a FIFO would wait for a writer.
    const info = statSync(absPath);
    if (info.isDirectory()) {
      return fail('NOT_A_FILE', file, `${file} is a directory, not a scenario file`, {
        expected: 'a YAML scenario file',
        example: `peerplan validate ${file.replace(/\/+$/, '')}/*.yaml`,
      });
    }
    if (!info.isFile()) {
      return fail('NOT_A_FILE', file, `${file} is not a regular file (it is a device, pipe or socket)`, {
        expected: 'a YAML scenario file',
      });
    }
    if (info.size > MAX_FILE_BYTES) return tooLarge(file, info.size);
    fd = openSync(absPath, 'r');
    bytes = readAtMost(fd, info.size, MAX_FILE_BYTES + 1);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return fail('FILE_NOT_FOUND', file, `${file} does not exist`, {
        expected: 'the path of a scenario file, relative to the current directory',
        example: 'peerplan validate scenarios/baseline.yaml',
        didYouMean: nearbyScenario(file, absPath),
      });
    }
    if (code === 'EISDIR') return fail('NOT_A_FILE', file, `${file} is a directory, not a scenario file`, { expected: 'a YAML scenario file' });
    const reason = READ_ERRORS[code ?? ''] ?? (code ? `error ${code}` : 'unknown error');
    return fail('FILE_UNREADABLE', file, `${file} could not be read (${reason})`, { expected: 'a file you are allowed to read' });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (bytes.length > MAX_FILE_BYTES) return tooLarge(file, bytes.length);
  return decodeScenarioBytes(bytes, file);
}

/** One decoder for every file: a non-streaming decode keeps no state between calls. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes → text: no NUL bytes, valid UTF-8 (a UTF-8 byte order mark is dropped), not empty. */
export function decodeScenarioBytes(bytes: Uint8Array, file: string): ReadOutcome {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
    return fail(
      'BINARY_FILE',
      file,
      utf16
        ? `${file} is saved as UTF-16, not UTF-8`
        : `${file} is a binary file, not YAML text (it contains a NUL byte at byte ${nul})`,
      { expected: 'a YAML text file saved as UTF-8', example: utf16 ? SAVE_AS_UTF8 : 'peerplan: 1', ...lineOf(bytes, nul) },
    );
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return fail(
      'INVALID_UTF8',
      file,
      `${file} is not valid UTF-8 text (byte 0x${(bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0')} at byte ${at}); it may be saved as Latin-1 or Windows-1252`,
      { expected: 'a YAML text file saved as UTF-8', example: SAVE_AS_UTF8, ...lineOf(bytes, at) },
    );
  }
  if (text.trim() === '') return emptyFile(file, false);
  return { ok: true, text };
}

/** The EMPTY_FILE diagnostic (also used by the parser for a file of only comments). */
export function emptyFile(file: string, commentsOnly: boolean): ReadOutcome & { ok: false } {
  return fail('EMPTY_FILE', file, `${file} is empty${commentsOnly ? ' (it holds only comments)' : ''}`, {
    expected: 'a scenario: at least the format version and the funded posts',
    example: 'peerplan: 1\nworkforce:\n  funded_wte: 8',
  }) as ReadOutcome & { ok: false };
}

/**
 * Up to `limit` bytes of an open file. The buffer starts at the size fstat gave (plus one
 * byte, to notice a file that grew since) and doubles only if the file keeps growing, so
 * a 3 KB scenario does not zero a megabyte.
 */
function readAtMost(fd: number, size: number, limit: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(limit, Math.max(size + 1, 4096)));
  let total = 0;
  for (;;) {
    const bytesRead = readSync(fd, buffer, total, buffer.length - total, total);
    if (bytesRead === 0) break;
    total += bytesRead;
    if (total === buffer.length) {
      if (total >= limit) break;
      const bigger = Buffer.allocUnsafe(Math.min(limit, buffer.length * 2));
      buffer.copy(bigger, 0, 0, total);
      buffer = bigger;
    }
  }
  return buffer.subarray(0, total);
}

export function tooLarge(file: string, size: number): ReadOutcome {
  return fail('FILE_TOO_LARGE', file, `${file} is ${(size / 1024 / 1024).toFixed(1)} MiB; peerplan reads scenario files of up to 1 MiB`, {
    expected: 'a scenario file under 1 MiB (scenarios are usually a few kilobytes)',
  });
}

/** A misspelt file name: the closest scenario file in the same folder, as the user would write its path. */
function nearbyScenario(file: string, absPath: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dirname(absPath)).filter((n) => /\.ya?ml$/i.test(n));
  } catch {
    return undefined;
  }
  const guess = didYouMean(basename(absPath), names);
  return guess === undefined ? undefined : file.includes('/') ? join(dirname(file), guess) : guess;
}

function fail(
  code: Diagnostic['code'],
  file: string,
  message: string,
  extra: { expected?: string; example?: string; line?: number; column?: number; didYouMean?: string | undefined } = {},
): ReadOutcome {
  return { ok: false, diagnostic: fileDiagnostic(code, file, message, extra) };
}

/** 1-based line and column (in bytes) of a byte offset. */
function lineOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** Offset of the first byte that breaks UTF-8 (the decoder only says that one does). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
