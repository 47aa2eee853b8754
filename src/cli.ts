// Commands and flags; nothing else. Each command lives in src/commands/ and returns its
// exit code.

import { parseArgs } from 'node:util';
import { type CommonOptions, type Output, consoleOutput } from './commands/common-options.ts';
import { safeOutput } from './core/control-chars.ts';

const USAGE = `tenantform — keep an Auth0 tenant's configuration in Git

Usage:
  tenantform validate [-c PATH]                 load and validate config (no network)
  tenantform plan     [-c PATH] [--out plan.json] [--format text|json|markdown] [--detailed-exitcode]
  tenantform apply    [-c PATH | plan.json] [--auto-approve]
  tenantform drift    [-c PATH] [--format text|json|markdown]   read-only; exit 2 on drift
  tenantform export   [-o DIR]                  write the live tenant as config
  tenantform emulator [--port N] [--tls] [--rate-limit R] [--data FILE] …   (--help for all)
  tenantform demo                               plan, apply and re-plan examples/basic on an emulator

Options:
  -c, --config PATH        config file or directory (default: tenant.yaml, else tenant/)
      --values FILE        values file for \${VAR} (repeatable; the environment wins)
      --only TYPES         comma-separated types to plan (e.g. clients,roles)
      --exclude TYPES      comma-separated types to leave out
      --allow-delete[=TYPES]  delete objects missing from config (all types, or the listed ones)
      --concurrency N      changes applied at once (default 8)
      --no-color           plain output (also NO_COLOR, or when not a terminal)

Target: AUTH0_DOMAIN (a host, or a URL such as http://127.0.0.1:4010) with AUTH0_CLIENT_ID and
AUTH0_CLIENT_SECRET, or AUTH0_TOKEN. Without AUTH0_DOMAIN, the embedded emulator is used.

Exit codes: 0 ok / no changes, 2 changes or drift (plan --detailed-exitcode, drift), 1 error.`;

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  values: { type: 'string', multiple: true },
  only: { type: 'string' },
  exclude: { type: 'string' },
  'allow-delete': { type: 'string' },
  concurrency: { type: 'string' },
  'no-color': { type: 'boolean' },
  out: { type: 'string' },
  output: { type: 'string', short: 'o' },
  format: { type: 'string' },
  'detailed-exitcode': { type: 'boolean' },
  'auto-approve': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs one command. `env` and `out` default to the process's; tests pass their own. */
export async function main(
  argv: string[],
  out: Output = consoleOutput(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'emulator') {
    const { runEmulatorCommand } = await import('./emulator/command.ts');
    return runEmulatorCommand(rest);
  }
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
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    out.stdout(USAGE);
    return command ? 0 : 1;
  }

  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: normaliseAllowDelete(rest), options: OPTIONS, allowPositionals: true });
  } catch (error) {
    out.stderr(`error: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.stdout(USAGE);
    return 0;
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
  if (!['text', 'json', 'markdown'].includes(format)) {
    out.stderr(`error: --format must be text, json or markdown, got '${format}'`);
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
        { ...common, planFile: positionals[0], autoApprove: Boolean(values['auto-approve']) },
        out,
      );
    case 'drift':
      return (await import('./commands/drift.ts')).runDrift({ ...common, format }, out);
    case 'export':
      return (await import('./commands/export.ts')).runExport(
        { ...common, outDir: values.output ?? 'tenant' },
        out,
      );
    case 'demo':
      return (await import('./commands/demo.ts')).runDemo(common, out);
    default:
      out.stderr(`error: unknown command '${command}'\n\n${USAGE}`);
      return 1;
  }
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
