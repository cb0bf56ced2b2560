import fc from 'fast-check';
import { encodeReturnTo } from '../../src/adapters/http/redirect-target.js';
import { DevelopmentSignIn } from '../../src/adapters/http/sign-in/development-sign-in.js';
import { anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { csrfTokenIn, TestClient } from '../support/http/browser-client.js';
import { FakeGithub, githubSignInAgainst } from '../support/http/fake-github.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';

/**
 * Attacks on sign-in and sessions: forged and replayed OAuth state, cookies signed elsewhere or
 * tampered with, open redirects through the return path, and cross-site form posts. Every one must
 * leave the attacker signed out (or the victim unharmed) and the browser on this site.
 */
const election = anElection().status('running', NOW).candidates('dims', 'paris').voters('carson', 'alice').build();
const electionPath = `/app/elections/${election.key}`;
let github: FakeGithub;
let web: RunningWeb;

beforeAll(async () => {
  github = await new FakeGithub().start();
  web = await startWeb([election], {
    signInMethods: (baseUrl, { signIn }) => [githubSignInAgainst(github, baseUrl, signIn), new DevelopmentSignIn(signIn, 'testing')],
  });
});
afterAll(async () => {
  await web.close();
  await github.stop();
});

/** Starts a GitHub sign-in and returns the callback path GitHub would send the browser to. */
async function callbackFromGithub(client: TestClient, r?: string): Promise<string> {
  const q = r ? `?r=${encodeURIComponent(r)}` : '';
  const start = await client.submit(`/login${q}`, `/oauth/github/login${q}`);
  expect(start.status).toBe(302);
  const atGithub = await fetch(new URL(start.headers.get('location')!), { redirect: 'manual' });
  const callback = new URL(atGithub.headers.get('location')!);
  return callback.pathname + callback.search;
}

async function isSignedIn(client: TestClient): Promise<boolean> {
  return (await client.get('/app')).status === 200;
}

function expectRefusedSignIn(res: Response): void {
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toBe('/login');
}

describe('OAuth state', () => {
  it('refuses a callback without state, with an empty or repeated state, and one with a forged state', async () => {
    const client = new TestClient(web.baseUrl);
    const real = new URL(await callbackFromGithub(client), web.baseUrl);
    const code = real.searchParams.get('code')!;
    const state = real.searchParams.get('state')!;
    for (const query of [
      `code=${code}`,
      `code=${code}&state=`,
      `code=${code}&state=${state}&state=${state}`,
      `code=${code}&state[]=${state}`,
      `code=${code}&state=${state.slice(0, -1)}0`,
      `code=${code}&state=${state.toUpperCase()}`,
    ]) {
      expectRefusedSignIn(await client.get(`/oauth/github/callback?${query}`));
      expect(await isSignedIn(client)).toBe(false);
    }
    expect(await (await client.get('/login')).text()).toContain('could not be verified');
  });

  it('refuses a replayed callback, in the same browser after use and in another browser', async () => {
    const victim = new TestClient(web.baseUrl);
    const callback = await callbackFromGithub(victim);
    const done = await victim.get(callback);
    expect(done.headers.get('location')).toBe('/app');
    expect(await isSignedIn(victim)).toBe(true);

    // The state is spent: the same URL again (e.g. from history) does nothing new.
    const again = new TestClient(web.baseUrl);
    expectRefusedSignIn(await again.get(callback));
    expect(await isSignedIn(again)).toBe(false);

    // An attacker who captured the callback URL cannot use it with a session of their own ...
    const attacker = new TestClient(web.baseUrl);
    await callbackFromGithub(attacker);
    expectRefusedSignIn(await attacker.get(callback));
    expect(await isSignedIn(attacker)).toBe(false);
  });

  it("does not let an attacker plant their own code in a victim's browser (login CSRF)", async () => {
    const attacker = new TestClient(web.baseUrl);
    const attackersCallback = await callbackFromGithub(attacker);
    const victim = new TestClient(web.baseUrl);
    await victim.submit('/login', '/oauth/github/login'); // the victim has a state of their own
    expectRefusedSignIn(await victim.get(attackersCallback));
    expect(await isSignedIn(victim)).toBe(false);
  });

  it('does not sign in when GitHub answers with an error or refuses the code, even with the right state', async () => {
    for (const change of [
      (u: URL) => {
        u.searchParams.delete('code');
        u.searchParams.set('error', 'access_denied');
      },
      (u: URL) => u.searchParams.set('code', 'code-that-github-never-issued'),
      (u: URL) => u.searchParams.delete('code'),
    ]) {
      const client = new TestClient(web.baseUrl);
      const callback = new URL(await callbackFromGithub(client), web.baseUrl);
      change(callback);
      const res = await client.get(callback.pathname + callback.search);
      expectRefusedSignIn(res);
      expect(await isSignedIn(client)).toBe(false);
    }
  });

  it('refuses to start a sign-in by GET or without a CSRF token', async () => {
    const client = new TestClient(web.baseUrl);
    expect([404, 405]).toContain((await client.get('/oauth/github/login')).status);
    await client.get('/login');
    expect((await client.post('/oauth/github/login', {})).status).toBe(403);
    expect(github.authorizeRequests.every((u) => u.searchParams.get('state'))).toBe(true);
  });
});

describe('session cookies', () => {
  it('ignores a cookie signed with another APP_KEY, even for a user id that exists', async () => {
    const elsewhere = await startWeb([election], { world: web.world, config: { appKey: 'another-key-that-is-also-long-enough-987654' } });
    try {
      const there = new TestClient(elsewhere.baseUrl);
      await there.signInAs('alice');
      expect(await isSignedIn(there)).toBe(true);
      const cookie = `elekto.session=${there.rawCookie('elekto.session')}; elekto.session.sig=${there.rawCookie('elekto.session.sig')}`;
      const res = await fetch(`${web.baseUrl}/app`, { headers: { cookie }, redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toMatch(/^\/login\?r=/);
    } finally {
      await elsewhere.close();
    }
  });

  it('ignores a session cookie without its signature, with a swapped signature, or rewritten to another user', async () => {
    const alice = new TestClient(web.baseUrl);
    await alice.signInAs('alice');
    const bob = new TestClient(web.baseUrl);
    await bob.signInAs('bob');
    const aliceValue = alice.rawCookie('elekto.session')!;
    const payload = JSON.parse(Buffer.from(aliceValue, 'base64').toString('utf8')) as Record<string, unknown>;
    const bobId = (await web.world.users.byLogin('bob'))!.id;
    const rewritten = Buffer.from(JSON.stringify({ ...payload, uid: bobId })).toString('base64');
    for (const cookie of [
      `elekto.session=${aliceValue}`,
      `elekto.session=${aliceValue}; elekto.session.sig=${bob.rawCookie('elekto.session.sig')}`,
      `elekto.session=${rewritten}; elekto.session.sig=${alice.rawCookie('elekto.session.sig')}`,
      `elekto.session=${aliceValue}; elekto.session.sig=`,
      `elekto.session=%%%; elekto.session.sig=${alice.rawCookie('elekto.session.sig')}`,
    ]) {
      const res = await fetch(`${web.baseUrl}/app`, { headers: { cookie }, redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toMatch(/^\/login\?r=/);
    }
  });
});

describe('sign-out', () => {
  it('ends every session of the account: a cookie copied before signing out is refused afterwards', async () => {
    const alice = new TestClient(web.baseUrl);
    await alice.signInAs('alice');
    const stolen = sessionCookieOf(alice);
    expect((await fetch(`${web.baseUrl}/app`, { headers: { cookie: stolen }, redirect: 'manual' })).status).toBe(200);

    expect((await alice.submit('/app', '/logout')).status).toBe(302);

    const replayed = await fetch(`${web.baseUrl}/app`, { headers: { cookie: stolen }, redirect: 'manual' });
    expect(replayed.status).toBe(302);
    expect(replayed.headers.get('location')).toMatch(/^\/login\?r=/);

    // Signing in again works, with a new session that the old cookie still does not match.
    await alice.signInAs('alice');
    expect((await alice.get('/app')).status).toBe(200);
    expect((await fetch(`${web.baseUrl}/app`, { headers: { cookie: stolen }, redirect: 'manual' })).status).toBe(302);
  });
});

function sessionCookieOf(client: TestClient): string {
  return `elekto.session=${client.rawCookie('elekto.session')}; elekto.session.sig=${client.rawCookie('elekto.session.sig')}`;
}

describe('session lifetime and renewal', () => {
  it('gives each sign-in a new session: a copy of the cookie from before dies when its owner signs in again', async () => {
    const alice = new TestClient(web.baseUrl);
    await alice.signInAs('alice');
    const stolen = sessionCookieOf(alice);
    expect((await fetch(`${web.baseUrl}/app`, { headers: { cookie: stolen }, redirect: 'manual' })).status).toBe(200);
    // The owner signs in again (a new browser, a cleared cookie): one account, one live session.
    const again = new TestClient(web.baseUrl);
    await again.signInAs('alice');
    expect((await again.get('/app')).status).toBe(200);
    expect((await fetch(`${web.baseUrl}/app`, { headers: { cookie: stolen }, redirect: 'manual' })).status).toBe(302);
    expect((await alice.get('/app')).status).toBe(302);
  });

  it('lets a browser whose session ended (elsewhere, or by age) sign in again at once', async () => {
    const first = new TestClient(web.baseUrl);
    await first.signInAs('alice');
    await new TestClient(web.baseUrl).signInAs('alice');
    // The first browser still holds its old cookie: the sign-in form must work with it.
    expect((await first.signInAs('alice')).headers.get('location')).toBe('/app');
    expect((await first.get('/app')).status).toBe(200);
  });

  it('ends a session a fixed time after sign-in, however often it is used meanwhile', async () => {
    const own = await startWeb([election], { config: { sessionLifetimeMs: 24 * 3600_000 } });
    try {
      const clock = own.world.clock;
      const alice = new TestClient(own.baseUrl);
      await alice.signInAs('alice');
      const stolen = sessionCookieOf(alice);
      // Used every hour for a day: each use would renew a rolling session.
      for (let hour = 1; hour < 24; hour++) {
        clock.set(new Date(NOW.getTime() + hour * 3600_000));
        expect((await alice.get('/app')).status).toBe(200);
      }
      clock.set(new Date(NOW.getTime() + 24 * 3600_000 + 60_000));
      const expired = await alice.get('/app');
      expect(expired.status).toBe(302);
      expect(expired.headers.get('location')).toMatch(/^\/login\?r=/);
      expect((await fetch(`${own.baseUrl}/app`, { headers: { cookie: stolen }, redirect: 'manual' })).status).toBe(302);
      // Signing in again starts a new lifetime.
      await alice.signInAs('alice');
      expect((await alice.get('/app')).status).toBe(200);
    } finally {
      await own.close();
    }
  });

  it('refuses a session cookie that carries no sign-in time (issued before this rule)', async () => {
    const alice = new TestClient(web.baseUrl);
    await alice.signInAs('alice');
    const user = (await web.world.users.byLogin('alice'))!;
    // Re-sign a cookie body without the time, as an older version issued it.
    const { createHmac } = await import('node:crypto');
    const { cookieKeys } = await import('../../src/adapters/http/middleware/sessions.js');
    const { TEST_CONFIG } = await import('../support/http/web-world.js');
    const body = Buffer.from(JSON.stringify({ uid: user.id, sv: user.sessionToken, _expire: Date.now() + 3600_000, _maxAge: 3600_000 })).toString('base64');
    const sig = createHmac('sha1', cookieKeys(TEST_CONFIG.appKey)[0]!)
      .update(`elekto.session=${body}`)
      .digest('base64')
      .replace(/\/|\+|=/g, (c) => ({ '/': '_', '+': '-', '=': '' })[c]!);
    const res = await fetch(`${web.baseUrl}/app`, { headers: { cookie: `elekto.session=${body}; elekto.session.sig=${sig}` }, redirect: 'manual' });
    expect(res.status).toBe(302);
  });
});

describe('return paths after sign-in', () => {
  const port = () => new URL(web.baseUrl).port;
  const ATTACKS = () => [
    '//evil.com',
    '//evil.com/app',
    '/\\evil.com',
    '\\\\evil.com',
    '/\t/evil.com',
    ' //evil.com',
    'https://evil.com',
    'https:evil.com',
    'https:/\\evil.com',
    'HTTPS://EVIL.COM',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/.//evil.com',
    '/..//evil.com',
    '/app/../..//evil.com',
    '/./\\evil.com',
    `http://127.0.0.1:${port()}//evil.com`,
    `http://127.0.0.1:${port()}@evil.com/`,
    `http://evil.com@127.0.0.1:${port()}.evil.com/`,
    '%2F%2Fevil.com',
    '/%2F%2Fevil.com',
    '/%5Cevil.com',
    '%252F%252Fevil.com',
    '\u3002evil.com',
    '//evil%E3%80%82com',
  ];

  /** A Location is safe when a browser resolving it against our origin stays on our origin. */
  function expectSameSite(location: string | null): void {
    expect(location).not.toBeNull();
    expect(location!.startsWith('/')).toBe(true);
    expect(location!.startsWith('//')).toBe(false);
    expect(location).not.toMatch(/^\/[\\\t\n\r]/);
    expect(new URL(location!, web.baseUrl).origin).toBe(new URL(web.baseUrl).origin);
  }

  it('never sends the browser elsewhere after the development sign-in', async () => {
    for (const target of ATTACKS()) {
      for (const r of [encodeReturnTo(target), target]) {
        const client = new TestClient(web.baseUrl);
        const q = `?r=${encodeURIComponent(r)}`;
        const login = await client.get(`/login${q}`);
        expect(login.status).toBe(200);
        expect(await login.text()).not.toMatch(/evil/i);
        const res = await client.submit(`/login${q}`, `/oauth/development/login${q}`, { login: 'alice' });
        expect(res.status).toBe(302);
        expectSameSite(res.headers.get('location'));
      }
    }
  });

  it('never sends the browser elsewhere after a GitHub sign-in', async () => {
    for (const target of ATTACKS()) {
      const client = new TestClient(web.baseUrl);
      const done = await client.get(await callbackFromGithub(client, encodeReturnTo(target)));
      expect(done.status).toBe(302);
      expectSameSite(done.headers.get('location'));
    }
  });

  it('keeps every generated return path on this site (property)', async () => {
    const piece = fc.constantFrom(
      '/',
      '//',
      '\\',
      '.',
      '..',
      '%2F',
      '%2f',
      '%5C',
      '%2e',
      'evil.com',
      '@',
      ':',
      'http:',
      'https:',
      '\t',
      ' ',
      '?',
      '#',
      'app',
      `127.0.0.1:${port()}`,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { minLength: 1, maxLength: 8 }).map((p) => p.join('')),
        async (target) => {
          const client = new TestClient(web.baseUrl);
          const q = `?r=${encodeURIComponent(encodeReturnTo(target))}`;
          const res = await client.submit('/login', `/oauth/development/login${q}`, { login: 'alice' });
          expect(res.status).toBe(302);
          expectSameSite(res.headers.get('location'));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('answers odd top-level paths without redirecting off-site', async () => {
    for (const path of [
      '//evil.com',
      '//evil.com/',
      '/\\evil.com',
      '//evil.com/app/elections/x/admin',
      '/app/elections/%2F%2Fevil.com/admin',
      '/app/elections/x/results?next=//evil.com',
      '/login?next=//evil.com',
    ]) {
      const res = await fetch(`${web.baseUrl}${path}`, { redirect: 'manual' });
      const location = res.headers.get('location');
      if (location !== null) expectSameSite(location);
    }
  });
});

describe('cross-site requests', () => {
  async function signedIn(login = 'alice'): Promise<TestClient> {
    const c = new TestClient(web.baseUrl);
    await c.signInAs(login);
    return c;
  }
  const ballot = { 'candidate@dims': '1', 'candidate@paris': '2' };

  it('refuses a vote without a token, with a token from another session, or a token in the query or header of another session', async () => {
    const alice = await signedIn('alice');
    const carson = await signedIn('carson');
    const carsonsToken = csrfTokenIn(await (await carson.get(`${electionPath}/vote`)).text());
    const attempts: Array<() => Promise<Response>> = [
      () => alice.post(`${electionPath}/vote`, ballot),
      () => alice.post(`${electionPath}/vote`, { ...ballot, _csrf: '' }),
      () => alice.post(`${electionPath}/vote`, { ...ballot, _csrf: carsonsToken }),
      () => alice.post(`${electionPath}/vote?_csrf=${encodeURIComponent(carsonsToken)}`, ballot),
      () => alice.request('POST', `${electionPath}/vote`, ballot, { 'x-csrf-token': carsonsToken }),
      () => alice.request('POST', `${electionPath}/vote`, new URLSearchParams([...Object.entries(ballot), ['_csrf', 'x'], ['_csrf', carsonsToken]])),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('did not come from this site');
    }
    expect(await web.world.ballotBox.countBallots(election.key)).toBe(0);
  });

  it('does not accept a token taken before sign-in once signed in (the session starts afresh)', async () => {
    const client = new TestClient(web.baseUrl);
    const before = csrfTokenIn(await (await client.get('/login')).text());
    await client.signInAs('alice');
    const res = await client.post('/logout', { _csrf: before });
    expect(res.status).toBe(403);
    expect(await isSignedIn(client)).toBe(true);
  });

  it('never signs out by GET, whatever the query says', async () => {
    const client = await signedIn('alice');
    for (const path of ['/logout', '/logout?confirm=yes', '/logout/', '/oauth/development/logout']) {
      await client.get(path);
      expect(await isSignedIn(client)).toBe(true);
    }
    expect((await client.request('HEAD', '/logout')).status).not.toBe(302);
    expect(await isSignedIn(client)).toBe(true);
  });

  it('refuses a sign-in form posted without a token (no login CSRF through the development form either)', async () => {
    const client = new TestClient(web.baseUrl);
    const res = await client.post('/oauth/development/login', { login: 'mallory' });
    expect(res.status).toBe(403);
    expect(await isSignedIn(client)).toBe(false);
  });
});
