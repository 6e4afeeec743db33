/**
 * Build step: bundles the compiled CLI (dist/cli/) into CommonJS bundles in dist/, so
 * a start reads a few files instead of hundreds (yaml alone is ~60 modules), then runs
 * the CLI once over every command to save V8's compiled code for each bundle
 * (dist/cache/, loaded by src/cli/code-cache.cts, found by the hash each bundle ends with,
 * src/build/stamp.ts):
 *
 * - dist/peerplan.cjs, the CLI shell (commander, every command's options and help):
 *   `peerplan --help` reads nothing else. Each `import('./commands/X.js')` of
 *   src/cli/main.ts loads dist/cmd-X.cjs instead.
 * - dist/cmd-*.cjs, one per command, each whole (a command loads one file and its cache).
 * - dist/generated/*-validator.cjs, the schema validators with ajv's runtime helpers.
 *
 * CommonJS because Node 20 can hand V8 a code cache only for scripts, not ES modules,
 * and because it also spares the start Node's ES module loader. Bundled code therefore
 * has no import(): esbuild turns the lazy imports into requires. The shell and each
 * command hold their own copies of the small modules they share; CliError is recognised
 * across copies (src/cli/errors.ts). Every file sits in dist/, one level below the
 * package root like every compiled module, so paths found from it stay right.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { fromRoot } from '../paths.js';
import { stampFile } from './stamp.js';

const dist = fromRoot('dist');

const common: BuildOptions = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // No import() in bundled code (a code-cached script cannot import): lazy imports become requires.
  supported: { 'dynamic-import': false },
  // Large, rarely used libraries stay ordinary requires, loaded from node_modules when needed.
  external: ['exceljs', '@inquirer/prompts', 'playwright-core'],
  // src/paths.ts finds the package root from its module URL: the bundle's own.
  define: { 'import.meta.url': '__peerplanModuleUrl' },
  banner: { js: "var __peerplanModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  outExtension: { '.js': '.cjs' },
  legalComments: 'none',
  logLevel: 'warning',
};

/** Commands main.ts imports lazily, found while bundling the shell. */
const commands = new Set<string>();

/** In the shell: `./commands/X.js` is dist/cmd-X.cjs, loaded (with its cache) when the command runs. */
const commandsApart: Plugin = {
  name: 'commands-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/[\w-]+\.js$/ }, (args) => {
      const name = args.path.slice('./commands/'.length, -'.js'.length);
      commands.add(name);
      return { path: name, namespace: 'command' };
    });
    b.onLoad({ filter: /.*/, namespace: 'command' }, (args) => ({
      contents: `module.exports = require('./cli/code-cache.cjs').loadBundle(${JSON.stringify(`cmd-${args.path}`)});`,
      loader: 'js',
      resolveDir: dist,
    }));
    b.onResolve({ filter: /^\.\/cli\/code-cache\.cjs$/ }, (args) => ({ path: args.path, external: true }));
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

/**
 * chalk works out at load time whether the terminal shows colour (reading tty, os and
 * the environment). peerplan always gives chalk the level itself (src/cli/io.ts,
 * colorEnabled), so the bundles get chalk without that detection.
 */
const chalkWithoutDetection: Plugin = {
  name: 'chalk-without-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, (args) =>
      args.importer.includes('node_modules/chalk/') ? { path: 'supports-color', namespace: 'chalk-without-detection' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'chalk-without-detection' }, () => ({ contents: 'export default { stdout: false, stderr: false };', loader: 'js' }));
  },
};

// Files of earlier builds.
for (const f of readdirSync(dist)) if (/^(chunk|cmd)-.*\.(c?js)$/.test(f) || f === 'peerplan.js' || f === 'peerplan.cjs') rmSync(join(dist, f));
rmSync(join(dist, 'cache'), { recursive: true, force: true });

await build({ ...common, entryPoints: { peerplan: fromRoot('dist', 'cli', 'main.js') }, outdir: dist, plugins: [commandsApart, lazyChildProcess] });
await build({
  ...common,
  entryPoints: Object.fromEntries([...commands].sort().map((name) => [`cmd-${name}`, fromRoot('dist', 'cli', 'commands', `${name}.js`)])),
  outdir: dist,
  plugins: [chalkWithoutDetection],
});
const validators = readdirSync(join(dist, 'generated')).filter((f) => f.endsWith('-validator.js'));
await build({
  ...common,
  entryPoints: validators.map((f) => join(dist, 'generated', f)),
  outdir: join(dist, 'generated'),
});

// The interactive report's page script: the pure engine, the comparison, the HTML
// renderer and the reference data, for the browser, in one script written into the page
// (no network, no external script). Node-only modules are replaced: reference data comes
// compiled into the script, and the one use of node:path (the baseline's file names) is
// not reached in the page.
/** The compiled evidence libraries by id, for the page (the CLI reads them from dist/generated/evidence). */
function evidenceLibraries(): Record<string, unknown> {
  const dir = join(dist, 'generated', 'evidence');
  return Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f.slice(0, -'.json'.length), JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown]));
}

