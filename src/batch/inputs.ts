/**
 * Batch inputs → scenario files: directories (every `*.yaml` / `*.yml` directly
 * inside), files, and globs (`*`, `?`, `[abc]` within a path segment, `**` for any
 * number of directories), expanded here rather than by the shell so quoted patterns
 * work the same everywhere. Each input's matches are sorted by code point (not by
 * locale), inputs keep the order given, and a file reached twice is kept once, in
 * its first position: the same inputs always give the same list.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
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

/** A pattern that cannot be read (a range such as `[z-a]`); a usage error. */
export class GlobSyntaxError extends Error {}

/** One piece of a segment: a literal character, `?`, `*`, or a bracket class. */
type Token = { kind: 'char'; char: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; negate: boolean; ranges: Array<[string, string]> };

function tokenize(segment: string, pattern: string): Token[] {
  const tokens: Token[] = [];
  const chars = [...segment];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === '*') {
      // `**` inside a segment is `*`; runs of stars are one (they match the same).
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[') {
      let j = i + 1;
      const negate = chars[j] === '!' || chars[j] === '^';
      if (negate) j++;
      // A `]` first in the class is a literal `]`.
      const close = chars.indexOf(']', j + 1);
      if (close < 0) {
        tokens.push({ kind: 'char', char: '[' });
        continue;
      }
      const body = chars.slice(j, close);
      const ranges: Array<[string, string]> = [];
      for (let k = 0; k < body.length; k++) {
        const from = body[k] as string;
        const to = body[k + 1] === '-' && k + 2 < body.length ? (body[k + 2] as string) : undefined;
        if (to === undefined) {
          ranges.push([from, from]);
          continue;
        }
        if ((to.codePointAt(0) ?? 0) < (from.codePointAt(0) ?? 0)) {
          throw new GlobSyntaxError(`the pattern "${pattern}" has the range [${from}-${to}], which runs backwards; write it low to high, e.g. [${to}-${from}]`);
        }
        ranges.push([from, to]);
        k += 2;
      }
      tokens.push({ kind: 'class', negate, ranges });
      i = close;
    } else tokens.push({ kind: 'char', char: c });
  }
  return tokens;
}

function tokenMatches(token: Token, c: string): boolean {
  switch (token.kind) {
    case 'char':
      return token.char === c;
    case 'any':
      return true;
    case 'class': {
      const inside = token.ranges.some(([from, to]) => from <= c && c <= to);
      return inside !== token.negate;
    }
    default:
      return false;
  }
}

/**
 * A glob segment (`*.yaml`, `band?-*.yml`, `[ab]*`) as a test of one name. Matched
 * without a regular expression: a pattern of many `*` against a long name made the
 * backtracking regular expression take exponential time. This is the classic
 * wildcard match with one resume point (the last `*`), at most names × pattern steps.
 */
export function segmentMatcher(segment: string, pattern = segment): (name: string) => boolean {
  const tokens = tokenize(segment, pattern);
  return (name) => {
    const chars = [...name];
    let t = 0;
    let n = 0;
    let starT = -1;
    let starN = 0;
    while (n < chars.length) {
      const token = tokens[t];
      if (token !== undefined && token.kind === 'star') {
        starT = t++;
        starN = n;
      } else if (token !== undefined && tokenMatches(token, chars[n] as string)) {
        t++;
        n++;
      } else if (starT >= 0) {
        // Let the last `*` take one more character and try again from there.
        t = starT + 1;
        n = ++starN;
      } else return false;
    }
    while (tokens[t]?.kind === 'star') t++;
    return t === tokens.length;
  };
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

interface Walk {
  cwd: string;
  /** The whole pattern, for messages. */
  pattern: string;
  /** `real path \0 remaining segments` of each folder `**` has entered: a folder reached again through a symbolic link is not walked again. */
  entered: Set<string>;
}

/**
 * Matches `segments` below `dir` (shown as `shown`); `**` matches zero or more
 * directories, never hidden ones. `**` follows symbolic links to folders, but enters
 * each real folder once: a link back up the tree (a loop) is not followed round.
 */
function walk(w: Walk, shown: string, segments: readonly string[], out: string[]): void {
  const [segment, ...rest] = segments;
  const abs = resolve(w.cwd, shown === '' ? '.' : shown);
  if (segment === undefined) {
    if (isFile(abs)) out.push(shown);
    return;
  }
  if (segment === '**') {
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      return;
    }
    const key = `${real}\0${segments.join('/')}`;
    if (w.entered.has(key)) return;
    w.entered.add(key);
    walk(w, shown, rest, out);
    for (const e of entries(abs)) {
      if (e.name.startsWith('.')) continue;
      const child = joinShown(shown, e.name);
      if (isDirectory(join(abs, e.name), e)) walk(w, child, segments, out);
    }
    return;
  }
  if (!hasGlob(segment)) {
    walk(w, joinShown(shown, segment), rest, out);
    return;
  }
  const matches = segmentMatcher(segment, w.pattern);
  for (const e of entries(abs)) {
    if (e.name.startsWith('.') && !segment.startsWith('.')) continue;
    if (!matches(e.name)) continue;
    const child = joinShown(shown, e.name);
    if (rest.length === 0) {
      if (isFile(join(abs, e.name), e)) out.push(child);
    } else if (isDirectory(join(abs, e.name), e)) walk(w, child, rest, out);
  }
}

export function expandGlob(pattern: string, cwd: string): string[] {
  const normalised = pattern.replace(/\\/g, '/');
  const absolute = isAbsolute(normalised);
  const segments = normalised.split('/').filter((s) => s !== '' && s !== '.');
  const out: string[] = [];
  // Every segment is read first, so a bad pattern is refused before any folder is read.
  for (const segment of segments) if (segment !== '**' && hasGlob(segment)) segmentMatcher(segment, pattern);
  walk({ cwd, pattern, entered: new Set() }, absolute ? '/' : '', segments, out);
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
