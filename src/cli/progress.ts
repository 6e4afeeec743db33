/**
 * A one-line progress bar on standard error, for long runs (sweep, sensitivity): drawn
 * only on a terminal, redrawn when the whole percentage changes, cleared at the end, so
 * piped or redirected output never holds it.
 */
import type { CommandContext } from './io.js';

export interface ProgressBar {
  tick(done: number): void;
  end(): void;
}

/** `label` names the work (`sweep`); `show` is the caller's own condition (size, --quiet). */
export function progressBar(ctx: CommandContext, label: string, total: number, show: boolean): ProgressBar {
  const on = show && ctx.io.stderr.isTTY === true && total > 0;
  let shown = -1;
  const draw = (done: number): void => {
    const pct = Math.min(100, Math.floor((done * 100) / total));
    if (pct === shown) return;
    shown = pct;
    const filled = Math.round(pct / 4);
    ctx.io.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(25 - filled)}] ${String(pct).padStart(3)}% ${done}/${total}`);
  };
  return { tick: (done) => on && draw(done), end: () => on && ctx.io.stderr.write('\r\x1b[K') };
}
