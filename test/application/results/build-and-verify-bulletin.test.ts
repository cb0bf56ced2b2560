import { JcsSha256BulletinHasher } from '../../../src/adapters/crypto/jcs-sha256-bulletin-hasher.js';
import { BuildBulletin } from '../../../src/application/results/build-bulletin.js';
import { ComputeResults } from '../../../src/application/results/compute-results.js';
import { verifyBulletin } from '../../../src/application/results/verify-bulletin.js';
import type { Bulletin, CondorcetBulletinResult } from '../../../src/domain/bulletin/bulletin.js';
import { NO_OPINION_RANK } from '../../../src/domain/ballot/ranking.js';
import { anElection } from '../../support/builders/election-builder.js';
import { NOW, inMemoryWorld } from '../../support/builders/in-memory-world.js';
import { castMany, condorcet, r } from './results-support.js';

const KEY = '2026---steering';
const NO = NO_OPINION_RANK;
const hasher = new JcsSha256BulletinHasher();
const clone = (b: Bulletin): Bulletin & { ballots: Array<{ tracker: string | null; ranks: Record<string, number | null> }> } => JSON.parse(JSON.stringify(b));

async function setup(status: 'completed' | 'running' = 'completed') {
  const election = anElection().key(KEY).candidates('ada', 'grace', 'alan').status(status, NOW).build();
  const w = inMemoryWorld([election]);
  await castMany(w, KEY, [
    r(['ada', 271828], ['grace', 314159], ['alan', 577215]),
    r(['ada', 2], ['grace', 1], ['alan', NO]),
    r(['ada', 1], ['grace', 1], ['alan', 2], ['ghost', 1]),
    r(['ada', 1], ['grace', 3], ['alan', 2]),
  ]);
  return { w, build: new BuildBulletin(w.catalog, w.ballotBox, w.clock, hasher), compute: new ComputeResults(w.catalog, w.ballotBox, w.clock) };
}

