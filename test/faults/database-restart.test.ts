/**
 * Issue 7, "Faults": PostgreSQL stopped and restarted in the middle of a casting burst.
 *
 * The app runs against a PostgreSQL server of this test's own (the shared one on 5432 is used by
 * other suites at the same time). Voters sign in and open the ballot form; then their votes are
 * posted one after another while the server is stopped (fast shutdown: every session is ended) and
 * started again. Afterwards:
 *  - every ballot acknowledged to a voter (a redirect to the confirmation page) is in the database, once;
 *  - what was refused during the outage was refused with a 503 page that says to try again and
 *    shows no internals, and /ready said the database was down;
 *  - the same process serves again without a restart: every refused voter can vote, and then each
 *    of them has exactly one ballot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openMigrated } from '../../src/adapters/persistence/typeorm/index.js';
import { TOKENS } from '../../src/bootstrap/tokens.js';
import { csrfTokenIn, TestClient } from '../support/http/browser-client.js';
import { type RunningApp, startApp, writeElection } from './fault-app.js';
import { canRunPrivatePostgres, PrivatePostgres } from './private-postgres.js';

const KEY = 'restart-vote';
const VOTERS = Array.from({ length: 60 }, (_, i) => `voter-${String(i).padStart(2, '0')}`);
const CANDIDATES = ['ada', 'bob', 'cy'];
const VOTE = `/app/elections/${KEY}/vote`;
/** What a page may never show a voter: driver codes, SQL, stack frames, connection details. */
const INTERNALS = /ECONN|57P0|terminat|postgres|typeorm|QueryFailed|\bat .+\.(ts|js):\d+|127\.0\.0\.1:\d+|SELECT|INSERT/i;

interface Outcome {
  readonly login: string;
  readonly status: number;
  readonly location: string | null;
  readonly body: string;
}

const acknowledged = (o: Outcome): boolean => (o.status === 302 || o.status === 303) && /\/confirmation$/.test(o.location ?? '');

