import { anElection, aCandidate } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import type { RunningWeb } from '../support/http/web-world.js';
import { startWebOn, WEB_WORLD_KINDS } from '../support/http/web-worlds.js';
import { STRONG_PASSPHRASE } from '../support/passphrases.js';

/**
 * Issue 11: with only a copy of the database, guesses are tested offline against voter.salt and
 * voter.ballot_id. A guessable passphrase hands the ballot over, so the server refuses it, keeps
 * the ranking on the re-shown form, and stores nothing.
 */
const election = anElection()
  .key('2025---steering')
  .named('Steering Committee Election 2025')
  .status('running', NOW)
  .candidates(aCandidate('dims', { name: 'Davanum Srinivas' }), aCandidate('paris', { name: 'Paris Pittman' }))
  .voters('octocat-voter')
  .build();
const path = `/app/elections/${election.key}`;

describe.each(WEB_WORLD_KINDS)('weak passphrases on %s', (kind) => {
  let web: RunningWeb;
  let voter: TestClient;
  beforeAll(async () => {
    web = await startWebOn(kind, [election]);
  });
  afterAll(() => web.close());
  beforeEach(async () => {
    voter = new TestClient(web.baseUrl);
    await voter.signInAs('octocat-voter');
  });

  const ranking = { 'candidate@dims': '2', 'candidate@paris': '1' };

  it.each([['123456'], ['aaaaaa'], ['      '], ['password1'], ['octocat-voter'], ['steering2025']])(
    'refuses %j with a 422 that says why and how to pick a better one, and stores nothing',
    async (weak) => {
      const res = await voter.submit(`${path}/vote`, `${path}/vote`, { ...ranking, password: weak, password_confirm: weak });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('too easy to guess');
      expect(html).toContain('several words');
      // The ranking is kept on the re-shown form, the passphrase is not echoed back.
      expect(html).toMatch(/<option value="1" selected>1 \(first\)<\/option>/);
      expect(html).not.toContain(`value="${weak}"`);
      expect(await web.world.ballotBox.countBallots(election.key)).toBe(0);
      expect(web.world.sealer.seals).toBe(0);
    },
  );

  it('accepts several unrelated words, and still accepts no passphrase at all', async () => {
    const strong = await voter.submit(`${path}/vote`, `${path}/vote`, { ...ranking, password: STRONG_PASSPHRASE, password_confirm: STRONG_PASSPHRASE });
    expect(strong.status).toBe(302);
    expect(await web.world.ballotBox.countBallots(election.key)).toBe(1);
  });
});
