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
  .candidates(aCandidate('dims', { name: 'Davanum Srinivas' }), aCandidate('paris', { name: 'Paris Pittman' }))
  .voters('alice', 'bob')
  .build();
const path = `/app/elections/${election.key}`;
const WINDOW_SECONDS = 15 * 60;

// Five wrong passphrases in 15 minutes, then every attempt is refused until the oldest leaves the window.
describe.each(WEB_WORLD_KINDS)('the passphrase rate limit on %s', (kind) => {
  let web: RunningWeb;
  beforeAll(async () => {
    web = await startWebOn(kind, [election]);
  });
  afterAll(() => web.close());

  async function limitedVoter(login: string): Promise<TestClient> {
    const c = new TestClient(web.baseUrl);
    await c.signInAs(login);
    const cast = await c.submit(`${path}/vote`, `${path}/vote`, {
      'candidate@dims': '1',
      'candidate@paris': '2',
      password: STRONG_PASSPHRASE,
      password_confirm: STRONG_PASSPHRASE,
    });
    expect(cast.status).toBe(302);
    for (let i = 0; i < 5; i++) expect((await c.submit(path, `${path}/vote/view`, { password: OTHER_STRONG_PASSPHRASE })).status).toBe(403);
    return c;
  }

  it('says when to try again, in the page and in Retry-After (seconds)', async () => {
    const alice = await limitedVoter('alice');
    const refused = await alice.submit(path, `${path}/vote/view`, { password: STRONG_PASSPHRASE });
    expect(refused.status).toBe(429);
    const seconds = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(seconds)).toBe(true);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(WINDOW_SECONDS);
    const html = await refused.text();
    expect(html).toMatch(/Please wait (\d+ minutes?|\d+ seconds?) and try again \(after \d\d:\d\d UTC\)/);
  });

  it('sends Retry-After from every form that tries the passphrase (change and revoke too)', async () => {
    const bob = await limitedVoter('bob');
    const change = await bob.submit(path, `${path}/vote/change`, { password: STRONG_PASSPHRASE });
    expect(change.status).toBe(429);
    expect(Number(change.headers.get('retry-after'))).toBeGreaterThan(0);
    const replace = await bob.submit(path, `${path}/vote/replace`, { 'candidate@dims': '2', 'candidate@paris': '1', current_password: STRONG_PASSPHRASE });
    expect(replace.status).toBe(429);
    expect(Number(replace.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await replace.text()).toMatch(/try again \(after \d\d:\d\d UTC\)/);
    const revoke = await bob.submit(`${path}/vote/revoke`, `${path}/vote/edit`, { password: STRONG_PASSPHRASE, confirm_revoke: 'yes' });
    expect(revoke.status).toBe(429);
    expect(Number(revoke.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await web.world.ballotBox.countBallots(election.key)).toBe(2);
  });
});
