/**
 * The README's examples are the tool's real output: every ```console block in README.md
 * is a list of `$ command` lines, each followed by what it prints. This test runs each
 * command in a scratch folder that sees the project's scenarios/, schemas/ and test/
 * fixtures, and compares the output exactly: a plain `peerplan …` line in this process
 * (runCli, its globs expanded as sh would), a line using the shell (`;`, `|`, quotes)
 * through sh with the real binary as `peerplan` on PATH.
 * After a reviewed change, `UPDATE_README=1 npx vitest run test/cli/readme.test.ts`
 * rewrites the outputs in place.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

interface Example {
  command: string;
  expected: string;
  /** Where the expected output sits in README.md (line offsets), for rewriting. */
  start: number;
  end: number;
}

const README = join(ROOT, 'README.md');
const text = readFileSync(README, 'utf8');
const lines = text.split('\n');

function examples(): Example[] {
  const found: Example[] = [];
  let inBlock = false;
  let current: Example | null = null;
  lines.forEach((line, i) => {
    if (!inBlock) {
      if (line.trim() === '```console') inBlock = true;
      return;
    }
    if (line.trim() === '```') {
      if (current) found.push({ ...current, end: i });
      inBlock = false;
      current = null;
      return;
    }
    if (line.startsWith('$ ')) {
      if (current) found.push({ ...current, end: i });
      current = { command: line.slice(2), expected: '', start: i + 1, end: i + 1 };
      return;
    }
    if (current) current.expected += `${line}\n`;
  });
  return found;
}

const scratch = mkdtempSync(join(tmpdir(), 'peerplan-readme-'));
const binDir = join(scratch, '.bin');
spawnSync('mkdir', ['-p', binDir]);
writeFileSync(join(binDir, 'peerplan'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'peerplan.js')}" "$@"\n`);
chmodSync(join(binDir, 'peerplan'), 0o755);
for (const dir of ['scenarios', 'schemas', 'test', 'docs']) symlinkSync(join(ROOT, dir), join(scratch, dir));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A line sh would only split into words: `peerplan` and words of no special characters but `*`. */
const PLAIN = /^peerplan( [\w./*%=,:-]+)+$/;

/** A word with `*` in its last part, expanded as sh does in the C locale (byte order); otherwise the word. */
function glob(word: string): string[] {
  const slash = word.lastIndexOf('/');
  const [dir, pattern] = [word.slice(0, slash + 1), word.slice(slash + 1)];
  if (!pattern.includes('*') || dir.includes('*')) return [word];
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
  const found = readdirSync(join(scratch, dir || '.')).filter((f) => re.test(f) && !f.startsWith('.')).sort();
  return found.length > 0 ? found.map((f) => dir + f) : [word];
}

async function run(command: string): Promise<string> {
  let output: string;
  if (PLAIN.test(command)) {
    const args = command.split(' ').slice(1).flatMap(glob);
    output = (await runCli(args, { cwd: scratch, env: { HOME: scratch, COLUMNS: '100' }, mergeStderr: true })).stdout;
  } else {
    output = spawnSync('sh', ['-c', `{ ${command}
} 2>&1`], {
      cwd: scratch,
      env: { PATH: `${binDir}:${process.env.PATH ?? ''}`, HOME: scratch, NO_COLOR: '1', TZ: 'UTC', LANG: 'C', COLUMNS: '100' },
      encoding: 'utf8',
      timeout: 60_000,
    }).stdout;
  }
  // Markdown shows no line-end difference, so CSV's RFC 4180 CRLF is compared as LF.
  return output.replace(/\r\n/g, '\n').replace(/[ \t]+$/gm, '');
}

const all = examples();
const rewrites: { start: number; end: number; output: string }[] = [];

describe('README examples are real output', () => {
  it('has examples', () => {
    expect(all.length).toBeGreaterThan(5);
  });
  it.each(all.map((e) => [e.command, e] as const))('$ %s', async (_command, example) => {
    const actual = await run(example.command);
    if (process.env.UPDATE_README === '1') {
      rewrites.push({ start: example.start, end: example.end, output: actual });
      return;
    }
    expect(actual.trimEnd()).toBe(example.expected.trimEnd());
  });
  afterAll(() => {
    if (rewrites.length === 0) return;
    const out = [...lines];
    for (const r of [...rewrites].sort((a, b) => b.start - a.start)) {
      out.splice(r.start, r.end - r.start, ...r.output.trimEnd().split('\n'));
    }
    writeFileSync(README, out.join('\n'));
  });
});
