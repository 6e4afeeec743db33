/**
 * Sensitivity output: a tornado chart in the terminal (unicode bars), the switching
 * values in words, and the same as JSON or CSV.
 */
import type { PerspectiveSwitching, SensitivityDocument, SensitivityResult, SensitivityRow, SensitivityParam, Switching } from '../whatif/sensitivity.js';

export type { SensitivityDocument };
import { formatMetric, metricInfo, type MetricKey } from '../metrics/catalogue.js';
import type { TornadoBar, TornadoInput } from './svg/tornado.js';
import { formatMoney, formatNumber, plainNumber, wrapText } from '../text/format.js';
import { inputLabel, isMoneyInput } from '../metrics/labels.js';
import { csvField } from '../text/csv-field.js';
import { terminalSafe } from './safe-text.js';
import { maxOf } from './extent.js';


export function formatInput(param: Pick<SensitivityParam, 'percent' | 'integer'>, value: number): string {
  if (param.percent) return `${plainNumber(Number((value * 100).toPrecision(4)))}%`;
  if (param.integer) return formatNumber(value, 0);
  return plainNumber(Number(value.toPrecision(4)));
}

/** A switching value as found and verified: every digit of its step (0.01% or one display unit), not rounded further. */
export function formatSwitchValue(param: Pick<SensitivityParam, 'percent' | 'integer'>, value: number): string {
  if (param.integer) return formatNumber(value, 0);
  const shown = Number((param.percent ? value * 100 : value).toPrecision(12));
  return `${String(shown)}${param.percent ? '%' : ''}`;
}

const kindOf = (metric: string) => metricInfo(metric)?.kind ?? 'count';
const labelOf = (metric: string) => metricInfo(metric)?.label ?? metric;

const pad = (text: string, width: number, right = false): string => {
  const len = [...text].length;
  if (len > width) return `${[...text].slice(0, width - 1).join('')}…`;
  return right ? ' '.repeat(width - len) + text : text + ' '.repeat(width - len);
};

function bar(row: SensitivityRow, base: number, scale: number, half: number): string {
  const cells = Array.from({ length: half * 2 + 1 }, () => ' ');
  cells[half] = '│';
  const paint = (value: number | null, ch: string): void => {
    if (value === null || scale === 0) return;
    const n = Math.round((Math.abs(value - base) / scale) * half);
    for (let k = 1; k <= n; k++) cells[value < base ? half - k : half + k] = ch;
  };
  paint(row.metric_high, '░');
  paint(row.metric_low, '▓');
  return cells.join('');
}

export function switchSentence(doc: SensitivityDocument, row: SensitivityRow): string {
  const s = row.switching;
  const p = row.param;
  const decision = doc.result.decision ?? '';
  if (s.kind !== 'switch') return '';
  const favourableNow = (doc.result.decision_at_base ?? 0) > 0;
  const moved = doc.baseline ? (row.moved_in === 'both' ? ', moved in both options (a shared assumption)' : ', moved in this option only') : '';
  const where = `${barValue(p, s.value, formatSwitchValue)}${moved} (base ${barValue(p, p.base, formatInput)}; ${s.inside_range ? 'inside' : 'outside'} the tested range ${barValue(p, p.low, formatInput)} to ${barValue(p, p.high, formatInput)})`;
  if (favourableNow) {
    return `${p.path}: ${decision} only while it stays ${s.favourable} ${where}`;
  }
  return `${p.path}: ${decision} if it ${s.favourable === 'above' ? 'rises above' : 'falls below'} ${where}`;
}

/** §7.6 A perspective's switching values in words: one line per input that changes the view's decision alone. */
export function perspectiveSwitchLines(doc: SensitivityDocument, v: PerspectiveSwitching, name: (path: string) => string = (p) => p): string[] {
  const params = new Map(doc.result.rows.map((row) => [row.param.path, row.param]));
  const holds = v.base > 0;
  return v.rows.flatMap(({ path, switching: s }) => {
    const p = params.get(path);
    if (!p || s.kind !== 'switch') return [];
    const where = `${barValue(p, s.value, formatSwitchValue)} (base ${barValue(p, p.base, formatInput)}; ${s.inside_range ? 'inside' : 'outside'} the tested range ${inputRange(p)})`;
    return [holds ? `${name(path)}: only while it stays ${s.favourable} ${where}` : `${name(path)}: if it ${s.favourable === 'above' ? 'rises above' : 'falls below'} ${where}`];
  });
}

const VIEW_LABELS: Readonly<Record<PerspectiveSwitching['view'], string>> = { social: 'Social (Green Book)', commissioner: 'Commissioner (NHS/ICB)', exchequer: 'Exchequer' };