const pageModules: Plugin = {
  name: 'page-modules',
  setup(b) {
    b.onResolve({ filter: /reference\/load\.js$/ }, () => ({ path: 'reference-data', namespace: 'page' }));
    b.onResolve({ filter: /^node:path$/ }, () => ({ path: 'path', namespace: 'page' }));
    b.onLoad({ filter: /^reference-data$/, namespace: 'page' }, () => {
      const dir = join(dist, 'generated', 'reference');
      const sets = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f.slice(0, -'.json'.length), JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown]));
      return {
        contents: `const SETS = ${JSON.stringify(sets)};\nexport function loadReference(id) { const d = SETS[id]; if (!d) throw new Error('unknown reference data ' + id); return d; }\nexport function listReferenceIds() { return Object.keys(SETS); }`,
        loader: 'js',
      };
    });
    b.onLoad({ filter: /^path$/, namespace: 'page' }, () => ({ contents: 'export function resolve(...parts) { return parts.join("/"); }\nexport function join(...parts) { return parts.join("/"); }\nexport function basename(p) { return p.split("/").pop(); }\nexport function dirname(p) { return p.split("/").slice(0, -1).join("/"); }', loader: 'js' }));
    // The page validates a changed value as `--set` would (src/interactive/check.ts): the
    // precompiled validator, the reference data and the evidence library, in the script.
    b.onResolve({ filter: /\/page-deps\.js$/ }, () => ({ path: 'page-deps', namespace: 'page' }));
    b.onLoad({ filter: /^page-deps$/, namespace: 'page' }, () => {
      return {
        contents:
          `import { validate, schema } from ${JSON.stringify(join(dist, 'generated', 'scenario-validator.js'))};\n` +
          `import { SchemaInfo } from ${JSON.stringify(fromRoot('src', 'validate', 'schema-info.ts'))};\n` +
          `import { listReferenceIds, loadReference } from '../reference/load.js';\n` +
          `import { loadEvidenceLibrary } from '../evidence/load.js';\n` +
          `export async function pageValidateDeps() { return { validator: { validate, schema, info: new SchemaInfo(schema) }, referenceIds: listReferenceIds(), getReference: loadReference, getEvidence: () => loadEvidenceLibrary() }; }`,
        loader: 'js',
        resolveDir: fromRoot('src', 'interactive'),
      };
    });
    // The generated validator requires ajv's one runtime helper through node:module.
    b.onLoad({ filter: /generated[\\/]scenario-validator\.js$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      const prefix = 'import { createRequire as __createRequire } from "node:module";const require = __createRequire(import.meta.url);';
      if (!code.includes(prefix)) throw new Error(`${args.path}: the require prefix the page bundle replaces has changed`);
      return {
        contents: code.replace(prefix, 'import * as __u from "ajv/dist/runtime/ucs2length";const __f = [__u, __u.default, __u.default?.default].find((f) => typeof f === "function");const require = () => ({ default: __f });'),
        loader: 'js',
        resolveDir: fromRoot(),
      };
    });
    // Modules only the CLI reaches (file reading, the package root): never called in the page.
    b.onResolve({ filter: /^node:(fs|module|url)$/ }, (args) => ({ path: args.path, namespace: 'page-node' }));
    b.onResolve({ filter: /[\\/]paths\.js$/ }, () => ({ path: 'paths', namespace: 'page-node' }));
    b.onResolve({ filter: /[\\/]data-set-folder\.js$/ }, () => ({ path: 'data-set-folder', namespace: 'page-node' }));
    b.onLoad({ filter: /.*/, namespace: 'page-node' }, (args) => ({
      contents:
        args.path === 'paths'
          ? "module.exports = { PACKAGE_ROOT: '', LAYOUT: 'bundled', fromRoot: (...s) => s.join('/'), notBuiltError: (r) => new Error(r + ' is not built') };"
          : args.path === 'data-set-folder'
            ? `const LIBRARIES = ${JSON.stringify(evidenceLibraries())};\nmodule.exports = { DataSetFolder: class { constructor(kind) { this.kind = kind; this.dir = kind; this.ext = '.json'; } ids() { return this.kind === 'evidence' ? Object.keys(LIBRARIES) : []; } read(id) { return LIBRARIES[id]; } }, parseYamlData: () => { throw new Error('not in the page'); } };`
            : `module.exports = new Proxy({}, { get: (_, name) => () => { throw new Error(${JSON.stringify(`${args.path} is not in the page`)} + ': ' + String(name)); } });`,
      loader: 'js',
    }));
  },
};
await build({
  entryPoints: [fromRoot('src', 'interactive', 'page.ts')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  outfile: join(dist, 'interactive-page.js'),
  plugins: [pageModules],
  legalComments: 'none',
  logLevel: 'warning',
});

// Each bundle ends with the hash of its content, by which its code cache is found.
for (const f of readdirSync(dist)) if (/^(peerplan|cmd-.*)\.cjs$/.test(f)) stampFile(join(dist, f));
for (const f of readdirSync(join(dist, 'generated'))) if (f.endsWith('-validator.cjs')) stampFile(join(dist, 'generated', f));

// Training: every command once, in one process, so each bundle's cache holds the code
// its command compiles. Outputs go to a temporary folder and are thrown away.
const work = mkdtempSync(join(tmpdir(), 'peerplan-code-cache-'));
try {
  const trained = spawnSync(process.execPath, [fromRoot('dist', 'build', 'train-code-cache.js'), work], {
    cwd: fromRoot(),
    env: { ...process.env, PEERPLAN_WRITE_CODE_CACHE: '1', NO_COLOR: '1' },
    encoding: 'utf8',
  });
  if (trained.status !== 0) throw new Error(`training the code cache failed:\n${trained.stderr}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`bundled the CLI into dist/peerplan.cjs and ${commands.size} command bundles, with their code caches`);
