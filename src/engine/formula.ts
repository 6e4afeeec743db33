/**
 * A formula as the reader sees it: its text and the docs/MODEL.md section that explains it.
 * Each engine module exports a `FORMULAS` table of them next to the functions they describe;
 * `explain` prints them from there, and a test checks every section exists in MODEL.md.
 */
export interface Formula {
  /** The formula in the notation of docs/MODEL.md; `{name}` (lower case and `_`) marks a value filled in by `formulaText`. */
  readonly text: string;
  /** `§1.2`, or a range `§2.2–2.3`. */
  readonly section: string;
}

/** The formula's text with its `{name}` placeholders filled in. */
export function formulaText(f: Formula, values: Readonly<Record<string, string>> = {}): string {
  return f.text.replace(/\{([a-z_]+)\}/g, (whole, name: string) => values[name] ?? whole);
}
