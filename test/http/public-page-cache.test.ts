/**
 * The public pages are kept rendered for anonymous visitors (read-path performance, issue 7). A kept
 * page must read exactly as a fresh one: a sync, an election opening or closing, a signed-in visitor
 * or a flash message all show what a fresh render shows.
 */
import { anElection } from '../support/builders/election-builder.js';
import { FixedCatalog } from '../support/builders/fixed-catalog.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';

const HOUR = 3600_000;
const opening = anElection()
  .key('opens-soon')
  .named('Opens soon')
  .runningBetween(new Date(NOW.getTime() + HOUR), new Date(NOW.getTime() + 5 * HOUR))
  .build();
const other = anElection().key('other').named('Other election').status('completed', NOW).build();

let web: RunningWeb;
beforeEach(async () => {
  web = await startWeb([opening, other]);
});
afterEach(() => web.close());

const text = async (client: TestClient, path: string): Promise<string> => (await client.get(path)).text();

describe('public pages kept for anonymous visitors', () => {
  it('answers a kept page with the same status, headers and bytes as the first render', async () => {
    const client = new TestClient(web.baseUrl);
    const first = await client.get('/elections/other');
    const again = await client.get('/elections/other');
    expect(again.status).toBe(200);
    for (const h of ['content-type', 'content-length', 'cache-control', 'content-security-policy']) expect(again.headers.get(h)).toBe(first.headers.get(h));
    expect(again.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await again.text()).toBe(await first.text());
  });

  it('shows the new catalog at once after a sync', async () => {
    const client = new TestClient(web.baseUrl);
    expect(await text(client, '/elections')).toContain('Opens soon');
    expect(await text(client, '/elections/other')).toContain('Other election');

    const renamed = anElection().key('other').named('Other election, renamed').status('completed', NOW).build();
    web.world.catalog.replace(FixedCatalog.snapshotOf([opening, renamed]));
    expect(await text(client, '/elections')).toContain('Other election, renamed');
    expect(await text(client, '/elections/other')).toContain('Other election, renamed');
  });

  it('shows the new status as soon as an election opens', async () => {
    const client = new TestClient(web.baseUrl);
    expect(await text(client, '/elections/opens-soon')).toContain('badge-upcoming');
    expect(await text(client, '/elections?status=upcoming')).toContain('Opens soon');

    web.world.clock.set(new Date(opening.startsAt.getTime()));
    expect(await text(client, '/elections/opens-soon')).toContain('badge-running');
    expect(await text(client, '/elections?status=upcoming')).not.toContain('Opens soon');
    expect(await text(client, '/elections?status=running')).toContain('Opens soon');
  });

  it('keeps each filter apart and renders signed-in visitors their own page', async () => {
    const anonymous = new TestClient(web.baseUrl);
    expect(await text(anonymous, '/elections?status=completed')).not.toContain('Opens soon');
    expect(await text(anonymous, '/elections')).toContain('Opens soon');

    const alice = new TestClient(web.baseUrl);
    await alice.signInAs('alice');
    const page = await text(alice, '/elections');
    expect(page).toContain('Sign out');
    expect(page).toContain('alice');
    expect(await text(anonymous, '/elections')).not.toContain('Sign out');
  });

  it('keeps only the canonical addresses, and renders other spellings and queries afresh', async () => {
    const client = new TestClient(web.baseUrl);
    const canonical = await text(client, '/elections/other');
    expect(canonical).toMatch(/href="\/elections" aria-current="page"/);
    // Another spelling routes to the same election; its page must not be the canonical one's copy.
    const odd = await client.get('/ELECTIONS/other');
    expect(odd.status).toBe(200);
    expect(await odd.text()).not.toMatch(/href="\/elections" aria-current="page"/);
    expect(await text(client, '/elections?status=bogus')).toContain('bogus');
    expect(await text(client, '/elections?status=bogus-too')).toContain('bogus-too');
  });
});
