import type Router from '@koa/router';
import type Koa from 'koa';
import { anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import { type RunningWebOn, startWebOn } from '../support/http/web-worlds.js';
import { snapshotTables } from './table-snapshot.js';
import { JcsSha256BulletinHasher } from '../../src/adapters/crypto/jcs-sha256-bulletin-hasher.js';
import { FreezeBulletin } from '../../src/application/results/freeze-bulletin.js';

const DAY = 24 * 3600 * 1000;
const PASS = 'violet tractor under seven lanterns';
// delete_after: Elekto destroyed every voter's ballot link on the first results view, so a GET (even
// a cross-site link under SameSite=Lax) could do it. No GET may change anything.
const election = anElection()
  .key('2025---TOC')
  .named('TOC 2025')
  .runningBetween(new Date(NOW.getTime() - DAY), new Date(NOW.getTime() + DAY))
  .exceptionsDue(new Date(NOW.getTime() + DAY / 2))
  .candidates('dims', 'paris', 'grace')
  .voters('alice', 'bob')
  .officers('olivia')
  .deleteAfter()
  .build();
const path = `/app/elections/${election.key}`;

/** Every GET path the app routes, its parameters filled in: walked from the routers, so a new route is covered too. */
function getPaths(app: Koa): string[] {
  const fill: Record<string, string> = { key: election.key, rid: '1', cid: 'dims' };
  const paths = new Set<string>();
  for (const mw of app.middleware) {
    const router = (mw as unknown as { router?: Router }).router;
    if (!router) continue;
    for (const layer of router.stack) {
      if (!layer.methods.includes('GET')) continue;
      paths.add(
        String(layer.path).replace(/:(\w+)/g, (_, name: string) => {
          if (!(name in fill)) throw new Error(`No value for route parameter :${name} (${layer.path}); add one to the test.`);
          return encodeURIComponent(fill[name]!);
        }),
      );
    }
  }
  return [...paths].sort();
}

describe('no GET changes state', () => {
  let web: RunningWebOn;
  beforeAll(async () => {
    web = await startWebOn('sqlite', [election]);
  });
  afterAll(() => web.close());

  it('requesting every GET route as an officer and as a voter after the close leaves every table as it was', async () => {
    const alice = new TestClient(web.baseUrl);
    await alice.signInAs('alice');
    const cast = await alice.submit(`${path}/vote`, `${path}/vote`, { 'candidate@dims': '1', 'candidate@paris': '2', password: PASS, password2: PASS });
    expect(cast.status).toBe(302);
    const erin = new TestClient(web.baseUrl);
    await erin.signInAs('erin');
    const filed = await erin.submit(`${path}/exception`, `${path}/exception`, {
      name: 'Erin',
      email: 'erin@example.org',
      chat: 'erin',
      description: 'I review PRs',
      comments: '',
    });
    expect(filed.status).toBe(302);

    const olivia = new TestClient(web.baseUrl);
    await olivia.signInAs('olivia');
    web.world.clock.set(new Date(NOW.getTime() + 2 * DAY));
    // The pending pool is emptied and the bulletin frozen at the close by `serve` (SettleClosedElections,
    // FreezeClosedElections); do it as it would.
    await web.world.ballotBox.flush(election.key);
    const w = web.world;
    await new FreezeBulletin(w.catalog, w.ballotBox, w.frozenBulletins, w.clock, new JcsSha256BulletinHasher()).execute(election.key);
    const dataSource = web.opened.sql!.persistence.dataSource;
    const before = await snapshotTables(dataSource);

    const paths = getPaths(web.app);
    expect(paths).toEqual(
      expect.arrayContaining([`${path}/admin/results`, `${path}/admin/results.md`, `${path}/admin/download`, `${path}/admin/bulletin.json`]),
    );
    const officerSaw: Record<string, number> = {};
    for (const p of paths) officerSaw[p] = (await olivia.get(p)).status;
    for (const p of paths) await alice.get(p);
    expect(officerSaw[`${path}/admin/results`]).toBe(200);
    expect(officerSaw[`${path}/admin/results.md`]).toBe(200);
    expect(await snapshotTables(dataSource)).toEqual(before);

    // And so Alice can still open her ballot after the officers read the results.
    const view = await alice.submit(path, `${path}/vote/view`, { password: PASS });
    expect(view.status).toBe(200);
  });
});
