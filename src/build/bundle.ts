/**
 * Build step: bundles the compiled CLI (dist/cli/) into dist/ so start-up reads a
 * handful of files instead of hundreds (yaml alone is ~60 modules), in two parts:
 *
 * - dist/peerplan.js, the CLI shell (commander, every command's options and help), in
 *   one file: `peerplan --help` reads nothing else. Each `import('./commands/X.js')` of
 *   src/cli/main.ts becomes an import of dist/cmd-X.js.
 * - dist/cmd-*.js, each command's implementation, code-split into shared chunks, so a
 *   command loads only what it runs.
 *
 * The two are built apart because one split build would cut the shell's small modules
 * (version, exit codes, errors, the metric list) into as many tiny chunks, each a file
 * to resolve and read at every start; the shell instead has its own copy, and CliError
 * is recognised across copies (src/cli/errors.ts). Every file sits in dist/, one level
 * below the package root like every compiled module, so paths resolved from
 * import.meta.url stay right.
 */
import { readdirSync, rmSync } from 'node:fs';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { fromRoot } from '../paths.js';

const dist = fromRoot('dist');

const common: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Large, rarely used libraries stay ordinary imports, loaded from node_modules when needed.
  external: ['exceljs', '@inquirer/prompts', 'playwright-core'],
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __peerplanCreateRequire } from 'node:module'; const require = __peerplanCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
};

/** Commands main.ts imports lazily, found while bundling the shell. */
const commands = new Set<string>();

/** In the shell: `./commands/X.js` stays an import, of the command's bundle beside it. */
const commandsApart: Plugin = {
  name: 'commands-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/[\w-]+\.js$/ }, (args) => {
      const name = args.path.slice('./commands/'.length, -'.js'.length);
      commands.add(name);
      return { path: `./cmd-${name}.js`, external: true };
    });
  },
};

/**
 * commander requires child_process at load time only to spawn executable subcommands,
 * which peerplan does not have; loading it (with net, dgram and streams) cost every
 * start a few milliseconds. This hands commander a stand-in that loads it when used.
 */
const lazyChildProcess: Plugin = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander/') ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: 'js',
    }));
  },
};

// Files of earlier builds (chunk names change with their content).
for (const f of readdirSync(dist)) if (/^(chunk|cmd)-.*\.js$/.test(f)) rmSync(`${dist}/${f}`);

await build({
  ...common,
  entryPoints: { peerplan: fromRoot('dist', 'cli', 'main.js') },
  outdir: dist,
  plugins: [commandsApart, lazyChildProcess],
});

await build({
  ...common,
  entryPoints: Object.fromEntries([...commands].sort().map((name) => [`cmd-${name}`, fromRoot('dist', 'cli', 'commands', `${name}.js`)])),
  outdir: dist,
  splitting: true,
  chunkNames: 'chunk-[hash]',
});
console.log(`bundled the CLI into dist/peerplan.js and ${commands.size} command bundles`);
