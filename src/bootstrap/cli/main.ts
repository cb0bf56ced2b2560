/** `elekto <command>`: runs the program of ./program.ts and answers with the process exit code. */
import { CommanderError } from 'commander';
import { buildProgram, type CliContext } from './program.js';

/** `io` stands in for the process's environment and working directory (tests pass their own). */
export async function main(argv: string[], io: Omit<CliContext, 'exitCode'> = {}): Promise<number> {
  const context: CliContext = { ...io, exitCode: 0 };
  const program = buildProgram(context);
  if (argv.length === 0) {
    // No command is a usage error, but the usage itself is what the operator asked for: stdout.
    program.outputHelp();
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    // Help and --version end as a CommanderError of exit code 0; every other one is a usage error.
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  return context.exitCode;
}
