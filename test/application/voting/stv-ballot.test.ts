import { CastBallot } from '../../../src/application/voting/cast-ballot.js';
import { requireRankingFitsMethod } from '../../../src/domain/ballot/strict-ranking.js';
import { NO_OPINION_RANK } from '../../../src/domain/ballot/ranking.js';
import { ELECTION_METHODS } from '../../../src/domain/election/election.js';
import { DomainError } from '../../../src/domain/errors.js';
import { anElection } from '../../support/builders/election-builder.js';
import { inMemoryWorld } from '../../support/builders/in-memory-world.js';

const KEY = '2021---GB';

async function setup(method: (typeof ELECTION_METHODS)[number]) {
  const w = inMemoryWorld([anElection().countedBy(method).build()]);
  const cast = new CastBallot(w.catalog, w.ballotBox, w.sealer, w.strength, w.clock, w.random);
  return { w, cast, alice: await w.signIn('alice') };
}

const tied = [
  { candidate: 'dims', rank: 1 },
  { candidate: 'paris', rank: 2 },
  { candidate: 'aaron', rank: 2 },
];

describe('an STV ballot: one candidate per rank, unranked = not preferred (issue 16)', () => {
  it.each(['stv-meek', 'stv-scottish', 'cpo-stv'] as const)(
    '%s refuses tied ranks with TIED_RANKS and a sentence naming them; nothing is stored',
    async (method) => {
      const { w, cast, alice } = await setup(method);
      const refused = cast.execute({ user: alice, electionKey: KEY, entries: tied, passphrase: '' });
      await expect(refused).rejects.toBeInstanceOf(DomainError);
      await expect(refused).rejects.toMatchObject({
        code: 'TIED_RANKS',
        message: expect.stringContaining('"paris" and "aaron" share rank 2'),
        details: { rank: 2, candidates: ['paris', 'aaron'] },
      });
      expect(await w.ballotBox.mark(KEY, alice.id)).toBeNull();
    },
  );

  it('takes a strict ranking with candidates left unranked, stored as Elekto stores "no opinion"', async () => {
    const { w, cast, alice } = await setup('stv-meek');
    await cast.execute({ user: alice, electionKey: KEY, entries: [{ candidate: 'aaron', rank: 1 }], passphrase: '' });
    const stored = [];
    for await (const b of w.ballotBox.ballots(KEY)) stored.push(b.entries);
    expect(stored).toEqual([
      [
        { candidate: 'dims', rank: NO_OPINION_RANK },
        { candidate: 'paris', rank: NO_OPINION_RANK },
        { candidate: 'aaron', rank: 1 },
      ],
    ]);
  });

  it.each(['schulze', 'ranked-pairs', 'minimax', 'copeland'] as const)('%s still takes ties', async (method) => {
    const { cast, alice } = await setup(method);
    await expect(cast.execute({ user: alice, electionKey: KEY, entries: tied, passphrase: '' })).resolves.toEqual({ linked: false, tracker: null });
  });

  it('names the first tie only, by its place in the order (gaps in the numbers do not matter)', () => {
    expect(() => requireRankingFitsMethod([['a'], ['b'], ['c', 'd'], ['e', 'f']], 'stv-scottish')).toThrow('"c" and "d" share rank 3');
    expect(() => requireRankingFitsMethod([['a'], ['b']], 'cpo-stv')).not.toThrow();
  });
});
