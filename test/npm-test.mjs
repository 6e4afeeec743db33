#!/usr/bin/env node
// `npm test`: build dist/ (the CLI tests run the built CLI) while type-checking src/ and
// test/, then run vitest with any arguments given (`npm test -- test/cli/sweep.test.ts`).
//
// The build and tsc each keep one core busy: side by side they take the time of the
// longer, not the sum, and vitest starts as soon as the build is done, while tsc may still
// be checking. The build is skipped when dist/ was built from the sources as they are now
// (src/build/up-to-date.mjs, as `npm start` and `npm pack` do), and the type-check keeps
// its incremental state in node_modules/.cache, so a second run re-checks only what
// changed. Its findings are printed when it ends, and fail the run. eslint (`npm run lint`)
// runs beside them the same way.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const started = performance.now();
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Runs a command; resolves with its exit code and, when `quiet`, its output (else shown as it comes). */
function run(command, args, quiet = false) {
  const start = performance.now();
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (quiet) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (output += chunk));
    child.on('close', (code, signal) => done({ code: code ?? (signal ? 1 : 0), output, took: seconds(start) }));
  });
}

const build = async () => {
  if ((await run(process.execPath, [join(root, 'src', 'build', 'up-to-date.mjs')])).code === 0) return { code: 0, took: 'skipped, up to date' };
  return run('npm', ['run', 'build']);
};
// Its output waits until it ends, so it does not mix with the build's or vitest's.
const typeCheck = run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit', '--incremental', '--tsBuildInfoFile', join(root, 'node_modules', '.cache', 'peerplan', 'tsc-check.tsbuildinfo')], true);

const lint = run('npm', ['run', '--silent', 'lint'], true);

const built = await build();
let tested = { took: 'not run' };
if (built.code === 0) tested = await run(bin('vitest'), ['run', ...process.argv.slice(2)]);
const checked = await typeCheck;
process.stdout.write(checked.output);
const linted = await lint;
if (linted.code !== 0) process.stdout.write(`${linted.output}\nnpm test: eslint found the above (rules: eslint.config.js)\n`);
process.exitCode = built.code || checked.code || linted.code || tested.code || 0;
process.stderr.write(`npm test: ${seconds(started)} (build ${built.took}, type-check ${checked.took} and lint ${linted.took} beside it; vitest ${tested.took})\n`);
