#!/usr/bin/env node
// The package as a user gets it (`npm run test:package`, run by .ci/run after `npm test`):
// packs the tarball, installs it without dev dependencies into an empty folder and
// globally (--prefix), and runs every command there, from the installed files only,
// under this Node and under Node 22 and 24 (fetched from the npm registry as the `node`
// package; a version that cannot be fetched is reported and skipped). Checks exit codes,
// that JSON parses, that `run --format json` prints the same bytes as the clone, and that
// nothing but what runs is shipped. Any file the package needs and lacks fails a
// command, and so this script. PEERPLAN_SMOKE_KEEP=1 keeps the temporary folder.
// It needs the npm registry (the dependencies, and Node 22 and 24), nothing else.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'peerplan-package-'));
const failures = [];
const started = Date.now();

// The environment of the npm that ran this script describes the clone (its folder, its
// package, its script): a child npm must see none of it, or it would install into the clone.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^npm_(?!config_)|^npm_config_(local_prefix|prefix|global)$|^INIT_CWD$/i.test(k)),
);
Object.assign(env, { NO_COLOR: '1', TZ: 'UTC', LANG: 'C', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' });

function sh(cmd, args, cwd, extra = {}) {
  const r = spawnSync(cmd, args, { cwd, env: { ...env, ...extra }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : '') };
}

const say = (line) => process.stdout.write(`${line}\n`);
function check(label, ok, detail = '') {
  if (ok) say(`  ok   ${label}`);
  else {
    say(`  FAIL ${label}${detail ? `\n${detail.replace(/^/gm, '       ')}` : ''}`);
    failures.push(label);
  }
  return ok;
}

const parses = (text) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** Runs a peerplan command and checks its exit code and, for JSON, that stdout parses. */
function expectCommand(where, runner, args, { status = 0, json = false, cwd } = {}) {
  const r = runner(args, cwd);
  const label = `${where}: peerplan ${args.join(' ')}`.replaceAll(root, '<clone>').replaceAll(work, '<tmp>');
  const why = r.status !== status ? `exit ${r.status}, expected ${status}\n${r.stderr.slice(0, 2000)}` : json && !parses(r.stdout) ? `stdout is not JSON: ${r.stdout.slice(0, 300)}` : '';
  check(label, why === '', why);
  return r;
}

/** The first bytes of a file as text, or '' if there is no such file. */
const head = (file, n) => (existsSync(file) ? readFileSync(file).subarray(0, n).toString() : '');
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
function du(path) {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s) return 0;
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((sum, f) => sum + du(join(path, f)), 0);
}

// ---- Pack ------------------------------------------------------------------------------
say(`peerplan package smoke test (node ${process.version}), in ${work}`);
const built = sh(process.execPath, [join(root, 'src', 'build', 'up-to-date.mjs')], root);
if (built.status !== 0) {
  process.stderr.write(built.stderr);
  const build = sh('npm', ['run', 'build'], root);
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout}${build.stderr}`);
    process.exit(1);
  }
}
// dist/ is built: pack without running prepack again, so npm's JSON report is all stdout holds.
const pack = sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root);
if (!check('npm pack', pack.status === 0, pack.stderr)) process.exit(1);
const [packed] = JSON.parse(pack.stdout);
const tarball = join(work, packed.filename);
const shipped = packed.files.map((f) => f.path).sort();
say(`  tarball ${packed.filename}: ${kib(packed.size)} packed, ${kib(packed.unpackedSize)} unpacked, ${shipped.length} files`);

// What ships is what runs: no sources, tests, source maps or tsc's per-module output.
const extra = shipped.filter((f) => !/^(package\.json|README\.md|LICENSE)$|^bin\/|^dist\/(peerplan|cmd-[\w-]+)\.cjs$|^dist\/cli\/code-cache\.cjs$|^dist\/interactive-page\.js$|^dist\/generated\/|^dist\/cache\/|^schemas\/|^scenarios\/|^docs\/[\w-]+\.md$/.test(f));
check('the tarball holds only what runs', extra.length === 0, extra.join('\n'));
check('the tarball has no source maps, tests or TypeScript', !shipped.some((f) => /\.map$|^test\/|^src\/|\.ts$/.test(f)));
for (const needed of ['bin/peerplan.js', 'dist/peerplan.cjs', 'dist/cli/code-cache.cjs', 'dist/generated/scenario-validator.cjs', 'schemas/scenario.schema.json', 'scenarios/baseline.yaml']) {
  check(`the tarball holds ${needed}`, shipped.includes(needed));
}

// ---- The clone's own output, the reference for every install ---------------------------
const clone = sh(process.execPath, [join(root, 'bin', 'peerplan.js'), 'run', 'scenarios/baseline.yaml', '--format', 'json'], root);
if (!check('clone: peerplan run scenarios/baseline.yaml --format json', clone.status === 0 && parses(clone.stdout), clone.stderr)) process.exit(1);
// In the clone: `npx peerplan` runs the build as it is (npm links the clone into its npx
// cache, and the package has no install script to rebuild it), and `npm run dev` runs
// the TypeScript sources, to the same output.
const builtAt = statSync(join(root, 'dist', 'peerplan.cjs')).mtimeMs;
const npxClone = sh('npx', ['peerplan', '--version'], root);
check('clone: npx peerplan --version runs without rebuilding dist/', npxClone.status === 0 && npxClone.stdout.trim() === JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version && statSync(join(root, 'dist', 'peerplan.cjs')).mtimeMs === builtAt, `${npxClone.stdout}${npxClone.stderr}`);
const dev = sh('npm', ['run', '-s', 'dev', '--', 'run', 'scenarios/baseline.yaml', '--format', 'json'], root);
check('clone: npm run dev -- run scenarios/baseline.yaml --format json runs the sources, to the same bytes', dev.status === 0 && dev.stdout === clone.stdout, dev.status === 0 ? firstDifference(dev.stdout, clone.stdout) : dev.stderr);

/** The scenario path is the one thing that may differ: it is the path as typed. */
const samePaths = (text, prefix) => text.replaceAll(`"file": "${prefix}scenarios/`, '"file": "scenarios/');
function expectSameRun(where, r, prefix) {
  const same = r.status === 0 && samePaths(r.stdout, prefix) === clone.stdout;
  check(`${where}: run baseline --format json prints the clone's bytes${prefix ? ' (but the file path)' : ''}`, same, r.status === 0 ? firstDifference(samePaths(r.stdout, prefix), clone.stdout) : r.stderr);
}
function firstDifference(a, b) {
  const al = a.split('\n');
  const bl = b.split('\n');
  const i = al.findIndex((line, n) => line !== bl[n]);
  return `first difference at line ${i + 1}:\n  installed: ${al[i]}\n  clone:     ${bl[i]}`;
}

// ---- Install into an empty folder, without dev dependencies ---------------------------
const local = join(work, 'local');
mkdirSync(local);
writeFileSync(join(local, 'package.json'), '{ "name": "peerplan-smoke", "private": true }\n');
const install = sh('npm', ['install', '--omit=dev', tarball], local);
if (!check('npm install --omit=dev <tarball> into an empty folder', install.status === 0, install.stderr)) process.exit(1);
const pkg = join(local, 'node_modules', 'peerplan');
const devDeps = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies ?? {});
// A dev dependency may still be installed for a dependency that needs it (exceljs brings
// an @types/node of its own); none may be there for peerplan's sake.
const lock = JSON.parse(readFileSync(join(local, 'node_modules', '.package-lock.json'), 'utf8')).packages;
const neededByOthers = new Set(
  Object.entries(lock)
    .filter(([path]) => path !== 'node_modules/peerplan')
    .flatMap(([, p]) => Object.keys({ ...p.dependencies, ...p.optionalDependencies, ...p.peerDependencies })),
);
const strayDev = devDeps.filter((d) => existsSync(join(local, 'node_modules', d)) && !neededByOthers.has(d));
check(`no dev dependency is installed for peerplan (${devDeps.join(', ')})`, strayDev.length === 0, strayDev.join(', '));
const installedSize = du(pkg);
const withDependencies = du(join(local, 'node_modules'));
say(`  installed: ${mib(installedSize)} for peerplan, ${mib(withDependencies)} with its dependencies`);

