/**
 * `peerplan explain FILE`: the calculation tree of one figure of `run`, down to the
 * scenario inputs and reference values it rests on, each with its origin (src/app/explain.ts).
 */
import type { CommandContext } from '../io.js';
import { usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { explainFigure } from '../../app/explain.js';
import { EXPLAIN_FORMATS, type ExplainFormat } from '../../render/registry.js';
import { cliListener } from '../listener.js';
import { parseOverrides, parseYears } from '../options.js';
import { emit, renderOptions, sources } from './pipeline.js';

export interface ExplainCommandOptions {
  metric: string;
  year?: string;
  month?: string;
  format: ExplainFormat;
  out?: string;
  years?: string;
  set?: string[];
  depth?: string;
}

/** `--depth N`: a whole number from 1; the figure itself is depth 0. */
export function parseDepth(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const depth = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(depth) || depth < 1) throw usageError(`--depth must be a whole number of levels from 1 (got "${value}"), e.g. --depth 3`);
  return depth;
}

export async function explainCommand(ctx: CommandContext, file: string, opts: ExplainCommandOptions): Promise<ExitCode> {
  const request = { file, metric: opts.metric, year: opts.year, month: opts.month, depth: parseDepth(opts.depth), years: parseYears(opts.years), overrides: parseOverrides(opts.set) };
  const { doc, inputs } = await explainFigure(request, sources(ctx), cliListener(ctx));
  const text = await EXPLAIN_FORMATS[opts.format](doc, renderOptions(ctx, opts));
  await emit(ctx, text, opts.out, inputs);
  return EXIT.OK;
}
