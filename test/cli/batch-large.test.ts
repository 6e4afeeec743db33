/**
 * Issue #18 D2: a 5,000-file HTML batch completes with its comparison and summaries.
 * Before the fix the comparison's charts took the extent of every month by passing each
 * as an argument (Math.max(...values)); at 5,000 scenarios of 3 years that overflowed
 * the call stack after the 5,000 files were written, and summary.json/summary.csv were
 * never written (exit 70).
 *
 * In a file of its own because it is slow: about 1.5–2 minutes on a loaded 2-core machine
 * (5,000 HTML reports, ~350 MB written), so it runs in parallel with the other test files
 * rather than holding up the quick ones. --years 3 keeps the month count (180,000) above
 * what a spread overflows at while keeping each report small.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const COUNT = 5_000;

describe('a 5,000-file HTML batch', () => {
  it('completes with its comparison and summaries', async () => {
    // Removed here rather than by tempDir's hook: deleting 5,000 files can outlast a hook's time limit.
    const dir = mkdtempSync(join(tmpdir(), 'peerplan-batch-large-'));
    try {
      mkdirSync(join(dir, 'in'));
      const text = readFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), 'utf8');
      for (let i = 1; i <= COUNT; i++) writeFileSync(join(dir, 'in', `s${String(i).padStart(4, '0')}.yaml`), text.replace(/^name: .*$/m, `name: Option ${i}`));
      const r = await runCli(['batch', 'in', '--format', 'html', '--years', '3', '--out', 'out', '--quiet'], { cwd: dir });
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
