#!/usr/bin/env node
// The first step of `npm run build`: src/**/*.ts to dist/**/*.js (ES modules) and
// src/**/*.cts to dist/**/*.cjs, file by file, types removed, nothing bundled. Plain
// JavaScript, as it runs before anything is compiled.
//
// esbuild rather than tsc: it strips the types of the whole tree in under a second, where
// tsc's emit took six, and `npm test` type-checks src/ and test/ beside the build anyway
// (`npm run typecheck` does it alone). tsconfig.json's verbatimModuleSyntax makes every
// type-only import say so, so removing types file by file gives what tsc gives.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = join(root, 'src');

/** Every file under `dir` (absolute paths). */
const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
const all = files(src);

const common = {
  outbase: src,
  outdir: join(root, 'dist'),
  platform: 'node',
  target: 'node20',
  tsconfig: join(root, 'tsconfig.json'),
  logLevel: 'warning',
};
await build({ ...common, entryPoints: all.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')), format: 'esm' });
await build({ ...common, entryPoints: all.filter((f) => f.endsWith('.cts')), format: 'cjs', outExtension: { '.js': '.cjs' } });
