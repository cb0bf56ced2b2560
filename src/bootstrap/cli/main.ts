/**
 * `elekto <command>`: each command lives in ./commands/<name>.ts and exports
 * `run(argv: string[]): Promise<number>` (the exit code) and `summary` (one line for the help).
 * Commands are imported lazily so `elekto tally` never loads Koa or TypeORM.
 */
import { pathToFileURL } from 'node:url';
import { COMMANDS, resolveCommand } from './command-table.js';

export interface CliCommand {
  readonly summary: string;
  run(argv: string[]): Promise<number>;
}

function usage(): string {
  const rows = COMMANDS.map((c) => `  ${c.name.padEnd(14)}${c.summary}`).join('\n');
  return `Usage: elekto [--env-file <path>] <command> [options]\n\nCommands:\n${rows}\n\nRun \`elekto <command> --help\` for a command's options.\n`;
}

/**
 * `elekto --env-file <path> <command> …` names the dotenv file every command reads; it only sets
 * ENV_FILE, which read-env.ts honours (so a systemd unit or a shell can set either).
 */
function takeEnvFile(argv: string[]): string[] {
  const [first, second, ...rest] = argv;
  if (first === '--env-file' && second !== undefined) {
    process.env.ENV_FILE = second;
    return rest;
  }
  if (first?.startsWith('--env-file=')) {
    process.env.ENV_FILE = first.slice('--env-file='.length);
    return argv.slice(1);
  }
  return argv;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = takeEnvFile(argv);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    const pkg = await import('../../../package.json', { with: { type: 'json' } });
    process.stdout.write(`${pkg.default.version}\n`);
    return 0;
  }
  const entry = resolveCommand(name);
  if (!entry) {
    process.stderr.write(`elekto: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const mod = (await import(pathToFileURL(entry.file).href)) as CliCommand;
  return mod.run(rest);
}
