/**
 * `peerplan explain FILE`: the calculation tree of one figure of `run`, down to the
 * scenario inputs and reference values it rests on, each with its origin.
 */
import { readFileSync } from 'node:fs';
import type { CommandContext } from '../io.js';
import { usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { emit, loadAll, outputWidth, parseOverrides, parseYears, projectAll } from './pipeline.js';
import { loadReference } from '../../reference/load.js';
import { fromRoot } from '../../paths.js';
import { parsePath } from '../../source/positions.js';
import { SchemaInfo } from '../../validate/schema-info.js';
import type { Projected } from '../../result/document.js';
import { checkMetricScope, ExplainOptionError, parseMetric, parseMonth, parseYear, type ScopeRequest } from '../../explain/metrics.js';
import { explainDocument } from '../../explain/tree.js';
import { limitDepth } from '../../explain/depth.js';

export interface ExplainCommandOptions {
  metric: string;
  year?: string;
  month?: string;
  format: 'table' | 'json';
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

/** A bad option value is a usage error (exit 2), reported before anything is written. */
function option<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof ExplainOptionError) throw usageError(err.message);
    throw err;
  }
}

function scopeOf(opts: ExplainCommandOptions, projected: Projected): ScopeRequest {
  if (opts.year !== undefined && opts.month !== undefined) throw usageError('--year and --month narrow to different periods: give one of them');
  if (opts.year !== undefined) return option(() => parseYear(opts.year as string, projected.result));
  if (opts.month !== undefined) return option(() => parseMonth(opts.month as string, projected.result));
  return { kind: 'horizon' };
}

export async function explainCommand(ctx: CommandContext, file: string, opts: ExplainCommandOptions): Promise<ExitCode> {
  const metric = option(() => parseMetric(opts.metric));
  const depth = parseDepth(opts.depth);
  const years = parseYears(opts.years);
  const overrides = parseOverrides(opts.set);
  const loaded = await loadAll(ctx, [file], overrides);
  const projected = projectAll(loaded, { years })[0] as Projected;
  const scope = scopeOf(opts, projected);
  option(() => checkMetricScope(metric, scope, projected.result));

  const schema = new SchemaInfo(JSON.parse(readFileSync(fromRoot('schemas', 'scenario.schema.json'), 'utf8')));
  const inputUnit = (path: string): string | undefined => {
    const unit = schema.resolve(schema.at(parsePath(path)))?.['x-unit'];
    return typeof unit === 'string' ? unit : undefined;
  };
  const whole = explainDocument(projected, loadReference(projected.scenario.reference), { metric, scope, inputUnit });
  const doc = depth === undefined ? whole : limitDepth(whole, depth);
  let text: string;
  if (opts.format === 'json') {
    text = (await import('../../render/json.js')).renderJson(doc);
  } else {
    const { renderExplainText } = await import('../../render/explain.js');
    text = renderExplainText(doc, { color: ctx.global.color && opts.out === undefined, width: outputWidth(ctx) });
  }
  emit(ctx, text, opts.out, loaded.flatMap((l) => l.chain));
  return EXIT.OK;
}
