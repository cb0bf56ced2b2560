/**
 * The bulletin's promise as properties over random elections: a bulletin as built verifies, its
 * order and digest do not depend on the order of voting, and any single change to it is caught —
 * by the file alone when the change leaves the digest behind, by the published digest when the
 * tamperer recomputed everything.
 */
import fc from 'fast-check';
import { JcsSha256BulletinHasher } from '../../../src/adapters/crypto/jcs-sha256-bulletin-hasher.js';
import { makeBulletin } from '../../../src/application/results/build-bulletin.js';
import { verifyBulletin } from '../../../src/application/results/verify-bulletin.js';
import type { Bulletin, BulletinBallot, BulletinElection, BulletinMethod } from '../../../src/domain/bulletin/bulletin.js';
import { bulletinBallot } from '../../../src/domain/bulletin/bulletin-ballot.js';
import { NO_OPINION_RANK } from '../../../src/domain/ballot/ranking.js';
import { PAIR_STRENGTHS, STV_METHODS, TALLY_METHODS } from '../../../src/domain/tally/index.js';

const hasher = new JcsSha256BulletinHasher();
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const anElection = fc
  .record({
    size: fc.integer({ min: 1, max: 5 }),
    seats: fc.integer({ min: 1, max: 3 }),
    name: fc.string(),
    method: fc.constantFrom(...TALLY_METHODS, ...STV_METHODS),
    strength: fc.constantFrom(...PAIR_STRENGTHS),
    unranked: fc.constantFrom('no-opinion' as const, 'last' as const),
    capped: fc.boolean(),
  })
  .map(({ size, seats, name, method, strength, unranked, capped }): BulletinElection => {
    const candidates = ['ada', 'grace', 'alan', 'édith', 'линус'].slice(0, size);
    return {
      key: '2026---steering',
      name,
      candidates,
      seats,
      method: (STV_METHODS as readonly string[]).includes(method)
        ? ({ name: method, seed: `2026---steering@${name}` } as BulletinMethod)
        : ({ name: method, strength, unranked } as BulletinMethod),
      seatCap: capped ? { field: 'employer', limit: 1, values: Object.fromEntries(candidates.map((c, i) => [c, i % 2 ? 'Acme' : null])) } : null,
      closesAt: '2026-11-30T23:59:59.000Z',
    };
  });

const anElectionWithBallots = anElection.chain((election) =>
  fc.tuple(
    fc.constant(election),
    fc.array(
      fc
        .tuple(
          fc.array(fc.oneof(fc.constant(NO_OPINION_RANK), fc.integer({ min: 1, max: 9 })), {
            minLength: election.candidates.length,
            maxLength: election.candidates.length,
          }),
          fc.option(fc.stringMatching(/^[0-9a-f]{4,8}$/), { freq: 3 }),
        )
        .map(([ranks, tracker]) =>
          bulletinBallot(
            election.candidates,
            election.candidates.map((candidate, i) => ({ candidate, rank: ranks[i]! })),
            tracker,
          ),
        ),
      { minLength: 1, maxLength: 25 },
    ),
  ),
);

