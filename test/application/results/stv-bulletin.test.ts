/**
 * The bulletin carries the election's own method (issues 15 and 16 together): an STV election is
 * frozen at the close with its STV count (winners in order, the seed, the draws by lot), a Condorcet
 * election with its own Condorcet method, and `verifyBulletin` recounts either with the same engine.
 */
import { JcsSha256BulletinHasher } from '../../../src/adapters/crypto/jcs-sha256-bulletin-hasher.js';
import { CheckBulletin } from '../../../src/application/results/check-bulletin.js';
import { ComputeResults } from '../../../src/application/results/compute-results.js';
import { FreezeBulletin } from '../../../src/application/results/freeze-bulletin.js';
import { FreezeClosedElections } from '../../../src/application/results/freeze-closed-elections.js';
import { verifyBulletin } from '../../../src/application/results/verify-bulletin.js';
import type { Bulletin, StvBulletinResult } from '../../../src/domain/bulletin/bulletin.js';
import type { Election } from '../../../src/domain/election/election.js';
import type { RankEntry } from '../../../src/domain/ballot/ranking.js';
import { aCandidate, anElection } from '../../support/builders/election-builder.js';
import { NOW, inMemoryWorld } from '../../support/builders/in-memory-world.js';
import { castMany, condorcet, r, stvOf } from './results-support.js';

const hasher = new JcsSha256BulletinHasher();
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A completed election with these ballots, frozen the way `serve` does it at the close. */
async function frozenAt(election: Election, ballots: ReadonlyArray<readonly [number, readonly RankEntry[]]>) {
  const w = inMemoryWorld([election]);
  for (const [copies, entries] of ballots) await castMany(w, election.key, [entries], copies);
  const freeze = new FreezeBulletin(w.catalog, w.ballotBox, w.frozenBulletins, w.clock, hasher);
  expect(await new FreezeClosedElections(w.catalog, freeze, w.clock).execute()).toEqual({ frozen: 1, failed: [] });
  const check = await new CheckBulletin(w.catalog, freeze, w.frozenBulletins, w.clock, hasher).execute({ electionKey: election.key, requester: null });
  // The officers' own count, for comparison (CPO-STV past its limit refuses it: then undefined).
  const officers = await new ComputeResults(w.catalog, w.ballotBox, w.clock).execute({ electionKey: election.key, requester: null }).catch(() => undefined);
  return { w, check, officers: officers!, frozen: check.frozen, bulletin: check.bulletin };
}

const board = (method: Election['method'], seats = 2) =>
  anElection().key('2026---board').countedBy(method).seats(seats).candidates('dims', 'paris', 'aaron', 'bob').status('completed', NOW).build();

