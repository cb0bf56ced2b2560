/**
 * Issue 10: what a voter is told when the store fails under a cast. The mark and the ballot are one
 * transaction, so the mark read afterwards says which way the commit went.
 */
import type { BallotBox, CastBallot as CastInput } from '../../../src/application/ports/ballot-box.js';
import { CastBallot } from '../../../src/application/voting/cast-ballot.js';
import { DomainError } from '../../../src/domain/errors.js';
import { anElection } from '../../support/builders/election-builder.js';
import { inMemoryWorld } from '../../support/builders/in-memory-world.js';

const KEY = '2021---GB';
const vote = [{ candidate: 'paris', rank: 1 }];

/** The world's ballot box, whose casts fail with `failure`, after storing the ballot when `landed`. */
function failingCasts(box: BallotBox, failure: DomainError, landed: boolean): BallotBox {
  return new Proxy(box, {
    get(target, name, receiver) {
      if (name === 'cast') {
        return async (ballot: CastInput) => {
          if (landed) await target.cast(ballot);
          throw failure;
        };
      }
      const value = Reflect.get(target, name, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function setup(failure: DomainError, landed: boolean, markUnreadable = false) {
  const w = inMemoryWorld([anElection().build()]);
  const alice = await w.signIn('alice');
  const box = failingCasts(w.ballotBox, failure, landed);
  const cast = new CastBallot(w.catalog, box, w.sealer, w.strength, w.clock, w.random);
  // The early "already voted" check reads the mark before the cast; only later reads fail.
  if (markUnreadable) {
    let reads = 0;
    const original = box.mark.bind(box);
    box.mark = async (...args) => (++reads > 1 ? Promise.reject(new DomainError('STORE_UNAVAILABLE', 'down')) : original(...args));
  }
  return { w, cast, alice };
}

const writeFailed = new DomainError('WRITE_FAILED', 'Nothing was saved.', { kind: 'disk full' });
const connectionLost = new DomainError('STORE_UNAVAILABLE', 'The database is unavailable right now; please try again in a moment.');

describe('CastBallot when the store fails', () => {
  it('says the ballot was not recorded when the write failed and nothing was kept', async () => {
    const { w, cast, alice } = await setup(writeFailed, false);
    await expect(cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '' })).rejects.toMatchObject({
      code: 'BALLOT_NOT_RECORDED',
      message: expect.stringMatching(/your ballot was not recorded.*try again/i),
    });
    expect(await w.ballotBox.countVoters(KEY)).toBe(0);
  });

  it('confirms the vote when the connection was cut after the commit landed', async () => {
    const { w, cast, alice } = await setup(connectionLost, true);
    await expect(cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '' })).resolves.toEqual({ linked: false, tracker: null });
    expect(await w.ballotBox.countVoters(KEY)).toBe(1);
  });

  it('does not claim "not recorded" when the connection was cut and the outcome cannot be read', async () => {
    const { cast, alice } = await setup(connectionLost, false, true);
    await expect(cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '' })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('lets other errors through unchanged', async () => {
    const other = new DomainError('ELECTION_NOT_FOUND', 'gone');
    const { cast, alice } = await setup(other, false);
    await expect(cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '' })).rejects.toBe(other);
  });
});
