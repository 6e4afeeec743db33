/**
 * Build step, run by src/build/bundle.ts with PEERPLAN_WRITE_CODE_CACHE=1: runs the
 * bundled CLI over each command in one process, the way a user would, so the code
 * cache written at exit (src/cli/code-cache.cts) holds what every command compiles.
 *
 * The runs are not a list kept here: they are every command the CLI defines (its
 * `--help`) and examples its help gives (the first, and one per output format), so a
 * new command, or a new format, is trained without a change here. Outputs go to the folder given as the
 * only argument, which is the runs' working folder; nothing is checked (the tests run
 * the real CLI).
 */
import { createRequire } from 'node:module';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../paths.js';

const work = process.argv[2];
if (!work) throw new Error('usage: train-code-cache.js WORK_DIR');

const require = createRequire(import.meta.url);
const { loadBundle } = require(fromRoot('dist', 'cli', 'code-cache.cjs')) as { loadBundle(name: string): unknown };
const { main } = loadBundle('peerplan') as { main(argv: string[], io: object): Promise<number> };

const sink = { write: () => true, isTTY: false };
const io = { stdout: sink, stderr: sink, env: { NO_COLOR: '1' }, cwd: work };

/** What the CLI prints for `args` (its help texts). */
async function printed(args: string[]): Promise<string> {
  let text = '';
  await main(['node', 'peerplan', ...args], { ...io, stdout: { write: (s: string) => ((text += s), true), isTTY: false } });
  return text;
}

/**
 * The bundled scenarios the examples are trained on: two, one extending the other. Every
 * code path an example takes with six options it takes with two (the cache holds what ran,
 * not how often), and the build trains in half the time.
 */
const TRAINING_SCENARIOS = ['baseline.yaml', 'band3-fixed-term.yaml'];
const trainingFolder = join(work, 'scenarios');
mkdirSync(trainingFolder);
for (const f of TRAINING_SCENARIOS) copyFileSync(fromRoot('scenarios', f), join(trainingFolder, f));

/** At most this many draws for `--draws`: sampling compiles the same code for 200 draws as for 10,000. */
const TRAINING_DRAWS = 200;

/**
 * The words of an example as a shell would pass them: quotes removed, `scenarios/*.yaml`
 * expanded (over the training scenarios), `--draws` capped, redirections dropped.
 */
function words(example: string): string[] {
  const tokens = [...example.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  const end = tokens.findIndex((t) => t === '>' || t === '|');
  const args = (end < 0 ? tokens : tokens.slice(0, end)).flatMap((t) => {
    // The training scenarios by absolute path, so every output lands in the work folder.
    if (!t.startsWith('scenarios/')) return [t];
    const name = t.slice('scenarios/'.length);
    if (name === '') return [`${trainingFolder}/`];
    if (name.includes('*')) return TRAINING_SCENARIOS.map((f) => join(trainingFolder, f));
    return [TRAINING_SCENARIOS.includes(name) ? join(trainingFolder, name) : fromRoot(t)];
  });
  const draws = args.indexOf('--draws');
  if (draws >= 0 && Number(args[draws + 1]) > TRAINING_DRAWS) args[draws + 1] = String(TRAINING_DRAWS);
  return args;
}

/** The format an example writes: its --format, else its --out file's extension, else the command's default. */
function formatOf(args: readonly string[]): string {
  const at = args.findIndex((a) => a === '--format' || a === '-f');
  if (at >= 0) return args[at + 1] ?? '';
  const out = args.findIndex((a) => a === '--out' || a === '-o');
  const file = out >= 0 ? (args[out + 1] ?? '') : '';
  return /\.(\w+)$/.exec(file)?.[1] ?? 'default';
}

const commandsSection = (await printed(['--help'])).split('\nCommands:\n')[1]?.split('\n\n')[0] ?? '';
const commands = [...commandsSection.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1] as string).filter((c) => c !== 'help');
const runs: string[][] = [['--help']];
for (const command of commands) {
  const help = await printed([command, '--help']);
  runs.push([command, '--help']);
  // The first example, and each example that writes a format not yet written (by --format
  // or the --out extension): every renderer compiles, without running every example (the
  // sensitivity and report examples take seconds each). Examples that read standard input
  // (`cat x | peerplan run -`) are left out: there is none here.
  const formats = new Set<string>();
  for (const m of help.matchAll(/^ {2}\$ peerplan (.*)$/gm)) {
    const args = words(m[1] as string);
    if (args.length === 0 || (m[1] as string).includes('|')) continue;
    const format = formatOf(args);
    if (formats.size > 0 && formats.has(format)) continue;
    formats.add(format);
    runs.push(args);
  }
}
for (const args of runs) await main(['node', 'peerplan', ...args], io);
