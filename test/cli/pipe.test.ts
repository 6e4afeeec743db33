/**
 * A reader that stops early (`| head`) closes the pipe; peerplan must stop quietly,
 * with no stack trace, as other command-line tools do.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run-cli.js';

describe('closed output pipe', () => {
  it.each([
    ['run', 'run scenarios/band4-permanent.yaml --format json'],
    ['sweep', 'sweep scenarios/baseline.yaml --vary turnover.annual_leaver_rate=5%..40%:0.5% --vary delivery.caseload_per_wte=5..14:1 --format csv'],
  ])('%s | head -1 ends without an error', (_name, args) => {
    const bin = join(ROOT, 'bin', 'peerplan.js');
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" ${args} | head -c 20 >/dev/null; echo "exit $?"`], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(r.stdout.trim()).toBe('exit 0');
  });
});
