/**
 * Schema validation with the validator precompiled at build time
 * (dist/generated/scenario-validator.{js,cjs}, from src/build/compile-validators.ts and
 * src/build/bundle.ts), and the
 * mapping of ajv's errors to friendly diagnostics: one per problem value, at its
 * line:column, with what was expected, an example and a did-you-mean.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ErrorObject } from 'ajv';
import { fromRoot, LAYOUT, notBuiltError } from '../paths.js';
import { didYouMean } from '../source/did-you-mean.js';
import type { Diagnostic } from '../source/diagnostics.js';
import { kindOf, percentProblem, truncate } from './percent.js';
import { SchemaInfo, type JsonSchema } from './schema-info.js';
import {
  ancestors,
  childPath,
  formatPath,
  getAt,
  spanDiagnostic,
  spanFor,
  type DiagnosticDraft,
  type PathSegment,
  type SourceFile,
} from '../source/positions.js';

export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export interface GeneratedValidator {
  validate: CompiledValidator;
  schema: JsonSchema;
  info: SchemaInfo;
}

const cache = new Map<string, Promise<GeneratedValidator>>();

/**
 * Loads the precompiled validator for `schemas/<name>.schema.json` (once per process),
 * chosen by how this code runs (LAYOUT), never by file times:
 * - the bundled CLI requires dist/generated/<name>-validator.cjs, the CommonJS bundle
 *   the build makes of it with ajv's runtime helpers (a bundle cannot import() an ES
 *   module, and an installed package ships only the .cjs);
 * - source and compiled code import the ES module dist/generated/<name>-validator.js.
 * A missing file is a missing build output: one line naming `npm run build`.
 */
export function loadGeneratedValidator(name = 'scenario'): Promise<GeneratedValidator> {
  let pending = cache.get(name);
  if (!pending) {
    const relative = `dist/generated/${name}-validator.${LAYOUT === 'bundled' ? 'cjs' : 'js'}`;
    const file = fromRoot(relative);
    pending = loadModule(file).then(
      (m) => ({ validate: m.validate, schema: m.schema, info: new SchemaInfo(m.schema) }),
      (err: unknown) => {
        cache.delete(name);
        if (existsSync(file)) throw err;
        throw notBuiltError(relative);
      },
    );
    cache.set(name, pending);
  }
  return pending;
}

async function loadModule(file: string): Promise<{ validate: CompiledValidator; schema: JsonSchema }> {
  if (LAYOUT === 'bundled') return createRequire(fromRoot('package.json'))(file) as { validate: CompiledValidator; schema: JsonSchema };
  return (await import(pathToFileURL(file).href)) as { validate: CompiledValidator; schema: JsonSchema };
}

/** Returns a copy of the data without null-valued mapping entries (an empty field means "use the default"). */
export function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (typeof value === 'object' && value !== null) {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = stripNulls(v);
    return out;
  }
  return value;
}

export interface SchemaCheck {
  diagnostics: Diagnostic[];
  /** Paths whose value broke the schema: later stages use the default instead and skip rules on them. */
  bad: Set<string>;
}

