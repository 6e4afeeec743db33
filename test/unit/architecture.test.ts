// The import graph of src/ (issue #15): no cycles, type-only imports included, and no
// import from a lower layer to a higher one. Read with the TypeScript compiler's own
// import scanner (ts.preProcessFile), which sees static, type-only and dynamic imports.
// (dependency-cruiser needs Node 22 or later; madge would add some hundred packages for
// what these few lines do.)
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { notBuiltError } from '../../src/paths.js';
import { EXIT } from '../../src/cli/exit-codes.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');

/** Every module of src/ (build tooling aside: it runs the built CLI, outside the program). */
function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'build' && dir === SRC ? [] : modules(path);
    return /\.(c|m)?ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `./x.js` written in a .ts file names ./x.ts (or .cts for .cjs). */
function target(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const abs = resolve(dirname(from), spec);
  return abs.replace(/\.js$/, '.ts').replace(/\.cjs$/, '.cts').replace(/\.mjs$/, '.mts');
}

const files = modules(SRC);
const graph = new Map<string, string[]>(
  files.map((file) => {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const deps = info.importedFiles.map((i) => target(file, i.fileName)).filter((t): t is string => t !== null && files.includes(t));
    return [file, [...new Set(deps)]];
  }),
);
const name = (file: string): string => relative(SRC, file);

/** Each cycle met in a depth-first walk, as the path that closes it. */
function cyclesOf(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const dep of edges.get(file) ?? []) {
      if (state.get(dep) === 'open') cycles.push([...stack.slice(stack.indexOf(dep)), dep]);
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of edges.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

/**
 * Layers, lowest first: a module may import its own layer and those below, never above.
 * `domain` is everything that is neither presentation (render), the application layer
 * (app) nor the command line (cli). `uncertainty` (ranges on inputs, distributions, the
 * simulation's maths and result types) sits below `read`, which replaces each range by its
 * central value while reading; `interactive` (the in-page engine and renderer of the HTML
 * report) sits with `render`, whose HTML page embeds its data.
 */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ['version.ts', 'paths.ts', 'text', 'source', 'scenario', 'data-set-folder.ts', 'write'],
  ['reference', 'evidence', 'engine'],
  ['validate'],
  ['uncertainty'],
  ['read'],
  ['metrics', 'compare', 'result', 'whatif', 'explain', 'batch', 'init'],
  ['app'],
  ['render', 'interactive'],
  ['cli'],
];
const room = (file: string): string => name(file).split('/')[0] ?? '';
const layerOf = (file: string): number => LAYERS.findIndex((rooms) => rooms.includes(room(file)));

describe('the import graph of src/', () => {
  it('puts every module in a layer', () => {
    expect(files.filter((f) => layerOf(f) < 0).map(name)).toEqual([]);
  });

  it('has no import cycles (type-only imports count)', () => {
    expect(cyclesOf(graph).map((c) => c.map(name).join(' → '))).toEqual([]);
  });

  it('imports nothing from a higher layer (engine, read, validate: nothing above them; no domain module imports render/ or cli/)', () => {
    const upward = [...graph].flatMap(([file, deps]) =>
      deps.filter((dep) => layerOf(dep) > layerOf(file)).map((dep) => `${name(file)} → ${name(dep)}`),
    );
    expect(upward).toEqual([]);
  });

  it('marks a missing build with the CLI\'s exit code, though src/paths.ts cannot import it', () => {
    expect((notBuiltError('dist/x.cjs') as Error & { exitCode: number }).exitCode).toBe(EXIT.NOT_BUILT);
  });

  it('finds a cycle when there is one, a type-only import included (the test can fail)', () => {
    const sample = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cyclesOf(sample)).toEqual([['a', 'b', 'c', 'a']]);
    const typeOnly = ts.preProcessFile("import type { X } from './x.js';\nconst y = await import('./y.js');", true, true);
    expect(typeOnly.importedFiles.map((i) => i.fileName)).toEqual(['./x.js', './y.js']);
  });
});
