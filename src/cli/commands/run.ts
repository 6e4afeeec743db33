import type { CommandContext } from '../main.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { resultDocument } from '../../render/document.js';
import { emit, loadAll, parseOverrides, parseYears, projectAll, uniqueFiles } from './pipeline.js';
import { renderOutput, requireOutFor, type OutputFormat } from './output.js';

export interface RunOptions {
  format: OutputFormat;
  out?: string;
  years?: string;
  monthly?: boolean;
  wide?: boolean;
  xlsxValues?: boolean;
  timestamp?: boolean;
  set?: string[];
}

export async function runCommand(ctx: CommandContext, files: string[], opts: RunOptions): Promise<ExitCode> {
  requireOutFor(opts.format, opts.out, 'run');
  const years = parseYears(opts.years);
  const overrides = parseOverrides(opts.set);
  const loaded = await loadAll(ctx, uniqueFiles(files, ctx.io.cwd), overrides);
  const projected = projectAll(loaded, { years });
  const doc = resultDocument(projected, opts.timestamp ? { generatedAt: new Date().toISOString() } : {});
  const text = await renderOutput(ctx, doc, { format: opts.format, monthly: opts.monthly === true, wide: opts.wide === true, xlsxValues: opts.xlsxValues === true }, opts.out !== undefined);
  emit(ctx, text, opts.out, loaded.flatMap((l) => l.chain));
  return EXIT.OK;
}
