import { encodeReturnTo } from '../../src/adapters/http/redirect-target.js';
import { anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';
import { TestClient } from '../support/http/browser-client.js';
import { FakeGithub, githubSignInAgainst } from '../support/http/fake-github.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';

const election = anElection().status('running', NOW).voters('carson').build();
let github: FakeGithub;
let web: RunningWeb;

beforeAll(async () => {
  github = await new FakeGithub().start();
  web = await startWeb([election], {
    signInMethods: (baseUrl, { signIn }) => [
      githubSignInAgainst(github, baseUrl, signIn),
    ],
  });
});
afterAll(async () => {
  await web.close();
  await github.stop();
});
beforeEach(() => {
  github.user = { login: 'Carson', name: 'Carson Weeks' };
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

  it('sends the browser to GitHub with client id, Elekto\'s scope, state and our callback', async () => {
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
    expect(await (await client.get('/app')).text()).toContain('Welcome! Carson Weeks');
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
});
