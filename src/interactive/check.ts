/**
 * The interactive page's check of a changed value (issue #28 item 4): the value goes
 * through the same rules as `compare --set` — the override layer, the precompiled schema
 * validator and the rules of meaning, over the option's files as merged — and the page
 * shows the CLI's own message for any error, recomputing nothing from an invalid value.
 * Pure: the validator and data come in `deps` (the page bundles them; Node tests load them).
 */
import { formatDiagnostic, sortDiagnostics } from '../source/diagnostics.js';
import type { SourceFile } from '../source/positions.js';
import { overrideLayer, relocateDiagnostics, type Override } from '../read/overrides.js';
import { validateChain, type ValidateDeps } from '../validate/validate-scenario.js';

/** A page control's value as `--set` would be written: "12", "70%". */
export function overrideOf(path: string, shown: number, percent: boolean): Override {
  const text = `${String(shown)}${percent ? '%' : ''}`;
  return { path, text, expression: `${path}=${text}` };
}

/**
 * The CLI's messages (as `compare --set` prints them, without colour) for every error the
 * overrides cause in the option whose files merge to `merged`; none when they are valid.
 */
export function overrideErrors(merged: Record<string, unknown>, file: string, overrides: readonly Override[], deps: ValidateDeps): string[] {
  if (overrides.length === 0) return [];
  // The files as merged, standing as one file below the --set layer; where its own values sit
  // does not matter, as every diagnostic about an override is moved to the command line.
  const below: SourceFile = { file, absPath: file, text: '', lineStarts: [0], data: merged, locations: new Map(), flagged: new Set(), ok: true };
  const { layer, diagnostics: read } = overrideLayer(overrides, merged, file);
  const over = validateChain([layer, below], true, deps);
  // In the CLI's order (sortDiagnostics), so the page lists them as `compare --set` prints them.
  return sortDiagnostics(relocateDiagnostics([...read, ...over.diagnostics], overrides, file))
    .filter((d) => d.severity === 'error')
    .map((d) => formatDiagnostic(d, { color: false }));
}
