import { anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import type { RunningWeb } from '../support/http/web-world.js';
import { startWebOn, WEB_WORLD_KINDS } from '../support/http/web-worlds.js';

const DAY = 24 * 3600 * 1000;
// Voting ran until yesterday; exceptions were due before; results computed on "now".
const election = anElection()
  .key('2021---GB')
  .named('Select our 2021 General Board Rep')
  .runningBetween(new Date(NOW.getTime() - DAY), new Date(NOW.getTime() + DAY))
  .exceptionsDue(new Date(NOW.getTime() + DAY / 2))
  .candidates('dims', 'paris', 'aaron')
  .voters('alice', 'bob', 'carol')
  .officers('Officer1')
  .seats(1)
  .build();
const path = `/app/elections/${election.key}`;

// The same walk on in-memory adapters and on SQLite through TypeORM (real migrations, temp file).
describe.each(WEB_WORLD_KINDS)('on %s', (kind) => {
  let web: RunningWeb;
  beforeAll(async () => {
    web = await startWebOn(kind, [election]);
  });
  afterAll(() => web.close());

  async function signedIn(login: string): Promise<TestClient> {
    const c = new TestClient(web.baseUrl);
    await c.signInAs(login);
    return c;
  }

  describe(`exception requests and the officers' pages (${kind})`, () => {
    it("walks a request from the form to the officer's decision, and results after the close", async () => {
      const dave = await signedIn('dave');
      const page = await (await dave.get(path)).text();
      expect(page).toContain('exception form');
      const form = await dave.get(`${path}/exception`);
      expect(form.status).toBe(200);
      expect(await form.text()).toContain('Voter Exception form for Select our 2021 General Board Rep');

      const invalid = await dave.submit(`${path}/exception`, `${path}/exception`, { name: 'Dave', email: 'not-an-address', chat: '', description: '' });
      expect(invalid.status).toBe(422);
      const invalidHtml = await invalid.text();
      expect(invalidHtml).toContain('aria-invalid="true"');
      expect(invalidHtml).toContain('value="Dave"');

      const sent = await dave.submit(`${path}/exception`, `${path}/exception`, {
        name: 'Dave <b>Smith</b>',
        email: 'dave@example.org',
        chat: 'dave',
        description: 'Reviewed 40 PRs',
        comments: '',
      });
      expect(sent.status).toBe(302);
      expect(await (await dave.get(path)).text()).toContain('waiting for the officers');
      expect((await dave.get(`${path}/exception`)).status).toBe(409);

      // Someone who is not an officer sees 403, not the dashboard.
      expect((await dave.get(`${path}/admin/`)).status).toBe(403);
      expect((await dave.get(`${path}/admin`)).status).toBe(308);

      const officer = await signedIn('officer1');
      const dash = await officer.get(`${path}/admin/`);
      expect(dash.status).toBe(200);
      const dashHtml = await dash.text();
      expect(dashHtml).toContain("Election Officer's Dashboard");
      expect(dashHtml).toContain('Dave &lt;b&gt;Smith&lt;/b&gt;');
      expect(dashHtml).toContain('badge-upcoming');
      const rid = /admin\/exception\/(\d+)"/.exec(dashHtml)?.[1];
      expect(rid).toBeDefined();

      const reviewed = await officer.submit(`${path}/admin/exception/${rid}`, `${path}/admin/exception/${rid}`, { action: 'review', reviewed: 'true' });
      expect(reviewed.status).toBe(302);
      expect(await (await officer.get(`${path}/admin/exception/${rid}`)).text()).toContain('badge-completed');
      const decided = await officer.submit(`${path}/admin/exception/${rid}`, `${path}/admin/exception/${rid}`, {
        action: 'decide',
        decision: 'granted',
        note: 'Welcome aboard',
      });
      expect(decided.status).toBe(302);
      const daveNow = await (await dave.get(path)).text();
      expect(daveNow).toContain('The officers granted it.');
      expect(daveNow).toContain('Welcome aboard');

      expect((await officer.get(`${path}/admin/exception/9999`)).status).toBe(404);
      expect((await officer.get(`${path}/admin/exception/abc`)).status).toBe(404);
      const csv = await officer.get(`${path}/admin/exceptions.csv`);
      expect(csv.status).toBe(200);
      expect(await csv.text()).toContain('dave@example.org');

      // Results are refused while the election runs.
      expect((await officer.get(`${path}/admin/results`)).status).toBe(409);

      for (const [login, ranks] of [
        ['alice', { dims: '1', paris: '2', aaron: '3' }],
        ['bob', { dims: '1', paris: '3', aaron: '2' }],
        ['carol', { dims: '2', paris: '1', aaron: '3' }],
      ] as const) {
        const v = await signedIn(login);
        const res = await v.submit(`${path}/vote`, `${path}/vote`, {
          ...Object.fromEntries(Object.entries(ranks).map(([c, r]) => [`candidate@${c}`, r])),
          no_passphrase: 'cast',
        });
        expect(res.status).toBe(302);
      }

      web.world.clock.set(new Date(NOW.getTime() + 2 * DAY));
      const results = await officer.get(`${path}/admin/results`);
      expect(results.status).toBe(200);
      const html = await results.text();
      expect(html).toMatch(/<p class="title winners-line">[\s\S]*Dims/);
      // Explanations name candidates as the ballot does, not by their IDs.
      expect(html).toMatch(/<strong>Dims<\/strong>: Beats (Paris|Aaron) \d/);
      expect(html).toContain('Condorcet winner');
      expect(html).toContain('Schulze');
      expect(html).toContain('cell-win');
      expect(html).toContain('Strongest paths');

      const ballots = await officer.get(`${path}/admin/download`);
      expect(ballots.status).toBe(200);
      expect(ballots.headers.get('content-type')).toContain('text/csv');
      expect(ballots.headers.get('content-disposition')).toBe('attachment; filename=ballots.csv');
      const lines = (await ballots.text()).trim().split('\n');
      expect(lines[0]).toBe('dims,paris,aaron');
      expect(lines).toHaveLength(4);

      const json = await officer.get(`${path}/admin/download.json`);
      expect(JSON.parse(await json.text())).toMatchObject({ election: election.key, candidates: ['dims', 'paris', 'aaron'] });
      const md = await officer.get(`${path}/admin/results.md`);
      expect(md.status).toBe(200);
      expect(await md.text()).toContain('dims');

      const dashAfter = await (await officer.get(`${path}/admin/`)).text();
      expect(dashAfter).toContain('ballots cast');
      expect(dashAfter).toContain('100.0%');

      expect((await dave.get(`${path}/admin/download`)).status).toBe(403);
      expect((await dave.get(`${path}/results/`)).status).toBe(200);
      expect((await dave.get(`${path}/results`)).status).toBe(308);
    });
  });
});
