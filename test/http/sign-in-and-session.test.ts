import { encodeReturnTo } from '../../src/adapters/http/redirect-target.js';
import { DevelopmentSignIn } from '../../src/adapters/http/sign-in/development-sign-in.js';
import { SignIn } from '../../src/application/identity/sign-in.js';
import { InMemoryUsers } from '../../src/adapters/persistence/in-memory/in-memory-users.js';
import { anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import type { RunningWeb } from '../support/http/web-world.js';
import { startWebOn, WEB_WORLD_KINDS } from '../support/http/web-worlds.js';

const election = anElection().status('running', NOW).voters('alice').build();
// On in-memory adapters and on SQLite through TypeORM (users stored by the real adapter).
describe.each(WEB_WORLD_KINDS)('on %s', (kind) => {
  let web: RunningWeb;
  let client: TestClient;
  beforeAll(async () => {
    web = await startWebOn(kind, [election]);
  });
  afterAll(() => web.close());
  beforeEach(() => {
    client = new TestClient(web.baseUrl);
  });

  describe(`signing in and out (${kind})`, () => {
    it('sends someone signed out from /app to /login with Elekto-style r', async () => {
      const res = await client.get('/app');
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`/login?r=${encodeURIComponent(encodeReturnTo('/app'))}`);
    });

    it('signs in with the development form and lands on the dashboard', async () => {
      const res = await client.signInAs('Alice', 'Alice Liddell');
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/app');
      const dash = await client.get('/app');
      expect(dash.status).toBe(200);
      const html = await dash.text();
      expect(html).toContain('Welcome, Alice Liddell');
      expect(html).toContain(election.name);
      expect((await client.get('/login')).headers.get('location')).toBe('/app');
      // Issue 13: stored as typed (Elekto compares usernames case-sensitively), with the name.
      expect(await web.world.users.byLogin('alice')).toMatchObject({ login: 'Alice', name: 'Alice Liddell' });
    });

    it('returns to the page that asked for sign-in, but only on this site', async () => {
      const page = `/app/elections/${election.key}`;
      const r = encodeReturnTo(page);
      const res = await client.submit(`/login?r=${encodeURIComponent(r)}`, `/oauth/development/login?r=${encodeURIComponent(r)}`, { login: 'alice' });
      expect(res.headers.get('location')).toBe(page);

      const other = new TestClient(web.baseUrl);
      const evil = encodeReturnTo('https://evil.example/steal');
      const res2 = await other.submit(`/login?r=${encodeURIComponent(evil)}`, `/oauth/development/login?r=${encodeURIComponent(evil)}`, { login: 'alice' });
      expect(res2.headers.get('location')).toBe('/app');

      const third = new TestClient(web.baseUrl);
      const legacy = encodeReturnTo(`${web.baseUrl}/app/elections`);
      const res3 = await third.submit('/login', `/oauth/development/login?r=${encodeURIComponent(legacy)}`, { login: 'alice' });
      expect(res3.headers.get('location')).toBe('/app/elections');
    });

    it('keeps only the user id, our session token and the sign-in time in a signed, HttpOnly, SameSite=Lax cookie', async () => {
      const page = await client.get('/login');
      const cookies = page.headers.getSetCookie();
      expect(cookies.length).toBeGreaterThan(0);
      const res = await client.signInAs('alice');
      const set = res.headers.getSetCookie().join('\n');
      expect(set).toMatch(/elekto\.session=[^;]+;.*httponly/i);
      expect(set).toMatch(/samesite=lax/i);
      expect(set).toMatch(/elekto\.session\.sig=/);
      expect(set).not.toMatch(/;\s*secure/i);
      const payload = JSON.parse(Buffer.from(client.rawCookie('elekto.session')!, 'base64').toString('utf8'));
      expect(
        Object.keys(payload)
          .filter((k) => !k.startsWith('_'))
          .sort(),
      ).toEqual(['at', 'sv', 'uid']);
      expect(payload.at).toBe(web.world.clock.now().getTime());
      // Our own revocable session token, never a GitHub token.
      expect(payload.sv).toMatch(/^s1\.[A-Za-z0-9_-]{32}$/);
    });

    it('rejects a tampered session cookie', async () => {
      await client.signInAs('alice');
      const forged = Buffer.from(JSON.stringify({ uid: 1, _expire: Date.now() + 1e7, _maxAge: 1e7 })).toString('base64');
      const res = await fetch(`${web.baseUrl}/app`, {
        headers: { cookie: `elekto.session=${forged}; elekto.session.sig=${client.rawCookie('elekto.session.sig')}` },
        redirect: 'manual',
      });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toMatch(/^\/login\?r=/);
    });

    it('signs out only by POST with a CSRF token', async () => {
      await client.signInAs('alice');
      const ask = await client.get('/logout');
      expect(ask.status).toBe(200);
      expect((await client.get('/app')).status).toBe(200);
      const out = await client.submit('/app', '/logout');
      expect(out.status).toBe(302);
      expect(out.headers.get('location')).toBe('/login');
      expect((await client.get('/app')).status).toBe(302);
    });

    it('refuses a state-changing form without a valid CSRF token', async () => {
      await client.signInAs('alice');
      const res = await client.post('/logout', { _csrf: 'not-a-token' });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('did not come from this site');
      const none = await client.post(`/app/elections/${election.key}/vote`, { [`candidate@dims`]: '1' });
      expect(none.status).toBe(403);
      expect((await client.get('/app')).status).toBe(200);
    });

    it('rejects an implausible login on the development form', async () => {
      const res = await client.signInAs('not a login!');
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/login');
      expect(await (await client.get('/login')).text()).toContain('Type a GitHub login');
    });

    it('cannot be built in production', () => {
      expect(() => new DevelopmentSignIn(new SignIn(new InMemoryUsers()), 'production')).toThrow(/APP_ENV=production/);
    });

    it('marks cookies Secure when a trusted proxy says the request came over https', async () => {
      const behindProxy = await startWebOn(kind, [election], { config: { trustProxy: true } });
      try {
        const res = await fetch(`${behindProxy.baseUrl}/login`, { headers: { 'x-forwarded-proto': 'https' } });
        expect(res.headers.getSetCookie().join('\n')).toMatch(/;\s*secure/i);
      } finally {
        await behindProxy.close();
      }
    });

    it('marks every cookie Secure when APP_URL is https, even without TRUST_PROXY (the proxy ends TLS)', async () => {
      const secure = await startWebOn(kind, [election], { config: { secureCookies: true } });
      try {
        const client = new TestClient(secure.baseUrl);
        const login = await fetch(`${secure.baseUrl}/login`);
        const cookies = login.headers.getSetCookie();
        expect(cookies.length).toBeGreaterThan(0);
        for (const c of cookies) expect(c).toMatch(/;\s*secure/i);
        const signedIn = await client.signInAs('alice');
        expect(signedIn.headers.getSetCookie().filter((c) => c.startsWith('elekto.session')).length).toBeGreaterThan(0);
        for (const c of signedIn.headers.getSetCookie()) expect(c).toMatch(/;\s*secure/i);
      } finally {
        await secure.close();
      }
    });
  });
});
