import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // vitest's default keeps a core for its own process (cores − 1 workers): one worker on
    // a 2-core machine, so the suite ran file after file on one core. Its own process
    // mostly waits on the workers; use every core.
    maxWorkers: availableParallelism(),
  },
});
