/**
 * `npm run dev -- <command>`: the CLI straight from the TypeScript sources (tsx), for
 * working on it without a build. main.ts only defines the CLI; bin/peerplan.js runs the
 * bundled build of it, and this runs the sources the same way. Reference data comes
 * from src/reference/*.yaml as written; the schema validators still come from the
 * build (`npm run build` once, and again after changing schemas/).
 */
import { main } from './main.js';

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
