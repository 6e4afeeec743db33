/**
 * The one public entry for reading a scenario: file → `extends` chain → schema →
 * defaults and origins → rules → a `LoadedScenario` and every diagnostic found.
 *
 * I/O (reading the chain's files) is kept here; everything after is pure
 * (src/validate/validate-scenario.ts).
 */
import { dirname, isAbsolute, join, normalize, resolve } from 'node:path';
import type { LoadedScenario } from '../scenario/origin.js';
import { listReferenceIds, loadReference } from '../reference/load.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../validate/diagnostics.js';
import { loadGeneratedValidator } from '../validate/schema-validate.js';
import { validateChain } from '../validate/validate-scenario.js';
import { overrideLayer, overrideOrigins, relocateDiagnostics, type Override } from './overrides.js';
import { hashValue } from './hash.js';
import { parseScenarioYaml, toSourceFile } from './parse-yaml.js';
import { readScenarioText } from './read-file.js';
import { isMapping, spanDiagnostic, type SourceFile } from './source.js';

/** Deepest `extends` chain followed: a file and up to 8 ancestors. */
export const MAX_EXTENDS_DEPTH = 8;

export interface LoadOptions {
  /** Directory relative paths are resolved from (default: the process's). */
  cwd?: string;
  /** `--set PATH=VALUE` overrides, applied over the file and validated like it. */
  overrides?: readonly Override[];
  /** The file's text when it is not on disk yet (`init` checks what it is about to write); `extends` is still read from disk. */
  text?: string;
}

export interface LoadOutcome {
  /** The scenario, or null when there is any error (warnings still give a scenario). */
  loaded: LoadedScenario | null;
  /** Every problem found, errors and warnings, in file/line order. */
  diagnostics: Diagnostic[];
}

export async function loadScenario(file: string, options: LoadOptions = {}): Promise<LoadOutcome> {
  return (await openScenario(file, options)).resolve(options.overrides ?? []);
}

/** A scenario's files, read once, resolvable with any set of overrides (for sweeps and sensitivity). */
export interface OpenScenario {
  file: string;
  /**
   * @param tolerate error codes that still yield a scenario (reported, not fatal): a
   *   sweep checks rules between inputs per combination, not per value.
   */
  resolve(overrides: readonly Override[], tolerate?: ReadonlySet<string>): LoadOutcome;
}

export async function openScenario(file: string, options: { cwd?: string; text?: string } = {}): Promise<OpenScenario> {
  const cwd = options.cwd ?? process.cwd();
  const { chain, complete, diagnostics } = await readChain(file, cwd, options.text);
  const validator = await loadGeneratedValidator('scenario');
  const deps = { validator, referenceIds: listReferenceIds(), getReference: loadReference };
  const base = validateChain(chain, complete, deps);
  const resolve = (overrides: readonly Override[], tolerate: ReadonlySet<string> = new Set()): LoadOutcome => {
    let result = base;
    if (overrides.length > 0 && base.scenario !== null && !hasErrors(base.diagnostics)) {
      const layer = overrideLayer(overrides, chain, base.scenario.name);
      const over = validateChain([layer, ...chain], complete, deps);
      result = {
        scenario: over.scenario,
        origins: overrideOrigins(over.origins, base.origins, overrides),
        diagnostics: relocateDiagnostics([...layerDiagnostics(layer), ...over.diagnostics], overrides),
      };
    }
    const all = sortDiagnostics([...diagnostics, ...result.diagnostics]);
    if (hasErrors(all.filter((d) => !tolerate.has(d.code))) || result.scenario === null) return { loaded: null, diagnostics: all };
    return {
      loaded: {
        file,
        chain: chain.map((s) => s.file),
        scenario: result.scenario,
        origins: result.origins,
        hash: hashValue(result.scenario),
      },
      diagnostics: all,
    };
  };
  return { file, resolve };
}

/** Problems the YAML reader found in the override values themselves (e.g. `.inf`). */
function layerDiagnostics(layer: SourceFile): Diagnostic[] {
  return parseScenarioYaml(layer.text, layer.file).diagnostics;
}

interface ChainRead {
  /** Files read, child first. */
  chain: SourceFile[];
  /** Whether `extends` was followed to a file without one. */
  complete: boolean;
  diagnostics: Diagnostic[];
}

