import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // vitest's default keeps a core for its own process (cores − 1 workers): one worker on
    // a 2-core machine, so the suite ran file after file on one core. Its own process
    // mostly waits on the workers; use every core.
    maxWorkers: availableParallelism(),
    // The CLI tests run the CLI in this process, asynchronously, so a test's time limit now
    // covers the CLI's work (a blocking subprocess call ran past it unseen): a sweep of
    // 1,000 runs takes 30 s on a busy 2-core machine. A generous limit still stops a hang.
    testTimeout: 120_000,
  },
});
