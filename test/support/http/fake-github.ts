import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GithubOAuthSignIn } from '../../../src/adapters/http/sign-in/github-oauth-sign-in.js';
import type { HttpLogger } from '../../../src/adapters/http/http-logger.js';
import type { SignInUseCase } from '../../../src/adapters/http/sign-in/sign-in-method.js';

export interface FakeGithubUser {
  readonly login: string;
  readonly name: string | null;
  /** GitHub's numeric user id (default 1); `'missing'` leaves it out of the profile. */
  readonly id?: number | 'missing';
}

/**
 * GitHub's three OAuth endpoints on 127.0.0.1: authorize (records the request and sends the
 * browser back with a code), access_token (code → token) and /user (token → profile).
 */
export class FakeGithub {
  readonly authorizeRequests: URL[] = [];
  readonly tokenRequests: URLSearchParams[] = [];
  /** Who the next authorization signs in; null makes /user answer 404. */
  user: FakeGithubUser | null = { login: 'Carson', name: 'Carson Weeks' };
  private readonly codes = new Map<string, string>();
  private server: Server | null = null;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', this.baseUrl);
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (url.pathname === '/login/oauth/authorize') {
          this.authorizeRequests.push(url);
          const code = `code-${this.authorizeRequests.length}`;
          this.codes.set(code, `token-${this.authorizeRequests.length}`);
          const back = new URL(url.searchParams.get('redirect_uri') ?? '');
          back.searchParams.set('code', code);
          back.searchParams.set('state', url.searchParams.get('state') ?? '');
          res.writeHead(302, { location: back.toString() }).end();
        } else if (url.pathname === '/login/oauth/access_token' && req.method === 'POST') {
          const form = new URLSearchParams(body);
          this.tokenRequests.push(form);
          const token = this.codes.get(form.get('code') ?? '');
          res.writeHead(token ? 200 : 400, { 'content-type': 'application/json' });
          res.end(JSON.stringify(token ? { access_token: token, token_type: 'bearer', scope: '' } : { error: 'bad_verification_code' }));
        } else if (url.pathname === '/user') {
          const ok = this.user !== null && /^Bearer token-\d+$/.test(req.headers.authorization ?? '');
          res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
          const id = this.user?.id ?? 1;
          res.end(JSON.stringify(ok ? { login: this.user!.login, name: this.user!.name, ...(id === 'missing' ? {} : { id }) } : { message: 'Not Found' }));
        } else {
          res.writeHead(404).end();
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The GitHub sign-in of an app at `baseUrl`, with grant's three endpoints pointed at `github`. */
export function githubSignInAgainst(github: FakeGithub, baseUrl: string, signIn: SignInUseCase, logger?: HttpLogger): GithubOAuthSignIn {
  return new GithubOAuthSignIn(signIn, {
    ...(logger ? { logger } : {}),
    clientId: 'client-123',
    clientSecret: 'shh-secret',
    publicUrl: baseUrl,
    callbackPath: '/oauth/github/callback',
    authorizeUrl: `${github.baseUrl}/login/oauth/authorize`,
    accessUrl: `${github.baseUrl}/login/oauth/access_token`,
    profileUrl: `${github.baseUrl}/user`,
  });
}
