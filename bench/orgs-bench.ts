/**
 * Many organizations on one instance (issue 14, "Scale"): ORGANIZATIONS_FILE with N organizations
 * (default 1,000), each a plain folder with 5 generated elections of 8 candidates and 300 voters, on
 * PostgreSQL, served by two `elekto serve` replicas started together. Reports:
 *   - the full first sync: wall time until both replicas answer /health, and the spread of the
 *     organizations' recorded sync times in the database;
 *   - peak RSS per replica;
 *   - GET /o/<random org>/elections/<key> with autocannon (50 connections, 10 s) on one replica:
 *     req/s and p99 (the load generator runs on the same 2-core machine);
 *   - one organization's webhook sync (a renamed election pushed to replica A): its time, and the
 *     time until replica B serves the new name (B follows the recorded revision every SYNC_POLL_SECONDS).
 * Targets: sync < 60 s, RSS < 1 GiB, >= 2,000 req/s with p99 < 50 ms, webhook < 2 s, visible < 10 s.
 *
 *   npx tsx bench/orgs-bench.ts [--orgs 1000] [--connections 50] [--seconds 10] [--poll 10]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Request } from 'autocannon';
import { signBody } from '../src/adapters/http/webhook/index.js';
import { type AppProcess, benchEnv, loadAverage, ROOT, startAppProcess, throwawayPostgres } from './app-process.js';
import { generateMetaRepo } from './meta-parse-bench.js';

const { values } = parseArgs({
  options: {
    orgs: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    poll: { type: 'string', default: '10' },
  },
});
const ORGS = Number(values.orgs);
const ELECTIONS = 5;
const SHAPE = { elections: ELECTIONS, candidates: 8, voters: 300 };
const SECRET = 'bench-webhook-secret';
const TARGET = { syncS: 60, rssMiB: 1024, rps: 2000, p99: 50, webhookS: 2, visibleS: 10 };

const orgKey = (i: number) => `org-${i}`;
const electionKey = (e: number) => `${2000 + (e % 25)}---election-${e}`;

/** The generated organizations, reused while their number is the same. */
function generate(): { root: string; file: string } {
  const root = join(ROOT, 'bench', 'out', `orgs-${ORGS}`);
  const file = join(root, 'organizations.yaml');
  const marker = join(root, '.orgs.json');
  if (!existsSync(marker) || JSON.stringify(JSON.parse(readFileSync(marker, 'utf8'))) !== JSON.stringify({ orgs: ORGS, texts: 'per-org' })) {
    const t = performance.now();
    // Each organization's texts are its own, as real ones are: nothing is shared between them by chance.
    for (let i = 0; i < ORGS; i++) generateMetaRepo(join(root, 'meta', orgKey(i)), SHAPE, ` (${orgKey(i)})`);
    const lines = ['organizations:'];
    for (let i = 0; i < ORGS; i++) lines.push(`  - { key: ${orgKey(i)}, name: Organization ${i}, meta_secret_env: BENCH_META_SECRET }`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    writeFileSync(marker, JSON.stringify({ orgs: ORGS, texts: 'per-org' }));
    console.log(`generated ${ORGS} organizations x ${ELECTIONS} elections in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  return { root, file };
}

function rssMiB(app: AppProcess): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${app.child.pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function main(): Promise<number> {
  const { root, file } = generate();
  const db = await throwawayPostgres();
  const env = benchEnv({
    DATABASE_URL: db.url,
    DB_POOL_SIZE: '10',
    META_PATH: join(root, 'meta'),
    ORGANIZATIONS_FILE: file,
    BENCH_META_SECRET: SECRET,
    SYNC_POLL_SECONDS: values.poll,
  });
  const started = performance.now();
  const [a, b] = await Promise.all([startAppProcess(env, { readyWithinMs: 600_000 }), startAppProcess(env, { readyWithinMs: 600_000 })]);
  const upS = (performance.now() - started) / 1000;
  const missed: string[] = [];
  try {
    const spread = await db.query(
      'SELECT COUNT(*) AS n, EXTRACT(EPOCH FROM MAX(synced_at) - MIN(synced_at)) AS s FROM elekto_org_meta_sync WHERE revision IS NOT NULL',
    );
    const row = spread.rows[0] as { n: string; s: string | null };
    const synced = Number(row.n);
    const spreadS = Number(row.s);
    console.log(
      `first sync: ${synced} of ${ORGS} organizations recorded; both replicas up ${upS.toFixed(1)} s after start (boot, migrate and sync); ` +
        `recorded syncs spread over ${spreadS.toFixed(1)} s; load ${loadAverage()}`,
    );
    if (upS > TARGET.syncS || synced !== ORGS) missed.push('first sync');

    // Public pages of random organizations on replica A.
    const paths = Array.from(
      { length: 20_000 },
      () => `/o/${orgKey(Math.floor(Math.random() * ORGS))}/elections/${electionKey(Math.floor(Math.random() * ELECTIONS))}`,
    );
    let next = 0;
    const options = {
      url: a.baseUrl,
      connections: Number(values.connections),
      headers: { accept: 'text/html' },
      requests: [{ method: 'GET' as const, setupRequest: (req: Request): Request => ({ ...req, path: paths[next++ % paths.length]! }) }],
    };
    // Each organization's pages are built on its first request: visit every one once (8 at a time),
    // timed apart, so the measurement below is the steady state of a warm replica.
    const coldStart = performance.now();
    let cursor = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = cursor++; i < ORGS; i = cursor++) await (await fetch(`${a.baseUrl}/o/${orgKey(i)}/elections/${electionKey(0)}`)).text();
      }),
    );
    console.log(
      `first request to each organization (its pages built on first use): ${((performance.now() - coldStart) / ORGS).toFixed(1)} ms per organization, 8 at a time`,
    );
    await autocannon({ ...options, duration: 3 });
    const cpuBefore = a.cpuMs();
    const r = await autocannon({ ...options, duration: Number(values.seconds) });
    const cpuPerRequest = (a.cpuMs() - cpuBefore) / Math.max(1, r.requests.total);
    const bad = r.non2xx + r.errors + r.timeouts;
    console.log(
      `GET /o/<random org>/elections/<key> on replica A: ${r.requests.average.toFixed(0)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  max ${r.latency.max} ms ` +
        `(${r.requests.total} requests, ${bad} non-2xx/errors; server CPU ${cpuPerRequest.toFixed(2)} ms/request)`,
    );
    if (r.requests.average < TARGET.rps || r.latency.p99 >= TARGET.p99 || bad > 0) missed.push('public pages');

    // One organization's push: renamed election, webhook to A, then B follows.
    const org = orgKey(Math.floor(ORGS / 2));
    const key = electionKey(0);
    const yaml = join(root, 'meta', org, 'elections', '2000', 'election-0', 'election.yaml');
    const original = readFileSync(yaml, 'utf8');
    const renamed = `Renamed at ${Date.now()}`;
    writeFileSync(yaml, original.replace(/^name: .*$/m, `name: ${renamed}`));
    try {
      const body = JSON.stringify({ ref: 'refs/heads/main', after: 'bench', repository: { full_name: `${org}/meta` } });
      const t0 = performance.now();
      const res = await fetch(`${a.baseUrl}/o/${org}/v1/webhooks/meta/sync`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'X-GitHub-Event': 'push',
          'X-GitHub-Delivery': `bench-${Date.now()}`,
          'X-Hub-Signature-256': signBody(SECRET, body),
        },
      });
      const webhookS = (performance.now() - t0) / 1000;
      const onA = (await (await fetch(`${a.baseUrl}/o/${org}/elections/${key}`)).text()).includes(renamed);
      let visibleS = NaN;
      for (const deadline = performance.now() + 30_000; performance.now() < deadline;) {
        if ((await (await fetch(`${b.baseUrl}/o/${org}/elections/${key}`)).text()).includes(renamed)) {
          visibleS = (performance.now() - t0) / 1000;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      console.log(
        `webhook of ${org} on replica A: ${res.status} in ${webhookS.toFixed(2)} s (new name on A: ${onA}); visible on replica B ${visibleS.toFixed(1)} s after the push (SYNC_POLL_SECONDS=${values.poll})`,
      );
      if (res.status >= 300 || !onA || webhookS > TARGET.webhookS) missed.push('webhook');
      if (!(visibleS <= TARGET.visibleS)) missed.push('replica follow');
    } finally {
      writeFileSync(yaml, original);
    }

    const peaks = [a, b].map((x) => `peak ${x.peakRssMiB().toFixed(0)} MiB (now ${rssMiB(x).toFixed(0)} MiB)`);
    console.log(`replica A RSS ${peaks[0]}; replica B RSS ${peaks[1]}; load after ${loadAverage()}`);
    if (Math.max(a.peakRssMiB(), b.peakRssMiB()) > TARGET.rssMiB) missed.push('memory');
    console.log(missed.length === 0 ? 'every target met' : `TARGETS MISSED: ${missed.join(', ')}`);
    return missed.length > 0 && process.env['BENCH_STRICT'] === '1' ? 1 : 0;
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await db.drop();
  }
}

process.exitCode = await main();
