import { encodeReturnTo } from '../../src/adapters/http/redirect-target.js';
import { anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import { FakeGithub, githubSignInAgainst } from '../support/http/fake-github.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';

const election = anElection().status('running', NOW).voters('carson').build();
let github: FakeGithub;
let web: RunningWeb;
const logged: Array<{ obj: object; msg?: string }> = [];
const logger = { info: () => undefined, error: () => undefined, warn: (obj: object, msg?: string) => void logged.push({ obj, msg }) };

beforeAll(async () => {
  github = await new FakeGithub().start();
  web = await startWeb([election], {
    signInMethods: (baseUrl, { signIn }) => [githubSignInAgainst(github, baseUrl, signIn, logger)],
  });
});
afterAll(async () => {
  await web.close();
  await github.stop();
});
beforeEach(() => {
  github.user = { login: 'Carson', name: 'Carson Weeks', id: 1 };
});

/** Follows the browser's way: our POST → GitHub authorize → our callback. */
async function signInThroughGithub(client: TestClient, r?: string): Promise<Response> {
  const q = r ? `?r=${encodeURIComponent(r)}` : '';
  const start = await client.submit(`/login${q}`, `/oauth/github/login${q}`);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  expect(authorize.origin).toBe(github.baseUrl);
  const atGithub = await fetch(authorize, { redirect: 'manual' });
  const callback = new URL(atGithub.headers.get('location')!);
  return client.get(callback.pathname + callback.search);
}

describe('GitHub OAuth through grant', () => {
  it('offers the GitHub button and allows GitHub as a form target in the CSP', async () => {
    const client = new TestClient(web.baseUrl);
    const login = await client.get('/login');
    expect(await login.text()).toContain('Sign in with GitHub');
    expect(login.headers.get('content-security-policy')).toContain(`form-action 'self' ${github.baseUrl}`);
  });

  it("sends the browser to GitHub with client id, Elekto's scope, state and our callback", async () => {
    const client = new TestClient(web.baseUrl);
    const start = await client.submit('/login', '/oauth/github/login');
    const url = new URL(start.headers.get('location')!);
    expect(url.pathname).toBe('/login/oauth/authorize');
    expect(url.searchParams.get('client_id')).toBe('client-123');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('scope')).toBe('user:login,name');
    expect(url.searchParams.get('redirect_uri')).toBe(`${web.baseUrl}/oauth/github/callback`);
    expect(url.searchParams.get('state')).toMatch(/^[0-9a-f]{20,}$/);
  });

  it('signs a new user in, returns to the asked page, and keeps no token in the cookie', async () => {
    const client = new TestClient(web.baseUrl);
    const back = `/app/elections/${election.key}`;
    const done = await signInThroughGithub(client, encodeReturnTo(back));
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(back);
    const tokenForm = github.tokenRequests.at(-1)!;
    expect(tokenForm.get('client_secret')).toBe('shh-secret');
    expect(tokenForm.get('redirect_uri')).toBe(`${web.baseUrl}/oauth/github/callback`);
    const user = await web.world.users.byLogin('carson');
    expect(user).toMatchObject({ login: 'Carson', name: 'Carson Weeks' });
    expect(await (await client.get('/app')).text()).toContain('Welcome, Carson Weeks');
    const cookie = Buffer.from(client.rawCookie('elekto.session')!, 'base64').toString('utf8');
    expect(cookie).not.toContain('token');
    expect(cookie).not.toContain('grant');
    expect(await (await client.get(back)).text()).toContain('eligible');
  });

  it('refuses a callback whose state does not match the one it sent', async () => {
    const client = new TestClient(web.baseUrl);
    await client.submit('/login', '/oauth/github/login');
    const forged = await client.get('/oauth/github/callback?code=code-1&state=forged');
    expect(forged.status).toBe(302);
    expect(forged.headers.get('location')).toBe('/login');
    expect(await (await client.get('/login')).text()).toContain('could not be verified');
    expect((await client.get('/app')).status).toBe(302);

    const stranger = new TestClient(web.baseUrl);
    const noSession = await stranger.get('/oauth/github/callback?code=code-1&state=anything');
    expect(noSession.headers.get('location')).toBe('/login');
  });

  it('does not sign in when GitHub will not give the profile', async () => {
    github.user = null;
    const client = new TestClient(web.baseUrl);
    const done = await signInThroughGithub(client);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/login');
    expect((await client.get('/app')).status).toBe(302);
  });

  it('signs a returning user in by login whatever its case', async () => {
    github.user = { login: 'CARSON', name: 'Carson W.' };
    const client = new TestClient(web.baseUrl);
    const done = await signInThroughGithub(client);
    expect(done.headers.get('location')).toBe('/app');
    const user = await web.world.users.byLogin('carson');
    expect(user?.name).toBe('Carson W.');
  });

  it("records GitHub's numeric id with the user", async () => {
    await signInThroughGithub(new TestClient(web.baseUrl));
    expect(await web.world.users.byLogin('carson')).toMatchObject({ login: 'Carson', githubId: 1 });
  });

  it('does not sign in when the profile carries no numeric id', async () => {
    github.user = { login: 'Carson', name: 'Carson Weeks', id: 'missing' };
    const client = new TestClient(web.baseUrl);
    const done = await signInThroughGithub(client);
    expect(done.headers.get('location')).toBe('/login');
    expect((await client.get('/app')).status).toBe(302);
  });

  it('treats a recycled login (same login, another GitHub account) as a new user and logs it', async () => {
    const first = new TestClient(web.baseUrl);
    await signInThroughGithub(first);
    const original = (await web.world.users.byLogin('carson'))!;
    expect(original.githubId).toBe(1);

    github.user = { login: 'carson', name: 'Someone Else', id: 777 };
    const newcomer = new TestClient(web.baseUrl);
    const done = await signInThroughGithub(newcomer);
    expect(done.headers.get('location')).toBe('/app');
    const now = (await web.world.users.byLogin('carson'))!;
    expect(now.id).not.toBe(original.id);
    expect(now).toMatchObject({ githubId: 777, name: 'Someone Else' });
    const kept = (await web.world.users.byId(original.id))!;
    expect(kept).toMatchObject({ githubId: 1, name: 'Carson Weeks' });
    expect(kept.login).not.toBe('Carson');
    // The old account's cookie no longer opens anything: that row's sessions ended with the move.
    expect((await first.get('/app')).status).toBe(302);
    expect(await (await newcomer.get('/app')).text()).toContain('Someone Else');
    expect(logged).toContainEqual({
      obj: expect.objectContaining({ login: 'carson', githubId: 777, userId: now.id, displacedUserId: original.id, displacedGithubId: 1 }),
      msg: expect.stringMatching(/another GitHub account/),
    });

    // The original account, renamed on GitHub, signs in under its new login and gets its own row back.
    github.user = { login: 'carson-renamed', name: 'Carson Weeks', id: 1 };
    await signInThroughGithub(new TestClient(web.baseUrl));
    expect(await web.world.users.byLogin('carson-renamed')).toMatchObject({ id: original.id, githubId: 1 });
  });
});
