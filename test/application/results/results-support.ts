import type { CondorcetResults, ElectionResults, StvResults } from '../../../src/application/results/compute-results.js';
import type { InMemoryWorld } from '../../support/builders/in-memory-world.js';
import type { RankEntry } from '../../../src/domain/ballot/ranking.js';

let voterSeq = 0;

/** Casts ballots straight into the box (as if during the election), each by a fresh user, with a link. */
export async function castMany(w: InMemoryWorld, electionKey: string, ballots: ReadonlyArray<readonly RankEntry[]>, copies = 1): Promise<void> {
  for (const entries of ballots) {
    for (let i = 0; i < copies; i++) {
      const user = await w.signIn(`voter${++voterSeq}`);
      const ballotId = w.random.uuid();
      await w.ballotBox.cast({ electionKey, userId: user.id, ballotId, entries, link: await w.sealer.seal('passphrase', ballotId) });
    }
  }
}

export const r = (...pairs: Array<[string, number]>): RankEntry[] => pairs.map(([candidate, rank]) => ({ candidate, rank }));

/** The Condorcet branch of a result (the test fails if the election was counted by STV). */
export function condorcet(results: ElectionResults): CondorcetResults {
  if (results.kind !== 'condorcet') throw new Error(`expected a Condorcet count, got ${results.method}`);
  return results;
}

/** The STV branch of a result. */
export function stvOf(results: ElectionResults): StvResults {
  if (results.kind !== 'stv') throw new Error(`expected an STV count, got ${results.method}`);
  return results;
}
