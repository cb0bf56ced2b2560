import { Command, CommanderError } from 'commander';
import { USE_CASES } from '../../use-case-tokens.js';
import { withElectionApp } from './election-command-support.js';

export const summary = 'Destroy the voter-to-ballot links of a completed election';

/**
 * `elekto purge-links <election-key>`: after this nobody (the voters included) can tie a ballot of
 * that election to a person; the ballots and the "has voted" marks stay, so results do not change.
 * Exit 0 done (also when nothing was left to purge); 1 unknown or unfinished election; 2 bad usage;
 * 78 bad configuration.
 */
export async function run(argv: string[]): Promise<number> {
  const program = new Command('elekto purge-links')
    .description('Destroy every voter-to-ballot link of a completed election; ballots stay. Cannot be undone.')
    .argument('<election-key>', 'the election key, e.g. 2021---GB')
    .option('--json', 'print the outcome as JSON')
    .addHelpText('after', '\nExit status: 0 purged, 1 unknown or unfinished election, 2 bad usage, 78 bad configuration.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const electionKey = program.args[0]!;
  const json = program.opts<{ json?: boolean }>().json === true;
  return withElectionApp('purge-links', electionKey, async (app) => {
    const result = await (await app.get(USE_CASES.purgeLinks)).execute({ electionKey, requester: null });
    process.stdout.write(
      json
        ? `${JSON.stringify(result)}\n`
        : `${electionKey}: ${result.purged} link(s) destroyed; ${result.ballots} ballot(s) kept.\n`,
    );
    return 0;
  });
}
