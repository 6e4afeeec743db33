/**
 * `report --interactive`: which assumptions get a control, and the page's data and
 * script. The controls are the inputs with the widest swing in the report's sensitivity
 * analysis, then any named with --controls. An input with the same value in every option
 * gets one control that applies to every option, as `compare --set` does; one whose value
 * differs between the options, or that only some of them have (a fixed-term contract's
 * renewal probability), gets a control per option that has it, starting at that option's
 * own value and moving that option only.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ResultDocument } from '../../result/document.js';
import type { TornadoInput } from '../../render/svg/tornado.js';
import { sortTornadoBars } from '../../render/svg/tornado.js';
import type { MetricKey } from '../../metrics/catalogue.js';
import type { Scenario } from '../../scenario/types.js';
import type { LoadedScenario } from '../../scenario/origin.js';
import { isPercentPath } from '../../scenario/fields.js';
import { inputLabel, isMoneyInput } from '../../metrics/labels.js';
import { didYouMean } from '../../source/did-you-mean.js';
import { fromRoot } from '../../paths.js';
import { usageError } from '../errors.js';
import { terminalText } from '../../render/safe-text.js';
import type { Control, PageData } from '../../interactive/page-data.js';

/** Controls from the sensitivity analysis's widest bars. */
export const SWING_CONTROLS = 4;

/**
 * Inputs a control cannot move alone: another input's default follows them (funded WTE
 * sets starting WTE and team size), so changing the value in the page would not be what
 * `--set` gives.
 */
const NOT_ALONE: ReadonlySet<string> = new Set(['workforce.funded_wte', 'horizon.years']);

/** Benefit fields that must be more than 0 (a risk ratio, a dose): their control starts one step above 0, as --set would refuse 0. */
const MORE_THAN_ZERO = /^benefits\[\d+\]\.(relative_effect|dose_months|dose_sessions)$/;

/**
 * Benefit fields whose value, when it comes from the evidence library, a stream may
 * override only with a `source` (docs/SCENARIO.md; OVERRIDE_WITHOUT_SOURCE): `--set`
 * refuses them for a stream without one, so the page offers no control for them.
 */
const LIBRARY_OVERRIDE = /^(benefits\[\d+\])\.(relative_effect|dose_months|dose_sessions|unit_value|price_year)$/;

function overrideWithoutSource(doc: ResultDocument, path: string): boolean {
  const stream = LIBRARY_OVERRIDE.exec(path)?.[1];
  if (!stream) return false;
  return doc.scenarios.some((s) => {
    const input = s.inputs.find((i) => i.path === path);
    const source = s.inputs.find((i) => i.path === `${stream}.source`)?.value;
    return input?.origin?.kind === 'evidence' && (typeof source !== 'string' || source.trim() === '');
  });
}

function control(path: string, value: number, reason: Control['reason']): Control {
  const percent = isPercentPath(path);
  const money = isMoneyInput(path);
  const base = percent ? Number((value * 100).toPrecision(12)) : value;
  const integer = Number.isInteger(base);
  // Up to three times the files' value (a rate: at least 10%, at most 100%, or 200% for optimism bias).
  const cap = path.endsWith('optimism_bias') ? 200 : 100;
  const max = percent ? Math.min(cap, Math.max(10, Math.ceil(base * 3))) : base === 0 ? 10 : Number((base * 3).toPrecision(2));
  const step = percent ? 0.5 : integer ? 1 : 0.01;
  const min = MORE_THAN_ZERO.test(path) ? Math.min(step, base) : 0;
  return { path, label: inputLabel(path), base, min, max: Math.max(max, base), step, percent, money, reason };
}

export function chooseControls(doc: ResultDocument, baseline: number, tornado: TornadoInput | undefined, named: string | undefined): Control[] {
  const reference = doc.scenarios[baseline] ?? doc.scenarios[0];
  const numericOf = doc.scenarios.map((s) => new Map(s.inputs.flatMap((i) => (typeof i.value === 'number' ? [[i.path, i.value] as const] : []))));
  const numericAnywhere = new Set(numericOf.flatMap((m) => [...m.keys()]));
  const out: Control[] = [];
  const add = (path: string, reason: Control['reason']): void => {
    if (!numericAnywhere.has(path) || NOT_ALONE.has(path) || overrideWithoutSource(doc, path) || out.some((c) => c.path === path)) return;
    const values = numericOf.map((m) => m.get(path));
    const first = values[0];
    if (values.every((v) => v !== undefined && v === first)) {
      out.push(control(path, first as number, reason));
      return;
    }
    values.forEach((value, option) => {
      if (value !== undefined) out.push({ ...control(path, value, reason), option, optionName: doc.scenarios[option]?.name ?? `Option ${option + 1}` });
    });
  };
  for (const bar of sortTornadoBars(tornado?.bars ?? [])) {
    if (new Set(out.map((c) => c.path)).size >= SWING_CONTROLS) break;
    if (bar.path) add(bar.path, 'swing');
  }
  for (const path of (named ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    // The path and the scenario's name are user text: shown terminal-safe, on one line (issue #24 N9).
    const shown = terminalText(path);
    if (!numericAnywhere.has(path)) {
      const guess = didYouMean(path, [...numericAnywhere]);
      const whose = doc.scenarios.length > 1 ? 'any of the options' : terminalText(reference?.name ?? 'the scenario');
      throw usageError(`--controls: "${shown}" is not a numeric input of ${whose}${guess ? ` (did you mean "${terminalText(guess)}"?)` : ''}, e.g. --controls turnover.annual_leaver_rate,finance.discount_rate`);
    }
    if (NOT_ALONE.has(path)) throw usageError(`--controls: "${shown}" moves other inputs' defaults, so a page control could not match --set; change it in the scenario file instead`);
    if (overrideWithoutSource(doc, path)) throw usageError(`--controls: "${shown}" overrides the evidence library's value in a benefit stream without a source, which --set would refuse; give the stream a source in the scenario file first`);
    add(path, 'named');
  }
  return out;
}

/** The page script (built by src/build/bundle.ts) and its hash for the Content-Security-Policy. */
export function pageScript(): { script: string; scriptSha256: string } {
  // A `</script` inside the code would end the element early.
  const script = readFileSync(fromRoot('dist', 'interactive-page.js'), 'utf8').trim().replace(/<\/script/gi, '<\\/script');
  return { script, scriptSha256: createHash('sha256').update(script, 'utf8').digest('base64') };
}

export function pageData(
  doc: ResultDocument,
  scenarios: readonly Scenario[],
  controls: Control[],
  options: { title?: string | undefined; recommendMetric?: MetricKey | undefined; tornado?: TornadoInput | undefined },
  loaded: ReadonlyArray<Pick<LoadedScenario, 'merged'>> = [],
): PageData {
  const c = doc.comparison;
  return {
    version: doc.peerplan_version,
    ...(doc.generated_at ? { generatedAt: doc.generated_at } : {}),
    options: doc.scenarios.map((s, i) => {
      const merged = loaded[i]?.merged?.();
      return { file: s.file, hash: s.hash, reference: s.reference, inputs: s.inputs, scenario: scenarios[i] as Scenario, ...(merged ? { merged } : {}) };
    }),
    baseline: c?.baseline ?? 0,
    ...(c?.baseline_reason ? { baselineReason: c.baseline_reason } : {}),
    metrics: c ? c.rows.map((r) => r.metric.key) : [],
    ...(options.title ? { title: options.title } : {}),
    ...(options.recommendMetric ? { recommendMetric: options.recommendMetric } : {}),
    ...(options.tornado ? { tornado: options.tornado } : {}),
    controls,
  };
}
