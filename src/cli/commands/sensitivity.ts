/**
 * `peerplan sensitivity`: one-way sensitivity of a metric to every numeric input,
 * a tornado chart, and the switching values at which the decision flips (src/app/sensitivity.ts).
 */
import type { CommandContext } from '../io.js';
import { usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { parsePercent } from '../../validate/percent.js';
import { analyseSensitivity, DEFAULT_MAX_INPUTS } from '../../app/sensitivity.js';
import { SENSITIVITY_FORMATS, type SensitivityFormat } from '../../render/registry.js';
import { cliListener } from '../listener.js';
import { metricOption, parseOverrides, parseYears } from '../options.js';
import { emit, renderOptions, sources } from './pipeline.js';

export interface SensitivityOptions {
  baseline?: string;
  metric: string;
  range?: string;
  params?: string;
  format: SensitivityFormat;
  out?: string;
  set?: string[];
  years?: string;
  maxInputs?: string;
}

function parseMaxInputs(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_INPUTS;
  if (!/^[1-9][0-9]{0,5}$/.test(text.trim())) throw usageError(`--max-inputs must be a whole number from 1 to 999999 (got "${text}"), e.g. --max-inputs 100`);
  return Number(text);
}

function parseRange(text: string | undefined): number {
  if (text === undefined) return 0.2;
  const parsed = parsePercent(text.includes('%') ? text : Number(text), 1);
  if (parsed === undefined || parsed <= 0) throw usageError(`--range must be a percentage above 0 and at most 100% (got "${text}"), e.g. --range 20%`);
  return parsed;
}

export async function sensitivityCommand(ctx: CommandContext, file: string, opts: SensitivityOptions): Promise<ExitCode> {
  const request = {
    file,
    baseline: opts.baseline,
    overrides: parseOverrides(opts.set),
    years: parseYears(opts.years),
    metric: metricOption(opts.metric, '--metric'),
    range: parseRange(opts.range),
    forceRange: opts.range !== undefined,
    maxInputs: parseMaxInputs(opts.maxInputs),
    only: opts.params?.split(',').map((p) => p.trim()).filter(Boolean),
  };
  const { doc, chain } = await analyseSensitivity(request, sources(ctx), cliListener(ctx));
  const text = await SENSITIVITY_FORMATS[opts.format](doc, renderOptions(ctx, opts));
  await emit(ctx, text, opts.out, chain);
  return EXIT.OK;
}
