/**
 * For the HTTP benchmarks: `elekto serve` in a child process of its own (so the load generator and
 * the server do not share an event loop), a throwaway PostgreSQL database, the development sign-in
 * and the server's peak memory.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../test/support/free-port.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PG = { host: process.env['BENCH_PG_HOST'] ?? '127.0.0.1', port: Number(process.env['BENCH_PG_PORT'] ?? 5432), user: 'postgres', password: '' };

/** A fresh database on the local PostgreSQL server; `drop()` removes it. */
export async function throwawayPostgres(): Promise<{ url: string; name: string; query: (sql: string) => Promise<pg.QueryResult>; drop(): Promise<void> }> {
  const name = `elekto_bench_${randomBytes(5).toString('hex')}`;
  await withPg('postgres', (c) => c.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: `postgresql://${PG.user}@${PG.host}:${PG.port}/${name}`,
    query: (sql) => withPg(name, (c) => c.query(sql)),
    drop: async () => {
      await withPg('postgres', (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withPg<T>(database: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...PG, database });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface AppProcess {
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** Peak resident memory of the server process so far (VmHWM), in MiB. */
  peakRssMiB(): number;
  /** CPU time (user + system, all threads) the server process has used so far, in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** The environment every benchmark server gets; `extra` adds the database and the meta folder. */
export function benchEnv(extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '/tmp',
    APP_ENV: 'development',
    APP_KEY: randomBytes(32).toString('hex'),
    APP_NAME: 'bench.elections',
    IDENTITY: 'development',
    ELECTION_DIR: 'elections',
    SYNC_POLL_SECONDS: '0',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    ...extra,
  };
}

const children = new Set<ChildProcess>();
// A benchmark stopped by run-all's time limit (SIGTERM) or Ctrl-C must not leave a server behind.
process.once('exit', () => children.forEach((c) => c.kill('SIGKILL')));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));

/** `elekto migrate`, then `elekto serve` on a free port; resolves once it answers /health. */
export async function startAppProcess(env: Record<string, string>, options: { readyWithinMs?: number } = {}): Promise<AppProcess> {
  const bin = join(ROOT, 'bin', 'elekto.js');
  const migrated = spawnSync(process.execPath, [bin, 'migrate'], { cwd: ROOT, env, encoding: 'utf8' });
  if (migrated.status !== 0) throw new Error(`elekto migrate failed: ${migrated.stderr || migrated.stdout}`);
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
  const nodeArgs = (process.env['BENCH_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, bin, 'serve', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyWithinMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`elekto serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`elekto serve did not answer within ${Math.round((options.readyWithinMs ?? 60_000) / 1000)} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    child,
    peakRssMiB: () => {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    },
    cpuMs: () => {
      // Fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8')
        .replace(/^.*\) /, '')
        .split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A cookie jar of one: signs in through the development form and keeps the session cookie. */
export class Visitor {
  private cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  get cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, form?: URLSearchParams): Promise<Response> {
    const headers: Record<string, string> = { accept: 'text/html' };
    if (this.cookies.size > 0) headers['cookie'] = this.cookie;
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: form?.toString(), redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  }

  /** GETs `page`, posts `fields` with its CSRF token to `action`. */
  async submit(page: string, action: string, fields: Record<string, string>): Promise<Response> {
    const html = await (await this.request('GET', page)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`no CSRF token on ${page}`);
    return this.request('POST', action, new URLSearchParams({ ...fields, _csrf: token }));
  }

  async signIn(login: string): Promise<void> {
    const res = await this.submit('/login', '/oauth/development/login', { login, name: '' });
    if (res.status !== 302) throw new Error(`sign-in as ${login} answered ${res.status}`);
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
