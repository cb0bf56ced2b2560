/**
 * Read-path benchmark (issue 7, "Load"): `elekto serve` in its own process over PostgreSQL, with a
 * generated catalog of 200 elections; autocannon, here, with 50 connections on each route in turn:
 *   GET /elections                 public list
 *   GET /elections/:key            public election page (the key cycles over all elections)
 *   GET /app/elections/:key        signed-in election page (development sign-in cookie; eligible voter)
 * Reports requests/s and latency percentiles per route, and the server's peak RSS.
 * Target (public pages, 2 cores): >= 2,000 req/s and p99 < 50 ms. Exit 1 when a target is missed
 * and BENCH_STRICT=1 (the machine is shared, so by default a miss is reported, not failed).
 *
 *   npx tsx bench/read-path-bench.ts [--elections 200] [--connections 50] [--seconds 10]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Request } from 'autocannon';
import { type AppProcess, benchEnv, loadAverage, ROOT, startAppProcess, throwawayPostgres, Visitor } from './app-process.js';
import { generateMetaRepo } from './meta-parse-bench.js';

const { values } = parseArgs({
  options: { elections: { type: 'string', default: '200' }, connections: { type: 'string', default: '50' }, seconds: { type: 'string', default: '10' } },
});
const elections = Number(values.elections);
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const TARGET = { rps: 2000, p99: 50 };

interface RouteResult {
  readonly route: string;
  readonly public: boolean;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly requests: number;
  readonly bad: number;
  /** Server CPU per request: what the route costs whatever else the machine is doing. */
  readonly cpuMsPerRequest: number;
}

/** The generated meta (10 candidates and 100 voters each), reused while its shape is the same. */
function metaRoot(): string {
  const root = join(ROOT, 'bench', 'out', `read-path-${elections}`);
  const shape = { elections, candidates: 10, voters: 100 };
  const marker = join(root, '.shape.json');
  if (!existsSync(marker) || (JSON.parse(readFileSync(marker, 'utf8')) as { elections?: number }).elections !== elections) generateMetaRepo(root, shape);
  return root;
}

/** Election keys as the catalog names them: the folder path under elections/ with `/` as `---`. */
function keys(): string[] {
  return Array.from({ length: elections }, (_, e) => `${2000 + (e % 25)}---election-${e}`);
}

async function measure(app: AppProcess, route: string, paths: readonly string[], cookie: string | null, isPublic: boolean): Promise<RouteResult> {
  let next = 0;
  const options = {
    url: app.baseUrl,
    connections,
    headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
    requests: [{ method: 'GET' as const, setupRequest: (req: Request): Request => ({ ...req, path: paths[next++ % paths.length]! }) }],
  };
  // A short warm-up (JIT, template cache, connection pool) that is not counted.
  await autocannon({ ...options, duration: Math.min(3, seconds) });
  const cpuBefore = app.cpuMs();
  const r = await autocannon({ ...options, duration: seconds });
  const cpu = app.cpuMs() - cpuBefore;
  return {
    route,
    public: isPublic,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    requests: r.requests.total,
    bad: r.non2xx + r.errors + r.timeouts,
    cpuMsPerRequest: cpu / Math.max(1, r.requests.total),
  };
}

async function main(): Promise<number> {
  const db = await throwawayPostgres();
  const app = await startAppProcess(benchEnv({ DATABASE_URL: db.url, META_PATH: metaRoot(), DB_POOL_SIZE: '10' }));
  try {
    const all = keys();
    const visitor = new Visitor(app.baseUrl);
    // Voter-0-0 is on the roll of the first election: the page shows the full voter view there.
    await visitor.signIn('Voter-0-0');
    const signedInPage = await visitor.request('GET', `/app/elections/${all[0]}`);
    if (signedInPage.status !== 200) throw new Error(`signed-in page answered ${signedInPage.status}`);
    const check = await fetch(`${app.baseUrl}/elections`);
    const listed = ((await check.text()).match(/href="\/elections\/[^"]+"/g) ?? []).length;
    console.log(`server up: ${all.length} elections (list links ${listed}); ${connections} connections, ${seconds} s per route; load ${loadAverage()}`);

    const results = [
      await measure(app, 'GET /elections', ['/elections'], null, true),
      await measure(
        app,
        'GET /elections/:key',
        all.map((k) => `/elections/${k}`),
        null,
        true,
      ),
      await measure(
        app,
        'GET /app/elections/:key',
        all.map((k) => `/app/elections/${k}`),
        visitor.cookie,
        false,
      ),
    ];
    let missed = 0;
    for (const r of results) {
      const ok = !r.public || (r.rps >= TARGET.rps && r.p99 < TARGET.p99);
      if (!ok) missed++;
      console.log(
        `${r.route.padEnd(26)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  max ${r.max} ms  ` +
          `(${r.requests} requests, ${r.bad} non-2xx/errors; server CPU ${r.cpuMsPerRequest.toFixed(2)} ms/request = ${(1000 / r.cpuMsPerRequest).toFixed(0)} req/s per idle core)${r.public ? (ok ? '  target met' : `  TARGET MISSED (>= ${TARGET.rps} req/s, p99 < ${TARGET.p99} ms)`) : ''}`,
      );
      if (r.bad > 0) missed++;
    }
    console.log(`server peak RSS ${app.peakRssMiB().toFixed(0)} MiB; load after ${loadAverage()}`);
    return missed > 0 && process.env['BENCH_STRICT'] === '1' ? 1 : 0;
  } finally {
    await app.stop();
    await db.drop();
  }
}

process.exitCode = await main();
