/**
 * Renderers of a probabilistic analysis (`peerplan simulate`, `compare --draws`): table,
 * JSON, CSV and Markdown from one document, and the per-draw CSV rows of --draws-out.
 * Numbers are formatted by hand (src/text/format.ts), so output is the same bytes in any
 * locale or time zone.
 */
import type { DrawRow, SimulatedMetric, SimulationResult } from '../app/simulate.js';
import { SIMULATED_METRICS } from '../app/simulate.js';
import { DRAW_EFFECTS } from '../uncertainty/simulation.js';
import { csvField } from '../text/csv-field.js';
import { markdownSafe, terminalSafe } from './safe-text.js';
import { metricLabel } from '../metrics/labels.js';
import { formatMoney, formatNumber, formatPercent } from '../text/format.js';
import { VERSION } from '../version.js';

export interface SimulationDocument extends SimulationResult {
  peerplan_version: string;
  kind: 'simulation';
}

export function simulationDocument(result: SimulationResult): SimulationDocument {
  return { peerplan_version: VERSION, kind: 'simulation', ...result };
}

/** The catalogue's label, but "NPV" for the net present value, which heads the table. */
const label = (key: SimulatedMetric): string => (key === 'npv' ? 'NPV' : metricLabel(key));

export function formatMetric(key: SimulatedMetric, v: number | null): string {
  if (v === null || Number.isNaN(v)) return '-';
  switch (key) {
    case 'vacancy_rate':
      return formatPercent(v);
    case 'burnout_risk_peak':
      return `${formatNumber(v, 1)}%`;
    case 'completed_episodes':
    case 'leavers':
    case 'continuity':
      return formatNumber(v, 1);
    default:
      return formatMoney(v);
  }
}

const pct = (p: number): string => formatPercent(p, 1);
const plural = (n: number, word: string): string => `${formatNumber(n)} ${word}${n === 1 ? '' : 's'}`;
const STATS = ['mean', 'mcse', 'p5', 'p10', 'p50', 'p90', 'p95'] as const;
const STAT_LABEL: Record<(typeof STATS)[number], string> = { mean: 'Mean', mcse: 'MCSE', p5: 'P5', p10: 'P10', p50: 'P50', p90: 'P90', p95: 'P95' };

function header(doc: SimulationDocument): string[] {
  return [
    `Probabilistic analysis: ${formatNumber(doc.draws)} draws, seed ${doc.seed}, ${doc.sampling === 'lhs' ? 'Latin hypercube' : 'simple random'} sampling${doc.process ? ", with the team's monthly leavers and hires drawn as counts (--process)" : ''}`,
    `Generator: ${doc.generator}`,
    `Decision: ${doc.decision.rule}`,
  ];
}

