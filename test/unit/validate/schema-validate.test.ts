import { describe, expect, it } from 'vitest';
import { parseScenarioYaml, toSourceFile } from '../../../src/read/parse-yaml.js';
import { SchemaInfo, yamlInline } from '../../../src/validate/schema-info.js';
import { checkSchema, loadGeneratedValidator, monthSuggestion, stripNulls, type GeneratedValidator } from '../../../src/validate/schema-validate.js';

const source = (text: string) => toSourceFile('x.yaml', '/x.yaml', text, parseScenarioYaml(text, 'x.yaml'));

describe('checkSchema', () => {
  it('maps ajv errors to one diagnostic per problem value', async () => {
    const gv = await loadGeneratedValidator();
    const s = source('peerplan: 1\nworkforce:\n  band: true\n  pay_point: -1\n  contract: { type: 5 }\n');
    const { diagnostics, bad } = checkSchema(s, stripNulls(s.data), gv);
    expect(diagnostics.map((d) => [d.code, d.path, d.line, d.column])).toEqual([
      ['WRONG_TYPE', 'workforce.band', 3, 9],
      ['OUT_OF_RANGE', 'workforce.pay_point', 4, 14],
      ['WRONG_TYPE', 'workforce.contract.type', 5, 21],
    ]);
    expect([...bad].sort()).toEqual(['workforce.band', 'workforce.contract.type', 'workforce.pay_point']);
  });

  it('suggests where a misplaced field belongs', async () => {
    const gv = await loadGeneratedValidator();
    const s = source('peerplan: 1\nmonths_to_fill: 3\n');
    const [d] = checkSchema(s, stripNulls(s.data), gv).diagnostics;
    expect(d).toMatchObject({ code: 'UNKNOWN_FIELD', did_you_mean: 'turnover.months_to_fill' });
    expect(d!.message).toContain('belongs under turnover');
  });

  it('falls back to SCHEMA_VIOLATION for a keyword it has no words for', async () => {
    const real = await loadGeneratedValidator();
    const validate = Object.assign(() => false, {
      errors: [{ instancePath: '/name', schemaPath: '#/properties/name/x', keyword: 'multipleOf', params: {}, message: 'must be a multiple of 2' }],
    });
    const gv: GeneratedValidator = { ...real, validate };
    const s = source('peerplan: 1\nname: odd\n');
    expect(checkSchema(s, s.data, gv).diagnostics.map((d) => [d.code, d.message, d.line])).toEqual([['SCHEMA_VIOLATION', 'name must be a multiple of 2', 2]]);
  });
});

describe('helpers', () => {
  it.each([
    ['2026-4', '2026-04'],
    ['2026/04', '2026-04'],
    ['04/2026', '2026-04'],
    ['April 2026', '2026-04'],
    ['sept 2027', '2027-09'],
    ['2026-04-01', '2026-04'],
    ['2026-13', undefined],
    ['soon', undefined],
  ])('month %s → %s', (input, want) => {
    expect(monthSuggestion(input)).toBe(want);
  });

  it('yamlInline writes flow YAML', () => {
    expect(yamlInline({ start: '2026-04', years: 5 })).toBe('{ start: 2026-04, years: 5 }');
    expect(yamlInline(['a b', 'yes', 'x: y', 'a, b'])).toBe('[a b, "yes", "x: y", "a, b"]');
    expect(yamlInline('Band 4 permanent, lived-experience supervision')).toBe('Band 4 permanent, lived-experience supervision');
  });

  it('SchemaInfo finds fields, alternatives and percentages', async () => {
    const { info } = await loadGeneratedValidator();
    expect(info.knownKeys(['workforce', 'contract'])).toEqual(['type', 'term_months', 'renewal_probability']);
    expect(info.knownKeys(['benefits', 0])).toContain('cashable');
    expect(info.percentKind(info.at(['finance', 'pension']))).toBe('pension');
    expect(info.percentKind(info.at(['finance', 'optimism_bias']))).toBe('percent_up_to_200');
    expect(info.percentKind(info.at(['workforce', 'contract', 'renewal_probability']))).toBe('percent');
    expect(info.percentKind(info.at(['workforce', 'funded_wte']))).toBeUndefined();
    expect(info.expected(info.at(['horizon', 'years']))).toBe('a whole number from 1 to 30 (years)');
    expect(info.example(['benefits', 0, 'lag_months'])).toBe('lag_months: 3');
    expect(SchemaInfo.refName({ $ref: '#/$defs/month' })).toBe('month');
  });
});
