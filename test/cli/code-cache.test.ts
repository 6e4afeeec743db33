// The bundled CLI starts from V8's code cache (src/cli/code-cache.cts), and never from
// a cache older than its bundle.
import { statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const debug = { PEERPLAN_DEBUG_CODE_CACHE: '1' };

describe('code cache', () => {
  it('a run uses the caches of the bundles it loads, and prints the same as ever', () => {
    const r = runCli(['run', 'scenarios/baseline.yaml', '--format', 'json'], { env: debug });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('peerplan code cache: peerplan.cjs used');
    expect(r.stderr).toContain('peerplan code cache: cmd-run.cjs used');
    expect(r.stderr).toContain('peerplan code cache: scenario-validator.cjs used');
    expect(r.stdout).toBe(runCli(['run', 'scenarios/baseline.yaml', '--format', 'json']).stdout);
  });

  it('a bundle changed after its cache was written is compiled afresh', () => {
    const bundle = join(ROOT, 'dist', 'cmd-schema.cjs');
    const { atime, mtime } = statSync(bundle);
    try {
      const later = new Date(Date.now() + 60_000);
      utimesSync(bundle, later, later);
      const r = runCli(['schema'], { env: debug });
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('peerplan code cache: cmd-schema.cjs not used: older than the bundle');
      expect(JSON.parse(r.stdout)).toMatchObject({ title: expect.any(String) });
    } finally {
      utimesSync(bundle, atime, mtime);
    }
  });
});
