/**
 * The confirmation page says what the ballot says, without JavaScript: server-rendered from the form
 * just posted (a stored ballot cannot be read without the passphrase). The ranking is handed to that
 * one page and then forgotten, and it never travels in the session cookie.
 */
import { aCandidate, anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';
import { STRONG_PASSPHRASE } from '../support/passphrases.js';

const election = anElection()
  .key('2025---steering')
  .named('Steering')
  .status('running', NOW)
  .candidates(
    aCandidate('grace', { name: 'Grace Hopper' }),
    aCandidate('ada', { name: 'Ada Lovelace' }),
    aCandidate('kat', { name: 'Katherine Johnson' }),
    aCandidate('alan', { name: 'Alan Turing' }),
  )
  .voters('alice', 'bob')
  .build();
const path = `/app/elections/${election.key}`;
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');

let web: RunningWeb;
beforeAll(async () => {
  web = await startWeb([election]);
});
afterAll(() => web.close());

function sessionCookieText(client: TestClient): string {
  const raw = client.rawCookie('elekto.session') ?? '';
  return Buffer.from(raw, 'base64').toString('utf8');
}

describe('the confirmation page, without JavaScript', () => {
  it('summarises a partial ranking once, explains "No opinion", and keeps the ranking out of the cookie', async () => {
    const alice = new TestClient(web.baseUrl);
    await alice.signInAs('alice');
    const cast = await alice.submit(`${path}/vote`, `${path}/vote`, {
      'candidate@grace': '1',
      'candidate@ada': '2',
      'candidate@kat': 'none',
      'candidate@alan': 'none',
      password: STRONG_PASSPHRASE,
      password_confirm: STRONG_PASSPHRASE,
    });
    expect(cast.status).toBe(302);
    // The cookie carries a random token, never candidates or ranks.
    const cookie = sessionCookieText(alice);
    expect(cookie).toContain('"cast"');
    for (const secret of ['grace', 'ada', 'kat', 'alan', 'Grace', 'ranking']) expect(cookie).not.toContain(secret);

    const thanks = text(await (await alice.get(`${path}/confirmation`)).text());
    expect(thanks).toMatch(/Your ballot says Grace Hopper > Ada Lovelace; no opinion on (Katherine Johnson, Alan Turing|Alan Turing, Katherine Johnson)/);
    expect(thanks).toContain('"No opinion" is not a low rank: this ballot does not say that you prefer the candidates you ranked to');

    // Handed out once: a reload shows the thanks without the ranking.
    const again = text(await (await alice.get(`${path}/confirmation`)).text());
    expect(again).toContain('Thank you for voting in Steering');
    expect(again).not.toContain('Your ballot says');
    expect(again).not.toContain('Grace Hopper');
  });

  it('shows ties and says nothing about "No opinion" when every candidate is ranked', async () => {
    const bob = new TestClient(web.baseUrl);
    await bob.signInAs('bob');
    await bob.submit(`${path}/vote`, `${path}/vote`, {
      'candidate@grace': '2',
      'candidate@ada': '1',
      'candidate@kat': '2',
      'candidate@alan': '3',
      password: '',
      password_confirm: '',
      no_passphrase: 'cast',
    });
    const thanks = text(await (await bob.get(`${path}/confirmation`)).text());
    expect(thanks).toMatch(/Your ballot says Ada Lovelace > (Grace Hopper = Katherine Johnson|Katherine Johnson = Grace Hopper) > Alan Turing/);
    expect(thanks).not.toContain('no opinion on');
    expect(thanks).not.toContain('not a low rank');
  });
});
