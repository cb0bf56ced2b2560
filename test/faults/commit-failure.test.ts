/**
 * Issue 10: a unit of work whose COMMIT fails (SQLite full, a constraint checked at commit, a
 * connection killed before its commit) must leave the connection clean, answer the voter with a 503
 * that says the ballot was not recorded, and never let a later request run inside a dead transaction.
 *
 * Through the real application on every database: ten voters vote; the fault is armed and twenty
 * more vote in a burst (some are refused); the fault is lifted and ten more vote; then the app is
 * restarted on the same database. Afterwards every acknowledged ballot ("thank you") opens with its
 * passphrase, every refused voter was told plainly and can vote again, and /ready said writes failed.
 * On SQLite this caught every later ballot being acknowledged inside a transaction that never
 * committed (TypeORM's transaction depth left at 1 after the failed COMMIT).
 */
import mysql from 'mysql2/promise';
import { openMigrated } from '../../src/adapters/persistence/typeorm/index.js';
import { TOKENS } from '../../src/bootstrap/tokens.js';
import { createThrowawayDatabase, DATABASE_KINDS, type ThrowawayDatabase } from '../support/databases.js';
import { csrfTokenIn, TestClient } from '../support/http/browser-client.js';
import { type RunningApp, startApp, writeElection } from './fault-app.js';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const KEY = 'commit-fault';
// 40 in the suite; COMMIT_FAULT_VOTERS=300 for the longer run reported in docs/load-and-faults.md.
const COUNT = Number(process.env['COMMIT_FAULT_VOTERS'] ?? 40);
const VOTERS = Array.from({ length: COUNT }, (_, i) => `voter-${String(i).padStart(3, '0')}`);
/** 10 vote before the fault, half of all while it lasts, the rest after it is lifted. */
const ARMED_FROM = 10;
const ARMED_TO = ARMED_FROM + Math.floor(COUNT / 2);
const CANDIDATES = ['ada', 'bob', 'cy'];
const VOTE = `/app/elections/${KEY}/vote`;
const PAGE = `/app/elections/${KEY}`;
const INTERNALS = /SQLITE|ECONN|P0001|ER_|QueryFailed|typeorm|SAVEPOINT|COMMIT|\bat .+\.(ts|js):\d+|127\.0\.0\.1:\d+|SELECT|INSERT/i;

interface Outcome {
  readonly login: string;
  readonly status: number;
  readonly location: string | null;
  readonly body: string;
}
const acknowledged = (o: Outcome): boolean => o.status === 302 && /\/confirmation$/.test(o.location ?? '');
const passphraseOf = (login: string) => `passphrase-of-${login}`;
const rankOf = (login: string, i: number) => ((i + Number(login.slice(-3))) % CANDIDATES.length) + 1;

/** How each database is made to fail at commit, and healed again. */
interface Fault {
  arm(): Promise<void>;
  disarm(): Promise<void>;
  /** The environment the app gets for this database. */
  readonly env: Record<string, string>;
}

