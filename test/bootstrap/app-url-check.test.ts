/**
 * Issue 13: an Elekto `.env` (APP_URL=http://localhost, "unused" in Elekto's guide) must not break
 * the GitHub sign-in silently: `serve` says so at start-up.
 */
import { loadConfig } from '../../src/bootstrap/config/load-config.js';
import { appUrlProblem } from '../../src/bootstrap/serve/app-url-check.js';

const github = {
  APP_ENV: 'development',
  DB_CONNECTION: 'memory',
  ELECTION_DIR: 'elections',
  IDENTITY: 'github',
  GITHUB_CLIENT_ID: 'id',
  GITHUB_CLIENT_SECRET: 'secret',
};
const configWith = (env: Record<string, string>) => loadConfig({ env: { ...github, ...env }, envFile: false });

describe('the start-up check of APP_URL', () => {
  it('leaves APP_URL unset (no default any more): the callback URL then comes from each request, and nothing is warned', () => {
    const config = configWith({});
    expect(config.app.url).toBeNull();
    expect(appUrlProblem(config, 5000)).toBeNull();
  });

  it("warns about Elekto's example value http://localhost while the server listens on 5000", () => {
    const problem = appUrlProblem(configWith({ APP_URL: 'http://localhost' }), 5000);
    expect(problem).toContain('APP_URL=http://localhost means port 80');
    expect(problem).toContain('listens on 5000');
    expect(problem).toContain('http://localhost/oauth/github/callback');
    expect(problem).toContain('unset it');
    expect(problem).not.toContain('\n');
  });

  it('warns when APP_URL names a port other than the one served and no proxy is trusted', () => {
    expect(appUrlProblem(configWith({ APP_URL: 'http://elections.example.org:8000' }), 5000)).toMatch(/names port 8000, but this server listens on 5000/);
    // A trusted proxy may well listen on 8000 and pass to 5000.
    expect(appUrlProblem(configWith({ APP_URL: 'http://elections.example.org:8000', TRUST_PROXY: 'true' }), 5000)).toBeNull();
  });

  it('accepts what can be right: the served port, a public https URL behind a proxy, localhost on port 80', () => {
    expect(appUrlProblem(configWith({ APP_URL: 'http://localhost:5000' }), 5000)).toBeNull();
    expect(appUrlProblem(configWith({ APP_URL: 'https://elections.example.org' }), 5000)).toBeNull();
    expect(appUrlProblem(configWith({ APP_URL: 'http://localhost' }), 80)).toBeNull();
  });

  it('says nothing for the development sign-in, which never sends anyone to APP_URL', () => {
    const dev = loadConfig({
      env: { APP_ENV: 'development', DB_CONNECTION: 'memory', ELECTION_DIR: 'elections', IDENTITY: 'development', APP_URL: 'http://localhost' },
      envFile: false,
    });
    expect(appUrlProblem(dev, 5000)).toBeNull();
  });
});
