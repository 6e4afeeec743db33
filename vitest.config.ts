import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test files that need a module graph of their own: they replace a module with
 * `vi.mock`, which must not reach (or miss) the files that share a worker with them.
 */
const ISOLATED = ['test/cli/batch-failure.test.ts'];

/**
 * The files that take longest, longest first (seconds on an idle 2-core machine). vitest
 * orders a run by the durations of the last one, and on a fresh clone, which has none, by
 * file size: a slow short file then started last and ran on alone while the other core
 * sat idle (15 s of a 2½-minute run). Starting these first keeps both cores busy to the end.
 */
const SLOWEST_FIRST = [
  'test/cli/workbook-live.test.ts', // 45: LibreOffice recalculates four workbooks
  'test/cli/batch.test.ts', // 21
  'test/browser/report.browser.test.ts', // 15: Chromium
  'test/cli/hardening-write.test.ts', // 15
  'test/cli/batch-large.test.ts', // 14
  'test/cli/readme.test.ts', // 13
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification): number => {
      const i = SLOWEST_FIRST.findIndex((f) => spec.moduleId.endsWith(f));
      return i < 0 ? SLOWEST_FIRST.length : i;
    };
    // Projects stay in vitest's order (the isolated one first): a worker changing between
    // projects mid-run left both cores idle for seconds.
    const sorted = await super.sort(files);
    const project = (spec: TestSpecification): number => sorted.findIndex((s) => s.project.name === spec.project.name);
    return sorted
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => project(a.spec) - project(b.spec) || rank(a.spec) - rank(b.spec) || a.i - b.i)
      .map(({ spec }) => spec);
  }
}

const shared = {
  // The CLI tests run the CLI in this process, asynchronously, so a test's time limit now
  // covers the CLI's work (a blocking subprocess call ran past it unseen): a sweep of
  // 1,000 runs takes 30 s on a busy 2-core machine. A generous limit still stops a hang.
  testTimeout: 120_000,
};

export default defineConfig({
  test: {
    // vitest's default keeps a core for its own process (cores − 1 workers): one worker on
    // a 2-core machine, so the suite ran file after file on one core. Its own process
    // mostly waits on the workers; use every core.
    maxWorkers: availableParallelism(),
    sequence: { sequencer: SlowestFirst },
    projects: [
      {
        // Every other file shares its worker's module graph with the files before it:
        // loading the CLI's modules afresh for each of 88 files took a third of the
        // suite's time. The source keeps no state between calls that a test could see
        // (its caches are keyed by content), so nothing leaks; `vitest --sequence.shuffle`
        // runs the files in another order to check.
        test: { ...shared, name: 'shared', isolate: false, include: ['test/**/*.test.ts'], exclude: ['**/node_modules/**', ...ISOLATED] },
      },
      { test: { ...shared, name: 'isolated', include: ISOLATED } },
    ],
  },
});
