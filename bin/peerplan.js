#!/usr/bin/env node
// The installed CLI runs the compiled JavaScript in dist/ (built by `npm install`
// through the `prepare` script), so start-up never pays for a TypeScript loader.
import { main } from '../dist/peerplan.js';

// A reader that stops early (`peerplan run … | head`) closes the pipe: that is the
// reader's choice, not an error, so stop quietly as other Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

process.exitCode = await main(process.argv, {
  // A getter: process.stdin is created on first use, and only `init` uses it.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
