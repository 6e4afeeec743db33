/** `validate`'s report: a line per file and its diagnostics, or the same as JSON. */
import { Chalk } from 'chalk';
import { countSummary, diagnosticToJson, formatDiagnostic, printable } from '../source/diagnostics.js';
import type { ValidationReport } from '../app/validate.js';

export function renderValidationJson(report: ValidationReport): string {
  const doc = {
    files: report.files.map((r) => ({ file: r.file, valid: r.valid, hash: r.hash, diagnostics: r.diagnostics.map(diagnosticToJson) })),
    summary: report.summary,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** With `quiet`, only the invalid files and every diagnostic: no ticks, no summary. */
export function renderValidationText(report: ValidationReport, options: { color: boolean; quiet: boolean }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  for (const r of report.files) {
    if (r.valid && !options.quiet) {
      const warned = r.diagnostics.length ? ` (${r.diagnostics.length} warning${r.diagnostics.length === 1 ? '' : 's'})` : '';
      out.push(`${chalk.green('✓')} ${printable(r.file)}${warned}`);
    } else if (!r.valid) {
      out.push(`${chalk.red('✗')} ${printable(r.file)}`);
    }
    for (const d of r.diagnostics) out.push(`${formatDiagnostic(d, { color: options.color })}\n`);
  }
  const summary = report.summary;
  if (!options.quiet) {
    out.push(`${summary.files} file${summary.files === 1 ? '' : 's'} checked: ${summary.valid} valid, ${summary.invalid} invalid (${countSummary(summary.errors, summary.warnings)})`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
