// The use cases (src/app/) run without a CLI: a parsed request, where the files are, and a
// listener; they return documents and fail with AppError, never an exit code.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Listener, Sources } from '../../../src/app/context.js';
import { AppError } from '../../../src/app/errors.js';
import { runProjection } from '../../../src/app/project.js';
import { compareOptions } from '../../../src/app/compare.js';
import { explainFigure } from '../../../src/app/explain.js';
import { validateFiles } from '../../../src/app/validate.js';
import { evidenceItem } from '../../../src/app/evidence.js';
import type { Diagnostic } from '../../../src/source/diagnostics.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const sources: Sources = { cwd: ROOT, allowExtendsOutside: false, stdin: () => Promise.reject(new Error('no standard input here')) };
const trio = ['scenarios/baseline.yaml', 'scenarios/band3-fixed-term.yaml', 'scenarios/band4-permanent.yaml'];
const heard = (): { listener: Listener; diagnostics: Diagnostic[] } => {
  const diagnostics: Diagnostic[] = [];
  return { listener: { diagnostics: (d) => diagnostics.push(...d) }, diagnostics };
};

describe('use cases', () => {
  it('run: a result document and the files read, the clock only if given', async () => {
    const { doc, inputs } = await runProjection({ files: ['scenarios/band4-permanent.yaml'], overrides: [], years: 2 }, sources);
    expect(doc.scenarios).toHaveLength(1);
    expect(doc.scenarios[0]?.years).toHaveLength(2);
    expect(doc.generated_at).toBeUndefined();
    expect(inputs).toContain('scenarios/band4-permanent.yaml');
  });

  it('compare: the recommendation is in the document, by the one rule', async () => {
    const { doc } = await compareOptions({ files: trio, overrides: [] }, sources);
    const rec = doc.comparison?.recommendation;
    expect(rec?.requested).toBe('npv');
    expect(rec?.best.length).toBeGreaterThan(0);
  });

  it('compare: the options as loaded, in document order, for --draws to simulate without reading the files again', async () => {
    const { doc, loaded } = await compareOptions({ files: trio.slice(1), baseline: trio[0], overrides: [] }, sources);
    expect(loaded.map((l) => l.file)).toEqual(trio);
    expect(loaded.map((l) => l.scenario.name)).toEqual(doc.scenarios.map((s) => s.name));
  });

  it('an invalid file: its diagnostics to the listener, then an AppError already reported', async () => {
    const { listener, diagnostics } = heard();
    const failure = await runProjection({ files: ['scenarios/missing.yaml'], overrides: [] }, sources, listener).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ failure: 'invalid-input', reported: true });
    expect(diagnostics.map((d) => d.code)).toEqual(['FILE_NOT_FOUND']);
  });

  it('explain: an unknown metric is a usage failure with a did-you-mean', async () => {
    const failure = await explainFigure({ file: trio[2] as string, metric: 'totl_cost', overrides: [] }, sources).catch((e: unknown) => e);
    expect(failure).toMatchObject({ failure: 'usage' });
    expect((failure as Error).message).toMatch(/unknown metric "totl_cost" \(did you mean "total_cost"\?\)/);
  });

  it('validate and evidence', async () => {
    const report = await validateFiles([trio[0] as string, 'scenarios/missing.yaml'], sources);
    expect(report.summary).toMatchObject({ files: 2, valid: 1, invalid: 1 });
    expect(() => evidenceItem('no-such-entry')).toThrow(AppError);
  });
});