const scenarios = readdirSync(join(pkg, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();
const at = (f) => `node_modules/peerplan/scenarios/${f}`;
const TRIO = ['baseline.yaml', 'band3-fixed-term.yaml', 'band4-permanent.yaml'];

/** Every command, on every bundled scenario, with `runner` (a peerplan of some install under some Node), from `cwd`. */
function everyCommand(where, runner, cwd, full) {
  const files = full ? scenarios : ['baseline.yaml', 'band4-permanent.yaml'];
  const scenario = (f) => (cwd === local ? at(f) : join(pkg, 'scenarios', f));
  const run = (args, dir = cwd) => runner(args, dir);
  const out = mkdtempSync(join(work, 'out-'));
  expectCommand(where, run, ['--version']);
  expectCommand(where, run, ['--help']);
  expectCommand(where, run, ['validate', ...files.map(scenario)]);
  expectCommand(where, run, ['validate', ...files.map(scenario), '--format', 'json'], { json: true });
  for (const f of files) {
    expectCommand(where, run, ['run', scenario(f), '--format', 'json'], { json: true });
    expectCommand(where, run, ['explain', scenario(f), '--format', 'json'], { json: true });
  }
  expectCommand(where, run, ['run', scenario('band4-permanent.yaml')]);
  expectCommand(where, run, ['run', scenario('baseline.yaml'), '--format', 'csv']);
  expectCommand(where, run, ['run', scenario('baseline.yaml'), '--format', 'xlsx', '--out', join(out, 'baseline.xlsx')]);
  check(`${where}: the workbook is a zip file`, head(join(out, 'baseline.xlsx'), 2) === 'PK');
  expectCommand(where, run, ['compare', ...files.map(scenario)]);
  expectCommand(where, run, ['compare', ...files.map(scenario), '--format', 'json'], { json: true });
  expectCommand(where, run, ['report', ...(full ? TRIO : files).map(scenario), '--out', join(out, 'report.html')]);
  check(`${where}: the report is an HTML page`, head(join(out, 'report.html'), 15) === '<!DOCTYPE html>');
  expectCommand(where, run, ['report', ...files.map(scenario), '--interactive', '--no-sensitivity', '--controls', 'turnover.annual_leaver_rate', '--out', join(out, 'board.html')]);
  check(`${where}: the interactive report carries its script`, readFileSync(join(out, 'board.html'), 'utf8').includes('Content-Security-Policy'));
  expectCommand(where, run, ['compare', ...files.map(scenario), '--summary']);
  expectCommand(where, run, ['simulate', ...files.map(scenario), '--draws', '200', '--seed', '7', '--format', 'json'], { json: true });
  expectCommand(where, run, ['reference']);
  expectCommand(where, run, ['reference', 'afc-2025-26']);
  expectCommand(where, run, ['reference', 'afc-2025-26', '--format', 'json'], { json: true });
  expectCommand(where, run, ['evidence']);
  expectCommand(where, run, ['evidence', 'core-2018-readmission', '--format', 'json'], { json: true });
  expectCommand(where, run, ['schema'], { json: true });
  expectCommand(where, run, ['completion', 'bash']);
  expectCommand(where, run, ['schema', '--result'], { json: true });
  expectCommand(where, run, ['explain', scenario('band4-permanent.yaml'), '--metric', 'employer_ni', '--month', '2026-04']);
  expectCommand(where, run, ['sensitivity', scenario('band4-permanent.yaml'), '--format', 'json'], { json: true });
  expectCommand(where, run, ['sweep', scenario('baseline.yaml'), '--vary', 'workforce.band=3,4,5', '--format', 'json'], { json: true });
  expectCommand(where, run, ['batch', dirname(scenario('baseline.yaml')), '--out', join(out, 'batch'), '--format', 'json', '--quiet']);
  expectCommand(where, run, ['init', '--yes', join(out, 'mine.yaml')]);
  expectCommand(where, run, ['validate', join(out, 'mine.yaml')]);
  expectCommand(where, run, ['run', join(out, 'mine.yaml'), '--format', 'json'], { json: true });
  // A user's mistake is a user's error (exit 1, a message), never an internal error.
  writeFileSync(join(out, 'bad.yaml'), 'peerplan: 1\nworkforce:\n  band: 9\n');
  const bad = expectCommand(where, run, ['validate', join(out, 'bad.yaml')], { status: 1 });
  check(`${where}: an invalid scenario gets a diagnostic at its line`, `${bad.stdout}${bad.stderr}`.includes('bad.yaml:3:9: error INVALID_VALUE'), `${bad.stdout}${bad.stderr}`);
}

const viaBin = (bin, node = [process.execPath]) => (args, cwd) => sh(node[0], [...node.slice(1), bin, ...args], cwd);
const localBin = join(pkg, 'bin', 'peerplan.js');

say('\nInstalled in an empty folder (npm install --omit=dev <tarball>):');
// Exactly as a user would type it there.
expectSameRun('local', sh('npx', ['--no', 'peerplan', 'run', at('baseline.yaml'), '--format', 'json'], local), 'node_modules/peerplan/');
expectSameRun('local, from the package folder', sh(process.execPath, [localBin, 'run', 'scenarios/baseline.yaml', '--format', 'json'], pkg), '');
everyCommand('local', viaBin(localBin), local, true);

// ---- Global install with --prefix ------------------------------------------------------
say('\nInstalled globally (npm install -g --prefix DIR --omit=dev <tarball>):');
const prefix = join(work, 'global');
const globalInstall = sh('npm', ['install', '-g', '--prefix', prefix, '--omit=dev', tarball], work);
if (check('npm install -g --prefix', globalInstall.status === 0, globalInstall.stderr)) {
  const globalBin = join(prefix, 'bin', 'peerplan');
  const elsewhere = mkdtempSync(join(work, 'cwd-'));
  const viaPath = (args, cwd) => sh('peerplan', args, cwd, { PATH: `${join(prefix, 'bin')}:${env.PATH ?? ''}` });
  check('the global bin is linked', existsSync(globalBin));
  const globalPkg = join(prefix, 'lib', 'node_modules', 'peerplan');
  expectSameRun('global', viaPath(['run', join(globalPkg, 'scenarios', 'baseline.yaml'), '--format', 'json'], elsewhere), `${globalPkg}/`);
  for (const args of [['validate', join(globalPkg, 'scenarios', 'baseline.yaml')], ['reference'], ['init', '--yes', 'scenario.yaml'], ['validate', 'scenario.yaml'], ['compare', join(globalPkg, 'scenarios', 'baseline.yaml'), 'scenario.yaml', '--format', 'json'], ['explain', 'scenario.yaml'], ['report', 'scenario.yaml', '--out', 'report.html']]) {
    expectCommand('global', viaPath, args, { cwd: elsewhere, json: args.includes('json') });
  }
}

// ---- Other Node versions ---------------------------------------------------------------
// PEERPLAN_SMOKE_NODES=22 (or empty) narrows the other versions while working on this script.
const majors = (process.env.PEERPLAN_SMOKE_NODES ?? '22,24').split(',').filter(Boolean);
if (majors.length === 0) say('\nOther Node versions: not run (PEERPLAN_SMOKE_NODES is empty)');
for (const major of majors) {
  say(`\nUnder Node ${major} (npx -p node@${major}), the folder install:`);
  // npx fetches the binary once; its path then runs each command without npx's overhead.
  const probe = sh('npx', ['-y', '-p', `node@${major}`, 'node', '-p', 'process.version + " " + process.execPath'], work);
  const [version = '', binary = ''] = probe.stdout.trim().split(' ');
  if (probe.status !== 0 || !version.startsWith(`v${major}.`)) {
    say(`  SKIP Node ${major}: could not fetch node@${major} from the npm registry (${(probe.stderr.trim().split('\n').pop() ?? '').slice(0, 200) || `got "${probe.stdout.trim()}"`})`);
    continue;
  }
  const runner = viaBin(localBin, [binary]);
  expectSameRun(`node ${version}`, runner(['run', at('baseline.yaml'), '--format', 'json'], local), 'node_modules/peerplan/');
  everyCommand(`node ${version}`, runner, local, false);
}

// ---- Result ------------------------------------------------------------------------------
const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (process.env.PEERPLAN_SMOKE_KEEP === '1') say(`\nkept ${work}`);
else rmSync(work, { recursive: true, force: true });
if (failures.length > 0) {
  say(`\npackage smoke test FAILED (${failures.length} check${failures.length === 1 ? '' : 's'}, ${seconds} s):\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exitCode = 1;
} else {
  say(`\npackage smoke test passed (${seconds} s): tarball ${kib(packed.size)}, installed ${mib(installedSize)} (${mib(withDependencies)} with dependencies)`);
}
