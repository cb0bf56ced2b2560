import { JcsSha256BulletinHasher } from '../../../src/adapters/crypto/jcs-sha256-bulletin-hasher.js';
import { BuildBulletin } from '../../../src/application/results/build-bulletin.js';
import { ComputeResults } from '../../../src/application/results/compute-results.js';
import { verifyBulletin } from '../../../src/application/results/verify-bulletin.js';
import { NO_OPINION_RANK } from '../../../src/domain/ballot/ranking.js';
import { aCandidate, anElection, type ElectionBuilder } from '../../support/builders/election-builder.js';
import { NOW, inMemoryWorld } from '../../support/builders/in-memory-world.js';
import { castMany, condorcet, r, stvOf } from './results-support.js';

const KEY = '2021---GB';
const NO = NO_OPINION_RANK;

async function setup(build: ElectionBuilder) {
  const election = build.status('completed', NOW).build();
  const w = inMemoryWorld([election]);
  return { w, election, compute: new ComputeResults(w.catalog, w.ballotBox, w.clock) };
}

/**
 * Three Acme candidates with strong support, one each from Beta and Gamma, 3 seats, at most 2 per
 * employer (the Kubernetes steering committee charter's rule). Without the cap Acme takes all three.
 */
const acme = (cap: boolean) => {
  const b = anElection()
    .countedBy('stv-meek')
    .seats(3)
    .candidates(
      aCandidate('a1', { info: { employer: 'Acme' } }),
      aCandidate('a2', { info: { employer: 'acme ' } }),
      aCandidate('a3', { info: { employer: 'ACME' } }),
      aCandidate('beta', { info: { employer: 'Beta' } }),
      aCandidate('gamma', { info: {} }),
    );
  return cap ? b.seatCap({ field: 'employer', limit: 2 }) : b;
};
const acmeBallots = async (w: Awaited<ReturnType<typeof setup>>['w']) => {
  await castMany(w, KEY, [r(['a1', 1], ['a2', 2], ['a3', 3])], 40);
  await castMany(w, KEY, [r(['a2', 1], ['a1', 2], ['a3', 3])], 30);
  await castMany(w, KEY, [r(['a3', 1], ['a1', 2], ['a2', 3], ['beta', 4])], 30);
  await castMany(w, KEY, [r(['beta', 1], ['gamma', 2])], 22);
  await castMany(w, KEY, [r(['gamma', 1], ['beta', 2])], 8);
};

describe('ComputeResults for an STV election (issue 16)', () => {
  it("counts with the election's method over full ballots: winners in order of election, rounds with quota and keep values, the seed fixed by the election", async () => {
    const { w, election, compute } = await setup(acme(false));
    await acmeBallots(w);
    const res = stvOf(await compute.execute({ electionKey: KEY, requester: null }));
    expect(res.method).toBe('stv-meek');
    expect(res.stv.winners).toEqual(['a1', 'a2', 'a3']);
    expect(res.stv.seed).toBe(`${KEY}@${election.endsAt.toISOString()}`);
    expect(res.stv.rounds[0]).toMatchObject({ number: 1, quota: expect.stringMatching(/^32\.5/) });
    expect(res.stv.rounds[0]!.candidates.find((c) => c.candidate === 'a1')).toMatchObject({ votes: '40.000000000', keepValue: '1.000000000' });
    expect(res.turnout).toMatchObject({ ballots: 130 });
    expect(res.stvBallots).toEqual({ ballots: 130, empty: 0, cutAtTie: 0 });
  });

  it('passes over a candidate whose election would break the employer cap; their votes move on and the next candidate takes the seat', async () => {
    const { w, compute } = await setup(acme(true));
    await acmeBallots(w);
    const res = stvOf(await compute.execute({ electionKey: KEY, requester: null }));
    expect(res.stv.winners).toEqual(['a1', 'a2', 'beta']);
    const passed = res.stv.rounds.find((round) => round.candidates.some((c) => c.candidate === 'a3' && c.state === 'passed-over'))!;
    expect(passed.summary).toContain('a3 is passed over: "Acme" already has 2 seats (a1, a2); the cap is 2.');
    // a3's 30 first preferences went on (to a1, a2, then beta): beta ends above its 22 first preferences.
    const last = res.stv.rounds.at(-1)!;
    expect(Number(last.candidates.find((c) => c.candidate === 'beta')!.votes)).toBeGreaterThan(22);
  });

  it('reads a stored ballot with tied ranks (cast before the election used STV) up to the tie, and leaves out one that ranks nobody', async () => {
    const { w, compute } = await setup(anElection().countedBy('stv-scottish').seats(1));
    await castMany(w, KEY, [r(['dims', 1], ['paris', 2], ['aaron', 2])], 3);
    await castMany(w, KEY, [r(['paris', 1], ['aaron', 1], ['dims', 2])], 2);
    await castMany(w, KEY, [r(['aaron', 1], ['dims', NO], ['paris', NO])], 4);
    await castMany(w, KEY, [r(['aaron', NO], ['dims', NO], ['paris', NO])], 1);
    const res = stvOf(await compute.execute({ electionKey: KEY, requester: null }));
    // dims 3 (paris/aaron cut), aaron 4; the paris=aaron ballots rank nobody before their tie.
    expect(res.stvBallots).toEqual({ ballots: 10, empty: 3, cutAtTie: 5 });
    expect(res.stv.rounds[0]!.candidates.map((c) => [c.candidate, Number(c.votes)])).toEqual([
      ['dims', 3],
      ['paris', 0],
      ['aaron', 4],
    ]);
    expect(res.stv.winners).toEqual(['aaron']);
  });

  it('counts an STV election with a Condorcet method when asked (elekto results --method schulze), and an Elekto election with STV', async () => {
    const { w, compute } = await setup(acme(false));
    await acmeBallots(w);
    expect(condorcet(await compute.execute({ electionKey: KEY, requester: null, method: 'schulze' })).tally.winners).toEqual(['a1', 'a2', 'a3']);
    const plain = await setup(anElection());
    await castMany(plain.w, KEY, [r(['dims', 1], ['paris', 2])], 2);
    expect(stvOf(await plain.compute.execute({ electionKey: KEY, requester: null, method: 'cpo-stv' })).stv.winners).toEqual(['dims']);
    expect(condorcet(await plain.compute.execute({ electionKey: KEY, requester: null })).tally.method).toBe('schulze');
  });

  it("builds the bulletin with the election's STV method: its result is the officers' count (winners in order of election, the seed), and it verifies", async () => {
    const { w, election, compute } = await setup(acme(true));
    await acmeBallots(w);
    const build = new BuildBulletin(w.catalog, w.ballotBox, w.clock, new JcsSha256BulletinHasher());
    const bulletin = await build.execute({ electionKey: KEY, requester: null });
    const officers = stvOf(await compute.execute({ electionKey: KEY, requester: null }));
    expect(bulletin.election.method).toEqual({ name: 'stv-meek', seed: `${KEY}@${election.endsAt.toISOString()}` });
    expect(bulletin.result).toEqual({ winners: ['a1', 'a2', 'beta'], draws: [] });
    expect(bulletin.result.winners).toEqual(officers.stv.winners);
    expect(verifyBulletin(bulletin, new JcsSha256BulletinHasher(), { publishedDigest: bulletin.digest })).toMatchObject({
      ok: true,
      method: 'stv-meek',
      winners: ['a1', 'a2', 'beta'],
      ranking: null,
    });
  });
});
