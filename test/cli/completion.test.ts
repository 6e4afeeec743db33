/**
 * `peerplan completion`: the bash script completes commands, options and option values
 * (run in a real bash); the zsh and fish scripts parse in their shells where installed.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.js';

function has(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}

/** What the bash script offers for the words typed so far (the last one is being completed). */
function bashComplete(script: string, words: string[], cwd: string): string[] {
  const file = join(cwd, 'peerplan.bash');
  writeFileSync(file, script);
  const array = words.map((w) => `'${w}'`).join(' ');
  const r = spawnSync('bash', ['-c', `source ${file}; COMP_WORDS=(${array}); COMP_CWORD=${words.length - 1}; _peerplan; printf '%s\\n' "\${COMPREPLY[@]}"`], { cwd, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter((l) => l !== '').sort();
}

describe('completion', () => {
  it('bash: completes commands, a command\'s options, choices of an option, and scenario files', async () => {
    const r = await runCli(['completion', 'bash']);
    expect(r.status).toBe(0);
    const dir = tempDir();
    writeFileSync(join(dir, 'option-a.yaml'), 'name: a\n');
    expect(bashComplete(r.stdout, ['peerplan', 'co'], dir)).toEqual(['compare', 'completion']);
    expect(bashComplete(r.stdout, ['peerplan', 'run', '--fo'], dir)).toEqual(['--format']);
    expect(bashComplete(r.stdout, ['peerplan', 'compare', '--format', 'x'], dir)).toEqual(['xlsx']);
    expect(bashComplete(r.stdout, ['peerplan', 'run', 'opt'], dir)).toEqual(['option-a.yaml']);
    expect(bashComplete(r.stdout, ['peerplan', 'run', '--years', ''], dir)).toEqual([]);
    expect(bashComplete(r.stdout, ['peerplan', '--quiet', 'sens'], dir)).toEqual(['sensitivity']);
  });

  it.for(['zsh', 'fish'])('%s: the script parses, and names every command', async (shell, ctx) => {
    const r = await runCli(['completion', shell]);
    expect(r.status).toBe(0);
    for (const command of ['run', 'compare', 'report', 'batch', 'completion']) expect(r.stdout).toContain(command);
    if (!has(shell)) ctx.skip();
    const file = join(tempDir(), `peerplan.${shell}`);
    writeFileSync(file, r.stdout);
    const check = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('refuses an unknown shell with a usage error naming the choices', async () => {
    const r = await runCli(['completion', 'powershell']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bash, zsh, fish');
  });
});
