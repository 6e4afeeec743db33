// Every docs/MODEL.md section a formula cites exists: the formula tables next to the engine's
// formulas (`FORMULAS` in src/engine/*.ts) and every section an explain tree prints.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/read/load-scenario.js';
import { loadReference } from '../../src/reference/load.js';
import { project } from '../../src/engine/project.js';
import type { Formula } from '../../src/engine/formula.js';
import type { ExplainNode } from '../../src/explain/node.js';
import { explain } from '../../src/explain/tree.js';
import { EXPLAIN_METRICS, HORIZON_ONLY } from '../../src/explain/metrics.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Section numbers of docs/MODEL.md's headings: `## 6. Costs…` → 6, `### 1.2 Pay…` → 1.2. */
function modelSections(): Set<string> {
  const md = readFileSync(join(ROOT, 'docs', 'MODEL.md'), 'utf8');
  const out = new Set<string>();
  for (const m of md.matchAll(/^#{2,4} (\d+(?:\.\d+)*)\.? /gm)) out.add(m[1] as string);
  return out;
}

/** `§2.2–2.3` → 2.2 and 2.3; `§6` → 6. */
function cited(section: string): string[] {
  const m = /^§(\d+(?:\.\d+)*)(?:[–-](\d+(?:\.\d+)*))?$/.exec(section);
  if (!m) return [`(malformed: ${section})`];
  return m[2] === undefined ? [m[1] as string] : [m[1] as string, m[2] as string];
}

function* walk(n: ExplainNode): Generator<ExplainNode> {
  yield n;
  for (const c of n.children) yield* walk(c);
}

const sections = modelSections();

describe('formula sections exist in docs/MODEL.md', () => {
  it('the heading parser finds the model sections', () => {
    for (const s of ['1.2', '2.4', '3.1', '4.3', '5.1', '6', '6.3', '7.4']) expect(sections.has(s), s).toBe(true);
    expect(sections.has('6.9')).toBe(false);
  });

  it('every formula table in src/engine cites a section that exists', async () => {
    const dir = join(ROOT, 'src', 'engine');
    const missing: string[] = [];
    let tables = 0;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const mod = (await import(join(dir, f))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (!/FORMULAS$/.test(name)) continue;
        tables++;
        for (const [key, formula] of Object.entries(value as Record<string, Formula>)) {
          for (const s of cited(formula.section)) if (!sections.has(s)) missing.push(`${f} ${name}.${key}: ${formula.section}`);
        }
      }
    }
    expect(tables).toBeGreaterThanOrEqual(9);
    expect(missing).toEqual([]);
  });

  it("every formula table's placeholders are ones formulaText fills (lower case and _)", async () => {
    const dir = join(ROOT, 'src', 'engine');
    const bad: string[] = [];
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const mod = (await import(join(dir, f))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (!/FORMULAS$/.test(name)) continue;
        for (const [key, formula] of Object.entries(value as Record<string, Formula>)) {
          for (const m of formula.text.matchAll(/\{([A-Za-z_]+)\}/g)) if (!/^[a-z_]+$/.test(m[1] as string)) bad.push(`${f} ${name}.${key}: {${m[1]}}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('every section an explain tree cites exists, and no formula prints an unfilled placeholder, for every metric of every bundled scenario', async () => {
    const files = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();
    const missing = new Set<string>();
    const placeholders = new Set<string>();
    let nodes = 0;
    for (const file of files) {
      const { loaded } = await loadScenario(`scenarios/${file}`, { cwd: ROOT, overrides: [] });
      if (!loaded) throw new Error(file);
      const reference = loadReference(loaded.scenario.reference);
      const projected = { loaded, scenario: loaded.scenario, result: project(loaded.scenario, reference) };
      const year = projected.result.years[0]?.year as string;
      for (const metric of EXPLAIN_METRICS) {
        const scopes = HORIZON_ONLY.has(metric) ? [{ kind: 'horizon' as const }] : [{ kind: 'horizon' as const }, { kind: 'year' as const, year }];
        for (const scope of scopes) {
          for (const n of walk(explain(projected, reference, { metric, scope }))) {
            // A `{name}` left in a formula is a placeholder nothing filled in (`{j<⌊R⌋}` is notation).
            const unfilled = n.formula?.match(/\{[A-Za-z_]+\}/g);
            if (unfilled) placeholders.add(`${file} ${metric}: "${n.label}" prints ${unfilled.join(', ')}`);
            if (n.section === undefined) continue;
            nodes++;
            for (const s of cited(n.section)) if (!sections.has(s)) missing.add(`${file} ${metric}: "${n.label}" cites ${n.section}`);
          }
        }
      }
    }
    expect(nodes).toBeGreaterThan(100);
    expect([...missing]).toEqual([]);
    expect([...placeholders]).toEqual([]);
  });
});
