/**
 * Batch inputs → scenario files: directories (every `*.yaml` / `*.yml` directly
 * inside), files, and globs (`*`, `?`, `[abc]` within a path segment, `**` for any
 * number of directories), expanded here rather than by the shell so quoted patterns
 * work the same everywhere. Each input's matches are sorted by code point (not by
 * locale), inputs keep the order given, and a file reached twice is kept once, in
 * its first position: the same inputs always give the same list.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

export interface ExpandedInputs {
  /** Scenario files, as paths relative to the inputs written (or absolute, if written so). */
  files: string[];
  /** Inputs (globs or directories) that matched no scenario file. */
  empty: string[];
}

const SCENARIO_FILE = /\.ya?ml$/i;

export function hasGlob(text: string): boolean {
  return /[*?[]/.test(text);
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A glob segment (`*.yaml`, `band?-*.yml`, `[ab]*`) as an anchored regular expression. */
export function segmentRegExp(segment: string): RegExp {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = close;
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function isDirectory(path: string, entry?: Dirent): boolean {
  if (entry && !entry.isSymbolicLink()) return entry.isDirectory();
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string, entry?: Dirent): boolean {
  if (entry && !entry.isSymbolicLink()) return entry.isFile();
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const joinShown = (base: string, name: string): string => (base === '' ? name : base.endsWith('/') ? `${base}${name}` : `${base}/${name}`);

/** Matches `segments` below `dir` (shown as `shown`); `**` matches zero or more directories, never hidden ones. */
function walk(cwd: string, shown: string, segments: readonly string[], out: string[]): void {
  const [segment, ...rest] = segments;
  const abs = resolve(cwd, shown === '' ? '.' : shown);
  if (segment === undefined) {
    if (isFile(abs)) out.push(shown);
    return;
  }
  if (segment === '**') {
    walk(cwd, shown, rest, out);
    for (const e of entries(abs)) {
      if (e.name.startsWith('.')) continue;
      const child = joinShown(shown, e.name);
      if (isDirectory(join(abs, e.name), e)) walk(cwd, child, segments, out);
    }
    return;
  }
  if (!hasGlob(segment)) {
    walk(cwd, joinShown(shown, segment), rest, out);
    return;
  }
  const re = segmentRegExp(segment);
  for (const e of entries(abs)) {
    if (e.name.startsWith('.') && !segment.startsWith('.')) continue;
    if (!re.test(e.name)) continue;
    const child = joinShown(shown, e.name);
    if (rest.length === 0) {
      if (isFile(join(abs, e.name), e)) out.push(child);
    } else if (isDirectory(join(abs, e.name), e)) walk(cwd, child, rest, out);
  }
}

export function expandGlob(pattern: string, cwd: string): string[] {
  const normalised = pattern.replace(/\\/g, '/');
  const absolute = isAbsolute(normalised);
  const segments = normalised.split('/').filter((s) => s !== '' && s !== '.');
  const out: string[] = [];
  walk(cwd, absolute ? '/' : '', segments, out);
  const matches = [...new Set(out)].sort(byCodePoint);
  // A pattern that ends in `*` or `**` means scenario files, not every file.
  return /(^|\/)\*\*?$/.test(normalised) ? matches.filter((m) => SCENARIO_FILE.test(m)) : matches;
}

export function directoryScenarios(dir: string, cwd: string): string[] {
  const abs = resolve(cwd, dir);
  return entries(abs)
    .filter((e) => SCENARIO_FILE.test(e.name) && !e.name.startsWith('.') && isFile(join(abs, e.name), e))
    .map((e) => joinShown(dir.replace(/\/+$/, '') || '/', e.name))
    .sort(byCodePoint);
}

export function expandInputs(inputs: readonly string[], cwd: string): ExpandedInputs {
  const files: string[] = [];
  const empty: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    const key = resolve(cwd, file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const input of inputs) {
    let matches: string[];
    if (isDirectory(resolve(cwd, input))) matches = directoryScenarios(input, cwd);
    else if (hasGlob(input) && !isFile(resolve(cwd, input))) matches = expandGlob(input, cwd);
    else matches = [input]; // a file, or a path that does not exist (reported as FILE_NOT_FOUND)
    if (matches.length === 0) empty.push(input);
    matches.forEach(add);
  }
  return { files, empty };
}
