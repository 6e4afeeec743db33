#!/usr/bin/env node
// The installed CLI runs the bundled JavaScript in dist/ (built by `npm run build`,
// shipped in the package), so start-up never pays for a TypeScript loader. This
// file is CommonJS (bin/package.json): with the bundles and their code cache
// (src/build/bundle.ts, src/cli/code-cache.cts) a start never loads Node's ES module
// loader either.
'use strict';
const path = require('node:path');

/** The shell bundle, or undefined (said on stderr, exit code set) when the build output is missing. */
function loadShell() {
  const loader = path.join(__dirname, '..', 'dist', 'cli', 'code-cache.cjs');
  try {
    return require(loader).loadBundle('peerplan');
  } catch (err) {
    // Exit 78, not 70: an incomplete build or install is no bug in the code (src/cli/exit-codes.ts).
    if (err && err[Symbol.for('peerplan.CliError')] === true) {
      process.stderr.write(`peerplan: ${err.message}\n`);
    } else if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes(loader)) {
      process.stderr.write('peerplan: dist/cli/code-cache.cjs is missing: peerplan is not built (run "npm run build" in its folder) or not installed completely (reinstall it)\n');
    } else {
      throw err;
    }
    process.exitCode = 78;
    return undefined;
  }
}

// A reader that stops early (`peerplan run … | head`) closes the pipe: that is the
// reader's choice, not an error, so stop quietly as other Unix tools do.
function quietOnClosedPipe(stream) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  return stream;
}
quietOnClosedPipe(process.stdout);

// stderr's stream is made when first used: for a pipe (a script capturing messages)
// making it loads Node's networking, and most runs print nothing there.
let stderrStream;
const stderrOnce = () => (stderrStream ??= quietOnClosedPipe(process.stderr));
const stderr = {
  write: (chunk) => stderrOnce().write(chunk),
  get isTTY() {
    return process.stderr.isTTY;
  },
  get columns() {
    return process.stderr.columns;
  },
};

const shell = loadShell();
if (shell) {
  // Ctrl-C, kill or a closed terminal: remove the temporary files a write in progress
  // holds, then stop with 128 + the signal's number, as a shell reports it. Only this
  // file exits the process.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => process.exit(shell.stopped(signal)));
  }

  shell
    .main(process.argv, {
      // A getter: process.stdin is created on first use, and only `init` uses it.
      get stdin() {
        return process.stdin;
      },
      stdout: process.stdout,
      stderr,
      env: process.env,
      cwd: process.cwd(),
    })
    .then((code) => {
      process.exitCode = code;
    });
}
