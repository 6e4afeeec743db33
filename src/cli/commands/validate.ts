/**
 * `peerplan validate FILE...`: checks each scenario (schema and meaning) and prints
 * every problem found (src/app/validate.ts). The report is the command's data, so it
 * goes to stdout. Exit codes: 0 all valid (warnings allowed), 1 any file invalid.
 */
import type { CommandContext } from '../io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { validateFiles } from '../../app/validate.js';
import { renderValidationJson, renderValidationText } from '../../render/validate.js';
import { sources } from './pipeline.js';

export interface ValidateOptions {
  format: 'text' | 'json';
}

export async function validateCommand(ctx: CommandContext, files: string[], opts: ValidateOptions): Promise<ExitCode> {
  const report = await validateFiles(files, sources(ctx));
  const text = opts.format === 'json' ? renderValidationJson(report) : renderValidationText(report, { color: ctx.global.color, quiet: ctx.global.quiet });
  if (text !== '') ctx.io.stdout.write(text);
  return report.summary.invalid > 0 ? EXIT.INVALID_INPUT : EXIT.OK;
}
