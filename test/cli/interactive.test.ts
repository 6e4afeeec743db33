/**
 * `report --interactive` without a browser: the page's one inline script is the one its
 * Content-Security-Policy allows by hash, its data block cannot close itself, and the
 * options are checked (the Chromium test, test/browser/interactive.browser.test.ts,
 * moves the controls).
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir, TRIO } from './run-cli.js';

describe('report --interactive', () => {
  it('carries one inline script, allowed by its SHA-256 hash, and the page data as JSON', async () => {
    const out = join(tempDir(), 'board.html');
    const r = await runCli(['report', ...TRIO, '--interactive', '--controls', 'finance.discount_rate', '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const page = readFileSync(out, 'utf8');
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0] ?? '', 'utf8').digest('base64');
    expect(page).toContain(`script-src 'sha256-${hash}'`);
    const data = /<script type="application\/json" id="peerplan-data">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
    expect(data).not.toContain('<');
    const parsed = JSON.parse(data) as { controls: Array<{ path: string; reason: string }>; options: unknown[] };
    expect(parsed.options).toHaveLength(3);
    expect(parsed.controls.filter((c) => c.reason === 'swing').length).toBeGreaterThan(0);
    expect(parsed.controls.at(-1)).toMatchObject({ path: 'finance.discount_rate', reason: 'named' });
  }, 60_000);

  it('leaves the static report without any script', async () => {
    const out = join(tempDir(), 'static.html');
    const r = await runCli(['report', ...TRIO, '--no-sensitivity', '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toMatch(/<script/i);
  });

  it('refuses --controls without --interactive, an unknown input, and a workbook (exit 2)', async () => {
    const dir = tempDir();
    const a = await runCli(['report', ...TRIO, '--controls', 'finance.discount_rate', '--out', join(dir, 'a.html')]);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('--controls needs --interactive');
    const b = await runCli(['report', ...TRIO, '--interactive', '--controls', 'turnover.annual_leaver_rat', '--no-sensitivity', '--out', join(dir, 'b.html')]);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain('did you mean "turnover.annual_leaver_rate"?');
    const c = await runCli(['report', ...TRIO, '--interactive', '--out', join(dir, 'c.xlsx')]);
    expect(c.status).toBe(2);
  });
});
