/**
 * The Employment Allowance a team counts on (docs/MODEL.md §1.3): per employer, so by default
 * the team's share of the employer's pay bill. Worked by hand for the bundled VCSE provider.
 */
import { describe, expect, it } from 'vitest';
import { apportionedAllowance } from '../../../src/validate/employment-allowance.js';
import { loadScenario } from '../../../src/read/load-scenario.js';
import { ROOT } from '../../cli/run-cli.js';

const set = (path: string, text: string) => ({ path, text, expression: `${path}=${text}` });

async function vcse(...overrides: ReturnType<typeof set>[]) {
  const { loaded } = await loadScenario('scenarios/vcse-grant-funded.yaml', { cwd: ROOT, overrides });
  if (!loaded) throw new Error('the VCSE scenario did not load');
  return loaded;
}

describe('Employment Allowance, apportioned by the pay bill', () => {
  it('the £400k VCSE case: 4 WTE × £24,000 = £96,000 of a £400,000 pay bill is 24%, so £10,500 × 24% = £2,520', () => {
    expect(apportionedAllowance(10_500, 4 * 24_000, 400_000, false)).toEqual({ value: 2520, share: 0.24, teamPay: 96_000 });
  });

  it('all of it when the allowance is otherwise unused, when the team is the whole pay bill, or when there is no pay bill', () => {
    expect(apportionedAllowance(10_500, 96_000, 400_000, true).value).toBe(10_500);
    expect(apportionedAllowance(10_500, 500_000, 400_000, false).value).toBe(10_500); // a share of at most 1
    expect(apportionedAllowance(10_500, 96_000, 0, false).value).toBe(10_500);
    expect(apportionedAllowance(10_500, 0, 400_000, false).value).toBe(0); // a volunteer team has no pay to share
    // To the penny: £10,500 × 25,767.50 / 1,000,000 = £270.56 (£270.55875).
    expect(apportionedAllowance(10_500, 25_767.5, 1_000_000, false).value).toBe(270.56);
  });

  it('is the default the bundled VCSE scenario resolves, saying how it was worked out', async () => {
    const loaded = await vcse();
    expect(loaded.scenario.employer.employment_allowance_available).toBe(2520);
    expect(loaded.scenario.employer.employment_allowance_unused_elsewhere).toBe(false);
    const origin = loaded.origins['employer.employment_allowance_available'];
    expect(origin).toMatchObject({ kind: 'default' });
    expect(origin?.kind === 'default' ? origin.note : '').toContain('£96,000 of £400,000 (24.0%) = £2,520');
  });

  it('employment_allowance_unused_elsewhere: true gives the team the whole £10,500; a value written wins over both', async () => {
    expect((await vcse(set('employer.employment_allowance_unused_elsewhere', 'true'))).scenario.employer.employment_allowance_available).toBe(10_500);
    expect((await vcse(set('employer.employment_allowance_available', '4000'))).scenario.employer.employment_allowance_available).toBe(4000);
    // A larger team in the same employer takes a larger share: 8 WTE × £24,000 = £192,000, 48%, £5,040.
    expect((await vcse(set('workforce.funded_wte', '8'))).scenario.employer.employment_allowance_available).toBe(5040);
  });

  it('an employer type that cannot claim it gets none', async () => {
    expect((await vcse(set('employer.type', 'nhs_trust'))).scenario.employer.employment_allowance_available).toBe(0);
  });
});
