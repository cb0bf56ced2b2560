import { anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';
import { STRONG_PASSPHRASE } from '../support/passphrases.js';

const DAY = 24 * 3600 * 1000;
// delete_after: computing results purges the voters' ballot links, so the dashboard must not compute them.
const election = anElection()
  .key('2025---TOC')
  .named('TOC 2025')
  .runningBetween(new Date(NOW.getTime() - DAY), new Date(NOW.getTime() + DAY))
  .candidates('dims', 'paris')
  .voters('alice', 'bob')
  .officers('officer1')
  .deleteAfter()
  .build();
const path = `/app/elections/${election.key}`;

let web: RunningWeb;
beforeAll(async () => {
  web = await startWeb([election]);
});
afterAll(() => web.close());

async function signedIn(login: string): Promise<TestClient> {
  const c = new TestClient(web.baseUrl);
  await c.signInAs(login);
  return c;
}

describe("the officers' dashboard turnout", () => {
  it('counts ballots while voting runs and after the close, without purging ballot links', async () => {
    const officer = await signedIn('officer1');
    expect(await (await officer.get(`${path}/admin/`)).text()).toMatch(/<span class="stat-value">0<\/span> <span class="stat-label">ballots cast/);

    const alice = await signedIn('alice');
    const cast = await alice.submit(`${path}/vote`, `${path}/vote`, {
      'candidate@dims': '1',
      'candidate@paris': '2',
      password: STRONG_PASSPHRASE,
      password2: STRONG_PASSPHRASE,
    });
    expect(cast.status).toBe(302);

    const running = await (await officer.get(`${path}/admin/`)).text();
    expect(running).toMatch(/<span class="stat-value">1<\/span> <span class="stat-label">ballots cast/);
    expect(running).toContain('50.0%');

    web.world.clock.set(new Date(NOW.getTime() + 2 * DAY));
    const closed = await (await officer.get(`${path}/admin/`)).text();
    expect(closed).toContain('50.0%');
    // The link from Alice to her ballot survives the officer's visit: she can still open it.
    const view = await alice.submit(path, `${path}/vote/view`, { password: STRONG_PASSPHRASE });
    expect(view.status).toBe(200);
  });
});
