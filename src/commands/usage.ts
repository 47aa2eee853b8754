// What each command accepts and how it is described: the one table the parser, the global
// help, each command's own --help and the suggestions for mistyped input are built from.

export const OPTIONS = {
  config: { type: 'string', short: 'c' },
  values: { type: 'string', multiple: true },
  only: { type: 'string' },
  exclude: { type: 'string' },
  'allow-delete': { type: 'string' },
  target: { type: 'string', multiple: true },
  rotate: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  'no-color': { type: 'boolean' },
  out: { type: 'string' },
  output: { type: 'string', short: 'o' },
  format: { type: 'string' },
  'detailed-exitcode': { type: 'boolean' },
  'auto-approve': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type OptionName = keyof typeof OPTIONS;

/** The option as it is written in help, and what it does. */
const OPTION_HELP: Record<OptionName, [string, string]> = {
  config: ['-c, --config PATH', 'config file or directory (default: tenant.yaml, else tenant/)'],
  values: ['--values FILE', 'values file for ${VAR} (repeatable; the environment wins)'],
  only: ['--only TYPES', 'comma-separated types to plan (e.g. clients,roles)'],
  exclude: ['--exclude TYPES', 'comma-separated types to leave out'],
  'allow-delete': [
    '--allow-delete[=TYPES]',
    'delete objects missing from config (all types, or the listed ones)',
  ],
  target: ['--target TYPE.KEY', 'only this object and what it references (repeatable)'],
  rotate: [
    '--rotate TYPE.KEY',
    "write this object's write-only secrets even if unchanged (repeatable; 'all' for every object)",
  ],
  concurrency: ['--concurrency N', 'changes applied at once (default 8)'],
  'no-color': ['--no-color', 'plain output (also NO_COLOR, or when not a terminal)'],
  out: ['--out FILE', 'also save the plan, for `tenantform apply FILE`'],
  output: ['-o, --output DIR', 'directory to write the config to (default tenant/)'],
  format: ['--format FORMAT', 'text (default), json or markdown'],
  'detailed-exitcode': ['--detailed-exitcode', 'exit 2 when there are changes (0 when none)'],
  'auto-approve': ['--auto-approve', 'apply without asking (needed without a terminal)'],
  help: ['-h, --help', 'this help'],
};

const SELECTION: OptionName[] = ['config', 'values', 'only', 'exclude'];

export interface CommandUsage {
  /** Arguments after the command's name, as shown in the usage line. */
  synopsis: string;
  summary: string;
  options: OptionName[];
  /** Formats --format accepts for this command, when it has the option. */
  formats?: string[];
  exitCodes: [number, string][];
  example: string;
}

export const COMMANDS: Record<string, CommandUsage> = {
  validate: {
    synopsis: '[-c PATH]',
    summary: 'load and validate config (no network)',
    options: [...SELECTION, 'no-color'],
    exitCodes: [
      [0, 'the config is valid'],
      [1, 'it is not (each problem names file, line, column and field)'],
    ],
    example: 'tenantform validate -c tenant/ --values env/prod.yaml',
  },
  plan: {
    synopsis: '[-c PATH] [--out plan.json] [--format text|json|markdown] [--detailed-exitcode]',
    summary: 'show what apply would change; never writes to the tenant',
    options: [
      ...SELECTION,
      'allow-delete',
      'target',
      'rotate',
      'out',
      'format',
      'detailed-exitcode',
      'no-color',
    ],
    formats: ['text', 'json', 'markdown'],
    exitCodes: [
      [0, 'planned (no changes, or changes without --detailed-exitcode)'],
      [2, 'there are changes (with --detailed-exitcode)'],
      [1, 'error: bad config, unreachable tenant, refused request'],
    ],
    example: 'tenantform plan -c tenant/ --values env/prod.yaml --out plan.json --format markdown > plan.md',
  },
  apply: {
    synopsis: '[-c PATH | plan.json] [--auto-approve] [--format text|json]',
    summary: 'apply the plan now, or exactly a saved plan',
    options: [
      ...SELECTION,
      'allow-delete',
      'target',
      'rotate',
      'concurrency',
      'auto-approve',
      'format',
      'no-color',
    ],
    formats: ['text', 'json'],
    exitCodes: [
      [0, 'every change was applied (or there was nothing to do)'],
      [
        1,
        'a change failed, the plan no longer matches the tenant, apply was cancelled, another apply holds the lock, or an error',
      ],
      [
        130,
        'interrupted (Ctrl-C): changes in flight finished, nothing new started; the report says what was done',
      ],
    ],
    example: 'tenantform apply plan.json --values env/prod.yaml --format json > apply.jsonl',
  },
  drift: {
    synopsis: '[-c PATH] [--format text|json|markdown]',
    summary: 'read-only: how the tenant differs from the config (exit 2 on drift)',
    options: [...SELECTION, 'allow-delete', 'format', 'no-color'],
    formats: ['text', 'json', 'markdown'],
    exitCodes: [
      [0, 'the tenant matches the config'],
      [2, 'it drifted'],
      [1, 'error'],
    ],
    example: 'tenantform drift -c tenant/ --values env/prod.yaml --format markdown > drift.md',
  },
  export: {
    synopsis: '[-o DIR] [-c PATH]',
    summary: "write the live tenant as config (keeping existing config's ${VAR}s)",
    options: ['output', 'config', 'values', 'only', 'exclude', 'no-color'],
    exitCodes: [
      [0, 'written'],
      [1, 'error, or a file to write exists already (export never overwrites)'],
    ],
    example: 'tenantform export -o tenant/',
  },
  unlock: {
    synopsis: '',
    summary: "break a stale apply lock (its holder is gone); the lock's owner is shown first",
    options: ['no-color'],
    exitCodes: [
      [0, 'the lock was released, or there was none'],
      [1, 'error'],
    ],
    example: 'tenantform unlock',
  },
  emulator: {
    synopsis: '[--port N] [--tls] [--rate-limit R] [--data FILE] …',
    summary: 'a local Management API (tenantform emulator --help for all)',
    options: [],
    exitCodes: [],
    example: 'tenantform emulator --port 4010 --data tenant.json',
  },
  demo: {
    synopsis: '',
    summary: 'plan, apply and re-plan examples/basic on an emulator',
    options: ['config', 'values', 'no-color'],
    exitCodes: [
      [0, 'the demo converged'],
      [1, 'it did not'],
    ],
    example: 'tenantform demo',
  },
};

/** Options every command with a plan shares: listed once in the global help. */
const COMMON: OptionName[] = [...SELECTION, 'allow-delete', 'target', 'concurrency', 'no-color'];

/** `  -c, --config PATH   text`; options without a short form line up with the long names. */
function optionLine(name: OptionName, command?: CommandUsage): string {
  const [flag, text] = OPTION_HELP[name];
  const indent = /^-\w, /.test(flag) ? '' : '    ';
  const described = name === 'format' && command?.formats ? formatsText(command.formats) : text;
  return `${`  ${indent}${flag}`.padEnd(31)}${described}`;
}

export function globalUsage(): string {
  const commands = Object.entries(COMMANDS).map(
    ([name, c]) => `  tenantform ${name.padEnd(10)} ${c.summary}`,
  );
  return `tenantform — keep an Auth0 tenant's configuration in Git

Usage:
  tenantform --version
  tenantform COMMAND --help   a command's options, exit codes and an example
${commands.join('\n')}

Options of the commands that plan:
${COMMON.map((o) => optionLine(o)).join('\n')}

Target: AUTH0_DOMAIN (a host, or a URL such as http://127.0.0.1:4010) with AUTH0_CLIENT_ID and
AUTH0_CLIENT_SECRET, or AUTH0_TOKEN. Without AUTH0_DOMAIN, the embedded emulator is used.

apply holds a lock in the tenant while it runs (the resource server urn:tenantform:apply-lock);
a second apply is refused naming the holder. plan, drift and export never take it.

Ctrl-C during apply starts nothing new, lets changes in flight finish (20 s at most), reports
what was and was not done, releases the lock and exits 130; a second Ctrl-C exits at once.

Exit codes: 0 ok / no changes, 2 changes or drift (plan --detailed-exitcode, drift), 1 error,
130 interrupted.`;
}

export function commandUsage(name: string): string {
  const c = COMMANDS[name]!;
  const options = [...c.options, 'help' as const].map((o) => optionLine(o, c));
  return `tenantform ${name}: ${c.summary}

Usage:
  tenantform ${name} ${c.synopsis}

Options:
${options.join('\n')}

Exit codes:
${c.exitCodes.map(([code, text]) => `  ${code}  ${text}`).join('\n')}

Example:
  ${c.example}`;
}

/** `text (default), json or markdown`. */
function formatsText([first, ...rest]: string[]): string {
  const others = rest.length > 1 ? `${rest.slice(0, -1).join(', ')} or ${rest.at(-1)}` : rest[0];
  return `${first} (default)${rest.length > 1 ? ', ' : ' or '}${others}`;
}
