import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/bootstrap/config/app-config.js';
import { loadConfig } from '../../src/bootstrap/config/load-config.js';

const base = { DB_CONNECTION: 'memory', ELECTION_DIR: 'elections', IDENTITY: 'development', APP_ENV: 'development' };

function problemsOf(env: Record<string, string>, purpose: 'serve' | 'tool' = 'serve'): string[] {
  try {
    loadConfig({ env, envFile: false, purpose });
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies Elekto defaults and our own', () => {
    const c = loadConfig({ env: base, envFile: false });
    expect(c.app).toMatchObject({ name: 'k8s.elections', port: 5000, host: '127.0.0.1', minPasscodeLength: 6, debug: false });
    expect(c.meta).toMatchObject({ driver: 'directory', branch: 'main', electionDir: 'elections', repo: null });
    expect(c.identity.github.redirectPath).toBe('/oauth/github/callback');
    expect(c.sealing.scheme).toBe('argon2id');
    expect(c.database).toEqual({ dialect: 'memory' });
  });

  it('names every bad variable in one message', () => {
    const env = { APP_PORT: 'eighty', DB_CONNECTION: 'oracle', APP_DEBUG: 'maybe', META_DRIVER: 'svn', LOG_LEVEL: 'loud', IDENTITY: 'ldap' };
    const problems = problemsOf(env);
    const named = problems.map((p) => p.split(':')[0]);
    expect(named).toEqual(expect.arrayContaining(['APP_PORT', 'DB_CONNECTION', 'APP_DEBUG', 'META_DRIVER', 'LOG_LEVEL', 'IDENTITY', 'ELECTION_DIR']));
    expect(problems.find((p) => p.startsWith('APP_PORT'))).toContain('"eighty"');
  });

  it('refuses MIN_PASSCODE_LENGTH below 6, naming it and why (issue 11: short passphrases are guessed offline)', () => {
    for (const value of ['0', '4', '5', '05']) {
      const problems = problemsOf({ ...base, MIN_PASSCODE_LENGTH: value });
      expect(problems).toEqual([`MIN_PASSCODE_LENGTH: must be a whole number of at least 6 (shorter passphrases are guessed offline) (got "${value}")`]);
    }
    for (const [value, length] of [
      ['6', 6],
      ['12', 12],
      ['006', 6],
    ] as const) {
      expect(loadConfig({ env: { ...base, MIN_PASSCODE_LENGTH: value }, envFile: false }).app.minPasscodeLength).toBe(length);
    }
  });

  it('refuses production with a default key, no webhook secret and the development sign-in', () => {
    const problems = problemsOf({ ...base, APP_ENV: 'production', APP_KEY: 'test' });
    expect(problems.join('\n')).toMatch(/APP_KEY: the default "test" is refused/);
    expect(problems.join('\n')).toMatch(/META_SECRET: missing/);
    expect(problems.join('\n')).toMatch(/IDENTITY: the development sign-in is refused/);
    expect(problemsOf({ ...base, APP_ENV: 'production', IDENTITY: 'github', GITHUB_CLIENT_ID: 'a', GITHUB_CLIENT_SECRET: 'b', META_SECRET: 's' })).toEqual([
      expect.stringMatching(/^APP_KEY: missing/),
    ]);
  });

  it('refuses an APP_KEY shorter than 32 characters in production, without showing it', () => {
    const prod = { ...base, APP_ENV: 'production', IDENTITY: 'github', GITHUB_CLIENT_ID: 'a', GITHUB_CLIENT_SECRET: 'b', META_SECRET: 's' };
    const problems = problemsOf({ ...prod, APP_KEY: 'short-but-not-test-0123456789ab' });
    expect(problems).toEqual([expect.stringMatching(/^APP_KEY: .*31 characters.*at least 32.*elekto generate-key/)]);
    expect(problems.join('\n')).not.toContain('short-but-not-test');
    expect(problemsOf({ ...prod, APP_KEY: 'k'.repeat(32) })).toEqual([]);
    // Outside production a short key still works (tests, local trials).
    expect(problemsOf({ ...base, APP_KEY: 'short' })).toEqual([]);
  });

  it('treats APP_ENV as production when unset (safe default)', () => {
    const { APP_ENV: _, ...env } = base;
    expect(problemsOf(env).join('\n')).toMatch(/APP_KEY/);
  });

  it('does not apply the serve-only checks to CLI tools', () => {
    expect(problemsOf({ ...base, APP_ENV: 'production', IDENTITY: 'github' }, 'tool')).toEqual([]);
  });

  it('needs GitHub credentials for IDENTITY=github', () => {
    expect(problemsOf({ ...base, IDENTITY: 'github' })).toEqual([expect.stringMatching(/^GITHUB_CLIENT_ID/), expect.stringMatching(/^GITHUB_CLIENT_SECRET/)]);
  });

  it('hides secret values in messages', () => {
    const problems = problemsOf({ ...base, DATABASE_URL: 'oracle://u:hunter2@h/db' });
    expect(problems.join('\n')).toContain('DATABASE_URL');
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('builds server databases from DB_* with per-engine default ports', () => {
    const pg = loadConfig({ env: { ...base, DB_CONNECTION: 'postgresql', DB_DATABASE: 'k8s', DB_PASSWORD: 'p@ss' }, envFile: false });
    expect(pg.database).toMatchObject({ dialect: 'postgres', port: 5432, username: 'root', url: 'postgresql://root:p%40ss@localhost:5432/k8s' });
    const my = loadConfig({ env: { ...base, DB_CONNECTION: 'mysql', DB_DATABASE: 'k8s', DB_PORT: '3307' }, envFile: false });
    expect(my.database).toMatchObject({ dialect: 'mysql', port: 3307 });
    expect(problemsOf({ ...base, DB_CONNECTION: 'mysql' })).toEqual([expect.stringMatching(/^DB_DATABASE: missing/)]);
  });

  it('prefers DATABASE_URL over DB_*', () => {
    const c = loadConfig({
      env: { ...base, DB_CONNECTION: 'mysql', DATABASE_URL: 'postgres://u:s%3Acret@db.example:6543/elekto?sslmode=require' },
      envFile: false,
    });
    expect(c.database).toMatchObject({ dialect: 'postgres', host: 'db.example', port: 6543, database: 'elekto', username: 'u', password: 's:cret' });
    expect(c.database.dialect === 'postgres' && c.database.url).toBe('postgresql://u:s%3Acret@db.example:6543/elekto?sslmode=require');
    const s = loadConfig({ env: { ...base, DATABASE_URL: 'sqlite:///var/lib/elekto.db' }, envFile: false });
    expect(s.database).toEqual({ dialect: 'sqlite', path: '/var/lib/elekto.db' });
  });

  it('picks the git driver when META_REPO is set and needs META_REPO for git', () => {
    expect(loadConfig({ env: { ...base, META_REPO: 'https://github.com/o/meta' }, envFile: false }).meta.driver).toBe('git');
    expect(problemsOf({ ...base, META_DRIVER: 'git' })).toEqual([expect.stringMatching(/^META_REPO: missing/)]);
  });

  it('reads .env but lets the process environment win (unlike Elekto), and treats empty as unset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'elekto-env-'));
    writeFileSync(
      join(dir, '.env'),
      'APP_NAME=from-file\nAPP_PORT=6000\nELECTION_DIR=elections\nDB_CONNECTION=memory\nAPP_ENV=development\nIDENTITY=development\nMETA_BRANCH=\n',
    );
    const c = loadConfig({ cwd: dir, env: { APP_PORT: '7000' } });
    expect(c.app.name).toBe('from-file');
    expect(c.app.port).toBe(7000);
    expect(c.meta.branch).toBe('main');
    expect(c.meta.path).toBe(join(dir, 'meta'));
  });

  it('builds the demo without any .env: SQLite under .data, bundled meta, development sign-in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'elekto-demo-'));
    writeFileSync(join(dir, '.env'), 'APP_ENV=production\nDB_CONNECTION=postgresql\n');
    const c = loadConfig({ cwd: dir, env: { APP_PORT: '5050' }, demo: true });
    expect(c.demo).toBe(true);
    expect(c.app.production).toBe(false);
    expect(c.app.port).toBe(5050);
    expect(c.database).toEqual({ dialect: 'sqlite', path: join(dir, '.data', 'demo.sqlite') });
    expect(c.identity.provider).toBe('development');
    expect(c.meta.driver).toBe('directory');
    expect(c.meta.path).toMatch(/examples\/demo-meta$/);
    expect(c.app.key).toMatch(/^[0-9a-f]{64}$/);
    expect(loadConfig({ cwd: dir, env: {}, demo: true }).app.key).toBe(c.app.key);
  });
});

