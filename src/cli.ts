// Commands and flags; nothing else. Each command lives in src/commands/ and returns its
// exit code.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type CommonOptions, type Output, consoleOutput } from './commands/common-options.ts';
import { closest } from './commands/suggest.ts';
import { COMMANDS, commandUsage, globalUsage, OPTIONS, type OptionName } from './commands/usage.ts';
import { safeOutput } from './core/control-chars.ts';

/** Runs one command. `env` and `out` default to the process's; tests pass their own. */
export async function main(
  argv: string[],
  out: Output = consoleOutput(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [command, ...rest] = argv;
  return runCommand(command, rest, escapingControls(out), env);
}

/** Output with control characters escaped on the way out, whatever printed them. */
function escapingControls(out: Output): Output {
  return {
    ...out,
    stdout: (text) => out.stdout(safeOutput(text)),
    stderr: (text) => out.stderr(safeOutput(text)),
  };
}

async function runCommand(
  command: string | undefined,
  rest: string[],
  out: Output,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  if (command === '--version' || command === '-v' || command === 'version') {
    out.stdout(packageVersion());
    return 0;
  }
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    out.stdout(globalUsage());
    return command ? 0 : 1;
  }
  if (command === 'emulator') {
    const { runEmulatorCommand } = await import('./emulator/command.ts');
    return runEmulatorCommand(rest);
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    const suggestion = closest(command, Object.keys(COMMANDS));
    out.stderr(
      `error: unknown command '${command}'${suggestion ? `; did you mean '${suggestion}'?` : ''}\n` +
        'Run tenantform --help for the commands.',
    );
    return 1;
  }

  const parsed = parseCommandArgs(command, rest);
  if ('error' in parsed) {
    out.stderr(`error: ${parsed.error}\nRun tenantform ${command} --help for its options.`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.stdout(commandUsage(command));
    return 0;
  }
  const maxPositionals = command === 'apply' ? 1 : 0;
  if (positionals.length > maxPositionals) {
    out.stderr(
      `error: unexpected argument '${positionals[maxPositionals]}' (options take the form -c PATH)\n` +
        `Run tenantform ${command} --help for its options.`,
    );
    return 1;
  }
  const common: CommonOptions = {
    config: values.config,
    values: values.values ?? [],
    only: list(values.only),
    exclude: list(values.exclude),
    allowDelete:
      values['allow-delete'] === undefined
        ? undefined
        : values['allow-delete'] === '*'
          ? 'all'
          : list(values['allow-delete']),
    targets: values.target,
    rotate: values.rotate,
    concurrency: values.concurrency === undefined ? 8 : Number(values.concurrency),
    color: !values['no-color'] && !env.NO_COLOR && out.isTTY,
    interactive: Boolean(process.stdin.isTTY) && out.isTTY && !env.CI,
    env,
  };
  if (!Number.isInteger(common.concurrency) || common.concurrency! < 1) {
    out.stderr(`error: --concurrency must be a positive integer, got '${values.concurrency}'`);
    return 1;
  }
  const format = values.format ?? 'text';
  const formats = COMMANDS[command]!.formats ?? ['text'];
  if (!formats.includes(format)) {
    out.stderr(`error: --format of tenantform ${command} must be ${formats.join(', ')}; got '${format}'`);
    return 1;
  }

  switch (command) {
    case 'validate':
      return (await import('./commands/validate.ts')).runValidate(common, out);
    case 'plan':
      return (await import('./commands/plan.ts')).runPlan(
        { ...common, out: values.out, format, detailedExitCode: Boolean(values['detailed-exitcode']) },
        out,
      );
    case 'apply':
      return (await import('./commands/apply.ts')).runApply(
        { ...common, planFile: positionals[0], autoApprove: Boolean(values['auto-approve']), format },
        out,
      );
    case 'drift':
      return (await import('./commands/drift.ts')).runDrift({ ...common, format }, out);
    case 'export':
      return (await import('./commands/export.ts')).runExport(
        { ...common, outDir: values.output ?? 'tenant' },
        out,
      );
    case 'unlock':
      return (await import('./commands/unlock.ts')).runUnlock(common, out);
    case 'demo':
      return (await import('./commands/demo.ts')).runDemo(common, out);
    default:
      throw new Error(`command '${command}' has usage but no implementation`);
  }
}

type Parsed = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;

/** The command's own options only: a flag of another command is an error, with a hint. */
function parseCommandArgs(command: string, args: string[]): Parsed | { error: string } {
  const accepted: OptionName[] = [...COMMANDS[command]!.options, 'help'];
  const options = Object.fromEntries(accepted.map((name) => [name, OPTIONS[name]]));
  try {
    return parseArgs({ args: normaliseAllowDelete(args), options, allowPositionals: true }) as Parsed;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const flag = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(-[^']*)'/.exec(message)?.[1] : undefined;
    if (!flag) return { error: message };
    return { error: unknownOption(command, flag, accepted) };
  }
}

function unknownOption(command: string, flag: string, accepted: OptionName[]): string {
  const name = flag.replace(/^-+/, '').split('=')[0]!;
  if (Object.hasOwn(OPTIONS, name)) {
    const owners = Object.keys(COMMANDS).filter((c) => COMMANDS[c]!.options.includes(name as OptionName));
    return `--${name} is not an option of tenantform ${command} (it is one of tenantform ${owners.join(', ')})`;
  }
  const spellings = accepted.flatMap((o) => {
    const short = (OPTIONS[o] as { short?: string }).short;
    return short ? [`--${o}`, `-${short}`] : [`--${o}`];
  });
  const suggestion = closest(flag.split('=')[0]!, spellings);
  return `unknown option '${flag}' for tenantform ${command}${suggestion ? `; did you mean '${suggestion}'?` : ''}`;
}

/** The package's version; package.json sits one level above both src/ and the built dist/. */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return String(manifest.version);
}

/** `--allow-delete` takes an optional value: bare means every type. */
function normaliseAllowDelete(args: string[]): string[] {
  return args.flatMap((arg, i) => {
    if (arg !== '--allow-delete') return [arg];
    const next = args[i + 1];
    return next === undefined || next.startsWith('-') || !/^[a-z_,]+$/.test(next)
      ? ['--allow-delete=*']
      : [arg];
  });
}

function list(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}
