/**
 * `peerplan validate FILE...`: checks each scenario (schema and meaning) and prints
 * every problem found. The report is the command's data, so it goes to stdout.
 * Exit codes: 0 all valid (warnings allowed), 1 any file invalid.
 */
import { Chalk } from 'chalk';
import type { CommandContext } from '../io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadScenario, STDIN_FILE, STDIN_SHOWN } from '../../read/load-scenario.js';
import { sourceOptions } from './pipeline.js';
import { countSummary, diagnosticToJson, formatDiagnostic, printable, type Diagnostic } from '../../source/diagnostics.js';

export interface ValidateOptions {
  format: 'text' | 'json';
}

interface FileReport {
  file: string;
  valid: boolean;
  hash: string | null;
  diagnostics: Diagnostic[];
}

export async function validateCommand(ctx: CommandContext, files: string[], opts: ValidateOptions): Promise<ExitCode> {
  const reports: FileReport[] = [];
  for (const file of files) {
    const { loaded, diagnostics } = await loadScenario(file, { cwd: ctx.io.cwd, allowExtendsOutside: ctx.global.allowExtendsOutside, ...(await sourceOptions(ctx, file)) });
    reports.push({ file: file === STDIN_FILE ? STDIN_SHOWN : file, valid: loaded !== null, hash: loaded?.hash ?? null, diagnostics });
  }
  const all = reports.flatMap((r) => r.diagnostics);
  const summary = {
    files: reports.length,
    valid: reports.filter((r) => r.valid).length,
    invalid: reports.filter((r) => !r.valid).length,
    errors: all.filter((d) => d.severity === 'error').length,
    warnings: all.filter((d) => d.severity === 'warning').length,
  };

  if (opts.format === 'json') {
    const doc = {
      files: reports.map((r) => ({ file: r.file, valid: r.valid, hash: r.hash, diagnostics: r.diagnostics.map(diagnosticToJson) })),
      summary,
    };
    ctx.io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    const chalk = new Chalk({ level: ctx.global.color ? 1 : 0 });
    const out: string[] = [];
    for (const r of reports) {
      if (r.valid && !ctx.global.quiet) {
        const warned = r.diagnostics.length ? ` (${r.diagnostics.length} warning${r.diagnostics.length === 1 ? '' : 's'})` : '';
        out.push(`${chalk.green('✓')} ${printable(r.file)}${warned}`);
      } else if (!r.valid) {
        out.push(`${chalk.red('✗')} ${printable(r.file)}`);
      }
      for (const d of r.diagnostics) out.push(`${formatDiagnostic(d, { color: ctx.global.color })}\n`);
    }
    if (!ctx.global.quiet) {
      out.push(
        `${summary.files} file${summary.files === 1 ? '' : 's'} checked: ${summary.valid} valid, ${summary.invalid} invalid (${countSummary(summary.errors, summary.warnings)})`,
      );
    }
    if (out.length) ctx.io.stdout.write(`${out.join('\n')}\n`);
  }
  return summary.invalid > 0 ? EXIT.INVALID_INPUT : EXIT.OK;
}
