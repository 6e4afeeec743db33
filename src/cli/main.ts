/**
 * The command-line interface: defines commands and options (cheap), and loads each
 * command's implementation only when it runs, so `--help` and simple commands start
 * almost as fast as bare node. Returns an exit code; only bin/peerplan.js exits.
 */
import { Argument, Command, CommanderError, Option } from 'commander';
import { resolve as resolvePath } from 'node:path';
import { CliError, EXIT_FOR_FAILURE } from './errors.js';
import { AppError } from '../app/errors.js';
import { printable } from '../source/diagnostics.js';
import { EXIT, EXIT_CODES_HELP, type ExitCode } from './exit-codes.js';
import { colorEnabled, SIGNAL_EXIT, type CommandContext, type Io, type StopSignal } from './io.js';

export type { CommandContext } from './io.js';
import { removeTemporaryFiles } from '../write/registry.js';
import { VERSION } from '../version.js';
import { METRIC_KEYS } from '../metrics/catalogue.js';
import { EXPLAIN_METRICS } from '../explain/metrics.js';

/** Comma-separated words wrapped at `width` columns. */
function wrapList(words: readonly string[], width: number, indent: string): string {
  const lines: string[] = [];
  let line = indent;
  for (const word of words) {
    const piece = `${word}, `;
    if (line.length + piece.length > width && line.trim() !== '') {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += piece;
  }
  lines.push(line.replace(/,\s*$/, ''));
  return lines.join('\n');
}

const examples = (lines: string[]): string => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

/**
 * For bin's SIGINT/SIGTERM/SIGHUP handler: removes the temporary files (and the batch
 * lock) this process holds, and returns the exit code to stop with (130, 143, 129).
 * A half-made output is never left behind; SIGKILL cannot be caught, and the next
 * write into that folder removes what it left (src/write/temp.ts).
 */
export function stopped(signal: StopSignal): number {
  removeTemporaryFiles();
  return SIGNAL_EXIT[signal];
}

export async function main(argv: string[], io: Io): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.OK;
  const program = new Command();

  const context = (cmd: Command): CommandContext => {
    const g = cmd.optsWithGlobals<{ color: boolean; quiet?: boolean; debug?: boolean; allowExtendsOutside?: boolean; extendsRoot?: string }>();
    return {
      io,
      global: {
        color: colorEnabled(io.stdout, io.env, g.color),
        quiet: g.quiet === true,
        debug: g.debug === true,
        allowExtendsOutside: g.allowExtendsOutside === true,
        extendsRoot: g.extendsRoot === undefined ? undefined : resolvePath(io.cwd, g.extendsRoot),
      },
    };
  };

  /** Wraps a lazily imported command implementation. */
  const action =
    <A extends unknown[]>(load: () => Promise<(ctx: CommandContext, ...args: A) => Promise<ExitCode>>) =>
    async (...args: unknown[]): Promise<void> => {
      const cmd = args[args.length - 1] as Command;
      const impl = await load();
      exitCode = await impl(context(cmd), ...(args.slice(0, -1) as A));
    };

  program
    .name('peerplan')
    .description(
      'Cost-benefit modeller for the mental-health peer support workforce.\n' +
        'Projects cost, continuity of support and burnout risk of funding options, month by month, and compares them.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .option('--no-color', 'plain output without colour (also NO_COLOR=1)')
    .option('-q, --quiet', 'print only the data, no notes or warnings summary')
    .option('--debug', 'show stack traces for internal errors')
    .option('--allow-extends-outside', "let `extends` name files outside the scenario's folder tree (docs/SCENARIO.md)")
    .option('--extends-root <folder>', 'let `extends` read scenario files anywhere under this folder (a project; docs/SCENARIO.md)')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s),
      // commander's defaults read process.stdout, process.stderr and process.env: help
      // must wrap and colour by the streams and environment main was given (80 columns
      // where the width is unknown, as commander's default).
      getOutHelpWidth: () => (io.stdout.isTTY === true ? (io.stdout.columns ?? 80) : 80),
      getErrHelpWidth: () => (io.stderr.isTTY === true ? (io.stderr.columns ?? 80) : 80),
      getOutHasColors: () => colorEnabled(io.stdout, io.env, !argv.includes('--no-color')),
      getErrHasColors: () => colorEnabled(io.stderr, io.env, !argv.includes('--no-color')),
    })
    .exitOverride()
    .addHelpText(
      'after',
      examples([
        'peerplan init my-option.yaml',
        'peerplan validate scenarios/*.yaml',
        'peerplan run scenarios/band4-permanent.yaml',
        'peerplan compare scenarios/baseline.yaml scenarios/band3-fixed-term.yaml scenarios/band4-permanent.yaml',
        'peerplan run scenarios/baseline.yaml --format json > baseline.json',
        'peerplan reference afc-2025-26',
      ]) +
        '\n' +
        EXIT_CODES_HELP +
        '\n\nDocs: README.md, docs/SCENARIO.md (the scenario format), docs/MODEL.md (every formula and source).\n',
    );

  const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
  const setOption = () =>
    new Option(
      '--set <path=value>',
      'override a scenario value, validated like the file (repeatable), e.g. --set turnover.annual_leaver_rate=25%; FILE:path=value sets it in one file only (FILE as given or its name without .yaml), e.g. --set band4-permanent:supervision.workers_per_supervisor=8',
    ).argParser(collect);
  const formatOption = () =>
    new Option('-f, --format <format>', 'output format (xlsx: an Excel workbook, needs --out)').choices(['table', 'json', 'csv', 'markdown', 'xlsx']).default('table');

  program
    .command('run')
    .description("project one or more scenarios month by month: headline figures, then cost, workforce, burnout, continuity and benefits by financial year")
    .argument('<file...>', 'scenario YAML files (- reads one from standard input)')
    .addOption(formatOption())
    .option('--xlsx-values', 'xlsx: figures as values (only sums are formulas) instead of the live model')
    .option('-o, --out <path>', 'write the output to a file (atomically) instead of stdout')
    .option('--years <n>', 'project over N years instead of the scenario horizon (1-30)')
    .addOption(setOption())
    .option('--monthly', 'add the month-by-month figures (table, markdown, csv)')
    .option('--wide', 'csv: one row per scenario and year instead of the long form')
    .option('--timestamp', 'json: record when the projection was made (off by default, for byte-identical output)')
    .addHelpText(
      'after',
      examples([
        'peerplan run scenarios/band4-permanent.yaml',
        'peerplan run scenarios/band3-fixed-term.yaml --monthly',
        'peerplan run scenarios/baseline.yaml --format json --out baseline.json',
        'peerplan run scenarios/*.yaml --format csv > projections.csv',
        'peerplan run scenarios/scale-up.yaml --years 10 --format markdown',
        'peerplan run scenarios/baseline.yaml --set turnover.annual_leaver_rate=25% --set workforce.band=4',
      ]) + '\nExit codes: 0 success, 1 invalid scenario, 2 usage error, 3 output could not be written.\n',
    )
    .action(action(async () => (await import('./commands/run.js')).runCommand));

  program
    .command('compare')
    .description('put scenarios side by side: each metric per option, the difference from the baseline, ranks, the best value, and the inputs that differ')
    .argument('<file...>', 'scenario YAML files, - for standard input (the baseline: --baseline, else the one marked baseline: true, else the first given)')
    .option('-b, --baseline <file>', 'the scenario the others are measured against (default: the one marked baseline: true, else the first file given)')
    .option('-m, --metrics <list>', 'comma-separated metrics to show (default: the headline set; see docs/OUTPUT.md)')
    .option('-s, --sort <metric>', 'order the scenarios best first on this metric')
    .addOption(formatOption())
    .option('--xlsx-values', 'xlsx: figures as values (only sums are formulas) instead of the live model')
    .option('-o, --out <path>', 'write the output to a file (atomically) instead of stdout')
    .option('--years <n>', 'project over N years instead of each scenario horizon (1-30)')
    .addOption(setOption())
    .option('--wide', 'csv: one row per scenario with a column per metric')
    .option('--summary', 'one screen: each option\'s headline figures (cost, NPV, BCR, continuity, burnout, vacancies) and the summary')
    .option('--timestamp', 'json: record when the comparison was made')
    .option('--draws <n>', 'add a probabilistic analysis of N draws (as peerplan simulate) after the comparison: table, markdown, json')
    .option('--seed <n>', 'with --draws: the seed of the draws (default 1)')
    .addHelpText(
      'after',
      examples([
        'peerplan compare scenarios/baseline.yaml scenarios/band3-fixed-term.yaml scenarios/band4-permanent.yaml',
        'peerplan compare scenarios/*.yaml --baseline scenarios/baseline.yaml --sort npv',
        'peerplan compare scenarios/baseline.yaml scenarios/*.yaml --summary',
        'peerplan compare scenarios/*.yaml --metrics total_cost,continuity,burnout_risk_peak,npv',
        'peerplan compare scenarios/*.yaml --format markdown --out options.md',
        'peerplan compare scenarios/*.yaml --format csv --wide > options.csv',
        'peerplan compare scenarios/band3-fixed-term.yaml scenarios/band4-permanent.yaml --set turnover.annual_leaver_rate=25%',
        'peerplan compare scenarios/band3-fixed-term.yaml scenarios/band4-permanent.yaml --set band4-permanent:supervision.workers_per_supervisor=8',
      ]) +
        `\nMetrics (for --metrics and --sort; docs/OUTPUT.md explains each):\n${wrapList(METRIC_KEYS, 96, '  ')}\n` +
        '\nExit codes: 0 success, 1 invalid scenario, 2 usage error, 3 output could not be written.\n',
    )
    .action(action(async () => (await import('./commands/compare.js')).compareCommand));

  program
    .command('simulate')
    .description('probabilistic analysis: draw every ranged input (seeded), project each option per draw; percentiles, probability best, acceptability curves, EVPI and EVPPI')
    .argument('<file...>', 'scenario YAML files, - for standard input')
    .option('-n, --draws <n>', 'number of draws (default 1000)')
    .option('--seed <n>', 'seed of the random draws, 0 to 4294967295 (default 1): the same seed gives the same bytes')
    .addOption(new Option('--sampling <method>', 'simple random sampling or a Latin hypercube').choices(['random', 'lhs']).default('random'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv', 'markdown']).default('table'))
    .option('-o, --out <path>', 'write the output to a file (atomically) instead of stdout')
    .option('--draws-out <file>', 'also write one CSV row per draw and option (streamed, moved into place when complete)')
    .option('--correlate <a,b=rho>', 'rank correlation between two ranged inputs, by Iman-Conover (repeatable), e.g. finance.pay_uplift,turnover.annual_leaver_rate=0.5', collect)
    .option('--group <name=a,b>', 'a named group of inputs for EVPPI (repeatable)', collect)
    .addOption(new Option('--evppi-method <method>', 'EVPPI by regression splines with standard errors, or the older ordered bins').choices(['regression', 'bins']).default('regression'))
    .option('--fixed <path>', 'hold an input at its central value: no range, no default distribution (repeatable)', collect)
    .option('--no-default-ranges', "draw only the ranges written in the files, not the reference data's plausible ranges")
    .option('--process', "also draw each month's leavers and hires (contract non-renewals included) as counts: the spread a real team of that size would see")
    .option('--population <n>', 'decisions a year the information would inform, to scale EVPI and EVPPI (default 1)')
    .option('--decision-years <n>', 'years of such decisions, discounted at 3.5% (default 1)')
    .option('--years <n>', 'project over N years instead of each scenario horizon (1-30)')
    .addOption(setOption())
    .addHelpText(
      'after',
      examples([
        'peerplan simulate scenarios/baseline.yaml scenarios/band4-permanent.yaml --draws 2000 --seed 7',
        'peerplan simulate scenarios/*.yaml --draws 10000 --sampling lhs --format json --out psa.json',
        'peerplan simulate scenarios/baseline.yaml scenarios/band3-fixed-term.yaml --draws-out draws.csv --format csv',
        'peerplan simulate scenarios/*.yaml --correlate finance.pay_uplift,turnover.annual_leaver_rate=0.4 --population 40 --decision-years 5',
      ]) +
        '\nRanges: any numeric input may be written as { low, mode, high }, { p10, p90 } or { dist: ..., ... } (docs/SCENARIO.md);\n' +
        "inputs the reference data gives a plausible range for are drawn from a PERT on that range whose mean is the scenario's\n" +
        "value, and an evidence-based risk ratio from its trial's counts (lognormal), unless --fixed or --no-default-ranges.\n" +
        'An input the options share takes the same draw in each (common random numbers).\n' +
        '\nExit codes: 0 success, 1 invalid scenario, 2 usage error, 3 output could not be written.\n',
    )
    .action(action(async () => (await import('./commands/simulate.js')).simulateCommand));

  program
    .command('sweep')
    .description('run a scenario over a grid of input values (every combination) and print chosen metrics, one row per run, streamed')
    .argument('<file>', 'scenario YAML file')
    .addOption(
      new Option('--vary <path=range>', 'an input to vary: PATH=FROM..TO[:STEP] (STEP defaults to 1 in the unit written) or PATH=v1,v2,... (repeatable)')
        .argParser(collect)
        .makeOptionMandatory(),
    )
    .option('-m, --metrics <list>', 'comma-separated metrics per row (default: total_cost,npv,bcr,cost_per_completed_episode,vacancy_rate,burnout_risk_mean,burnout_risk_peak,continuity)')
    .addOption(new Option('-f, --format <format>', 'output format (table only up to 1,000 rows)').choices(['table', 'csv', 'json']).default('table'))
    .option('--max-runs <n>', 'refuse grids larger than this (default 10,000)')
    .option('-o, --out <path>', 'write the rows to a file (moved into place when complete) instead of stdout')
    .option('--years <n>', 'project over N years instead of the scenario horizon (1-30)')
    .addOption(setOption())
    .addHelpText(
      'after',
      examples([
        'peerplan sweep scenarios/band3-fixed-term.yaml --vary turnover.annual_leaver_rate=10%..40%:5%',
        'peerplan sweep scenarios/band4-permanent.yaml --vary supervision.hours_per_worker_per_month=1..6 --vary supervision.workers_per_supervisor=4,6,8,10',
        'peerplan sweep scenarios/baseline.yaml --vary workforce.band=3,4,5 --metrics total_cost,continuity --format csv > bands.csv',
        'peerplan sweep scenarios/baseline.yaml --vary turnover.annual_leaver_rate=5%..44.6%:0.4% --vary delivery.caseload_per_wte=5..14.9:0.1 --format csv --max-runs 20000 --out grid.csv',
      ]) +
        '\nEach value is validated exactly like a value in the file (same error codes). Combinations that break a\n' +
        'rule between inputs (e.g. starting_wte above funded_wte) are kept as rows with an error column.\n' +
        '\nExit codes: 0 success, 1 invalid scenario or value, 2 usage error (including a grid over --max-runs), 3 output error.\n',
    )
    .action(action(async () => (await import('./commands/sweep.js')).sweepCommand));

  program
    .command('sensitivity')
    .description('one-way sensitivity of a metric to every numeric input (tornado chart), and the switching values at which the decision flips')
    .argument('<file>', 'scenario YAML file')
    .option('-b, --baseline <file>', 'find where this option and the baseline swap places on the metric (the baseline is held fixed)')
    .option('-m, --metric <metric>', 'the metric to analyse', 'npv')
    .option('-r, --range <percent>', 'move every input by ±this much, instead of the reference data\'s plausible ranges (e.g. 20%)')
    .option('-p, --params <list>', 'comma-separated input paths to analyse (default: every numeric input), e.g. turnover.annual_leaver_rate,benefits[*].attribution')
    .option('--max-inputs <n>', 'analyse at most N inputs (default 50); beyond it, the inputs of the benefit streams with the smallest present value are left out, and listed')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('-o, --out <path>', 'write the output to a file (atomically) instead of stdout')
    .option('--years <n>', 'project over N years instead of the scenario horizon (1-30)')
    .addOption(setOption())
    .addHelpText(
      'after',
      examples([
        'peerplan sensitivity scenarios/band4-permanent.yaml',
        'peerplan sensitivity scenarios/band3-fixed-term.yaml --baseline scenarios/band4-permanent.yaml --metric cost_per_completed_episode',
        'peerplan sensitivity scenarios/baseline.yaml --params turnover.annual_leaver_rate,benefits[*].attribution --range 30%',
        'peerplan sensitivity scenarios/band4-permanent.yaml --format json --out sensitivity.json',
      ]) +
        '\nRanges: the reference data\'s plausible range for an input where it gives one (peerplan reference afc-2025-26\n' +
        'lists them), otherwise ±20% of the base value; --range replaces them all with ±range.\n' +
        'Switching values: without --baseline, where NPV (or BCR, ROI) crosses its threshold; with --baseline, where the\n' +
        'two options swap places on --metric. Found by bisection over each input\'s valid values; "no switch" where none.\n' +
        'Bounded: at most --max-inputs inputs are analysed (the left-out ones are listed); a progress bar on a terminal.\n' +
        '\nExit codes: 0 success, 1 invalid scenario, 2 usage error, 3 output error.\n',
    )
    .action(action(async () => (await import('./commands/sensitivity.js')).sensitivityCommand));

  program
    .command('explain')
    .description('show how a figure is calculated: each step\'s formula (docs/MODEL.md), its value, and where every input came from')
    .argument('<file>', 'scenario YAML file')
    .option('-m, --metric <metric>', 'the figure to explain: a headline metric or a cost component', 'total_cost')
    .option('--year <year>', 'narrow to one financial year: 2027 or 2027/28 (April 2027 to March 2028)')
    .option('--month <YYYY-MM>', 'narrow to one month, e.g. 2026-04')
    .addOption(new Option('-f, --format <format>', 'output format: an indented tree, or the tree as JSON').choices(['table', 'json']).default('table'))
    .option('--depth <n>', 'show the tree to N levels below the figure, folding the rest (a line says how many steps); default: the whole tree')
    .option('-o, --out <path>', 'write the output to a file (atomically) instead of stdout')
    .option('--years <n>', 'project over N years instead of the scenario horizon (1-30)')
    .addOption(setOption())
    .addHelpText(
      'after',
      examples([
        'peerplan explain scenarios/band4-permanent.yaml',
        'peerplan explain scenarios/band4-permanent.yaml --metric pay --year 2027',
        'peerplan explain scenarios/band3-fixed-term.yaml --metric burnout_risk_peak',
        'peerplan explain scenarios/band4-permanent.yaml --metric npv --depth 2',
        'peerplan explain scenarios/band3-fixed-term.yaml --metric total_cost --month 2026-04',
        'peerplan explain scenarios/baseline.yaml --metric npv --set turnover.annual_leaver_rate=25% --format json --out npv.json',
      ]) +
        `\nMetrics (headline metrics, cost components and a few more; the CSV's names work too: cost.supervision, wte_in_post, …):\n${wrapList(EXPLAIN_METRICS, 96, '  ')}\n` +
        '\nA step used in several places is worked out where it first appears; later lines say "see [n]".\n' +
        'Ratios, payback and costs per episode are whole-horizon figures: they take no --year or --month.\n' +
        '\nExit codes: 0 success, 1 invalid scenario, 2 usage error (unknown metric, a year outside the horizon), 3 output error.\n',
    )
    .action(action(async () => (await import('./commands/explain.js')).explainCommand));

  program
    .command('report')
    .description('write one self-contained report of the options side by side: an HTML page to open, print or email (or an Excel workbook)')
    .argument('<file...>', 'scenario YAML files, - for standard input (the baseline: --baseline, else the one marked baseline: true, else the first given)')
    .option('-o, --out <path>', 'the report file to write (required); .xlsx gives a workbook')
    .option('-b, --baseline <file>', 'the scenario the others are measured against (default: the one marked baseline: true, else the first file given)')
    .option('-m, --metric <metric>', 'the metric the summary recommends on (default npv; cost per completed episode when every NPV is negative)')
    .addOption(new Option('-f, --format <format>', 'html or xlsx (default: from the --out extension, else html)').choices(['html', 'xlsx']))
    .option('--title <text>', 'the report title')
    .option('--xlsx-values', 'xlsx: figures as values (only sums are formulas) instead of the live model')
    .option('--years <n>', 'project over N years instead of each scenario horizon (1-30)')
    .addOption(setOption())
    .option('--timestamp', 'record when the report was made (off by default, for byte-identical output)')
    .option('--no-sensitivity', 'leave out the sensitivity section (tornado chart and switching values), which takes about a second')
    .option('--interactive', 'embed the model in the page: controls for the assumptions with the widest swing recompute every option in the browser')
    .option('--controls <paths>', 'with --interactive: also offer controls for these inputs, comma-separated (e.g. turnover.annual_leaver_rate,benefits[0].attribution)')
    .option('--draws <n>', 'add a probabilistic analysis of N draws: fan chart, acceptability curve, EVPPI chart (HTML), an Uncertainty sheet (xlsx)')
    .option('--seed <n>', 'with --draws: the seed of the draws (default 1)')
    .addHelpText(
      'after',
      examples([
        'peerplan report scenarios/baseline.yaml scenarios/band3-fixed-term.yaml scenarios/band4-permanent.yaml --out report.html',
        'peerplan report scenarios/*.yaml --interactive --controls finance.discount_rate --out board.html',
        'peerplan report scenarios/*.yaml --baseline scenarios/baseline.yaml --out options.html',
        'peerplan report scenarios/*.yaml --metric cost_per_completed_episode --out report.html',
        'peerplan report scenarios/*.yaml --out options.xlsx',
        'peerplan report scenarios/band3-fixed-term.yaml --set turnover.annual_leaver_rate=25% --years 10 --out stress.html',
      ]) +
        '\nThe HTML file is self-contained (inline CSS and SVG charts, no scripts): open it in a browser, print it, attach it.\n' +
        'With --interactive it also carries the model (one inline script, allowed by its hash; nothing is fetched) and\n' +
        'controls that recalculate every option in the page; printed, it shows the current values and says which changed.\n' +
        'Its sensitivity section moves each input of the recommended option alone over its plausible range, and gives the\n' +
        'switching values at which the runner-up would overtake it (for a single option: where NPV crosses zero).\n' +
        'Nothing is written unless every scenario is valid; the file is written whole or not at all.\n' +
        '\nExit codes: 0 success, 1 invalid scenario (no file written), 2 usage error (e.g. no --out), 3 output could not be written.\n',
    )
    .action(action(async () => (await import('./commands/report.js')).reportCommand));

  program
    .command('batch')
    .description('run every scenario in folders, files or patterns: one output per scenario, a combined comparison, summary.json and summary.csv, and --fail-on threshold checks for scripts')
    .argument('<input...>', 'folders (every *.yaml/*.yml directly inside), scenario files, or quoted patterns such as "scenarios/**/*.yaml"')
    .option('-o, --out <dir>', 'folder for the outputs (required; created if missing)')
    .option('-f, --format <list>', 'comma-separated formats per scenario and for the comparison: html, xlsx, json, csv', 'html')
    .option('--fail-on <expr>', "threshold check METRIC OP VALUE (OP: < <= > >= == !=); exit 4 if any scenario meets it (repeatable), e.g. 'burnout_risk_peak>60'", collect)
    .option('-b, --baseline <file>', 'the baseline of the combined comparison (default: the one marked baseline: true, else the first valid file, in the order given)')
    .option('--years <n>', 'project over N years instead of each scenario horizon (1-30)')
    .addOption(setOption())
    .option('--timestamp', 'record in summary.json when the batch ran')
    .option('--detail <level>', 'months: each scenario\'s JSON holds its month rows and its CSV a row per month (default: years and totals only)')
    .addHelpText(
      'after',
      examples([
        'peerplan batch scenarios/ --out results/',
        'peerplan batch scenarios/ --out results/ --format html,xlsx,json,csv',
        "peerplan batch 'options/**/*.yaml' --out results/ --format json --fail-on 'burnout_risk_peak>60' --fail-on 'continuity<70'",
        "peerplan batch scenarios/ --out results/ --format json --fail-on 'npv<0' --fail-on 'vacancy_rate>15%' --quiet",
      ]) +
        '\nOutputs in --out: NAME.FORMAT per scenario (NAME from the file name; repeats get -2, -3), comparison.FORMAT\n' +
        '(every valid scenario side by side), summary.json and summary.csv (always: one row per scenario with its status,\n' +
        'metrics, breaches and diagnostic codes). Invalid scenarios are reported and skipped; the rest still run.\n' +
        'comparison.json holds each scenario\'s headline metrics, not its whole result again. Scenario files hold\n' +
        'years and totals; --detail months adds the month rows (JSON months, a CSV row per month).\n' +
        '\n--fail-on values are in the metric\'s unit: £ for money (npv<0, total_cost>£2,000,000), 0-100 for the indices\n' +
        '(continuity<70; burnout_risk_peak>60 or >60%, a % of the team), a percentage or fraction for rates (vacancy_rate>15%), YYYY-MM for\n' +
        'payback_month ("never" is later than any month).\n' +
        `\nMetrics:\n${wrapList(METRIC_KEYS, 96, '  ')}\n` +
        '\nProgress: a bar on stderr when it is a terminal, else one line per scenario; --quiet hides it.\n' +
        '\nExit codes (when several apply, the first listed wins):\n' +
        '  3  an output file could not be written\n' +
        '  1  at least one scenario is invalid (everything else is still written)\n' +
        '  4  at least one scenario breached a --fail-on threshold\n' +
        '  0  every scenario valid, no threshold breached\n' +
        '  2  usage error (bad --fail-on expression, unknown format, no --out, a pattern matching nothing): nothing runs\n',
    )
    .action(action(async () => (await import('./commands/batch.js')).batchCommand));

  program
    .command('init')
    .description('answer a few questions (organisation, posts, band, London weighting, contract, supervision, turnover, caseload, horizon) and get a commented, valid scenario file')
    .argument('[file]', 'the scenario file to write (default: scenario.yaml in the current folder)')
    .option('-y, --yes', 'write the defaults without asking (for scripts); the options below set answers')
    .option('--force', 'overwrite the file if it exists')
    .addOption(new Option('--org <type>', 'who employs the peer workers: nhs (an NHS trust), vcse (a voluntary-sector provider) or other').choices(['nhs', 'vcse', 'other']))
    .option('--posts <wte>', 'funded posts, whole-time equivalents (more than 0)')
    .addOption(new Option('--band <band>', 'Agenda for Change band of the posts').choices(['2', '3', '4', '5', '6', '7', '8a']))
    .addOption(new Option('--contract <type>', 'contract of the posts').choices(['permanent', 'fixed_term', 'sessional', 'voluntary']))
    .addOption(new Option('--hcas <zone>', 'High Cost Area Supplement zone of the posts').choices(['none', 'fringe', 'outer_london', 'inner_london']))
    .option('--start <YYYY-MM>', 'first month of the projection, e.g. 2026-04')
    .option('--years <n>', 'years projected, e.g. 10')
    .addHelpText(
      'after',
      examples([
        'peerplan init',
        'peerplan init options/vcse-grant.yaml --org vcse',
        'peerplan init --yes --org vcse --posts 4 --contract fixed_term vcse.yaml',
        'peerplan init --yes --hcas inner_london --start 2027-04 --years 10 london.yaml',
        'peerplan init --yes --force scenario.yaml',
      ]) +
        '\nEach question shows its default (from the reference data afc-2025-26, or by organisation type) and a line of\n' +
        'help; press Enter to take it. Percentages are typed 14% or 0.14. Options given (--org, --posts, --band,\n' +
        '--contract, --hcas, --start, --years) are not asked. The file is written only when every answer is in, and only if it passes\n' +
        '`peerplan validate`; it never replaces an existing file without --force. Prompts go to stderr.\n' +
        '\nExit codes: 0 written, 2 usage error (a bad option, or standard input is not a terminal and --yes is not\n' +
        'given), 3 the file exists (without --force) or could not be written, 130 cancelled with Ctrl-C: nothing written.\n',
    )
    .action(action(async () => (await import('./commands/init.js')).initCommand));

  program
    .command('validate')
    .description('check scenario files against the schema and the model rules; print every problem found')
    .argument('<file...>', 'scenario YAML files (- reads one from standard input)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      examples([
        'peerplan validate scenarios/baseline.yaml',
        'peerplan validate scenarios/*.yaml --format json',
      ]) +
        '\nExit codes: 0 all valid (warnings allowed), 1 at least one invalid file, 2 usage error.\n',
    )
    .action(action(async () => (await import('./commands/validate.js')).validateCommand));

  program
    .command('schema')
    .description('print the JSON Schema of the scenario format (or of the result with --result)')
    .option('--result', 'print the result schema instead')
    .addHelpText('after', examples(['peerplan schema > scenario.schema.json', 'peerplan schema --result']))
    .action(action(async () => (await import('./commands/schema.js')).schemaCommand));

  program
    .command('reference')
    .description('list reference data sets, or print one with the source of every value; with --unverified, every unverified figure a scenario uses')
    .argument('[id]', 'reference data set id, e.g. afc-2025-26 (with --unverified: a scenario file)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--unverified', "list every unverified figure the scenario file's result uses: evidence, reference values, deflator years, discount bands")
    .addHelpText('after', examples(['peerplan reference', 'peerplan reference afc-2025-26', 'peerplan reference afc-2025-26 --format json', 'peerplan reference --unverified scenarios/baseline.yaml']))
    .action(action(async () => (await import('./commands/reference.js')).referenceCommand));

  program
    .command('evidence')
    .description('list the evidence library (effects with intervals, grades, citations) or its unit costs, or print one entry in full')
    .argument('[id]', 'an evidence entry or unit cost id, e.g. core-2018-readmission or mh-bed-day')
    .option('--unit-costs', 'list the unit costs and price indices instead of the evidence entries')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'md']).default('table'))
    .addHelpText(
      'after',
      examples(['peerplan evidence', 'peerplan evidence core-2018-readmission', 'peerplan evidence --unit-costs', 'peerplan evidence --format md > evidence.md']) +
        '\nEntries marked "Verified: NO" hold a figure that could not be confirmed at source; the entry says which.\n' +
        'Scenarios use it through benefits[].evidence and benefits[].unit_cost (docs/SCENARIO.md).\n',
    )
    .action(action(async () => (await import('./commands/evidence.js')).evidenceCommand));

  program
    .command('completion')
    .description('print a shell completion script (commands, options, option values, scenario files) for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices(['bash', 'zsh', 'fish']))
    .addHelpText(
      'after',
      examples([
        'source <(peerplan completion bash)',
        'peerplan completion bash > ~/.local/share/bash-completion/completions/peerplan',
        'peerplan completion zsh > "${fpath[1]}/_peerplan"',
        'peerplan completion fish > ~/.config/fish/completions/peerplan.fish',
      ]) + '\nThe script is written from the command definitions, so it completes every command and option of this version.\n',
    )
    .action(async (shell: 'bash' | 'zsh' | 'fish') => {
      const { completionScript } = await import('./completion.js');
      io.stdout.write(completionScript(shell, program));
    });

  try {
    await program.parseAsync(argv, { from: 'node' });
    return exitCode;
  } catch (err) {
    return handleError(err, io, argv.includes('--debug'));
  }
}

function handleError(err: unknown, io: Io, debug: boolean): ExitCode {
  if (err instanceof CommanderError) {
    // Help and version requests are not errors; everything else is a usage error.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
      return EXIT.OK;
    }
    io.stderr.write(`Run "peerplan --help" for usage.\n`);
    return EXIT.USAGE;
  }
  // Messages may quote user text (names, paths, option values): no control character reaches
  // the terminal, whichever command built the message (issue #24 N9).
  if (err instanceof CliError) {
    if (!err.reported) io.stderr.write(`peerplan: ${printable(err.message)}\n`);
    return err.exitCode;
  }
  if (err instanceof AppError) {
    if (!err.reported) io.stderr.write(`peerplan: ${printable(err.message)}\n`);
    return EXIT_FOR_FAILURE[err.failure];
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`peerplan: internal error: ${printable(message)}\n`);
  if (debug && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
  else io.stderr.write('This is a bug in peerplan. Run again with --debug for details and please report it.\n');
  return EXIT.INTERNAL;
}
