import { describe, expect, it } from 'vitest';
import { benefitStreamsDiffer, benefitStreamsWarning, compareRow } from '../../../src/compare/compare.js';
import { project } from '../../../src/engine/project.js';
import { baseScenario, reference } from '../../engine/fixtures.js';

describe('options that value different benefit streams (issue #12)', () => {
  const ref = reference();
  const a = baseScenario();
  const b = { ...baseScenario(), name: 'Costs only', benefits: [] };
  const items = [a, b].map((s) => ({ name: s.name, scenario: s, result: project(s, ref) }));

  it('are named with their streams in a warning', () => {
    const differ = benefitStreamsDiffer(items);
    expect(differ).not.toBeNull();
    const text = benefitStreamsWarning(differ!).join('\n');
    expect(text).toContain('not like for like');
    expect(text).toContain('Costs only: no benefits valued');
    expect(benefitStreamsDiffer([items[0]!, items[0]!])).toBeNull();
  });

  it('a BCR with no benefits valued is neither compared nor ranked', () => {
    const row = compareRow(items, 'bcr', 0);
    expect(row.deltas[1]).toBeNull();
    expect(row.ranks[1]).toBeNull();
  });
});
