import { KdfWorkerPool } from '../../../src/adapters/crypto/kdf-worker-pool.js';
import { ELEKTO_SCHEME_NAME } from '../../../src/adapters/shared/seal-scheme.js';
import { SodiumBallotSealer } from '../../../src/adapters/crypto/sodium-ballot-sealer.js';
import { openTypeOrmPersistence, type TypeOrmPersistence } from '../../../src/adapters/persistence/typeorm/index.js';
import type { StoredBallot } from '../../../src/application/ports/ballot-box.js';
import { PairwiseAccumulator, tally } from '../../../src/domain/tally/index.js';
import { DATABASE_KINDS, createThrowawayDatabase, type ThrowawayDatabase } from '../../support/databases.js';
import { ELEKTO_V2_DDL, placeholders, quote } from './elekto-shaped-database.js';
import { quoted, sqlRows } from '../../support/sql.js';

// A link sealed by Elekto itself (spec §7.5 test vector: PyNaCl, Argon2i13, opslimit 8, 512 MiB).
const SALT = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
const SEALED = Buffer.from(
  '000102030405060708090a0b0c0d0e0f1011121314151617ca1972d25400b349f856e94d35b7fd5dcf98049bf7e8698de2955ce2006b7ab4d6800f09931edd17705e10c8f9322add729dd2bf',
  'hex',
);
const ALICE_BALLOT = '0b7e9a34-5d1f-4c2e-9a8b-123456789abc';
const BOB_BALLOT = '5f0c6a1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b';
const DAVE_BALLOT = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const NO = 100000000;

/** Elekto v2 rows: GB election with 3 ballots (Alice's link sealed by Elekto), NTA with a request. */
function elektoRows(kind: ThrowawayDatabase['kind']): { sql: string[]; params: unknown[][] } {
  const rows: Array<[string, unknown[]]> = [
    [
      'INSERT INTO {user} (id, username, name, token, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      [1, 'Alice', 'Alice A.', 'gho_plaintext', '2021-05-01 10:00:00', '2021-05-01 10:00:00'],
    ],
    ['INSERT INTO {user} (id, username, name, created_at) VALUES (?, ?, ?, ?)', [2, 'bob', null, '2021-05-01 10:00:00']],
    ['INSERT INTO {user} (id, username, name, created_at) VALUES (?, ?, ?, ?)', [3, 'carol', 'Carol', '2021-05-01 10:00:00']],
    ['INSERT INTO {user} (id, username, name, created_at) VALUES (?, ?, ?, ?)', [4, 'dave', 'Dave', '2021-05-01 10:00:00']],
    [
      'INSERT INTO election (id, {key}, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      [1, '2021---GB', 'GB 2021', '2021-05-01 10:00:00', '2021-05-01 10:00:00'],
    ],
    ['INSERT INTO election (id, {key}, name) VALUES (?, ?, ?)', [2, 'name_the_app', 'Name the app']],
    [
      'INSERT INTO voter (id, user_id, election_id, created_at, updated_at, salt, ballot_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [1, 1, 1, '2021-06-08 12:00:00', '2021-06-08 12:00:00', SALT, SEALED],
    ],
    // Bob voted without a passphrase: Elekto sealed his link with a 6-digit code nobody was shown.
    [
      'INSERT INTO voter (id, user_id, election_id, created_at, salt, ballot_id) VALUES (?, ?, ?, ?, ?, ?)',
      [2, 2, 1, '2021-06-08 12:05:00', Buffer.alloc(16, 7), Buffer.alloc(76, 9)],
    ],
    [
      'INSERT INTO voter (id, user_id, election_id, created_at, salt, ballot_id) VALUES (?, ?, ?, ?, ?, ?)',
      [3, 4, 1, '2021-06-08 12:07:00', Buffer.alloc(16, 1), Buffer.alloc(76, 2)],
    ],
    [
      'INSERT INTO request (id, user_id, election_id, name, email, chat, description, comments, reviewed, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [1, 3, 1, 'Carol C.', 'carol@example.org', '@carol', 'Docs maintainer', 'thanks', false, '2021-06-01 09:00:00', '2021-06-01 09:00:00'],
    ],
  ];
  const ballots: Array<[string, string, number]> = [
    [ALICE_BALLOT, 'dims', 1],
    [ALICE_BALLOT, 'paris', 2],
    [ALICE_BALLOT, 'aaron', NO],
    [BOB_BALLOT, 'dims', 2],
    [BOB_BALLOT, 'paris', 1],
    [BOB_BALLOT, 'aaron', 3],
    [DAVE_BALLOT, 'dims', 1],
    [DAVE_BALLOT, 'paris', 3],
    [DAVE_BALLOT, 'aaron', 2],
  ];
  ballots.forEach(([voter, candidate, rank], i) =>
    rows.push([
      'INSERT INTO ballot (id, election_id, {rank}, candidate, voter) VALUES (?, ?, ?, ?, ?)',
      [(i + 1).toString(16).padStart(32, 'a'), 1, rank, candidate, voter],
    ]),
  );
  const sql = [...ELEKTO_V2_DDL[kind], 'INSERT INTO schema_version (version) VALUES (2)', ...rows.map(([s]) => placeholders(kind, quote(kind, s)))];
  const params = [...ELEKTO_V2_DDL[kind].map(() => []), [], ...rows.map(([, p]) => p)];
  return { sql, params };
}

