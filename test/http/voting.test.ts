import { anElection, aCandidate } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import type { RunningWeb } from '../support/http/web-world.js';
import { startWebOn, WEB_WORLD_KINDS } from '../support/http/web-worlds.js';
import { OTHER_STRONG_PASSPHRASE, STRONG_PASSPHRASE } from '../support/passphrases.js';

const election = anElection()
  .key('2021---GB')
  .named('Select our 2021 General Board Rep')
  .status('running', NOW)
  .candidates(
    aCandidate('dims', { name: 'Davanum Srinivas', info: { employer: 'VMware' }, bioHtml: '<p>Hello <em>there</em></p>' }),
    aCandidate('paris', { name: 'Paris Pittman' }),
    aCandidate('aaron', { name: 'Aaron Crickenberger' }),
  )
  .voters('alice', 'bob')
  .build();
const withFields = { ...election, showCandidateFields: ['employer', 'slack'] };
const path = `/app/elections/${election.key}`;

// The same journeys on in-memory adapters and on SQLite through TypeORM (real migrations, temp file).
describe.each(WEB_WORLD_KINDS)('on %s', (kind) => {
  let web: RunningWeb;
  let alice: TestClient;
  beforeAll(async () => {
    web = await startWebOn(kind, [withFields]);
  });
  afterAll(() => web.close());
  beforeEach(async () => {
    alice = new TestClient(web.baseUrl);
    await alice.signInAs('alice', 'Alice');
  });

  async function vote(client: TestClient, fields: Record<string, string>) {
    return client.submit(`${path}/vote`, `${path}/vote`, fields);
  }

  describe(`the election page, profiles and the ballot (${kind})`, () => {
    it('shows the standing, description and candidates to an eligible voter', async () => {
      const html = await (await alice.get(path)).text();
      expect(html).toContain('eligible');
      expect(html).toContain('You have not yet voted in this election.');
      expect(html).toContain(`href="${path}/vote"`);
      for (const c of ['dims', 'paris', 'aaron']) expect(html).toContain(`${path}/candidates/${c}`);
    });

    it('shows a candidate profile with the requested fields, blank ones as a dash', async () => {
      const res = await alice.get(`${path}/candidates/dims`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('Davanum Srinivas');
      expect(html).toContain('Running for Select our 2021 General Board Rep');
      expect(html).toMatch(/<dt>employer<\/dt><dd>VMware<\/dd>/);
      expect(html).toMatch(/<dt>slack<\/dt><dd>—<\/dd>/);
      expect(html).toContain('<p>Hello <em>there</em></p>');
      expect((await alice.get(`${path}/candidates/nobody`)).status).toBe(404);
    });

    it('renders the ballot with "No opinion" in words and a rank menu per candidate', async () => {
      const html = await (await alice.get(`${path}/vote`)).text();
      expect(html).not.toContain('100000000');
      for (const c of ['dims', 'paris', 'aaron']) {
        const select = new RegExp(`<select name="candidate@${c}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
        expect(select).toContain('>No opinion</option>');
        expect(select.match(/<option/g)).toHaveLength(4);
      }
      expect(html).toContain('data-min-length="6"');
      expect(html).toContain('<script src="/static/js/ballot.js" defer></script>');
    });

    it("keeps each voter's candidate order stable between visits", async () => {
      const order = (html: string) => [...html.matchAll(/id="div-([a-z]+)"/g)].map((m) => m[1]);
      const first = order(await (await alice.get(`${path}/vote`)).text());
      const second = order(await (await alice.get(`${path}/vote`)).text());
      expect(first).toEqual(second);
      expect([...first].sort()).toEqual(['aaron', 'dims', 'paris']);
    });

    it('re-shows the form with the ranking kept when the passphrases differ or are too short', async () => {
      const res = await vote(alice, {
        'candidate@dims': '1',
        'candidate@paris': '2',
        'candidate@aaron': 'none',
        password: 'secret-one',
        password_confirm: 'secret-two',
      });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('The two passphrases differ');
      expect(html).toMatch(/<option value="1" selected>1 \(first\)<\/option>/);
      expect(html.indexOf('id="div-dims"')).toBeLessThan(html.indexOf('id="div-paris"'));

      const short = await vote(alice, { 'candidate@dims': '1', 'candidate@paris': '2', password: 'abc', password_confirm: 'abc' });
      expect(short.status).toBe(422);
      expect(await short.text()).toContain('at least 6 characters');
    });

    it('warns about a ballot that prefers nobody, and casts it once confirmed', async () => {
      const bob = new TestClient(web.baseUrl);
      await bob.signInAs('bob');
      const warned = await vote(bob, { 'candidate@dims': '1', 'candidate@paris': '1', 'candidate@aaron': '1', password: '', password_confirm: '' });
      expect(warned.status).toBe(422);
      expect(await warned.text()).toContain('This ballot prefers no candidate over another');
      const empty = await vote(bob, { 'candidate@dims': 'none', 'candidate@paris': 'none', 'candidate@aaron': 'none' });
      expect(empty.status).toBe(422);
      expect(await empty.text()).toContain('Rank at least one candidate');
      const cast = await vote(bob, {
        'candidate@dims': '1',
        'candidate@paris': '1',
        'candidate@aaron': '1',
        confirm_no_preference: 'yes',
        no_passphrase: 'cast',
      });
      expect(cast.status).toBe(302);
      const thanks = await (await bob.get(`${path}/confirmation`)).text();
      expect(thanks).toContain('Thank you for voting in Select our 2021 General Board Rep');
      expect(thanks).toContain('without a passphrase');
    });

    it('casts, views, refuses a second ballot, revokes and casts again', async () => {
      const voter = new TestClient(web.baseUrl);
      const login = 'alice';
      await voter.signInAs(login);
      const cast = await vote(voter, {
        'candidate@dims': '2',
        'candidate@paris': '1',
        'candidate@aaron': 'none',
        password: STRONG_PASSPHRASE,
        password_confirm: STRONG_PASSPHRASE,
      });
      expect(cast.status).toBe(302);
      expect(cast.headers.get('location')).toBe(`${path}/confirmation`);
      expect(await (await voter.get(`${path}/confirmation`)).text()).toContain('With your passphrase you can view it');

      const page = await (await voter.get(path)).text();
      expect(page).toContain('You have cast your vote.');
      expect(page).toContain('View Ballot');
      expect(page).toContain('Revoke Ballot');

      const again = await voter.get(`${path}/vote`);
      expect(again.status).toBe(409);
      expect(await again.text()).toContain('You have already voted');

      const wrong = await voter.submit(path, `${path}/vote/view`, { password: 'wrong horse' });
      expect(wrong.status).toBe(403);
      expect(await wrong.text()).toContain('does not match');

      const view = await voter.submit(path, `${path}/vote/view`, { password: STRONG_PASSPHRASE });
      expect(view.status).toBe(200);
      const ballot = await view.text();
      expect(ballot).toMatch(/<td>1<\/td><td>Paris Pittman/);
      expect(ballot).toMatch(/<td>2<\/td><td>Davanum Srinivas/);
      expect(ballot).toMatch(/<td>No opinion<\/td><td>Aaron Crickenberger/);
      expect(ballot).not.toContain('100000000');

      const revoke = await voter.submit(path, `${path}/vote/edit`, { password: STRONG_PASSPHRASE, confirm_revoke: 'yes' });
      expect(revoke.status).toBe(302);
      expect(await (await voter.get(path)).text()).toContain('Your ballot was deleted');
      expect(await web.world.ballotBox.countBallots(election.key)).toBe(1);

      const recast = await vote(voter, {
        'candidate@dims': '1',
        'candidate@paris': '2',
        'candidate@aaron': '3',
        password: OTHER_STRONG_PASSPHRASE,
        password_confirm: OTHER_STRONG_PASSPHRASE,
      });
      expect(recast.status).toBe(302);
      expect(await web.world.ballotBox.countBallots(election.key)).toBe(2);
    });

    // Without a passphrase Elekto cast at once; here the voter is asked first (no-passphrase-confirmation.test.ts).
    it('accepts Elekto-style posts (100000000 for No opinion, no password_confirm field)', async () => {
      const carol = await startWebOn(kind, [{ ...election, voters: new Set(['carol']) }]);
      try {
        const c = new TestClient(carol.baseUrl);
        await c.signInAs('carol');
        const res = await c.submit(`${path}/vote`, `${path}/vote`, {
          'candidate@dims': '1',
          'candidate@paris': '100000000',
          'candidate@aaron': '2',
          password: STRONG_PASSPHRASE,
        });
        expect(res.status).toBe(302);
      } finally {
        await carol.close();
      }
    });

    it('refuses invalid ranks and unknown candidates with 422', async () => {
      const fresh = await startWebOn(kind, [election]);
      try {
        const c = new TestClient(fresh.baseUrl);
        await c.signInAs('alice');
        const bad = await c.submit(`${path}/vote`, `${path}/vote`, { 'candidate@dims': 'abc' });
        expect(bad.status).toBe(422);
        expect(await bad.text()).toContain('is not a number or');
        const unknown = await c.submit(`${path}/vote`, `${path}/vote`, { 'candidate@dims': '1', 'candidate@zed': '2' });
        expect(unknown.status).toBe(422);
        expect(await unknown.text()).toContain('not a candidate');
        expect(await fresh.world.ballotBox.countBallots(election.key)).toBe(0);
      } finally {
        await fresh.close();
      }
    });

    it('refuses the ballot to someone not on the roll with 403 and points to the exception form', async () => {
      const mallory = new TestClient(web.baseUrl);
      await mallory.signInAs('mallory');
      const page = await (await mallory.get(path)).text();
      expect(page).toContain('Not eligible');
      const res = await mallory.get(`${path}/vote`);
      expect(res.status).toBe(403);
      const post = await mallory.submit(path, `${path}/vote`, { 'candidate@dims': '1' });
      expect(post.status).toBe(403);
    });
  });
});
