import { anElection, aCandidate } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import type { RunningWeb } from '../support/http/web-world.js';
import { startWebOn, WEB_WORLD_KINDS } from '../support/http/web-worlds.js';
import { STRONG_PASSPHRASE } from '../support/passphrases.js';

const election = anElection()
  .key('2021---GB')
  .named('Select our 2021 General Board Rep')
  .status('running', NOW)
  .candidates(
    aCandidate('dims', { name: 'Davanum Srinivas' }),
    aCandidate('paris', { name: 'Paris Pittman' }),
    aCandidate('aaron', { name: 'Aaron Crickenberger' }),
  )
  .voters('alice', 'bob', 'carol')
  .build();
const path = `/app/elections/${election.key}`;

/** The hidden fields of the form on a page, as the browser would post them back. */
function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[m[1]!] = m[2]!;
  return fields;
}

// A ballot cast without a passphrase can never be viewed, changed or revoked: without JavaScript
// the server asks first, and only a post that says so (no_passphrase=cast) casts it.
describe.each(WEB_WORLD_KINDS)('a ballot without a passphrase on %s', (kind) => {
  let web: RunningWeb;
  beforeAll(async () => {
    web = await startWebOn(kind, [election]);
  });
  afterAll(() => web.close());

  it('is not cast at once: a confirmation page says what is lost and keeps the ranking', async () => {
    const alice = new TestClient(web.baseUrl);
    await alice.signInAs('alice');
    // Elekto's own form posted exactly this: ranks and an empty passphrase.
    const res = await alice.submit(`${path}/vote`, `${path}/vote`, {
      'candidate@dims': '2',
      'candidate@paris': '1',
      'candidate@aaron': '100000000',
      password: '',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Cast without a passphrase');
    expect(html).toContain('Go back');
    expect(html).toMatch(/cannot view, change or revoke/);
    expect(html).toContain('Paris Pittman &gt; Davanum Srinivas');
    expect(await web.world.ballotBox.countBallots(election.key)).toBe(0);
    expect(await web.world.ballotBox.mark(election.key, (await web.world.users.byLogin('alice'))!.id)).toBeNull();

    const fields = hiddenFields(html);
    expect(fields).toMatchObject({ 'candidate@dims': '2', 'candidate@paris': '1', 'candidate@aaron': 'none' });
    expect(fields['password']).toBeUndefined();

    // "Go back": the ballot form again, the ranking kept, nothing cast.
    const back = await alice.submit(`${path}/vote`, `${path}/vote`, { ...fields, no_passphrase: 'back' });
    expect(back.status).toBe(200);
    const form = await back.text();
    expect(form).toMatch(/<select name="candidate@paris"[^>]*>[\s\S]*?<option value="1" selected>/);
    expect(form).toMatch(/<select name="candidate@dims"[^>]*>[\s\S]*?<option value="2" selected>/);
    expect(await web.world.ballotBox.countBallots(election.key)).toBe(0);

    // "Cast without a passphrase": cast with the ranking the page kept.
    const cast = await alice.submit(`${path}/vote`, `${path}/vote`, { ...fields, no_passphrase: 'cast' });
    expect(cast.status).toBe(302);
    expect(cast.headers.get('location')).toBe(`${path}/confirmation`);
    expect(await web.world.ballotBox.countBallots(election.key)).toBe(1);
    const mark = await web.world.ballotBox.mark(election.key, (await web.world.users.byLogin('alice'))!.id);
    expect(mark?.hasLink).toBe(false);
  });

  it('keeps a confirmed "prefers nobody" ballot confirmed through the page', async () => {
    const bob = new TestClient(web.baseUrl);
    await bob.signInAs('bob');
    const res = await bob.submit(`${path}/vote`, `${path}/vote`, {
      'candidate@dims': '1',
      'candidate@paris': '1',
      'candidate@aaron': '1',
      confirm_no_preference: 'yes',
      password: '',
      password_confirm: '',
    });
    expect(res.status).toBe(422);
    const fields = hiddenFields(await res.text());
    expect(fields['confirm_no_preference']).toBe('yes');
    const cast = await bob.submit(`${path}/vote`, `${path}/vote`, { ...fields, no_passphrase: 'cast' });
    expect(cast.status).toBe(302);
  });

  it('is not asked about when a passphrase is given', async () => {
    const carol = new TestClient(web.baseUrl);
    await carol.signInAs('carol');
    const res = await carol.submit(`${path}/vote`, `${path}/vote`, {
      'candidate@dims': '1',
      'candidate@paris': '2',
      password: STRONG_PASSPHRASE,
      password_confirm: STRONG_PASSPHRASE,
      no_passphrase: 'cast',
    });
    expect(res.status).toBe(302);
    expect((await web.world.ballotBox.mark(election.key, (await web.world.users.byLogin('carol'))!.id))?.hasLink).toBe(true);
  });
});
