/**
 * Issue #18 D2: a batch writes summary.json and summary.csv even when a bug stops one
 * scenario's output. The HTML renderer is replaced by one that throws for one scenario
 * (standing in for the "Maximum call stack size exceeded" the issue met); in-process, so
 * the module can be swapped.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ROOT, tempDir } from './run-cli.js';

vi.mock('../../src/render/html.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/render/html.js')>();
  return {
    ...real,
    renderHtml: (doc: Parameters<typeof real.renderHtml>[0], options: Parameters<typeof real.renderHtml>[1]) => {
      if (doc.scenarios.length === 1 && doc.scenarios[0]?.name.startsWith('Band 4')) throw new RangeError('Maximum call stack size exceeded');
      return real.renderHtml(doc, options);
    },
  };
});

describe('a bug in one scenario of a batch', () => {
  it('does not stop the others, and the summaries are still written, saying so (exit 70)', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'in'));
    for (const f of ['baseline.yaml', 'band3-fixed-term.yaml', 'band4-permanent.yaml']) copyFileSync(join(ROOT, 'scenarios', f), join(dir, 'in', f));
    let err = '';
    const io = { stdout: { write: () => true }, stderr: { write: (s: string) => ((err += s), true) }, env: { NO_COLOR: '1' }, cwd: dir };
    const code = await main(['node', 'peerplan', 'batch', 'in/', '--out', 'out', '--format', 'html', '--quiet'], io);
    expect(code).toBe(70);
    expect(err).toContain('peerplan: in/band4-permanent.yaml: internal error: Maximum call stack size exceeded\n');
    expect(err).toContain('peerplan: internal error: Maximum call stack size exceeded\n');
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.exit_code).toBe(70);
    expect(summary.outcome).toBe('1 internal error (a bug in peerplan: please report it with the --debug output)');
    expect(summary.scenarios.map((s: { status: string }) => s.status)).toEqual(['ok', 'error', 'ok']);
    expect(summary.counts.ok).toBe(2);
    for (const f of ['summary.csv', 'comparison.html', 'baseline.html', 'band3-fixed-term.html']) expect(existsSync(join(dir, 'out', f))).toBe(true);
    expect(existsSync(join(dir, 'out', 'band4-permanent.html'))).toBe(false);
    expect(existsSync(join(dir, 'out', '.peerplan.lock'))).toBe(false);
  });
});