/** Validates one file's data (nulls already stripped) and maps every ajv error to a diagnostic. */
export function checkSchema(source: SourceFile, data: unknown, gv: GeneratedValidator): SchemaCheck {
  const diagnostics: Diagnostic[] = [];
  const bad = new Set<string>();
  if (gv.validate(data)) return { diagnostics, bad };
  const info = gv.info;
  const isFlagged = (path: string): boolean => source.flagged.size > 0 && (source.flagged.has(path) || ancestors(path).some((a) => source.flagged.has(a)));
  const emit = (draft: DiagnosticDraft): void => {
    diagnostics.push(spanDiagnostic(source, spanFor(source, draft.path, draft.at).span, draft));
  };

  const groups = new Map<string, { segments: PathSegment[]; errors: ErrorObject[] }>();
  for (const error of gv.validate.errors ?? []) {
    const segments = toSegments(error.instancePath, data);
    const path = formatPath(segments);
    if (error.keyword === 'additionalProperties') {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      emit(unknownField(info, segments, key));
      continue;
    }
    if (error.keyword === 'required') {
      const key = String((error.params as { missingProperty: string }).missingProperty);
      if (!isFlagged(childPath(path, key))) emit(missingField(info, source, segments, key));
      continue;
    }
    const group = groups.get(path) ?? { segments, errors: [] };
    group.errors.push(error);
    groups.set(path, group);
  }

  for (const [path, { segments, errors }] of groups) {
    bad.add(path);
    if (isFlagged(path)) continue;
    const draft = valueProblem(info, segments, getAt(data, segments), errors);
    if (draft) emit(draft);
  }
  return { diagnostics, bad };
}

/** `/benefits/0/quantity` → `['benefits', 0, 'quantity']` (an index only where the data has a list). */
function toSegments(instancePath: string, data: unknown): PathSegment[] {
  const out: PathSegment[] = [];
  let cur = data;
  for (const raw of instancePath.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      const i = Number(key);
      out.push(i);
      cur = cur[i];
    } else {
      out.push(key);
      cur = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[key] : undefined;
    }
  }
  return out;
}

const where = (segments: readonly PathSegment[]): string => (segments.length ? ` in ${formatPath(segments)}` : '');

/**
 * Fields earlier peerplan versions had, now replaced by fields with a different meaning.
 * They are errors, not silent renames: carrying the old value over would change results.
 */
const REPLACED_FIELDS: Record<string, { by: string; why: string; example: string }> = {
  'training.induction_cost_per_starter': {
    by: 'training.induction_course_cost_per_starter',
    why:
      "it held £3,485, HEE's training grant, which is about 7 weeks of the trainee's salary already on the payroll, so induction was counted twice; the new field is the course fee and materials only (docs/SCENARIO.md, migration)",
    example: 'training:\n  induction_course_cost_per_starter: 1000',
  },
  'burnout.weights': {
    by: 'burnout.odds_ratios',
    why: 'burnout is now the expected share of the team burnt out, each driver an odds ratio on the NHS Staff Survey baseline, not a weighted 0-100 index (docs/SCENARIO.md, migration)',
    example: 'burnout:\n  odds_ratios: { supervision: 2.0, caseload: 1.8 }',
  },
};

function unknownField(info: SchemaInfo, segments: PathSegment[], key: string): DiagnosticDraft {
  const known = info.knownKeys(segments);
  const path = childPath(formatPath(segments), key);
  // Object.hasOwn: a key named like a prototype member (toString) is just an unknown key (issue #24, N3).
  const replaced = Object.hasOwn(REPLACED_FIELDS, path) ? REPLACED_FIELDS[path] : undefined;
  if (replaced) {
    return {
      code: 'FIELD_REPLACED',
      path,
      at: 'key',
      message: `${path} was replaced by ${replaced.by}: ${replaced.why}`,
      expected: replaced.by,
      example: replaced.example,
      did_you_mean: replaced.by.split('.').pop(),
    };
  }
  let suggestion = didYouMean(key, known);
  let hint = '';
  const example = suggestion !== undefined ? info.example([...segments, suggestion]) : undefined;
  if (suggestion === undefined) {
    const elsewhere = info.whereElse(key).filter((p) => p !== path);
    if (elsewhere.length > 0) {
      suggestion = elsewhere[0];
      const parent = suggestion!.replace(/\.?[^.]+$/, '');
      hint = parent ? `; ${key} belongs under ${parent}` : `; ${key} belongs at the top level`;
    }
  }
  return {
    code: 'UNKNOWN_FIELD',
    path,
    at: 'key',
    message: `unknown field "${truncate(key)}"${where(segments)}${hint}`,
    expected: known.length ? `one of the fields of ${segments.length ? formatPath(segments) : 'a scenario'}: ${known.join(', ')}` : 'no other fields here',
    example,
    did_you_mean: suggestion,
  };
}

