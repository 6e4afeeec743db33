/** Validate: every file checked (schema and meaning), every problem found, nothing projected. */
import { loadScenario, STDIN_FILE, STDIN_SHOWN } from '../read/load-scenario.js';
import type { Diagnostic } from '../source/diagnostics.js';
import type { Sources } from './context.js';
import { readOptions } from './project.js';

export interface FileReport {
  file: string;
  valid: boolean;
  hash: string | null;
  diagnostics: Diagnostic[];
}

export interface ValidationReport {
  files: FileReport[];
  summary: { files: number; valid: number; invalid: number; errors: number; warnings: number };
}

export async function validateFiles(files: readonly string[], sources: Sources): Promise<ValidationReport> {
  const reports: FileReport[] = [];
  for (const file of files) {
    const { loaded, diagnostics } = await loadScenario(file, await readOptions(sources, file));
    reports.push({ file: file === STDIN_FILE ? STDIN_SHOWN : file, valid: loaded !== null, hash: loaded?.hash ?? null, diagnostics });
  }
  const all = reports.flatMap((r) => r.diagnostics);
  return {
    files: reports,
    summary: {
      files: reports.length,
      valid: reports.filter((r) => r.valid).length,
      invalid: reports.filter((r) => !r.valid).length,
      errors: all.filter((d) => d.severity === 'error').length,
      warnings: all.filter((d) => d.severity === 'warning').length,
    },
  };
}
