/** `peerplan run FILE...`: each scenario projected month by month (src/app/project.ts). */
import type { CommandContext } from '../io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { runProjection } from '../../app/project.js';
import { RESULT_FORMATS, type ResultFormat } from '../../render/registry.js';
import { cliListener } from '../listener.js';
import { parseOverrides, parseYears, requireOutFor } from '../options.js';
import { emit, refuseOversizedWorkbook, renderOptions, sources } from './pipeline.js';

export interface RunOptions {
  /** xlsx: the values workbook instead of the live model. */
  xlsxValues?: boolean;
  format: ResultFormat;
  out?: string;
  years?: string;
  monthly?: boolean;
  wide?: boolean;
  timestamp?: boolean;
  set?: string[];
}

export async function runCommand(ctx: CommandContext, files: string[], opts: RunOptions): Promise<ExitCode> {
  requireOutFor(opts.format, opts.out, 'run');
  refuseOversizedWorkbook(opts.format, opts.xlsxValues, files.length);
  const request = {
    files,
    years: parseYears(opts.years),
    overrides: parseOverrides(opts.set),
    generatedAt: opts.timestamp ? new Date().toISOString() : undefined,
  };
  const { doc, inputs } = await runProjection(request, sources(ctx), cliListener(ctx));
  const content = await RESULT_FORMATS[opts.format](doc, renderOptions(ctx, opts));
  await emit(ctx, content, opts.out, inputs);
  return EXIT.OK;
}
