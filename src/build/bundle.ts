/**
 * Build step: bundles the compiled CLI (dist/cli/main.js) into dist/peerplan.js with
 * code splitting, so start-up reads a handful of files instead of hundreds (yaml alone
 * is ~60 modules) and each command's code still loads only when that command runs.
 * Chunks sit beside the entry in dist/, one level below the package root like every
 * compiled module, so paths resolved from import.meta.url stay right.
 */
import { build } from 'esbuild';
import { fromRoot } from '../paths.js';

await build({
  entryPoints: { peerplan: fromRoot('dist', 'cli', 'main.js') },
  outdir: fromRoot('dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  // Large, rarely used libraries stay ordinary imports, loaded from node_modules when needed.
  external: ['exceljs', '@inquirer/prompts', 'playwright-core'],
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __peerplanCreateRequire } from 'node:module'; const require = __peerplanCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
console.log('bundled the CLI into dist/peerplan.js');