function missingField(info: SchemaInfo, source: SourceFile, segments: PathSegment[], key: string): DiagnosticDraft {
  const path = childPath(formatPath(segments), key);
  const empty = source.locations.has(path);
  const node = info.at([...segments, key]);
  const isVersion = segments.length === 0 && key === 'peerplan';
  return {
    code: 'MISSING_FIELD',
    path,
    at: 'key',
    message: isVersion
      ? 'the format version is missing: a scenario file starts with `peerplan: 1`'
      : empty
        ? `${path} is empty, but it is required`
        : `${formatPath(segments) || 'the scenario'} is missing the required field ${key}`,
    expected: isVersion ? 'peerplan: 1' : info.expected(node),
    example: info.example([...segments, key], node),
  };
}

const TYPE_NOUN: Record<string, string> = {
  number: 'a number',
  integer: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'a mapping of fields',
  array: 'a list',
  null: 'empty',
};

function typeNoun(type: unknown): string {
  const types = String(type).split(',').filter((t) => t !== 'null');
  return types.map((t) => TYPE_NOUN[t] ?? t).join(' or ');
}

/** One diagnostic for everything wrong with one value. */
function valueProblem(info: SchemaInfo, segments: PathSegment[], value: unknown, errors: ErrorObject[]): DiagnosticDraft | undefined {
  const path = formatPath(segments);
  const node = info.at(segments);
  const field = lastKey(segments);
  const expected = info.expected(node);
  const example = info.example(segments, node);
  const base = { path, expected, example };

  const percent = info.percentKind(node);
  if (percent === 'pension' && typeof value === 'string' && !/[0-9]/.test(value)) {
    return {
      ...base,
      code: 'INVALID_VALUE',
      message: `${path} is ${kindOf(value)}, not a pension perspective or a percentage`,
      did_you_mean: didYouMean(value, ['local', 'whole_system']),
    };
  }
  if (percent) {
    const problem = percentProblem(value, path, field, percent === 'percent_up_to_200' ? 2 : 1);
    return problem ? { ...base, ...problem, path } : { ...base, code: 'INVALID_PERCENT', message: `${path} is ${kindOf(value)}, not a percentage`, example: `${field}: 14%` };
  }

  const by = (keyword: string): ErrorObject | undefined => errors.find((e) => e.keyword === keyword);
  if (by('anyOf')) return anyOfProblem(base, info.resolve(node), value);

  if (by('const')) {
    if (path === 'peerplan') {
      return {
        ...base,
        code: 'UNSUPPORTED_VERSION',
        message: `peerplan is ${kindOf(value)}, but this version of peerplan reads scenario format 1 only`,
        expected: 'peerplan: 1',
        example: 'peerplan: 1',
      };
    }
    return { ...base, code: 'INVALID_VALUE', message: `${path} is ${kindOf(value)}, not the allowed value` };
  }
  const typeError = by('type');
  if (typeError) {
    const wanted = typeNoun((typeError.params as { type: unknown }).type);
    return {
      ...base,
      code: 'WRONG_TYPE',
      message: `${path} is ${kindOf(value)}, but must be ${Array.isArray(node?.enum) ? expected : wanted}`,
      did_you_mean: typeSuggestion(value, wanted, node),
    };
  }
  if (by('enum')) {
    const allowed = [...new Set((node?.enum ?? info.resolve(node)?.enum ?? []).map(String))];
    return {
      ...base,
      code: 'INVALID_VALUE',
      message: `${path} is ${kindOf(value)}, which is not one of the allowed values`,
      did_you_mean: didYouMean(String(value), allowed),
    };
  }
  const range = errors.find((e) => ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].includes(e.keyword));
  if (range) {
    const limit = (range.params as { limit: number }).limit;
    const phrase =
      range.keyword === 'minimum'
        ? limit === 0
          ? 'cannot be negative'
          : `must be at least ${limit}`
        : range.keyword === 'maximum'
          ? `must be at most ${limit}`
          : range.keyword === 'exclusiveMinimum'
            ? `must be more than ${limit}`
            : `must be less than ${limit}`;
    return { ...base, code: 'OUT_OF_RANGE', message: `${path} is ${kindOf(value)}, but ${phrase}` };
  }
  if (by('pattern')) {
    return {
      ...base,
      code: 'INVALID_FORMAT',
      message: `${path} is ${kindOf(value)}, not ${expected}`,
      did_you_mean: SchemaInfo.refName(node) === 'month' ? monthSuggestion(String(value)) : undefined,
    };
  }
  if (by('minLength')) return { ...base, code: 'MISSING_FIELD', at: 'key', message: `${path} is empty, but it needs some text` };
  const length = by('maxLength') ?? by('maxItems');
  if (length) {
    const limit = (length.params as { limit: number }).limit;
    return {
      ...base,
      code: 'OUT_OF_RANGE',
      message: length.keyword === 'maxItems' ? `${path} has more than ${limit} items` : `${path} is longer than ${limit} characters`,
    };
  }
  const first = errors[0];
  return { ...base, code: 'SCHEMA_VIOLATION', message: `${path} ${first?.message ?? 'is not valid'}` };
}