function perspectiveText(doc: SensitivityDocument, width: number): string[] {
  if (!doc.perspectives) return [];
  const lines = ['', wrapText('SWITCHING VALUES PER PERSPECTIVE (each view\u2019s NPV against zero: benefits it counts less the cost with optimism bias, docs/MODEL.md §7.6), for the inputs searched above:', width, '')];
  for (const v of doc.perspectives) {
    const found = perspectiveSwitchLines(doc, v);
    const state = v.base > 0 ? 'positive' : 'not positive';
    lines.push(wrapText(`  ${VIEW_LABELS[v.view]} NPV ${formatMoney(v.base)} at the base (${state}). ${found.length === 0 ? 'No input changes that alone, anywhere in its valid values.' : `It ${v.base > 0 ? 'stays positive' : 'turns positive'}:`}`, width, '    '));
    for (const f of found) lines.push(wrapText(`    - ${f}`, width, '      '));
    const notFound = v.rows.filter((r) => r.switching.kind === 'not_found').map((r) => r.path);
    if (notFound.length > 0) lines.push(wrapText(`    Not found (a crossing recomputing did not confirm): ${notFound.join(', ')}.`, width, '      '));
  }
  return lines;
}

/**
 * The inputs left out, to read: a benefit stream none of whose inputs was analysed
 * becomes `benefits[i].*`; other paths are listed as they are.
 */
export function leftOutPaths(result: Pick<SensitivityResult, 'rows' | 'left_out'>): string[] {
  const streamOf = (path: string): string | undefined => /^(benefits\[\d+\])\./.exec(path)?.[1];
  const analysed = new Set(result.rows.map((row) => streamOf(row.param.path)).filter((s) => s !== undefined));
  const out: string[] = [];
  const listed = new Set<string>();
  for (const path of result.left_out ?? []) {
    const stream = streamOf(path);
    const shown = stream !== undefined && !analysed.has(stream) ? `${stream}.*` : path;
    if (!listed.has(shown)) out.push(shown);
    listed.add(shown);
  }
  return out;
}

/** `name` shows each left-out input: its path in the terminal (where --params takes it), its label in a report. */
function leftOutSentence(r: SensitivityResult, name: (shown: string) => string = (p) => p): string {
  const n = r.left_out?.length ?? 0;
  return (
    `Left out, to bound the run time: ${n} of ${n + r.rows.length} inputs, those that move the result least when moved alone over their range ` +
    `(peerplan sensitivity --max-inputs or --params includes them): ${leftOutPaths(r).map(name).join(', ')}.`
  );
}

/** #28 item 10: inputs whose range moves nothing are named once, not drawn as flat bars. */
function unusedSentence(r: SensitivityResult, name: (path: string) => string = (p) => p): string {
  return `Not used by this scenario (moving each alone over its range changes nothing): ${(r.unused ?? []).map(name).join(', ')}.`;
}

/** A left-out input for a reader: `benefits[2].*` → "Benefit 3: all its inputs". */
function leftOutLabel(shown: string): string {
  const stream = /^benefits\[(\d+)\]\.\*$/.exec(shown);
  return stream ? `Benefit ${Number(stream[1]) + 1}: all its inputs` : inputLabel(shown);
}

/** A tornado bar's input value: money with £, as the rest of a report shows it. */
function barValue(param: SensitivityParam, value: number, format: (p: SensitivityParam, v: number) => string): string {
  return isMoneyInput(param.path) ? formatMoney(value, !Number.isInteger(value)) : format(param, value);
}

/** An input's tested range as a reader writes it: "£1,000 to £6,000", "5% to 40%", "6 to 18". */
function inputRange(param: SensitivityParam): string {
  return `${barValue(param, param.low, formatInput)} to ${barValue(param, param.high, formatInput)}`;
}

