import { anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';

const DAY = 24 * 3600 * 1000;
const PASS = 'violet tractor under seven lanterns';
const election = anElection()
  .key('2025---TOC')
  .named('TOC 2025')
  .runningBetween(new Date(NOW.getTime() - DAY), new Date(NOW.getTime() + DAY))
  .candidates('dims', 'paris')
  .voters('alice', 'bob')
  .officers('olivia')
  .deleteAfter()
  .build();
const path = `/app/elections/${election.key}`;

let web: RunningWeb;
let alice: TestClient;
let olivia: TestClient;
beforeAll(async () => {
  web = await startWeb([election]);
  alice = new TestClient(web.baseUrl);
  await alice.signInAs('alice');
  expect((await alice.submit(`${path}/vote`, `${path}/vote`, { 'candidate@dims': '1', 'candidate@paris': '2', password: PASS, password2: PASS })).status).toBe(
    302,
  );
  olivia = new TestClient(web.baseUrl);
  await olivia.signInAs('olivia');
});
afterAll(() => web.close());

describe('destroying the ballot links is an officer’s explicit, confirmed POST', () => {
  it('is refused while voting runs', async () => {
    const page = await (await olivia.get(`${path}/admin/purge-links`)).text();
    expect(page).toContain('Voting is still open');
    expect(page).not.toContain('<form method="post" action="/app/elections/2025---TOC/admin/purge-links"');
    const post = await olivia.submit(`${path}/admin/`, `${path}/admin/purge-links`);
    expect(post.status).toBe(409);
  });

  it('the results page says the links remain and when delete_after destroys them; the confirm page says what is lost', async () => {
    web.world.clock.set(new Date(NOW.getTime() + 2 * DAY));
    const results = await (await olivia.get(`${path}/admin/results`)).text();
    expect(results).toContain('1 voter can still view or revoke their ballot');
    expect(results).toMatch(/destroyed automatically at <time datetime="2026-|destroyed automatically at <time datetime="\d{4}-/);
    expect(results).toContain(`href="${path}/admin/purge-links"`);
    const confirm = await (await olivia.get(`${path}/admin/purge-links`)).text();
    expect(confirm).toContain('will no longer be able to view or revoke');
    expect(confirm).toContain('It cannot be undone.');
    // Visiting it did nothing: Alice still opens her ballot.
    expect((await alice.submit(path, `${path}/vote/view`, { password: PASS })).status).toBe(200);
  });

  it('refuses a POST without the CSRF token, and a voter who is not an officer', async () => {
    expect((await olivia.post(`${path}/admin/purge-links`, {})).status).toBe(403);
    expect((await alice.submit(path, `${path}/admin/purge-links`)).status).toBe(403);
    expect((await alice.submit(path, `${path}/vote/view`, { password: PASS })).status).toBe(200);
  });

  it('the confirmed POST destroys them: the voter can no longer open her ballot, the count is unchanged', async () => {
    const done = await olivia.submit(`${path}/admin/purge-links`, `${path}/admin/purge-links`);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(`${path}/admin/results`);
    const results = await (await olivia.get(`${path}/admin/results`)).text();
    expect(results).toContain('1 ballot link destroyed');
    expect(results).toContain('No voter can open a ballot any more');
    expect(results).toContain('1 ballot');
    const view = await alice.submit(path, `${path}/vote/view`, { password: PASS });
    expect(view.status).not.toBe(200);
  });
});
