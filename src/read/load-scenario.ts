/**
 * The one public entry for reading a scenario: file → `extends` chain → schema →
 * defaults and origins → rules → a `LoadedScenario` and every diagnostic found.
 *
 * I/O (reading the chain's files) is kept here; everything after is pure
 * (src/validate/validate-scenario.ts).
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import type { LoadedScenario } from '../scenario/origin.js';
import { listReferenceIds, loadReference } from '../reference/load.js';
import { loadEvidenceLibrary } from '../evidence/load.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../source/diagnostics.js';
import { loadGeneratedValidator } from '../validate/schema-validate.js';
import { validateChain } from '../validate/validate-scenario.js';
import { overrideLayer, overrideOrigins, overridePathProblem, overridesFor, relocateDiagnostics, type Override } from './overrides.js';
import { mergeChain } from '../scenario/merge.js';
import { hashValue } from './hash.js';
import { MAX_DIAGNOSTICS_PER_FILE, parseScenarioYaml, toSourceFile, truncated } from './parse-yaml.js';
import { decodeScenarioBytes, MAX_FILE_BYTES, readScenarioText, tooLarge, type ReadOutcome } from './read-file.js';
import { isMapping, spanDiagnostic, type SourceFile } from '../source/positions.js';
import type { BaselineMark } from '../scenario/origin.js';
import { effectiveRanges, extractRanges, rangesAfterOverrides } from '../uncertainty/ranges.js';
import type { RangedInput } from '../scenario/ranges.js';

/** Deepest `extends` chain followed: a file and up to 8 ancestors. */
export const MAX_EXTENDS_DEPTH = 8;

export interface LoadOptions {
  /** Directory relative paths are resolved from (default: the process's). */
  cwd?: string;
  /** `--set PATH=VALUE` overrides, applied over the file and validated like it. */
  overrides?: readonly Override[];
  /** The file's text when it is not on disk yet (`init` checks what it is about to write); `extends` is still read from disk. */
  text?: string;
  /** Let `extends` name files outside the scenario's folder tree (`--allow-extends-outside`). */
  allowExtendsOutside?: boolean;
  /** `--extends-root FOLDER` (absolute): `extends` may read scenario files anywhere under it. */
  extendsRoot?: string | undefined;
  /** The bytes read from standard input, for the file `-` (shown as `<stdin>`). */
  stdin?: Uint8Array;
}

/** The file name that reads a scenario from standard input. */
export const STDIN_FILE = '-';
/**
 * How a scenario from standard input is named in diagnostics and outputs. It sits in the
 * current folder: its `extends` resolve from there, and are confined to that folder's tree.
 */
export const STDIN_SHOWN = '<stdin>';

/**
 * A file that marks a project's root folder. It widens nothing by itself (a pull request
 * could add one): an `extends` refused for leaving the scenario's folder names it, so the
 * user can pass `--extends-root` with that folder.
 */
export const ROOT_MARKER = '.peerplan-root';

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

export async function openScenario(file: string, options: Omit<LoadOptions, 'overrides'> = {}): Promise<OpenScenario> {
  const cwd = options.cwd ?? process.cwd();
  const read = await readChain(file, cwd, options.text, options.allowExtendsOutside === true, options.stdin, options.extendsRoot);
  const validator = await loadGeneratedValidator('scenario');
  // Ranges on inputs (docs/SCENARIO.md, "Ranges") are checked and replaced by their central values here.
  const extracted = extractRanges(read.chain, validator.info);
  const { chain } = extracted;
  const { complete } = read;
  const diagnostics = [...read.diagnostics, ...extracted.diagnostics];
  const deps = { validator, referenceIds: listReferenceIds(), getReference: loadReference, getEvidence: () => loadEvidenceLibrary() };
  const base = validateChain(chain, complete, deps);
  // The files merged without the overrides: the same for every resolve (a sensitivity analysis makes some 1,500).
  let merged: Record<string, unknown> | undefined;
  // Likewise the ranges the files give, before any --set removes some.
  let fileRanges: RangedInput[] | undefined;
  const shown = file === STDIN_FILE ? STDIN_SHOWN : file;
  const resolve = (given: readonly Override[], tolerate: ReadonlySet<string> = new Set()): LoadOutcome => {
    // `--set FILE:PATH=VALUE` applies to its file only.
    const overrides = given.some((o) => o.target !== undefined) ? overridesFor(given, file, cwd) : given;
    let result = base;
    let files = (): Record<string, unknown> => (merged ??= mergeChain(chain.map((s) => s.data)));
    if (overrides.length > 0 && base.scenario !== null && !hasErrors(base.diagnostics)) {
      const below = files();
      const lost = overrides.map((o) => overridePathProblem(o, below, validator.info, shown)).filter((d) => d !== undefined);
      if (lost.length > 0) return { loaded: null, diagnostics: capPerFile(sortDiagnostics([...diagnostics, ...base.diagnostics, ...lost])) };
      const { layer, diagnostics: read } = overrideLayer(overrides, below, base.scenario.name);
      const over = validateChain([layer, ...chain], complete, deps);
      files = () => mergeChain([layer, ...chain].map((s) => s.data));
      result = {
        scenario: over.scenario,
        origins: overrideOrigins(over.origins, base.origins, overrides),
        diagnostics: relocateDiagnostics([...read, ...over.diagnostics], overrides, shown),
      };
    }
    const all = capPerFile(sortDiagnostics([...diagnostics, ...result.diagnostics]));
    if (hasErrors(all.filter((d) => !tolerate.has(d.code))) || result.scenario === null) return { loaded: null, diagnostics: all };
    const ranges = rangesAfterOverrides((fileRanges ??= effectiveRanges(read.chain.map((s) => s.data), extracted.ranges)), overrides.map((o) => o.path));
    return {
      loaded: {
        file: shown,
        chain: chain.map((s) => s.file),
        scenario: result.scenario,
        origins: result.origins,
        hash: hashValue(result.scenario),
        ...baselineMark(chain[0]),
        ...(ranges.length > 0 ? { ranges } : {}),
        merged: files,
      },
      diagnostics: all,
    };
  };
  return { file, resolve };
}

