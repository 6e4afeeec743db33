/** The answers `peerplan init` reads and the file it makes of them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completeAnswers, defaultAnswers, parseNumber, parsePercentAnswer, parsePosts, parseSalary } from '../../../src/init/questions.js';
import { scenarioYaml, yamlSection } from '../../../src/init/template.js';
import { loadScenario } from '../../../src/read/load-scenario.js';
import { loadReference } from '../../../src/reference/load.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const ref = loadReference('afc-2025-26');
const baseline = readFileSync(join(ROOT, 'scenarios', 'baseline.yaml'), 'utf8');

describe('reading answers', () => {
  it('percentages as a scenario file reads them: 14% or 0.14, and 14 refused with a suggestion', () => {
    expect(parsePercentAnswer('14%', 'turnover.annual_leaver_rate')).toEqual({ ok: true, value: 0.14 });
    expect(parsePercentAnswer(' 0.14 ', 'turnover.annual_leaver_rate')).toEqual({ ok: true, value: 0.14 });
    expect(parsePercentAnswer('0', 'turnover.annual_leaver_rate')).toEqual({ ok: true, value: 0 });
    const bare = parsePercentAnswer('14', 'turnover.annual_leaver_rate');
    expect(bare).toEqual({ ok: false, message: expect.stringContaining('did you mean 14%?') });
    expect(parsePercentAnswer('14 percent', 'turnover.annual_leaver_rate')).toEqual({ ok: false, message: expect.stringContaining('did you mean 14%?') });
    expect(parsePercentAnswer('150%', 'turnover.annual_leaver_rate')).toEqual({ ok: false, message: expect.stringContaining('above the 100% maximum') });
    expect(parsePercentAnswer('lots', 'turnover.annual_leaver_rate')).toEqual({ ok: false, message: expect.stringContaining('not a percentage') });
  });

  it('numbers, posts and salaries', () => {
    expect(parseNumber('2.5')).toEqual({ ok: true, value: 2.5 });
    expect(parseNumber('£24,000')).toEqual({ ok: true, value: 24000 });
    expect(parseNumber('six').ok).toBe(false);
    expect(parseNumber('').ok).toBe(false);
    expect(parsePosts('0')).toEqual({ ok: false, message: expect.stringContaining('more than 0') });
    expect(parsePosts('-2').ok).toBe(false);
    expect(parseSalary('  ')).toEqual({ ok: true, value: null });
    expect(parseSalary('23500')).toEqual({ ok: true, value: 23500 });
  });

  it('organisation types set the pension and contract defaults from the reference data', () => {
    expect(defaultAnswers('nhs', ref)).toMatchObject({ pension: 'local', contract: 'permanent' });
    expect(defaultAnswers('vcse', ref)).toMatchObject({ pension: ref.on_costs.pension_auto_enrolment_minimum.value, contract: 'fixed_term', termMonths: 12, renewal: 0.6 });
    expect(defaultAnswers('other', ref)).toMatchObject({ pension: 0.03, contract: 'permanent' });
    expect(completeAnswers({ org: 'vcse', posts: 4 }, ref)).toMatchObject({ org: 'vcse', posts: 4, pension: 0.03 });
  });
});

describe('the file init writes', () => {
  const render = (answers: ReturnType<typeof completeAnswers>): string =>
    scenarioYaml({ answers, reference: ref, schemaPath: 'schemas/scenario.schema.json', benefits: yamlSection(baseline, 'benefits'), benefitsFrom: 'scenarios/baseline.yaml' });

  it('takes a top-level section of YAML as written, comments and all', () => {
    const section = yamlSection(baseline, 'benefits');
    expect(section.startsWith('benefits:\n  # Re-based on the evidence library')).toBe(true);
    expect(section.endsWith("source: The 20% share and 50% deadweight are assumptions of this scenario; the CPFT SROI values the peer workers' own employment, not this share")).toBe(true);
    expect(yamlSection(baseline, 'nothing')).toBe('');
  });

  it('marks the answers that differ from the default offered, and quotes names YAML would misread', async () => {
    const answers = { ...completeAnswers({ org: 'nhs' }, ref), turnover: 0.25, name: 'Option: "B" # second', supervisor: 'clinical' as const };
    const text = render(answers);
    expect(text).toContain('annual_leaver_rate: 25%      # your answer (default 14%); NHS-wide 10.1%');
    expect(text).toContain('lived_experience: false    # your answer (default true); a clinical supervisor');
    expect(text).toContain('caseload_per_wte: 12         # reference workforce.caseload_per_wte');
    const { loaded, diagnostics } = await loadScenario('x.yaml', { text });
    expect(diagnostics).toEqual([]);
    expect(loaded!.scenario.name).toBe('Option: "B" # second');
    expect(loaded!.scenario.turnover.annual_leaver_rate).toBe(0.25);
  });

  it('is byte-identical for the same answers', () => {
    const a = completeAnswers({ org: 'vcse', posts: 3.5 }, ref);
    expect(render(a)).toBe(render({ ...a }));
  });
});
