import { randomUUID } from 'node:crypto';
import { openTypeOrmPersistence, type TypeOrmPersistence } from '../../../src/adapters/persistence/typeorm/index.js';
import { OwnBallotLink } from '../../../src/application/voting/own-ballot-link.js';
import type { Election } from '../../../src/domain/election/election.js';
import { anElection } from '../../support/builders/election-builder.js';
import { createThrowawayDatabase, type DatabaseKind, type ThrowawayDatabase } from '../../support/databases.js';
import { FakeBallotSealer } from '../../support/fake-ballot-sealer.js';
import { ADAPTERS, addElections, freshKey, openWorld, type PersistenceWorld } from './persistence-worlds.js';

const SERVER_DATABASES: readonly DatabaseKind[] = ['postgres', 'mariadb'];

const LIMIT = { maxAttempts: 3, windowMs: 60_000 };
/** Short enough to watch an attempt leave the window; long enough for three takes on a loaded machine. */
const SHORT = { maxAttempts: 3, windowMs: 2_000 };

describe.each(ADAPTERS)('PassphraseAttempts contract: %s', (adapter) => {
  let w: PersistenceWorld;
  beforeAll(async () => {
    w = await openWorld(adapter);
  });
  afterAll(() => w?.close());

  async function voterKey() {
    const electionKey = freshKey();
    await addElections(w, electionKey);
    const user = await w.users.upsertFromSignIn(`guesser-${electionKey}`, null);
    return { electionKey, userId: user.id };
  }

  it("allows maxAttempts in a window by the store's clock, then says when to retry", async () => {
    const key = await voterKey();
    const before = Date.now();
    for (let i = 0; i < 3; i++) expect(await w.passphraseAttempts.take(key, SHORT)).toEqual({ allowed: true });
    const after = Date.now();
    const refused = await w.passphraseAttempts.take(key, SHORT);
    if (refused.allowed) throw new Error('a fourth attempt within the window was allowed');
    // The store's clock is this machine's (the database servers run here): the first take's time + window.
    expect(refused.retryAt.getTime()).toBeGreaterThanOrEqual(before + SHORT.windowMs - 5);
    expect(refused.retryAt.getTime()).toBeLessThanOrEqual(after + SHORT.windowMs + 5);
    await new Promise((r) => setTimeout(r, Math.max(0, refused.retryAt.getTime() - Date.now()) + 50));
    expect(await w.passphraseAttempts.take(key, SHORT)).toEqual({ allowed: true });
  });

  it('forgets a voter after a success, and keeps voters apart', async () => {
    const key = await voterKey();
    const other = await voterKey();
    for (let i = 0; i < 3; i++) await w.passphraseAttempts.take(key, LIMIT);
    expect((await w.passphraseAttempts.take(key, LIMIT)).allowed).toBe(false);
    expect((await w.passphraseAttempts.take(other, LIMIT)).allowed).toBe(true);
    await w.passphraseAttempts.forget(key);
    expect((await w.passphraseAttempts.take(key, LIMIT)).allowed).toBe(true);
  });

  it('lets exactly maxAttempts through when guesses arrive at once', async () => {
    const key = await voterKey();
    const verdicts = await Promise.all(Array.from({ length: 100 }, () => w.passphraseAttempts.take(key, LIMIT)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(3);
  });
});

/**
 * The attack the limit is for, end to end below the HTTP layer: many wrong guesses at once, each
 * stamped by the process clock of whoever handles it, reaching the store in any order.
 */
describe.each(ADAPTERS)('passphrase guesses in parallel: %s', (adapter) => {
  let w: PersistenceWorld;
  beforeAll(async () => {
    w = await openWorld(adapter);
  });
  afterAll(() => w?.close());

  it('lets exactly 5 of 100 parallel wrong guesses reach the key derivation', async () => {
    const { electionKey, user } = await votedWithPassphrase(w, 'correct horse battery');
    const sealer = new FakeBallotSealer();
    const link = new OwnBallotLink(w.ballotBox, sealer, w.passphraseAttempts);
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) => link.open(electionOf(electionKey), user, `wrong guess ${i}`).catch((e: unknown) => (e as { code: string }).code)),
    );
    expect(sealer.opens).toBe(5);
    expect(outcomes.filter((c) => c === 'WRONG_PASSPHRASE')).toHaveLength(5);
    expect(outcomes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(95);
  });
});

/**
 * Two replicas of the application on one database. Their process clocks once mattered (each stamped
 * its attempts, ten minutes apart here let 7 through); the port now takes no time from its caller.
 */
describe.each(SERVER_DATABASES)('passphrase guesses across two replicas: %s', (kind) => {
  let database: ThrowawayDatabase;
  let replicas: TypeOrmPersistence[] = [];
  beforeAll(async () => {
    database = await createThrowawayDatabase(kind);
    replicas = [await openTypeOrmPersistence(database.config, { migrate: true }), await openTypeOrmPersistence(database.config)];
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    await database?.drop();
  });

  it('still lets exactly 5 of 100 wrong guesses through', async () => {
    const [a, b] = replicas as [TypeOrmPersistence, TypeOrmPersistence];
    const world = { ballotBox: a.ballotBox, users: a.users, electionRecords: a.electionRecords };
    const { electionKey, user } = await votedWithPassphrase(world, 'correct horse battery');
    const sealer = new FakeBallotSealer();
    const links = [new OwnBallotLink(a.ballotBox, sealer, a.passphraseAttempts), new OwnBallotLink(b.ballotBox, sealer, b.passphraseAttempts)];
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        links[i % 2]!.open(electionOf(electionKey), user, `wrong guess ${i}`).catch((e: unknown) => (e as { code: string }).code),
      ),
    );
    expect(sealer.opens).toBe(5);
    expect(outcomes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(95);
  });
});

async function votedWithPassphrase(w: Pick<PersistenceWorld, 'ballotBox' | 'users' | 'electionRecords'>, passphrase: string) {
  const electionKey = freshKey();
  await addElections(w as PersistenceWorld, electionKey);
  const user = await w.users.upsertFromSignIn(`voter-${electionKey}`, null);
  const ballotId = randomUUID();
  const link = await new FakeBallotSealer().seal(passphrase, ballotId);
  await w.ballotBox.cast({ electionKey, userId: user.id, ballotId, entries: [{ candidate: 'ada', rank: 1 }], link });
  return { electionKey, user };
}

function electionOf(key: string): Election {
  return anElection().key(key).candidates('ada').build();
}