/** `baseline: true` in the file itself: like `name`, it describes one file and is not inherited. */
function baselineMark(source: SourceFile | undefined): { baseline_mark?: BaselineMark } {
  if (!source || !isMapping(source.data) || source.data.baseline !== true) return {};
  const span = source.locations.get('baseline')?.key ?? source.locations.get('baseline')?.value;
  return { baseline_mark: { file: source.file, line: span?.line ?? 1, column: span?.column ?? 1 } };
}

/** At most MAX_DIAGNOSTICS_PER_FILE diagnostics per file, then one that counts the rest. */
function capPerFile(diagnostics: Diagnostic[]): Diagnostic[] {
  const kept = new Map<string, number>();
  const dropped = new Map<string, number>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (d.code === 'TOO_MANY_PROBLEMS') {
      dropped.set(d.file, (dropped.get(d.file) ?? 0) + (Number(/^[\d,]+/.exec(d.message)?.[0].replace(/,/g, '')) || 0));
      continue;
    }
    const n = kept.get(d.file) ?? 0;
    if (n < MAX_DIAGNOSTICS_PER_FILE) {
      out.push(d);
      kept.set(d.file, n + 1);
    } else dropped.set(d.file, (dropped.get(d.file) ?? 0) + 1);
  }
  for (const [file, n] of dropped) if (n > 0) out.push(truncated(file, n));
  return out;
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

/**
 * The folder `extends` is confined to: the folder given with `--extends-root` if the
 * scenario is under it, else the scenario's own folder. Scenario files may come from
 * others, so only the user widens this: a `.peerplan-root` file someone added does not.
 */
export function extendsRoot(absPath: string, given?: string): string {
  const own = dirname(absPath);
  return given !== undefined && (inside(given, own) || inside(real(given), real(own))) ? given : own;
}

/** The nearest folder at or above `dir` holding a .peerplan-root marker, to suggest for --extends-root. */
function markedProject(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, ROOT_MARKER))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/**
 * Whether text read through `extends` declares itself a scenario: a `peerplan:` key at
 * the start of a line (YAML, or JSON's `"peerplan":`). A file that does not (a
 * credentials file, `.npmrc`, `.git/config`) is refused before it is parsed, so no line
 * of it can appear in a message.
 */
