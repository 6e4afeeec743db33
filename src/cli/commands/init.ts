/**
 * `peerplan init [FILE]`: asks a commissioner the questions they can answer and writes
 * a commented scenario file (default scenario.yaml), checked by the real loader first
 * so it is always valid. `--yes` writes the defaults without asking.
 *
 * Exit codes: 0 written; 2 usage (a bad option value, or no terminal to ask on without
 * --yes); 3 the file exists (without --force) or could not be written; 130 cancelled
 * with Ctrl-C (nothing written).
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { Writable } from 'node:stream';
import type { CommandContext } from '../io.js';
import type { Io } from '../io.js';
import { outputError, usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { DEFAULT_REFERENCE } from '../../reference/default.js';
import { loadReference } from '../../reference/load.js';
import { loadScenario } from '../../read/load-scenario.js';
import { formatDiagnostics } from '../../source/diagnostics.js';
import { wrapText } from '../../text/format.js';
import { checkWritable, writeFileAtomic, WriteRefusedError } from '../../write/atomic.js';
import { fromRoot, PACKAGE_ROOT } from '../../paths.js';
import type { Band, ContractType, HighCostArea } from '../../scenario/types.js';
import { askAll, completeAnswers, parsePosts, parseStart, parseYears, POSTS_PATHS, type AnswerCheck, type Answers, type OrgType, type Prompter } from '../../init/questions.js';
import { scenarioYaml, yamlSection } from '../../init/template.js';

export const DEFAULT_INIT_FILE = 'scenario.yaml';

export interface InitOptions {
  yes?: boolean;
  force?: boolean;
  org?: OrgType;
  posts?: string;
  band?: Band;
  contract?: ContractType;
  hcas?: HighCostArea;
  start?: string;
  years?: string;
}

export async function initCommand(ctx: CommandContext, file: string | undefined, opts: InitOptions): Promise<ExitCode> {
  const { io } = ctx;
  const shown = file ?? DEFAULT_INIT_FILE;
  const target = resolve(io.cwd, shown);
  const reference = loadReference(DEFAULT_REFERENCE);
  const fixed = fixedAnswers(opts);

  // Refuse before asking anything: answering ten questions to be told "exists" would be rude.
  try {
    const existing = checkWritable(target, shown, [], true);
    if (existing && !opts.force) throw new WriteRefusedError(existsMessage(shown));
  } catch (err) {
    if (err instanceof WriteRefusedError) throw outputError(err.message);
    throw err;
  }
  if (!opts.yes && io.stdin?.isTTY !== true) {
    throw usageError(
      'init asks questions, but standard input is not a terminal. ' +
        'Use --yes to write the defaults without asking, e.g. peerplan init --yes --org vcse --posts 4',
    );
  }

  const template = { reference, ...bundled(), schemaPath: schemaPath(target) };
  const render = (answers: Answers): string => scenarioYaml({ answers, ...template });
  const check: AnswerCheck = async (candidate, paths) => {
    const { diagnostics } = await loadScenario(shown, { cwd: io.cwd, text: render(candidate) });
    const problem = diagnostics.find((d) => d.severity === 'error' && paths.some((p) => d.path === p || d.path.startsWith(`${p}.`)));
    if (!problem) return true;
    return problem.did_you_mean ? `${problem.message}: did you mean ${problem.did_you_mean}?` : problem.message;
  };

  // An option is held to the same rules as the answer it replaces (--posts 20000 is too many).
  for (const [option, given, paths] of [
    ['--posts', fixed.posts, POSTS_PATHS],
    ['--start', fixed.start, ['horizon.start']],
    ['--years', fixed.years, ['horizon.years']],
  ] as const) {
    if (given === undefined) continue;
    const problem = await check(completeAnswers(fixed, reference), paths);
    if (problem !== true) throw usageError(`${option}: ${problem}`);
  }

  let answers: Answers;
  if (opts.yes) {
    answers = completeAnswers(fixed, reference);
  } else {
    // Loaded here only: no other command pays for the prompt library.
    const prompts = await import('@inquirer/prompts');
    try {
      answers = await askAll(inquirerPrompter(prompts, io, ctx.global.color), reference, fixed, check);
    } catch (err) {
      if (err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')) {
        io.stderr.write('peerplan: cancelled, nothing written\n');
        return EXIT.CANCELLED;
      }
      throw err;
    }
  }

  const text = render(answers);
  // The loader has the last word: init never writes a file `peerplan validate` would reject.
  const outcome = await loadScenario(shown, { cwd: io.cwd, text });
  if (!outcome.loaded) {
    io.stderr.write(formatDiagnostics(outcome.diagnostics, { color: ctx.global.color }));
    throw new Error('peerplan init generated an invalid scenario (nothing was written)');
  }
  try {
    writeFileAtomic(target, text, opts.force ? { replaceScenario: true } : { exclusive: true });
  } catch (err) {
    if (err instanceof WriteRefusedError) throw outputError(/already exists$/.test(err.message) ? existsMessage(shown) : err.message);
    throw err;
  }

  if (!ctx.global.quiet) {
    if (outcome.diagnostics.length > 0) io.stderr.write(`${opts.yes ? '' : '\n'}${formatDiagnostics(outcome.diagnostics, { color: ctx.global.color })}`);
    const f = shellWord(shown);
    io.stderr.write(
      `${opts.yes ? '' : '\n'}Wrote ${shown}. Next:\n` +
        `  peerplan validate ${f}\n` +
        `  peerplan run ${f}\n` +
        `  peerplan compare ${shellWord(baselinePath(io.cwd))} ${f}\n`,
    );
  }
  return EXIT.OK;
}

const existsMessage = (shown: string): string =>
  `${shown} already exists; use --force to overwrite it, or give another file name (peerplan init my-option.yaml)`;

/** Answers given as options: those questions are not asked. */
function fixedAnswers(opts: InitOptions): Partial<Answers> {
  const fixed: Partial<Answers> = {};
  if (opts.org !== undefined) fixed.org = opts.org;
  if (opts.band !== undefined) fixed.band = opts.band;
  if (opts.contract !== undefined) fixed.contract = opts.contract;
  if (opts.hcas !== undefined) fixed.hcas = opts.hcas;
  if (opts.start !== undefined) {
    const start = parseStart(opts.start);
    if (!start.ok) throw usageError(`--start: ${start.message}`);
    fixed.start = start.value;
  }
  if (opts.years !== undefined) {
    const years = parseYears(opts.years);
    if (!years.ok) throw usageError(`--years: ${years.message}`);
    fixed.years = years.value;
  }
  if (opts.posts !== undefined) {
    const posts = parsePosts(opts.posts);
    if (!posts.ok) throw usageError(`--posts: ${posts.message}`);
    fixed.posts = posts.value;
  }
  return fixed;
}

