#!/usr/bin/env node
// The installed CLI runs the bundled JavaScript in dist/ (built by `npm install`
// through the `prepare` script), so start-up never pays for a TypeScript loader. This
// file is CommonJS (bin/package.json): with the bundles and their code cache
// (src/build/bundle.ts, src/cli/code-cache.cts) a start never loads Node's ES module
// loader either.
'use strict';
const { loadBundle } = require('../dist/cli/code-cache.cjs');

loadBundle('peerplan')
  .main(process.argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() })
  .then((code) => {
    process.exitCode = code;
  });
