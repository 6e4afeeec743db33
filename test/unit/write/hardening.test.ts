// Issue #18 (S1, D1, D3): temporary files in a shared folder, devices, stale temporaries.
import { closeSync, existsSync, lstatSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicInBackground, WriteRefusedError } from '../../../src/write/atomic.js';
import { fileSink } from '../../../src/write/stream.js';
import { awaitReader } from '../../../src/write/reader.js';
import { spawnSync } from 'node:child_process';
import { removeTemporaryFiles, resetSweptFolders, setTemporaryNameSource, STALE_AFTER_MS, targetKind } from '../../../src/write/temp.js';
import { lockFolder, LOCK_NAME } from '../../../src/write/lock.js';
import { maxOf, minOf } from '../../../src/render/extent.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-hardening-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  setTemporaryNameSource(undefined);
  resetSweptFolders();
});

/** A random source that gives `first` once (the name someone planted), then fresh values. */
function predictable(first: string): () => string {
  let n = 0;
  return () => (n++ === 0 ? first : `${n.toString(16).padStart(16, '0')}`);
}

describe('S1: a symbolic link planted at the temporary name is never followed', () => {
  const plant = (name: string, random: string): { victim: string; link: string } => {
    const victim = join(dir, `${name}-victim.txt`);
    writeFileSync(victim, 'precious\n');
    const link = join(dir, `.${name}.json.${process.pid}.${random}.tmp`);
    symlinkSync(victim, link);
    setTemporaryNameSource(predictable(random));
    return { victim, link };
  };

  it('writeFileAtomic draws another name, leaves the victim as it was, and writes a regular file', () => {
    const { victim, link } = plant('a', 'aaaaaaaaaaaaaaaa');
    // The name earlier versions used, predictable from the PID alone.
    symlinkSync(victim, join(dir, `.a.json.${process.pid}.tmp`));
    writeFileAtomic(join(dir, 'a.json'), '{"ok":true}\n');
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(lstatSync(join(dir, 'a.json')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('{"ok":true}\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true); // someone else's file: left alone
  });

  it('the background write (batch) does the same', async () => {
    const { victim } = plant('b', 'bbbbbbbbbbbbbbbb');
    await writeFileAtomicInBackground(join(dir, 'b.json'), 'new\n');
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe('new\n');
  });

  it('the streaming sink (sweep) does the same', async () => {
    const { victim } = plant('c', 'cccccccccccccccc');
    const sink = fileSink(join(dir, 'c.json'), []);
    await sink.write('rows\n');
    await sink.close();
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(readFileSync(join(dir, 'c.json'), 'utf8')).toBe('rows\n');
  });

  it('a dangling link at the name is not followed to create a file elsewhere', () => {
    const elsewhere = join(dir, 'created-elsewhere.txt');
    symlinkSync(elsewhere, join(dir, `.d.json.${process.pid}.dddddddddddddddd.tmp`));
    setTemporaryNameSource(predictable('dddddddddddddddd'));
    writeFileAtomic(join(dir, 'd.json'), 'x');
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('if no free name can be had, the write fails and the existing output is left as it was', () => {
    const target = join(dir, 'f.json');
    writeFileSync(target, 'old\n');
    symlinkSync(join(dir, 'f-victim'), join(dir, `.f.json.${process.pid}.ffffffffffffffff.tmp`));
    setTemporaryNameSource(() => 'ffffffffffffffff');
    expect(() => writeFileAtomic(target, 'new\n', { shown: 'f.json' })).toThrow('could not write f.json (EEXIST)');
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(existsSync(join(dir, 'f-victim'))).toBe(false);
  });

  it('temporary names are unpredictable: 64 random bits, different each time', () => {
    const seen = new Set<string>();
    setTemporaryNameSource(undefined);
    for (let i = 0; i < 3; i++) {
      const sink = fileSink(join(dir, 'e.json'), []);
      const temp = readdirSync(dir).find((f) => f.startsWith('.e.json.'));
      expect(temp).toMatch(new RegExp(`^\\.e\\.json\\.${process.pid}\\.[0-9a-f]{16}\\.tmp$`));
      seen.add(temp as string);
      sink.abort();
    }
    expect(seen.size).toBe(3);
  });
});

describe('D3: temporary files are removed on a signal, and stale ones on the next write', () => {
  it('removeTemporaryFiles (the signal handler) removes a sweep file being written', async () => {
    const sink = fileSink(join(dir, 'sig.csv'), []);
    await sink.write('a,b\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('.sig.csv.'))).toHaveLength(1);
    removeTemporaryFiles();
    expect(readdirSync(dir).filter((f) => f.startsWith('.sig.csv.'))).toEqual([]);
    expect(existsSync(join(dir, 'sig.csv'))).toBe(false);
  });

  it("a temporary file of a process that no longer runs is removed by the next write there, once it is old; others' are kept", () => {
    const folder = mkdtempSync(join(dir, 'stale-'));
    const deadPid = 2 ** 22 + 12345; // above Linux's largest PID: never running
    const stale = join(folder, `.old.json.${deadPid}.0123456789abcdef.tmp`);
    const recent = join(folder, `.new.json.${deadPid}.fedcba9876543210.tmp`);
    const live = join(folder, `.live.json.${process.pid}.00000000000000aa.tmp`);
    const notOurs = join(folder, `.notes.${deadPid}.tmp`);
    for (const f of [stale, recent, live, notOurs]) writeFileSync(f, 'x');
    const old = (Date.now() - STALE_AFTER_MS - 60_000) / 1000;
    for (const f of [stale, live, notOurs]) utimesSync(f, old, old);
    writeFileAtomic(join(folder, 'out.json'), '{}\n');
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(recent)).toBe(true); // may be another machine's write in progress
    expect(existsSync(live)).toBe(true);
    expect(existsSync(notOurs)).toBe(true);
  });

  it('a link of our pattern is never removed through (only plain files are)', () => {
    const folder = mkdtempSync(join(dir, 'stale-link-'));
    const victim = join(folder, 'victim.txt');
    writeFileSync(victim, 'keep');
    const link = join(folder, `.x.json.${2 ** 22 + 1}.0123456789abcdef.tmp`);
    symlinkSync(victim, link);
    writeFileAtomic(join(folder, 'x.json'), '{}\n');
    expect(readFileSync(victim, 'utf8')).toBe('keep');
  });
});

describe('D1: devices are written in place, never replaced', () => {
  it.runIf(existsSync('/dev/shm') && lstatSync('/dev/shm').isDirectory())('a regular file under /dev (a tmpfs: /dev/shm) is replaced whole, atomically', async () => {
    const folder = mkdtempSync('/dev/shm/peerplan-hardening-');
    try {
      const target = join(folder, 'out.json');
      writeFileSync(target, 'old content that is longer than the new');
      expect(targetKind(target, statSync(target))).toBe('atomic');
      writeFileAtomic(target, '{}\n');
      expect(readFileSync(target, 'utf8')).toBe('{}\n');
      writeFileSync(target, 'old content that is longer than the new');
      await writeFileAtomicInBackground(target, '[]\n');
      expect(readFileSync(target, 'utf8')).toBe('[]\n');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it.runIf(existsSync('/proc/self/fd'))('a descriptor named as such (/proc/self/fd/N, a shell redirection) is written in place; a link to it someone planted is refused (issue #24, N1)', () => {
    const file = join(dir, 'redirected.txt');
    writeFileSync(file, 'kept\n');
    const fd = openSync(file, 'a');
    try {
      expect(targetKind(`/proc/self/fd/${fd}`)).toBe('direct');
      writeFileAtomic(`/proc/self/fd/${fd}`, 'x\n');
      expect(readFileSync(file, 'utf8')).toBe('kept\nx\n');
      const link = join(dir, 'to-fd');
      symlinkSync(`/proc/self/fd/${fd}`, link);
      expect(targetKind(link)).toBe('refuse');
      expect(() => writeFileAtomic(link, 'y')).toThrow(/is a symbolic link into \/proc or \/dev/);
      expect(readFileSync(file, 'utf8')).toBe('kept\nx\n');
    } finally {
      closeSync(fd);
    }
  });

  it.runIf(existsSync('/dev/full') && lstatSync('/dev/full').isCharacterDevice())('/dev/full fails with the out-of-space reason and stays a device', () => {
    expect(() => writeFileAtomic('/dev/full', 'x')).toThrow(/could not write \/dev\/full \(no space left on the device, ENOSPC\)/);
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it.runIf(existsSync('/dev/null'))('/dev/null named takes the content; a link to it is refused and both stay as they were (issue #24, N1)', () => {
    writeFileAtomic('/dev/null', 'x');
    const link = join(dir, 'null-link');
    symlinkSync('/dev/null', link);
    expect(() => writeFileAtomic(link, 'x')).toThrow(/null-link is a symbolic link into \/proc or \/dev, or to a device or FIFO/);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

describe('D1: a socket is refused, not replaced', () => {
  it('says what it is', async () => {
    const { createServer } = await import('node:net');
    const path = join(dir, 'sock');
    const server = createServer();
    await new Promise<void>((done) => server.listen(path, done));
    try {
      expect(() => writeFileAtomic(path, 'x', { shown: 'sock' })).toThrow('sock is a socket, not a file; give a file name, e.g. result.json');
      expect(() => fileSink(path, [], 'sock')).toThrow(WriteRefusedError);
      expect(lstatSync(path).isSocket()).toBe(true);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
});

describe('D4: the output folder lock', () => {
  it('is exclusive, names its holder, and is released', () => {
    const folder = mkdtempSync(join(dir, 'lock-'));
    const lock = lockFolder(folder, 'results');
    expect(JSON.parse(readFileSync(join(folder, LOCK_NAME), 'utf8')).pid).toBe(process.pid);
    expect(() => lockFolder(folder, 'results')).toThrow(new RegExp(`results is in use by another peerplan batch \\(process ${process.pid}, since .*lock file results/\\.peerplan\\.lock`));
    lock.release();
    expect(existsSync(join(folder, LOCK_NAME))).toBe(false);
  });

  it('a lock left by a process that no longer runs here is taken over', () => {
    const folder = mkdtempSync(join(dir, 'lock-stale-'));
    writeFileSync(join(folder, LOCK_NAME), JSON.stringify({ pid: 2 ** 22 + 7, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
    const lock = lockFolder(folder, 'results');
    expect(lock.tookOver?.pid).toBe(2 ** 22 + 7);
    lock.release();
  });

  it('a lock file that cannot be read is not guessed at: the error says which file to delete', () => {
    const folder = mkdtempSync(join(dir, 'lock-junk-'));
    writeFileSync(join(folder, LOCK_NAME), 'not json');
    expect(() => lockFolder(folder, 'results')).toThrow('the output folder results is locked (results/.peerplan.lock exists); another peerplan batch may be writing there. If none is, delete results/.peerplan.lock and try again');
  });

  it("another machine's lock is not taken over: the error says which file to delete if it is stale", () => {
    const folder = mkdtempSync(join(dir, 'lock-remote-'));
    writeFileSync(join(folder, LOCK_NAME), JSON.stringify({ pid: 2 ** 22 + 7, host: 'elsewhere.example', since: '2026-01-01T00:00:00.000Z' }));
    expect(() => lockFolder(folder, 'results')).toThrow(/process 4194311 on elsewhere\.example.*delete results\/\.peerplan\.lock/);
  });
});

describe('D2: extents of many values', () => {
  it('maxOf/minOf take half a million values (Math.max(...values) overflows the call stack)', () => {
    const values = Array.from({ length: 500_000 }, (_, i) => i - 1000);
    values[1234] = 1e9;
    expect(() => Math.max(...values)).toThrow(RangeError);
    expect(maxOf(values)).toBe(1e9);
    expect(minOf(values)).toBe(-1000);
    expect(maxOf([])).toBe(-Infinity);
    expect(minOf([1, NaN])).toBeNaN();
  });
});

describe('N5 (issue #24): a FIFO without a reader', () => {
  it.runIf(spawnSync('mkfifo', ['--help']).status === 0)('is waited for a bounded time, then refused with the reason (never an endless open)', async () => {
    const fifo = join(dir, 'lonely');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    let told = 0;
    const started = Date.now();
    await expect(awaitReader(fifo, 'lonely', () => told++, 300)).rejects.toThrow('could not write lonely (no reader on the other end, ENXIO)');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(told).toBe(1);
    expect(() => writeFileAtomic(fifo, 'x', { shown: 'lonely' })).toThrow('could not write lonely (no reader on the other end, ENXIO)');
  });
});