export function renderSensitivityText(raw: SensitivityDocument, options: { width: number }): string {
  const doc = terminalSafe(raw);
  const r = doc.result;
  const kind = kindOf(r.metric);
  const rows = r.rows.filter((row) => row.param.low !== row.param.high);
  const fixed = r.rows.filter((row) => row.param.low === row.param.high).map((row) => row.param.path);
  const scale = Math.max(0, maxOf(rows.flatMap((row) => [row.metric_low, row.metric_high].filter((v): v is number => v !== null).map((v) => Math.abs(v - r.base)))));
  const labelW = Math.min(36, Math.max(10, maxOf(rows.map((row) => row.param.path.length))));
  const rangeW = Math.min(22, Math.max(maxOf(rows.map((row) => inputRange(row.param).length)), 5));
  const valueW = Math.max(9, maxOf(rows.flatMap((row) => [row.metric_low, row.metric_high].map((v) => formatMetric(kind, v).length))));
  const half = Math.max(5, Math.floor((options.width - labelW - rangeW - valueW * 2 - 6) / 2));
  const lines: string[] = [];
  lines.push(`Sensitivity of ${labelOf(r.metric)}: ${doc.name}`);
  lines.push(`Base ${formatMetric(kind, r.base)}.${doc.baseline ? ` Baseline ${doc.baseline.name}: ${formatMetric(kind, doc.baseline.metric)}.` : ''}`);
  lines.push(`Each input moved alone over its range (reference range, or ${doc.range} around the base); widest swing first.`);
  lines.push(`▓ ${labelOf(r.metric)} with the input at the low end, ░ at the high end; │ marks the base.`);
  lines.push('');
  lines.push(`${pad('Input', labelW)} ${pad('Range', rangeW)} ${pad('At low', valueW, true)} ${pad('', half * 2 + 1)} ${pad('At high', valueW)}`);
  for (const row of rows) {
    const range = inputRange(row.param);
    lines.push(
      `${pad(row.param.path, labelW)} ${pad(range, rangeW)} ${pad(formatMetric(kind, row.metric_low), valueW, true)} ${bar(row, r.base, scale, half)} ${formatMetric(kind, row.metric_high)}`,
    );
  }
  if (fixed.length > 0) lines.push(wrapText(`Not moved (a base of zero and no reference range; use --set to try values): ${fixed.join(', ')}.`, options.width, '  '));
  if ((r.left_out?.length ?? 0) > 0) lines.push(wrapText(leftOutSentence(r), options.width, '  '));
  if ((r.unused?.length ?? 0) > 0) lines.push(wrapText(unusedSentence(r), options.width, '  '));
  lines.push('');
  if (r.decision === null) {
    lines.push(`Switching values: none computed; ${labelOf(r.metric)} has no decision threshold. Use --baseline FILE to find where two options swap places, or --metric npv.`);
  } else {
    const switches = rows.filter((row) => row.switching.kind === 'switch');
    const state = (r.decision_at_base ?? 0) > 0 ? 'holds' : 'does not hold';
    lines.push(wrapText(`SWITCHING VALUES: the decision "${r.decision}" ${state} at the base values. It changes when one input alone reaches:`, options.width, ''));
    if (switches.length === 0) lines.push('  - no input can change it alone, anywhere in its valid values.');
    for (const row of [...switches].sort((a, b) => Number(b.switching.kind === 'switch' && b.switching.inside_range) - Number(a.switching.kind === 'switch' && a.switching.inside_range))) {
      lines.push(wrapText(`  - ${switchSentence(doc, row)}`, options.width, '    '));
    }
    const none = r.rows.filter((row) => row.switching.kind === 'none' || row.switching.kind === 'flat').map((row) => row.param.path);
    if (none.length > 0 && switches.length > 0) lines.push(wrapText(`  No switch within their valid values: ${none.join(', ')}.`, options.width, '    '));
    const unsearched = r.rows.filter((row) => row.switching.kind === 'not_searched').map((row) => row.param.path);
    if (unsearched.length > 0) lines.push(wrapText(`  Not searched, to bound the run time (narrower swings): ${unsearched.join(', ')}.`, options.width, '    '));
    const notFound = r.rows.filter((row) => row.switching.kind === 'not_found').map((row) => row.param.path);
    if (notFound.length > 0) {
      lines.push(wrapText(`  Not found (a crossing that recomputing either side of it did not confirm, so no value is given): ${notFound.join(', ')}.`, options.width, '    '));
    }
    lines.push(wrapText('  Each value above was checked by recomputing the decision just below and just above it (the JSON output carries both).', options.width, '    '));
  }
  lines.push(...perspectiveText(doc, options.width));
  const invalid = rows.filter((row) => row.invalid);
  for (const row of invalid) lines.push(`Note: ${row.param.path} could not be evaluated at one end of its range: ${row.invalid}`);
  return `${lines.join('\n')}\n`;
}

