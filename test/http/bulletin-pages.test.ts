/**
 * Issue 15 over HTTP: the tracker on the confirmation page and on "view my ballot", the digest on the
 * public page after the close, bulletin.json for officers and (publish_ballots) for anyone after the
 * close only, the digest in the results.md draft, and the officers told when ballots changed since.
 */
import { JcsSha256BulletinHasher } from '../../src/adapters/crypto/jcs-sha256-bulletin-hasher.js';
import { FreezeBulletin } from '../../src/application/results/freeze-bulletin.js';
import type { Bulletin } from '../../src/domain/bulletin/bulletin.js';
import { anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';
import { STRONG_PASSPHRASE } from '../support/passphrases.js';

const DAY = 24 * 3_600_000;
const TRACKER = /[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}/;
const opted = anElection()
  .key('2026---open')
  .named('Open count')
  .candidates('ada', 'grace', 'alan')
  .voters('alice', 'bob')
  .officers('olivia')
  .publishBallots()
  .ballotTrackers()
  .status('running', NOW)
  .build();
const quiet = anElection()
  .key('2026---quiet')
  .named('Quiet count')
  .candidates('ada', 'grace')
  .voters('alice')
  .officers('olivia')
  .status('running', NOW)
  .build();

let web: RunningWeb;
beforeAll(async () => {
  web = await startWeb([opted, quiet]);
});
afterAll(() => web.close());

const vote = async (client: TestClient, key: string, fields: Record<string, string>) =>
  client.submit(`/app/elections/${key}/vote`, `/app/elections/${key}/vote`, { ...fields, password: STRONG_PASSPHRASE, password_confirm: STRONG_PASSPHRASE });

describe('bulletin and trackers over HTTP', () => {
  let aliceTracker = '';
  const alice = () => new TestClient(web.baseUrl);

  it('shows a new ballot its tracker on the confirmation page and on "view my ballot", never in the cookie', async () => {
    const a = alice();
    await a.signInAs('alice');
    expect((await vote(a, opted.key, { 'candidate@ada': '1', 'candidate@grace': '2', 'candidate@alan': 'none' })).status).toBe(302);
    const thanks = await (await a.get(`/app/elections/${opted.key}/confirmation`)).text();
    aliceTracker = /id="cast-tracker">([^<]+)</.exec(thanks)?.[1] ?? '';
    expect(aliceTracker).toMatch(TRACKER);
    expect(Buffer.from(a.rawCookie('elekto.session') ?? '', 'base64').toString('utf8')).not.toContain(aliceTracker);
    const own = await (await a.submit(`/app/elections/${opted.key}`, `/app/elections/${opted.key}/vote/view`, { password: STRONG_PASSPHRASE })).text();
    expect(own).toContain(`id="own-tracker">${aliceTracker}<`);

    await vote(a, quiet.key, { 'candidate@ada': '1', 'candidate@grace': '2' });
    expect(await (await a.get(`/app/elections/${quiet.key}/confirmation`)).text()).not.toContain('cast-tracker');
  });

  let bobOld = '';
  let bobNew = '';
  it('gives a changed ballot a new tracker, shown on the confirmation page; the old one leaves with the old ballot', async () => {
    const bob = new TestClient(web.baseUrl);
    await bob.signInAs('bob');
    const cast = await vote(bob, opted.key, { 'candidate@ada': 'none', 'candidate@grace': '1', 'candidate@alan': '2' });
    expect([cast.status, cast.status === 302 ? '' : await cast.text()]).toEqual([302, '']);
    bobOld = /id="cast-tracker">([^<]+)</.exec(await (await bob.get(`/app/elections/${opted.key}/confirmation`)).text())?.[1] ?? '';
    expect(bobOld).toMatch(TRACKER);
    const path = `/app/elections/${opted.key}`;
    const replaced = await bob.submit(path, `${path}/vote/replace`, {
      'candidate@ada': '1',
      'candidate@grace': '2',
      'candidate@alan': '3',
      current_password: STRONG_PASSPHRASE,
      password: '',
      password_confirm: '',
    });
    expect(replaced.status).toBe(302);
    const thanks = await (await bob.get(`${path}/confirmation`)).text();
    expect(thanks).toContain('Your vote is changed');
    bobNew = /id="cast-tracker">([^<]+)</.exec(thanks)?.[1] ?? '';
    expect(bobNew).toMatch(TRACKER);
    expect(bobNew).not.toBe(bobOld);
    const own = await (await bob.submit(path, `${path}/vote/view`, { password: STRONG_PASSPHRASE })).text();
    expect(own).toContain(`id="own-tracker">${bobNew}<`);
  });

  it('publishes nothing before the close', async () => {
    const visitor = new TestClient(web.baseUrl);
    expect((await visitor.get(`/elections/${opted.key}/bulletin.json`)).status).toBe(404);
    expect(await (await visitor.get(`/elections/${opted.key}`)).text()).not.toContain('bulletin-digest');
  });

  it('after the close: the frozen digest on the public page, the bulletin with the tracker for anyone, only where opted in', async () => {
    const closedAt = new Date(NOW.getTime() + 2 * DAY);
    web.world.clock.set(closedAt);
    const w = web.world;
    const visitor = new TestClient(web.baseUrl);
    // Closed but not frozen yet: the page (kept a few seconds only, so it needs no database read per
    // visit) has no digest; once frozen the digest shows after those seconds at the latest.
    expect(await (await visitor.get(`/elections/${opted.key}`)).text()).not.toContain('bulletin-digest');
    const freeze = new FreezeBulletin(w.catalog, w.ballotBox, w.frozenBulletins, w.clock, new JcsSha256BulletinHasher());
    const frozen = await freeze.execute(opted.key);
    await freeze.execute(quiet.key);
    web.world.clock.set(new Date(closedAt.getTime() + 5_000));

    const page = await (await visitor.get(`/elections/${opted.key}`)).text();
    expect(page).toContain(`id="bulletin-digest">${frozen.digest}<`);
    expect(page).toContain('id="tracker-lookup"');
    const res = await visitor.get(`/elections/${opted.key}/bulletin.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const bulletin = (await res.json()) as Bulletin;
    expect(bulletin.digest).toBe(frozen.digest);
    expect(bulletin.ballots.find((b) => b.tracker === aliceTracker)?.ranks).toEqual({ ada: 1, grace: 2, alan: null });
    // Bob's changed ballot is there under its new tracker only.
    expect(bulletin.ballots.find((b) => b.tracker === bobNew)?.ranks).toEqual({ ada: 1, grace: 2, alan: 3 });
    expect(bulletin.ballots.some((b) => b.tracker === bobOld)).toBe(false);
    expect(bulletin.ballots).toHaveLength(2);

    // The quiet election shows its digest (it reveals nothing) but keeps its ballots to its officers.
    expect(await (await visitor.get(`/elections/${quiet.key}`)).text()).toContain('bulletin-digest');
    expect((await visitor.get(`/elections/${quiet.key}/bulletin.json`)).status).toBe(404);
    expect(await (await visitor.get(`/elections/${quiet.key}`)).text()).not.toContain('tracker-lookup');
  });

  it('gives the officers bulletin.json and the digest in results.md, and warns them when ballots changed after the close', async () => {
    const olivia = new TestClient(web.baseUrl);
    await olivia.signInAs('olivia');
    const frozen = (await web.world.frozenBulletins.find(quiet.key))!;
    const results = await (await olivia.get(`/app/elections/${quiet.key}/admin/results`)).text();
    expect(results).toContain(frozen.digest);
    expect(results).toContain('/admin/bulletin.json');
    expect(results).not.toContain('The ballots changed after the close');
    const download = await olivia.get(`/app/elections/${quiet.key}/admin/bulletin.json`);
    expect(download.headers.get('content-disposition')).toContain('bulletin.json');
    expect(((await download.json()) as Bulletin).digest).toBe(frozen.digest);
    expect(await (await olivia.get(`/app/elections/${quiet.key}/admin/results.md`)).text()).toContain(`    ${frozen.digest}`);

    // A ballot that appears after the close (only a hand in the store could put it there).
    const mallory = await web.world.signIn('mallory');
    await web.world.ballotBox.cast({
      electionKey: quiet.key,
      userId: mallory.id,
      ballotId: web.world.random.uuid(),
      entries: [{ candidate: 'grace', rank: 1 }],
      link: null,
    });
    const warned = await (await olivia.get(`/app/elections/${quiet.key}/admin/results`)).text();
    expect(warned).toContain('The ballots changed after the close');
    expect(warned).toContain('1 ballot at the close, 2 now: 1 added since.');
  });
});
