import { anElection, aCandidate } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import { startWebOn, type RunningWebOn } from '../support/http/web-worlds.js';

const election = anElection()
  .key('2025---board')
  .named('Board 2025')
  .status('running', NOW)
  .countedBy('stv-meek')
  .seats(2)
  .candidates(
    aCandidate('dims', { name: 'Davanum Srinivas' }),
    aCandidate('paris', { name: 'Paris Pittman' }),
    aCandidate('aaron', { name: 'Aaron Crickenberger' }),
  )
  .voters('alice', 'bob')
  .build();
const path = `/app/elections/${election.key}`;

/** The ballot of an STV election (issue 16): the form offers no ties and the server refuses them. */
describe('the ballot of an STV election', () => {
  let web: RunningWebOn;
  let alice: TestClient;
  beforeAll(async () => {
    web = await startWebOn('in-memory', [election]);
  });
  afterAll(() => web.close());
  beforeEach(async () => {
    alice = new TestClient(web.baseUrl);
    await alice.signInAs('alice', 'Alice');
  });
  const vote = (fields: Record<string, string>) => alice.submit(`${path}/vote`, `${path}/vote`, fields);

  it('says one candidate per rank, marks the form for the script, and calls the empty choice "Not ranked"', async () => {
    const html = await (await alice.get(`${path}/vote`)).text();
    expect(html).toContain('<strong>one candidate per rank</strong>');
    expect(html).toContain('data-no-ties="true"');
    expect(html).not.toContain('You may give several candidates the same rank');
    expect(html).not.toContain('to make a tie');
    const select = /<select name="candidate@dims"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
    expect(select).toContain('>Not ranked</option>');
  });

  it('re-shows the form (422) with the ranking kept and a sentence naming the tie', async () => {
    const res = await vote({ 'candidate@dims': '1', 'candidate@paris': '1', 'candidate@aaron': 'none', password: '', password_confirm: '' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('needs one candidate per rank: &quot;dims&quot; and &quot;paris&quot; share rank 1');
    expect(html).toMatch(/<select name="candidate@dims"[^>]*>[\s\S]*?<option value="1" selected>/);
  });

  it('casts a ballot ranking a single candidate without the "prefers nobody" warning (it counts for them)', async () => {
    const bob = new TestClient(web.baseUrl);
    await bob.signInAs('bob');
    const res = await bob.submit(`${path}/vote`, `${path}/vote`, {
      'candidate@aaron': '1',
      'candidate@dims': 'none',
      'candidate@paris': 'none',
      password: '',
      password_confirm: '',
      no_passphrase: 'cast',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${path}/confirmation`);
  });
});
