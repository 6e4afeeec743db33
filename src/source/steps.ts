/**
 * Long computations written once as generators that `yield` between steps (a draw, an
 * input), run either straight through (`runSteps`: tests, library use) or with a pause
 * at each step for the caller (`runStepsAsync`): the CLI returns to the event loop there
 * now and then, so Ctrl-C and SIGTERM stop a long run at once (issue #24, N4) instead of
 * being handled only after the output was written.
 */
export type Steps<T> = Generator<void, T, void>;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** `checkpoint` is awaited after each step; it decides how often it really yields (src/cli/io.ts, signalCheckpoint). */
export async function runStepsAsync<T>(steps: Steps<T>, checkpoint: () => Promise<void>): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await checkpoint();
  }
}