describe('PostgreSQL restarted during a casting burst', () => {
  let server: PrivatePostgres;
  let running: RunningApp;
  let meta: string;

  beforeAll(async () => {
    // Never skipped: without a server of its own to stop, the test fails and says what it needs.
    if (!canRunPrivatePostgres()) {
      throw new Error("This fault test needs root and the PostgreSQL server binaries (initdb, pg_ctl), as on the project's machines and in CI.");
    }
    server = await PrivatePostgres.create();
    meta = mkdtempSync(join(tmpdir(), 'elekto-fault-meta-'));
    writeElection(meta, KEY, { name: 'Restart vote', voters: VOTERS, candidates: CANDIDATES });
    // `elekto migrate` is a separate step in production; the same migrations here.
    const { dataSource } = await openMigrated({
      dialect: 'postgres',
      host: '127.0.0.1',
      port: server.port,
      database: 'elekto',
      username: 'postgres',
      password: '',
    });
    await dataSource.destroy();
    running = await startApp({ DATABASE_URL: server.url, DB_POOL_SIZE: '8', META_PATH: meta, SEAL_WORKERS: '2' });
  }, 90_000);

  afterAll(async () => {
    await running?.close();
    await server?.destroy();
    if (meta) rmSync(meta, { recursive: true, force: true });
  }, 60_000);

  it('keeps every acknowledged ballot exactly once, refuses clearly during the outage and recovers', async () => {
    const { baseUrl } = running;
    const clients = new Map(VOTERS.map((login) => [login, new TestClient(baseUrl)]));
    const tokens = new Map<string, string>();
    for (const [login, client] of clients) {
      expect((await client.signInAs(login)).status).toBe(302);
      const form = await client.get(VOTE);
      expect(form.status).toBe(200);
      tokens.set(login, csrfTokenIn(await form.text()));
    }

    const cast = async (login: string, token: string): Promise<Outcome> => {
      const body = new URLSearchParams({ _csrf: token, password: `passphrase-of-${login}`, password_confirm: `passphrase-of-${login}` });
      CANDIDATES.forEach((c, i) => body.set(`candidate@${c}`, String(((i + login.length) % CANDIDATES.length) + 1)));
      const res = await clients.get(login)!.request('POST', VOTE, body);
      return { login, status: res.status, location: res.headers.get('location'), body: await res.text() };
    };

    // The burst: a vote every 50 ms, in three thirds. The server is stopped once a few votes of the
    // first third are acknowledged (others are still being sealed or written); the second third is
    // sent while it is down; it is started again once those are answered; the last third follows.
    const outcomes: Array<Promise<Outcome>> = [];
    const duringOutage: Array<Promise<Outcome>> = [];
    let ackedSoFar = 0;
    let stopped = false;
    let restarted = false;
    const third = VOTERS.length / 3;
    const burst = (async () => {
      for (const [i, login] of VOTERS.entries()) {
        while ((i >= third && !stopped) || (i >= 2 * third && !restarted)) await sleep(10);
        const outcome = cast(login, tokens.get(login)!).then((o) => ((ackedSoFar += acknowledged(o) ? 1 : 0), o));
        outcomes.push(outcome);
        if (i >= third && i < 2 * third) duringOutage.push(outcome);
        await sleep(50);
      }
    })();
    for (let waited = 0; ackedSoFar < 5; waited += 10) {
      if (waited > 60_000) throw new Error(`no votes acknowledged before the outage: ${JSON.stringify((await Promise.all(outcomes.slice(0, 3))).map(brief))}`);
      await sleep(10);
    }
    await server.stop('fast');
    stopped = true;
    // While it is down: probes and pages say so.
    const ready = await fetch(`${baseUrl}/ready`);
    const readyBody = (await ready.json()) as { ready: boolean; checks: Record<string, { ok: boolean; detail: string }> };
    const page = await clients.get(VOTERS[0]!)!.get(`/app/elections/${KEY}`);
    const pageBody = await page.text();
    while (duringOutage.length < third) await sleep(10);
    const outageOutcomes = await Promise.all(duringOutage);
    await server.start();
    restarted = true;
    await burst;
    const first = await Promise.all(outcomes);

    expect(ready.status).toBe(503);
    expect(readyBody.ready).toBe(false);
    expect(readyBody.checks['database']).toEqual({ ok: false, detail: expect.stringMatching(/unreachable/) });
    expect(page.status).toBe(503);
    expect(pageBody).toMatch(/try again/i);
    expect(pageBody).not.toMatch(INTERNALS);

    const acked = first.filter(acknowledged);
    const refused = first.filter((o) => !acknowledged(o));
    // The burst really straddled the outage: votes got through before and after, none during it.
    expect(acked.length).toBeGreaterThanOrEqual(5);
    expect(outageOutcomes.filter(acknowledged)).toEqual([]);
    for (const o of refused) {
      expect({ status: o.status, page: brief(o) }).toEqual({ status: 503, page: expect.stringMatching(/try again/i) });
      expect(o.body).not.toMatch(INTERNALS);
    }
    // The operator reads why in the log (the page does not say it).
    expect(running.log.records.some((r) => JSON.stringify(r).includes('The database is unavailable'))).toBe(true);

    // Recovered without a restart: the same process answers /ready and takes the refused votes.
    expect((await fetch(`${baseUrl}/ready`)).status).toBe(200);
    for (const o of refused) {
      const client = clients.get(o.login)!;
      const form = await client.get(VOTE);
      // A commit can land just before its connection is cut: then the voter has voted after all.
      if (form.status === 409) continue;
      expect(form.status).toBe(200);
      const retry = await cast(o.login, csrfTokenIn(await form.text()));
      expect(acknowledged(retry)).toBe(true);
    }

    // The database: one mark per voter, one ballot per mark, every acknowledged voter among them.
    const ballotBox = await running.app.get(TOKENS.BallotBox);
    expect(await ballotBox.countVoters(KEY)).toBe(VOTERS.length);
    expect(await ballotBox.countBallots(KEY)).toBe(VOTERS.length);
    const ballotIds = new Set<string>();
    for await (const b of ballotBox.ballots(KEY)) {
      expect(b.entries).toHaveLength(CANDIDATES.length);
      ballotIds.add(b.ballotId);
    }
    expect(ballotIds.size).toBe(VOTERS.length);
    const users = await running.app.get(TOKENS.Users);
    for (const o of acked) {
      const user = await users.byLogin(o.login);
      expect(await ballotBox.mark(KEY, user!.id)).not.toBeNull();
    }
    expect(await duplicateMarks(server)).toEqual([]);
  }, 120_000);
});

/** Straight from the database, past every adapter: (election, user) pairs with more than one mark. */
async function duplicateMarks(server: PrivatePostgres): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    const r = await client.query('SELECT election_id, user_id, COUNT(*) AS n FROM voter GROUP BY election_id, user_id HAVING COUNT(*) > 1');
    return r.rows;
  } finally {
    await client.end();
  }
}

/** Status and the page's main text, for failure messages. */
function brief(o: Outcome): string {
  const main = /<main[^>]*>([\s\S]*?)<\/main>/.exec(o.body)?.[1] ?? o.body;
  return `${o.login} ${o.status} ${o.location ?? ''} ${main
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300)}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
