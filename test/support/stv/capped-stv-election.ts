import type { Election } from '../../../src/domain/election/election.js';
import { NO_OPINION_RANK } from '../../../src/domain/ballot/ranking.js';
import { aCandidate, anElection } from '../builders/election-builder.js';
import { NOW } from '../builders/in-memory-world.js';
import type { WebWorld } from '../http/web-worlds.js';

export const STV_KEY = '2026---steering';

/**
 * A completed Meek STV election for 3 seats under an employer cap of 2: three Acme candidates with
 * strong support, Beta and Gamma; 130 of the 150 voters vote. The third Acme candidate reaches a seat and is passed over; Beta
 * takes it on the transferred votes. Officer: `officer1`.
 */
export function cappedStvElection(): Election {
  return anElection()
    .key(STV_KEY)
    .named('Steering Committee 2026')
    .countedBy('stv-meek')
    .seats(3)
    .seatCap({ field: 'employer', limit: 2 })
    .status('completed', NOW)
    .candidates(
      aCandidate('a1', { name: 'Ada One', info: { employer: 'Acme' } }),
      aCandidate('a2', { name: 'Alan Two', info: { employer: 'Acme' } }),
      aCandidate('a3', { name: 'Anita Three', info: { employer: 'Acme' } }),
      aCandidate('beta', { name: 'Bea Beta', info: { employer: 'Beta' } }),
      aCandidate('gamma', { name: 'Gus Gamma', info: {} }),
    )
    .officers('officer1')
    .voters(...Array.from({ length: 150 }, (_, i) => `stv-voter-${i + 1}`))
    .build();
}

const BALLOTS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [40, ['a1', 'a2', 'a3']],
  [30, ['a2', 'a1', 'a3']],
  [30, ['a3', 'a1', 'a2', 'beta']],
  [22, ['beta', 'gamma']],
  [8, ['gamma', 'beta']],
];

/** Casts the ballots above straight into the box, each by its own voter (as during the election). */
export async function castCappedStvBallots(world: WebWorld): Promise<void> {
  const ids = cappedStvElection().candidates.map((c) => c.id);
  let n = 0;
  for (const [copies, order] of BALLOTS) {
    for (let i = 0; i < copies; i++) {
      const user = await world.signIn(`stv-voter-${++n}`);
      const entries = ids.map((candidate) => ({ candidate, rank: order.includes(candidate) ? order.indexOf(candidate) + 1 : NO_OPINION_RANK }));
      await world.ballotBox.cast({ electionKey: STV_KEY, userId: user.id, ballotId: world.random.uuid(), entries, link: null });
    }
  }
}
