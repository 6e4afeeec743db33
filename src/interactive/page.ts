/**
 * The interactive report's page script, bundled by esbuild at build time with the pure
 * engine, the comparison, the HTML renderer and the reference data (src/build/bundle.ts):
 * nothing is fetched. When a control moves, every option is projected again with the
 * changed values (as `compare --set` would project it), and the report's main part —
 * summary and recommendation, comparison, charts, year tables, assumptions — is
 * rendered again by the same renderer as the static report.
 */
import { project } from '../engine/project.js';
import { compareScenarios, type Compared } from '../compare/compare.js';
import { narrative } from '../compare/narrative.js';
import { renderHtml } from '../render/html.js';
import { UNCERTAINTY_NOT_RECOMPUTED } from '../render/uncertainty-html.js';
import type { ResultDocument, ScenarioDocument } from '../result/document.js';
import { loadReference } from '../reference/load.js';
import type { Scenario } from '../scenario/types.js';
import { parsePath } from '../source/positions.js';
import { formatMoney, plainNumber } from '../text/format.js';
import { CHANGED_IN_PAGE, scenarioValue, type Control, type PageData } from './page-data.js';
import { overrideErrors, overrideOf } from './check.js';
import { pageValidateDeps } from './page-deps.js';
import type { ValidateDeps } from '../validate/validate-scenario.js';

// The project compiles without the DOM library: the few DOM members used, structurally.
interface El {
  value: string;
  textContent: string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  innerHTML: string;
  dataset: Record<string, string | undefined>;
  addEventListener(type: string, f: () => void): void;
  querySelector(selector: string): El | null;
}
declare const document: { getElementById(id: string): El | null; querySelectorAll(selector: string): ArrayLike<El> };
declare const DOMParser: new () => { parseFromString(text: string, type: string): { querySelector(s: string): El | null } };

const data = JSON.parse(document.getElementById('peerplan-data')?.textContent ?? '{}') as PageData;
const main = document.getElementById('report-main');
const changedLine = document.getElementById('changed-inputs');
const original = main?.innerHTML ?? '';
/** A page made with --draws has an uncertainty section, which the page does not recompute (issue #24 N10). */
const hadUncertainty = document.getElementById('uncertainty') !== null;
/** The validator, reference data and evidence library a changed value is checked with (ready before anyone can type). */
let deps: ValidateDeps | undefined;
void pageValidateDeps().then((d) => {
  deps = d;
});

/** The scenario with `path` set to `value`, if it has that input (lists and maps copied on the way). */
function withValue(scenario: Scenario, path: string, value: number): Scenario {
  const segments = parsePath(path);
  const root = { ...(scenario as unknown as Record<string, unknown>) };
  let node: Record<string | number, unknown> = root;
  for (let i = 0; i < segments.length - 1; i++) {
    const key = segments[i] as string | number;
    const child = node[key];
    if (child === null || typeof child !== 'object') return scenario;
    const copy = (Array.isArray(child) ? [...child] : { ...child }) as Record<string | number, unknown>;
    node[key] = copy;
    node = copy;
  }
  const last = segments[segments.length - 1] as string | number;
  if (!(last in node)) return scenario;
  node[last] = value;
  return root as unknown as Scenario;
}

function shownValue(control: Control, shown: number): string {
  if (control.percent) return `${plainNumber(shown)}%`;
  if (control.money) return formatMoney(shown, !Number.isInteger(shown));
  return plainNumber(shown);
}

/** Whether a control moves option `i`: a shared control moves every option, an option's own control that option only. */
const moves = (control: Control, i: number): boolean => control.option === undefined || control.option === i;

/** A changed control as the page says it: "Supervision span (Fixed-term) 12 → 8". */
export function changeText(control: Control, shown: number): string {
  return `${control.label}${control.optionName !== undefined ? ` (${control.optionName})` : ''} ${shownValue(control, control.base)} → ${shownValue(control, shown)}`;
}

/** Every option projected again with the changed values; the document the renderer takes. */
export function recompute(changes: ReadonlyArray<{ control: Control; shown: number }>): ResultDocument {
  const items: Compared[] = data.options.map((o, i) => {
    let scenario = o.scenario;
    for (const { control, shown } of changes) if (moves(control, i)) scenario = withValue(scenario, control.path, scenarioValue(control, shown));
    const result = project(scenario, loadReference(scenario.reference));
    return { name: result.name, scenario, result };
  });
  const scenarios: ScenarioDocument[] = items.map((item, i) => {
    const o = data.options[i] as PageData['options'][number];
    const inputs = o.inputs.map((input) => {
      const change = changes.find((c) => c.control.path === input.path && moves(c.control, i));
      if (!change) return input;
      return { path: input.path, value: scenarioValue(change.control, change.shown), origin: { kind: 'set' as const, expression: `${CHANGED_IN_PAGE} to ${shownValue(change.control, change.shown)}` } };
    });
    const r = item.result;
    return { name: r.name, file: o.file, hash: o.hash, reference: o.reference, inputs, months: r.months, years: r.years, benefit_streams: r.benefit_streams, metrics: r.metrics, appraisal: r.appraisal };
  });
  const comparison = compareScenarios(items, { baseline: data.baseline, metrics: data.metrics, ...(data.baselineReason ? { baselineReason: data.baselineReason } : {}) });
  return {
    peerplan_version: data.version,
    ...(data.generatedAt ? { generated_at: data.generatedAt } : {}),
    scenarios,
    ...(data.options.length > 1 ? { comparison: { ...comparison, narrative: narrative(items) } } : {}),
  };
}

