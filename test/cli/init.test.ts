/**
 * `peerplan init`: the real prompts driven by typed keys (in process, on an injected
 * input stream, and through a pseudo-terminal with the real binary), `--yes`, refusing
 * to overwrite, Ctrl-C, and a golden of the file `--yes` writes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadScenario } from '../../src/read/load-scenario.js';
import { expectGolden, ROOT, runCli } from './run-cli.js';

const KEY = { enter: '\r', up: '\u001b[A', down: '\u001b[B', ctrlC: '\u0003' };
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** A terminal for in-process runs: keys go in through stdin, the screen (stderr) is read back as plain text. */
class FakeTerminal {
  readonly input = Object.assign(new PassThrough(), { isTTY: true });
  private raw = '';
  private seen = 0;
  stdout = '';

  get screen(): string {
    return this.raw.replace(ANSI, '');
  }

  run(args: string[], cwd: string): Promise<number> {
    return main(['node', 'peerplan', 'init', ...args], {
      stdin: this.input,
      stdout: { write: (s: string) => (this.stdout += s) },
      stderr: { write: (s: string) => (this.raw += s), isTTY: true, columns: 100 },
      env: { NO_COLOR: '1' },
      cwd,
    });
  }

  /** Waits for `text` to appear on screen after what was already matched. */
  async waitFor(text: string, timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const at = this.screen.indexOf(text, this.seen);
      if (at >= 0) {
        this.seen = at + text.length;
        return;
      }
      if (Date.now() > until) throw new Error(`timed out waiting for "${text}"; the screen shows:\n${this.screen.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Waits for a question, then types the keys. */
  async answer(question: string, keys: string): Promise<void> {
    await this.waitFor(question);
    this.input.write(keys);
  }
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-init-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fresh = (name: string): string => {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  return d;
};

async function expectValid(cwd: string, file: string): Promise<void> {
  const r = await runCli(['validate', file], { cwd });
  expect(r.stdout).toContain(`✓ ${file}`);
  expect(r.status).toBe(0);
}

describe('peerplan init, prompts driven by typed keys', () => {
  it('asks every question for a VCSE provider, re-asks an invalid answer, and writes what was answered', async () => {
    const cwd = fresh('vcse');
    const t = new FakeTerminal();
    const run = t.run(['option.yaml'], cwd);
    await t.answer('Who employs the peer support workers?', KEY.down + KEY.enter);
    await t.answer('How many peer support posts are funded', '4' + KEY.enter);
    await t.waitFor('Band 3: £24,937–£26,598'); // the highlighted band's pay, as help
    await t.answer('', KEY.down + KEY.enter);
    await t.answer('Local salary', '24000' + KEY.enter);
    await t.answer('What contract are the posts on?', KEY.enter); // fixed term: the VCSE default
    await t.answer('How long is each fixed term', '36' + KEY.enter);
    await t.answer('What share of post holders are offered a new term', '70' + KEY.enter);
    await t.waitFor('did you mean 70%?');
    t.input.write('%' + KEY.enter);
    await t.answer('Who supervises the peer workers?', KEY.enter);
    await t.answer('peer group supervision?', KEY.enter);
    await t.answer('How many peer workers does each supervisor supervise?', '4' + KEY.enter);
    await t.answer('Hours of supervision per worker per month?', '3' + KEY.enter);
    await t.answer('Expected turnover', '0.2' + KEY.enter);
    await t.answer('Caseload', '0' + KEY.enter);
    await t.waitFor('delivery.caseload_per_wte is 0, but must be at least 1');
    t.input.write('\u0015' + '10' + KEY.enter); // Ctrl-U clears the line
    await t.answer('Employer pension contribution?', KEY.enter);
    await t.answer('When does the option start', '\u0015' + '2027-04' + KEY.enter);
    await t.answer('How many years should the projection cover?', '\u0015' + '50' + KEY.enter);
    await t.waitFor('horizon.years is 50, but must be at most 30');
    t.input.write('\u0015' + '10' + KEY.enter);
    await t.answer('A name for this option', 'Grant-funded team' + KEY.enter);
    expect(await run).toBe(0);

    expect(t.stdout).toBe('');
    expect(t.screen).toContain('✔ Who employs the peer support workers? a VCSE provider');
    expect(t.screen).toContain('Wrote option.yaml. Next:\n  peerplan validate option.yaml\n  peerplan run option.yaml\n');
    const { loaded } = await loadScenario('option.yaml', { cwd });
    expect(loaded).not.toBeNull();
    const s = loaded!.scenario;
    expect(s.name).toBe('Grant-funded team');
    expect(s.horizon).toMatchObject({ start: '2027-04', years: 10 });
    expect(t.screen).not.toContain('High Cost Area'); // a local salary: no supplement on band pay
    expect(s.workforce).toMatchObject({ funded_wte: 4, band: '4', salary: 24000, team_size: 4 });
    expect(s.workforce.contract).toEqual({ type: 'fixed_term', term_months: 36, renewal_probability: 0.7 });
    expect(s.supervision).toMatchObject({ workers_per_supervisor: 4, hours_per_worker_per_month: 3, peer_group_supervision: true });
    expect(s.supervision.supervisor.lived_experience).toBe(true);
    expect(s.turnover.annual_leaver_rate).toBe(0.2);
    expect(s.delivery.caseload_per_wte).toBe(10);
    expect(s.finance.pension).toBe(0.03);
    expect(s.benefits.map((b) => b.name)).toEqual(['Readmissions avoided (bed days)', 'Personal recovery (QALY)', 'Peer workers moving into work']);
    const text = readFileSync(join(cwd, 'option.yaml'), 'utf8');
    expect(text).toContain('renewal_probability: 70%   # your answer (default 60%)');
    expect(text).toContain('pension: 3%                  # reference on_costs.pension_auto_enrolment_minimum');
    await expectValid(cwd, 'option.yaml');
  }, 30_000);

  it('takes the NHS defaults with Enter, moves with the arrow keys, and skips questions set by options', async () => {
    const cwd = fresh('nhs');
    const t = new FakeTerminal();
    const run = t.run(['nhs.yaml', '--posts', '1'], cwd);
    await t.answer('Who employs the peer support workers?', KEY.enter);
    await t.answer('Which Agenda for Change band are the posts?', KEY.up + KEY.enter); // Band 3 → Band 2
    await t.waitFor('Are the posts in a High Cost Area');
    await t.answer('', KEY.down + KEY.down + KEY.enter); // outer London
    await t.answer('What contract are the posts on?', KEY.down + KEY.down + KEY.enter); // sessional
    await t.answer('Who supervises the peer workers?', KEY.down + KEY.enter); // clinical
    await t.answer('peer group supervision?', 'n' + KEY.enter);
    for (const q of ['How many peer workers does each supervisor', 'Hours of supervision', 'Expected turnover', 'Caseload']) await t.answer(q, KEY.enter);
    await t.answer('Whose pension cost should the costs include?', KEY.down + KEY.enter);
    await t.answer('When does the option start', KEY.enter);
    await t.answer('How many years', KEY.enter);
    await t.answer('A name for this option', KEY.enter);
    expect(await run).toBe(0);
    expect(t.screen).not.toContain('How many peer support posts');
    expect(t.screen).not.toContain('Local salary');
    // A lone peer worker without peer supervision: written (it is valid), with the warning shown.
    expect(t.screen).toContain('warning LONE_PEER_WORKER');
    const { loaded } = await loadScenario('nhs.yaml', { cwd });
    expect(loaded!.scenario.name).toBe('NHS trust, 1 Band 2 sessional post');
    expect(loaded!.scenario.workforce).toMatchObject({ funded_wte: 1, band: '2', team_size: 1, contract: { type: 'sessional', term_months: null } });
    expect(loaded!.scenario.supervision).toMatchObject({ peer_group_supervision: false, supervisor: { lived_experience: false } });
    expect(loaded!.scenario.finance.pension).toBe('whole_system');
    expect(loaded!.scenario.workforce.high_cost_area).toBe('outer_london');
    expect(loaded!.scenario.horizon).toMatchObject({ start: '2026-04', years: 5 });
    await expectValid(cwd, 'nhs.yaml');
  }, 30_000);

  it('Ctrl-C at a prompt writes nothing, says so and exits 130', async () => {
    const cwd = fresh('cancel');
    const t = new FakeTerminal();
    const run = t.run(['cancelled.yaml'], cwd);
    await t.answer('Who employs the peer support workers?', KEY.enter);
    await t.answer('How many peer support posts are funded', '8');
    await new Promise((r) => setTimeout(r, 20));
    t.input.write(KEY.ctrlC);
    expect(await run).toBe(130);
    expect(t.screen).toMatch(/peerplan: cancelled, nothing written\n$/);
    expect(readdirSync(cwd)).toEqual([]);
  }, 30_000);
});

describe('peerplan init in a pseudo-terminal (the real binary)', () => {
  // util-linux `script` (Debian's essential bsdutils) gives the binary a real terminal.
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!hasScript) console.warn('skipping the pseudo-terminal tests: util-linux `script` is not installed');

  /** Runs `peerplan init ARGS` in a pty; `steps` are [text to wait for, keys to type]. */
  function inPty(cwd: string, args: string[], steps: Array<[string, string]>): Promise<{ code: number | null; screen: string }> {
    const command = [process.execPath, join(ROOT, 'bin', 'peerplan.js'), 'init', ...args].map((w) => `'${w}'`).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SHELL: '/bin/sh', TERM: 'xterm', NO_COLOR: '1', COLUMNS: '100', LINES: '40' },
    });
    let raw = '';
    let seen = 0;
    let step = 0;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`pty session timed out at step ${step}; screen:\n${raw.replace(ANSI, '').slice(-2000)}`));
      }, 20_000);
      const advance = (): void => {
        const screen = raw.replace(ANSI, '');
        while (step < steps.length) {
          const [text, keys] = steps[step]!;
          const at = screen.indexOf(text, seen);
          if (at < 0) return;
          seen = at + text.length;
          step++;
          child.stdin.write(keys);
        }
      };
      child.stdout.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
        advance();
      });
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, screen: raw.replace(ANSI, '') });
      });
    });
  }

  it.skipIf(!hasScript)('a whole session with Enter and arrow keys writes a valid file', async () => {
    const cwd = fresh('pty');
    const { code, screen } = await inPty(cwd, ['pty.yaml'], [
      ['Who employs the peer support workers?', KEY.down + KEY.down + KEY.enter],
      ['How many peer support posts', '2.5' + KEY.enter],
      ['Which Agenda for Change band', KEY.down + KEY.down + KEY.enter],
      ['Local salary', KEY.enter],
      ['High Cost Area', KEY.enter],
      ['What contract are the posts on?', KEY.down + KEY.enter],
      ['How long is each fixed term', KEY.enter],
      ['offered a new term', KEY.enter],
      ['Who supervises the peer workers?', KEY.enter],
      ['peer group supervision?', KEY.enter],
      ['each supervisor supervise?', KEY.enter],
      ['Hours of supervision', KEY.enter],
      ['Expected turnover', '14' + KEY.enter],
      ['did you mean 14%?', '%' + KEY.enter],
      ['Caseload', KEY.enter],
      ['Employer pension contribution?', '8%' + KEY.enter],
      ['When does the option start', KEY.enter],
      ['How many years', KEY.enter],
      ['A name for this option', KEY.enter],
    ]);
    expect(screen).toContain('Wrote pty.yaml. Next:');
    expect(code).toBe(0);
    const { loaded } = await loadScenario('pty.yaml', { cwd });
    expect(loaded!.scenario.name).toBe('Other employer, 2.5 Band 5 fixed-term posts');
    expect(loaded!.scenario.finance.pension).toBe(0.08);
    await expectValid(cwd, 'pty.yaml');
  }, 30_000);

  it.skipIf(!hasScript)('Ctrl-C leaves nothing behind and exits 130', async () => {
    const cwd = fresh('pty-cancel');
    const { code, screen } = await inPty(cwd, ['never.yaml'], [
      ['Who employs the peer support workers?', KEY.enter],
      ['How many peer support posts', KEY.ctrlC],
    ]);
    expect(screen).toContain('peerplan: cancelled, nothing written');
    expect(code).toBe(130);
    expect(readdirSync(cwd)).toEqual([]);
  }, 30_000);
});

describe('peerplan init --yes', () => {
  it('writes the defaults (golden), which peerplan validate accepts', async () => {
    // Inside the project, so the $schema path is relative and the golden is the same on every machine.
    const out = join(ROOT, 'test', '.tmp', 'init-golden');
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    for (const [file, extra] of [
      ['scenario.yaml', []],
      ['vcse.yaml', ['--org', 'vcse', '--posts', '4']],
    ] as const) {
      const r = await runCli(['init', '--yes', ...extra, `test/.tmp/init-golden/${file}`]);
      expect(r.stderr).toBe(
        `Wrote test/.tmp/init-golden/${file}. Next:\n  peerplan validate test/.tmp/init-golden/${file}\n` +
          `  peerplan run test/.tmp/init-golden/${file}\n  peerplan compare scenarios/baseline.yaml test/.tmp/init-golden/${file}\n`,
      );
      expect(r.status).toBe(0);
      expectGolden(`init-yes-${file}`, readFileSync(join(out, file), 'utf8'));
      expect((await runCli(['validate', `test/.tmp/init-golden/${file}`])).status).toBe(0);
    }
    expect(readFileSync(join(out, 'scenario.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../../../schemas/scenario.schema.json');
  });

  it('writes scenario.yaml in the current folder by default, and a valid file for every kind of answer', async () => {
    const cwd = fresh('yes');
    const first = await runCli(['init', '--yes'], { cwd });
    expect(first.status).toBe(0);
    expect(existsSync(join(cwd, 'scenario.yaml'))).toBe(true);
    const sets = [
      ['--org', 'vcse'],
      ['--org', 'other', '--posts', '1', '--band', '2', '--contract', 'sessional'],
      ['--org', 'nhs', '--posts', '0.5', '--band', '8a', '--contract', 'voluntary'],
      ['--contract', 'fixed_term', '--posts', '12.5', '--band', '4'],
      ['--org', 'vcse', '--contract', 'permanent', '--posts', '250'],
    ];
    for (const [i, flags] of sets.entries()) {
      const file = `set-${i}.yaml`;
      const r = await runCli(['init', '--yes', '--quiet', ...flags, file], { cwd });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      await expectValid(cwd, file);
    }
  });

  it('refuses to overwrite a file without --force (exit 3), and --force replaces it', async () => {
    const cwd = fresh('force');
    writeFileSync(join(cwd, 'mine.yaml'), 'peerplan: 1\nworkforce: { funded_wte: 2 }\n');
    const refused = await runCli(['init', '--yes', 'mine.yaml'], { cwd });
    expect(refused.status).toBe(3);
    expect(refused.stderr).toBe('peerplan: mine.yaml already exists; use --force to overwrite it, or give another file name (peerplan init my-option.yaml)\n');
    expect(readFileSync(join(cwd, 'mine.yaml'), 'utf8')).toBe('peerplan: 1\nworkforce: { funded_wte: 2 }\n');
    const forced = await runCli(['init', '--yes', '--force', '--posts', '3', 'mine.yaml'], { cwd });
    expect(forced.status).toBe(0);
    expect(readFileSync(join(cwd, 'mine.yaml'), 'utf8')).toContain('funded_wte: 3 ');
    expect(readdirSync(cwd)).toEqual(['mine.yaml']);
  });

  it('refuses before asking: an existing file, a missing folder', async () => {
    const cwd = fresh('early');
    writeFileSync(join(cwd, 'taken.yaml'), 'x: 1\n');
    // Interactive, but no questions are asked: the file exists.
    const r = await runCli(['init', 'taken.yaml'], { cwd });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('taken.yaml already exists; use --force');
    const missing = await runCli(['init', '--yes', 'no/such/folder.yaml'], { cwd });
    expect(missing.status).toBe(3);
    expect(missing.stderr).toBe('peerplan: the folder no/such does not exist; create it first\n');
  });

  it('without a terminal and without --yes, exits 2 at once suggesting --yes', async () => {
    const cwd = fresh('no-tty');
    const r = await runCli(['init', 'x.yaml'], { cwd, input: '\n\n\n' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('standard input is not a terminal');
    expect(r.stderr).toContain('--yes');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('bad option values are usage errors (exit 2)', async () => {
    const cwd = fresh('usage');
    const posts = await runCli(['init', '--yes', '--posts', 'six'], { cwd });
    expect(posts.status).toBe(2);
    expect(posts.stderr).toBe('peerplan: --posts: "six" is not a number; type digits, such as 6 or 2.5\n');
    expect((await runCli(['init', '--yes', '--posts', '0'], { cwd })).stderr).toContain('must be more than 0');
    const many = await runCli(['init', '--yes', '--posts', '20000'], { cwd });
    expect(many.status).toBe(2);
    expect(many.stderr).toMatch(/^peerplan: --posts: workforce\.funded_wte is 20000, .*10000/);
    const org = await runCli(['init', '--yes', '--org', 'charity'], { cwd });
    expect(org.status).toBe(2);
    expect(org.stderr).toContain("Allowed choices are nhs, vcse, other");
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('keeps the prompt library out of start-up: @inquirer/prompts is loaded only inside the init bundle, when asking', () => {
    // The build bundles the CLI shell and each command apart (src/build/bundle.ts).
    for (const bundle of ['peerplan.cjs', 'cmd-run.cjs', 'cmd-compare.cjs']) {
      expect(readFileSync(join(ROOT, 'dist', bundle), 'utf8'), bundle).not.toContain('@inquirer');
    }
    const init = readFileSync(join(ROOT, 'dist', 'cmd-init.cjs'), 'utf8');
    // Loaded lazily where the questions are asked (so --yes never loads it), never at the bundle's top level.
    expect(init).toMatch(/await Promise\.resolve\(\)\.then\(\(\) => __toESM\(require\("@inquirer\/prompts"\)/);
    expect(init).not.toMatch(/^var \w+ = (__toESM\()?require\("@inquirer/m);
  });

  it('help lists init with its options and exit code 130', async () => {
    const top = await runCli(['--help']);
    expect(top.stdout).toContain('peerplan init my-option.yaml');
    expect(top.stdout).toContain('130 cancelled with Ctrl-C');
    const help = await runCli(['init', '--help']);
    for (const word of ['--yes', '--force', '--org', '--posts', '--band', '--contract', '130 cancelled']) expect(help.stdout).toContain(word);
  });
});
