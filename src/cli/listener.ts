/**
 * How the CLI shows what a use case reports (src/app/context.ts): diagnostics on stderr
 * (errors only with --quiet), progress as a bar on a terminal (src/cli/progress.ts).
 */
import type { Listener } from '../app/context.js';
import type { Diagnostic } from '../source/diagnostics.js';
import { formatDiagnostics } from '../source/diagnostics.js';
import { signalCheckpoint, type CommandContext } from './io.js';
import { progressBar, type ProgressBar } from './progress.js';
import { terminalText } from '../render/safe-text.js';

/** The one place diagnostics are printed: every one, or only the errors with --quiet. */
export function printDiagnostics(ctx: CommandContext, diagnostics: readonly Diagnostic[]): void {
  const shown = ctx.global.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  if (shown.length > 0) ctx.io.stderr.write(formatDiagnostics(shown, { color: ctx.global.color }));
}

/** A listener printing diagnostics and, unless `progress` is false (default: not --quiet), drawing a progress bar. */
export function cliListener(ctx: CommandContext, options: { diagnostics?: boolean; progress?: boolean } = {}): Listener {
  let bar: ProgressBar | undefined;
  const listener: Listener = {
    progressEnd: () => {
      bar?.end();
      bar = undefined;
    },
    // Long work returns to the event loop now and then, where a SIGINT or SIGTERM is handled.
    checkpoint: signalCheckpoint,
  };
  if (options.diagnostics !== false) listener.diagnostics = (d) => printDiagnostics(ctx, d);
  // Names in a warning come from the files: each line is made terminal-safe.
  if (!ctx.global.quiet) listener.note = (text) => ctx.io.stderr.write(`note: ${terminalText(text)}\n`);
  if (!ctx.global.quiet) listener.warning = (lines) => ctx.io.stderr.write(`warning: ${lines.map(terminalText).join('\n')}\n`);
  if (options.progress ?? !ctx.global.quiet) {
    listener.progress = (label, done, total) => {
      bar ??= progressBar(ctx, label, total, true);
      bar.tick(done);
    };
  }
  return listener;
}
