#!/usr/bin/env node
// The installed CLI runs the compiled JavaScript in dist/ (built by `npm install`
// through the `prepare` script), so start-up never pays for a TypeScript loader.
import { main } from '../dist/peerplan.js';

process.exitCode = await main(process.argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
