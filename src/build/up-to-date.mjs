#!/usr/bin/env node
// Whether dist/ was built from the sources as they are now, by content, not file times.
// Plain JavaScript, as it runs before anything is compiled.
//
//   node src/build/up-to-date.mjs          exit 0 if dist/ is up to date; else say why on
//                                          stderr and exit 1 (`… || npm run build`)
//   node src/build/up-to-date.mjs --write  the last step of `npm run build`: record the
//                                          hash of the sources dist/ was built from
//
// The hash covers everything the build reads: src/, schemas/, package.json, the lock
// file (the bundles hold the dependencies) and the TypeScript configuration. `npm start`
// and `npm pack` build only when it differs, so neither rebuilds needlessly.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RECORD = join(root, 'dist', 'build-inputs.sha256');
const INPUTS = ['src', 'schemas', 'package.json', 'package-lock.json', 'tsconfig.json'];

function files(path) {
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch (err) {
    if (err.code === 'ENOTDIR') return [path];
    if (err.code === 'ENOENT') return [];
    throw err;
  }
  return entries.flatMap((e) => files(join(path, e.name)));
}

function inputsHash() {
  const hash = createHash('sha256');
  const all = INPUTS.flatMap((p) => files(join(root, p))).map((f) => relative(root, f).split('\\').join('/'));
  for (const file of all.sort()) hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex');
}

if (process.argv[2] === '--write') {
  writeFileSync(RECORD, `${inputsHash()}\n`);
} else {
  let built;
  try {
    built = readFileSync(RECORD, 'utf8').trim();
  } catch {
    built = undefined;
  }
  if (built !== inputsHash()) {
    process.stderr.write(built === undefined ? 'dist/ is not built yet: building it (npm run build)\n' : 'dist/ was built from other sources: rebuilding it (npm run build)\n');
    process.exitCode = 1;
  }
}