export function renderSensitivityJson(doc: SensitivityDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function renderSensitivityCsv(doc: SensitivityDocument): string {
  // §7.6 With the perspectives' switching values: one column per view (empty where the view does not switch).
  const views = doc.perspectives ?? [];
  const viewSwitch = views.map((v) => new Map(v.rows.map((r) => [r.path, r.switching] as const)));
  const head = ['input', 'base', 'low', 'high', 'range_source', 'metric', 'metric_low', 'metric_high', 'swing', 'switch', 'switch_value', 'switch_inside_range', 'favourable', 'moved_in', 'decision_below', 'decision_above', ...views.map((v) => `${v.view}_npv_switch_value`)];
  const viewValue = (s: Switching | undefined): number | null => (s?.kind === 'switch' ? s.value : null);
  const rows = doc.result.rows.map((row) => {
    const s = row.switching;
    return [
      row.param.path,
      row.param.base,
      row.param.low,
      row.param.high,
      row.param.range_source,
      doc.result.metric,
      row.metric_low,
      row.metric_high,
      row.swing,
      s.kind,
      s.kind === 'switch' ? s.value : null,
      s.kind === 'switch' ? String(s.inside_range) : null,
      s.kind === 'switch' ? s.favourable : null,
      row.moved_in,
      s.kind === 'switch' ? s.verification.below.decision : null,
      s.kind === 'switch' ? s.verification.above.decision : null,
      ...viewSwitch.map((m) => viewValue(m.get(row.param.path))),
    ];
  });
  // Inputs left out to bound the run time are listed too, with `left_out` as their switch.
  const leftOut = [
    ...(doc.result.left_out ?? []).map((path) => [path, null, null, null, null, doc.result.metric, null, null, null, 'left_out', null, null, null]),
    ...(doc.result.unused ?? []).map((path) => [path, null, null, null, null, doc.result.metric, null, null, null, 'unused', null, null, null]),
  ];
  return [head, ...rows, ...leftOut].map((r) => `${r.map((v) => csvField(v as string | number | null)).join(',')}\r\n`).join('');
}


/**
 * The HTML report's tornado chart from a sensitivity analysis: the `maxBars` widest
 * swings (inputs whose range or result does not move are left out), switching values
 * as the reader would write them, and the decision threshold as the chart's dashed line.
 */
export function tornadoFromSensitivity(doc: SensitivityDocument, maxBars = 12): TornadoInput {
  const r = doc.result;
  const kind = kindOf(r.metric);
  const bars: TornadoBar[] = r.rows
    .filter((row) => row.param.low !== row.param.high && row.metric_low !== null && row.metric_high !== null && row.swing > 0)
    .slice(0, maxBars)
    .map((row) => {
      const s = row.switching;
      return {
        label: inputLabel(row.param.path),
        path: row.param.path,
        low: row.metric_low as number,
        high: row.metric_high as number,
        lowValueLabel: barValue(row.param, row.param.low, formatInput),
        highValueLabel: barValue(row.param, row.param.high, formatInput),
        ...(s.kind === 'switch' ? { switchValue: `${barValue(row.param, s.value, formatSwitchValue)}${s.inside_range ? '' : ' (outside the tested range)'}` } : {}),
        ...(doc.baseline ? { movedIn: row.moved_in } : {}),
      };
    });
  // The decision flips where the metric reaches the baseline's value, or its threshold
  // without a baseline (NPV 0, BCR 1), whose decision is metric − threshold.
  const threshold = doc.baseline ? doc.baseline.metric : r.decision_at_base === null ? undefined : r.base - r.decision_at_base;
  const summary =
    `${doc.name}, ${labelOf(r.metric).toLowerCase()} ${formatMetric(kind, r.base)}` +
    (doc.baseline ? `, against ${doc.baseline.name} (${formatMetric(kind, doc.baseline.metric)})` : '') +
    (r.decision ? `. The decision tested: ${r.decision} — ${(r.decision_at_base ?? 0) > 0 ? 'true' : 'not true'} at the base values.` : '.') +
    ((r.left_out?.length ?? 0) > 0 ? ` ${leftOutSentence(r, leftOutLabel)}` : '') +
    ((r.unused?.length ?? 0) > 0 ? ` ${unusedSentence(r, inputLabel)}` : '');
  const views = (doc.perspectives ?? []).map((v) => ({ label: `${VIEW_LABELS[v.view]} NPV`, base: v.base, lines: perspectiveSwitchLines(doc, v, inputLabel) }));
  return {
    base: r.base,
    bars,
    metric: r.metric as MetricKey,
    summary,
    ...(views.length > 0 ? { views } : {}),
    analysed: r.rows.length,
    ...(threshold !== undefined ? { threshold, thresholdLabel: doc.baseline ? `${doc.baseline.name}: ${formatMetric(kind, threshold)}` : `${labelOf(r.metric)} = ${formatMetric(kind, threshold)}` } : {}),
  };
}