describe('BuildBulletin', () => {
  it("shows every ballot with dense ranks and null for No opinion, no ballot ids, sorted by ballot hash, with the officers' result", async () => {
    const { w, build, compute } = await setup();
    const b = await build.execute({ electionKey: KEY, requester: null });
    expect(b.format).toBe('elekto-bulletin/1');
    expect(b.election).toMatchObject({
      key: KEY,
      candidates: ['ada', 'grace', 'alan'],
      method: { name: 'schulze', strength: 'winning', unranked: 'no-opinion' },
      seatCap: null,
    });
    expect(b.ballotCount).toBe(4);
    expect(b.ballots.map((x) => x.ranks)).toEqual(
      expect.arrayContaining([
        { ada: 1, grace: 2, alan: 3 },
        { ada: 2, grace: 1, alan: null },
        { ada: 1, grace: 1, alan: 2 },
        { ada: 1, grace: 3, alan: 2 },
      ]),
    );
    expect(JSON.stringify(b)).not.toMatch(/ghost|271828/);
    for (const id of (await collect(w.ballotBox.ballots(KEY))).map((x) => x.ballotId)) expect(JSON.stringify(b)).not.toContain(id);
    const hashes = b.ballots.map((x) => hasher.ballotHash(x));
    expect(hashes).toEqual([...hashes].sort());
    const results = condorcet(await compute.execute({ electionKey: KEY, requester: null }));
    expect((b.result as CondorcetBulletinResult).ranking).toEqual(results.tally.ranking);
    expect(b.result.winners).toEqual(results.tally.winners);
    expect(b.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is for officers, and only once the election is over', async () => {
    const running = await setup('running');
    await expect(running.build.execute({ electionKey: KEY, requester: null })).rejects.toMatchObject({ code: 'ELECTION_NOT_COMPLETED' });
    const { w, build } = await setup();
    const stranger = await w.signIn('stranger');
    await expect(build.execute({ electionKey: KEY, requester: stranger })).rejects.toMatchObject({ code: 'NOT_AN_OFFICER' });
  });
});

describe('verifyBulletin names what differs', () => {
  it('a changed rank: the digest, and the pair of ballots it put out of order', async () => {
    const b = clone(await (await setup()).build.execute({ electionKey: KEY, requester: null }));
    const changed = b.ballots.findIndex((x) => x.ranks.alan === null);
    b.ballots[changed]!.ranks.alan = 1;
    const v = verifyBulletin(b, hasher);
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual(
      expect.stringMatching(/^The digest in the file \([0-9a-f]{64}\) does not match its contents, which hash to [0-9a-f]{64}/),
    );
  });

  it('a missing or an added ballot: the count says which', async () => {
    const b = clone(await (await setup()).build.execute({ electionKey: KEY, requester: null }));
    const less = clone(b);
    less.ballots.pop();
    expect(verifyBulletin(less, hasher).problems[0]).toBe('The file holds 3 ballots; its ballotCount says 4: 1 ballot missing.');
    const more = clone(b);
    more.ballots.push({ tracker: null, ranks: { ada: 1, grace: null, alan: null } });
    expect(verifyBulletin(more, hasher).problems[0]).toBe('The file holds 5 ballots; its ballotCount says 4: 1 ballot added.');
  });

  it('a result that the ballots do not give', async () => {
    const b = clone(await (await setup()).build.execute({ electionKey: KEY, requester: null }));
    (b.result as unknown as { winners: string[] }).winners = ['alan'];
    expect(verifyBulletin(b, hasher).problems).toContainEqual(
      expect.stringMatching(/^The result's winners in the file is \["alan"\]; its ballots give \["ada"\]\.$/),
    );
  });

  it('a published digest that differs, and a file that is not a bulletin', async () => {
    const b = await (await setup()).build.execute({ electionKey: KEY, requester: null });
    const v = verifyBulletin(clone(b), hasher, { publishedDigest: 'AB'.repeat(32) });
    expect(v.problems).toEqual([`The contents hash to ${b.digest}, not to the published digest ${'ab'.repeat(32)}: this is not the published bulletin.`]);
    expect(verifyBulletin(clone(b), hasher, { publishedDigest: ` ${b.digest.toUpperCase()}\n` }).ok).toBe(true);
    expect(verifyBulletin([1, 2], hasher)).toMatchObject({ ok: false, digest: null, problems: ['The bulletin must be one JSON object.'] });
    const bad = clone(b);
    bad.ballots[0]!.ranks.ada = 0;
    bad.ballots[1]!.ranks = { ada: 1, grace: 3, alan: null };
    expect(verifyBulletin(bad, hasher).problems).toEqual([
      expect.stringMatching(/^ballot 1: the rank of "ada" must be a whole number from 1 up or null, not 0\.$/),
      'ballot 2: ranks must be dense (1, 2, 3 … with no gap); found 1, 3.',
    ]);
  });

  it('against a reference copy: changed (by tracker), missing and added ballots, and election members', async () => {
    const b = clone(await (await setup()).build.execute({ electionKey: KEY, requester: null }));
    b.ballots[0]!.tracker = 't-1';
    const reference = clone(b);
    b.ballots[0]!.ranks = { ada: 3, grace: 2, alan: 1 };
    b.ballots.splice(1, 1, { tracker: null, ranks: { ada: null, grace: null, alan: 1 } });
    (b.election as { name: string }).name = 'Forged';
    const problems = verifyBulletin(b, hasher, { reference }).problems.filter((p) => p.startsWith('Against the reference'));
    expect(problems).toEqual([
      expect.stringMatching(/^Against the reference: election\.name differs: "Forged" here, ".*" in the reference\.$/),
      `Against the reference: changed ballot (tracker t-1): ${JSON.stringify(reference.ballots[0]!.ranks)} in the reference, {"ada":3,"grace":2,"alan":1} here.`,
      'Against the reference: added ballot, not in the reference: ranks {"ada":null,"grace":null,"alan":1}.',
      expect.stringMatching(/^Against the reference: missing ballot, in the reference but not here: ranks \{/),
    ]);
  });
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