describe('sessions and cookies from the configuration', () => {
  it('gives sessions 24 hours from sign-in by default, SESSION_LIFETIME_HOURS otherwise', async () => {
    expect(loadConfig({ env: base, envFile: false }).app.sessionLifetimeMs).toBe(24 * 3600_000);
    expect(loadConfig({ env: { ...base, SESSION_LIFETIME_HOURS: '8' }, envFile: false }).app.sessionLifetimeMs).toBe(8 * 3600_000);
    expect(problemsOf({ ...base, SESSION_LIFETIME_HOURS: '0' })).toEqual([expect.stringMatching(/^SESSION_LIFETIME_HOURS: must be a whole number of hours/)]);
  });

  it('makes cookies Secure for an https APP_URL even without TRUST_PROXY, and passes the lifetime on', async () => {
    const { httpConfigOf } = await import('../../src/bootstrap/container/http-module.js');
    const prod = {
      ...base,
      APP_ENV: 'production',
      IDENTITY: 'github',
      GITHUB_CLIENT_ID: 'a',
      GITHUB_CLIENT_SECRET: 'b',
      META_SECRET: 's',
      APP_KEY: 'k'.repeat(40),
    };
    const https = httpConfigOf(loadConfig({ env: { ...prod, APP_URL: 'https://elections.example.org' }, envFile: false }));
    expect(https).toMatchObject({ trustProxy: false, secureCookies: true, sessionLifetimeMs: 24 * 3600_000 });
    expect(httpConfigOf(loadConfig({ env: { ...prod, APP_URL: 'http://localhost:5000' }, envFile: false })).secureCookies).toBe(false);
  });
});
