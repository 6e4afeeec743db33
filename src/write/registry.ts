/**
 * The temporary files (and batch lock) this process holds, for the signal handler to
 * remove. Kept apart from src/write/temp.ts so the CLI shell, which installs the
 * handler, loads nothing more than node:fs for it (start-up time).
 *
 * Process-wide state, kept on globalThis: the CLI shell and each command are separate
 * bundles with their own copy of this module (src/build/bundle.ts), and the shell's
 * signal handler must see the files the command's copy made.
 */
import { rmSync } from 'node:fs';

interface Shared {
  /** Paths of temporary files (and lock files) this process has created and not yet moved or removed. */
  live: Set<string>;
  /** Folders already swept for abandoned temporary files (once each is enough). */
  swept: Set<string>;
}

export const shared: Shared = ((globalThis as Record<symbol, unknown>)[Symbol.for('peerplan.write')] ??= { live: new Set(), swept: new Set() }) as Shared;

/** Removes every temporary file this process still holds (on SIGINT / SIGTERM); never throws. */
export function removeTemporaryFiles(): void {
  for (const path of shared.live) {
    try {
      rmSync(path, { force: true });
    } catch {
      // Best effort: the process is stopping.
    }
  }
  shared.live.clear();
}
