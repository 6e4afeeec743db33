/**
 * What an interactive report carries for its page script (src/interactive/page.ts):
 * each option's resolved scenario and the controls. Shared by the report command,
 * which writes it into the page as JSON, and the page, which reads it.
 */
import type { BaselineReason } from '../compare/baseline.js';
import type { InputValue } from '../result/document.js';
import type { MetricKey } from '../metrics/catalogue.js';
import type { TornadoInput } from '../render/svg/tornado.js';
import type { Scenario } from '../scenario/types.js';

export interface Control {
  /** The input's path in the scenario, as `--set` takes it. */
  path: string;
  label: string;
  /** The value in the scenario files (the option's own, for a control of one option), in display units (percent as 14, not 0.14). */
  base: number;
  min: number;
  max: number;
  step: number;
  /** Shown and entered as a percentage; the scenario holds the fraction. */
  percent: boolean;
  money: boolean;
  /** Why it is here: "swing" (one of the widest bars of the sensitivity analysis) or "named" (--controls). */
  reason: 'swing' | 'named';
  /**
   * For an input whose value differs between the options (or that only some have, such as
   * a fixed-term contract's renewal probability): the option this control moves, by index,
   * and its name. Such an input gets one control per option that has it; without `option`,
   * the control moves every option (issue #28 item 2).
   */
  option?: number;
  optionName?: string;
}

export interface PageData {
  version: string;
  generatedAt?: string;
  /** Each option; `merged` is its files (and any --set) merged as written, which a changed value is validated against. */
  options: Array<{ file: string; hash: string; reference: string; inputs: InputValue[]; scenario: Scenario; merged?: Record<string, unknown> }>;
  baseline: number;
  baselineReason?: BaselineReason;
  metrics: MetricKey[];
  title?: string;
  recommendMetric?: MetricKey;
  tornado?: TornadoInput;
  controls: Control[];
}

/** How the page records a value changed with a control (the origin's expression starts with it). */
export const CHANGED_IN_PAGE = 'changed in this page';

/** A value entered in display units as the scenario holds it: "20" (%) → 0.2, parsed as `--set …=20%` parses it. */
export function scenarioValue(control: Pick<Control, 'percent'>, shown: number): number {
  return control.percent ? Number(`${shown}e-2`) : shown;
}