const DECLARES_SCENARIO = /^(?:peerplan|'peerplan')[ \t]*:|^[ \t{]*"peerplan"[ \t]*:/m;

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The path with its symbolic links followed (as far as it exists). */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Reads and parses a file (or its given `text`) and its `extends` ancestors. */
export async function readChain(file: string, cwd: string, text?: string, allowOutside = false, stdin?: Uint8Array, givenRoot?: string): Promise<ChainRead> {
  const chain: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const fromStdin = file === STDIN_FILE && text === undefined;
  // Standard input can be read only once, so the caller reads it (once per command) and
  // passes its bytes: a read of `-` without them is a bug, never an "empty" file.
  if (fromStdin && stdin === undefined) throw new Error('readChain: "-" was named but standard input\'s bytes were not given (read them through the app\'s readOptions)');
  let absPath = resolve(cwd, fromStdin ? STDIN_SHOWN : file);
  let shown = fromStdin ? STDIN_SHOWN : file;
  const seen: string[] = [];
  const root = extendsRoot(absPath, givenRoot);
  const realRoot = real(root);
  let outside = false;
  for (;;) {
    seen.push(absPath);
    const read =
      chain.length === 0 && text !== undefined
        ? ({ ok: true, text } as const)
        : chain.length === 0 && fromStdin
          ? stdinText(stdin as Uint8Array)
          : await readScenarioText(absPath, shown);
    const child = chain[chain.length - 1];
    if (!read.ok) {
      if (child && read.diagnostic.code === 'FILE_NOT_FOUND') {
        diagnostics.push(
          extendsDiagnostic(child, {
            code: 'EXTENDS_NOT_FOUND',
            message: `extends names ${shown}, which does not exist`,
            // Standard input has no folder of its own: its extends resolve from the current folder.
            expected:
              chain.length === 1 && fromStdin
                ? 'the path of another scenario file, relative to the current folder (a scenario read from standard input has no folder of its own)'
                : 'the path of another scenario file, relative to this file',
            example: 'extends: baseline.yaml',
          }),
        );
      } else {
        diagnostics.push(read.diagnostic);
      }
      return { chain, complete: false, diagnostics };
    }
    const declared = child === undefined || DECLARES_SCENARIO.test(read.text);
    const { source, diagnostics: found } = declared ? parseFile(shown, absPath, read.text) : { source: undefined, diagnostics: [] };
    const scenario = source !== undefined && source.ok && isMapping(source.data) && 'peerplan' in source.data;
    // Parsed but not a scenario, or (outside the tree) not even parsed: refused, unquoted. A
    // parent inside the tree that declares itself a scenario keeps its own syntax errors.
    if (child && (source === undefined || (source.ok && !scenario) || (outside && !scenario))) {
      // A parent that is not a scenario: say so without quoting a line of it.
      diagnostics.push(
        extendsDiagnostic(child, {
          code: 'NOT_A_SCENARIO',
          message: `extends names ${shown}, which is not a scenario file (its contents are not shown)`,
          expected: 'a scenario file: a YAML mapping that starts with the format version, peerplan: 1',
          example: 'extends: baseline.yaml',
        }),
      );
      return { chain, complete: false, diagnostics };
    }
    if (source === undefined) return { chain, complete: false, diagnostics };
    chain.push(source);
    for (const d of found) diagnostics.push(d); // not push(...found): a file may have more diagnostics than the call stack takes arguments
    const parent = isMapping(source.data) ? source.data.extends : undefined;
    if (typeof parent !== 'string' || parent === '') {
      // No extends (or not text, or empty, which the schema reports): the chain ends here.
      return { chain, complete: parent === undefined || parent === null, diagnostics };
    }
    if (parent.includes('\0')) {
      diagnostics.push(
        extendsDiagnostic(source, {
          code: 'EXTENDS_NOT_FOUND',
          message: 'extends names a path with a NUL character in it, which no file can have',
          expected: 'the path of another scenario file, relative to this file',
          example: 'extends: baseline.yaml',
        }),
      );
      return { chain, complete: false, diagnostics };
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
    const escapes = !inside(root, nextAbs) || !inside(realRoot, real(nextAbs));
    if (escapes && !allowOutside) {
      diagnostics.push(
        extendsDiagnostic(source, {
          code: 'EXTENDS_OUTSIDE_FOLDER',
          message: `extends names ${nextShown}, which is outside ${root === dirname(resolve(cwd, fromStdin ? STDIN_SHOWN : file)) ? fromStdin ? 'the current folder (where a scenario from standard input sits)' : "the scenario's folder" : 'the folder given with --extends-root'}; peerplan does not read it`,
          expected: extendsWiden(suggestedProject(root, nextAbs), cwd),
          example: 'extends: baseline.yaml',
        }),
      );
      return { chain, complete: false, diagnostics };
    }
    outside = outside || escapes;
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

/** A folder marked with .peerplan-root that holds both the scenario's tree and the parent, if any. */
function suggestedProject(root: string, parent: string): string | undefined {
  const marked = markedProject(root);
  return marked !== undefined && inside(marked, parent) ? marked : undefined;
}

/** How to let `extends` reach a parent outside the tree: a marked project is suggested, never used unasked. */
function extendsWiden(project: string | undefined, cwd: string): string {
  const folder = project === undefined ? undefined : relative(cwd, project) || '.';
  return `a parent scenario in the same folder or below it; or run with --extends-root ${folder ?? 'FOLDER'} (a folder above both)${folder === undefined ? '' : `, which ${ROOT_MARKER} marks as the project`}, or --allow-extends-outside`;
}

/** Standard input, checked as a file is: size, then encoding. */
function stdinText(bytes: Uint8Array): ReadOutcome {
  if (bytes.length > MAX_FILE_BYTES) return tooLarge(STDIN_SHOWN, bytes.length);
  return decodeScenarioBytes(bytes, STDIN_SHOWN);
}

function extendsDiagnostic(
  source: SourceFile,
  draft: { code: 'EXTENDS_NOT_FOUND' | 'EXTENDS_CYCLE' | 'EXTENDS_TOO_DEEP' | 'EXTENDS_OUTSIDE_FOLDER' | 'NOT_A_SCENARIO'; message: string; expected: string; example?: string },
): Diagnostic {
  const loc = source.locations.get('extends');
  return spanDiagnostic(source, loc?.value, { ...draft, path: 'extends' });
}
