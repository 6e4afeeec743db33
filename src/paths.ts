import { fileURLToPath } from 'node:url';

/**
 * The package root. This file compiles to dist/paths.js, one level below the root
 * exactly as src/paths.ts is, so the same relative URL works from source (tests,
 * tsx) and from the compiled CLI.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

export function fromRoot(...segments: string[]): string {
  return [PACKAGE_ROOT.replace(/\/$/, ''), ...segments].join('/');
}
