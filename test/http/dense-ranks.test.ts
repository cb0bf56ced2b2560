/**
 * Issue 11: the ranks a voter picks must not come back out as a signature. Over HTTP, a post of
 * 271828, 314159, 577215 reaches the officers' ballots.csv as 1,2,3, and a ballot Elekto stored with
 * 5,5,9 (rows written straight into `ballot`) exports as 1,1,2.
 */
import { randomUUID } from 'node:crypto';
import { findElectionId } from '../../src/adapters/persistence/typeorm/election-id.js';
import { ballotRowId } from '../../src/adapters/persistence/typeorm/sql-values.js';
import { anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import { type RunningWebOn, startWebOn, WEB_WORLD_KINDS } from '../support/http/web-worlds.js';

const DAY = 24 * 3600 * 1000;
const election = anElection()
  .key('2021---GB')
  .runningBetween(new Date(NOW.getTime() - DAY), new Date(NOW.getTime() + DAY))
  .candidates('dims', 'paris', 'aaron')
  .voters('alice')
  .officers('officer1')
  .build();
const path = `/app/elections/${election.key}`;

describe.each(WEB_WORLD_KINDS)('dense ranks over HTTP (%s)', (kind) => {
  let web: RunningWebOn;
  beforeAll(async () => {
    web = await startWebOn(kind, [election]);
  });
  afterAll(() => web.close());

  /** An Elekto-era ballot: its rows as Elekto wrote them, any integers, no pending pool. */
  async function insertElektoBallot(ranks: Record<string, number>): Promise<void> {
    const ballotId = randomUUID();
    const sql = web.opened.sql;
    if (!sql) {
      const entries = Object.entries(ranks).map(([candidate, rank]) => ({ candidate, rank }));
      const user = await web.world.signIn('elekto-era-voter');
      return web.world.ballotBox.cast({ electionKey: election.key, userId: user.id, ballotId, entries, link: null });
    }
    const { db } = sql.persistence;
    await db.transaction(async ({ manager }) => {
      const id = await findElectionId(manager, election.key);
      for (const [candidate, rank] of Object.entries(ranks)) {
        await manager.getRepository('ballot').insert({ id: ballotRowId(randomUUID()), election_id: id, rank, candidate, voter: ballotId });
      }
    });
  }

  it('a vote of 271828, 314159, 577215 exports as 1,2,3; an Elekto ballot stored 5,5,9 as 1,1,2', async () => {
    const alice = new TestClient(web.baseUrl);
    await alice.signInAs('alice');
    const posted = await alice.submit(`${path}/vote`, `${path}/vote`, {
      'candidate@dims': '271828',
      'candidate@paris': '314159',
      'candidate@aaron': '577215',
      password: 'correct horse battery',
      password_confirm: 'correct horse battery',
    });
    expect(posted.status).toBe(302);
    // The voter's own view shows the same dense ranks.
    const own = await alice.submit(path, `${path}/vote/view`, { password: 'correct horse battery' });
    expect(own.status).toBe(200);
    const ownRanks = [...(await own.text()).matchAll(/<tr><td>(\d+|No opinion)<\/td>/g)].map((m) => m[1]);
    expect(ownRanks).toEqual(['1', '2', '3']);

    await insertElektoBallot({ dims: 5, paris: 5, aaron: 9 });
    web.world.clock.set(new Date(NOW.getTime() + 2 * DAY));

    const officer = new TestClient(web.baseUrl);
    await officer.signInAs('officer1');
    const csv = await officer.get(`${path}/admin/download`);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toBe('dims,paris,aaron\n1,1,2\n1,2,3\n');
    const json = JSON.parse(await (await officer.get(`${path}/admin/download.json`)).text()) as { ballots: number[][] };
    expect(json.ballots).toEqual([
      [1, 1, 2],
      [1, 2, 3],
    ]);
  });
});
