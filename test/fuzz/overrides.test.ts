/**
 * Property fuzzer (issue #18, D7): random overrides that the scenario schema accepts,
 * applied with `--set` to the bundled scenarios, must give a JSON result that validates
 * against schemas/result.schema.json, or a clean refusal (exit 1 or 2), and never an
 * internal error (exit 70). Runs the real command in-process (main() with captured
 * streams), a few hundred seeded cases in `npm test`; `npm run fuzz` runs many more.
 *
 *   FUZZ_RUNS=5000 FUZZ_SEED=7 npx vitest run test/fuzz
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Ajv2020Module from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { SchemaInfo, type JsonSchema } from '../../src/validate/schema-info.js';

const ROOT = join(import.meta.dirname, '..', '..');
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 18);

const Ajv2020 = Ajv2020Module.default;
const resultSchema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'result.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addVocabulary(['x-unit']);
const validateDocument = ajv.compile(resultSchema);

const scenarioSchema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'scenario.schema.json'), 'utf8')) as JsonSchema;
const info = new SchemaInfo(scenarioSchema);

const SCENARIOS = ['scenarios/baseline.yaml', 'scenarios/band3-fixed-term.yaml', 'scenarios/band4-permanent.yaml', 'scenarios/scale-up.yaml', 'scenarios/vcse-grant-funded.yaml'];

/** Text for YAML: numbers as JS writes them (1e-7, 5e-324), which YAML reads back exactly. */
const num = (n: number): string => String(n);

