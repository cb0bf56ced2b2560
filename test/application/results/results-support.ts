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