/** A SQLite file on a tmpfs of its own (16 MiB), which a filler file makes full until it is removed. */
async function sqliteOnSmallDisk(): Promise<ThrowawayDatabase> {
  if (process.getuid?.() !== 0) throw new Error("This fault test mounts a small tmpfs: it needs root, as on the project's machines and in CI.");
  const mount = mkdtempSync(join(tmpdir(), 'elekto-full-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mount]);
  return {
    kind: 'sqlite',
    config: { dialect: 'sqlite', path: join(mount, 'elekto.sqlite') },
    raw: async () => undefined,
    drop: async () => {
      execFileSync('umount', [mount]);
      rmSync(mount, { recursive: true, force: true });
    },
  };
}

/** Writes zeros until the file system says ENOSPC. */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(4096);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
}

async function faultFor(db: ThrowawayDatabase): Promise<Fault> {
  const c = db.config;
  if (c.dialect === 'sqlite') {
    // WAL frames are written at COMMIT: with the disk full, the COMMIT is what fails (SQLITE_FULL).
    const filler = join(dirname(c.path), 'filler');
    return {
      env: { DB_CONNECTION: 'sqlite', DB_PATH: c.path },
      arm: async () => fillDisk(filler),
      disarm: async () => rmSync(filler, { force: true }),
    };
  }
  if (c.dialect === 'postgres') {
    // A constraint trigger checked at COMMIT: the statements pass, the commit is refused.
    await db.raw([
      'CREATE TABLE fault_switch (on_ boolean NOT NULL)',
      `CREATE FUNCTION refuse_when_armed() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN IF EXISTS (SELECT 1 FROM fault_switch) THEN RAISE EXCEPTION 'commit refused by the fault test'; END IF; RETURN NULL; END $$`,
      'CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON voter DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_when_armed()',
    ]);
    return {
      env: { DATABASE_URL: `postgresql://${c.username}@${c.host}:${c.port}/${c.database}`, DB_POOL_SIZE: '4' },
      arm: () => db.raw(['INSERT INTO fault_switch VALUES (true)']),
      disarm: () => db.raw(['DELETE FROM fault_switch']),
    };
  }
  // MariaDB has no deferred constraints: the backend is killed inside the cast's transaction, after
  // its last INSERT. While armed, a trigger on that INSERT waits for a named lock the test holds; a
  // sniper kills every connection of the app found waiting there.
  await db.raw([
    `CREATE TRIGGER hold_cast AFTER INSERT ON pending_ballot FOR EACH ROW BEGIN IF IS_USED_LOCK('${c.database}_hold') IS NOT NULL THEN DO GET_LOCK('${c.database}_hold', 30); END IF; END`,
  ]);
  let holder: mysql.Connection | null = null;
  let sniper: Promise<void> | null = null;
  return {
    env: { DATABASE_URL: `mysql://${c.username}@${c.host}:${c.port}/${c.database}`, DB_POOL_SIZE: '4' },
    arm: async () => {
      const conn = await mysql.createConnection({ host: c.host, port: c.port, user: c.username, password: c.password });
      holder = conn;
      await conn.query('DO GET_LOCK(?, 0)', [`${c.database}_hold`]);
      const watcher = await mysql.createConnection({ host: c.host, port: c.port, user: c.username, password: c.password });
      sniper = (async () => {
        try {
          while (holder) {
            const [rows] = await watcher.query("SELECT id FROM information_schema.processlist WHERE db = ? AND info LIKE 'DO GET_LOCK%'", [c.database]);
            for (const { id } of rows as Array<{ id: number }>) await watcher.query(`KILL CONNECTION ${Number(id)}`).catch(() => undefined);
            await sleep(5);
          }
        } finally {
          await watcher.end();
        }
      })();
    },
    disarm: async () => {
      const conn = holder;
      holder = null;
      await sniper;
      await conn?.end();
    },
  };
}

describe.each(DATABASE_KINDS)('a failed commit on %s', (kind) => {
  let db: ThrowawayDatabase;
  let meta: string;
  let running: RunningApp;
  let fault: Fault;

  beforeAll(async () => {
    db = kind === 'sqlite' ? await sqliteOnSmallDisk() : await createThrowawayDatabase(kind);
    const { dataSource } = await openMigrated(db.config);
    await dataSource.destroy();
    meta = mkdtempSync(join(tmpdir(), 'elekto-commit-fault-'));
    writeElection(meta, KEY, { name: 'Commit fault', voters: VOTERS, candidates: CANDIDATES });
    fault = await faultFor(db);
    running = await startApp({ ...fault.env, META_PATH: meta, SEAL_WORKERS: '2' });
  }, 60_000);

  afterAll(async () => {
    await fault?.disarm().catch(() => undefined);
    await running?.close();
    await db?.drop();
    if (meta) rmSync(meta, { recursive: true, force: true });
  }, 60_000);

  it('refuses with a clear 503, loses no acknowledged ballot and recovers', async () => {
    const clients = new Map(VOTERS.map((login) => [login, new TestClient(running.baseUrl)]));
    for (const [login, client] of clients) expect((await client.signInAs(login)).status).toBe(302);
    const cast = async (login: string): Promise<Outcome> => {
      const client = clients.get(login)!;
      const form = await client.get(VOTE);
      expect(form.status).toBe(200);
      const body = new URLSearchParams({ _csrf: csrfTokenIn(await form.text()), password: passphraseOf(login), password_confirm: passphraseOf(login) });
      CANDIDATES.forEach((c, i) => body.set(`candidate@${c}`, String(rankOf(login, i))));
      const res = await client.request('POST', VOTE, body);
      return { login, status: res.status, location: res.headers.get('location'), body: await res.text() };
    };
    const readyWrites = async () => ((await (await fetch(`${running.baseUrl}/ready`)).json()) as { writes?: { ok: boolean; detail: string } }).writes;

    const before: Outcome[] = [];
    for (const login of VOTERS.slice(0, ARMED_FROM)) before.push(await cast(login));
    expect(before.filter((o) => !acknowledged(o)).map(brief)).toEqual([]);
    expect(await readyWrites()).toEqual({ ok: true, detail: expect.any(String) });

    await fault.arm();
    const during: Outcome[] = [];
    const burst = VOTERS.slice(ARMED_FROM, ARMED_TO);
    for (let i = 0; i < burst.length; i += 4) during.push(...(await Promise.all(burst.slice(i, i + 4).map(cast))));
    const writesWhileFailing = await readyWrites();
    await fault.disarm();

    // Healed: every later vote goes through and is really stored (checked after the restart).
    const after: Outcome[] = [];
    for (const login of VOTERS.slice(ARMED_TO)) after.push(await cast(login));
    expect(after.filter((o) => !acknowledged(o)).map(brief)).toEqual([]);
    expect(await readyWrites()).toEqual({ ok: true, detail: expect.any(String) });

    const refused = during.filter((o) => !acknowledged(o));
    expect(refused.length).toBeGreaterThan(0);
    expect(writesWhileFailing).toEqual({ ok: false, detail: expect.stringMatching(/fail/) });
    for (const o of refused) {
      expect({ status: o.status, page: brief(o) }).toEqual({ status: 503, page: expect.stringMatching(/your ballot was not recorded.*try again/i) });
      expect(o.body).not.toMatch(INTERNALS);
    }
    // The operator reads why (a kind and the driver's words), never a ballot or a passphrase.
    const log = JSON.stringify(running.log.records);
    expect(log).toMatch(/WRITE_FAILED|STORE_UNAVAILABLE/);
    expect(log).not.toMatch(/SAVEPOINT|passphrase-of-|"parameters"/);

    // A restart on the same database: what was acknowledged is what is on disk.
    await running.close();
    running = await startApp({ ...fault.env, META_PATH: meta, SEAL_WORKERS: '2' });
    const fresh = new Map(VOTERS.map((login) => [login, new TestClient(running.baseUrl)]));
    for (const [login, client] of fresh) await client.signInAs(login);
    const acked = [...before, ...during, ...after].filter(acknowledged).map((o) => o.login);
    const lost: string[] = [];
    for (const login of acked) {
      const view = await fresh.get(login)!.submit(PAGE, `${PAGE}/vote/view`, { password: passphraseOf(login) });
      const html = await view.text();
      const ok = view.status === 200 && CANDIDATES.every((c, i) => new RegExp(`<td>${rankOf(login, i)}</td><td>Candidate ${c}`).test(html));
      if (!ok) lost.push(`${login} ${view.status}`);
    }
    expect({ acknowledged: acked.length, lost }).toEqual({ acknowledged: acked.length, lost: [] });

    // Every refused voter may vote again (and is not told they already voted).
    clients.clear();
    for (const [login, client] of fresh) clients.set(login, client);
    for (const o of refused) expect(brief(await cast(o.login))).toMatch(/confirmation/);
    const ballotBox = await running.app.get(TOKENS.BallotBox);
    expect(await ballotBox.countVoters(KEY)).toBe(VOTERS.length);
    expect(await ballotBox.countBallots(KEY)).toBe(VOTERS.length);
    console.log(
      `${kind}: ${VOTERS.length} voters; ${acked.length} acknowledged, all ${acked.length} open after the restart; ${refused.length} refused with 503 while the fault lasted, all of them voted again`,
    );
  }, 180_000);
});

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
