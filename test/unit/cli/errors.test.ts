// The bundled CLI holds two copies of src/cli/errors.ts (src/build/bundle.ts): a
// CliError made by either must be recognised by the other.
import { describe, expect, it } from 'vitest';
import { CliError, usageError } from '../../../src/cli/errors.js';

describe('CliError', () => {
  it('is recognised by its mark, whichever copy of the class made it', () => {
    const fromOtherCopy = Object.assign(new Error('bad --years'), { [Symbol.for('peerplan.CliError')]: true, exitCode: 2 });
    expect(fromOtherCopy instanceof CliError).toBe(true);
    expect(usageError('x') instanceof CliError).toBe(true);
    expect(new Error('x') instanceof CliError).toBe(false);
    expect((null as unknown) instanceof CliError).toBe(false);
  });

  it('a subclass keeps the ordinary check', () => {
    class Special extends CliError {}
    expect(new Special('x', 1) instanceof Special).toBe(true);
    expect(usageError('x') instanceof Special).toBe(false);
    expect(new Special('x', 1) instanceof CliError).toBe(true);
  });
});
