/**
 * Explain: the calculation tree of one figure of `run`, down to the scenario inputs and
 * reference values it rests on, each with its origin.
 */
import { readFileSync } from 'node:fs';
import type { Override } from '../read/overrides.js';
import { loadReference } from '../reference/load.js';
import { fromRoot } from '../paths.js';
import { parsePath } from '../source/positions.js';
import { SchemaInfo } from '../validate/schema-info.js';
import type { Projected } from '../result/document.js';
import { checkMetricScope, ExplainOptionError, parseMetric, parseMonth, parseYear, type ScopeRequest } from '../explain/metrics.js';
import { explainDocument } from '../explain/tree.js';
import { limitDepth } from '../explain/depth.js';
import type { ExplainDocument } from '../explain/node.js';
import { usageFailure } from './errors.js';
import type { Listener, Sources } from './context.js';
import { loadScenarios, projectAll, type Outcome } from './project.js';

export interface ExplainRequest {
  file: string;
  /** The figure, as named on the command line (aliases allowed). */
  metric: string;
  year?: string | undefined;
  month?: string | undefined;
  depth?: number | undefined;
  overrides: readonly Override[];
  years?: number | undefined;
}

/** A bad metric, year or month is a usage failure, found before anything is written. */
function option<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof ExplainOptionError) throw usageFailure(err.message);
    throw err;
  }
}

function scopeOf(req: ExplainRequest, projected: Projected): ScopeRequest {
  if (req.year !== undefined && req.month !== undefined) throw usageFailure('--year and --month narrow to different periods: give one of them');
  if (req.year !== undefined) return option(() => parseYear(req.year as string, projected.result));
  if (req.month !== undefined) return option(() => parseMonth(req.month as string, projected.result));
  return { kind: 'horizon' };
}

export async function explainFigure(req: ExplainRequest, sources: Sources, listener: Listener = {}): Promise<Outcome<ExplainDocument>> {
  const metric = option(() => parseMetric(req.metric));
  const loaded = await loadScenarios([req.file], req.overrides, sources, listener);
  const projected = projectAll(loaded, req.years)[0] as Projected;
  const scope = scopeOf(req, projected);
  option(() => checkMetricScope(metric, scope, projected.result));

  const schema = new SchemaInfo(JSON.parse(readFileSync(fromRoot('schemas', 'scenario.schema.json'), 'utf8')));
  const inputUnit = (path: string): string | undefined => {
    const unit = schema.resolve(schema.at(parsePath(path)))?.['x-unit'];
    return typeof unit === 'string' ? unit : undefined;
  };
  const whole = explainDocument(projected, loadReference(projected.scenario.reference), { metric, scope, inputUnit });
  return { doc: req.depth === undefined ? whole : limitDepth(whole, req.depth), inputs: loaded.flatMap((l) => l.chain) };
}
