#!/usr/bin/env node
// The installed CLI runs the bundled JavaScript in dist/ (built by `npm install`
// through the `prepare` script), so start-up never pays for a TypeScript loader. This
// file is CommonJS (bin/package.json): with the bundles and their code cache
// (src/build/bundle.ts, src/cli/code-cache.cts) a start never loads Node's ES module
// loader either.
'use strict';
const { loadBundle } = require('../dist/cli/code-cache.cjs');

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

const cli = loadBundle('peerplan');

// Ctrl-C, kill or a closed terminal: remove the temporary files a write in progress
// holds, then stop with 128 + the signal's number, as a shell reports it. Only this
// file exits the process.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => process.exit(cli.stopped(signal)));
}

cli
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
