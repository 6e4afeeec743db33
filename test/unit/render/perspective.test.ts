// The perspective sentence every report prints (CHEERS 2022 item 8): whose costs, whose benefits,
// and how much of the benefit releases cash.
import { describe, expect, it } from 'vitest';
import { perspectiveSentence } from '../../../src/render/appraisal-basis.js';

describe('perspective sentence', () => {
  it("states the employer's costs, the wider benefits and the three views beside the headline, with the cash-releasing share", () => {
    // The baseline: £112,367.72 cashable of £1,111,802.66 (PV) = 10.1%.
    const s = perspectiveSentence([{ total_benefit_discounted: 1_111_802.66, cashable_benefit_discounted: 112_367.72 }])!;
    expect(s).toMatch(/^Perspective: costs are the employer's cost of the team;/);
    expect(s).toContain('transfers such as a DWP benefit saving included');
    expect(s).toContain('the social view (Green Book: transfers excluded)');
    expect(s).toContain("the commissioner's (cash-releasing NHS provider and ICB savings against the cash out)");
    expect(s).toContain("the Exchequer's (transfers and cash-releasing savings to public bodies): 10% of the benefit (PV) releases cash");
  });

  it('gives a range across options, and nothing when no option values a benefit', () => {
    const s = perspectiveSentence([
      { total_benefit_discounted: 100, cashable_benefit_discounted: 10 },
      { total_benefit_discounted: 100, cashable_benefit_discounted: 25 },
    ]);
    expect(s).toContain('10% to 25% of the benefit (PV) releases cash');
    expect(perspectiveSentence([{ total_benefit_discounted: 0, cashable_benefit_discounted: 0 }])).toBeNull();
  });
});
