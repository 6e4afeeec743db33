/**
 * The progress views, one place for both, on standard error: a percentage bar for long
 * runs (sweep, sensitivity, the report's sensitivity), and a bar of named steps (batch).
 * A bar is drawn only on a terminal and cleared at the end, so piped or redirected
 * output never holds it.
 */
import type { CommandContext, Io } from './io.js';

export interface ProgressBar {
  tick(done: number): void;
  end(): void;
}

/**
 * A bar redrawn when the whole percentage changes. `label` names the work (`sweep`);
 * `show` is the caller's own condition (size, --quiet).
 */
export function progressBar(ctx: CommandContext, label: string, total: number, show: boolean): ProgressBar {
  const on = show && ctx.io.stderr.isTTY === true && total > 0;
  let shown = -1;
  const draw = (done: number): void => {
    const pct = Math.min(100, Math.floor((done * 100) / total));
    if (pct === shown) return;
    shown = pct;
    ctx.io.stderr.write(`\r${label} ${bar(Math.round(pct / 4), 25)} ${String(pct).padStart(3)}% ${done}/${total}`);
  };
  return { tick: (done) => on && draw(done), end: () => on && ctx.io.stderr.write('\r\x1b[K') };
}

/** `[#####......]`: `filled` of `width` cells. */
function bar(filled: number, width: number): string {
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/**
 * Progress by named steps (batch: a step per scenario file): on a terminal, a bar with
 * the step's name, redrawn at most every 50 ms, with notes written above it; otherwise
 * one line per step, so a log shows every file and its status.
 */
export class StepProgress {
  private last = 0;
  private drawn = false;

  constructor(
    private readonly stream: Io['stderr'],
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}

  private get tty(): boolean {
    return this.stream.isTTY === true;
  }

  /** Called after each scenario. */
  step(done: number, file: string, status: string): void {
    if (!this.enabled) return;
    if (!this.tty) {
      this.stream.write(`[${done}/${this.total}] ${file} ${status}\n`);
      return;
    }
    const now = Date.now();
    if (done < this.total && now - this.last < 50) return;
    this.last = now;
    const columns = this.stream.columns && this.stream.columns > 40 ? this.stream.columns : 80;
    const head = `${bar(Math.round((done / Math.max(1, this.total)) * 24), 24)} ${done}/${this.total} `;
    const room = columns - head.length - 1;
    const tail = file.length > room ? `…${file.slice(file.length - room + 1)}` : file;
    this.stream.write(`\r\x1b[2K${head}${tail}`);
    this.drawn = true;
  }

  /** Writes text above the bar. */
  note(text: string): void {
    if (this.tty && this.drawn) {
      this.stream.write('\r\x1b[2K');
      this.drawn = false;
      this.last = 0;
    }
    this.stream.write(text);
  }

  end(): void {
    if (this.tty && this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
