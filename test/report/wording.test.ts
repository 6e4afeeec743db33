/**
 * Wording a board reads (issue #28, 9): no "X's (-£250,131)" possessive after a bracketed
 * name; net cash named as cash and told apart from the NPV; benefit PV above the cash
 * benefit explained; money in the sensitivity table with £.
 */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/render/html.js';
import { appraisalBasisSentence } from '../../src/render/appraisal-basis.js';
import type { ResultDocument } from '../../src/result/document.js';
import { fixtureDocument } from './fixture.js';
import { runCli } from '../cli/run-cli.js';

const doc = fixtureDocument();

describe('wording', () => {
  it("the least negative NPV is that of a name, never the name's (…)", () => {
    const negative: ResultDocument = {
      ...doc,
      scenarios: doc.scenarios.map((s, i) => ({ ...s, name: i === 0 ? 'Peer team (outer London)' : s.name, metrics: { ...s.metrics, npv: -250_131 - i * 1000 } })),
    };
    const page = renderHtml(negative);
    expect(page).not.toMatch(/\)'s \(/);
    expect(page).toContain('The least negative NPV is that of Peer team (outer London): <span class="nb">-£250,131</span>.');
  });

  it('the appraisal basis says net cash is not the NPV, and why benefit PV can exceed the cash benefit', () => {
    const sentence = appraisalBasisSentence(doc.scenarios[0]!.appraisal);
    expect(sentence).toContain('net cash (benefit − cost) is not the NPV');
    expect(sentence).toContain('benefit PV can exceed the cash benefit, which counts only the horizon');
  });

  it('the year table names net as cash', async () => {
    const r = await runCli(['run', 'scenarios/baseline.yaml']);
    expect(r.stdout).toContain('Net, cash (benefit - cost)');
    expect(r.stdout).not.toContain('│ Net (benefit - cost)');
  });

  it('the CLI sensitivity table gives money inputs with £ ("£1,000 to £6,000")', async () => {
    const r = await runCli(['sensitivity', 'scenarios/baseline.yaml', '--params', 'turnover.recruitment_cost_per_hire']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('£1,000 to £6,000');
    expect(r.stdout).not.toMatch(/\b1000 to 6000\b/);
  });
});
