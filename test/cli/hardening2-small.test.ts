/**
 * Issue #24, smaller findings: N13 (a read-only --out replaced silently; --draws-out and
 * --out the same file), E10 (a threshold that underflows to 0), N11 (/dev/full as
 * --draws-out says ENOSPC). Each failed before its fix.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderRefusal } from '../../src/write/atomic.js';
import { ROOT, runCli, tempDir } from './run-cli.js';

const BASELINE = join(ROOT, 'scenarios', 'baseline.yaml');

describe('N13: outputs the user protected or named twice', () => {
  it('a read-only --out file is not replaced: exit 3, content and mode kept', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ro.json'), 'keep\n');
    chmodSync(join(dir, 'ro.json'), 0o444);
    const r = await runCli(['run', BASELINE, '--format', 'json', '--out', 'ro.json'], { cwd: dir });
    expect(r.stderr).toContain('peerplan: ro.json is read-only');
    expect(r.status).toBe(3);
    expect(readFileSync(join(dir, 'ro.json'), 'utf8')).toBe('keep\n');
    expect(statSync(join(dir, 'ro.json')).mode & 0o777).toBe(0o444);
  });

  it('simulate --draws-out and --out naming the same file is a usage error, before anything is written', async () => {
    const dir = tempDir();
    const r = await runCli(['simulate', BASELINE, '--draws', '20', '--draws-out', 'x.csv', '--out', './x.csv'], { cwd: dir });
    expect(r.stderr).toContain('--draws-out and --out name the same file (x.csv)');
    expect(r.status).toBe(2);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });
});

describe('E10: a --fail-on value too small for a number', () => {
  it("'vacancy_rate>1e-400%' is refused, not silently >0", async () => {
    const dir = tempDir();
    const r = await runCli(['batch', BASELINE, '--out', 'out', '--fail-on', 'vacancy_rate>1e-400%'], { cwd: dir });
    expect(r.stderr).toContain('"1e-400%" is too small to be told from 0');
    expect(r.status).toBe(2);
  });
});

describe('N11: /dev/full as --draws-out', () => {
  it.runIf(existsSync('/dev/full') && lstatSync('/dev/full').isCharacterDevice())('says no space (ENOSPC), exit 3', async () => {
    const r = await runCli(['simulate', BASELINE, '--draws', '2000', '--draws-out', '/dev/full', '--quiet']);
    expect(r.stderr).toContain('could not write /dev/full (no space left on the device, ENOSPC)');
    expect(r.stderr).not.toContain('EBADF');
    expect(r.status).toBe(3);
  });
});

describe('E9: one bad value in a long --vary list', () => {
  it('is reported briefly, not by printing the whole list back', async () => {
    const values = ['x', ...Array.from({ length: 9000 }, (_, i) => String(i / 100000))].join(',');
    for (const list of [values, `${values.slice(2)},150%`]) {
      const r = await runCli(['sweep', BASELINE, '--vary', `turnover.annual_leaver_rate=${list}`, '--format', 'csv']);
      expect([1, 2]).toContain(r.status);
      expect(r.stderr.length, r.stderr.slice(0, 500)).toBeLessThan(3000);
      expect(r.stderr).toContain('(9001 values)');
    }
  });
});

describe('N12: a distribution too wide to draw from', () => {
  it('{dist: normal, mean: 10, sd: 1e308} is refused (RANGE_ORDER), not shown as "sd Infinity%"', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.yaml'), `peerplan: 1\nextends: ${BASELINE}\ndelivery:\n  caseload_per_wte: { dist: normal, mean: 10, sd: 1e308 }\n`);
    const r = await runCli(['--allow-extends-outside', 'simulate', 's.yaml', '--draws', '10'], { cwd: dir });
    expect(r.stderr).toContain('sd 1e+308 is too large to draw from');
    expect(r.stdout).not.toContain('Infinity');
    expect(r.status).toBe(1);
  });
});

describe('N12: contradictory --correlate pairs', () => {
  it('the same pair twice, either way round, is a usage error naming both targets', async () => {
    const PAIR = [BASELINE, join(ROOT, 'scenarios', 'band4-permanent.yaml')];
    const r = await runCli(['simulate', ...PAIR, '--draws', '30', '--correlate', 'finance.pay_uplift,turnover.annual_leaver_rate=0.9', '--correlate', 'turnover.annual_leaver_rate,finance.pay_uplift=-0.5']);
    expect(r.stderr).toContain('names the pair');
    expect(r.stderr).toContain('(0.9 and -0.5)');
    expect(r.status).toBe(2);
  });
});

describe('E11: a quoted key holding a dot is reported at its own line and column', () => {
  const cases: Array<[string, string, string]> = [
    ['block mapping, nested field after', '  "contract.type": x\n  contract:\n    type: permanent\n', ':7:3:'],
    ['flow mapping after', '  "contract.type": x\n  contract: {type: permanent}\n', ':7:3:'],
    ['flow mapping holding the key', '  {"contract.type": x, contract: {type: permanent}}\n', ':7:4:'],
    ['brackets in the key', '  "contract[0]": x\n  contract:\n    type: permanent\n', ':7:3:'],
  ];
  for (const [label, body, at] of cases) {
    it(label, async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'baseline.yaml'), readFileSync(BASELINE, 'utf8'));
      const head = 'peerplan: 1\nextends: baseline.yaml\nname: t\n# pad\n# pad\nworkforce:\n';
      writeFileSync(join(dir, 's.yaml'), head + body);
      const r = await runCli(['validate', 's.yaml'], { cwd: dir });
      const out = r.stdout + r.stderr;
      expect(out).toMatch(new RegExp(`s\\.yaml${at} error UNKNOWN_FIELD`));
      expect(r.status).toBe(1);
    });
  }
});

describe('E8: batch --out on a read-only mount', () => {
  const canMount = (): boolean => {
    if (process.getuid?.() !== 0) return false;
    const probe = mkdtempSync(join(tmpdir(), 'peerplan-mount-'));
    try {
      execFileSync('mount', ['--bind', probe, probe], { stdio: 'ignore' });
      execFileSync('umount', [probe], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    } finally {
      rmSync(probe, { recursive: true, force: true });
    }
  };
  it.runIf(canMount())('says the folder is on a read-only file system (EROFS), not ENOENT: exit 3', async () => {
    const dir = tempDir();
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    execFileSync('mount', ['--bind', ro, ro]);
    try {
      execFileSync('mount', ['-o', 'remount,bind,ro', ro]);
      const r = await runCli(['batch', BASELINE, '--out', join(ro, 'out', 'deeper')], { cwd: dir });
      expect(r.stderr).toContain(`could not create the folder ${join(ro, 'out', 'deeper')}: ${ro} is on a read-only file system (EROFS)`);
      expect(r.stderr).not.toContain('ENOENT');
      expect(r.status).toBe(3);
    } finally {
      execFileSync('umount', [ro]);
    }
  });

  it('a folder that cannot be created names the real reason (EACCES injected), not ENOENT', () => {
    expect(folderRefusal('out/x', '/srv/shared', 'EACCES').message).toBe(
      'could not create the folder out/x: /srv/shared is not writable (permission denied, EACCES)',
    );
    expect(folderRefusal('out/x', '/mnt/cd', 'EROFS').message).toBe('could not create the folder out/x: /mnt/cd is on a read-only file system (EROFS)');
  });
});

describe('R2: a 1 MiB file of lists is refused before it is parsed, naming the real limit', () => {
  const MiB = 1024 * 1024;
  const files: Array<[string, string]> = [
    ['nested flow lists', `peerplan: 1\nname: x\nx: [${'[[0,0],[0,0]],'.repeat(Math.floor((MiB - 40) / 14))}0]\n`],
    ['one wide flow list', `peerplan: 1\nname: x\nx: [${'0,'.repeat(Math.floor((MiB - 40) / 2))}0]\n`],
    ['a long block list', `peerplan: 1\nname: x\nx:\n${'- 0\n'.repeat(Math.floor((MiB - 40) / 4))}`],
  ];
  for (const [label, text] of files) {
    it.runIf(existsSync('/usr/bin/time'))(`${label}: TOO_COMPLEX naming the 20,000-value limit, not ALIAS_LIMIT, in little memory`, () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'big.yaml'), text);
      const r = spawnSync('/usr/bin/time', ['-f', 'peak-rss-kb %M', process.execPath, join(ROOT, 'bin', 'peerplan.js'), 'validate', 'big.yaml'], { cwd: dir, encoding: 'utf8' });
      const out = r.stdout + r.stderr;
      expect(out).toContain('error TOO_COMPLEX: the file writes more than 20,000 values');
      expect(out).not.toContain('ALIAS_LIMIT');
      expect(r.status).toBe(1);
      const peak = Number(/peak-rss-kb (\d+)/.exec(r.stderr)?.[1]);
      expect(peak / 1024, 'peak RSS in MB').toBeLessThan(200);
    });
  }
});