/** Values the schema accepts for one node: its bounds, just inside them, tiny and huge, and ordinary ones. */
function valueArb(node: JsonSchema): fc.Arbitrary<string> | undefined {
  const n = info.resolve(node);
  if (!n) return undefined;
  const kind = info.percentKind(node);
  if (kind !== undefined) {
    const max = kind === 'percent_up_to_200' ? 2 : 1;
    const asText = fc.oneof(fc.integer({ min: 0, max: max * 100 }).map((p) => `${p}%`), fc.constantFrom('0%', '0.0001%', `${max * 100}%`, '99.99%'));
    const asFraction = fc.oneof(fc.constantFrom(0, 5e-324, 1e-9, 0.5, 1).map(num), fc.double({ min: 0, max: 1, noNaN: true }).map(num));
    const branches = [asText, asFraction];
    if (kind === 'pension') branches.push(fc.constantFrom('local', 'whole_system'));
    return fc.oneof(...branches);
  }
  if (n.anyOf) {
    const arbs = n.anyOf.map((b) => valueArb(b)).filter((a): a is fc.Arbitrary<string> => a !== undefined);
    return arbs.length > 0 ? fc.oneof(...arbs) : undefined;
  }
  if (n.enum) return fc.constantFrom(...n.enum.map((v) => String(v)));
  const types = Array.isArray(n.type) ? n.type : [n.type];
  if (n.pattern !== undefined && types.includes('string')) {
    // Months: the schema's own range, ends included.
    return fc.oneof(
      fc.record({ y: fc.integer({ min: 2000, max: 2100 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`),
      fc.constantFrom('2000-01', '2100-12', '2026-04'),
    );
  }
  if (types.includes('number') || types.includes('integer')) {
    const lo = n.minimum ?? (n.exclusiveMinimum !== undefined ? n.exclusiveMinimum : -1e9);
    const hi = n.maximum ?? 1e9;
    const open = n.exclusiveMinimum !== undefined;
    if (types.includes('integer') && !types.includes('number')) {
      return fc.oneof(fc.constantFrom(Math.ceil(lo + (open ? 1 : 0)), Math.floor(hi)), fc.integer({ min: Math.ceil(lo + (open ? 1 : 0)), max: Math.floor(hi) })).map(num);
    }
    const edges = [lo, hi, lo + 1e-9, (lo + hi) / 2].filter((x) => x >= lo && x <= hi && !(open && x === lo));
    if (open && lo === 0) edges.push(5e-324, 1e-300);
    return fc.oneof(fc.constantFrom(...edges), fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }).filter((x) => !(open && x <= lo) && !Object.is(x, -0))).map(num);
  }
  if (types.includes('boolean')) return fc.constantFrom('true', 'false');
  if (types.includes('string')) return fc.constantFrom('Fuzzed option', 'x');
  return undefined;
}

/** Every settable leaf path of the schema; list items at index 0 to 2. */
function leafPaths(): Array<{ path: string; node: JsonSchema }> {
  const out: Array<{ path: string; node: JsonSchema }> = [];
  const walk = (node: JsonSchema | undefined, path: string, depth: number): void => {
    const n = info.resolve(node);
    if (!n || depth > 4) return;
    const structural = n.properties || n.items ? n : n.anyOf?.map((b) => info.resolve(b)).find((b) => b?.properties || b?.items);
    if (structural?.properties) {
      for (const [k, child] of Object.entries(structural.properties)) {
        if (path === '' && ['peerplan', 'extends', 'reference', 'name', 'description'].includes(k)) continue;
        walk(child, path ? `${path}.${k}` : k, depth + 1);
      }
      return;
    }
    if (structural?.items) {
      for (const i of [0, 1]) walk(structural.items, `${path}[${i}]`, depth + 1);
      return;
    }
    out.push({ path, node: node! });
  };
  walk(scenarioSchema, '', 0);
  return out;
}

const LEAVES = leafPaths();
const overrideArb = fc
  .constantFrom(...LEAVES)
  .chain(({ path, node }) => (valueArb(node) ?? fc.constant('1')).map((value) => `${path}=${value}`));

const caseArb = fc.record({
  file: fc.constantFrom(...SCENARIOS),
  sets: fc.array(overrideArb, { minLength: 1, maxLength: 8 }),
  years: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
});

/** Keys named like Object.prototype members (issue #24, N3): each an ordinary unknown key. */
const PROTOTYPE_KEYS = ['toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', '__lookupSetter__', 'toLocaleString', 'constructor', 'propertyIsEnumerable', '__proto__'];
/** Names that try terminal escapes, bidi overrides, HTML, links and spreadsheet formulas (issue #24, N9). */
const HOSTILE_NAMES = [
  '\\e]0;pwned\\a\\e[31mRed',
  'A\\u202eevil\\u2066x',
  'NUL\\0here\\x85C1',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '=HYPERLINK("http://x","y")',
  '@SUM(1)\\tTAB\\rCR',
];
/** Where a prototype-named key goes: the top level, or inside one of these mappings. */
const MAPPINGS = ['', 'workforce', 'turnover', 'finance', 'burnout'];
const COMMANDS: string[][] = [
  ['validate'],
  ['run', '--format', 'json'],
  ['run', '--format', 'csv'],
  ['run', '--format', 'markdown'],
  ['run', '--format', 'table'],
  ['compare', 'scenarios/baseline.yaml', '--format', 'markdown'],
  ['explain', '--metric', 'npv'],
  ['simulate', '--draws', '5', '--format', 'markdown'],
];

const hostileArb = fc.record({
  file: fc.constantFrom(...SCENARIOS),
  key: fc.option(fc.constantFrom(...PROTOTYPE_KEYS), { nil: undefined }),
  where: fc.constantFrom(...MAPPINGS),
  name: fc.option(fc.constantFrom(...HOSTILE_NAMES), { nil: undefined }),
  command: fc.constantFrom(...COMMANDS),
  // An --out name where someone planted a link to a FIFO (never followed: exit 3, at once).
  fifoLink: fc.boolean(),
});

const HAS_MKFIFO = spawnSync('mkfifo', ['--help']).status === 0;

async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (s: string) => ((stdout += s), true), isTTY: false },
    stderr: { write: (s: string) => ((stderr += s), true), isTTY: false },
    env: { NO_COLOR: '1' },
    cwd: ROOT,
  };
  const code = await main(['node', 'peerplan', ...args], io);
  return { code, stdout, stderr };
}

describe(`--set fuzzer (${RUNS} cases, seed ${SEED})`, () => {
  it('finds the settable inputs of the schema', () => {
    expect(LEAVES.length).toBeGreaterThan(40);
    for (const { path, node } of LEAVES) expect(valueArb(node), path).toBeDefined();
  });

  it('schema-valid overrides give a schema-valid result or a clean refusal, never exit 70', async () => {
    const counts = { ok: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ file, sets, years }) => {
        const args = ['run', file, '--format', 'json', '--quiet', ...sets.flatMap((s) => ['--set', s])];
        if (years !== undefined) args.push('--years', String(years));
        const { code, stdout, stderr } = await runCli(args);
        expect(code, `exit ${code}\n${stderr}`).not.toBe(70);
        expect(stderr).not.toMatch(/internal error|\n\s+at .*:\d+:\d+/);
        if (code !== 0) {
          expect([1, 2], stderr).toContain(code);
          expect(stderr.length).toBeGreaterThan(0);
          counts.refused++;
          return;
        }
        const doc = JSON.parse(stdout);
        expect(validateDocument(doc), `${args.join(' ')}\n${JSON.stringify(validateDocument.errors?.slice(0, 3), null, 1)}`).toBe(true);
        expect(stdout).not.toMatch(/NaN|Infinity/);
        counts.ok++;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // Most cases should run: a fuzzer that only meets refusals tests little.
    expect(counts.ok).toBeGreaterThan(RUNS * 0.3);
  }, 600_000);

  it('prototype-named keys, hostile names and links to FIFOs: a clean result or refusal in every command, never exit 70 or a hang', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerplan-fuzz-'));
    try {
      if (HAS_MKFIFO) spawnSync('mkfifo', [join(dir, 'fifo')]);
      symlinkSync(join(dir, 'fifo'), join(dir, 'planted.out'));
      await fc.assert(
        fc.asyncProperty(hostileArb, async ({ file, key, where, name, command, fifoLink }) => {
          let text = readFileSync(join(ROOT, file), 'utf8');
          if (name !== undefined) text = text.replace(/^name: .*$/m, `name: "${name}"`);
          if (key !== undefined) text = where === '' ? `${text}\n${key}: 1\n` : text.replace(new RegExp(`^${where}:\\n`, 'm'), `${where}:\n  ${key}: 1\n`);
          const scenario = join(dir, 'case.yaml');
          writeFileSync(scenario, text.replace(/^extends: (.*)$/m, (_, parent: string) => `extends: ${join(ROOT, 'scenarios', parent.trim())}`));
          const [verb, ...rest] = command as [string, ...string[]];
          const args = ['--allow-extends-outside', verb, scenario, ...rest];
          if (fifoLink && verb !== 'validate') args.push('--out', join(dir, 'planted.out'));
          const { code, stdout, stderr } = await runCli(args);
          expect(code, `${args.join(' ')}\nexit ${code}\n${stderr}`).not.toBe(70);
          expect(stderr).not.toMatch(/internal error|\n\s+at .*:\d+:\d+/);
          expect([0, 1, 2, 3], `${args.join(' ')}: ${stderr}`).toContain(code);
          if (fifoLink && verb !== 'validate' && code !== 1 && code !== 2) expect(code, stderr).toBe(3);
          expect(stderr).not.toMatch(/[\u001b\u0007\u202e\u2066]/);
          if (command.includes('table')) expect(stdout).not.toMatch(/[\u001b\u0007\u202e]/);
        }),
        { numRuns: Math.max(50, Math.round(RUNS / 4)), seed: SEED, endOnFailure: true },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
