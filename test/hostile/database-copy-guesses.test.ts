/**
 * The attack of issue 11: someone holds a copy of the database (a backup, a replica, a leaked dump)
 * but not APP_KEY. With our own source code and libsodium they run the KDF recorded beside each link
 * over a list of likely passphrases. For a link of the old scheme a right guess opens the link and
 * names the ballot; for a peppered link (new default) no guess can be confirmed at all, because the
 * key also depends on a secret that is not in the database.
 */
import { randomUUID } from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';
import { KdfWorkerPool } from '../../src/adapters/crypto/kdf-worker-pool.js';
import { parseScheme, type SealScheme } from '../../src/adapters/shared/seal-scheme.js';
import { SodiumBallotSealer } from '../../src/adapters/crypto/sodium-ballot-sealer.js';
import { openTypeOrmPersistence, type TypeOrmPersistence } from '../../src/adapters/persistence/typeorm/index.js';
import { DATABASE_KINDS, createThrowawayDatabase, type ThrowawayDatabase } from '../support/databases.js';
import { sqlRows } from '../support/sql.js';

const APP_KEY = 'f3b1c0d9e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1';
const CHEAP: SealScheme = { algorithm: 'argon2id13', opsLimit: 1, memLimitBytes: 8 * 1024 * 1024 };
// A weak passphrase, the kind a dictionary attack finds; the attacker's list holds it.
const PASSPHRASE = 'sunshine2021';
const GUESSES = ['123456', 'password', 'letmein', PASSPHRASE, 'qwerty123'];
const ENTRIES = [
  { candidate: 'alice', rank: 1 },
  { candidate: 'bob', rank: 2 },
];

interface VoterRow {
  user_id: number;
  salt: Uint8Array;
  ballot_id: Uint8Array;
  link_scheme: string | null;
}

/** The attacker: the database copy, public code, no APP_KEY. Returns the ballot id a guess opens. */
function offlineGuess(row: VoterRow, guesses: readonly string[]): string | null {
  const scheme = parseScheme(row.link_scheme);
  const alg = scheme.algorithm === 'argon2i13' ? sodium.crypto_pwhash_ALG_ARGON2I13 : sodium.crypto_pwhash_ALG_ARGON2ID13;
  const sealed = new Uint8Array(row.ballot_id);
  for (const guess of guesses) {
    const key = sodium.crypto_pwhash(32, guess, new Uint8Array(row.salt), scheme.opsLimit, scheme.memLimitBytes, alg);
    try {
      return sodium.to_string(sodium.crypto_secretbox_open_easy(sealed.subarray(24), sealed.subarray(0, 24), key));
    } catch {
      // MAC mismatch: this guess is wrong (or cannot be checked); try the next one
    }
  }
  return null;
}

const pool = new KdfWorkerPool({ size: 1 });
afterAll(() => pool.close());

describe.each(DATABASE_KINDS)('a copy of the %s database, without APP_KEY', (kind) => {
  let database: ThrowawayDatabase;
  let p: TypeOrmPersistence;
  let oldBallot: string;
  let newBallot: string;
  let rows: VoterRow[];
  const server = new SodiumBallotSealer({ pool, scheme: CHEAP, serverSecret: APP_KEY });

  beforeAll(async () => {
    await sodium.ready;
    database = await createThrowawayDatabase(kind);
    p = await openTypeOrmPersistence(database.config, { migrate: true, ballotPool: { appKey: APP_KEY } });
    await p.electionRecords.syncAll([{ key: 'board', name: 'Board' }]);
    const oldVoter = await p.users.upsertFromSignIn('old-voter', null);
    const newVoter = await p.users.upsertFromSignIn('new-voter', null);
    oldBallot = randomUUID();
    newBallot = randomUUID();
    // A link written before this change (today's scheme: Argon2id, no server secret) ...
    const today = new SodiumBallotSealer({ pool, scheme: CHEAP });
    await p.ballotBox.cast({ electionKey: 'board', userId: oldVoter.id, ballotId: oldBallot, entries: ENTRIES, link: await today.seal(PASSPHRASE, oldBallot) });
    // ... and one written now, with the same weak passphrase.
    await p.ballotBox.cast({
      electionKey: 'board',
      userId: newVoter.id,
      ballotId: newBallot,
      entries: ENTRIES,
      link: await server.seal(PASSPHRASE, newBallot),
    });
    rows = await p.db.run(({ manager }) => sqlRows<VoterRow>(manager, 'SELECT user_id, salt, ballot_id, link_scheme FROM voter ORDER BY user_id'));
    rows = rows.map((r) => ({ ...r, user_id: Number(r.user_id) }));
    expect(rows).toHaveLength(2);
  }, 60_000);
  afterAll(async () => {
    await p?.close();
    await database?.drop();
  });

  it('confirms a right guess against a link of the old scheme (the attack works there)', () => {
    expect(offlineGuess(rows[0]!, GUESSES)).toBe(oldBallot);
  });

  it('cannot confirm the same right guess against a peppered link', () => {
    expect(rows[1]!.link_scheme).toMatch(/;pepper=[0-9a-f]{8}$/);
    expect(offlineGuess(rows[1]!, GUESSES)).toBeNull();
  });

  it('still lets the server, which holds APP_KEY, open both links with the passphrase', async () => {
    const mark = await p.ballotBox.mark('board', rows[1]!.user_id);
    expect(await server.open(PASSPHRASE, mark!.link!)).toBe(newBallot);
    expect(await server.open('password', mark!.link!)).toBeNull();
    const old = await p.ballotBox.mark('board', rows[0]!.user_id);
    expect(await server.open(PASSPHRASE, old!.link!)).toBe(oldBallot);
  });

  it('refuses, with a clear error and without a derivation, a peppered link under another APP_KEY', async () => {
    const mark = await p.ballotBox.mark('board', rows[1]!.user_id);
    const rotated = new SodiumBallotSealer({ pool, scheme: CHEAP, serverSecret: 'a-different-key-a-different-key-0123456789' });
    await expect(rotated.open(PASSPHRASE, mark!.link!)).rejects.toMatchObject({ code: 'NO_RECOVERABLE_LINK', message: expect.stringMatching(/APP_KEY/) });
  });
});
