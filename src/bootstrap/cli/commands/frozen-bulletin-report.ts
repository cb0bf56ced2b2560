import { USE_CASES } from '../../use-case-tokens.js';
import type { Services } from './organization-scope.js';

/**
 * What `elekto results` says on stderr about the bulletin fixed at the close (freezing it now if no
 * server did): its digest, and every difference when the stored ballots no longer give it. Returns
 * false when they do not: the command then exits 1, after printing what was asked.
 */
export async function reportFrozenBulletin(app: Services, electionKey: string): Promise<boolean> {
  const check = await (await app.get(USE_CASES.checkBulletin)).execute({ electionKey, requester: null });
  const { frozen } = check;
  process.stderr.write(`bulletin digest fixed at the close (${frozen.frozenAt.toISOString()}, ${frozen.ballotCount} ballots): ${frozen.digest}\n`);
  if (check.intact) return true;
  process.stderr.write(
    `elekto results: THE STORED BALLOTS CHANGED AFTER THE CLOSE.\n${check.problems.map((p) => `elekto results: ${p}\n`).join('')}` +
      `elekto results: check any copy with: elekto verify <bulletin.json> --digest ${frozen.digest}\n`,
  );
  return false;
}
