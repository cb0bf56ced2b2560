import { USE_CASES } from '../../use-case-tokens.js';
import { withElectionApp } from './election-command-support.js';

/**
 * `elekto purge-links <election-key>`: after this nobody (the voters included) can tie a ballot of
 * that election to a person; the ballots and the "has voted" marks stay, so results do not change.
 * Exit 0 done (also when nothing was left to purge); 1 unknown or unfinished election; 2 bad usage;
 * 78 bad configuration.
 */
export async function run(electionKey: string, opts: { json?: boolean; org?: string }): Promise<number> {
  const json = opts.json === true;
  return withElectionApp(
    'purge-links',
    electionKey,
    async (app) => {
      const result = await (await app.get(USE_CASES.purgeLinks)).execute({ electionKey, requester: null });
      process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${electionKey}: ${result.purged} link(s) destroyed; ${result.ballots} ballot(s) kept.\n`);
      return 0;
    },
    opts.org,
  );
}