describe('the bulletin of an STV election, frozen at the close', () => {
  it.each(['stv-meek', 'stv-scottish', 'cpo-stv'] as const)(
    '%s: records the method and its seed, and the winners in order of election as the officers count them; it verifies',
    async (method) => {
      const election = board(method);
      const { check, officers, frozen, bulletin } = await frozenAt(election, [
        [5, r(['dims', 1], ['paris', 2])],
        [3, r(['paris', 1], ['aaron', 2], ['dims', 3])],
        [2, r(['aaron', 1], ['bob', 2])],
        [1, r(['bob', 1])],
      ]);
      expect(check).toMatchObject({ intact: true, problems: [] });
      expect(bulletin.election.method).toEqual({ name: method, seed: `2026---board@${election.endsAt.toISOString()}` });
      const result = bulletin.result as StvBulletinResult;
      expect(result.winners).toEqual(stvOf(officers).stv.winners);
      expect(result.draws).toEqual(stvOf(officers).stv.draws);
      const v = verifyBulletin(clone(bulletin), hasher, { publishedDigest: frozen.digest });
      expect(v).toMatchObject({ ok: true, problems: [], method, winners: result.winners, ranking: null, tieAtCutoff: null, refused: null });
    },
  );

  it('records a tie broken by lot, drawn from the seed the bulletin names, exactly as the officers drew it', async () => {
    // Three candidates with one first preference each, one seat: Meek must exclude one of them by lot first.
    const { officers, bulletin, frozen } = await frozenAt(board('stv-meek', 1), [
      [1, r(['dims', 1])],
      [1, r(['paris', 1])],
      [1, r(['aaron', 1])],
    ]);
    const draws = (bulletin.result as StvBulletinResult).draws;
    expect(draws.length).toBeGreaterThan(0);
    expect(draws).toEqual(stvOf(officers).stv.draws);
    expect(verifyBulletin(clone(bulletin), hasher, { publishedDigest: frozen.digest }).ok).toBe(true);
    // Another seed may draw otherwise: whatever it draws, the file's own seed is what the recount uses.
    const reseeded = clone(bulletin) as Bulletin & { election: { method: { seed: string } } };
    reseeded.election.method.seed = 'chosen afterwards';
    const v = verifyBulletin(reseeded, hasher, { publishedDigest: frozen.digest });
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual(expect.stringMatching(/not to the published digest/));
  });

  it('catches a single changed ballot: in the file (digest, order or recount), and in the database after the close (the check names it)', async () => {
    const election = board('stv-meek');
    const { w, bulletin, frozen } = await frozenAt(election, [
      [4, r(['dims', 1], ['paris', 2])],
      [3, r(['paris', 1], ['dims', 2])],
      [2, r(['aaron', 1])],
    ]);
    const edited = clone(bulletin) as Bulletin & { ballots: Array<{ ranks: Record<string, number | null> }> };
    const i = edited.ballots.findIndex((b) => b.ranks['aaron'] === 1);
    edited.ballots[i]!.ranks = { dims: null, paris: null, aaron: 2, bob: 1 };
    const v = verifyBulletin(edited, hasher, { publishedDigest: frozen.digest, reference: clone(bulletin) });
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual(expect.stringMatching(/^The digest in the file \([0-9a-f]{64}\) does not match its contents/));
    expect(v.problems).toContainEqual(
      expect.stringMatching(/^Against the reference: added ballot, not in the reference: ranks \{"dims":null,"paris":null,"aaron":2,"bob":1\}/),
    );

    // A ballot slipped into the store after the close, as only a database hand could.
    const mallory = await w.signIn('mallory');
    await w.ballotBox.cast({ electionKey: election.key, userId: mallory.id, ballotId: w.random.uuid(), entries: r(['bob', 1]), link: null });
    const freeze = new FreezeBulletin(w.catalog, w.ballotBox, w.frozenBulletins, w.clock, hasher);
    const check = await new CheckBulletin(w.catalog, freeze, w.frozenBulletins, w.clock, hasher).execute({ electionKey: election.key, requester: null });
    expect(check.intact).toBe(false);
    expect(check.problems).toContain('9 ballots at the close, 10 now: 1 added since.');
  });

  it('still freezes the ballots when CPO-STV refuses the count (past its limit): winners null, and the recount says why', async () => {
    const many = Array.from({ length: 14 }, (_, i) => aCandidate(`c${i + 1}`));
    const election = anElection()
      .key('2026---board')
      .countedBy('cpo-stv')
      .seats(6)
      .candidates(...many)
      .status('completed', NOW)
      .build();
    const { bulletin, frozen } = await frozenAt(election, [[3, r(['c1', 1], ['c2', 2])]]);
    expect(bulletin.result).toEqual({ winners: null, draws: [] });
    const v = verifyBulletin(clone(bulletin), hasher, { publishedDigest: frozen.digest });
    expect(v).toMatchObject({ ok: true, winners: null });
    expect(v.refused).toMatch(/CPO-STV would have to compare \d+ outcomes/);
  });
});

describe('the bulletin of a Condorcet election carries its own method', () => {
  it("freezes with the election's method (ranked-pairs here), not the Schulze default", async () => {
    const election = board('ranked-pairs', 1);
    const { bulletin, officers, frozen } = await frozenAt(election, [
      [2, r(['dims', 1], ['paris', 2])],
      [1, r(['paris', 1], ['dims', 2])],
    ]);
    expect(bulletin.election.method).toEqual({ name: 'ranked-pairs', strength: 'winning', unranked: 'no-opinion' });
    expect(bulletin.result.winners).toEqual(condorcet(officers).tally.winners);
    expect(verifyBulletin(clone(bulletin), hasher, { publishedDigest: frozen.digest })).toMatchObject({ ok: true, method: 'ranked-pairs', draws: null });
  });
});