interface Reading {
  changes: Array<{ control: Control; shown: number }>;
  /** The CLI's messages for values it would refuse (or a box left without a number), and the controls they concern. */
  problems: Array<{ index: number; message: string }>;
}

function currentChanges(): Reading {
  const problems: Reading['problems'] = [];
  const changes = data.controls.flatMap((control, i) => {
    const input = document.getElementById(`control-${i + 1}`);
    if (!input) return [];
    const shown = Number(input.value);
    if (input.value.trim() === '' || !Number.isFinite(shown)) {
      problems.push({ index: i, message: `${control.label}: enter a number.` });
      return [];
    }
    return shown !== control.base ? [{ control, shown }] : [];
  });
  // Each option's changes through the rules `compare --set` applies (issue #28 item 4).
  if (deps) {
    data.options.forEach((o, option) => {
      const own = changes.filter(({ control }) => control.option === undefined || control.option === option);
      if (!o.merged || own.length === 0 || !deps) return;
      const messages = overrideErrors(o.merged, o.file, own.map(({ control, shown }) => overrideOf(control.path, shown, control.percent)), deps);
      for (const message of messages) {
        const index = data.controls.findIndex((c) => message.includes(`--set ${c.path}=`) && (c.option === undefined || c.option === option));
        if (!problems.some((p) => p.message === message)) problems.push({ index, message });
      }
    });
  }
  return { changes, problems };
}

/** Marks the boxes with a refused value; returns whether there was any. */
function showProblems(problems: Reading['problems']): boolean {
  data.controls.forEach((_, i) => {
    const input = document.getElementById(`control-${i + 1}`);
    if (!input) return;
    if (problems.some((p) => p.index === i)) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  });
  const box = document.getElementById('control-problems');
  if (box) box.textContent = problems.length > 0 ? `Not recalculated: the figures are those of the last valid values. ${problems.map((p) => p.message).join('\n\n')}` : '';
  return problems.length > 0;
}

function update(): void {
  const { changes, problems } = currentChanges();
  if (showProblems(problems)) return;
  if (changes.length === 0) {
    if (main) main.innerHTML = original;
    if (changedLine) changedLine.textContent = 'No values changed: the figures are those of the scenario files.';
    (globalThis as Record<string, unknown>).peerplanDocument = undefined;
    return;
  }
  let doc: ResultDocument;
  try {
    doc = recompute(changes);
  } catch (e) {
    // Never an uncaught page error: say what failed and keep the figures on screen.
    showProblems([{ index: -1, message: `These values could not be calculated (${e instanceof Error ? e.message : String(e)}).` }]);
    return;
  }
  const page = renderHtml(doc, { ...(data.title ? { title: data.title } : {}), ...(data.recommendMetric ? { recommendMetric: data.recommendMetric } : {}), ...(data.tornado ? { tornado: data.tornado } : {}), ...(hadUncertainty ? { uncertaintyNotRecomputed: true } : {}) });
  const fresh = new DOMParser().parseFromString(page, 'text/html').querySelector('main');
  if (main && fresh) main.innerHTML = fresh.innerHTML;
  if (changedLine) {
    changedLine.textContent =
      `Changed in this page from the scenario files${changes.every(({ control }) => control.option === undefined) ? ' (every option)' : ''}: ${changes.map(({ control, shown }) => changeText(control, shown)).join('; ')}.` +
      (data.tornado ? ' The sensitivity section still shows the scenario files’ values.' : '') +
      (hadUncertainty ? ` ${UNCERTAINTY_NOT_RECOMPUTED}` : '');
  }
  // For tests and the curious: the document on screen.
  (globalThis as Record<string, unknown>).peerplanDocument = doc;
}

data.controls.forEach((control, i) => {
  const number = document.getElementById(`control-${i + 1}`);
  const range = document.getElementById(`control-${i + 1}-range`);
  number?.addEventListener('input', () => {
    if (range && number) range.value = number.value;
    update();
  });
  range?.addEventListener('input', () => {
    if (range && number) number.value = range.value;
    update();
  });
});
document.getElementById('controls-reset')?.addEventListener('click', () => {
  data.controls.forEach((control, i) => {
    for (const id of [`control-${i + 1}`, `control-${i + 1}-range`]) {
      const el = document.getElementById(id);
      if (el) el.value = String(control.base);
    }
  });
  update();
});
