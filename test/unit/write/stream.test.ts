import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileSink, streamSink } from '../../../src/write/stream.js';
import { WriteRefusedError } from '../../../src/write/atomic.js';
import { tempDir } from '../../cli/run-cli.js';

/** A stdout stand-in that records writes and can refuse more until drained. */
function fakeStream(full = false) {
  const writes: string[] = [];
  let drain: (() => void) | undefined;
  return {
    writes,
    drain: () => drain?.(),
    write(chunk: string) {
      writes.push(chunk);
      return !full;
    },
    once(_event: 'drain', listener: () => void) {
      drain = listener;
    },
  };
}

const row = 'x'.repeat(1023) + '\n';

describe('streamSink', () => {
  it('passes rows on in 64 KiB chunks as they come, not all at the end', async () => {
    const stream = fakeStream();
    const sink = streamSink(stream);
    for (let i = 0; i < 63; i++) await sink.write(row);
    expect(stream.writes).toEqual([]);
    await sink.write(row);
    expect(stream.writes).toHaveLength(1);
    expect(stream.writes[0]).toHaveLength(64 * 1024);
    await sink.write('tail\n');
    await sink.close();
    expect(stream.writes).toEqual([row.repeat(64), 'tail\n']);
  });

  it('waits for the stream to drain before taking more (back-pressure)', async () => {
    const stream = fakeStream(true);
    const sink = streamSink(stream);
    for (let i = 0; i < 63; i++) await sink.write(row);
    let settled = false;
    const pending = sink.write(row).then(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toBe(false);
    stream.drain();
    await pending;
    expect(settled).toBe(true);
  });

  it('drops what is buffered on abort', async () => {
    const stream = fakeStream();
    const sink = streamSink(stream);
    await sink.write('partial');
    sink.abort();
    await sink.close();
    expect(stream.writes).toEqual([]);
  });
});

describe('fileSink', () => {
  it('writes to a temporary file and moves it into place only on close', async () => {
    const dir = tempDir();
    const target = join(dir, 'grid.csv');
    const sink = fileSink(target, []);
    for (let i = 0; i < 200; i++) await sink.write(row);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toHaveLength(1);
    await sink.close();
    expect(readdirSync(dir)).toEqual(['grid.csv']);
    expect(readFileSync(target, 'utf8')).toBe(row.repeat(200));
  });

  it('leaves the old file and no temporary file behind on abort', async () => {
    const dir = tempDir();
    const target = join(dir, 'grid.csv');
    writeFileSync(target, 'previous\n');
    const sink = fileSink(target, []);
    for (let i = 0; i < 100; i++) await sink.write(row);
    sink.abort();
    expect(readdirSync(dir)).toEqual(['grid.csv']);
    expect(readFileSync(target, 'utf8')).toBe('previous\n');
  });

  it('refuses a protected input or a directory before creating anything', () => {
    const dir = tempDir();
    const scenario = join(dir, 'in.yaml');
    writeFileSync(scenario, 'peerplan: 1\n');
    expect(() => fileSink(scenario, [scenario])).toThrow(WriteRefusedError);
    expect(() => fileSink(dir, [])).toThrow(/is a directory/);
    expect(readdirSync(dir)).toEqual(['in.yaml']);
  });
});
