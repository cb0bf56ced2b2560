/**
 * Issue 15 × ORGANIZATIONS_FILE: the same election key in two organizations is two elections, so
 * the server's close job freezes two bulletins, and each is served (public bulletin.json, public
 * page and tracker lookup, officers' bulletin.json) under its own organization's path only.
 */
import { openMigrated } from '../../src/adapters/persistence/typeorm/index.js';
import { settleOnClose } from '../../src/bootstrap/serve/settle-on-close.js';
import { TOKENS, type Token } from '../../src/bootstrap/tokens.js';
import type { Bulletin } from '../../src/domain/bulletin/bulletin.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/databases.js';
import { TestClient } from '../support/http/browser-client.js';
import { type OrgSpec, type RunningOrganizations, startOrganizations } from '../support/organizations.js';
import { STRONG_PASSPHRASE } from '../support/passphrases.js';

const KEY = '2024---board';
/** Long enough to cast two ballots, short enough to wait for: election.yaml times are whole seconds. */
const OPEN_MS = 6_000;
const utc = (ms: number) => new Date(Math.ceil(ms / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');

function orgs(end: number): OrgSpec[] {
  const board = (name: string, voter: string, officer: string) => ({
    name,
    voters: [voter],
    officers: [officer],
    start: '2020-01-01 00:00:00',
    end: utc(end),
    publicBulletin: true,
  });
  return [
    { key: 'alpha', name: 'Alpha Project', default: true, elections: { [KEY]: board('Alpha board', 'alice', 'alpha-officer') } },
    { key: 'beta', name: 'Beta Project', elections: { [KEY]: board('Beta board', 'bob', 'beta-officer') } },
  ];
}

const app = (org: string, rest = '') => `/o/${org}/app/elections/${KEY}${rest}`;
const pub = (org: string, rest = '') => `/o/${org}/elections/${KEY}${rest}`;

describe.each(['memory', 'sqlite'] as const)('two organizations freeze and serve their own bulletins (%s)', (db) => {
  let web: RunningOrganizations;
  let database: ThrowawayDatabase | null = null;
  let closesAt = 0;
  beforeAll(async () => {
    let env: Record<string, string> = {};
    if (db === 'sqlite') {
      database = await createThrowawayDatabase('sqlite');
      if (database.config.dialect !== 'sqlite') throw new Error('sqlite expected');
      // `elekto migrate` is a step of its own in production.
      await (await openMigrated(database.config)).dataSource.destroy();
      env = { DB_CONNECTION: 'sqlite', DB_PATH: database.config.path };
    }
    closesAt = Math.ceil((Date.now() + OPEN_MS) / 1000) * 1000;
    web = await startOrganizations(orgs(closesAt), env);
  });
  afterAll(async () => {
    await web?.close();
    await database?.drop();
  });

  async function signedIn(login: string): Promise<TestClient> {
    const c = new TestClient(web.baseUrl);
    await c.signInAs(login);
    return c;
  }

  async function castAndTrack(login: string, org: string, ranks: Record<string, string>): Promise<string> {
    const c = await signedIn(login);
    const cast = await c.submit(app(org, '/vote'), app(org, '/vote'), { ...ranks, password: STRONG_PASSPHRASE, password_confirm: STRONG_PASSPHRASE });
    expect(cast.status).toBe(302);
    expect(cast.headers.get('location')).toBe(app(org, '/confirmation'));
    return /id="cast-tracker">([^<]+)</.exec(await (await c.get(app(org, '/confirmation'))).text())?.[1] ?? '';
  }

  it('freezes one bulletin per organization at the close and serves each under its own path only', async () => {
    const aliceTracker = await castAndTrack('alice', 'alpha', { 'candidate@ann': '1', 'candidate@ben': '2' });
    const bobTracker = await castAndTrack('bob', 'beta', { 'candidate@ann': '2', 'candidate@ben': '1' });
    expect(aliceTracker).not.toBe('');
    expect(bobTracker).not.toBe('');

    // Nothing public while the elections run.
    const visitor = new TestClient(web.baseUrl);
    expect((await visitor.get(pub('beta', '/bulletin.json'))).status).toBe(404);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, closesAt - Date.now() + 1_100)));
    // What `elekto serve` runs with ORGANIZATIONS_FILE: every organization's close job.
    const scopes = () => web.organizations.list().map((o) => ({ organization: o.config.key, get: <T>(t: Token<T>) => o.get(t) }));
    const stop = await settleOnClose(web.app, scopes);
    const frozenIn = async (org: string) => (await web.organizations.get(org)!.get(TOKENS.FrozenBulletins)).find(KEY);
    const deadline = Date.now() + 10_000;
    while ((!(await frozenIn('alpha')) || !(await frozenIn('beta'))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    stop();
    const alpha = (await frozenIn('alpha'))!;
    const beta = (await frozenIn('beta'))!;
    expect(alpha).toMatchObject({ electionKey: KEY, ballotCount: 1 });
    expect(beta).toMatchObject({ electionKey: KEY, ballotCount: 1 });
    expect(alpha.digest).not.toBe(beta.digest);

    // The public bulletins: each organization's own ballots, tracker and digest.
    const bulletinOf = async (org: string) => {
      const res = await visitor.get(pub(org, '/bulletin.json'));
      expect(res.status).toBe(200);
      return (await res.json()) as Bulletin;
    };
    const alphaBulletin = await bulletinOf('alpha');
    const betaBulletin = await bulletinOf('beta');
    expect(alphaBulletin.digest).toBe(alpha.digest);
    expect(betaBulletin.digest).toBe(beta.digest);
    expect(alphaBulletin.ballots.map((b) => b.tracker)).toEqual([aliceTracker]);
    expect(betaBulletin.ballots.map((b) => b.tracker)).toEqual([bobTracker]);
    expect(betaBulletin.ballots[0]!.ranks).toEqual({ ann: 2, ben: 1 });

    // The public page: its digest, and the tracker lookup fetching its own organization's bulletin.
    const betaPage = await (await visitor.get(pub('beta'))).text();
    expect(betaPage).toContain(`id="bulletin-digest">${beta.digest}<`);
    expect(betaPage).toContain(`data-bulletin="${pub('beta', '/bulletin.json')}"`);
    expect(betaPage).toContain(`href="${pub('beta', '/bulletin.json')}"`);
    expect(betaPage).not.toContain(alpha.digest);
    expect(await (await visitor.get(pub('alpha'))).text()).toContain(`data-bulletin="${pub('alpha', '/bulletin.json')}"`);

    // The officers: their own organization's bulletin, linked under its path; not the other's.
    const betaOfficer = await signedIn('beta-officer');
    const results = await (await betaOfficer.get(app('beta', '/admin/results'))).text();
    expect(results).toContain(beta.digest);
    expect(results).toContain(`href="${app('beta', '/admin/bulletin.json')}"`);
    expect(results).not.toContain('The ballots changed after the close');
    const download = await betaOfficer.get(app('beta', '/admin/bulletin.json'));
    expect(download.status).toBe(200);
    expect(((await download.json()) as Bulletin).digest).toBe(beta.digest);
    expect((await betaOfficer.get(app('alpha', '/admin/bulletin.json'))).status).toBe(403);
  }, 40_000);
});