/** A value that matches none of a field's alternatives (pay_point). */
function anyOfProblem(base: { path: string; expected: string; example: string | undefined }, node: JsonSchema | undefined, value: unknown): DiagnosticDraft {
  const { path } = base;
  const branches = node?.anyOf ?? [];
  const enums = branches.flatMap((b) => (Array.isArray(b.enum) ? b.enum.map(String) : []));
  if (typeof value === 'string') {
    return { ...base, code: 'INVALID_VALUE', message: `${path} is ${kindOf(value)}, which is not one of the allowed values`, did_you_mean: didYouMean(value, enums) };
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { ...base, code: 'WRONG_TYPE', message: `${path} is ${value}, but an index must be a whole number` };
    return { ...base, code: 'OUT_OF_RANGE', message: `${path} is ${value}, outside the allowed range` };
  }
  return { ...base, code: 'WRONG_TYPE', message: `${path} is ${kindOf(value)}, but must be ${base.expected}` };
}

function typeSuggestion(value: unknown, wanted: string, node: JsonSchema | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/number/.test(wanted) && /^-?[0-9]+(\.[0-9]+)?$/.test(text.replace(/,/g, '').replace(/^£/, ''))) {
    return text.replace(/,/g, '').replace(/^£/, '');
  }
  if (wanted === 'true or false') {
    if (/^(yes|y|on|true)$/i.test(text)) return 'true';
    if (/^(no|n|off|false)$/i.test(text)) return 'false';
  }
  if (Array.isArray(node?.enum)) return didYouMean(text, [...new Set(node.enum.map(String))]);
  return undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A YYYY-MM reading of a month written another way ("2026-4", "04/2026", "April 2026"). */
export function monthSuggestion(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  const pad = (m: number): string => String(m).padStart(2, '0');
  let m = /^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${pad(Number(m[2]))}`;
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return `${m[2]}-${pad(Number(m[1]))}`;
  m = /^([a-z]+)\.?\s+(\d{4})$/.exec(t);
  if (m) {
    const i = MONTHS.indexOf(m[1]!.slice(0, 3));
    if (i >= 0) return `${m[2]}-${pad(i + 1)}`;
  }
  return undefined;
}

function lastKey(segments: readonly PathSegment[]): string {
  for (let i = segments.length - 1; i >= 0; i--) if (typeof segments[i] === 'string') return segments[i] as string;
  return 'value';
}