async function collect(it: AsyncIterable<StoredBallot>): Promise<StoredBallot[]> {
  const out: StoredBallot[] = [];
  for await (const b of it) out.push(b);
  return out;
}

const pool = new KdfWorkerPool({ size: 2 });
afterAll(() => pool.close());

describe.each(DATABASE_KINDS)('an Elekto v2 database on %s', (kind) => {
  let database: ThrowawayDatabase;
  let p: TypeOrmPersistence;
  beforeAll(async () => {
    database = await createThrowawayDatabase(kind);
    const { sql, params } = elektoRows(kind);
    await database.raw(sql, params);
    p = await openTypeOrmPersistence(database.config, { migrate: true });
  });
  afterAll(async () => {
    await p?.close();
    await database?.drop();
  });

  it('keeps its users, elections and requests after our migrations', async () => {
    expect(await p.users.byLogin('alice')).toEqual({ id: 1, login: 'Alice', name: 'Alice A.', githubId: null });
    expect(await p.electionRecords.list()).toEqual([
      { key: '2021---GB', name: 'GB 2021', archived: false },
      { key: 'name_the_app', name: 'Name the app', archived: false },
    ]);
    const [request] = await p.exceptionRequests.list('2021---GB');
    expect(request).toMatchObject({ id: 1, login: 'carol', name: 'Carol C.', reviewed: false, decision: null, description: 'Docs maintainer' });
    expect(request!.createdAt.toISOString()).toBe('2021-06-01T09:00:00.000Z');
    expect(await p.ballotBox.countVoters('2021---GB')).toBe(3);
    expect(await p.ballotBox.countBallots('2021---GB')).toBe(3);
    // Elekto leaves link_scheme NULL: its links read as Elekto's scheme, which needs no APP_KEY.
    expect(await p.ballotBox.countLinksByScheme('2021---GB')).toEqual(new Map([[ELEKTO_SCHEME_NAME, 3]]));
  });

  it("overwrites the plaintext GitHub token Elekto kept, at the user's first sign-in here", async () => {
    const tokenOf = async () =>
      (await p.db.run(({ manager }) => sqlRows<{ token: string | null }>(manager, `SELECT token FROM ${quoted(manager, 'user')} WHERE id = 1`)))[0]!.token;
    expect(await tokenOf()).toBe('gho_plaintext');
    const user = await p.users.upsertFromSignIn('alice', 'Alice A.');
    expect(user.id).toBe(1);
    expect(await tokenOf()).toMatch(/^s1\./);
    expect(await tokenOf()).toBe(user.sessionToken);
  });

  it("leaves Elekto's user columns as Elekto wrote them: the login's case and the name (issue 13)", async () => {
    const row = async (id: number) =>
      (
        await p.db.run(({ manager }) =>
          sqlRows<{ username: string; name: string | null; login_normalised: string | null }>(
            manager,
            `SELECT username, name, login_normalised FROM ${quoted(manager, 'user')} WHERE id = ${id}`,
          ),
        )
      )[0]!;
    // The migration filled our own column for the rows Elekto wrote.
    expect(await row(1)).toEqual({ username: 'Alice', name: 'Alice A.', login_normalised: 'alice' });
    // The development sign-in types `alice` and no name: Elekto's `Alice` row is found and stays `Alice`, named.
    expect((await p.users.upsertFromSignIn('alice', null)).id).toBe(1);
    expect(await row(1)).toEqual({ username: 'Alice', name: 'Alice A.', login_normalised: 'alice' });
    // A new user is written as spelled, with the name given (Elekto's rows above took explicit ids).
    if (kind === 'postgres')
      await p.db.run(({ manager }) => sqlRows(manager, `SELECT setval(pg_get_serial_sequence('"user"', 'id'), (SELECT MAX(id) FROM "user"))`));
    const grace = await p.users.upsertFromSignIn('GraceH', 'Grace Hopper');
    expect(await row(grace.id)).toEqual({ username: 'GraceH', name: 'Grace Hopper', login_normalised: 'graceh' });
  });

  it('finds a row Elekto inserted after our migration (our column still empty there), whatever the case', async () => {
    await database.raw(
      [placeholders(kind, quote(kind, 'INSERT INTO {user} (id, username, name, created_at) VALUES (?, ?, ?, ?)'))],
      [[90, 'Erin-E', 'Erin E.', '2021-07-01 10:00:00']],
    );
    expect(await p.users.byLogin('erin-e')).toMatchObject({ id: 90, login: 'Erin-E', name: 'Erin E.' });
    expect(await p.users.upsertFromSignIn('ERIN-E', null)).toMatchObject({ id: 90, login: 'Erin-E', name: 'Erin E.' });
  });

  it("lets Elekto's user rows adopt the first GitHub id seen, keeping their ballots", async () => {
    // Elekto's own inserts advance the sequence; the rows above were written with explicit ids.
    if (kind === 'postgres')
      await p.db.run(({ manager }) => sqlRows(manager, `SELECT setval(pg_get_serial_sequence('"user"', 'id'), (SELECT MAX(id) FROM "user"))`));
    const bob = await p.users.upsertFromSignIn('bob', null, 424242);
    expect(bob).toMatchObject({ id: 2, githubId: 424242 });
    expect(bob.displaced).toBeUndefined();
    expect(await p.ballotBox.mark('2021---GB', 2)).not.toBeNull();
    // Then the login is recycled by another account: Bob's row (and his vote) stays his, under a tombstone.
    const newcomer = await p.users.upsertFromSignIn('bob', 'New Bob', 535353);
    expect(newcomer.id).not.toBe(2);
    expect(await p.ballotBox.mark('2021---GB', newcomer.id)).toBeNull();
    expect(await p.users.byId(2)).toMatchObject({ login: 'bob~2', githubId: 424242 });
  });

  it('tallies the ballots Elekto stored', async () => {
    const candidates = ['aaron', 'dims', 'paris'];
    const acc = new PairwiseAccumulator(candidates);
    for (const b of await collect(p.ballotBox.ballots('2021---GB'))) acc.addEntries(b.entries);
    const result = tally(acc.matrix(), { method: 'schulze', strength: 'winning', seats: 1 });
    expect(result.ballots).toBe(3);
    expect(result.winners).toEqual(['dims']);
    expect(result.pairwise.dims!.paris).toBe(2);
  });

  it('opens the link Elekto sealed with the voter passphrase, shows the ballot, then revokes it', async () => {
    const mark = await p.ballotBox.mark('2021---GB', 1);
    expect(mark?.link?.scheme).toBe(ELEKTO_SCHEME_NAME);
    // The link comes back bit for bit; opening is deterministic, so one real 512 MiB derivation
    // (on the first database) proves it for all three.
    expect(Buffer.from(mark!.link!.salt).equals(SALT)).toBe(true);
    expect(Buffer.from(mark!.link!.sealed).equals(SEALED)).toBe(true);
    const right = kind === DATABASE_KINDS[0] ? await new SodiumBallotSealer({ pool }).open('correct horse', mark!.link!) : ALICE_BALLOT;
    expect(right).toBe(ALICE_BALLOT);
    const ballot = await p.ballotBox.ballot('2021---GB', right!);
    expect([...ballot!.entries].sort((a, b) => a.candidate.localeCompare(b.candidate))).toEqual([
      { candidate: 'aaron', rank: NO },
      { candidate: 'dims', rank: 1 },
      { candidate: 'paris', rank: 2 },
    ]);
    await p.ballotBox.revoke('2021---GB', 1, right!);
    expect(await p.ballotBox.mark('2021---GB', 1)).toBeNull();
    expect(await p.ballotBox.countBallots('2021---GB')).toBe(2);
    // Alice may vote again; her new ballot follows Elekto's row layout.
    await p.ballotBox.cast({ electionKey: '2021---GB', userId: 1, ballotId: crypto.randomUUID(), entries: [{ candidate: 'paris', rank: 1 }], link: null });
    await expect(
      p.ballotBox.cast({ electionKey: '2021---GB', userId: 1, ballotId: crypto.randomUUID(), entries: [{ candidate: 'paris', rank: 1 }], link: null }),
    ).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
  }, 180_000);

  it('writes rows an older Elekto can still read (ballot.id 32 hex, ballot.voter with dashes)', async () => {
    const rows = await p.db.run(({ manager }) =>
      sqlRows<{ id: string; voter: string }>(manager, 'SELECT id, voter FROM ballot WHERE candidate = :candidate', { candidate: 'paris' }),
    );
    for (const r of rows) {
      expect(r.id).toMatch(/^[0-9a-f]{32}$/);
      expect(r.voter).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    const version = await p.db.run(({ manager }) => sqlRows<{ version: number }>(manager, 'SELECT version FROM schema_version'));
    expect(version.map((v) => Number(v.version))).toEqual([2]);
  });
});
