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
    aCandidate('dims', { name: 'Davanum Srinivas' }),
    aCandidate('paris', { name: 'Paris Pittman' }),
    aCandidate('aaron', { name: 'Aaron Crickenberger' }),
  )
  .voters('alice', 'bob', 'carol', 'dave')
  .build();
const path = `/app/elections/${election.key}`;

const selected = (html: string, id: string): string | undefined =>
  new RegExp(`<select name="candidate@${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1]?.match(/<option value="([^"]+)" selected>/)?.[1];

describe.each(WEB_WORLD_KINDS)('change my vote and revoke on %s', (kind) => {
  let web: RunningWeb;
  beforeAll(async () => {
    web = await startWebOn(kind, [election]);
  });
  afterAll(() => web.close());

  async function voter(login: string, ranks: Record<string, string>, passphrase = STRONG_PASSPHRASE): Promise<TestClient> {
    const c = new TestClient(web.baseUrl);
    await c.signInAs(login);
    const fields = Object.fromEntries(Object.entries(ranks).map(([id, r]) => [`candidate@${id}`, r]));
    const res = await c.submit(`${path}/vote`, `${path}/vote`, {
      ...fields,
      password: passphrase,
      password_confirm: passphrase,
      no_passphrase: passphrase ? '' : 'cast',
    });
    expect(res.status).toBe(302);
    return c;
  }
  const ballotIds = async (): Promise<string[]> => {
    const ids: string[] = [];
    for await (const b of web.world.ballotBox.ballots(election.key)) ids.push(b.ballotId);
    return ids.sort();
  };

  it('fills the form with the current ranking, then replaces the ballot (one ballot throughout, the mark kept)', async () => {
    const alice = await voter('alice', { dims: '2', paris: '1', aaron: 'none' });
    const before = await ballotIds();
    const page = await (await alice.get(path)).text();
    expect(page).toContain('Change my vote');
    expect(page).toContain(`formaction="${path}/vote/change"`);

    const form = await alice.submit(path, `${path}/vote/change`, { password: STRONG_PASSPHRASE });
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain(`action="${path}/vote/replace"`);
    expect(html).toContain('Current passphrase');
    expect(html).toContain('Replace my ballot');
    expect(selected(html, 'paris')).toBe('1');
    expect(selected(html, 'dims')).toBe('2');
    expect(selected(html, 'aaron')).toBe('none');
    expect(html.indexOf('id="div-paris"')).toBeLessThan(html.indexOf('id="div-dims"'));
    // Opening the form changed nothing.
    expect(await ballotIds()).toEqual(before);

    const replaced = await alice.submit(path, `${path}/vote/replace`, {
      'candidate@dims': 'none',
      'candidate@paris': '2',
      'candidate@aaron': '1',
      current_password: STRONG_PASSPHRASE,
      password: '',
      password_confirm: '',
    });
    expect(replaced.status).toBe(302);
    expect(replaced.headers.get('location')).toBe(`${path}/confirmation`);
    const thanks = await (await alice.get(`${path}/confirmation`)).text();
    expect(thanks).toContain('Your vote is changed');
    expect(thanks).toContain('Aaron Crickenberger &gt; Paris Pittman');
    const after = await ballotIds();
    expect(after).toHaveLength(before.length);
    expect(after).not.toEqual(before);
    expect(await web.world.ballotBox.countVoters(election.key)).toBe(1);

    const view = await (await alice.submit(path, `${path}/vote/view`, { password: STRONG_PASSPHRASE })).text();
    expect(view).toMatch(/<td>1<\/td><td>Aaron Crickenberger/);
    expect(view).toMatch(/<td>2<\/td><td>Paris Pittman/);
    expect(view).toMatch(/<td>No opinion<\/td><td>Davanum Srinivas/);
  });

  it('keeps the new ranking and the old ballot on a wrong current passphrase; a new passphrase replaces the old one', async () => {
    const bob = await voter('bob', { dims: '1', paris: '2' });
    const before = await ballotIds();
    const newRanks = { 'candidate@dims': '2', 'candidate@paris': '1', 'candidate@aaron': '3' };
    const wrong = await bob.submit(path, `${path}/vote/replace`, { ...newRanks, current_password: OTHER_STRONG_PASSPHRASE });
    expect(wrong.status).toBe(403);
    const html = await wrong.text();
    expect(html).toContain('does not match');
    expect(selected(html, 'aaron')).toBe('3');
    expect(await ballotIds()).toEqual(before);

    const differ = await bob.submit(path, `${path}/vote/replace`, {
      ...newRanks,
      current_password: STRONG_PASSPHRASE,
      password: OTHER_STRONG_PASSPHRASE,
      password_confirm: 'x',
    });
    expect(differ.status).toBe(422);
    expect(await ballotIds()).toEqual(before);

    const renewed = await bob.submit(path, `${path}/vote/replace`, {
      ...newRanks,
      current_password: STRONG_PASSPHRASE,
      password: OTHER_STRONG_PASSPHRASE,
      password_confirm: OTHER_STRONG_PASSPHRASE,
    });
    expect(renewed.status).toBe(302);
    expect((await bob.submit(path, `${path}/vote/view`, { password: STRONG_PASSPHRASE })).status).toBe(403);
    expect((await bob.submit(path, `${path}/vote/view`, { password: OTHER_STRONG_PASSPHRASE })).status).toBe(200);
  });

  it('says a ballot cast without a passphrase (as Elekto allowed) cannot be changed, and refuses to', async () => {
    const carol = await voter('carol', { dims: '1', paris: '2' }, '');
    const page = await (await carol.get(path)).text();
    expect(page).toContain('cannot be viewed or changed');
    expect(page).not.toContain('Change my vote');
    const res = await carol.submit(path, `${path}/vote/change`, { password: '' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('cast without a passphrase');
  });

  it('asks before revoking: a post without confirmation deletes nothing, the confirmed one does', async () => {
    const dave = await voter('dave', { dims: '1', paris: '2' });
    const count = await web.world.ballotBox.countBallots(election.key);
    const page = await (await dave.get(path)).text();
    expect(page).toContain(`href="${path}/vote/revoke"`);
    expect(page).not.toContain(`formaction="${path}/vote/edit"`);

    // Elekto's form posted the passphrase straight to /vote/edit and the ballot was gone.
    const asked = await dave.submit(path, `${path}/vote/edit`, { password: STRONG_PASSPHRASE });
    expect(asked.status).toBe(422);
    const question = await asked.text();
    expect(question).toContain('Revoke your ballot?');
    expect(question).toContain('Revoke my ballot');
    expect(question).toContain('Keep my ballot');
    expect(question).toContain('name="confirm_revoke" value="yes"');
    expect(await web.world.ballotBox.countBallots(election.key)).toBe(count);

    const get = await dave.get(`${path}/vote/revoke`);
    expect(get.status).toBe(200);
    expect(await get.text()).toContain('Revoke your ballot?');

    const wrong = await dave.submit(`${path}/vote/revoke`, `${path}/vote/edit`, { password: OTHER_STRONG_PASSPHRASE, confirm_revoke: 'yes' });
    expect(wrong.status).toBe(403);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('Revoke your ballot?');
    expect(wrongHtml).toContain('does not match');
    expect(await web.world.ballotBox.countBallots(election.key)).toBe(count);

    const revoked = await dave.submit(`${path}/vote/revoke`, `${path}/vote/edit`, { password: STRONG_PASSPHRASE, confirm_revoke: 'yes' });
    expect(revoked.status).toBe(302);
    expect(await web.world.ballotBox.countBallots(election.key)).toBe(count - 1);
    // With no ballot left there is nothing to confirm: the page sends the voter back.
    expect((await dave.get(`${path}/vote/revoke`)).status).toBe(302);
  });
});