/**
 * Parsed files, by path, reused while the text read is the same: in a batch of variants
 * that extend the same parent, the parent is parsed once instead of once per variant.
 * Parsing is a pure function of (text, shown path), and nothing downstream mutates a
 * SourceFile or its diagnostics, so reuse cannot change a result. Least recently used
 * entries go first, so a stream of one-off children does not push out the parents.
 */
const parsedFiles = new Map<string, { text: string; source: SourceFile; diagnostics: readonly Diagnostic[] }>();
const MAX_PARSED_FILES = 64;

function parseFile(shown: string, absPath: string, text: string): { source: SourceFile; diagnostics: readonly Diagnostic[] } {
  const key = `${absPath}\0${shown}`;
  const hit = parsedFiles.get(key);
  parsedFiles.delete(key);
  if (hit !== undefined && hit.text === text) {
    parsedFiles.set(key, hit);
    return hit;
  }
  const parsed = parseScenarioYaml(text, shown);
  const entry = { text, source: toSourceFile(shown, absPath, text, parsed), diagnostics: parsed.diagnostics };
  if (parsedFiles.size >= MAX_PARSED_FILES) parsedFiles.delete(parsedFiles.keys().next().value as string);
  parsedFiles.set(key, entry);
  return entry;
}

/** Reads and parses a file (or its given `text`) and its `extends` ancestors. */
export async function readChain(file: string, cwd: string, text?: string): Promise<ChainRead> {
  const chain: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  let absPath = resolve(cwd, file);
  let shown = file;
  const seen: string[] = [];
  for (;;) {
    seen.push(absPath);
    const read = chain.length === 0 && text !== undefined ? ({ ok: true, text } as const) : await readScenarioText(absPath, shown);
    const child = chain[chain.length - 1];
    if (!read.ok) {
      if (child && read.diagnostic.code === 'FILE_NOT_FOUND') {
        diagnostics.push(
          extendsDiagnostic(child, {
            code: 'EXTENDS_NOT_FOUND',
            message: `extends names ${shown}, which does not exist`,
            expected: 'the path of another scenario file, relative to this file',
            example: 'extends: baseline.yaml',
          }),
        );
      } else {
        diagnostics.push(read.diagnostic);
      }
      return { chain, complete: false, diagnostics };
    }
    const { source, diagnostics: found } = parseFile(shown, absPath, read.text);
    chain.push(source);
    for (const d of found) diagnostics.push(d); // not push(...found): a file may have more diagnostics than the call stack takes arguments
    const parent = isMapping(source.data) ? source.data.extends : undefined;
    if (typeof parent !== 'string' || parent === '') {
      // No extends (or not text, or empty, which the schema reports): the chain ends here.
      return { chain, complete: parent === undefined || parent === null, diagnostics };
    }
    const nextAbs = resolve(dirname(absPath), parent);
    const nextShown = isAbsolute(parent) ? parent : normalize(join(dirname(shown), parent));
    const names = [...chain.map((s) => s.file), nextShown].join(' → ');
    if (seen.includes(nextAbs)) {
      diagnostics.push(
        extendsDiagnostic(source, {
          code: 'EXTENDS_CYCLE',
          message: `extends goes round in a circle: ${names}`,
          expected: 'a chain of extends that ends at a file without extends',
        }),
      );
      return { chain, complete: false, diagnostics };
    }
    if (chain.length > MAX_EXTENDS_DEPTH) {
      diagnostics.push(
        extendsDiagnostic(source, {
          code: 'EXTENDS_TOO_DEEP',
          message: `the extends chain is more than ${MAX_EXTENDS_DEPTH} levels deep: ${names}`,
          expected: `at most ${MAX_EXTENDS_DEPTH} levels of extends; merge some of the files`,
        }),
      );
      return { chain, complete: false, diagnostics };
    }
    absPath = nextAbs;
    shown = nextShown;
  }
}

function extendsDiagnostic(
  source: SourceFile,
  draft: { code: 'EXTENDS_NOT_FOUND' | 'EXTENDS_CYCLE' | 'EXTENDS_TOO_DEEP'; message: string; expected: string; example?: string },
): Diagnostic {
  const loc = source.locations.get('extends');
  return spanDiagnostic(source, loc?.value, { ...draft, path: 'extends' });
}
