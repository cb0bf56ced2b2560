/**
 * Issue 13: Elekto's guide calls APP_URL unused and its example sets `http://localhost`, so a copied
 * `.env` sent GitHub a redirect_uri without the port and sign-in broke silently. Unset, the callback
 * URL comes from the request (Host; X-Forwarded-Proto/Host only under TRUST_PROXY); set, APP_URL.
 */
import { request } from 'node:http';
import { GithubOAuthSignIn } from '../../src/adapters/http/sign-in/github-oauth-sign-in.js';
import { csrfTokenIn } from '../support/http/browser-client.js';
import { FakeGithub } from '../support/http/fake-github.js';
import { type RunningWeb, startWeb } from '../support/http/web-world.js';
import { anElection } from '../support/builders/election-builder.js';
import { NOW } from '../support/builders/in-memory-world.js';

const election = anElection().status('running', NOW).voters('carson').build();
let github: FakeGithub;
const running: RunningWeb[] = [];

beforeAll(async () => {
  github = await new FakeGithub().start();
});
afterAll(async () => {
  await Promise.all(running.map((w) => w.close()));
  await github.stop();
});

async function webWith(publicUrl: string | null, trustProxy: boolean): Promise<RunningWeb> {
  const web = await startWeb([election], {
    config: { trustProxy },
    signInMethods: (_baseUrl, { signIn }) => [
      new GithubOAuthSignIn(signIn, {
        clientId: 'client-123',
        clientSecret: 'shh-secret',
        publicUrl,
        callbackPath: '/oauth/github/callback',
        authorizeUrl: `${github.baseUrl}/login/oauth/authorize`,
        accessUrl: `${github.baseUrl}/login/oauth/access_token`,
        profileUrl: `${github.baseUrl}/user`,
      }),
    ],
  });
  running.push(web);
  return web;
}

interface Answer {
  status: number;
  location: string | null;
  setCookies: string[];
  text: string;
}

/** fetch() does not let a test set Host: plain node:http does. */
function send(baseUrl: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}/`,
      { method, path, headers: body ? { ...headers, 'content-type': 'application/x-www-form-urlencoded' } : headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, setCookies: res.headers['set-cookie'] ?? [], text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A browser reaching the server under the given request headers (Host, X-Forwarded-*), cookies kept. */
class Visitor {
  private cookie = '';
  constructor(
    private readonly web: RunningWeb,
    private readonly headers: Record<string, string>,
  ) {}

  async go(method: string, path: string, body?: string): Promise<Answer> {
    const answer = await send(this.web.baseUrl, method, path, { ...this.headers, accept: 'text/html', ...(this.cookie ? { cookie: this.cookie } : {}) }, body);
    const jar = new Map(this.cookie ? this.cookie.split('; ').map((p) => [p.slice(0, p.indexOf('=')), p] as const) : []);
    for (const line of answer.setCookies) {
      const pair = line.split(';')[0]!;
      jar.set(pair.slice(0, pair.indexOf('=')), pair);
    }
    this.cookie = [...jar.values()].join('; ');
    return answer;
  }

  /** POST /oauth/github/login from the login page: the redirect to GitHub's authorize URL. */
  async startSignIn(): Promise<URL> {
    const page = await this.go('GET', '/login');
    const start = await this.go('POST', '/oauth/github/login', new URLSearchParams({ _csrf: csrfTokenIn(page.text) }).toString());
    expect(start.status).toBe(302);
    return new URL(start.location!);
  }
}

describe('the GitHub callback URL (redirect_uri)', () => {
  it('APP_URL unset: built from the Host the request came to, port included, and used again for the code exchange', async () => {
    const web = await webWith(null, false);
    const visitor = new Visitor(web, { host: 'elections.example.org:5000' });
    const authorize = await visitor.startSignIn();
    expect(authorize.searchParams.get('redirect_uri')).toBe('http://elections.example.org:5000/oauth/github/callback');

    github.user = { login: 'Carson', name: 'Carson Weeks', id: 1 };
    const atGithub = await fetch(authorize, { redirect: 'manual' });
    const back = new URL(atGithub.headers.get('location')!);
    expect(back.origin).toBe('http://elections.example.org:5000');
    const done = await visitor.go('GET', back.pathname + back.search);
    expect(done.status).toBe(302);
    expect(done.location).toBe('/app');
    expect(github.tokenRequests.at(-1)!.get('redirect_uri')).toBe('http://elections.example.org:5000/oauth/github/callback');
  });

  it('APP_URL unset, no TRUST_PROXY: X-Forwarded-Proto and X-Forwarded-Host are ignored', async () => {
    const web = await webWith(null, false);
    const visitor = new Visitor(web, { host: 'internal:5000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' });
    expect((await visitor.startSignIn()).searchParams.get('redirect_uri')).toBe('http://internal:5000/oauth/github/callback');
  });

  it('APP_URL unset, TRUST_PROXY on: the proxy’s X-Forwarded-Proto and X-Forwarded-Host decide', async () => {
    const web = await webWith(null, true);
    const visitor = new Visitor(web, { host: '127.0.0.1:5000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'elections.example.org' });
    expect((await visitor.startSignIn()).searchParams.get('redirect_uri')).toBe('https://elections.example.org/oauth/github/callback');
  });

  it('APP_URL set: it wins over the request (Host and forwarded headers alike)', async () => {
    const web = await webWith('https://vote.example.org', true);
    const visitor = new Visitor(web, { host: 'internal:5000', 'x-forwarded-proto': 'http', 'x-forwarded-host': 'other.example' });
    expect((await visitor.startSignIn()).searchParams.get('redirect_uri')).toBe('https://vote.example.org/oauth/github/callback');
  });

  it('APP_URL unset: cookies are Secure when a trusted proxy says https, and not on a forged header without TRUST_PROXY', async () => {
    const trusted = new Visitor(await webWith(null, true), { host: '127.0.0.1', 'x-forwarded-proto': 'https' });
    const viaProxy = await trusted.go('GET', '/login');
    expect(viaProxy.setCookies.length).toBeGreaterThan(0);
    for (const c of viaProxy.setCookies) expect(c).toMatch(/;\s*secure/i);
    const direct = new Visitor(await webWith(null, false), { host: '127.0.0.1', 'x-forwarded-proto': 'https' });
    const plain = await direct.go('GET', '/login');
    expect(plain.setCookies.length).toBeGreaterThan(0);
    for (const c of plain.setCookies) expect(c).not.toMatch(/;\s*secure/i);
  });
});
