/**
 * Fairness under a burst (issue 11, "One voter must not slow everyone"): one eligible voter fires
 * 150 concurrent casts while 20 other voters cast one each, one every 250 ms (4 casts/s, well
 * within what two workers derive), against `elekto serve` on PostgreSQL with the default sealing.
 * Reports the 20 voters' cast latency (p50/p99/max; target p99 < 2 s), how the burst was answered
 * (statuses, how fast) and the ballots stored (the burster's one and the 20, none twice). The same
 * 20 voters first cast in a second election without any burst: that baseline shows what the
 * machine's load alone costs (the machine is shared), so the burst's own effect can be read off.
 *
 *   npx tsx bench/burst-fairness-bench.ts [--burst 150] [--voters 20] [--gap 250]
 *
 * Before the per-voter gate and the fair queue, the burst queued 150 key derivations in front of
 * everybody (~15 s of two cores). Exit 1 when a ballot is missing or doubled; a missed p99 target
 * fails only with BENCH_STRICT=1 (the machine is shared).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/bootstrap/config/load-config.js';
import { createLogger } from '../src/bootstrap/logger.js';
import { openApplication } from '../src/bootstrap/open-application.js';
import { TOKENS } from '../src/bootstrap/tokens.js';
import { benchEnv, loadAverage, percentile, ROOT, startAppProcess, throwawayPostgres, Visitor } from './app-process.js';
import { writeBenchElection } from './write-path-meta.js';

const { values } = parseArgs({
  options: { burst: { type: 'string', default: '150' }, voters: { type: 'string', default: '20' }, gap: { type: 'string', default: '250' } },
});
const BURST = Number(values.burst);
const VOTERS = Number(values.voters);
const GAP_MS = Number(values.gap);
const KEY = 'burst-fairness';
const QUIET = 'quiet-baseline';
const CANDIDATES = ['ada', 'bob', 'cy'];
const TARGET_P99_MS = 2000;

async function main(): Promise<number> {
  const meta = join(ROOT, 'bench', 'out', 'burst-fairness');
  rmSync(meta, { recursive: true, force: true });
  mkdirSync(meta, { recursive: true });
  const others = Array.from({ length: VOTERS }, (_, i) => `voter-${String(i).padStart(2, '0')}`);
  writeBenchElection(meta, KEY, ['burster', ...others], CANDIDATES);
  writeBenchElection(meta, QUIET, ['solo', ...others], CANDIDATES);
  const db = await throwawayPostgres();
  const sealing = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => k.startsWith('SEAL_') && v !== undefined)) as Record<string, string>;
  const env = benchEnv({ DATABASE_URL: db.url, META_PATH: meta, ...sealing });
  const app = await startAppProcess(env);
  try {
    const signedIn = async (login: string) => {
      const visitor = new Visitor(app.baseUrl);
      await visitor.signIn(login);
      return visitor;
    };
    const form = async (login: string, key: string, visitor: Visitor) => {
      const html = await (await visitor.request('GET', `/app/elections/${key}/vote`)).text();
      const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
      if (!token) throw new Error(`no ballot form for ${login}`);
      const body = new URLSearchParams({ _csrf: token, password: `correct horse ${login}`, password_confirm: `correct horse ${login}` });
      CANDIDATES.forEach((c, j) => body.set(`candidate@${c}`, String(j + 1)));
      return { visitor, body };
    };
    const burster = await form('burster', KEY, await signedIn('burster'));
    const prepared = await Promise.all(others.map(async (login) => form(login, KEY, await signedIn(login))));
    const quiet = await Promise.all(prepared.map(({ visitor }, i) => form(others[i]!, QUIET, visitor)));
    const castAll = (voters: typeof prepared, key: string) =>
      voters.map(async ({ visitor, body }, i) => {
        await new Promise((r) => setTimeout(r, i * GAP_MS));
        const t = performance.now();
        const res = await visitor.request('POST', `/app/elections/${key}/vote`, body);
        await res.arrayBuffer();
        return { status: res.status, ok: res.status === 302 && (res.headers.get('location') ?? '').endsWith('/confirmation'), ms: performance.now() - t };
      });
    const report = (label: string, answers: Array<{ ok: boolean; ms: number; status: number }>) => {
      const ms = answers.map((c) => c.ms).sort((a, b) => a - b);
      const refused = answers.filter((c) => !c.ok).map((c) => c.status);
      console.log(
        `${label}: ${answers.filter((c) => c.ok).length}/${answers.length} acknowledged${refused.length ? ` (refused: ${refused.join(', ')})` : ''}; p50 ${percentile(ms, 50).toFixed(0)} ms, ` +
          `p99 ${percentile(ms, 99).toFixed(0)} ms, max ${percentile(ms, 100).toFixed(0)} ms; load ${loadAverage()}`,
      );
      return percentile(ms, 99);
    };

    // The floor: one cast with nothing else going on (the key derivation is nearly all of it).
    const solo = await form('solo', QUIET, await signedIn('solo'));
    report('one cast alone', await Promise.all(castAll([solo], QUIET)));
    console.log(`baseline: ${VOTERS} voters, one every ${GAP_MS} ms, no burst; load ${loadAverage()}`);
    report('baseline, no burst', await Promise.all(castAll(quiet, QUIET)));

    console.log(`burst of ${BURST} casts by one voter, the same ${VOTERS} voters one every ${GAP_MS} ms in another election; load ${loadAverage()}`);

    const start = performance.now();
    const burst = Array.from({ length: BURST }, async () => {
      const res = await burster.visitor.request('POST', `/app/elections/${KEY}/vote`, burster.body);
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - start };
    });
    const casts = castAll(prepared, KEY);
    const [burstAnswers, voterAnswers] = await Promise.all([Promise.all(burst), Promise.all(casts)]);

    const byStatus = new Map<number, number>();
    for (const a of burstAnswers) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    const burstMs = burstAnswers.map((a) => a.ms).sort((a, b) => a - b);
    console.log(
      `burst answered by status ${JSON.stringify(Object.fromEntries(byStatus))}: half of the answers within ${percentile(burstMs, 50).toFixed(0)} ms, ` +
        `the last at ${percentile(burstMs, 100).toFixed(0)} ms`,
    );
    const p99 = report('with the burst', voterAnswers);
    console.log(`target p99 < ${TARGET_P99_MS} ms with the burst: ${p99 < TARGET_P99_MS ? 'met' : 'MISSED'}`);
    const acknowledged = voterAnswers.filter((c) => c.ok).length;
    await app.stop();
    const burstOk = burstAnswers.filter((a) => a.status === 302).length;
    const expected = burstOk + acknowledged;
    const ok = (await storedExactly(env, db, expected)) && burstOk <= 1;
    let failures = ok ? 0 : 1;
    if (process.env['BENCH_STRICT'] === '1' && p99 >= TARGET_P99_MS) failures++;
    return failures;
  } finally {
    await app.stop();
    await db.drop();
  }
}

/** The acknowledged ballots, each once, through the application's BallotBox (the pending pool included) and the marks in SQL. */
async function storedExactly(env: Record<string, string>, db: Awaited<ReturnType<typeof throwawayPostgres>>, expected: number): Promise<boolean> {
  const app = await openApplication(loadConfig({ env, envFile: false }), { logger: createLogger({ level: 'warn', format: 'json' }) });
  try {
    const box = await app.get(TOKENS.BallotBox);
    const ids = new Set<string>();
    let streamed = 0;
    for await (const b of box.ballots(KEY)) {
      streamed++;
      ids.add(b.ballotId);
    }
    const marks = (
      await db.query(
        `SELECT COUNT(*)::int AS n, COUNT(DISTINCT v.user_id)::int AS d FROM voter v JOIN election e ON e.id = v.election_id WHERE e."key" = '${KEY}'`,
      )
    ).rows[0] as { n: number; d: number };
    const ok = streamed === expected && ids.size === streamed && marks.n === expected && marks.d === expected;
    console.log(
      `stored: ${streamed} ballots (${ids.size} distinct), ${marks.n} voter marks (${marks.d} voters) for ${expected} acknowledged casts: ${ok ? 'all stored, none twice' : 'MISMATCH'}`,
    );
    return ok;
  } finally {
    await app.close();
  }
}

process.exitCode = (await main()) === 0 ? 0 : 1;
