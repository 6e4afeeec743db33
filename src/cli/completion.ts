/**
 * `peerplan completion bash|zsh|fish`: a completion script written from the command
 * definitions themselves (commander's tree), so a new command or option completes
 * without another list to keep in step. Scenario files complete where a command takes
 * files; option values complete from their choices (`--format` → table, json, …).
 */
import type { Command, Option } from 'commander';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface OptionSpec {
  long: string | undefined;
  short: string | undefined;
  description: string;
  takesValue: boolean;
  /** The value names a file or folder (`--out <path>`): complete paths; other free values complete nothing. */
  takesPath: boolean;
  choices: readonly string[];
}

interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
}

function optionSpec(o: Option): OptionSpec {
  return {
    long: o.long,
    short: o.short,
    description: o.description,
    takesValue: o.required || o.optional,
    takesPath: /<(path|file|dir|folder)/.test(o.flags),
    choices: o.argChoices ?? [],
  };
}

function commandSpecs(program: Command): { global: OptionSpec[]; commands: CommandSpec[] } {
  const visible = (o: Option): boolean => !o.hidden;
  return {
    global: [...program.options.filter(visible).map(optionSpec), { long: '--help', short: '-h', description: 'display help', takesValue: false, takesPath: false, choices: [] }],
    commands: program.commands.map((c) => ({
      name: c.name(),
      description: c.description().split('\n')[0] ?? '',
      options: [...c.options.filter(visible).map(optionSpec), { long: '--help', short: '-h', description: 'display help for command', takesValue: false, takesPath: false, choices: [] }],
    })),
  };
}

const flags = (o: OptionSpec): string[] => [o.long, o.short].filter((f): f is string => f !== undefined);
/** Single-quoted for any of the three shells. */
const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
/** A description on one line, without characters that the zsh spec syntax treats specially. */
const plain = (text: string): string => text.replace(/[[\]:\n]/g, ' ').replace(/\s+/g, ' ').trim();

function bash(spec: ReturnType<typeof commandSpecs>): string {
  const names = spec.commands.map((c) => c.name).join(' ');
  const globals = spec.global.flatMap(flags).join(' ');
  const lines: string[] = [
    '# peerplan completion for bash. Load it now:   source <(peerplan completion bash)',
    '# or for every shell:  peerplan completion bash > ~/.local/share/bash-completion/completions/peerplan',
    '_peerplan() {',
    '  local cur prev cmd i',
    '  cur="${COMP_WORDS[COMP_CWORD]}"',
    '  prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  cmd=""',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    case "${COMP_WORDS[i]}" in -*) ;; *) cmd="${COMP_WORDS[i]}"; break ;; esac',
    '  done',
    '  if [ -z "$cmd" ]; then',
    `    if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W ${quote(globals)} -- "$cur") ); else COMPREPLY=( $(compgen -W ${quote(names)} -- "$cur") ); fi`,
    '    return',
    '  fi',
    '  case "$cmd $prev" in',
  ];
  for (const c of spec.commands) {
    for (const o of c.options.filter((x) => x.takesValue)) {
      const pattern = flags(o).map((f) => `"${c.name} ${f}"`).join('|');
      lines.push(
        o.choices.length > 0
          ? `    ${pattern}) COMPREPLY=( $(compgen -W ${quote(o.choices.join(' '))} -- "$cur") ); return ;;`
          : o.takesPath
            ? `    ${pattern}) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;`
            : `    ${pattern}) COMPREPLY=(); return ;;`,
      );
    }
  }
  lines.push('  esac', '  if [[ "$cur" == -* ]]; then', '    case "$cmd" in');
  for (const c of spec.commands) lines.push(`      ${c.name}) COMPREPLY=( $(compgen -W ${quote([...c.options, ...spec.global].flatMap(flags).join(' '))} -- "$cur") ) ;;`);
  lines.push(
    '    esac',
    '    return',
    '  fi',
    '  compopt -o filenames 2>/dev/null',
    '  COMPREPLY=( $(compgen -f -- "$cur") )',
    '}',
    'complete -F _peerplan peerplan',
    '',
  );
  return lines.join('\n');
}

function zshOption(o: OptionSpec): string {
  const value = o.takesValue ? (o.choices.length > 0 ? `:${plain(o.long ?? 'value').replace(/^-+/, '')}:(${o.choices.join(' ')})` : o.takesPath ? ':file:_files' : ':value: ') : '';
  const described = `[${plain(o.description)}]${value}`;
  if (o.long && o.short) return quote(`(${o.short} ${o.long})`) + `{${o.short},${o.long}}` + quote(described);
  return quote(`${flags(o)[0]}${described}`);
}

function zsh(spec: ReturnType<typeof commandSpecs>): string {
  const lines: string[] = [
    '#compdef peerplan',
    '# peerplan completion for zsh. Load it now:   source <(peerplan completion zsh)',
    '# or for every shell: peerplan completion zsh > "${fpath[1]}/_peerplan" (then restart zsh)',
    '_peerplan() {',
    '  local line state',
    '  _arguments -C \\',
    ...spec.global.map((o) => `    ${zshOption(o)} \\`),
    "    '1: :->command' \\",
    "    '*:: :->args'",
    '  case $state in',
    '    command)',
    '      local -a commands',
    '      commands=(',
    ...spec.commands.map((c) => `        ${quote(`${c.name}:${plain(c.description)}`)}`),
    '      )',
    "      _describe 'command' commands",
    '      ;;',
    '    args)',
    '      case $line[1] in',
  ];
  for (const c of spec.commands) {
    lines.push(`        ${c.name}) _arguments ${[...c.options.map(zshOption), quote('*:file:_files')].join(' ')} ;;`);
  }
  lines.push('      esac', '      ;;', '  esac', '}', 'compdef _peerplan peerplan', '');
  return lines.join('\n');
}

function fishOption(o: OptionSpec, condition: string): string {
  const parts = [`complete -c peerplan -n ${quote(condition)}`];
  if (o.long) parts.push(`-l ${o.long.replace(/^--/, '')}`);
  if (o.short) parts.push(`-s ${o.short.replace(/^-/, '')}`);
  if (o.takesValue) parts.push(o.choices.length > 0 ? `-x -a ${quote(o.choices.join(' '))}` : o.takesPath ? '-r -F' : '-x');
  parts.push(`-d ${quote(plain(o.description))}`);
  return parts.join(' ');
}

function fish(spec: ReturnType<typeof commandSpecs>): string {
  const names = spec.commands.map((c) => c.name).join(' ');
  const lines = [
    '# peerplan completion for fish. Load it now:   peerplan completion fish | source',
    '# or for every shell:  peerplan completion fish > ~/.config/fish/completions/peerplan.fish',
    'complete -c peerplan -f',
    ...spec.global.map((o) => fishOption(o, '__fish_use_subcommand')),
    ...spec.commands.map((c) => `complete -c peerplan -n '__fish_use_subcommand' -a ${c.name} -d ${quote(plain(c.description))}`),
  ];
  for (const c of spec.commands) {
    const condition = `__fish_seen_subcommand_from ${c.name}`;
    lines.push(`complete -c peerplan -n ${quote(condition)} -F`);
    for (const o of c.options) lines.push(fishOption(o, condition));
  }
  lines.push(`# commands: ${names}`, '');
  return lines.join('\n');
}

/** The completion script for `shell`, from the program's commands and options. */
export function completionScript(shell: Shell, program: Command): string {
  const spec = commandSpecs(program);
  return shell === 'bash' ? bash(spec) : shell === 'zsh' ? zsh(spec) : fish(spec);
}
