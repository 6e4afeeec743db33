// Shared by the bench scripts that time the CLI as a subprocess (sweep, simulate).
import { spawnSync } from 'node:child_process';

/** Milliseconds one `node [...extra] ...args` run takes, from `cwd` with `env`; a failing run throws with its stderr. */
export function timeNode(args, { cwd, env, extra = [] }) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...extra, ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`bench command failed (${r.status}): node ${args.join(' ')}\n${String(r.stderr).slice(0, 2000)}`);
  return ms;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