function grid(rows: string[][], align: ('l' | 'r')[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (align[c] === 'r' ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
}

function inputLines(doc: SimulationDocument): string[][] {
  return doc.inputs.flatMap((i) => i.distributions.map((d) => [i.path, d.description, d.origin, d.options.length === doc.options.length ? 'all options' : d.options.join('; ')]));
}

function acceptabilityRows(doc: SimulationDocument, curve: SimulationResult['acceptability'][number]): string[][] {
  const every = Math.max(1, Math.floor(curve.wtp.length / 5));
  const rows = [[`WTP per ${curve.per === 'qaly' ? 'QALY' : 'completed episode'}`, ...doc.options.map((o) => o.name), 'Optimal (frontier)', 'EVPI']];
  curve.wtp.forEach((w, i) => {
    if (i % every === 0 || i === curve.wtp.length - 1) rows.push([formatMoney(w), ...curve.probability_best[i]!.map(pct), doc.options[curve.frontier[i]!]?.name ?? '-', formatMoney(curve.evpi[i]!)]);
  });
  return rows;
}

/** Expected loss of each option by willingness to pay (the same rows as the acceptability table). */
function expectedLossRows(doc: SimulationDocument, curve: SimulationResult['acceptability'][number]): string[][] {
  const every = Math.max(1, Math.floor(curve.wtp.length / 5));
  const rows = [[`WTP per ${curve.per === 'qaly' ? 'QALY' : 'completed episode'}`, ...doc.options.map((o) => o.name)]];
  curve.wtp.forEach((w, i) => {
    if (i % every === 0 || i === curve.wtp.length - 1) rows.push([formatMoney(w), ...curve.expected_loss[i]!.map((v) => formatMoney(v))]);
  });
  return rows;
}

/** The running mean NPV ± MCSE at five of the convergence points. */
function convergenceRows(doc: SimulationDocument): string[][] {
  const c = doc.convergence;
  const pick = [...new Set([0.2, 0.4, 0.6, 0.8, 1].map((f) => Math.max(0, Math.round(f * c.draws.length) - 1)))];
  return [
    ['Draws', ...c.options.map((o) => o.name)],
    ...pick.map((i) => [formatNumber(c.draws[i]!), ...c.options.map((o) => `${formatMoney(o.mean[i]!)} ± ${formatMoney(o.mcse[i]!)}`)]),
  ];
}

export function renderSimulationTable(raw: SimulationDocument): string {
  // Names, files and sources come from the scenarios: terminal-safe before layout (issue #24, N9).
  const doc = terminalSafe(raw);
  const out: string[] = [...header(doc), ''];
  out.push(`Inputs drawn (${doc.inputs.length}):`);
  if (doc.inputs.length === 0) out.push('  none: every input is fixed, so every draw equals the deterministic run');
  else out.push(...grid([['Input', 'Distribution', 'From', 'Options'], ...inputLines(doc)], ['l', 'l', 'l', 'l']).map((l) => `  ${l}`));
  for (const c of doc.correlations) out.push(`  rank correlation ${c.between.join(' ~ ')}: target ${c.target}, achieved ${c.achieved.toFixed(3)}`);
  for (const w of doc.warnings) out.push(`  Warning: ${w}`);
  for (const o of doc.options) {
    out.push('', `${o.name} (${o.file})`);
    const rows = [['Metric', 'Central', ...STATS.map((s) => STAT_LABEL[s])]];
    for (const key of SIMULATED_METRICS) {
      const s = o.metrics[key];
      rows.push([label(key), formatMetric(key, o.deterministic[key]), ...STATS.map((st) => formatMetric(key, s[st]))]);
    }
    out.push(...grid(rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']).map((l) => `  ${l}`));
  }
  out.push('', 'Decision (NPV):');
  out.push(...grid(decisionRows(doc), ['l', 'r', 'r', 'r', 'r']).map((l) => `  ${l}`));
  out.push(`  ${DECISION_NOTE}`);
  const v = doc.value_of_information;
  out.push('', 'Value of information (NPV):');
  out.push(`  EVPI per decision: ${formatMoney(v.evpi_per_decision)}; for ${plural(v.population.decisions_per_year, 'decision')} a year over ${plural(v.population.years, 'year')}: ${formatMoney(v.population.evpi)}`);
  if (v.evppi.length > 0) {
    out.push(...grid(evppiRows(doc), ['l', 'r', 'r', 'r', 'l']).map((l) => `  ${l}`));
    out.push(...evppiNotes(doc).map((l) => `  ${l}`));
  }
  for (const curve of doc.acceptability) {
    out.push('', `Acceptability (probability best on λ × ${curve.per === 'qaly' ? 'QALYs' : 'completed episodes'} − cost PV), the frontier and EVPI:`);
    out.push(...grid(acceptabilityRows(doc, curve), ['r', ...doc.options.map(() => 'r' as const), 'l', 'r']).map((l) => `  ${l}`));
    out.push('', `Expected loss (E[best NMB − option's NMB]) per ${curve.per === 'qaly' ? 'QALY' : 'completed episode'}:`);
    out.push(...grid(expectedLossRows(doc, curve), ['r', ...doc.options.map(() => 'r' as const)]).map((l) => `  ${l}`));
  }
  if (doc.convergence.draws.length > 0) {
    out.push('', 'Convergence (running mean NPV ± MCSE, sd/√n, by draws):');
    out.push(...grid(convergenceRows(doc), ['r', ...doc.options.map(() => 'r' as const)]).map((l) => `  ${l}`));
  }
  out.push('', 'Percentiles and EVPPI hold every draw; see docs/MODEL.md, "Uncertainty". MCSE: Monte Carlo standard error of the mean.');
  return `${out.join('\n')}\n`;
}

export function renderSimulationJson(doc: SimulationDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const mdEscape = (s: string): string => s.replace(/\|/g, '\\|');
function mdTable(rows: string[][]): string[] {
  const [head, ...body] = rows;
  return [`| ${head!.map(mdEscape).join(' | ')} |`, `|${head!.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.map(mdEscape).join(' | ')} |`)];
}

/** An input's path as the schema names it: `benefits[0].quantity` (a `[0]` not followed by `(` is no link). */
const INPUT_PATH = /^[a-z_]+(\[\d+\])?(\.[a-z_]+(\[\d+\])?)*$/;

export function renderSimulationMarkdown(raw: SimulationDocument): string {
  const doc = markdownSafe(raw, (text) => INPUT_PATH.test(text));
  const out: string[] = ['# Probabilistic analysis', '', ...header(doc).map((l) => `- ${l}`), '', '## Inputs drawn', ''];
  if (doc.inputs.length === 0) out.push('None: every input is fixed.');
  else out.push(...mdTable([['Input', 'Distribution', 'From', 'Options'], ...inputLines(doc)]));
  if (doc.warnings.length > 0) out.push('', ...doc.warnings.map((w) => `- Warning: ${w}`));
  for (const o of doc.options) {
    out.push('', `## ${o.name}`, '');
    out.push(...mdTable([['Metric', 'Central', ...STATS.map((s) => STAT_LABEL[s])], ...SIMULATED_METRICS.map((key) => [label(key), formatMetric(key, o.deterministic[key]), ...STATS.map((st) => formatMetric(key, o.metrics[key][st]))])]));
  }
  out.push('', '## Decision (NPV)', '', ...mdTable(decisionRows(doc)), '', DECISION_NOTE);
  const v = doc.value_of_information;
  out.push('', '## Value of information', '', `EVPI per decision: ${formatMoney(v.evpi_per_decision)}; population (${plural(v.population.decisions_per_year, 'decision')} a year over ${plural(v.population.years, 'year')}): ${formatMoney(v.population.evpi)}.`, '');
  out.push(...mdTable(evppiRows(doc)), '', ...evppiNotes(doc).map((l) => `- ${l}`));
  for (const curve of doc.acceptability) {
    const per = curve.per === 'qaly' ? 'QALY' : 'completed episode';
    out.push('', `## Acceptability per ${per}`, '', ...mdTable(acceptabilityRows(doc, curve)));
    out.push('', `## Expected loss per ${per}`, '', ...mdTable(expectedLossRows(doc, curve)));
  }
  if (doc.convergence.draws.length > 0) out.push('', '## Convergence (running mean NPV ± MCSE)', '', ...mdTable(convergenceRows(doc)));
  return `${out.join('\n')}\n`;
}

/** Central NPV (the `run` figure), the probabilistic mean and the probabilities, side by side. */
function decisionRows(doc: SimulationDocument): string[][] {
  return [
    ['Option', 'Central NPV', 'Mean NPV', 'Probability best', 'Probability NPV > 0'],
    ...doc.options.map((o) => [o.name, formatMetric('npv', o.deterministic.npv), formatMetric('npv', o.metrics.npv.mean), pct(o.probability_best), pct(o.probability_npv_positive)]),
  ];
}

const DECISION_NOTE = 'The decision uses the mean NPV over the draws (the expected value); the central NPV is the point estimate `run` and `compare` show.';

/** The EVPPI table, largest first: estimate, standard error, population value and a mark when at or below the noise floor. */
function evppiRows(doc: SimulationDocument): string[][] {
  const v = doc.value_of_information;
  const sorted = [...v.evppi].sort((a, b) => b.per_decision - a.per_decision || (a.name < b.name ? -1 : 1));
  return [
    ['Input (EVPPI)', 'Per decision', 'SE', 'Population', 'Note'],
    ...sorted.map((e) => [e.name, formatMoney(e.per_decision), e.se > 0 ? formatMoney(e.se) : '-', formatMoney(e.population), e.below_noise_floor ? 'below noise floor' : '']),
  ];
}

function evppiNotes(doc: SimulationDocument): string[] {
  const v = doc.value_of_information;
  return [
    `Noise floor: ${formatMoney(v.noise_floor)} per decision (the largest EVPPI of independent dummy inputs on these draws); SE: standard error of the estimate.`,
    `Method: ${v.evppi_method === 'bins' ? 'ordered bins (--evppi-method bins)' : 'regression splines (Strong, Oakley & Brennan 2014); --evppi-method bins for ordered bins'}.`,
    ...v.warnings.map((w) => `Warning: ${w}.`),
  ];
}

/** Long-form CSV: one row per option, metric and statistic, then the decision and value-of-information rows. */
export function renderSimulationCsv(doc: SimulationDocument): string {
  const rows: (string | number | null)[][] = [['section', 'option', 'item', 'statistic', 'value']];
  for (const o of doc.options) {
    for (const key of SIMULATED_METRICS) {
      rows.push(['metric', o.name, key, 'central', o.deterministic[key]]);
      for (const st of STATS) rows.push(['metric', o.name, key, st, Number.isNaN(o.metrics[key][st]) ? null : o.metrics[key][st]]);
    }
    rows.push(['decision', o.name, 'npv', 'probability_best', o.probability_best], ['decision', o.name, 'npv', 'probability_npv_positive', o.probability_npv_positive]);
  }
  const v = doc.value_of_information;
  rows.push(['value_of_information', '', 'evpi', 'per_decision', v.evpi_per_decision], ['value_of_information', '', 'evpi', 'population', v.population.evpi]);
  rows.push(['value_of_information', '', 'noise_floor', 'per_decision', v.noise_floor]);
  for (const e of v.evppi) {
    rows.push(
      ['value_of_information', '', `evppi:${e.name}`, 'per_decision', e.per_decision],
      ['value_of_information', '', `evppi:${e.name}`, 'se', e.se],
      ['value_of_information', '', `evppi:${e.name}`, 'population', e.population],
      ['value_of_information', '', `evppi:${e.name}`, 'below_noise_floor', e.below_noise_floor ? 1 : 0],
    );
  }
  for (const c of doc.acceptability) {
    c.wtp.forEach((w, i) => {
      doc.options.forEach((o, k) => rows.push([`acceptability_${c.per}`, o.name, String(w), 'probability_best', c.probability_best[i]![k]!], [`acceptability_${c.per}`, o.name, String(w), 'expected_loss', c.expected_loss[i]![k]!]));
      rows.push([`acceptability_${c.per}`, doc.options[c.frontier[i]!]?.name ?? '', String(w), 'frontier', 1], [`acceptability_${c.per}`, '', String(w), 'evpi', c.evpi[i]!]);
    });
  }
  doc.convergence.draws.forEach((n, i) => doc.convergence.options.forEach((o) => rows.push(['convergence', o.name, String(n), 'mean', o.mean[i]!], ['convergence', o.name, String(n), 'mcse', o.mcse[i]!])));
  return rows.map((r) => `${r.map((f) => csvField(f)).join(',')}\r\n`).join('');
}

/** --draws-out: the header line, then `drawRow` per draw and option. */
export function drawsHeader(inputPaths: readonly string[]): string {
  return `${['draw', 'option', ...SIMULATED_METRICS, ...DRAW_EFFECTS, ...inputPaths].map((f) => csvField(f)).join(',')}\r\n`;
}

/**
 * A number at full precision: the shortest text that reads back as the same double
 * (ECMAScript's Number-to-String), so EVPPI recomputed from the file matches (issue 27, D6).
 */
const fullNumber = (v: number): string => (Object.is(v, -0) ? '0' : String(v));

export function drawRow(row: DrawRow, inputPaths: readonly string[]): string {
  const fields = [
    String(row.draw),
    csvField(row.option),
    ...SIMULATED_METRICS.map((k) => (row.metrics[k] === null ? '' : fullNumber(row.metrics[k]!))),
    ...DRAW_EFFECTS.map((k) => fullNumber(row.effects[k])),
    ...inputPaths.map((p) => (row.inputs[p] === undefined ? '' : fullNumber(row.inputs[p]!))),
  ];
  return `${fields.join(',')}\r\n`;
}
