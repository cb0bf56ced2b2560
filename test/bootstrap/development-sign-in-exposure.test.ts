/**
 * The development sign-in (anyone becomes anyone, officers included) must not be offered to other
 * machines by accident (`APP_HOST=0.0.0.0 npm start`), and the demo must not share a webhook secret
 * with every other demo.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoEnv } from '../../src/bootstrap/config/demo-config.js';
import { loadConfig } from '../../src/bootstrap/config/load-config.js';
import { developmentSignInListenProblem, isLoopback } from '../../src/bootstrap/serve/listen-guard.js';

const BIN = fileURLToPath(new URL('../../bin/elekto.js', import.meta.url));
const base = { DB_CONNECTION: 'memory', ELECTION_DIR: 'elections', APP_ENV: 'development' };
const development = (extra: Record<string, string> = {}) => loadConfig({ env: { ...base, IDENTITY: 'development', ...extra }, envFile: false });

describe('where the development sign-in may listen', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1'])('allows loopback %s', (host) => {
    expect(isLoopback(host)).toBe(true);
    expect(developmentSignInListenProblem(development(), host)).toBeNull();
  });

  it.each(['0.0.0.0', '::', '192.0.2.10', 'fe80::1', 'elections.example.org', '::ffff:192.0.2.1'])('refuses %s, naming the opt-in variable', (host) => {
    expect(isLoopback(host)).toBe(false);
    const problem = developmentSignInListenProblem(development(), host);
    expect(problem).toContain(host);
    expect(problem).toContain('ALLOW_REMOTE_DEVELOPMENT_SIGN_IN=true');
  });

  it('serves it anywhere when the operator opts in, and never bothers GitHub sign-in', () => {
    expect(developmentSignInListenProblem(development({ ALLOW_REMOTE_DEVELOPMENT_SIGN_IN: 'true' }), '0.0.0.0')).toBeNull();
    const github = loadConfig({ env: { ...base, IDENTITY: 'github', GITHUB_CLIENT_ID: 'i', GITHUB_CLIENT_SECRET: 's' }, envFile: false });
    expect(developmentSignInListenProblem(github, '0.0.0.0')).toBeNull();
  });

  it('keeps the opt-in (and the refusal) in the demo, whose environment is otherwise its own', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'elekto-demo-env-'));
    try {
      const demo = (env: Record<string, string>) => loadConfig({ env, envFile: false, demo: true, cwd });
      expect(developmentSignInListenProblem(demo({ APP_HOST: '0.0.0.0' }), '0.0.0.0')).toContain('ALLOW_REMOTE_DEVELOPMENT_SIGN_IN');
      expect(developmentSignInListenProblem(demo({ APP_HOST: '0.0.0.0', ALLOW_REMOTE_DEVELOPMENT_SIGN_IN: '1' }), '0.0.0.0')).toBeNull();
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('`elekto serve --demo` on a non-loopback address stops before listening, with exit 78 and the variable named', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'elekto-demo-remote-'));
    try {
      const { NODE_OPTIONS: _jest, ...env } = process.env;
      // 192.0.2.10 (TEST-NET-1) is on no interface: nothing could listen there anyway, so only the
      // refusal's words tell whether the check ran.
      const child = spawn(process.execPath, [BIN, 'serve', '--demo', '--host', '192.0.2.10', '--port', '0'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c) => (stderr += c));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(78);
      expect(stderr).toContain('refusing to serve the development sign-in');
      expect(stderr).toContain('ALLOW_REMOTE_DEVELOPMENT_SIGN_IN=true');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('the demo webhook secret', () => {
  it('is random at each start, never a constant shared by every demo', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'elekto-demo-secret-'));
    try {
      const a = demoEnv({}, cwd).META_SECRET!;
      const b = demoEnv({}, cwd).META_SECRET!;
      expect(a).not.toBe('demo-webhook-secret');
      expect(a.length).toBeGreaterThanOrEqual(32);
      expect(b).not.toBe(a);
      // The operator's environment cannot set it either (it is not among the variables the demo keeps).
      expect(demoEnv({ META_SECRET: 'chosen' }, cwd).META_SECRET).not.toBe('chosen');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
