/**
 * Loads the CLI's bundles (dist/*.cjs, src/build/bundle.ts) with V8's code cache.
 *
 * Node 20 compiles every module from source at every start, and peerplan's start is
 * mostly that: parsing the bundles and compiling each function the first time it runs
 * (the YAML reader alone is a quarter of a megabyte). The build runs each command once
 * and saves V8's compiled code of each bundle in dist/cache/; this hands it back to V8,
 * which checks that it fits this V8 and these flags and otherwise compiles as usual.
 * The cache changes only how fast the code starts, never what it does.
 *
 * It applies to the CommonJS files in dist/ (the bundles, and the validators they
 * require), in the manner of v8-compile-cache: Module's compile step, for those files
 * only. A cache is paired with its bundle by content, never by file times (npm unpacks
 * a package in its own order): the build ends each bundle with the hash of its content
 * (src/build/stamp.ts) and names the cache after that hash, so a rebuilt bundle finds
 * no cache of its own until the build writes one, and a start costs no hashing. A
 * missing, stale or unreadable cache just means compiling as usual. With
 * PEERPLAN_WRITE_CODE_CACHE=1 (the build's training run) the caches of the files
 * loaded are written at exit instead; PEERPLAN_DEBUG_CODE_CACHE=1 tells which caches a
 * run used.
 */
import fs = require('node:fs');
import nodeModule = require('node:module');
import path = require('node:path');
import vm = require('node:vm');

const DIST = path.join(__dirname, '..');
const CACHE = path.join(DIST, 'cache');
const training = process.env.PEERPLAN_WRITE_CODE_CACHE === '1';
const compiled: Array<{ cache: string; script: vm.Script }> = [];

/** The stamp src/build/stamp.ts puts at the end of a bundle; keep the two in step. */
const STAMP = /\n\/\/ peerplan-build sha256:([0-9a-f]{64})\n$/;

/** dist/generated/scenario-validator.cjs, built as sha256 abcd… → dist/cache/generated-scenario-validator.abcd….bin */
function cacheFile(filename: string, content: string): string | undefined {
  const hash = STAMP.exec(content.slice(-100))?.[1];
  if (hash === undefined) return undefined;
  return path.join(CACHE, `${path.relative(DIST, filename).replace(/\.cjs$/, '').split(path.sep).join('-')}.${hash.slice(0, 16)}.bin`);
}

/** PEERPLAN_DEBUG_CODE_CACHE=1 says on stderr, for each bundle, whether its cache was used. */
const debug = process.env.PEERPLAN_DEBUG_CODE_CACHE === '1';
const say = (filename: string, what: string): void => {
  if (debug) process.stderr.write(`peerplan code cache: ${path.basename(filename)} ${what}\n`);
};

function cachedData(filename: string, cache: string | undefined): Buffer | undefined {
  if (training) return undefined;
  if (cache === undefined) {
    say(filename, 'not used: the file has no build stamp');
    return undefined;
  }
  try {
    return fs.readFileSync(cache);
  } catch {
    say(filename, 'not used: none for this build of it');
    return undefined;
  }
}

type Compile = (this: nodeModule, content: string, filename: string) => unknown;
const proto = nodeModule.prototype as unknown as { _compile: Compile };
const compile = proto._compile;
proto._compile = function (this: nodeModule, content: string, filename: string): unknown {
  if (!filename.endsWith('.cjs') || path.dirname(filename).slice(0, DIST.length) !== DIST || filename.startsWith(path.join(DIST, 'cli'))) {
    return compile.call(this, content, filename);
  }
  const cache = cacheFile(filename, content);
  const data = cachedData(filename, cache);
  const script = new vm.Script(nodeModule.wrap(content), { filename, ...(data ? { cachedData: data } : {}) });
  if (data) say(filename, script.cachedDataRejected === true ? 'rejected by V8 (another Node version or flags)' : 'used');
  if (training && cache !== undefined) compiled.push({ cache, script });
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(this.exports, this.exports, nodeModule.createRequire(filename), this, filename, path.dirname(filename));
  return undefined;
};

if (training) {
  process.on('exit', () => {
    try {
      fs.mkdirSync(CACHE, { recursive: true });
      for (const { cache, script } of compiled) fs.writeFileSync(cache, script.createCachedData());
    } catch (err) {
      // Only ever a slower start: say so, never fail the command over it.
      process.stderr.write(`peerplan: could not write the code cache in ${CACHE} (${(err as NodeJS.ErrnoException).code ?? String(err)})\n`);
    }
  });
}

/**
 * An error `main` reports as a CliError (src/cli/errors.ts recognises it by this mark):
 * one line, exit 78, as a build output missing is an incomplete build or install, not a
 * bug in the code.
 */
function notBuilt(file: string): Error {
  const err = new Error(`${path.relative(path.join(DIST, '..'), file)} is missing: peerplan is not built (run "npm run build" in its folder) or not installed completely (reinstall it)`);
  return Object.assign(err, { [Symbol.for('peerplan.CliError')]: true, exitCode: 78, reported: false });
}

/** The exports of dist/<name>.cjs. */
function loadBundle(name: string): unknown {
  const file = path.join(DIST, `${name}.cjs`);
  try {
    return require(file) as unknown;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { requireStack?: unknown };
    // Only the bundle itself missing; a module missing from inside it is another matter.
    if (e.code === 'MODULE_NOT_FOUND' && e.message.includes(file) && !fs.existsSync(file)) throw notBuilt(file);
    throw err;
  }
}

export = { loadBundle, notBuilt };
