/**
 * Issue #18 D2: a large HTML batch completes with its comparison and summaries. Before
 * the fix the comparison's charts took the extent of every month by passing each as an
 * argument (Math.max(...values)); at 5,000 scenarios of 3 years that overflowed the call
 * stack after the files were written, and summary.json/summary.csv were never written
 * (exit 70). test/unit/write/hardening.test.ts checks the extents of half a million values.
 *
 * 500 scenarios of 30 years give the comparison the same 180,000 months as 5,000 of 3
 * years, above what a spread overflows at, in about a quarter of the time (53 s against
 * 190 s on a busy 2-core machine; most of it was writing reports no other test needs).
 * In a file of its own because it is still the slowest, so it runs beside the others.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const COUNT = 500;

describe('a 500-file HTML batch of 30-year scenarios (180,000 months)', () => {
  it('completes with its comparison and summaries', async () => {
    // Removed here rather than by tempDir's hook: deleting hundreds of reports can outlast a hook's time limit.
    const dir = mkdtempSync(join(tmpdir(), 'peerplan-batch-large-'));
    try {
      mkdirSync(join(dir, 'in'));
      const text = readFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), 'utf8');
      for (let i = 1; i <= COUNT; i++) writeFileSync(join(dir, 'in', `s${String(i).padStart(3, '0')}.yaml`), text.replace(/^baseline: true.*\n/m, '').replace(/^name: .*$/m, `name: Option ${i}`));
      const r = await runCli(['batch', 'in', '--format', 'html', '--years', '30', '--out', 'out', '--quiet'], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const out = join(dir, 'out');
      expect(readdirSync(out)).toHaveLength(COUNT + 3);
      for (const f of ['comparison.html', 'summary.json', 'summary.csv']) expect(existsSync(join(out, f))).toBe(true);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
      expect(summary.counts).toEqual({ scenarios: COUNT, ok: COUNT, invalid: 0, breached: 0, output_errors: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 900_000);
});
