import { fileURLToPath } from 'node:url';

/**
 * The package root. This file compiles to dist/paths.js, one level below the root
 * exactly as src/paths.ts is, and every bundle (dist/*.cjs, src/build/bundle.ts) sits
 * there too, so the same relative URL works from source (tests, tsx), from the compiled
 * modules and from the bundled CLI, in a clone or an installed package alike.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

export function fromRoot(...segments: string[]): string {
  return [PACKAGE_ROOT.replace(/\/$/, ''), ...segments].join('/');
}

/**
 * How this code is running, read from its own file name, never from file times (npm
 * unpacks a package in its own order, so times say nothing about which file is current):
 * - `source`: the TypeScript itself (tests, `npm run dev`), which reads data as written
 *   (src/reference/*.yaml) and the ES module validators in dist/generated/;
 * - `compiled`: tsc's dist/**\/*.js (the build steps only);
 * - `bundled`: the CLI as run and as installed (dist/*.cjs), which reads only what the
 *   build made for it and what the package ships.
 * In a bundle `import.meta.url` is the bundle's own URL (src/build/bundle.ts).
 */
export const LAYOUT: 'source' | 'compiled' | 'bundled' = import.meta.url.endsWith('.cjs') ? 'bundled' : import.meta.url.endsWith('.ts') ? 'source' : 'compiled';

/**
 * A build output (a path from the package root) is missing: an incomplete build or
 * install, not a bug, so one line naming the fix and exit 78 rather than an internal
 * error. Marked as a CliError (src/cli/errors.ts recognises the mark), made here so the
 * modules that read build outputs need not depend on the CLI; src/cli/code-cache.cts
 * says the same for a missing bundle.
 */
/** EXIT.NOT_BUILT of src/cli/exit-codes.ts, written out so this lowest layer imports nothing of the CLI (test/unit/architecture.test.ts holds the two equal). */
const NOT_BUILT_EXIT = 78;

export function notBuiltError(relative: string): Error {
  const message = `${relative} is missing: peerplan is not built (run "npm run build" in its folder) or not installed completely (reinstall it)`;
  return Object.assign(new Error(message), { [Symbol.for('peerplan.CliError')]: true, exitCode: NOT_BUILT_EXIT, reported: false });
}