/** One change a careless or malicious editor could make; each returns false when it would change nothing. */
type Change = (b: Bulletin & Record<string, unknown>, pick: number) => boolean;
const CHANGES: Record<string, Change> = {
  'a rank': (b, pick) => {
    const ballot = b.ballots[pick % b.ballots.length]! as { ranks: Record<string, number | null> };
    const c = b.election.candidates[pick % b.election.candidates.length]!;
    ballot.ranks[c] = ballot.ranks[c] === 1 ? null : 1;
    return true;
  },
  'a ballot removed': (b, pick) => ((b.ballots as BulletinBallot[]).splice(pick % b.ballots.length, 1), true),
  'a ballot added': (b, pick) => ((b.ballots as BulletinBallot[]).splice(pick % (b.ballots.length + 1), 0, clone(b.ballots[pick % b.ballots.length]!)), true),
  'a tracker': (b, pick) => (((b.ballots[pick % b.ballots.length] as { tracker: string | null }).tracker = 'forged'), true),
  'the election name': (b) => (((b.election as { name: string }).name += '!'), true),
  'the seats': (b) => (((b.election as { seats: number }).seats += 1), true),
  'the method': (b) => {
    const m = b.election.method as { name: string };
    if (m.name.startsWith('stv-')) m.name = m.name === 'stv-meek' ? 'stv-scottish' : 'stv-meek';
    else if (m.name === 'cpo-stv') m.name = 'stv-meek';
    else m.name = m.name === 'schulze' ? 'minimax' : 'schulze';
    return true;
  },
  'the seed of an STV count': (b) => {
    const m = b.election.method as { seed?: string };
    if (m.seed === undefined) return false;
    m.seed += '!';
    return true;
  },
  'the close time': (b) => (((b.election as { closesAt: string }).closesAt = '2026-12-01T00:00:00.000Z'), true),
  'the candidate order': (b) => {
    const c = b.election.candidates as string[];
    if (c.length < 2) return false;
    c.reverse();
    return true;
  },
  'the ballot count': (b) => (((b as { ballotCount: number }).ballotCount += 1), true),
  'the result': (b) => {
    const r = b.result as { tieAtCutoff?: boolean; draws?: unknown[] };
    if (r.draws) r.draws.push({ round: 1, among: ['ada', 'grace'], chosen: 'ada', purpose: 'elect' });
    else r.tieAtCutoff = !r.tieAtCutoff;
    return true;
  },
  'the order of STV winners': (b) => {
    const winners = (b.result as { draws?: unknown; winners: string[] | null }).winners;
    if (!('draws' in b.result) || !winners || winners.length < 2) return false;
    winners.reverse();
    return true;
  },
  'the digest': (b) => (((b as { digest: string }).digest = (b.digest[0] === '0' ? '1' : '0') + b.digest.slice(1)), true),
};

describe('bulletin properties', () => {
  it('a bulletin as built verifies, and its recount is its result', () => {
    fc.assert(
      fc.property(anElectionWithBallots, ([election, ballots]) => {
        const bulletin = makeBulletin(election, ballots, hasher);
        const v = verifyBulletin(clone(bulletin), hasher, { publishedDigest: bulletin.digest });
        expect(v.problems).toEqual([]);
        expect(v.ok).toBe(true);
        expect(v.digest).toBe(bulletin.digest);
        expect(v.winners).toEqual(bulletin.result.winners);
        if ('ranking' in bulletin.result) expect(v.ranking).toEqual(bulletin.result.ranking);
      }),
      { numRuns: 150 },
    );
  });

  it('the order and the digest do not depend on the order of voting', () => {
    fc.assert(
      fc.property(anElectionWithBallots, fc.integer(), ([election, ballots], seed) => {
        const shuffled = [...ballots].sort((a, b) => ((JSON.stringify(a).length * seed) % 7) - ((JSON.stringify(b).length * seed) % 7)).reverse();
        expect(makeBulletin(election, shuffled, hasher)).toEqual(makeBulletin(election, ballots, hasher));
      }),
      { numRuns: 100 },
    );
  });

  it('any single change is caught from the file alone', () => {
    fc.assert(
      fc.property(anElectionWithBallots, fc.constantFrom(...Object.keys(CHANGES)), fc.nat(), ([election, ballots], change, pick) => {
        const tampered = clone(makeBulletin(election, ballots, hasher)) as Bulletin & Record<string, unknown>;
        fc.pre(CHANGES[change]!(tampered, pick));
        const v = verifyBulletin(tampered, hasher);
        expect(v.ok).toBe(false);
        expect(v.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 250 },
    );
  });

  it('a change with everything recomputed passes the file alone but not the published digest, and the reference names it', () => {
    fc.assert(
      fc.property(anElectionWithBallots, fc.nat(), ([election, ballots], pick) => {
        const original = makeBulletin(election, ballots, hasher);
        const forged = [...ballots];
        forged.splice(pick % forged.length, 1);
        const remade = makeBulletin(election, forged, hasher);
        expect(verifyBulletin(clone(remade), hasher).ok).toBe(true);
        const v = verifyBulletin(clone(remade), hasher, { publishedDigest: original.digest, reference: clone(original) });
        expect(v.ok).toBe(false);
        expect(v.problems).toContainEqual(expect.stringMatching(/not to the published digest/));
        expect(v.problems).toContainEqual(expect.stringMatching(/missing ballot, in the reference but not here/));
      }),
      { numRuns: 100 },
    );
  });
});