const BASELINE = fromRoot('scenarios', 'baseline.yaml');

/** The bundled baseline's benefit streams, comments and all, so a new option compares like with like. */
function bundled(): { benefits: string; benefitsFrom: string } {
  return { benefits: yamlSection(readFileSync(BASELINE, 'utf8'), 'benefits'), benefitsFrom: 'scenarios/baseline.yaml' };
}

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** The schema for editors: relative when the file is inside the peerplan package (e.g. its scenarios/), else the installed copy's absolute path. */
function schemaPath(target: string): string {
  const schema = fromRoot('schemas', 'scenario.schema.json');
  if (!inside(PACKAGE_ROOT, target)) return schema;
  return relative(dirname(target), schema).split(sep).join('/');
}

/** The bundled baseline as the user would type it from here. */
function baselinePath(cwd: string): string {
  return inside(PACKAGE_ROOT, cwd) ? relative(cwd, BASELINE).split(sep).join('/') : BASELINE;
}

const shellWord = (s: string): string => (/^[\w./@%+=:,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

// ---------------------------------------------------------------------------------------------
// The real prompts (@inquirer/prompts), on the command's streams: prompts and help go to stderr,
// so stdout stays free for data.

type Inquirer = typeof import('@inquirer/prompts');

function inquirerPrompter(inquirer: Inquirer, io: Io, color: boolean): Prompter {
  const input = io.stdin!;
  // Each prompt ends its output stream when done, so each gets its own, forwarding to stderr.
  const context = () => {
    const output = new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        io.stderr.write(chunk.toString());
        callback();
      },
    });
    return { input, output: Object.assign(output, { isTTY: io.stderr.isTTY === true, columns: io.stderr.columns ?? 80 }) };
  };
  const theme = color ? {} : PLAIN_THEME;
  const width = Math.max(40, (io.stderr.columns ?? 80) - 1);
  const help = (text: string): void => {
    const wrapped = `  ${wrapText(text, width - 2, '  ')}`;
    io.stderr.write(`${color ? `\u001b[2m${wrapped}\u001b[22m` : wrapped}\n`);
  };
  return {
    select: (q) => {
      help(q.help);
      return inquirer.select({ message: q.message, choices: q.choices, default: q.default, theme, pageSize: 8 }, context());
    },
    input: (q) => {
      help(q.help);
      return inquirer.input({ message: q.message, default: q.default, validate: q.validate, theme }, context());
    },
    confirm: (q) => {
      help(q.help);
      return inquirer.confirm({ message: q.message, default: q.default, theme }, context());
    },
  };
}

const same = (text: string): string => text;

/** The prompts without ANSI colour, for --no-color and NO_COLOR. */
const PLAIN_THEME = {
  prefix: { idle: '?', done: '✔' },
  spinner: { interval: 80, frames: ['-', '\\', '|', '/'] },
  style: {
    answer: same,
    message: same,
    error: (text: string) => `> ${text}`,
    defaultAnswer: (text: string) => `(${text})`,
    help: same,
    highlight: same,
    key: (text: string) => `<${text}>`,
    description: same,
    disabled: (text: string) => `- ${text}`,
    keysHelpTip: (keys: [string, string][]) => keys.map(([key, action]) => `${key} ${action}`).join(' • '),
  },
};
