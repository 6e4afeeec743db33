/**
 * The build stamp of a bundle: the SHA-256 of its content, written as its last line.
 * src/cli/code-cache.cts reads it back to find the code cache made for exactly this
 * content (dist/cache/<name>.<hash>.bin), so pairing a bundle with its cache never
 * depends on file times and a start never hashes half a megabyte. Keep the line's form
 * in step with STAMP there.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const LINE = /\n\/\/ peerplan-build sha256:[0-9a-f]{64}\n$/;

/** The content with its stamp (an earlier stamp replaced). */
export function stamp(content: string): string {
  const body = content.replace(LINE, '').replace(/\n?$/, '\n');
  return `${body}// peerplan-build sha256:${createHash('sha256').update(body).digest('hex')}\n`;
}

export function stampFile(file: string): void {
  writeFileSync(file, stamp(readFileSync(file, 'utf8')));
}
